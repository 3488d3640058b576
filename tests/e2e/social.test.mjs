// Honest social proof on a live stream, at 360×640: the feed's count of
// viewers, discreet over the cards, and the purchase ticker: another
// viewer's paid order shows within a second, the buyer's name masked, in a
// polite live region, and goes after a few seconds; a host that switched
// the ticker off shows its viewers none.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { DEMO_HOST_KEY, artifact, buyOnStream, launchBrowser, phonePage, startServer, until } from "../support.mjs";
import { scratchSite, watchCsp } from "./embedding-support.mjs";

const STREAM = "live-gaya-raka";
const SHIRT = "prd-kemeja-batik-parang";

/** A phone page of the scratch host with `user`'s widget on `STREAM` in `#a`, in `locale`. */
async function watching(browser, url, user, locale = "id-ID") {
  const page = await phonePage(browser, { locale });
  await watchCsp(page);
  await page.goto(`${url}/index.html`);
  await page.waitForFunction(() => window.host !== undefined);
  await page.evaluate(async ({ stream, user, locale }) => {
    await window.host.init();
    const { token } = await window.host.session(user);
    window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream, locale });
  }, { stream: STREAM, user, locale });
  await page.locator("#a [data-testid=product-card]").first().waitFor();
  return page;
}

/** Sets the demo host's purchase ticker on or off, as its back-end does. */
async function ticker(url, on) {
  const response = await fetch(`${url}/v1/host/settings`, {
    method: "PUT",
    headers: { authorization: `Bearer ${DEMO_HOST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ purchase_ticker: on }),
  });
  assert.equal(response.status, 200, `PUT /v1/host/settings answered ${response.status}`);
}

describe("social proof on a live stream", () => {
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

  test("the viewers' count, and another viewer's paid order in the ticker within a second, masked", async () => {
    const page = await watching(browser, server.url, "social-viewer");
    const viewers = page.locator("#a [data-testid=viewers]");
    await viewers.waitFor();
    assert.match(await viewers.textContent(), /^\d+ menonton$/, "counted, in Indonesian");
    const line = page.locator("#a [data-testid=ticker]");
    assert.equal(await line.getAttribute("aria-live"), "polite", "said politely");
    assert.equal(await line.textContent(), "", "nothing before a purchase");

    const { pay } = await buyOnStream(server.url, STREAM, SHIRT, { who: "social-buyer-1" });
    const paidAt = await pay();
    await until("the ticker's line", async () => (await line.textContent()) !== "", 1_000);
    const shownIn = Date.now() - paidAt;
    assert.ok(shownIn <= 1_000, `shown ${shownIn} ms after the payment`);
    const said = await line.textContent();
    assert.match(said, /^D\*\*\*i baru saja membeli Kemeja Batik/, said);
    assert.doesNotMatch(said, /Dewi/, "the buyer's name is masked");
    assert.equal(await line.locator("[lang=id]").count(), 1, "the product's name is the catalogue's words");
    await page.waitForTimeout(300); // the line's fade in
    await page.screenshot({ path: artifact("social-ticker.png") });

    await page.evaluate(() => window.a.setLocale("en-US"));
    await page.setViewportSize({ width: 320, height: 640 });
    await until("the English words", async () => /just bought/.test(await line.textContent()), 2_000);
    assert.match(await viewers.textContent(), /^\d+ watching$/);
    await page.screenshot({ path: artifact("social-ticker-en-320.png") });

    // The line goes after a few seconds, and its going is not said.
    await until("the line to go", async () => (await line.textContent()) === "", 6_000);
    await page.context().close();
  });

  test("nothing in the ticker for viewers of a host that switched it off", async () => {
    await ticker(server.url, false);
    try {
      const page = await watching(browser, server.url, "social-viewer-2");
      await page.locator("#a [data-testid=viewers]").waitFor();
      // Past the stream's 5 s between two purchases, so the server would send this one.
      await new Promise((done) => setTimeout(done, 5_000));
      const { pay } = await buyOnStream(server.url, STREAM, SHIRT, { who: "social-buyer-2" });
      await pay();
      await new Promise((done) => setTimeout(done, 2_000));
      assert.equal(await page.locator("#a [data-testid=ticker]").textContent(), "", "no line");
      await page.context().close();
    } finally {
      await ticker(server.url, true);
    }
  });
});
