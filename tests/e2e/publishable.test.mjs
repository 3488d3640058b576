// Browsing before sign-in, at 360×640: a page holding only its host's
// publishable key shows the cards, a product's sheet and a live pin without
// a shopper's token, and asks the host for nothing until the viewer acts.
// "Add to cart" raises `auth_required`; the page's back-end mints a token
// and the page calls `setToken`; the line lands in the cart with no second
// tap. A live voucher is claimed the same way, in a page of its own.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { DEMO_HOST_KEY, apiGet, artifact, launchBrowser, mintToken, phonePage, startServer } from "../support.mjs";
import { scratchSite, until, watchCsp } from "./embedding-support.mjs";

const STREAM = "live-gaya-raka";
const SHIRT = "prd-kemeja-batik-parang";

/** Mints a publishable key of the demo host, as its back-end does once: `{ id, key }`. */
async function mintKey(url) {
  const response = await fetch(`${url}/v1/host/publishable-keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_HOST_KEY}` },
  });
  assert.equal(response.status, 201, `POST /v1/host/publishable-keys answered ${response.status}`);
  return response.json();
}

/** A creator's call on `STREAM`: `method` `path` with `body`, answered `status`. */
async function asCreator(url, creatorId, method, path, body, status) {
  const token = await mintToken(url, creatorId, "creator");
  const response = await fetch(`${url}/v1/creator/streams/${STREAM}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, status, `${method} ${path} answered ${response.status}`);
  return response.json();
}

/**
 * A phone page of the scratch host, recording every request the widget sends,
 * whose back-end mints `user`'s token when the widget asks for one (never, for
 * no `user`), with the widget mounted in `#a` with `key` alone.
 */
async function browsing(browser, url, key, user) {
  const page = await phonePage(browser);
  await watchCsp(page);
  const requests = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    requests.push({ method: request.method(), path: pathname, authorization: request.headers().authorization ?? null });
  });
  const answers = [];
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    answers.push({ method: response.request().method(), path: pathname, status: response.status(),
      authorization: response.request().headers().authorization ?? null });
  });
  await page.goto(`${url}/index.html`);
  await page.waitForFunction(() => window.host !== undefined);
  await page.evaluate(async ({ key, stream, user }) => {
    await window.host.init();
    // The host's answer to `auth_required`: its back-end mints the viewer's token.
    if (user) {
      document.querySelector("#a").addEventListener("etalase:auth_required", async () => {
        const { token } = await window.host.session(user);
        window.a.setToken(token);
      });
    }
    window.a = window.host.mount("#a", { apiBase: location.origin, publishableKey: key, streamId: stream });
  }, { key, stream: STREAM, user });
  return { page, requests, answers };
}

/** The names of the events the page's widget sent, in order. */
const eventNames = (page) => page.evaluate(() => window.host.events.map((event) => event.name));

describe("browsing with a publishable key", () => {
  let site;
  let server;
  let browser;
  let key;
  let creatorId;

  before(async () => {
    site = scratchSite();
    server = await startServer({ wwwDir: site });
    browser = await launchBrowser();
    ({ key } = await mintKey(server.url));
    const { streams } = await apiGet(server.url, key, "/v1/streams");
    creatorId = streams.find((stream) => stream.id === STREAM).creator.id;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("cards, a sheet and a live pin with the key alone; add to cart asks for a token and lands with one tap", async () => {
    const user = "browsing-viewer";
    const { page, requests, answers } = await browsing(browser, server.url, key, user);
    const card = (id) => page.locator(`#a [data-testid=product-card][data-product-id="${id}"]`);
    await card(SHIRT).waitFor();
    await until("ready", async () => (await eventNames(page)).includes("ready"));

    // The creator pins the shirt: the viewer's feed, opened with the key, shows it.
    await until("the live feed", () => answers.some((a) => a.path === `/v1/streams/${STREAM}/events` && a.status === 200));
    await asCreator(server.url, creatorId, "PUT", "/pin", { product_id: SHIRT }, 200);
    await card(SHIRT).locator("[data-testid=pinned-badge]").waitFor({ timeout: 3_000 });

    await card(SHIRT).tap();
    const sheet = page.locator('#a [data-testid=product-sheet][data-open="true"]');
    const add = sheet.locator("[data-testid=add-to-cart]:not([disabled])");
    await add.waitFor();
    await page.screenshot({ path: artifact("publishable-browsing.png") });

    // Nothing so far needed a shopper: only public reads, each with the key.
    const widgetCalls = requests.filter((r) => r.path.startsWith("/v1/") || r.path.startsWith("/demo/"));
    const paths = [...new Set(widgetCalls.map((r) => r.path))];
    assert.ok(paths.includes(`/v1/streams/${STREAM}/products`), "the showcase was read");
    assert.ok(paths.includes(`/v1/products/${SHIRT}`), "the product was read");
    for (const path of paths) {
      assert.match(path, /^\/v1\/(streams\/(upcoming|[^/]+\/(products|events|tags))|products\/[^/]+(\/videos)?|origin)$/,
        `${path} is a public read`);
    }
    for (const request of widgetCalls.filter((r) => r.path !== "/v1/origin")) {
      assert.equal(request.authorization, `Bearer ${key}`, `${request.path} went with the key`);
    }
    assert.deepEqual(await eventNames(page), ["ready", "product_viewed"], "no auth_required, no cart_changed");
    assert.equal(await page.locator("#a [data-testid=cart-badge]").count(), 0, "no count before sign-in");

    // One tap: the host is asked, mints the token, and the line lands.
    const before = requests.length;
    await add.tap();
    await until("the shirt in the cart", async () =>
      (await page.locator("#a [data-testid=cart-badge]").textContent().catch(() => null)) === "1");
    await page.screenshot({ path: artifact("publishable-signed-in.png") });

    const events = await page.evaluate(() => window.host.events);
    const asked = events.filter((event) => event.name === "auth_required");
    assert.deepEqual(asked.map((event) => event.detail), [{ code: "publishable_key_forbidden" }], "asked once");
    assert.ok(events.findIndex((e) => e.name === "auth_required") < events.findIndex((e) => e.name === "cart_changed"),
      "the count came after the token");
    const after = requests.slice(before);
    assert.equal(after.filter((r) => r.path === "/demo/session").length, 1, "one token minted");
    const sets = after.filter((r) => r.method === "PUT" && r.path.startsWith("/v1/cart/items/"));
    assert.equal(sets.length, 1, "the line was sent once");
    assert.match(sets[0].authorization, /^Bearer etl_/, "with the shopper's token");
    assert.ok(!requests.some((r) => r.path.startsWith("/v1/cart") && r.authorization === `Bearer ${key}`),
      "the cart was never asked for with the key");

    const token = await mintToken(server.url, user);
    const cart = await apiGet(server.url, token, "/v1/cart");
    assert.deepEqual(cart.shops.flatMap((shop) => shop.items.map((item) => item.product_id)), [SHIRT]);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });

  test("claiming a live voucher asks for a token and is claimed once it comes", async () => {
    const user = "claiming-viewer";
    const { page, requests, answers } = await browsing(browser, server.url, key, user);
    await page.locator("#a [data-testid=product-card]").first().waitFor();
    await until("the live feed", () => answers.some((a) => a.path === `/v1/streams/${STREAM}/events` && a.status === 200));
    const voucher = await asCreator(server.url, creatorId, "POST", "/vouchers",
      { kind: "amount", value: 10_000, min_spend: 0, quota: 10, claimable_minutes: 5 }, 201);
    const banner = page.locator(`#a [data-testid=live-voucher][data-code="${voucher.code}"]`);
    await banner.waitFor({ timeout: 3_000 });
    assert.deepEqual(await eventNames(page), ["ready"], "nothing asked while browsing");

    await banner.locator("[data-testid=claim-voucher]").tap();
    await banner.locator("[data-testid=voucher-claimed]").waitFor();
    await page.screenshot({ path: artifact("publishable-claimed.png") });

    const claims = answers.filter((a) => a.method === "POST" && a.path.endsWith(`/vouchers/${voucher.code}/claim`));
    // Never sent with the key to be refused: it waited for the token.
    assert.deepEqual(claims.map((a) => a.status), [200], "claimed once, with the token");
    assert.match(claims[0].authorization, /^Bearer etl_/);
    const names = await eventNames(page);
    assert.equal(names.filter((name) => name === "auth_required").length, 1, "asked once");
    assert.equal(requests.filter((r) => r.path === "/demo/session").length, 1, "one token minted");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });

  test("a viewer the host does not sign in is told the line waits, never that it was added", async () => {
    const { page, requests } = await browsing(browser, server.url, key, null);
    await page.locator(`#a [data-testid=product-card][data-product-id="${SHIRT}"]`).tap();
    const add = page.locator('#a [data-testid=product-sheet][data-open="true"] [data-testid=add-to-cart]:not([disabled])');
    await add.waitFor();
    // Every toast the widget draws, as the viewer would have read it.
    await page.evaluate(() => {
      window.toasts = [];
      const root = document.querySelector("#a [data-etalase]").shadowRoot;
      const seen = () => root.querySelectorAll("[data-testid=toast]").forEach((toast) => window.toasts.push(toast.textContent));
      new MutationObserver(seen).observe(root, { subtree: true, childList: true, characterData: true });
    });
    await add.tap();
    const toast = page.locator("#a [data-testid=toast]");
    await until("the sign-in toast", async () => (await toast.textContent().catch(() => "")).includes("Masuk untuk menambahkan ke keranjang"));
    await page.locator("#a").screenshot({ path: artifact("publishable-sign-in-waits.png") });
    const said = await page.evaluate(() => window.toasts);
    assert.ok(!said.some((text) => /Ditambahkan/.test(text)), `no "added" before it was: ${JSON.stringify(said)}`);
    const asked = async () => (await eventNames(page)).filter((name) => name === "auth_required").length;
    assert.equal(await asked(), 1, "the host was asked");

    // The viewer changes their mind: each tap asks the host again.
    await add.tap();
    await until("asked again", async () => (await asked()) === 2);
    assert.ok(!requests.some((r) => r.path.startsWith("/v1/cart")), "nothing sent with the key to be refused");

    // Signed in, then out: the count goes with the shopper, and nothing
    // waiting is sent with the key.
    await page.evaluate(async () => {
      const { token } = await window.host.session("signing-out-viewer");
      window.a.setToken(token);
    });
    const badge = page.locator("#a [data-testid=cart-badge]");
    await until("the count", async () => Number(await badge.textContent().catch(() => "0")) > 0);
    // Mid-checkout, the shopper signs out: their checkout goes with them.
    await page.locator('#a [data-testid=product-sheet][data-open="true"] [data-testid=sheet-close]').tap();
    await page.locator("#a [data-testid=cart-button]").tap();
    await page.locator("#a [data-testid=checkout]").tap();
    const checkout = page.locator("#a [data-testid=checkout-sheet]");
    await until("the checkout", async () => (await checkout.getAttribute("data-open")) === "true");
    await page.evaluate(() => window.a.setToken(null));
    await until("the checkout gone", async () => (await checkout.count()) === 0 || (await checkout.getAttribute("data-open")) !== "true");
    await until("no count", async () => (await badge.count()) === 0);
    const counts = (await page.evaluate(() => window.host.events))
      .filter((event) => event.name === "cart_changed").map((event) => event.detail.count);
    assert.equal(counts.at(-1), 0, `the host's badge hears the sign-out: ${counts}`);

    // Signed out, "Buy now" asks again and is said as buying, not adding.
    await page.locator(`#a [data-testid=product-card][data-product-id="${SHIRT}"]`).tap();
    await page.locator('#a [data-testid=product-sheet][data-open="true"] [data-testid=buy-now]:not([disabled])').tap();
    await until("asked for the purchase", async () => (await asked()) === 3);
    await until("the buying toast", async () => (await toast.textContent().catch(() => "")).includes("Masuk untuk membeli"));
    assert.ok(!requests.some((r) => r.path.startsWith("/v1/cart") && r.authorization === `Bearer ${key}`),
      "the cart was never asked for with the key");
    await page.context().close();
  });

  test("a live voucher claimed while the host does not sign in says it waits, and a tap asks again", async () => {
    const { page, answers } = await browsing(browser, server.url, key, null);
    await page.locator("#a [data-testid=product-card]").first().waitFor();
    await until("the live feed", () => answers.some((a) => a.path === `/v1/streams/${STREAM}/events` && a.status === 200));
    const voucher = await asCreator(server.url, creatorId, "POST", "/vouchers",
      { kind: "amount", value: 5_000, min_spend: 0, quota: 10, claimable_minutes: 5 }, 201);
    const banner = page.locator(`#a [data-testid=live-voucher][data-code="${voucher.code}"]`);
    await banner.waitFor({ timeout: 3_000 });
    const claim = banner.locator("[data-testid=claim-voucher]");
    await claim.tap();
    await until("the sign-in button", async () => (await claim.textContent()).trim() === "Masuk");
    assert.equal(await banner.locator("[role=status]").last().textContent(), "Masuk untuk klaim", "and says so");
    assert.equal(await claim.isEnabled(), true, "the viewer can ask again");
    await banner.screenshot({ path: artifact("publishable-claim-waits.png") });
    const asked = async () => (await eventNames(page)).filter((name) => name === "auth_required").length;
    assert.equal(await asked(), 1);
    // This time the viewer signs in: the claim that waited goes, once.
    await page.evaluate(() => {
      document.querySelector("#a").addEventListener("etalase:auth_required", async () => {
        const { token } = await window.host.session("late-claimer");
        window.a.setToken(token);
      }, { once: true });
    });
    await claim.tap();
    await banner.locator("[data-testid=voucher-claimed]").waitFor();
    assert.equal(await asked(), 2, "asked again by the tap");
    const claims = answers.filter((a) => a.method === "POST" && a.path.endsWith(`/vouchers/${voucher.code}/claim`));
    assert.deepEqual(claims.map((a) => a.status), [200], "claimed once, with the token");
    await page.context().close();
  });

  test("a revoked or unknown key: the shop says it cannot open here, and the host hears why", async () => {
    const minted = await mintKey(server.url);
    const revoked = await fetch(`${server.url}/v1/host/publishable-keys/${minted.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${DEMO_HOST_KEY}` },
    });
    assert.equal(revoked.status, 204);
    const unknown = `etp_${"0".repeat(minted.key.length - 4)}`;
    for (const [refused, code] of [[minted.key, "publishable_key_revoked"], [unknown, "publishable_key_unknown"]]) {
      const { page } = await browsing(browser, server.url, refused, "never-asked");
      const notice = page.locator("#a [data-testid=error]");
      await notice.waitFor();
      assert.equal((await notice.textContent()).trim(), "Toko belum bisa dibuka di halaman ini.");
      assert.equal(await page.locator("#a [data-testid=retry]").count(), 0, "no retry: the host must mend it");
      await until(`the ${code} event`, async () => (await eventNames(page)).includes("error"));
      const events = await page.evaluate(() => window.host.events);
      const errors = events.filter((event) => event.name === "error").map((event) => event.detail);
      assert.equal(errors[0].code, code);
      assert.match(errors[0].message, /publishable key/);
      assert.ok(!events.some((event) => event.name === "auth_required"), "the viewer is not asked to sign in for the host's key");
      await page.screenshot({ path: artifact(`publishable-${code}.png`) });
      await page.context().close();
    }
  });
});
