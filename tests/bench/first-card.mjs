// `cargo xtask bench`: the widget's bundle size, the time from the host's
// mount() call to the first product card painted (a new viewer browsing with
// the publishable key beside a signed-in one whose token the page mints
// first), and the time from "Buy now" to the payment instructions on screen,
// in headless Chromium at a 360×640 phone viewport, unthrottled and as a
// low-end phone on slow 4G. Writes BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { PHONE, ROOT, launchBrowser, mintToken, startServer } from "../support.mjs";

const RUNS = Number(process.env.ETALASE_RUNS ?? 15);
/** Each run places an order and takes a unit: fewer runs than for the first card. */
const BUY_RUNS = Math.min(RUNS, 7);
const OUTPUT = process.env.ETALASE_BENCHMARKS ?? join(ROOT, "BENCHMARKS.md");
const PKG_Z = join(ROOT, "pkg");
/** The same widget built as one module, without parts, measured side by side in the same run. */
const PKG_ONE = process.env.ETALASE_PKG_ONE;

/** Lighthouse's mobile profile: slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), 4× CPU slowdown. */
const PROFILES = [
  { name: "unthrottled", cpu: 1, network: null },
  {
    name: "low-end phone, slow 4G",
    cpu: 4,
    network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  },
];

/** What a page fetches before the first card: the entry, the glue, the split loader, the main wasm. */
const FIRST_PART = ["index.js", "etalase.js", "__wasm_split.js", "etalase_bg.wasm"];

/** Each package file's size, raw and compressed: the first part's files, then each later part. */
function sizes(dir) {
  const measure = (file) => {
    const bytes = readFileSync(join(dir, file));
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const later = readdirSync(dir).filter((file) => /^(split_\w+|chunk_\d+)-[0-9a-f]{16}\.wasm$/.test(file)).sort();
  const total = (files) => files.reduce((sum, f) => ({
    raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli,
  }), { raw: 0, gzip: 0, brotli: 0 });
  const first = FIRST_PART.filter((file) => existsSync(join(dir, file))).map(measure);
  const parts = later.map(measure);
  return { first, parts, firstTotal: total(first), allTotal: total([...first, ...parts]) };
}

/**
 * A fresh phone context at 360×640. The demo's animated canvas stands in for a video that a real
 * host decodes in hardware; held still (prefers-reduced-motion), its main-thread drawing does not
 * count against the widget.
 */
function phoneContext(browser) {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    reducedMotion: "reduce",
  });
}

/** A page of `context` with the cache disabled, and its DevTools session. */
async function uncachedPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  return { page, cdp };
}

/**
 * One load of the demo page to its first card. A new viewer (`viewer`
 * null) mounts the widget with the publishable key at once; a viewer the
 * page remembers (`viewer` their id) is signed in, so the page mints their
 * token at its back-end first and mounts with it, as an app does for a
 * signed-in user, and the widget loads their cart beside the showcase.
 */
async function firstCard(browser, url, profile, viewer = null) {
  const context = await phoneContext(browser);
  if (viewer) await context.addInitScript((id) => localStorage.setItem("etalase-demo-viewer", id), viewer);
  const { page, cdp } = await uncachedPage(context);
  if (profile.network) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  let wasmTransferred = null;
  const wasmRequests = new Set();
  cdp.on("Network.responseReceived", (e) => e.response.url.endsWith("/etalase_bg.wasm") && wasmRequests.add(e.requestId));
  cdp.on("Network.loadingFinished", (e) => wasmRequests.has(e.requestId) && (wasmTransferred = e.encodedDataLength));

  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("etalase:mount-to-first-card").length > 0, null, {
    timeout: 60_000,
  });
  const timing = await page.evaluate(() => ({
    mountToCard: performance.getEntriesByName("etalase:mount-to-first-card")[0].duration,
    navigationToCard: performance.getEntriesByName("etalase:first-card")[0].startTime,
    cards: document.querySelector("#shop > *")?.shadowRoot?.querySelectorAll('[data-testid="product-card"]').length ?? 0,
  }));
  await context.close();
  if (timing.cards < 1) throw new Error("no product card was rendered");
  return { ...timing, wasmTransferred };
}

/** The stream and product "Buy now" is measured on, and its variant with the most units. */
const BUY_STREAM = "live-gaya-raka";
const BUY_PRODUCT = "prd-kaos-polos-combed-30s";

/**
 * From the tap on "Buy now" to the virtual account number on screen, for a
 * shopper with a saved address: the checkout opens and quotes, the shopper
 * picks "Virtual Account" and taps "Place order" as soon as each can be
 * tapped, and the order is placed. Timed in the page, from the tap's event to
 * the frame after the number appeared.
 */
async function buyNow(browser, url, profile, run) {
  const context = await phoneContext(browser);
  const viewer = `bench-buyer-${profile.cpu}-${run}-${Date.now()}`;
  await context.addInitScript((id) => localStorage.setItem("etalase-demo-viewer", id), viewer);
  const token = await mintToken(url, viewer);
  const saved = await fetch(`${url}/v1/addresses`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      recipient: "Bench", phone: "081234567890", province: "Jawa Barat", city: "Bandung",
      district: "Coblong", postal_code: "40132", street: "Jl. Dago No. 1",
    }),
  });
  if (saved.status !== 201) throw new Error(`POST /v1/addresses answered ${saved.status}`);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${url}/?stream=${BUY_STREAM}`);
  await page.locator(`[data-testid="product-card"][data-product-id="${BUY_PRODUCT}"]`).tap();
  const product = await (await fetch(`${url}/v1/products/${BUY_PRODUCT}`, {
    headers: { authorization: `Bearer ${token}` },
  })).json();
  const most = product.variants.reduce((a, b) => (b.stock > a.stock ? b : a));
  const sheet = page.locator('[data-testid="product-sheet"]');
  for (const value of most.option_values) {
    // A chosen chip tapped again is unchosen: tap only those not chosen yet.
    const chip = sheet.locator(`[data-testid="variant-option"][data-value="${value}"]`).first();
    if ((await chip.getAttribute("aria-checked")) !== "true") await chip.tap();
  }
  await sheet.locator('[data-testid="buy-now"]:not([disabled])').waitFor();
  if (profile.network) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  await page.evaluate(() => {
    window.__buyNowAt = null;
    document.addEventListener("click", (event) => (window.__buyNowAt ??= event.timeStamp), { capture: true, once: true });
  });
  await sheet.locator('[data-testid="buy-now"]').tap();
  const checkout = page.locator('[data-testid="checkout-sheet"]');
  await checkout.locator('[data-testid="payment-option"][data-method="virtual_account"]').tap();
  await checkout.locator('[data-testid="place-order"]:not([disabled])').tap({ timeout: 60_000 });
  await checkout.locator('[data-testid="va-number"]').waitFor({ timeout: 60_000 });
  const elapsed = await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => done(performance.now() - window.__buyNowAt))),
  );
  await context.close();
  return elapsed;
}

/**
 * From a tap on a card, the moment the first card shows and before the shop
 * part has been fetched (it is held back until the tap), to the product's
 * sheet with its stock on screen: what a shopper who taps at once waits for.
 */
async function tapBeforePrefetch(browser, url, profile) {
  const context = await phoneContext(browser);
  const { page, cdp } = await uncachedPage(context);
  let tapped;
  const tap = new Promise((resolve) => (tapped = resolve));
  await page.route(/split_shop-[0-9a-f]{16}\.wasm$/, async (route) => {
    await tap;
    await route.continue();
  });
  await page.goto(`${url}/?stream=${BUY_STREAM}`);
  const card = page.locator(`[data-testid="product-card"][data-product-id="${BUY_PRODUCT}"]`);
  await card.waitFor();
  if (profile.network) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  await page.evaluate(() => {
    window.__tapAt = null;
    document.addEventListener("click", (event) => (window.__tapAt ??= event.timeStamp), { capture: true, once: true });
  });
  await card.tap();
  tapped();
  await page.locator('[data-testid="product-sheet"] [data-testid="stock"]').waitFor({ timeout: 60_000 });
  const elapsed = await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => done(performance.now() - window.__tapAt))),
  );
  await context.close();
  return elapsed;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], p25: at(0.25), p75: at(0.75), max: sorted.at(-1) };
}

const ms = (n) => `${Math.round(n)} ms`;

const server = await startServer({ pkgDir: PKG_Z });
const oneServer = PKG_ONE ? await startServer({ pkgDir: PKG_ONE }) : null;
const browser = await launchBrowser();
const chromiumVersion = browser.version();
const results = [];
try {
  // One warm-up load so the server's first-request costs are not measured.
  await firstCard(browser, server.url, PROFILES[0]);
  if (oneServer) await firstCard(browser, oneServer.url, PROFILES[0]);
  for (const profile of PROFILES) {
    const runs = [];
    const tokenRuns = [];
    const oneRuns = [];
    // Alternated, so both flows and both builds see the same moments of a noisy machine.
    for (let i = 0; i < RUNS; i++) {
      runs.push(await firstCard(browser, server.url, profile));
      tokenRuns.push(await firstCard(browser, server.url, profile, `bench-viewer-${profile.cpu}-${i}`));
      if (oneServer) oneRuns.push(await firstCard(browser, oneServer.url, profile));
    }
    results.push({
      profile,
      mount: stats(runs.map((r) => r.mountToCard)),
      navigation: stats(runs.map((r) => r.navigationToCard)),
      token: {
        mount: stats(tokenRuns.map((r) => r.mountToCard)),
        navigation: stats(tokenRuns.map((r) => r.navigationToCard)),
      },
      wasmTransferred: runs[0].wasmTransferred,
      one: oneServer ? {
        mount: stats(oneRuns.map((r) => r.mountToCard)),
        navigation: stats(oneRuns.map((r) => r.navigationToCard)),
      } : null,
    });
    const { navigation, token } = results.at(-1);
    console.log(`${profile.name}: mount → first card median ${ms(results.at(-1).mount.median)}; ` +
      `page load → first card median ${ms(navigation.median)} with the publishable key, ${ms(token.navigation.median)} token first`);
  }
  for (const [index, profile] of PROFILES.entries()) {
    const runs = [];
    for (let i = 0; i < BUY_RUNS; i++) runs.push(await buyNow(browser, server.url, profile, i));
    results[index].buyNow = stats(runs);
    console.log(`${profile.name}: Buy now → payment instructions median ${ms(results[index].buyNow.median)}`);
    const taps = [];
    for (let i = 0; i < BUY_RUNS; i++) taps.push(await tapBeforePrefetch(browser, server.url, profile));
    results[index].coldTap = stats(taps);
    console.log(`${profile.name}: tap before the shop part → product sheet median ${ms(results[index].coldTap.median)}`);
  }
} finally {
  await browser.close();
  await server.stop();
  await oneServer?.stop();
}

const z = sizes(PKG_Z);
const one = PKG_ONE ? sizes(PKG_ONE) : null;
const bytes = (n) => `${n.toLocaleString("en-US")} B`;
const partRow = (part, m) => `| ${part} | \`${m.file}\` | ${bytes(m.raw)} | ${bytes(m.gzip)} | ${bytes(m.brotli)} |`;
const totalRow = (label, m) => `| **${label}** | | **${bytes(m.raw)}** | **${bytes(m.gzip)}** | **${bytes(m.brotli)}** |`;
const partOf = (file) => file.startsWith("split_") ? file.replace(/^split_(\w+)-.*/, "$1") : "chunk shared by parts";
const timeRow = (label, t) =>
  `| ${label} | ${ms(t.median)} | ${ms(t.p25)}–${ms(t.p75)} | ${ms(t.min)}–${ms(t.max)} |`;

const BEGIN = "<!-- widget benchmarks: written by `cargo xtask bench` -->";
const END = "<!-- end of widget benchmarks -->";
// Earlier runs stay in the history table, so every change can be read against the one before.
const HISTORY_HEAD = "| date | commit | first download, gzip | mount → first card (unthrottled) | mount → first card (slow 4G) |";
const previous = existsSync(OUTPUT) ? readFileSync(OUTPUT, "utf8") : "";
// Rows under this head or the one before it (whose third column, "wasm + JS gzip", was the whole
// widget: all of it came before the first card then).
const heads = [HISTORY_HEAD, HISTORY_HEAD.replace("first download, gzip", "wasm + JS gzip")];
const head = heads.find((candidate) => previous.includes(candidate));
const earlierRows = head
  ? previous.split(head)[1].split("\n").filter((line) => /^\| \d{4}-/.test(line))
  : [];
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const today = new Date().toISOString().slice(0, 10);
const historyRow = `| ${today} | ${commit} | ${z.firstTotal.gzip.toLocaleString("en-US")} B | ${ms(
  results[0].mount.median,
)} | ${ms(results[1].mount.median)} |`;

const section = `${BEGIN}
The widget's figures come from \`cargo xtask bench\` (${RUNS} runs per profile), measured on
${today} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"},
Chromium ${chromiumVersion}, Node.js ${process.version}. Rerun the command to reproduce them; it
rewrites this part of the file, down to the end of its history table.

## Bundle size

The widget as a host downloads it, in parts (decision 0007): the first part is what a page
fetches before the first card (the package's \`index.js\`, wasm-bindgen's glue, the split loader
and the main wasm); the shop part follows when the browser is idle after the first cards (or at
once on a tap), and only creator mode fetches the creator part. Built with the \`wasm-release\`
profile (opt-level "z", LTO, one codegen unit, \`panic = "abort"\`), split by \`wasm-split-cli\`,
the main module put through \`wasm-bindgen --remove-name-section --remove-producers-section\`
and each later part written again with its numbers in their shortest form, every module's
functions grouped by signature (decision 0007).
Compressed with gzip -9 and brotli -q 11; the server sends the \`.br\` (or \`.gz\`) files
\`cargo xtask build\` wrote.

| part | file | raw | gzip | brotli |
| --- | --- | ---: | ---: | ---: |
${z.first.map((m) => partRow("first", m)).join("\n")}
${totalRow("first part", z.firstTotal)}
${z.parts.map((m) => partRow(partOf(m.file), m)).join("\n")}
${totalRow("all parts", z.allTotal)}

${one ? `For comparison, the same widget built as one module (no parts): ${bytes(one.firstTotal.gzip)} gzip (${bytes(one.firstTotal.brotli)} brotli), all of it before the first card.\n\n` : ""}The main wasm went over the wire as ${results[0]?.wasmTransferred ? bytes(results[0].wasmTransferred) : "n/a"} per load here.

## Time to first product card

From the host's \`mount()\` call to the first product card painted (the second animation frame
after the widget's \`ready\` event), on the demo page at a 360×640 phone viewport with
\`deviceScaleFactor\` 2, a fresh browser context and the cache disabled for every run. The
demo's animated canvas, a stand-in for a video the host decodes in hardware, is held still
(\`prefers-reduced-motion: reduce\`) so its drawing on the main thread is not measured. The
showcase request to the server on loopback is included. "Page load" adds everything before
\`mount()\`: the page, the JS glue, and downloading and compiling the wasm.

The low-end phone profile is Lighthouse's mobile throttling, applied through the Chrome
DevTools Protocol: 150 ms round trip, 1.6 Mbps down, 750 kbps up
(\`Network.emulateNetworkConditions\`) and a 4× CPU slowdown (\`Emulation.setCPUThrottlingRate\`).

Two ways into the page, loaded in turn in one run (decision 0066): a new viewer, whom the page
mounts with the host's publishable key at once (the rows without a flow named), and a viewer
the page remembers as signed in ("token first"), whose shopper token the page mints at its
back-end (\`POST /demo/session\`) before \`mount()\`, and whose cart the widget loads beside the
showcase. Both pay the demo page's fetch of its publishable key (\`POST /demo/publishable-key\`),
which a real host writes into its page instead.

| profile | median | middle half | min–max |
| --- | ---: | ---: | ---: |
${results.map((r) => timeRow(`mount() → first card, ${r.profile.name}`, r.mount)).join("\n")}
${results.map((r) => timeRow(`page load → first card, ${r.profile.name}`, r.navigation)).join("\n")}
${results.map((r) => timeRow(`mount() → first card, token first, ${r.profile.name}`, r.token.mount)).join("\n")}
${results.map((r) => timeRow(`page load → first card, token first, ${r.profile.name}`, r.token.navigation)).join("\n")}
${results.filter((r) => r.one).map((r) => timeRow(`mount() → first card, one module, ${r.profile.name}`, r.one.mount)).join("\n")}
${results.filter((r) => r.one).map((r) => timeRow(`page load → first card, one module, ${r.profile.name}`, r.one.navigation)).join("\n")}

Side by side, page load → first card with the publishable key takes ${results.map((r) => `${(r.navigation.median / r.token.navigation.median).toFixed(2)}× the token-first flow's time ${r.profile.name === "unthrottled" ? "unthrottled" : "on the low-end profile"}`).join(" and ")}.
${results.some((r) => r.one) ? `\nMeasured side by side (alternating loads in one run), page load → first card with parts takes ${results.filter((r) => r.one).map((r) => `${(r.navigation.median / r.one.navigation.median).toFixed(2)}× the one module's time ${r.profile.name === "unthrottled" ? "unthrottled" : "on the low-end profile"}`).join(" and ")}.` : ""}

## Buy now to payment instructions

From the tap on "Buy now" in a product's sheet to the virtual account number on screen, for a
shopper with a saved address (${BUY_RUNS} runs per profile): the checkout opens, loads the
addresses and vouchers and quotes the line; the driver picks "Virtual Account" and taps "Place
order" as soon as each can be tapped (a person takes longer; the machine's part is what is
measured); the server places the order and the payment's instructions are drawn. Timed in the
page, from the tap's event to the next frame after the number appeared; throttled as above from
the tap on.

The shop part had arrived by the idle prefetch before the tap on the card, in a fresh context
with its cache empty. The second measure is the shopper who taps a card at once: the shop part
is held back until the tap, then fetched; timed from the tap to the product's sheet with its
stock on screen.

| profile | median | middle half | min–max |
| --- | ---: | ---: | ---: |
${results.map((r) => timeRow(`Buy now → instructions, ${r.profile.name}`, r.buyNow)).join("\n")}
${results.map((r) => timeRow(`tap before the shop part → product sheet, ${r.profile.name}`, r.coldTap)).join("\n")}

## History

One row per run of \`cargo xtask bench\`, newest last (medians).

${HISTORY_HEAD}
| --- | --- | ---: | ---: | ---: |
${[...earlierRows, historyRow].join("\n")}
${END}`;

// Replace the widget's part and keep every other section (server benchmarks) as it is.
const report = previous.includes(BEGIN) && previous.includes(END)
  ? previous.slice(0, previous.indexOf(BEGIN)) + section + previous.slice(previous.indexOf(END) + END.length)
  : `# Benchmarks\n\n${section}\n`;
writeFileSync(OUTPUT, report);
console.log(`wrote ${OUTPUT}`);
