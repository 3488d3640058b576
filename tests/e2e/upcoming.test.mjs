// A live stream that has not started, at 360×640: its showcase can be
// browsed, a banner counts down to the start, and "Ingatkan saya" raises
// `remind_me` with the stream and its start, to the page's listener, the
// DOM and both native bridges, once. The countdown says days and hours,
// hours and minutes, or minutes and seconds ticking, in both languages, on
// one line whatever the button beside it says.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { artifact, launchBrowser, mintToken, phonePage, startServer, until } from "../support.mjs";
import { checkPayload, scratchSite, watchCsp } from "./embedding-support.mjs";

const CREATOR = "crt-raka-gaya";
const SHIRT = "prd-kemeja-batik-parang";
const SCARF = "prd-hijab-voal-motif";

/** `method` `path` as the creator, answered `status`; resolves to the body. */
async function asCreator(url, method, path, body, status) {
  const token = await mintToken(url, CREATOR, "creator");
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, status, `${method} ${path} answered ${response.status}`);
  return response.json();
}

/** How many lines the words of `locator` take. */
const lines = (locator) => locator.evaluate((node) => {
  const words = document.createRange();
  words.selectNodeContents(node);
  return words.getClientRects().length;
});

describe("a stream still to come", () => {
  let site;
  let server;
  let browser;
  let stream;
  let startsAt;

  before(async () => {
    site = scratchSite();
    server = await startServer({ wwwDir: site });
    browser = await launchBrowser();
    // Two hours from now, to the second, as RFC 3339 UTC.
    startsAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 3600 * 1000).toISOString().replace(".000Z", "Z");
    stream = await asCreator(server.url, "POST", "/v1/creator/streams",
      { title: "Batik baru, Jumat malam", kind: "live", starts_at: startsAt }, 201);
    await asCreator(server.url, "PUT", `/v1/creator/streams/${stream.id}/products`, { product_ids: [SHIRT, SCARF] }, 200);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("a countdown to the start, the showcase to browse, and \"Ingatkan saya\" raises remind_me", async () => {
    const page = await phonePage(browser);
    await watchCsp(page);
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    await page.evaluate(async ({ stream }) => {
      window.ios = [];
      window.android = [];
      window.webkit = { messageHandlers: { etalase: { postMessage: (message) => window.ios.push(message) } } };
      window.EtalaseBridge = { postMessage: (text) => window.android.push(text) };
      await window.host.init();
      const { token } = await window.host.session("upcoming-viewer");
      window.a = window.host.mount("#a", { apiBase: location.origin, token, streamId: stream });
    }, { stream: stream.id });

    const banner = page.locator("#a [data-testid=upcoming]");
    await banner.waitFor();
    const clock = banner.locator("[data-testid=upcoming-countdown]");
    assert.equal(await clock.textContent(), "1 jam 59 mnt");
    assert.equal(await clock.getAttribute("role"), "timer");

    // The showcase can be browsed before the start.
    const cards = page.locator("#a [data-testid=product-card]");
    assert.equal(await cards.count(), 2);
    await page.screenshot({ path: artifact("upcoming.png") });

    const remind = banner.locator("[data-testid=remind-me]");
    assert.equal(await remind.textContent(), "Ingatkan saya");
    await remind.tap();
    await until("the reminder said", async () =>
      (await banner.locator("[data-testid=remind-said]").textContent()) !== "", 2_000);
    assert.equal(await remind.getAttribute("aria-disabled"), "true");
    assert.equal(await lines(clock), 1, "the countdown on one line beside the longer button");
    await remind.tap({ force: true }); // set already: asks nothing again
    const events = await page.evaluate(() => window.host.events.filter((event) => event.name === "remind_me"));
    assert.equal(events.length, 1, "once");
    checkPayload(events[0]);
    assert.equal(events[0].detail.streamId, stream.id);
    assert.equal(Date.parse(events[0].detail.startsAt), Date.parse(startsAt), "the start the creator set");
    const bridges = await page.evaluate(() => ({ ios: window.ios.filter((m) => m.name === "remind_me"),
      android: window.android.map((text) => JSON.parse(text)).filter((m) => m.name === "remind_me") }));
    assert.deepEqual(bridges.ios.map((m) => m.detail), [events[0].detail], "iOS bridge");
    assert.deepEqual(bridges.android.map((m) => m.detail), [events[0].detail], "Android bridge");
    const dom = await page.evaluate(() => window.host.domEvents.filter((event) => event.name === "remind_me"));
    assert.equal(dom.length, 1, "a DOM event");

    await page.evaluate(() => window.a.setLocale("en-US"));
    await page.setViewportSize({ width: 320, height: 640 });
    await banner.getByText("Reminder set").waitFor();
    assert.equal(await lines(clock), 1, "at 320 px too");
    await page.screenshot({ path: artifact("upcoming-en-320.png") });
    await page.context().close();
  });

  test("the countdown in days and hours, hours and minutes, then minutes and seconds, in both languages", async () => {
    /** A stream of the same showcase starting in `seconds` (from a whole second). */
    const startingIn = async (seconds) => {
      const starts = new Date(Math.floor(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace(".000Z", "Z");
      const made = await asCreator(server.url, "POST", "/v1/creator/streams",
        { title: `Mulai dalam ${seconds} detik`, kind: "live", starts_at: starts }, 201);
      await asCreator(server.url, "PUT", `/v1/creator/streams/${made.id}/products`, { product_ids: [SHIRT] }, 200);
      return made.id;
    };
    const cases = [
      { id: await startingIn(2 * 86_400 + 23 * 3_600 + 30 * 60), said: ["2 hari 23 jam", "2 days 23 h"], name: "days" },
      { id: await startingIn(5 * 3_600 + 12 * 60 + 30), said: ["5 jam 12 mnt", "5 h 12 min"], name: "hours" },
      { id: await startingIn(9 * 60 + 30), said: [/^9:[0-2]\d$/, /^9:[0-2]\d$/], name: "minutes" },
    ];
    const page = await phonePage(browser);
    await watchCsp(page);
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.host !== undefined);
    await page.evaluate(async () => {
      await window.host.init();
      window.host.token = (await window.host.session("countdown-viewer")).token;
    });
    const clock = page.locator("#a [data-testid=upcoming-countdown]");
    for (const { id, said, name } of cases) {
      await page.evaluate((stream) => {
        window.counting?.destroy();
        window.counting = window.host.mount("#a", { apiBase: location.origin, token: window.host.token, streamId: stream });
      }, id);
      await clock.waitFor();
      for (const [index, locale] of ["id-ID", "en-US"].entries()) {
        if (index > 0) await page.evaluate((locale) => window.counting.setLocale(locale), locale);
        const want = said[index];
        const shown = await until(`${name} in ${locale}`, async () => {
          const text = await clock.textContent();
          return (typeof want === "string" ? text === want : want.test(text)) && text;
        }, 2_000);
        // One line, beside "Ingatkan saya".
        assert.equal(await lines(clock), 1, shown);
        await page.screenshot({ path: artifact(`upcoming-${name}-${locale}.png`) });
      }
    }
    // Under an hour the seconds tick.
    const now = await clock.textContent();
    await until("the seconds to tick", async () => (await clock.textContent()) !== now, 2_500);
    await page.context().close();
  });
});
