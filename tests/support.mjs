// Shared helpers for the browser tests and benchmarks: a real etalase-server on
// a free loopback port with a fresh SQLite file, and Debian's Chromium driven by
// playwright-core.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where tests keep screenshots and other artifacts. */
export const ARTIFACTS = process.env.ETALASE_ARTIFACTS ?? join(ROOT, "target", "e2e");

/** The phone viewport the widget is designed for. */
export const PHONE = { width: 360, height: 640 };

/** The demo host's API key the test servers run with. */
export const DEMO_HOST_KEY = "e2e-demo-host-key";

/**
 * Starts etalase-server on 127.0.0.1 with a free port and a new database, in
 * demo mode, serving the site in `wwwDir` and the widget package in `pkgDir`.
 * Resolves to `{ url, database, stop }` once the server prints its listening
 * line; `database` is the SQLite file's path.
 */
export async function startServer({ pkgDir = join(ROOT, "pkg"), wwwDir = join(ROOT, "www") } = {}) {
  const bin = process.env.ETALASE_SERVER_BIN ?? join(ROOT, "target", "debug", "etalase-server");
  const dataDir = mkdtempSync(join(tmpdir(), "etalase-test-"));
  const database = join(dataDir, "etalase.db");
  const child = spawn(bin, [], {
    env: {
      ...process.env,
      ETALASE_ADDR: "127.0.0.1:0",
      DATABASE_URL: `sqlite://${database}`,
      ETALASE_WWW_DIR: wwwDir,
      ETALASE_PKG_DIR: pkgDir,
      ETALASE_DEMO: "1",
      ETALASE_DEMO_HOST_KEY: DEMO_HOST_KEY,
      RUST_LOG: process.env.RUST_LOG ?? "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start within 30 s")), 30_000);
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/listening on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening`));
    });
  });
  child.stdout.resume();
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, database, stop };
}

/**
 * Mints a token for `userId` the way a host's back-end does, with the demo
 * host's API key, and resolves to it.
 */
export async function mintToken(url, userId, role = "shopper") {
  const response = await fetch(`${url}/v1/host/sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_HOST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId, role }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/host/sessions answered ${response.status}`);
  return (await response.json()).token;
}

/**
 * The demo page's viewer and a token of theirs, minted as the host's
 * back-end does. A viewer still browsing with the publishable key is given
 * the id the page signs in with at their first action that needs a token.
 */
export async function demoViewer(page, url) {
  const id = await page.evaluate(() => {
    let viewer = localStorage.getItem("etalase-demo-viewer");
    if (!viewer) {
      viewer = `viewer-${crypto.randomUUID()}`;
      localStorage.setItem("etalase-demo-viewer", viewer);
    }
    return viewer;
  });
  return { id, token: await mintToken(url, id) };
}

/** GET `path` on the API with a bearer `token`, resolving to the parsed JSON body. */
export async function apiGet(url, token, path) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}

/** Launches Debian's Chromium headless, with a fresh profile and no background traffic. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.ETALASE_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A new page in a phone-shaped, touch-enabled context. */
export async function phonePage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "id-ID",
    ...options,
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  return page;
}

/** The path of an artifact named `name`, creating the folder. */
export function artifact(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Polls `check` every 25 ms until it returns a truthy value or `ms` pass; resolves to that value. */
export async function until(what, check, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Opens the demo on `streamId` in a new phone page and waits for its first card. */
export async function openStream(browser, url, streamId) {
  const page = await phonePage(browser);
  await page.goto(`${url}/?stream=${streamId}`);
  await page.locator('[data-testid="product-card"]').first().waitFor();
  return page;
}

/** Opens `productId`'s sheet, adds its preselected variant, waits for the badge to say `count`, and closes the sheet. */
export async function addToCart(page, productId, count) {
  await page.locator(`[data-testid="product-card"][data-product-id="${productId}"]`).tap();
  const sheet = page.locator('[data-testid="product-sheet"]');
  await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
  await until(`the badge to say ${count}`, async () =>
    (await page.locator('[data-testid="cart-badge"]').textContent()) === String(count));
  await page.locator('[data-testid="sheet-close"]').tap();
  await sheet.waitFor({ state: "hidden" });
}

/** Another buyer, through the API alone, buys `quantity` units of `variantId`. */
export async function buyOut(url, variantId, quantity) {
  const who = `rival-${variantId}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const token = await mintToken(url, who);
  const call = (method, path, body, headers = {}) => fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal((await call("PUT", `/v1/cart/items/${variantId}`, { quantity })).status, 200);
  const address = await (await call("POST", "/v1/addresses", {
    recipient: "Rival", phone: "081298765432", province: "DKI Jakarta", city: "Jakarta Selatan",
    district: "Tebet", postal_code: "12810", street: "Jl. Tebet Raya 1",
  })).json();
  const quote = await (await call("POST", "/v1/checkout/quote", {
    address_id: address.id, payment: { method: "qris" },
  })).json();
  const placed = await call("POST", "/v1/orders", { quote_id: quote.id }, { "idempotency-key": who });
  assert.equal(placed.status, 201, "the rival's order");
}

/**
 * A new buyer `who`, through the API alone, orders one unit of `productId`'s
 * first variant in stock from stream `streamId` (added to the cart there), with
 * live voucher `voucher` claimed and used if given. Resolves to the order's
 * goods total (its GMV) and `pay`, which pays it and resolves to when the
 * payment was asked for.
 */
export async function buyOnStream(url, streamId, productId, { who, voucher } = {}) {
  const token = await mintToken(url, who);
  const call = (method, path, body, headers = {}) => fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const product = await (await call("GET", `/v1/products/${productId}`)).json();
  const variant = product.variants.find((v) => v.stock > 0);
  assert.equal((await call("PUT", `/v1/cart/items/${variant.id}`, { quantity: 1, stream_id: streamId })).status, 200);
  if (voucher) assert.equal((await call("POST", `/v1/streams/${streamId}/vouchers/${voucher}/claim`)).status, 200);
  const address = await (await call("POST", "/v1/addresses", {
    recipient: "Dewi", phone: "081298765432", province: "DKI Jakarta", city: "Jakarta Selatan",
    district: "Tebet", postal_code: "12810", street: "Jl. Tebet Raya 1",
  })).json();
  const quote = await (await call("POST", "/v1/checkout/quote", {
    address_id: address.id, payment: { method: "qris" }, stream_id: streamId, vouchers: voucher ? [voucher] : [],
  })).json();
  const placed = await (await call("POST", "/v1/orders", { quote_id: quote.id }, { "idempotency-key": who })).json();
  const pay = async () => {
    const payingAt = Date.now();
    assert.equal((await call("POST", `/v1/demo/payments/${placed.payment.id}/pay`)).status, 200);
    return payingAt;
  };
  return { gmv: placed.orders[0].items.reduce((sum, item) => sum + item.line_total, 0), pay };
}

/** A Bandung address, field by field, as the checkout's form labels them: the
 * district found by a search (the option whose path starts with the text), the
 * village picked from the district's. */
export const BANDUNG = {
  "Nama penerima": "Sari Wulandari",
  "Nomor HP": "0812-3456-7890",
  "Kecamatan atau kota": "Coblong",
  "Kelurahan/Desa": "Dago",
  "Alamat lengkap": "Jl. Dago No. 12, RT 03/RW 05",
};

/** The address form's labels in English, by their Indonesian ones. */
const ENGLISH_LABELS = {
  "Nama penerima": "Recipient's name",
  "Nomor HP": "Mobile number",
  "Kecamatan atau kota": "District or city",
  "Kelurahan/Desa": "Village (kelurahan/desa)",
  "Alamat lengkap": "Street address",
};

/**
 * Finds `text` in the address form's district-or-city search and taps the
 * option whose path starts with it (`Coblong`, `Sukajadi, Kota Bandung`);
 * resolves once the village picker has its list.
 */
export async function pickDistrict(form, text, label = "Kecamatan atau kota") {
  await form.getByRole("combobox", { name: label, exact: true }).fill(text);
  const wanted = text.toLowerCase();
  const option = form.locator('[data-testid="region-option"]').filter({
    has: form.page().locator(".region-name"),
  });
  const index = await until(`an option for ${text}`, async () => {
    const labels = await option.evaluateAll((all) => all.map((o) =>
      [o.querySelector(".region-name"), o.querySelector(".region-above")].filter(Boolean).map((e) => e.textContent).join(", ")));
    const at = labels.findIndex((path) => `${path.toLowerCase()},`.startsWith(`${wanted},`));
    return at >= 0 ? at + 1 : 0;
  });
  await option.nth(index - 1).tap();
  await form.locator('[data-testid="address-village"]:not([disabled])').waitFor();
}

/** Fills the form's fields from `fields`, labels found in `locale`. */
async function fill(form, fields, locale) {
  const label = (text) => (locale === "en-US" ? ENGLISH_LABELS[text] : text);
  for (const [text, value] of Object.entries(fields)) {
    if (text === "Kecamatan atau kota") await pickDistrict(form, value, label(text));
    else if (text === "Kelurahan/Desa") await form.getByLabel(label(text), { exact: true }).selectOption({ label: value });
    else await form.getByLabel(label(text), { exact: true }).fill(value);
  }
  await form.locator('[data-testid="postal-code"]').waitFor();
}

/** Fills the checkout's new-address form with `fields` (by label, `BANDUNG` by default); resolves to the form. */
export async function fillAddress(page, fields = {}) {
  const form = page.locator('[data-testid="address-form"]');
  await form.waitFor();
  await fill(form, { ...BANDUNG, ...fields }, "id-ID");
  return form;
}

/** Fills the new-address form with `BANDUNG`, its fields found by their labels in `locale`; resolves to the form. */
export async function fillAddressIn(page, locale) {
  const form = page.locator('[data-testid="address-form"]');
  await form.waitFor();
  await fill(form, BANDUNG, locale);
  return form;
}

/** The first stream of the demo catalogue and a product of its showcase in stock: `{ streamId, productId }`. */
export async function firstStreamAndProduct(url) {
  const token = await mintToken(url, "e2e-catalogue-reader");
  const { streams } = await apiGet(url, token, "/v1/streams");
  const showcase = await apiGet(url, token, `/v1/streams/${streams[0].id}/products`);
  return { streamId: streams[0].id, productId: showcase.products.find((card) => card.stock > 0).id };
}

/** axe-core's script, from the test tools' lock. */
const AXE = readFileSync(join(ROOT, "tests", "node_modules", "axe-core", "axe.min.js"), "utf8");

/** The rules that apply: WCAG 2.0 and 2.1, levels A and AA. None is switched off. */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core's violations on `page` as it is now, each as "rule (impact): target, …".
 * axe reaches into the widget's open shadow root by itself.
 */
export async function violations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === "object");
  if (!loaded) await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
      // The page's own document and the widget's shadow root; the frames (the
      // studio's preview is the demo page audited above) are not reached.
      iframes: false,
    });
    return result.violations.flatMap((violation) => violation.nodes.map((node) =>
      `${violation.id} (${violation.impact}) at ${JSON.stringify(node.target)}: ` +
      node.failureSummary.replace(/\s*\n\s*/g, " ")));
  }, WCAG_21_AA);
  return found;
}

/**
 * The first variant, over every stream's showcase, for which `wanted(variant,
 * product)` holds: `{ stream, detail, variant }`, or `undefined`.
 */
export async function findVariant(url, wanted) {
  const token = await mintToken(url, "e2e-variant-finder");
  const { streams } = await apiGet(url, token, "/v1/streams");
  for (const stream of streams) {
    const showcase = await apiGet(url, token, `/v1/streams/${stream.id}/products`);
    for (const card of showcase.products) {
      const detail = await apiGet(url, token, `/v1/products/${card.id}`);
      const variant = detail.variants.find((variant) => wanted(variant, detail));
      if (variant) return { stream, detail, variant };
    }
  }
  return undefined;
}

/**
 * Opens `found` (from `findVariant`) on its stream in `page`, its variant
 * chosen in the product's sheet; resolves to the sheet.
 */
export async function openVariant(page, url, found) {
  await page.goto(`${url}/?stream=${encodeURIComponent(found.stream.id)}`);
  await page.locator(`[data-testid="product-card"][data-product-id="${found.detail.id}"]`).tap();
  const sheet = page.locator('[data-testid="product-sheet"]');
  await sheet.locator('[data-testid="stock"]').waitFor();
  const groups = sheet.locator('[role="radiogroup"]');
  for (const [axis, value] of found.variant.option_values.entries()) {
    const chip = groups.nth(axis).getByRole("radio", { name: value, exact: true });
    if ((await chip.getAttribute("aria-checked")) !== "true") await chip.tap();
  }
  return sheet;
}
