// A short video shopped by the second, at 360×640: the host's player calls
// `setPlayback` and the card of the product tagged at that second leads the
// strip, badged, in the next frame drawn after the call; seeking moves it, an untagged
// second puts the strip back. The badge keeps to one line inside its card, in
// both languages. A product opened at second 114 and bought records 114 on
// its line, which the creator's sales report and the studio's sales tab says
// as "1:54"; the video's sales tab says its orders update it, and a paid one
// does. (Past the demo's tags of the video's first minute.)
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { apiGet, artifact, buyOnStream, launchBrowser, mintToken, phonePage, startServer, until } from "../support.mjs";
import { scratchSite, watchCsp } from "./embedding-support.mjs";

const VIDEO = "vid-rutinitas-glow";
const WASH = "prd-facial-wash-centella";
const SUNSCREEN = "prd-sunscreen-gel-spf50";

/** `method` `path` on the API as `token`, answered `status`; resolves to the body. */
async function call(url, token, method, path, body, status, headers = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, status, `${method} ${path} answered ${response.status}`);
  return response.json();
}

/** The strip's cards in order, each `{ id, badge }` (the on-screen badge's text, or null). */
const strip = (page) => page.evaluate(() => {
  const root = document.querySelector("#a > [data-etalase]").shadowRoot;
  return [...root.querySelectorAll(".strip > li [data-product-id]")].map((card) => ({
    id: card.dataset.productId,
    badge: card.querySelector("[data-testid=on-screen-badge]")?.textContent ?? null,
  }));
});

/** The on-screen badge as drawn: its lines of text, whether its word shows
 * whole (not cut by an ellipsis) and whether it lies inside its card. */
const badgeDrawn = (page) => page.evaluate(() => {
  const root = document.querySelector("#a > [data-etalase]").shadowRoot;
  const badge = root.querySelector("[data-testid=on-screen-badge]");
  const words = document.createRange();
  words.selectNodeContents(badge);
  const box = badge.getBoundingClientRect();
  const card = badge.closest(".card").getBoundingClientRect();
  return {
    lines: words.getClientRects().length,
    whole: badge.scrollWidth <= badge.clientWidth,
    inside: box.left >= card.left && box.right <= card.right && box.bottom <= card.bottom,
  };
});

/** Calls `setPlayback(seconds)` and reads the strip's lead as the next frame is drawn. */
const playAt = (page, seconds) => page.evaluate((seconds) => new Promise((read) => {
  window.a.setPlayback(seconds);
  requestAnimationFrame(() => {
    const root = document.querySelector("#a > [data-etalase]").shadowRoot;
    const lead = root.querySelector(".strip > li [data-product-id]");
    read({ id: lead.dataset.productId, badge: lead.querySelector("[data-testid=on-screen-badge]")?.textContent ?? null });
  });
}), seconds);

describe("a video shopped by the second", () => {
  let site;
  let server;
  let browser;
  let creatorToken;

  before(async () => {
    site = scratchSite();
    server = await startServer({ wwwDir: site });
    browser = await launchBrowser();
    const reader = await mintToken(server.url, "playback-reader");
    const { streams } = await apiGet(server.url, reader, "/v1/streams");
    const creatorId = streams.find((stream) => stream.id === VIDEO).creator.id;
    creatorToken = await mintToken(server.url, creatorId, "creator");
    for (const [product_id, start_second, end_second] of [[WASH, 100, 110], [SUNSCREEN, 110, 120]]) {
      await call(server.url, creatorToken, "POST", `/v1/creator/streams/${VIDEO}/tags`,
        { product_id, start_second, end_second }, 201);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("setPlayback raises the tagged card in the frame of the call, and the sale keeps the second", async () => {
    const user = "playback-viewer";
    const page = await phonePage(browser);
    await watchCsp(page);
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    await page.evaluate(async ({ stream, user }) => {
      await window.host.init();
      const { token } = await window.host.session(user);
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream });
    }, { stream: VIDEO, user });
    const cards = page.locator("#a [data-testid=product-card]");
    await cards.first().waitFor();
    const untagged = await strip(page);
    assert.ok(untagged.every((card) => card.badge === null), "no badge before playback");

    // The first second loads the tags; the washing gel is on screen from 100 to 110.
    await page.evaluate(() => window.a.setPlayback(102.5));
    await until("the washing gel to lead", async () => (await strip(page))[0]?.badge !== null);
    assert.deepEqual((await strip(page))[0], { id: WASH, badge: "Dibahas" });

    // From now on each second shows at once: no request, drawn by the next frame.
    assert.deepEqual(await playAt(page, 112.4), { id: SUNSCREEN, badge: "Dibahas" });
    assert.deepEqual(await playAt(page, 112.9), { id: SUNSCREEN, badge: "Dibahas" }, "a pause repeats the second");
    assert.deepEqual(await playAt(page, 105), { id: WASH, badge: "Dibahas" }, "a seek back");
    const after = await strip(page);
    assert.equal(after.filter((card) => card.badge !== null).length, 1, "one card says it");
    assert.equal(await playAt(page, 125).then((lead) => lead.badge), null, "nothing is tagged at 125");
    assert.deepEqual((await strip(page)).map((card) => card.id), untagged.map((card) => card.id),
      "the strip is back in the creator's order");
    await assert.rejects(page.evaluate(() => window.a.setPlayback(-1)), /setPlayback\(\) needs a number of seconds/);
    await assert.rejects(page.evaluate(() => window.a.setPlayback()), /setPlayback\(\) needs a number of seconds/);
    await assert.rejects(page.evaluate(() => window.a.setPlayback(Infinity)), /setPlayback\(\) needs a number of seconds/);
    // Not converted: a word or null is refused, naming what came.
    await assert.rejects(page.evaluate(() => window.a.setPlayback("12")),
      /etalase: setPlayback\(\) needs a number of seconds, 0 or more; got "12"$/m);
    await assert.rejects(page.evaluate(() => window.a.setPlayback(null)), /0 or more; got null$/m);

    // At 114 the viewer opens the sunscreen and puts it in the cart.
    assert.equal((await playAt(page, 114)).id, SUNSCREEN);
    // The strip scrolls back to its start, smoothly: pictured once it is there.
    const settled = () => page.waitForFunction(() =>
      document.querySelector("#a > [data-etalase]").shadowRoot.querySelector(".strip").scrollLeft === 0);
    await settled();
    // The badge on one line, its word whole, inside the card, in both languages.
    const oneLine = { lines: 1, whole: true, inside: true };
    assert.deepEqual(await badgeDrawn(page), oneLine, "Dibahas");
    await page.screenshot({ path: artifact("playback-on-screen.png") });
    await page.evaluate(() => window.a.setLocale("en-US"));
    await page.locator("#a [data-testid=on-screen-badge]").getByText("On screen", { exact: true }).waitFor();
    assert.deepEqual(await badgeDrawn(page), oneLine, "On screen");
    await page.screenshot({ path: artifact("playback-on-screen-en.png") });
    await page.setViewportSize({ width: 320, height: 640 });
    await settled();
    await page.screenshot({ path: artifact("playback-on-screen-en-320.png") });
    await page.setViewportSize({ width: 360, height: 640 });
    await cards.first().tap();
    const sheet = page.locator('#a [data-testid=product-sheet][data-open="true"]');
    await sheet.locator("[data-testid=add-to-cart]:not([disabled])").tap();
    await until("the sunscreen in the cart", async () =>
      (await page.locator("#a [data-testid=cart-badge]").textContent().catch(() => null)) === "1");

    // The shopper's order of that line, paid; the creator's sales say 14.
    const token = await mintToken(server.url, user);
    const address = await call(server.url, token, "POST", "/v1/addresses", {
      recipient: "Rina Wulandari", phone: "081298765432", province: "DKI Jakarta", city: "Jakarta Selatan",
      district: "Tebet", postal_code: "12810", street: "Jl. Tebet Raya 1",
    }, 201);
    const quote = await call(server.url, token, "POST", "/v1/checkout/quote",
      { address_id: address.id, payment: { method: "qris" }, stream_id: VIDEO }, 200);
    const placed = await call(server.url, token, "POST", "/v1/orders", { quote_id: quote.id }, 201,
      { "idempotency-key": `playback-${Date.now()}` });
    await call(server.url, token, "POST", `/v1/demo/payments/${placed.payment.id}/pay`, undefined, 200);
    const sales = await call(server.url, creatorToken, "GET", `/v1/creator/streams/${VIDEO}/sales`, undefined, 200);
    const sunscreen = sales.products.find((product) => product.product_id === SUNSCREEN);
    assert.equal(sunscreen?.median_playback_second, 114, "the line kept the second it was opened at");

    // The creator's studio, on the same page: the sales tab says the second.
    await page.evaluate(({ stream, token }) => {
      window.a.destroy();
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream, mode: "creator" });
    }, { stream: VIDEO, token: creatorToken });
    const studio = page.locator("#a [data-testid=creator]");
    await studio.locator("[data-testid=tab-sales]").tap();
    const row = studio.locator("[data-testid=sales-product]").filter({ hasText: "Sunscreen" });
    const second = row.locator("[data-testid=sales-product-second]");
    await second.waitFor();
    assert.equal(await second.textContent(), "Pembeli membukanya sekitar menit 1:54 di video");
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("playback-studio-sales.png") });
    await page.evaluate(() => window.a.setLocale("en-US"));
    await second.getByText("Buyers opened it around 1:54 in the video").waitFor();
    await page.setViewportSize({ width: 320, height: 640 });
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("playback-studio-sales-en-320.png") });
    await page.context().close();
  });

  test("a video's sales say its orders update them, and a paid one does with no tap", async () => {
    const page = await phonePage(browser);
    await watchCsp(page);
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    await page.evaluate(async ({ stream, token }) => {
      await window.host.init();
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream, mode: "creator" });
    }, { stream: VIDEO, token: creatorToken });
    const studio = page.locator("#a [data-testid=creator]");
    await studio.locator("[data-testid=tab-sales]").tap();
    const updates = studio.locator("[data-testid=sales-updates]");
    await updates.getByText("Diperbarui otomatis saat pesanan dari video ini masuk dan dibayar.").waitFor();
    const gmv = studio.locator("[data-testid=sales-gmv]");
    await gmv.waitFor();
    const before = Number((await gmv.textContent()).replace(/\D/g, ""));
    await page.screenshot({ path: artifact("playback-video-sales.png") });

    const bought = await buyOnStream(server.url, VIDEO, WASH, { who: "video-sales-buyer" });
    await bought.pay();
    await until("the sale in the figures, untouched", async () =>
      Number((await gmv.textContent()).replace(/\D/g, "")) === before + bought.gmv, 2_000);
    await page.evaluate(() => window.a.setLocale("en-US"));
    await updates.getByText("Updates by itself as orders from this video come in and are paid.").waitFor();
    await page.screenshot({ path: artifact("playback-video-sales-en.png") });
    await page.context().close();
  });
});
