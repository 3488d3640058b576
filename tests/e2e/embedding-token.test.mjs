// Token expiry in the middle of a checkout, for real: the server mints tokens
// that live 15 seconds. The shopper has a shirt in the cart and is buying a
// tee with "Buy now" when the token runs out. "Place order" is refused; the
// host hears `auth_required` once, gets a new token from its back-end and
// calls `setToken`; the same order is sent again and placed exactly once,
// and the shirt is still in the cart.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { apiGet, artifact, launchBrowser, mintToken, phonePage, startServer } from "../support.mjs";
import { scratchSite, until, watchCsp } from "./embedding-support.mjs";

const TTL_SECS = 15;
const STREAM = "live-gaya-raka";
const SHIRT = "prd-kemeja-batik-parang";
const TEE = "prd-kaos-polos-combed-30s";

describe("token lifecycle", () => {
  let site;
  let server;
  let browser;

  before(async () => {
    site = scratchSite();
    process.env.ETALASE_TOKEN_TTL_SECS = String(TTL_SECS);
    try {
      server = await startServer({ wwwDir: site });
    } finally {
      delete process.env.ETALASE_TOKEN_TTL_SECS;
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("a token expiring mid-checkout resumes after setToken with the cart intact", async () => {
    const user = "expiring-viewer";
    const setup = await mintToken(server.url, user);
    const saved = await fetch(`${server.url}/v1/addresses`, {
      method: "POST",
      headers: { authorization: `Bearer ${setup}`, "content-type": "application/json" },
      body: JSON.stringify({
        recipient: "Sari Wulandari", phone: "081234567890", province: "Jawa Barat", city: "Bandung",
        district: "Coblong", postal_code: "40132", street: "Jl. Dago No. 12",
      }),
    });
    assert.equal(saved.status, 201);

    const page = await phonePage(browser);
    await watchCsp(page);
    const orders = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/v1/orders") && response.request().method() === "POST") {
        orders.push({ status: response.status(), key: response.request().headers()["idempotency-key"] });
      }
    });
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    const expiresAt = await page.evaluate(async ({ user, stream }) => {
      await window.host.init();
      const session = await window.host.session(user);
      window.a = window.host.mount("#a", { apiBase: location.origin, token: session.token, streamId: stream });
      return Date.parse(session.expires_at);
    }, { user, stream: STREAM });

    // Before the token runs out: a shirt in the cart, then "Buy now" on a tee.
    const open = async (productId) => {
      await page.evaluate((id) => window.a.open({ productId: id }), productId);
      return page.locator('#a [data-testid=product-sheet][data-open="true"]');
    };
    await (await open(SHIRT)).locator("[data-testid=add-to-cart]:not([disabled])").tap();
    await until("the shirt in the cart", async () =>
      (await page.locator("#a [data-testid=cart-badge]").textContent()) === "1");
    await (await open(TEE)).locator("[data-testid=buy-now]:not([disabled])").tap();
    const checkout = page.locator('#a [data-testid=checkout-sheet][data-open="true"]');
    await checkout.locator('[data-testid=payment-option][data-method="qris"]').tap();
    await until("a fresh quote", async () =>
      (await checkout.locator("[data-testid=summary][aria-busy]").count()) === 0 &&
      (await checkout.locator("[data-testid=place-order]:not([disabled])").count()) === 1);
    assert.ok(Date.now() < expiresAt, "the checkout was ready before the token ran out");

    // The token runs out; "Place order" is refused and waits for a new one.
    await until("the token expired", () => Date.now() > expiresAt + 500, (TTL_SECS + 5) * 1000);
    await checkout.locator("[data-testid=place-order]").tap();
    await until("auth_required", () => page.evaluate(() => window.host.events.some((e) => e.name === "auth_required")));
    await until("the refused order", () => orders.length === 1);
    assert.equal(orders[0].status, 401);
    await page.screenshot({ path: artifact("embedding-token-waiting.png") });
    assert.equal(
      await page.locator("#a [data-testid=cart-badge]").textContent(), "2",
      "the cart is as it was while the host gets a token",
    );

    // The host's back-end mints a new token; the widget carries on with it.
    await page.evaluate(async (user) => {
      const { token } = await window.host.session(user);
      window.a.setToken(token);
    }, user);
    await until("the order placed", () => page.evaluate(() => window.host.events.some((e) => e.name === "order_placed")));
    await checkout.locator("[data-testid=payment-panel]").waitFor();
    await page.screenshot({ path: artifact("embedding-token-resumed.png") });

    assert.deepEqual(orders.map((o) => o.status), [401, 201], "sent once more, and placed");
    assert.equal(orders[0].key, orders[1].key, "with the same idempotency key");
    const events = await page.evaluate(() => window.host.events.map((e) => e.name));
    assert.equal(events.filter((name) => name === "auth_required").length, 1, "the host was asked once");
    assert.equal(events.filter((name) => name === "order_placed").length, 1);

    const token = await mintToken(server.url, user);
    const placed = (await apiGet(server.url, token, "/v1/orders")).orders;
    assert.equal(placed.length, 1, "exactly one order");
    assert.deepEqual(placed[0].items.map((item) => item.product_id), [TEE]);
    const cart = await apiGet(server.url, token, "/v1/cart");
    assert.deepEqual(cart.shops.flatMap((shop) => shop.items.map((item) => item.product_id)), [SHIRT], "the shirt stays");
    await until("the badge after the order", async () =>
      (await page.locator("#a [data-testid=cart-badge]").textContent()) === "1");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });
});
