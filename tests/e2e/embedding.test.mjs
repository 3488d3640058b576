// Host embedding, as hosts meet it: scratch host pages served by the real
// server under its strict CSP, importing the package's entry (/pkg/index.js).
// Two widgets on one page; host CSS that unsets everything; 100 mounts and
// destroys that leave no nodes, listeners, timers, connections or heap
// behind; a fake iOS and Android bridge hearing every event with its
// documented payload; unknown config fields warned about; preload; and the
// demo page under its CSP without a single violation. Token expiry in the
// middle of a checkout is in embedding-token.test.mjs.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { artifact, launchBrowser, mintToken, phonePage, startServer } from "../support.mjs";
import { EVENT_SCHEMA, checkPayload, scratchSite, until, watchCsp } from "./embedding-support.mjs";

const STREAM = "live-gaya-raka";
const TEE = "prd-kaos-polos-combed-30s";

describe("embedding", () => {
  let site;
  let server;
  let browser;

  before(async () => {
    site = scratchSite();
    server = await startServer({ wwwDir: site });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  /** A phone page on the scratch host `path`, with CSP violations recorded. */
  async function hostPage(path = "/index.html", options = {}) {
    const page = await phonePage(browser, options);
    await watchCsp(page);
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => window.host !== undefined);
    return page;
  }

  test("two widgets on one page work independently", async () => {
    const page = await hostPage();
    const streams = await page.evaluate(async () => {
      await window.host.init();
      const { token } = await window.host.session("two-widgets");
      const { streams } = await window.host.api(token, "/v1/streams");
      const base = { apiBase: location.origin, token };
      window.a = window.host.mount("#a", { ...base, streamId: streams[0].id, locale: "en-US" });
      window.b = window.host.mount("#b", { ...base, streamId: streams[1].id, theme: { dark: false } });
      return streams.map((stream) => stream.id);
    });
    await until("both ready", () => page.evaluate(() =>
      ["#a", "#b"].every((on) => window.host.events.some((e) => e.on === on && e.name === "ready"))));
    const ready = await page.evaluate(() => window.host.events.filter((e) => e.name === "ready"));
    const order = (pairs) => pairs.sort((x, y) => x[0].localeCompare(y[0]));
    assert.deepEqual(order(ready.map((e) => [e.on, e.detail.streamId])), [["#a", streams[0]], ["#b", streams[1]]]);
    assert.match(await page.locator("#a [data-testid=product-card]").first().innerText(), /IDR/, "#a speaks en-US");
    assert.match(await page.locator("#b [data-testid=product-card]").first().innerText(), /Rp/, "#b speaks id-ID");

    const productA = await page.locator("#a [data-testid=product-card]").first().getAttribute("data-product-id");
    await page.evaluate((id) => window.a.open({ productId: id }), productA);
    await page.locator('#a [data-testid=product-sheet][data-open="true"]').waitFor();
    assert.equal(await page.locator('#b [data-testid=product-sheet][data-open="true"]').count(), 0, "#b stays as it was");

    const firstB = await page.locator("#b [data-testid=product-card]").first().getAttribute("data-product-id");
    await page.evaluate((id) => window.b.setStream(id), streams[2]);
    await until("#b on the third stream", async () =>
      (await page.locator("#b [data-testid=product-card]").first().getAttribute("data-product-id")) !== firstB);
    assert.equal(await page.locator('#a [data-testid=product-sheet][data-open="true"]').count(), 1, "#a untouched");
    await page.screenshot({ path: artifact("embedding-two-widgets.png") });

    await page.evaluate(() => window.a.destroy());
    assert.equal(await page.locator("#a > *").count(), 0, "#a is empty");
    await page.evaluate(() => window.b.openCart());
    await page.locator('#b [data-testid=cart-sheet][data-open="true"]').waitFor();
    const stray = await page.evaluate(() => window.host.domEvents.filter((e) => e.on !== e.of));
    assert.deepEqual(stray, [], "each widget's DOM events reach its own element only");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });

  test("host CSS that unsets everything and hides buttons does not reach the widget", async () => {
    const page = await hostPage("/hostile.html");
    await page.evaluate(async () => {
      await window.host.init();
      const { token } = await window.host.session("hostile-css");
      const { streams } = await window.host.api(token, "/v1/streams");
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: streams[0].id });
    });
    const card = page.locator("#a [data-testid=product-card]").first();
    await card.waitFor({ state: "visible" });
    const look = await page.evaluate(() => {
      const a = document.querySelector("#a");
      const container = a.firstElementChild;
      const shadow = container.shadowRoot;
      const button = shadow.querySelector("[data-testid=cart-button]");
      const rect = (element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return { x, y, width, height };
      };
      return {
        target: rect(a),
        container: rect(container),
        position: getComputedStyle(container).position,
        buttonDisplay: getComputedStyle(button).display,
        button: rect(button),
        hostButton: getComputedStyle(document.querySelector("#host-button")).display,
      };
    });
    assert.equal(look.hostButton, "none", "the host's rule holds on the host's own buttons");
    assert.deepEqual(look.container, look.target, "the widget still fills its element");
    assert.equal(look.position, "absolute");
    assert.notEqual(look.buttonDisplay, "none", "the widget's buttons stay");
    assert.ok(look.button.width >= 44 && look.button.height >= 44, `cart button ${JSON.stringify(look.button)}`);
    await card.tap();
    await page.locator('#a [data-testid=product-sheet][data-open="true"] [data-testid=add-to-cart]').waitFor({ state: "visible" });
    await page.waitForTimeout(400); // the slide-up transition, for the picture
    await page.screenshot({ path: artifact("embedding-hostile-css.png") });
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });

  test("the widget's CSS does not leak into the host page", async () => {
    const page = await hostPage();
    await page.evaluate(async () => {
      await window.host.init();
      const { token } = await window.host.session("no-leak");
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: "live-gaya-raka" });
    });
    await page.locator("#a [data-testid=product-card]").first().waitFor();
    // The host has its own .card and .sheet, the class names the widget uses inside.
    const probe = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector("#probe"));
      return { background: style.backgroundColor, radius: style.borderRadius, font: style.fontSize };
    });
    assert.deepEqual(probe, { background: "rgba(0, 0, 0, 0)", radius: "0px", font: "16px" });
    await page.context().close();
  });

  test("mount → destroy 100 times leaves no nodes, listeners, timers, connections or heap behind", async () => {
    const page = await hostPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const open = new Set();
    page.on("request", (request) => request.url().endsWith("/events") && open.add(request));
    page.on("requestfinished", (request) => open.delete(request));
    page.on("requestfailed", (request) => open.delete(request));
    await page.evaluate(async (stream) => {
      await window.host.init();
      const { token } = await window.host.session("hundred-mounts");
      window.config = { apiBase: location.origin, token, streamId: stream };
    }, STREAM);

    /** Mounts, waits for the first cards (the cart and live feed then start), destroys; `times` times. */
    const cycles = (times) => page.evaluate(async (times) => {
      const element = document.querySelector("#a");
      for (let i = 0; i < times; i++) {
        const ready = new Promise((done) => element.addEventListener("etalase:ready", done, { once: true }));
        const widget = window.etalase.mount(element, window.config);
        await ready;
        // Let the cart's answer and the live feed's snapshot arrive.
        await new Promise((done) => setTimeout(done, 30));
        widget.destroy();
      }
    }, times);
    const measure = async () => {
      await until("the live connections closed", () => open.size === 0);
      await page.waitForTimeout(300);
      await cdp.send("HeapProfiler.collectGarbage");
      const { metrics } = await cdp.send("Performance.getMetrics");
      const metric = (name) => metrics.find((m) => m.name === name).value;
      const page_ = await page.evaluate(() => ({
        timers: window.host.pendingTimers(),
        wasm: window.host.wasmMemory(),
        children: document.querySelector("#a").childElementCount,
      }));
      return {
        nodes: metric("Nodes"),
        listeners: metric("JSEventListeners"),
        heap: metric("JSHeapUsedSize"),
        ...page_,
      };
    };

    await cycles(5); // warm: the stylesheet, the wasm's allocator, the HTTP connection
    // And the shop part, which arrives when the page is idle: what it sets up
    // once for the page (its texts and styles) must be in before counting.
    await until("the shop part fetched", () => page.evaluate(() =>
      performance.getEntriesByType("resource").some((entry) => /split_shop-[0-9a-f]+\.wasm/.test(entry.name))));
    // From now on each mount starts with the shop (three reused Yew roots),
    // and one mounted in the tick another was destroyed needs as many more:
    // a few cycles bring the page's pool of roots to its size.
    await cycles(5);
    const start = await measure();
    const begun = Date.now();
    await cycles(100);
    const seconds = (Date.now() - begun) / 1000;
    const end = await measure();
    const report = { cycles: 100, seconds, start, end, heapGrowth: end.heap - start.heap, wasmGrowth: end.wasm - start.wasm };
    writeFileSync(artifact("embedding-mount-destroy.json"), JSON.stringify(report, null, 2));
    console.log(`100 mount/destroy cycles: ${JSON.stringify(report)}`);

    assert.equal(end.children, 0, "no DOM left in the target");
    assert.equal(end.nodes, start.nodes, "no DOM nodes left anywhere");
    assert.equal(end.listeners, start.listeners, "no event listeners left");
    assert.equal(end.timers, start.timers, "no timers left");
    assert.ok(report.heapGrowth < 512 * 1024, `JS heap grew by ${report.heapGrowth} bytes`);
    assert.ok(report.wasmGrowth <= 128 * 1024, `wasm memory grew by ${report.wasmGrowth} bytes`);
    await page.context().close();
  });

  test("a fake native bridge receives every event with its documented payload", async () => {
    const page = await phonePage(browser);
    await watchCsp(page);
    await page.addInitScript(() => {
      window.ios = [];
      window.android = [];
      window.webkit = { messageHandlers: { etalase: { postMessage: (message) => window.ios.push(message) } } };
      window.EtalaseBridge = { postMessage: (text) => window.android.push(text) };
    });
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    const user = "bridge-viewer";
    const token = await mintToken(server.url, user);
    const address = await fetch(`${server.url}/v1/addresses`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        recipient: "Sari Wulandari", phone: "081234567890", province: "Jawa Barat", city: "Bandung",
        district: "Coblong", postal_code: "40132", street: "Jl. Dago No. 12",
      }),
    });
    assert.equal(address.status, 201);
    await page.evaluate(async ({ user, stream }) => {
      await window.host.init();
      const { token } = await window.host.session(user);
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream, locale: "en-US" });
    }, { user, stream: STREAM });
    const heard = (name) => until(name, () => page.evaluate((name) => window.ios.some((m) => m.name === name), name), 20_000);
    await heard("ready");
    await heard("cart_changed");

    await page.evaluate((id) => window.a.open({ productId: id }), TEE);
    await heard("product_viewed");
    const sheet = page.locator('#a [data-testid=product-sheet][data-open="true"]');
    await sheet.locator("[data-testid=add-to-cart]:not([disabled])").tap();
    await until("one in the cart", () => page.evaluate(() => window.ios.some((m) => m.name === "cart_changed" && m.detail.count === 1)));
    assert.equal(await page.evaluate(() => window.a.close()), true);
    await heard("closed");

    await page.evaluate(() => window.a.openCart());
    await page.locator("#a [data-testid=checkout]").tap();
    await heard("checkout_started");
    const checkout = page.locator('#a [data-testid=checkout-sheet]');
    await checkout.locator('[data-testid=payment-option][data-method="ewallet"]').tap();
    await checkout.locator("[data-testid=payment-sub-option]", { hasText: "GoPay" }).tap();
    await until("a fresh quote", async () =>
      (await checkout.locator("[data-testid=summary][aria-busy]").count()) === 0 &&
      (await checkout.locator("[data-testid=place-order]:not([disabled])").count()) === 1);
    await checkout.locator("[data-testid=place-order]").tap();
    await heard("order_placed");
    await heard("payment_pending");
    await checkout.locator("[data-testid=open-wallet]").tap();
    await heard("open_wallet");
    const paymentId = await page.evaluate(() => window.ios.find((m) => m.name === "payment_pending").detail.paymentId);
    const paid = await fetch(`${server.url}/v1/demo/payments/${paymentId}/pay`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    assert.ok(paid.ok, `the demo provider paid: ${paid.status}`);
    await heard("payment_completed");

    await page.evaluate(() => window.a.setStream("no-such-stream"));
    await heard("error");
    await page.evaluate(() => window.a.setToken("not-a-token"));
    await heard("auth_required");

    const { ios, android, onEvent } = await page.evaluate(() => ({
      ios: window.ios,
      android: window.android,
      onEvent: window.host.events.map(({ name, detail }) => ({ name, detail })),
    }));
    assert.deepEqual(android.map((text) => JSON.parse(text)), ios, "Android gets the same, as JSON text");
    assert.deepEqual(onEvent, ios, "onEvent gets the same");
    // Every event but the two whose journeys are their own (a stream still to
    // come, a product in other videos), which `upcoming.test.mjs` and
    // `other-videos.test.mjs` follow down the same four routes.
    const elsewhere = ["remind_me", "video_requested"];
    assert.deepEqual([...new Set(ios.map((m) => m.name))].sort(),
      Object.keys(EVENT_SCHEMA).filter((name) => !elsewhere.includes(name)).sort(), "every event");
    for (const message of ios) checkPayload(message);
    const pending = ios.find((m) => m.name === "payment_pending").detail;
    assert.equal(pending.method, "ewallet");
    assert.match(pending.deeplink, /^[a-z]+:\/\//);
    assert.deepEqual(ios.find((m) => m.name === "closed").detail, { sheet: "product" });
    assert.deepEqual(ios.find((m) => m.name === "auth_required").detail, { code: "unauthenticated" });
    const everything = JSON.stringify(ios);
    for (const secret of ["Sari", "0812", "Dago", "40132", "etl_", "not-a-token"]) {
      assert.ok(!everything.includes(secret), `no event carries ${secret}`);
    }
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });

  test("unknown config fields are warned about by name, and the widget mounts anyway", async () => {
    const page = await hostPage();
    const warnings = [];
    page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
    await page.evaluate(async () => {
      await window.host.init();
      const { token } = await window.host.session("typo");
      window.a = window.host.mount("#a", {
        apiBase: location.origin, token, streamId: "live-gaya-raka", steamId: "x",
        theme: { accent: "#ffd400", darkMode: true },
      });
    });
    await page.locator("#a [data-testid=product-card]").first().waitFor();
    assert.deepEqual(warnings.filter((text) => text.startsWith("etalase:")), [
      "etalase: config.steamId is not a known field; it is ignored",
      "etalase: config.theme.darkMode is not a known field; it is ignored",
    ]);
    const thrown = await page.evaluate(() => {
      try {
        window.a.setTheme({ accent: "pink" });
        return "no error";
      } catch (error) {
        return error.message;
      }
    });
    assert.match(thrown, /theme\.accent/);
    // setTheme warns about a typo exactly as mount does.
    await page.evaluate(() => window.a.setTheme({ accentColor: "#000" }));
    assert.ok(
      warnings.includes("etalase: setTheme: theme.accentColor is not a known field; it is ignored"),
      warnings.join("\n"),
    );
    await page.context().close();
  });

  test("mount before the wasm is loaded says what to call; free() and Symbol.dispose remove the widget", async () => {
    const page = await hostPage();
    const early = await page.evaluate(() => {
      try {
        window.etalase.mount("#a", { apiBase: location.origin, streamId: "live-gaya-raka" });
        return "no error";
      } catch (error) {
        return error.message;
      }
    });
    assert.match(early, /await init\(\).*or preload\(config\) before mount\(\)/);
    const left = await page.evaluate(async () => {
      await window.host.init();
      const { token } = await window.host.session("handles");
      const config = { apiBase: location.origin, token, streamId: "live-gaya-raka" };
      const widgets = () => document.querySelectorAll("[data-etalase]").length;
      const counts = [];
      const freed = window.host.mount("#a", config);
      counts.push(widgets());
      freed.free();
      counts.push(widgets());
      freed.destroy(); // after free(), harmless
      const disposed = window.host.mount("#b", config);
      counts.push(widgets());
      disposed[Symbol.dispose]();
      counts.push(widgets());
      return counts;
    });
    assert.deepEqual(left, [1, 0, 1, 0], "mounted, freed, mounted, disposed: nothing left behind");
    await page.context().close();
  });

  test("preload fetches the wasm and the showcase ahead; the mount asks for neither again", async () => {
    const page = await hostPage();
    const asked = [];
    const answered = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    page.on("response", (response) => answered.push(new URL(response.url()).pathname));
    const showcase = `/v1/streams/${STREAM}/products`;
    await page.evaluate(async (stream) => {
      const { token } = await window.host.session("preloading");
      window.config = { apiBase: location.origin, token, streamId: stream };
      await window.etalase.preload(window.config);
      await window.etalase.preload(window.config); // twice: the wasm still loads once
    }, STREAM);
    // Answered, not finished: the showcase's body (no-store, so no cache
    // drains it) is read only by the mount that takes it.
    await until("the wasm and the showcase answered", () =>
      answered.includes(showcase) && answered.some((path) => path.endsWith("etalase_bg.wasm")));
    assert.equal(asked.filter((path) => path.endsWith("etalase_bg.wasm")).length, 1, "the wasm, once");
    const before = asked.filter((path) => path === showcase).length;
    const elapsed = await page.evaluate(async () => {
      const element = document.querySelector("#a");
      const ready = new Promise((done) => element.addEventListener("etalase:ready", done, { once: true }));
      const start = performance.now();
      window.etalase.mount(element, window.config);
      await ready;
      return performance.now() - start;
    });
    console.log(`preloaded mount to ready: ${elapsed.toFixed(1)} ms`);
    assert.equal(asked.filter((path) => path === showcase).length, before, "the mount took the preloaded showcase");
    const rejected = await page.evaluate(() => window.etalase.preload({ apiBase: "nope", streamId: "x" }).then(
      () => "resolved",
      (error) => error.message,
    ));
    assert.match(rejected, /config\.apiBase/);
    await page.context().close();
  });
});

describe("the demo page under its CSP", () => {
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

  test("the demo page sends a strict CSP and the widget raises no violation under it", async () => {
    const page = await phonePage(browser);
    await watchCsp(page);
    const console_ = [];
    page.on("console", (message) => /Content.Security.Policy/i.test(message.text()) && console_.push(message.text()));
    const response = await page.goto(server.url.replace(/\/$/, "") + "/");
    const policy = response.headers()["content-security-policy"] ?? "";
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.match(policy, /style-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
    await page.locator("[data-testid=product-card]").first().waitFor();
    await page.locator("[data-testid=product-card]").nth(1).tap();
    await page.locator('[data-testid=product-sheet][data-open="true"] [data-testid=stock]').waitFor();
    await page.locator("[data-testid=sheet-close]").first().tap();
    await page.locator("#theme-switch").click();
    await page.locator("#locale-switch").click();
    await page.locator("#next-stream").click();
    await page.locator("[data-testid=cart-button]").tap();
    await page.locator('[data-testid=cart-sheet][data-open="true"]').waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(console_, []);
    await page.context().close();
  });
});
