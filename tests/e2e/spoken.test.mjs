// What a screen reader hears of what arrives by itself, at 360×640: a live
// voucher the creator drops is said aloud from a region that was on the
// page before it came, once, with its terms; claimed by keyboard, focus
// goes to the claim's answer.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { apiGet, launchBrowser, mintToken, phonePage, startServer, until } from "../support.mjs";

describe("said aloud", () => {
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

  test("a new live voucher, in each language", async () => {
    const reader = await mintToken(server.url, "spoken-reader");
    const { streams } = await apiGet(server.url, reader, "/v1/streams");
    const stream = streams[0];
    const creator = await mintToken(server.url, stream.creator.id, "creator");
    // Two vouchers of their own terms: the first is still live in the second language.
    for (const [locale, value, heard] of [
      ["id-ID", 10_000, "Voucher live baru: Potongan Rp10.000 · min. belanja Rp50.000"],
      ["en-US", 15_000, "New live voucher: IDR 15,000 off · min. spend IDR 50,000"],
    ]) {
      const page = await phonePage(browser);
      await page.goto(`${server.url}/?locale=${locale}`);
      await page.locator('[data-testid="product-card"]').first().waitFor();
      const said = page.locator('[data-testid="voucher-said"]');
      await said.waitFor({ state: "attached" });
      assert.equal(await said.getAttribute("aria-live"), "polite");
      const dropped = await fetch(`${server.url}/v1/creator/streams/${stream.id}/vouchers`, {
        method: "POST",
        headers: { authorization: `Bearer ${creator}`, "content-type": "application/json" },
        body: JSON.stringify({ kind: "amount", value, min_spend: 50_000, quota: 10, claimable_minutes: 1 }),
      });
      assert.equal(dropped.status, 201);
      const { code } = await dropped.json();
      await page.locator(`[data-testid="live-voucher"][data-code="${code}"]`).waitFor();
      await until("the voucher said", async () => (await said.textContent()) === heard);
      // Named by its own terms, so several live vouchers can be told apart.
      const banner = page.locator(`[data-testid="live-voucher"][data-code="${code}"]`);
      const terms = heard.slice(heard.indexOf(": ") + 2);
      const title = await banner.locator(".live-voucher-title").textContent();
      assert.equal(await page.getByRole("region", { name: `${title} ${terms}`, exact: true }).count(), 1);
      const claim = await banner.locator('[data-testid="claim-voucher"]').textContent();
      assert.equal(await banner.getByRole("button", { name: `${claim} ${terms}`, exact: true }).count(), 1);
      // Claimed by keyboard: focus goes to the answer, not to the page.
      await page.locator(`[data-testid="live-voucher"][data-code="${code}"] [data-testid="claim-voucher"]`).focus();
      await page.keyboard.press("Enter");
      const claimed = page.locator(`[data-testid="live-voucher"][data-code="${code}"] [data-testid="voucher-claimed"]`);
      await claimed.waitFor();
      await until("focus on the claim's answer", async () =>
        claimed.evaluate((element) => element.getRootNode().activeElement === element));
      await page.context().close();
    }
  });
});
