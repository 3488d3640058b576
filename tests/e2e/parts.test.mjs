// The widget in parts, as the network sees it at a phone viewport: the first
// cards need only the first part; the shop arrives after them (prefetched when
// the browser is idle, or at once on a tap); creator mode and the shopper
// never fetch each other's part; a part that cannot be fetched says so in
// place, with a retry that works; the cart button never leaves the page while
// the shop's own takes its place.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { artifact, launchBrowser, mintToken, phonePage, startServer, until } from "../support.mjs";

/** The package file a request fetched (`split_shop` for a hashed part), or null. */
function packageFile(url) {
  const match = /\/pkg\/([^?]+)$/.exec(new URL(url).pathname);
  return match ? match[1].replace(/-[0-9a-f]{16}\.wasm$/, ".wasm") : null;
}

/** Records the package files the page's own frame fetches, in order. */
function recordPackage(page) {
  const fetched = [];
  page.on("request", (request) => {
    const file = packageFile(request.url());
    if (file && request.frame() === page.mainFrame()) fetched.push(file);
  });
  return fetched;
}

const FIRST_PART = ["__wasm_split.js", "etalase.js", "etalase_bg.wasm", "index.js"];

describe("parts loaded on intent", () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the first cards need only the first part; the shop follows when idle, the creator part never", async () => {
    const page = await phonePage(browser);
    const fetched = recordPackage(page);
    await page.addInitScript(() =>
      addEventListener("etalase:ready", () => (window.readyAt = performance.now()), { capture: true, once: true }));
    await page.goto(server.url);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await page.waitForFunction(() => window.readyAt !== undefined);
    // What the page had asked for by the time the first cards were drawn (`ready`).
    const beforeCard = await page.evaluate(() =>
      [...new Set(performance.getEntriesByType("resource")
        .filter((entry) => entry.startTime <= window.readyAt && new URL(entry.name).pathname.startsWith("/pkg/"))
        .map((entry) => new URL(entry.name).pathname.slice(5).replace(/-[0-9a-f]{16}\.wasm$/, ".wasm")))].sort());
    assert.deepEqual(beforeCard, FIRST_PART, "only the first part before the first card");

    // Nobody taps: the shop part arrives by itself once the browser is idle.
    await until("the shop part to be prefetched", () => fetched.includes("split_shop.wasm"));
    assert.ok(!fetched.includes("split_creator.wasm"), "a shopper never fetches the creator part");

    // The shop, prefetched, opens a product at once.
    await page.locator('[data-testid="product-card"]').nth(1).tap();
    await page.locator('[data-testid="product-sheet"] [data-testid="stock"]').waitFor();
    await page.context().close();
  });

  test("the cart button never leaves the page while the shop's takes its place", async () => {
    const page = await phonePage(browser);
    await page.addInitScript(() => {
      // Counts the page's tasks, and notes in which task a cart button came or went.
      window.tasks = 0;
      window.cartButtons = [];
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.tasks += 1;
        channel.port2.postMessage(null);
      };
      channel.port2.postMessage(null);
      const isCart = (node) => node.nodeType === 1 &&
        (node.matches("[data-testid=cart-button]") || node.querySelector("[data-testid=cart-button]") !== null);
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        new MutationObserver((changes) => {
          for (const change of changes) {
            for (const node of change.addedNodes) if (isCart(node)) window.cartButtons.push(["added", window.tasks]);
            for (const node of change.removedNodes) if (isCart(node)) window.cartButtons.push(["removed", window.tasks]);
          }
        }).observe(root, { childList: true, subtree: true });
        return root;
      };
    });
    await page.goto(server.url);
    await until("the shop's cart button", async () =>
      (await page.evaluate(() => window.cartButtons.filter(([what]) => what === "removed").length)) === 1);
    const log = await page.evaluate(() => window.cartButtons);
    const removedIn = log.find(([what]) => what === "removed")[1];
    const addedBefore = log.filter(([what, task]) => what === "added" && task === removedIn).length;
    assert.ok(addedBefore >= 1, `the shop's button arrives in the task the first part's goes: ${JSON.stringify(log)}`);
    assert.equal(await page.locator('[data-testid="cart-button"]').count(), 1, "one cart button");
    await page.context().close();
  });

  test("a tap before the shop has arrived fetches it at once and opens that product", async () => {
    const page = await phonePage(browser);
    const fetched = recordPackage(page);
    // Hold the shop part back until the shopper has tapped.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/split_shop-[0-9a-f]{16}\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    const productRequests = [];
    page.on("request", (request) => {
      // The product's detail, not the videos that feature it (asked once the sheet shows).
      if (/^\/v1\/products\/[^/]+$/.test(new URL(request.url()).pathname)) productRequests.push(request.url());
    });
    await page.goto(server.url);
    const card = page.locator('[data-testid="product-card"]').nth(1);
    await card.waitFor();
    const productId = await card.getAttribute("data-product-id");
    await card.tap();
    // The wait shows as the product sheet's skeleton, not as nothing.
    await page.locator('[data-testid="part-sheet"] [data-testid="skeleton"]').waitFor();
    await page.screenshot({ path: artifact("part-waiting.png") });
    // The product is asked for alongside the part, not after it.
    await until("the product's request", () => productRequests.length === 1);
    release();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="stock"]').waitFor();
    assert.equal(await page.locator('[data-testid="part-sheet"]').count(), 0, "the placeholder is gone");
    const token = await mintToken(server.url, "e2e-parts-reader");
    const detail = await (await fetch(`${server.url}/v1/products/${productId}`, {
      headers: { authorization: `Bearer ${token}` },
    })).json();
    assert.ok((await sheet.innerText()).includes(detail.name), "the tapped product opens");
    assert.ok(fetched.includes("split_shop.wasm"));
    assert.equal(productRequests.length, 1, "the sheet took the answer asked for ahead");
    await page.context().close();
  });

  test("a shop part that cannot be fetched says so in place; the retry fetches it and opens the product", async () => {
    const page = await phonePage(browser);
    await page.addInitScript(() => {
      window.hostErrors = [];
      addEventListener("etalase:error", (event) => window.hostErrors.push(event.detail.code), true);
    });
    let failing = true;
    await page.route(/split_shop-[0-9a-f]{16}\.wasm$/, (route) =>
      failing ? route.abort("internetdisconnected") : route.continue());
    await page.goto(server.url);
    const card = page.locator('[data-testid="product-card"]').first();
    await card.waitFor();
    await card.tap();
    const failed = page.locator('[data-testid="part-sheet"] [data-testid="part-error"]');
    await failed.waitFor();
    assert.match(await failed.innerText(), /Gagal memuat\. Periksa koneksimu/);
    assert.equal(await page.evaluate(() =>
      document.querySelector("#shop > *").shadowRoot.activeElement?.dataset.testid), "part-close",
      "focus is in the dialog");
    assert.deepEqual(await page.evaluate(() => window.hostErrors), ["part_unavailable"], "the host hears it");
    await page.screenshot({ path: artifact("part-failed.png") });

    failing = false;
    await failed.locator('[data-testid="retry"]').tap();
    await page.locator('[data-testid="product-sheet"] [data-testid="stock"]').waitFor();
    await page.locator('[data-testid="product-sheet"] [data-testid="add-to-cart"]:not([disabled])').tap();
    await page.locator('[data-testid="cart-badge"]').waitFor();
    await page.context().close();
  });

  test("by keyboard, the sheet that waits for the shop keeps focus inside, closes on Escape and gives focus back to the card", async () => {
    const page = await phonePage(browser);
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/split_shop-[0-9a-f]{16}\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(server.url);
    const card = page.locator('[data-testid="product-card"]').first();
    await card.waitFor();
    const productId = await card.getAttribute("data-product-id");
    /** The `data-testid` (or the product id) of what has focus in the widget. */
    const focused = () => page.evaluate(() => {
      const active = document.querySelector("#shop > *").shadowRoot.activeElement;
      return active?.dataset.productId ?? active?.dataset.testid ?? active?.className ?? null;
    });
    await card.focus();
    await page.keyboard.press("Enter");
    const placeholder = page.locator('[data-testid="part-sheet"]');
    await placeholder.waitFor();
    assert.equal(await focused(), "part-close", "focus goes into the dialog");
    for (let presses = 0; presses < 5; presses += 1) {
      await page.keyboard.press(presses % 2 ? "Shift+Tab" : "Tab");
      assert.ok(["part-close", "sheet-scroll"].includes(await focused()), `Tab stays in the dialog: ${await focused()}`);
    }
    await page.keyboard.press("Escape");
    await placeholder.waitFor({ state: "hidden" });
    assert.equal(await focused(), productId, "Escape closes it, and focus is back on the card");

    // Asked again, and the shop arrives while it waits: its product sheet
    // takes over, and closing that gives focus back to the card too.
    await page.keyboard.press("Enter");
    await placeholder.waitFor();
    release();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="stock"]').waitFor();
    await page.keyboard.press("Escape");
    await until("focus back on the card", async () => (await focused()) === productId);
    await page.context().close();
  });

  test("a prefetch that fails is tried again by itself, and the shop arrives without a tap", async () => {
    const page = await phonePage(browser);
    let tries = 0;
    await page.route(/split_shop-[0-9a-f]{16}\.wasm$/, (route) =>
      ++tries === 1 ? route.abort("internetdisconnected") : route.continue());
    await page.goto(server.url);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await until("the prefetch to be tried again", () => tries >= 2, 10_000);
    // The shop is in: its sheets are in the page, closed, with nobody having tapped.
    await page.locator('[data-testid="product-sheet"][data-open="false"]').waitFor({ state: "attached" });
    assert.equal(await page.locator('[data-testid="part-sheet"]').count(), 0);
    await page.context().close();
  });

  test("creator mode fetches its part and never the shop's", async () => {
    const token = await mintToken(server.url, "crt-raka-gaya", "creator");
    const created = await fetch(`${server.url}/v1/creator/streams`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Parts, live", kind: "live" }),
    });
    assert.equal(created.status, 201);
    const stream = await created.json();
    const page = await phonePage(browser, { viewport: { width: 900, height: 760 }, isMobile: false, hasTouch: false });
    // The studio page; its preview of the viewers' feed is a frame of its own, not recorded.
    const fetched = recordPackage(page);
    await page.goto(`${server.url}/creator.html?stream=${stream.id}`);
    await page.locator('[data-testid="creator"]').waitFor();
    await page.waitForTimeout(1500); // long enough for an idle prefetch to have begun
    const parts = fetched.filter((file) => file.startsWith("split_"));
    assert.deepEqual(parts, ["split_creator.wasm"], "the creator part, and never the shop's");
    await page.context().close();
  });
});
