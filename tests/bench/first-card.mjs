// `cargo xtask bench`: the widget's bundle size, and the time from the host's
// mount() call to the first product card painted, in headless Chromium at a
// 360×640 phone viewport, unthrottled and as a low-end phone on slow 4G.
// Writes BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { PHONE, ROOT, launchBrowser, startServer } from "../support.mjs";

const RUNS = Number(process.env.ETALASE_RUNS ?? 15);
const OUTPUT = process.env.ETALASE_BENCHMARKS ?? join(ROOT, "BENCHMARKS.md");
const PKG_Z = join(ROOT, "pkg");
const PKG_S = process.env.ETALASE_PKG_S;

/** Lighthouse's mobile profile: slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), 4× CPU slowdown. */
const PROFILES = [
  { name: "unthrottled", cpu: 1, network: null },
  {
    name: "low-end phone, slow 4G",
    cpu: 4,
    network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  },
];

function sizes(dir) {
  const measure = (file) => {
    const bytes = readFileSync(join(dir, file));
    return {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  return { wasm: measure("etalase_bg.wasm"), js: measure("etalase.js") };
}

async function firstCard(browser, url, profile) {
  // The demo's animated canvas stands in for a video that a real host decodes in hardware; held
  // still (prefers-reduced-motion), its main-thread drawing does not count against the widget.
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (profile.network) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  let wasmTransferred = null;
  const wasmRequests = new Set();
  cdp.on("Network.responseReceived", (e) => e.response.url.endsWith(".wasm") && wasmRequests.add(e.requestId));
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

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], p25: at(0.25), p75: at(0.75), max: sorted.at(-1) };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n) => `${Math.round(n)} ms`;

const server = await startServer({ pkgDir: PKG_Z });
const browser = await launchBrowser();
const chromiumVersion = browser.version();
const results = [];
try {
  // One warm-up load so the server's first-request costs are not measured.
  await firstCard(browser, server.url, PROFILES[0]);
  for (const profile of PROFILES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstCard(browser, server.url, profile));
    results.push({
      profile,
      mount: stats(runs.map((r) => r.mountToCard)),
      navigation: stats(runs.map((r) => r.navigationToCard)),
      wasmTransferred: runs[0].wasmTransferred,
    });
    console.log(`${profile.name}: mount → first card median ${ms(results.at(-1).mount.median)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const z = sizes(PKG_Z);
const s = PKG_S ? sizes(PKG_S) : null;
const sizeRow = (label, m) => `| ${label} | ${kib(m.raw)} | ${kib(m.gzip)} | ${kib(m.brotli)} |`;
const timeRow = (label, t) =>
  `| ${label} | ${ms(t.median)} | ${ms(t.p25)}–${ms(t.p75)} | ${ms(t.min)}–${ms(t.max)} |`;

const BEGIN = "<!-- widget benchmarks: written by `cargo xtask bench` -->";
const END = "<!-- end of widget benchmarks -->";
// Earlier runs stay in the history table, so every change can be read against the one before.
const HISTORY_HEAD = "| date | commit | wasm + JS gzip | mount → first card (unthrottled) | mount → first card (slow 4G) |";
const previous = existsSync(OUTPUT) ? readFileSync(OUTPUT, "utf8") : "";
const earlierRows = previous.includes(HISTORY_HEAD)
  ? previous.split(HISTORY_HEAD)[1].split("\n").filter((line) => /^\| \d{4}-/.test(line))
  : [];
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const today = new Date().toISOString().slice(0, 10);
const historyRow = `| ${today} | ${commit} | ${(z.wasm.gzip + z.js.gzip).toLocaleString("en-US")} B | ${ms(
  results[0].mount.median,
)} | ${ms(results[1].mount.median)} |`;

const section = `${BEGIN}
The widget's figures come from \`cargo xtask bench\` (${RUNS} runs per profile), measured on
${today} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"},
Chromium ${chromiumVersion}, Node.js ${process.version}. Rerun the command to reproduce them; it
rewrites this part of the file, down to the end of its history table.

## Bundle size

The widget as a host downloads it: \`pkg/etalase_bg.wasm\` and its JS glue \`pkg/etalase.js\`,
built with the \`wasm-release\` profile (opt-level "z", LTO, one codegen unit, \`panic = "abort"\`)
and \`wasm-bindgen --remove-name-section --remove-producers-section\`. Compressed with gzip -9 and
brotli -q 11.

| file | raw | gzip | brotli |
| --- | ---: | ---: | ---: |
${sizeRow("etalase_bg.wasm (opt-level \"z\", shipped)", z.wasm)}
${s ? sizeRow("etalase_bg.wasm (opt-level \"s\", for comparison)", s.wasm) + "\n" : ""}${sizeRow("etalase.js", z.js)}

The server sends the wasm compressed: ${results[0]?.wasmTransferred ? kib(results[0].wasmTransferred) : "n/a"} went over the wire per load here.

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

| profile | median | middle half | min–max |
| --- | ---: | ---: | ---: |
${results.map((r) => timeRow(`mount() → first card, ${r.profile.name}`, r.mount)).join("\n")}
${results.map((r) => timeRow(`page load → first card, ${r.profile.name}`, r.navigation)).join("\n")}

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
