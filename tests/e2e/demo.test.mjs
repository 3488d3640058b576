// The demo as a new user meets it: the feed at a phone viewport, product cards
// from the API over the video, and a product sheet with variants and stock.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { apiGet, artifact, launchBrowser, mintToken, phonePage, startServer, until } from "../support.mjs";

describe("demo host page", () => {
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

  test("shows the stream's product cards over the video and opens a product sheet", async () => {
    const page = await phonePage(browser);
    const errors = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("response", (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
    await page.goto(server.url);

    const cards = page.locator('[data-testid="product-card"]');
    await cards.first().waitFor({ state: "visible" });
    assert.ok((await cards.count()) >= 4, `expected at least 4 cards, saw ${await cards.count()}`);
    await assert.doesNotReject(page.locator('[data-testid="pinned-badge"]').first().waitFor());
    const firstCard = await cards.first().innerText();
    assert.match(firstCard, /Rp\d{1,3}(\.\d{3})+/, "prices are in rupiah, id-ID style");
    assert.equal(await page.locator("#video").isVisible(), true, "the video stays visible");
    // The stand-in video moves by transforms alone: the compositor's work, not the main thread's.
    const animated = await page.evaluate(() => document.getAnimations()
      .filter((animation) => animation.effect?.target?.closest?.("#video"))
      .map((animation) => animation.effect.getKeyframes()
        .flatMap((frame) => Object.keys(frame))
        .filter((key) => !["offset", "computedOffset", "easing", "composite"].includes(key))));
    assert.ok(animated.length >= 8, `the video's lights drift (${animated.length} animations)`);
    assert.ok(animated.every((keys) => keys.every((key) => key === "transform")), `only transforms: ${JSON.stringify(animated)}`);
    await page.screenshot({ path: artifact("demo-feed.png") });

    const tapped = cards.nth(1);
    const productId = await tapped.getAttribute("data-product-id");
    const productName = (await tapped.innerText()).split("\n")[0];
    await tapped.tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.waitFor({ state: "visible" });
    await page.locator('[data-testid="stock"]').waitFor({ state: "visible" });
    assert.match(await page.locator('[data-testid="stock"]').innerText(), /(Sisa|Stok) \d+|Habis/);
    const token = await mintToken(server.url, "e2e-reader");
    const detail = await apiGet(server.url, token, `/v1/products/${productId}`);
    const optionCount = detail.options.reduce((sum, option) => sum + option.values.length, 0);
    assert.equal(await page.locator('[data-testid="variant-option"]').count(), optionCount);
    assert.ok((await sheet.innerText()).includes(detail.name), `sheet names ${productName}`);
    await page.waitForTimeout(400); // let the slide-up transition finish for the picture
    await page.screenshot({ path: artifact("product-sheet.png") });

    await page.locator('[data-testid="sheet-close"]').tap();
    await sheet.waitFor({ state: "hidden" });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test("opens a product whose variants are partly sold out, with those options disabled", async () => {
    const page = await phonePage(browser);
    await page.goto(server.url);
    const token = await mintToken(server.url, "e2e-reader");
    const { streams } = await apiGet(server.url, token, "/v1/streams");
    // Find a card in the first stream whose product has a sold-out option value.
    const showcase = await apiGet(server.url, token, `/v1/streams/${streams[0].id}/products`);
    let target = null;
    for (const card of showcase.products) {
      const detail = await apiGet(server.url, token, `/v1/products/${card.id}`);
      const soldOut = detail.options.length === 1 &&
        detail.variants.find((v) => v.stock === 0);
      if (soldOut) {
        target = { id: card.id, value: soldOut.option_values[0] };
        break;
      }
    }
    assert.ok(target, "the seed has a showcase product with a sold-out single-axis variant");
    await page.locator(`[data-testid="product-card"][data-product-id="${target.id}"]`).tap();
    const option = page.locator(`[data-testid="variant-option"][data-value="${target.value}"]`);
    await option.waitFor();
    assert.equal(await option.isDisabled(), true, `${target.value} is sold out and disabled`);
    await page.context().close();
  });

  test("shows a readable error with a retry when the showcase fails, then recovers", async () => {
    const page = await phonePage(browser);
    let failures = 1;
    await page.route("**/v1/streams/*/products", async (route) => {
      if (failures-- > 0) {
        await route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "unavailable", message: "try again" } }),
        });
      } else {
        await route.continue();
      }
    });
    await page.goto(server.url);
    const error = page.locator('[data-testid="error"]');
    await error.waitFor({ state: "visible" });
    assert.ok((await error.innerText()).trim().length > 10, "the error explains itself");
    await page.screenshot({ path: artifact("showcase-error.png") });
    await page.locator('[data-testid="retry"]').tap();
    await page.locator('[data-testid="product-card"]').first().waitFor({ state: "visible" });
    await page.context().close();
  });

  test("moving to the next stream replaces the widget instead of stacking a second one", async () => {
    const page = await phonePage(browser);
    await page.goto(server.url);
    const cards = page.locator('[data-testid="product-card"]');
    await cards.first().waitFor();
    const before = await cards.first().getAttribute("data-product-id");
    await page.locator("#next-stream").click();
    await page.waitForFunction(
      (id) => {
        const roots = [...document.querySelectorAll("#shop > *")];
        const card = roots[0]?.shadowRoot?.querySelector('[data-testid="product-card"]');
        return roots.length === 1 && card && card.dataset.productId !== id;
      },
      before,
    );
    assert.equal(await page.locator("#shop > *").count(), 1);
    await page.context().close();
  });

  test("↑ and ↓ change the stream, but not while the shopper is in the widget", async () => {
    const page = await phonePage(browser);
    await page.goto(server.url);
    const cards = page.locator('[data-testid="product-card"]');
    await cards.first().waitFor();
    const first = await cards.first().getAttribute("data-product-id");
    await cards.first().focus();
    await page.keyboard.press("Enter");
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="add-to-cart"]').waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowDown");
    await page.waitForTimeout(300);
    assert.equal(await cards.first().getAttribute("data-product-id"), first, "the stream behind the sheet stays");
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });
    await page.locator("body").focus();
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press("ArrowDown");
    await until("the next stream", async () => (await cards.first().getAttribute("data-product-id")) !== first);
    await page.context().close();
  });
});

describe("mount() as a host calls it", () => {
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

  test("a bad config throws an Error that names the field", async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/healthz`);
    const messages = await page.evaluate(async (base) => {
      const etalase = await import(`${base}/pkg/etalase.js`);
      await etalase.default();
      const host = document.createElement("div");
      document.body.append(host);
      const attempts = [
        { streamId: "x" },
        { apiBase: base, streamId: "" },
        { apiBase: base, streamId: "x", locale: "fr-FR" },
        { apiBase: "not a url", streamId: "x" },
      ];
      return attempts.map((config) => {
        try {
          etalase.mount(host, config);
          return "no error";
        } catch (error) {
          return error instanceof Error ? error.message : `non-Error: ${error}`;
        }
      });
    }, server.url);
    assert.match(messages[0], /apiBase/);
    assert.match(messages[1], /streamId/);
    assert.match(messages[2], /locale/);
    assert.match(messages[3], /apiBase/);
    await page.context().close();
  });

  test("the demo page browses with its publishable key, shops with a token from its back-end; the API refuses calls without either", async () => {
    const page = await phonePage(browser);
    const authorizations = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/v1/")) {
        authorizations.push(request.headers().authorization ?? "none");
      }
    });
    await page.goto(server.url);
    await page.locator('[data-testid="product-card"]').first().waitFor({ state: "visible" });
    assert.ok(authorizations.length >= 2, `saw ${authorizations.length} API calls`);
    for (const value of authorizations) assert.match(value, /^Bearer etp_[0-9a-f]{64}$/);
    // The first add to cart asks the page's back-end for a shopper's token.
    const sessions = [];
    page.on("request", (request) => new URL(request.url()).pathname === "/demo/session" && sessions.push(request.url()));
    await page.locator('[data-testid="product-card"]').first().tap();
    await page.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
    await page.locator('[data-testid="cart-badge"]:not(:empty)').waitFor();
    assert.equal(sessions.length, 1, "one token, minted when asked");
    assert.match(authorizations.at(-1), /^Bearer etl_[0-9a-f]{64}$/);
    await page.context().close();

    const anonymous = await fetch(`${server.url}/v1/streams`);
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).error.code, "unauthenticated");
  });

  test("the API answers an unknown product with 404 and the JSON error body", async () => {
    const token = await mintToken(server.url, "e2e-reader");
    const response = await fetch(`${server.url}/v1/products/no-such-product`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 404);
    assert.match(response.headers.get("content-type"), /application\/json/);
    const body = await response.json();
    assert.equal(body.error.code, "not_found");
    assert.equal(typeof body.error.message, "string");
  });
});
