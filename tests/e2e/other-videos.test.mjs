// A product's sheet lists the other videos that feature it, at 360×640 and
// 320×640 in both languages: two more videos tag the facial wash, and a
// viewer of the demo's skincare video opens it. The list is read when the
// sheet opens (never before), leaves out the video on screen, names each
// video with its creator and the seconds the wash is on screen; a tap, or
// Enter on the focused button, raises `video_requested` with the stream and
// the wash's first second there, to onEvent, the DOM and both native
// bridges. A product in no other video shows no list.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { artifact, launchBrowser, mintToken, phonePage, startServer, until, violations } from "../support.mjs";
import { checkPayload, scratchSite, watchCsp } from "./embedding-support.mjs";

const VIDEO = "vid-rutinitas-glow";
const WASH = "prd-facial-wash-centella";
const SERUM = "prd-serum-niacinamide";

/** `method` `path` as creator `who`, answered `status`; resolves to the body. */
async function asCreator(url, who, method, path, body, status) {
  const token = await mintToken(url, who, "creator");
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, status, `${method} ${path} answered ${response.status}`);
  return response.json();
}

/** A new video of `who`'s titled `title` showing `products`, the wash tagged from `start` to `end`. */
async function videoWithWash(url, who, title, products, [start, end]) {
  const video = await asCreator(url, who, "POST", "/v1/creator/streams",
    { title, kind: "video", duration_seconds: 600 }, 201);
  await asCreator(url, who, "PUT", `/v1/creator/streams/${video.id}/products`, { product_ids: products }, 200);
  await asCreator(url, who, "POST", `/v1/creator/streams/${video.id}/tags`,
    { product_id: WASH, start_second: start, end_second: end }, 201);
  return video;
}

describe("a product's other videos", () => {
  let site;
  let server;
  let browser;
  let evening;
  let batik;

  before(async () => {
    site = scratchSite();
    server = await startServer({ wwwDir: site });
    browser = await launchBrowser();
    evening = await videoWithWash(server.url, "crt-nadia-glow", "Skincare Malam untuk Kulit Berminyak",
      [WASH, SERUM], [95, 130]);
    batik = await videoWithWash(server.url, "crt-raka-gaya",
      "Persiapan Kondangan: Batik, Skincare dan Tas yang Serasi untuk Akhir Pekan", [WASH], [12, 30]);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("listed when the sheet opens, without the video on screen; a tap or Enter asks the host for the video", async () => {
    const page = await phonePage(browser);
    await watchCsp(page);
    const asked = [];
    page.on("request", (request) => {
      if (/\/v1\/products\/[^/]+\/videos$/.test(new URL(request.url()).pathname)) asked.push(request.url());
    });
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    await page.evaluate(async ({ stream }) => {
      window.ios = [];
      window.android = [];
      window.webkit = { messageHandlers: { etalase: { postMessage: (message) => window.ios.push(message) } } };
      window.EtalaseBridge = { postMessage: (text) => window.android.push(text) };
      await window.host.init();
      const { token } = await window.host.session("other-videos-viewer");
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream });
    }, { stream: VIDEO });
    const card = page.locator(`#a [data-testid=product-card][data-product-id="${WASH}"]`);
    await card.waitFor();
    // The shop part arrives when the browser is idle; nothing asks for videos before a sheet opens.
    await page.waitForTimeout(500);
    assert.deepEqual(asked, [], "no list before the sheet opens");

    await card.tap();
    const sheet = page.locator('#a [data-testid=product-sheet][data-open="true"]');
    const list = sheet.getByRole("region", { name: "Juga di video lain" });
    await list.waitFor();
    assert.equal(asked.length, 1, "read once, as the sheet opened");
    const buttons = list.getByRole("button");
    assert.equal(await buttons.count(), 2, "the video on screen is left out");
    // Newest first: each with its title, creator and the wash's seconds there.
    assert.deepEqual(await buttons.evaluateAll((nodes) => nodes.map((node) => node.dataset.streamId)), [batik.id, evening.id]);
    assert.match(await buttons.nth(1).innerText(), /^Skincare Malam untuk Kulit Berminyak\n.+ · 1:35–2:10$/);
    for (const button of await buttons.all()) {
      const box = await button.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `a 44 px target: ${JSON.stringify(box)}`);
    }
    assert.deepEqual(await violations(page), [], "axe over the sheet with its list");
    await page.screenshot({ path: artifact("other-videos-id-360.png") });
    // It scrolls with the body, after the description: the footer is the buttons alone.
    assert.equal(await list.evaluate((node) => node.closest(".info") !== null), true, "inside the scrolling body");
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("other-videos-id-360-scrolled.png") });

    // A tap asks the host for the video, from the wash's first second there.
    await buttons.nth(1).tap();
    const requested = () => page.evaluate(() => window.host.events.filter((event) => event.name === "video_requested"));
    await until("video_requested", async () => (await requested()).length === 1, 2_000);
    const [first] = await requested();
    checkPayload(first);
    assert.deepEqual(first.detail, { streamId: evening.id, second: 95 });
    const bridges = await page.evaluate(() => ({
      ios: window.ios.filter((m) => m.name === "video_requested"),
      android: window.android.map((text) => JSON.parse(text)).filter((m) => m.name === "video_requested"),
      dom: window.host.domEvents.filter((event) => event.name === "video_requested"),
    }));
    assert.deepEqual(bridges.ios.map((m) => m.detail), [first.detail], "iOS bridge");
    assert.deepEqual(bridges.android.map((m) => m.detail), [first.detail], "Android bridge");
    assert.equal(bridges.dom.length, 1, "a DOM event");

    // By keyboard: the buttons are in the tab order, and Enter asks the same.
    await buttons.nth(1).focus();
    await page.keyboard.press("Shift+Tab");
    assert.equal(await buttons.first().evaluate((node) => node.getRootNode().activeElement === node), true,
      "Shift+Tab reaches the first video");
    await page.keyboard.press("Enter");
    await until("a second video_requested", async () => (await requested()).length === 2, 2_000);
    assert.deepEqual((await requested())[1].detail, { streamId: batik.id, second: 12 });

    await page.evaluate(() => window.a.setLocale("en-US"));
    await sheet.getByRole("region", { name: "Also in other videos" }).waitFor();
    await page.screenshot({ path: artifact("other-videos-en-360.png") });
    await page.setViewportSize({ width: 320, height: 640 });
    const fits = () => sheet.locator("[data-testid=other-videos]").evaluate((node) => node.getBoundingClientRect().right <= window.innerWidth + 0.5);
    assert.ok(await fits(), "the list fits 320 px");
    // Pictured as a sheet opened at this width shows it: the row at its start.
    await sheet.locator("[data-testid=other-videos] ul").evaluate((node) => { node.scrollLeft = 0; });
    await page.screenshot({ path: artifact("other-videos-en-320.png") });
    await page.evaluate(() => window.a.setLocale("id-ID"));
    await sheet.getByRole("region", { name: "Juga di video lain" }).waitFor();
    await page.screenshot({ path: artifact("other-videos-id-320.png") });

    // The serum is in no other video: its sheet lists none.
    assert.equal(await page.evaluate(() => window.a.close()), true);
    const serumVideos = page.waitForResponse((response) => response.url().endsWith(`/v1/products/${SERUM}/videos`));
    await page.evaluate((id) => window.a.open({ productId: id }), SERUM);
    assert.equal((await serumVideos).status(), 200);
    await sheet.locator("[data-testid=add-to-cart]").waitFor();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.equal(await sheet.locator("[data-testid=other-videos]").count(), 0, "no list for the serum");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.context().close();
  });
});
