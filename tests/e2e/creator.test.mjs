// The creator's loop, with two browsers side by side against a real server:
// a creator, in the widget's creator mode on the demo's studio page,
// attaches three products to a new stream, reorders them and pins one; a
// viewer's widget shows the new order and the pinned card within a second
// each; the viewer buys the pinned product and pays; the creator's sales for
// the stream show the order, units, GMV and commission.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { artifact, buyOnStream, fillAddress, launchBrowser, mintToken, phonePage, startServer, until } from "../support.mjs";


/** The product ids of the viewer's cards, in order. */
async function cards(page) {
  return page.locator('[data-testid="product-card"]').evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute("data-product-id")));
}

describe("creators", () => {
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

  test("attach, reorder and pin reach a viewer within a second; the sale shows in the creator's figures", async () => {
    // A new live stream of @rakagaya's, with an empty showcase.
    const creatorToken = await mintToken(server.url, "crt-raka-gaya", "creator");
    const created = await fetch(`${server.url}/v1/creator/streams`, {
      method: "POST",
      headers: { authorization: `Bearer ${creatorToken}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Batik untuk kantor, live", kind: "live" }),
    });
    assert.equal(created.status, 201);
    const stream = await created.json();

    const viewer = await phonePage(browser);
    // Timed from a viewer whose live feed is open (it opens once the shop part is in).
    const feed = viewer.waitForResponse((response) => response.url().endsWith(`/v1/streams/${stream.id}/events`));
    await viewer.goto(`${server.url}/?stream=${stream.id}`);
    await viewer.waitForFunction(() => document.querySelector("#shop > [data-etalase]")?.shadowRoot);
    await feed;

    const creator = await phonePage(browser, { viewport: { width: 900, height: 760 }, isMobile: false, hasTouch: false });
    const errors = [];
    creator.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await creator.goto(`${server.url}/creator.html?stream=${stream.id}`);
    const tools = creator.locator('[data-testid="creator"]');
    await tools.waitFor();

    // Three products from the catalogue.
    await tools.locator('[data-testid="tab-catalogue"]').click();
    const results = tools.locator('[data-testid="search-result"]');
    await results.first().waitFor();
    const picked = await results.evaluateAll((nodes) =>
      nodes.slice(0, 3).map((node) => node.getAttribute("data-product-id")));
    for (const id of picked) {
      await tools.locator(`[data-testid="search-result"][data-product-id="${id}"] [data-testid="attach"]`).click();
    }
    await until("the viewer's three cards", async () => (await cards(viewer)).length === 3, 5_000);
    assert.deepEqual(await cards(viewer), picked);

    // The third moved to the top: the viewer's order follows within a second.
    await tools.locator('[data-testid="tab-showcase"]').click();
    const third = tools.locator(`[data-testid="showcase-item"][data-product-id="${picked[2]}"]`);
    await third.locator('[data-testid="move-up"]').click();
    let at = Date.now();
    await third.locator('[data-testid="move-up"]').click();
    const reordered = [picked[2], picked[0], picked[1]];
    await until("the new order", async () => JSON.stringify(await cards(viewer)) === JSON.stringify(reordered), 1_000);
    const orderTook = Date.now() - at;

    // The middle one pinned: badged on the viewer's screen within a second.
    at = Date.now();
    await tools.locator(`[data-testid="showcase-item"][data-product-id="${picked[0]}"] [data-testid="pin"]`).click();
    const pinnedCard = viewer.locator(`[data-testid="product-card"][data-product-id="${picked[0]}"]`);
    await pinnedCard.locator('[data-testid="pinned-badge"]').waitFor({ timeout: 1_000 });
    const pinTook = Date.now() - at;
    assert.ok(orderTook < 1_000 && pinTook < 1_000, `order ${orderTook} ms, pin ${pinTook} ms`);
    await creator.screenshot({ path: artifact("creator-studio.png") });
    await viewer.screenshot({ path: artifact("creator-viewer.png") });

    // The viewer buys the pinned product and pays.
    await pinnedCard.tap();
    await viewer.locator('[data-testid="product-sheet"] [data-testid="buy-now"]:not([disabled])').tap();
    const form = await fillAddress(viewer, {
      "Nama penerima": "Dewi Lestari",
      "Nomor HP": "081311112222",
      "Kecamatan atau kota": "Tebet",
      "Kelurahan/Desa": "Tebet Barat",
      "Alamat lengkap": "Jl. Tebet Raya No. 5",
    });
    await form.locator('[data-testid="save-address"]').tap();
    const checkout = viewer.locator('[data-testid="checkout-sheet"]');
    await checkout.locator('[data-testid="payment-option"][data-method="qris"]').tap();
    const placed = viewer.waitForResponse((r) => r.url().endsWith("/v1/orders") && r.request().method() === "POST");
    await checkout.locator('[data-testid="place-order"]:not([disabled])').tap();
    const order = (await (await placed).json()).orders[0];
    await viewer.locator('[data-testid="demo-pay"]').tap();
    await until("paid", async () =>
      (await checkout.locator('[data-testid="payment-panel"]').getAttribute("data-status")) === "paid", 20_000);

    // The creator's figures for the stream.
    const product = await (await fetch(`${server.url}/v1/products?q=&per_page=50&in_stock=false`, {
      headers: { authorization: `Bearer ${creatorToken}` },
    })).json();
    const rate = product.products.find((p) => p.id === picked[0])?.commission_bp;
    assert.ok(rate !== undefined, "the pinned product's commission rate");
    const gmv = order.items.reduce((sum, item) => sum + item.line_total, 0);
    const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
    const commission = order.items.reduce((sum, item) => sum + Math.floor((item.line_total * rate) / 10_000), 0);
    await tools.locator('[data-testid="tab-sales"]').click();
    await tools.locator('[data-testid="sales-orders"]').waitFor();
    const figure = async (id) => (await tools.locator(`[data-testid="${id}"]`).textContent()).replace(/\D/g, "");
    assert.equal(await figure("sales-orders"), "1");
    assert.equal(await figure("sales-units"), String(units));
    assert.equal(await figure("sales-gmv"), String(gmv));
    assert.equal(await figure("sales-commission"), String(commission));
    await creator.screenshot({ path: artifact("creator-sales.png") });
    assert.deepEqual(errors, []);
    await viewer.context().close();
    await creator.context().close();
  });
  test("a live voucher the creator drops reaches the viewer within a second, is claimed in one tap and applies at checkout", async () => {
    const stream = "live-gaya-raka";
    const viewer = await phonePage(browser);
    const errors = [];
    viewer.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    const feed = viewer.waitForResponse((response) => response.url().endsWith(`/v1/streams/${stream}/events`));
    await viewer.goto(`${server.url}/?stream=${stream}`);
    await viewer.locator('[data-testid="product-card"]').first().waitFor();
    await feed;

    // The creator drops it from the studio's voucher tab.
    const creator = await phonePage(browser, { viewport: { width: 900, height: 760 }, isMobile: false, hasTouch: false });
    await creator.goto(`${server.url}/creator.html?stream=${stream}`);
    const tools = creator.locator('[data-testid="creator"]');
    await tools.locator('[data-testid="tab-voucher"]').click();
    const form = tools.locator('[data-testid="voucher-form"]');
    // Wrong terms: every one named at its field with its range, at once, nothing sent.
    const drops = [];
    creator.on("request", (r) => r.method() === "POST" && r.url().endsWith("/vouchers") && drops.push(r.url()));
    const value = form.getByLabel("Potongan (Rp)");
    assert.equal(await value.inputValue(), "15.000");
    await value.fill("-5");
    await form.locator('[data-testid="drop-voucher"]').click();
    await until("the value named", async () => (await value.getAttribute("aria-invalid")) === "true", 5_000);
    assert.match(await form.locator('[data-testid="drop-field-error"]').innerText(), /jumlah rupiah.*Rp1\.000 sampai Rp100\.000/);
    // A percentage: its own unit and default, and the mistakes all named.
    await form.locator('[data-testid="voucher-kind"]', { hasText: "Persen" }).click();
    const percent = form.getByLabel("Diskon (%)");
    assert.equal(await percent.inputValue(), "10", "no rupiah left in a percentage");
    await percent.fill("95");
    await form.getByLabel("Maks. potongan (Rp)").fill("Rp500");
    await form.getByLabel("Kuota klaim").fill("abc");
    await form.getByLabel("Bisa diklaim (menit)").fill("120");
    await form.locator('[data-testid="drop-voucher"]').click();
    const errors4 = form.locator('[data-testid="drop-field-error"]');
    await until("four fields named", async () => (await errors4.count()) === 4, 5_000);
    assert.deepEqual(await errors4.allInnerTexts(), [
      "Diskon 1% sampai 50%.",
      "Wajib untuk diskon persen: Rp1.000 sampai Rp100.000.",
      "Tulis angka bulat, misalnya 100. 1 sampai 100.000 klaim.",
      "1 sampai 60 menit.",
    ]);
    assert.match(await form.locator('[data-testid="drop-mistakes"]').innerText(), /Diskon \(%\), Maks\. potongan \(Rp\), Kuota klaim, Bisa diklaim \(menit\)/);
    assert.ok(await percent.evaluate((input) => input.getRootNode().activeElement === input), "focus on the first");
    await creator.screenshot({ path: artifact("creator-voucher-mistakes.png") });
    assert.deepEqual(drops, [], "no voucher sent");
    // Back to an amount, written the Indonesian way.
    await form.locator('[data-testid="voucher-kind"]', { hasText: "Potongan Rp" }).click();
    await value.fill("15rb");
    await form.getByLabel("Kuota klaim").fill("20");
    await form.getByLabel("Bisa diklaim (menit)").fill("5");
    const answer = creator.waitForResponse((r) => r.url().endsWith(`/v1/creator/streams/${stream}/vouchers`));
    const at = Date.now();
    await form.locator('[data-testid="drop-voucher"]').click();
    await viewer.locator('[data-testid="live-voucher"]').waitFor({ timeout: 1_000 });
    const took = Date.now() - at;
    assert.ok(took < 1_000, `the voucher showed after ${took} ms`);
    const dropped = await answer;
    assert.equal(dropped.status(), 201);
    assert.equal(dropped.request().postDataJSON().value, 15_000, '"15rb" is Rp15.000');
    const voucher = await dropped.json();
    const banner = viewer.locator(`[data-testid="live-voucher"][data-code="${voucher.code}"]`);
    await banner.waitFor();
    await form.locator('[data-testid="voucher-dropped"]').waitFor();
    await creator.screenshot({ path: artifact("creator-drop-voucher.png") });
    assert.match(await banner.innerText(), /Potongan Rp15\.000/);

    assert.match(await banner.locator('[data-testid="countdown"]').innerText(), /0[45]:\d\d/);
    await viewer.screenshot({ path: artifact("creator-live-voucher.png") });

    await banner.locator('[data-testid="claim-voucher"]').tap();
    await banner.locator('[data-testid="voucher-claimed"]').waitFor();
    // The claims left follow the feed, whose event may come after the claim's answer.
    await until("the claims left following the feed", async () => /Sisa 19/.test(await banner.innerText()), 1_000);

    // At checkout the claimed voucher applies by itself.
    await viewer.locator('[data-testid="product-card"][data-product-id="prd-kemeja-batik-parang"]').tap();
    await viewer.locator('[data-testid="product-sheet"] [data-testid="buy-now"]:not([disabled])').tap();
    const address = await fillAddress(viewer, {
      "Nama penerima": "Rina Bandung",
      "Kecamatan atau kota": "Sukajadi, Kota Bandung",
      "Kelurahan/Desa": "Pasteur",
    });
    await address.locator('[data-testid="save-address"]').tap();
    const checkout = viewer.locator('[data-testid="checkout-sheet"]');
    const applied = checkout.locator(`[data-testid="applied-voucher"][data-code="${voucher.code}"]`);
    await applied.locator(".voucher-saved").waitFor();
    assert.match(await applied.innerText(), /Hemat Rp15\.000/);

    // A double tap drops one voucher, even when the first tap is answered
    // before the second lands (the issue saw it answered in 29 ms).
    const creatorToken = await mintToken(server.url, "crt-raka-gaya", "creator");
    const listed = async () => (await (await fetch(`${server.url}/v1/creator/streams/${stream}/vouchers`, {
      headers: { authorization: `Bearer ${creatorToken}` },
    })).json()).vouchers;
    const before = await listed();
    const keys = [];
    creator.on("request", (r) => r.method() === "POST" && r.url().endsWith("/vouchers") && keys.push(r.headers()["idempotency-key"]));
    await form.getByLabel("Kuota klaim").fill("21");
    const firstTap = creator.waitForResponse((r) => r.url().endsWith(`/v1/creator/streams/${stream}/vouchers`)
      && r.request().method() === "POST");
    await form.locator('[data-testid="drop-voucher"]').click();
    assert.equal((await firstTap).status(), 201);
    await form.locator('[data-testid="drop-voucher"]').click();
    await new Promise((done) => setTimeout(done, 1_000));
    assert.equal((await listed()).length, before.length + 1, "one voucher for a double tap");
    assert.ok(keys.length >= 1 && keys.every((key) => key && key === keys[0]), `one key: ${keys}`);

    // The viewer sees both vouchers, each counting down; the creator's list
    // shows each with its claims, and ends the first once confirmed.
    const banners = viewer.locator('[data-testid="live-voucher"]');
    await until("both vouchers over the video", async () => (await banners.count()) === 2, 2_000);
    assert.equal(await banners.locator('[data-testid="countdown"]').count(), 2);
    const rows = tools.locator('[data-testid="voucher-row"]');
    await until("both vouchers listed", async () => (await rows.count()) >= 2, 3_000);
    const row = tools.locator(`[data-testid="voucher-row"][data-code="${voucher.code}"]`);
    assert.match(await row.innerText(), /Diklaim 1\/20 · 0 di pesanan · Tutup dalam [45]:\d\d/);
    await row.locator('[data-testid="end-voucher"]').click();
    await row.locator('[data-testid="end-deal-confirm"]').waitFor();
    await creator.screenshot({ path: artifact("creator-voucher-list.png") });
    const endedAt = Date.now();
    await row.locator('[data-testid="confirm-end-deal"]').click();
    await banner.waitFor({ state: "detached", timeout: 1_500 });
    assert.ok(Date.now() - endedAt < 1_500, "the ended voucher left the viewer's screen");
    assert.equal(await banners.count(), 1, "the other stays");
    await until("the row closed", async () => (await row.getAttribute("data-claimable")) === "false", 2_000);
    assert.match(await row.innerText(), /Ditutup/);
    assert.deepEqual(errors, []);
    await viewer.context().close();
    await creator.context().close();
  });

  test("the studio speaks the creator's language, and a recorded video's deal tab says deals are live only", async () => {
    const creatorToken = await mintToken(server.url, "crt-raka-gaya", "creator");
    const created = await fetch(`${server.url}/v1/creator/streams`, {
      method: "POST",
      headers: { authorization: `Bearer ${creatorToken}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Tutorial batik, rekaman", kind: "video" }),
    });
    assert.equal(created.status, 201);
    const video = await created.json();
    for (const [locale, title, said] of [
      ["id-ID", "Studio kreator", /hanya berjalan di siaran langsung/],
      ["en-US", "Creator studio", /run only in live streams/],
    ]) {
      const page = await phonePage(browser);
      await page.goto(`${server.url}/creator.html?stream=${video.id}&locale=${locale}`);
      assert.equal(await page.locator("h1").innerText(), title);
      assert.equal(await page.evaluate(() => document.documentElement.lang), locale.slice(0, 2));
      const tools = page.locator('[data-testid="creator"]');
      await tools.locator('[data-testid="tab-deal"]').click();
      const notice = tools.locator('[data-testid="deals-live-only"]');
      await notice.waitFor();
      assert.match(await notice.innerText(), said);
      assert.equal(await tools.locator('[data-testid="deal-form"]').count(), 0);
      await page.screenshot({ path: artifact(`creator-video-deals-${locale}.png`) });
      await page.context().close();
    }
  });

  test("the showcase by keyboard alone: focus stays on the moved product, each move is said; a removal and an unpin are undone; pin next pins the following product", async () => {
    const creatorToken = await mintToken(server.url, "crt-raka-gaya", "creator");
    const auth = { authorization: `Bearer ${creatorToken}`, "content-type": "application/json" };
    const created = await fetch(`${server.url}/v1/creator/streams`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ title: "Susun etalase pakai keyboard", kind: "live" }),
    });
    const stream = await created.json();
    const page = await (await fetch(`${server.url}/v1/products?per_page=4&in_stock=true`, { headers: auth })).json();
    const ids = page.products.map((product) => product.id);
    const attached = await fetch(`${server.url}/v1/creator/streams/${stream.id}/products`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify({ product_ids: ids }),
    });
    assert.equal(attached.status, 200);
    const served = async () => (await (await fetch(`${server.url}/v1/streams/${stream.id}/products`, { headers: auth })).json());

    const creator = await phonePage(browser, { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
    await creator.goto(`${server.url}/creator.html?stream=${stream.id}`);
    const tools = creator.locator('[data-testid="creator"]');
    await tools.locator('[data-testid="showcase-item"]').nth(3).waitFor();
    const name = page.products[0].name;
    const row = tools.locator(`[data-testid="showcase-item"][data-product-id="${ids[0]}"]`);
    const said = tools.locator('[data-testid="move-said"]');
    /** The focused element's test id and its row's product, inside the widget. */
    const focused = () => creator.evaluate(() => {
      const active = document.querySelector("[data-etalase]").shadowRoot.activeElement;
      return [active?.dataset.testid, active?.closest("[data-product-id]")?.dataset.productId];
    });

    // ↓ twice by Enter: the product goes down two places, focus with it.
    await row.locator('[data-testid="move-down"]').focus();
    await creator.keyboard.press("Enter");
    await until("said once", async () => (await said.textContent()) === `${name}, posisi 2 dari 4`, 2_000);
    assert.deepEqual(await focused(), ["move-down", ids[0]], "focus stays on the moved product");
    await creator.keyboard.press("Enter");
    await until("said twice", async () => (await said.textContent()) === `${name}, posisi 3 dari 4`, 2_000);
    assert.deepEqual(await focused(), ["move-down", ids[0]]);
    // Alt + ↑ from the row moves it back up one.
    await creator.keyboard.press("Alt+ArrowUp");
    await until("said a third time", async () => (await said.textContent()) === `${name}, posisi 2 dari 4`, 2_000);
    assert.deepEqual(await focused(), ["move-up", ids[0]]);
    await until("the server's order", async () => JSON.stringify((await served()).products.map((p) => p.id))
      === JSON.stringify([ids[1], ids[0], ids[2], ids[3]]), 3_000);
    await creator.screenshot({ path: artifact("creator-keyboard-move.png") });

    // Removed by keyboard: Undo takes the focus and puts it back in its place.
    await row.locator('[data-testid="detach"]').focus();
    await creator.keyboard.press("Enter");
    const toast = tools.locator('[data-testid="creator-undo-toast"]');
    await toast.waitFor();
    assert.ok((await toast.innerText()).includes(`${name} dihapus dari etalase.`), await toast.innerText());
    assert.deepEqual((await focused())[0], "creator-undo");
    await creator.screenshot({ path: artifact("creator-undo.png") });
    await creator.keyboard.press("Enter");
    await until("back in its place", async () => JSON.stringify((await served()).products.map((p) => p.id))
      === JSON.stringify([ids[1], ids[0], ids[2], ids[3]]), 3_000);
    assert.equal(await toast.count(), 0);

    // Pinned, then unpinned by mistake: Undo pins it again.
    await row.locator('[data-testid="pin"]').click();
    await until("pinned", async () => (await served()).pinned_product_id === ids[0], 3_000);
    await row.locator('[data-testid="pin"]').click();
    await toast.waitFor();
    await tools.locator('[data-testid="creator-undo"]').click();
    await until("pinned again", async () => (await served()).pinned_product_id === ids[0], 3_000);

    // Pinned, it heads the list as it heads the viewers' cards.
    assert.equal(await tools.locator('[data-testid="showcase-item"]').first().getAttribute("data-product-id"), ids[0]);
    // Pin next by keyboard: the product after the pinned one in the creator's order.
    const order = (await served()).products.map((p) => p.id);
    const after = order[order.indexOf(ids[0]) + 1];
    await tools.locator('[data-testid="pin-next"]').focus();
    await creator.keyboard.press("Enter");
    await until("the next pinned", async () => (await served()).pinned_product_id === after, 3_000);
    await creator.context().close();
  });

  test("on a 390×844 phone by touch: pin next, a move by button and by finger, an undo that fits, and a sale and an unpaid order in the sales tab by themselves, explained, in both languages", async () => {
    const creatorToken = await mintToken(server.url, "crt-raka-gaya", "creator");
    const auth = { authorization: `Bearer ${creatorToken}`, "content-type": "application/json" };
    const created = await fetch(`${server.url}/v1/creator/streams`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ title: "Live dari ponsel", kind: "live" }),
    });
    const stream = await created.json();
    const page = await (await fetch(`${server.url}/v1/products?per_page=5&in_stock=true`, { headers: auth })).json();
    const ids = page.products.map((product) => product.id);
    const attached = await fetch(`${server.url}/v1/creator/streams/${stream.id}/products`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify({ product_ids: ids }),
    });
    assert.equal(attached.status, 200);
    const served = async () => (await (await fetch(`${server.url}/v1/streams/${stream.id}/products`, { headers: auth })).json());

    const creator = await phonePage(browser, { viewport: { width: 390, height: 844 } });
    const errors = [];
    creator.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await creator.goto(`${server.url}/creator.html?stream=${stream.id}`);
    const tools = creator.locator('[data-testid="creator"]');
    await tools.locator('[data-testid="showcase-item"]').nth(4).waitFor();
    /** Whether nothing of the studio reaches past the screen's width. */
    const fits = () => creator.evaluate(() => {
      const root = document.querySelector("[data-etalase]").shadowRoot;
      const wide = [...root.querySelectorAll(".creator-body *")].filter((node) => node.getBoundingClientRect().right > innerWidth + 0.5
        && !node.closest(".viewers-strip"));
      return document.scrollingElement.scrollWidth <= innerWidth && wide.length === 0;
    });
    assert.ok(await fits(), "nothing wider than the phone");

    // Pin next, by thumb: the first, then the one after it.
    const pinNext = tools.locator('[data-testid="pin-next"]');
    await pinNext.tap();
    await until("the first pinned", async () => (await served()).pinned_product_id === ids[0], 3_000);
    // A second tap past a double tap's second (tap.rs, REPEAT_MS) is a second pin.
    await creator.waitForTimeout(1_000);
    await pinNext.tap();
    await until("the next pinned", async () => (await served()).pinned_product_id === ids[1], 3_000);
    const pinned = tools.locator(`[data-testid="showcase-item"][data-product-id="${ids[1]}"]`);
    assert.equal((await pinned.locator('[data-testid="pin"]').innerText()).trim(), "Lepas sematan");
    assert.match(await tools.locator('[data-testid="pinned-now"]').innerText(), new RegExp(`^Disematkan: ${page.products[1].name}`));
    // The viewers' order, pinned first, scrolled back to its start.
    const strip = await tools.locator('[data-testid="viewers-strip"] li').evaluateAll((nodes) => nodes.map((node) => node.dataset.productId));
    assert.deepEqual(strip, [ids[1], ids[0], ...ids.slice(2)]);

    // A move by a 44 px button.
    const last = tools.locator(`[data-testid="showcase-item"][data-product-id="${ids[4]}"]`);
    const up = last.locator('[data-testid="move-up"]');
    const box = await up.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `${box.width}×${box.height}`);
    await up.tap();
    await until("moved up", async () => JSON.stringify((await served()).products.map((p) => p.id).slice(3))
      === JSON.stringify([ids[4], ids[3]]), 3_000);

    // A drag by a finger on the first row under the pinned one, down onto the next row.
    const first = tools.locator(`[data-testid="showcase-item"][data-product-id="${ids[0]}"]`);
    await first.scrollIntoViewIfNeeded();
    const grip = await first.locator('[data-testid="drag-handle"]').boundingBox();
    assert.ok(grip.width >= 44 && grip.height >= 44, `a handle of ${grip.width}×${grip.height}`);
    const onto = await tools.locator(`[data-testid="showcase-item"][data-product-id="${ids[2]}"]`).boundingBox();
    const cdp = await creator.context().newCDPSession(creator);
    const touch = (type, y) => cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: y === undefined ? [] : [{ x: grip.x + grip.width / 2, y, id: 1 }],
    });
    const [fromY, toY] = [grip.y + grip.height / 2, onto.y + onto.height / 2];
    const rowTop = (await first.boundingBox()).y;
    await touch("touchStart", fromY);
    for (let step = 1; step <= 8; step += 1) await touch("touchMove", fromY + ((toY - fromY) * step) / 8);
    // The row taken follows the finger.
    const moved = async () => (await first.boundingBox()).y - rowTop;
    await until("the row under the finger", async () => Math.abs((await moved()) - (toY - fromY)) < 4, 1_000)
      .catch(async () => assert.fail(`the row moved ${await moved()} px, the finger ${toY - fromY} px`));
    // The finger rests on its place before lifting, as a thumb does: a lift
    // still moving is a fling, and the browser spends the next tap on stopping it.
    for (let rest = 0; rest < 3; rest += 1) {
      await new Promise((done) => setTimeout(done, 50));
      await touch("touchMove", toY);
    }
    await touch("touchEnd");
    await cdp.detach();
    await until("dragged down one place", async () => JSON.stringify((await served()).products.map((p) => p.id).slice(0, 3))
      === JSON.stringify([ids[1], ids[2], ids[0]]), 3_000);

    // A removal's undo bar keeps its words inside it.
    await last.locator('[data-testid="detach"]').tap();
    const toast = tools.locator('[data-testid="creator-undo-toast"]');
    await toast.waitFor();
    assert.ok(await toast.evaluate((node) => node.scrollWidth <= node.clientWidth && node.getBoundingClientRect().right <= innerWidth));
    await creator.screenshot({ path: artifact("creator-phone-showcase-id-ID.png") });
    await tools.locator('[data-testid="creator-undo"]').tap();
    await toast.waitFor({ state: "detached" });

    // The sales tab, left open: a paid order and an unpaid one arrive by themselves.
    await tools.locator('[data-testid="tab-sales"]').tap();
    const figure = async (id) => (await tools.locator(`[data-testid="${id}"]`).textContent()).replace(/\D/g, "");
    await until("the first figures", async () => (await tools.locator('[data-testid="sales-gmv"]').count()) === 1, 5_000);
    assert.equal(await figure("sales-gmv"), "0");
    // A live voucher the first buyer will use.
    const dropped = await fetch(`${server.url}/v1/creator/streams/${stream.id}/vouchers`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ kind: "amount", value: 10_000, quota: 5, claimable_minutes: 5 }),
    });
    assert.equal(dropped.status, 201);
    const voucher = (await dropped.json()).code;
    const paid = await buyOnStream(server.url, stream.id, ids[0], { who: "phone-buyer-1", voucher });
    const paidGmv = paid.gmv;
    await until("the order unpaid first", async () => (await figure("sales-unpaid")) === String(paidGmv), 5_000);
    const payingAt = await paid.pay();
    await until("the paid order's GMV", async () => (await figure("sales-gmv")) === String(paidGmv), 5_000);
    const took = Date.now() - payingAt;
    assert.ok(took < 1_000, `the sale showed ${took} ms after its payment`);
    assert.equal(await figure("sales-orders"), "1");
    assert.equal(await figure("sales-voucher-cost"), "10000", "the voucher's Rp10.000, apart from GMV");
    const { gmv: unpaidGmv } = await buyOnStream(server.url, stream.id, ids[2], { who: "phone-buyer-2" });
    await until("the unpaid order apart", async () => (await figure("sales-unpaid")) === String(unpaidGmv), 5_000);
    assert.equal(await figure("sales-gmv"), String(paidGmv), "not counted in GMV");
    const said = await tools.locator('[data-testid="sales"]').innerText();
    assert.match(said, /sebelum potongan voucher dan ongkir/);
    assert.match(said, /Pesanan menunggu pembayaran: 1/);
    assert.match(await tools.locator('[data-testid="sales-product-commission"]').first().innerText(), /^Komisi \d+(,\d+)?% · Rp/);
    assert.ok(await fits(), "the sales fit the phone");
    await creator.screenshot({ path: artifact("creator-phone-sales-id-ID.png") });
    // The voucher's use is counted in its row, heard from the feed.
    await tools.locator('[data-testid="tab-voucher"]').tap();
    const row = tools.locator(`[data-testid="voucher-row"][data-code="${voucher}"]`);
    await until("the voucher's use", async () => /1 di pesanan/.test(await row.innerText()), 5_000);
    assert.ok(await fits(), "the voucher tab fits the phone");
    await row.scrollIntoViewIfNeeded();
    await creator.screenshot({ path: artifact("creator-phone-voucher-id-ID.png") });
    assert.deepEqual(errors, []);
    await creator.context().close();

    // The English studio: its preview speaks English too.
    const english = await phonePage(browser, { viewport: { width: 390, height: 844 }, locale: "en-US" });
    await english.goto(`${server.url}/creator.html?stream=${stream.id}&locale=en-US`);
    const studio = english.locator('[data-testid="creator"]');
    await studio.locator('[data-testid="showcase-item"]').first().waitFor();
    assert.match(await english.locator("#preview").getAttribute("src"), /locale=en-US/);
    const preview = english.frameLocator("#preview");
    await until("the preview in English", async () =>
      (await english.frames().find((frame) => frame.url().includes("locale=en-US"))?.evaluate(() => document.documentElement.lang)) === "en", 10_000);
    assert.ok(await preview.locator("body").count());
    assert.equal((await studio.locator(`[data-testid="showcase-item"][data-product-id="${ids[1]}"] [data-testid="pin"]`).innerText()).trim(), "Unpin");
    await english.screenshot({ path: artifact("creator-phone-showcase-en-US.png") });
    await studio.locator('[data-testid="tab-sales"]').tap();
    await studio.locator('[data-testid="sales-unpaid"]').waitFor();
    assert.match(await studio.locator('[data-testid="sales"]').innerText(), /before vouchers and shipping/);
    await english.screenshot({ path: artifact("creator-phone-sales-en-US.png") });
    await studio.locator('[data-testid="tab-voucher"]').tap();
    assert.equal(await studio.getByLabel("Amount off (IDR)").count(), 1);
    // The viewers' preview, below the tools on a phone, is one tap away.
    await english.getByRole("link", { name: "Viewers' preview ↓" }).tap();
    await until("the preview in view", async () => english.locator("#preview").evaluate((frame) => {
      const box = frame.getBoundingClientRect();
      return box.top < innerHeight && box.bottom > 0;
    }), 3_000);
    await english.context().close();
  });

  test("the catalogue finds a shop by its name, reads prices the Indonesian way and names a reversed range at its field", async () => {
    const creator = await phonePage(browser, { viewport: { width: 390, height: 844 } });
    await creator.goto(`${server.url}/creator.html?stream=live-gaya-raka`);
    const tools = creator.locator('[data-testid="creator"]');
    await tools.locator('[data-testid="tab-catalogue"]').tap();
    const form = tools.locator('[data-testid="catalogue-search"]');
    const searches = [];
    creator.on("request", (r) => r.url().includes("/v1/products?") && searches.push(new URL(r.url()).searchParams));
    await form.getByLabel("Harga min.").fill("200rb");
    await form.getByLabel("Harga maks.").fill("100rb");
    await form.locator('[data-testid="search-button"]').tap();
    const error = tools.locator('[data-testid="price-error"]');
    await error.waitFor();
    assert.match(await error.innerText(), /Harga maks\. harus sama dengan atau di atas harga min\./);
    assert.equal(await form.getByLabel("Harga maks.").getAttribute("aria-invalid"), "true");
    assert.equal(searches.length, 0, "nothing sent");
    await form.getByLabel("Harga maks.").fill("");
    await form.getByLabel("Harga min.").fill("50rb");
    await form.getByLabel("Toko").fill("kalcer goods");
    await form.locator('[data-testid="search-button"]').tap();
    await until("a search sent", async () => searches.length === 1, 5_000);
    assert.equal(searches[0].get("min_price"), "50000");
    assert.equal(searches[0].get("shop"), "kalcer goods");
    await until("Kalcer Goods' products", async () => {
      const metas = await tools.locator('[data-testid="search-result"]').evaluateAll((rows) =>
        rows.map((row) => row.querySelector(".creator-meta").textContent));
      return metas.length > 0 && metas.every((meta) => meta.startsWith("Kalcer Goods"));
    }, 5_000);
    assert.equal(await error.count(), 0);
    await creator.screenshot({ path: artifact("creator-phone-catalogue-id-ID.png") });
    await creator.context().close();
  });
});
