// Focus comes back where the shopper was, at 360×640 by keyboard: a sheet
// closed by Escape gives focus to the control that opened the first of the
// sheets shown one after another, even when that control was drawn again
// meanwhile (the checkout's card over the video).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fillAddress, launchBrowser, phonePage, startServer, until } from "../support.mjs";

/** The element that has focus, inside the widget's shadow root if there. */
async function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? {
      testid: element.getAttribute("data-testid"),
      product: element.getAttribute("data-product-id"),
    } : null;
  });
}

describe("focus given back", () => {
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

  test("Escape from a Buy-now checkout, then from its card over the video", async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/`);
    const card = page.locator('[data-testid="product-card"]').first();
    await card.waitFor();
    const product = await card.getAttribute("data-product-id");
    await card.focus();
    await page.keyboard.press("Enter");
    const buyNow = page.locator('[data-testid="product-sheet"] [data-testid="buy-now"]:not([disabled])');
    await buyNow.focus();
    await page.keyboard.press("Enter");
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await sheet.waitFor();
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });
    await until("focus on the card that started it", async () =>
      (await focused(page))?.product === product);
    assert.equal((await focused(page)).testid, "product-card");

    // A placed checkout: its card over the video opens it, Escape comes back to the card.
    await card.focus();
    await page.keyboard.press("Enter");
    await buyNow.focus();
    await page.keyboard.press("Enter");
    await sheet.waitFor();
    // Started again with no address saved: the form, not a wait.
    const form = await fillAddress(page);
    await form.locator('[data-testid="save-address"]').click();
    await sheet.locator('[data-testid="chosen-address"]').waitFor();
    await sheet.locator('[data-testid="payment-option"][data-method="cod"]').click();
    await until("a fresh quote", async () =>
      (await sheet.locator('[data-testid="summary"][aria-busy]').count()) === 0 &&
      (await sheet.locator('[data-testid="place-order"]:not([disabled])').count()) === 1);
    await sheet.locator('[data-testid="place-order"]').click();
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    await page.keyboard.press("Escape");
    const mini = page.locator('[data-testid="mini-card"]');
    await mini.waitFor();
    await mini.focus();
    await page.keyboard.press("Enter");
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });
    await until("focus on the checkout's card", async () =>
      (await focused(page))?.testid === "mini-card");
    await page.close();
  });
});
