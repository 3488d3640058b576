// Focus comes back where the shopper was, at 360×640 by keyboard: a sheet
// closed by Escape gives focus to the control that opened the first of the
// sheets shown one after another, even when that control was drawn again
// meanwhile (the checkout's card over the video).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  buyOut, fillAddress, findVariant, launchBrowser, openVariant, phonePage, startServer, until,
} from "../support.mjs";

/** The element that has focus, inside the widget's shadow root if there. */
async function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? {
      testid: element.getAttribute("data-testid"),
      product: element.getAttribute("data-product-id"),
      order: element.getAttribute("data-order-id"),
    } : null;
  });
}

/**
 * A new shopper's Buy-now checkout of a variant with plenty in stock (the
 * other tests buy and sell out), with an address saved. It costs at least
 * Rp100.000, so the first offer listed (the platform's ETALASE10, for a
 * spend of Rp100.000) applies to it: on a cheaper line the quote refuses
 * that offer, and the voucher shown applied a moment is gone again.
 */
async function checkoutWithAddress(browser, url) {
  const page = await phonePage(browser);
  const plenty = await findVariant(url, (variant) => variant.stock > 10 && variant.price >= 100_000);
  const product = await openVariant(page, url, plenty);
  await product.locator('[data-testid="buy-now"]:not([disabled])').tap();
  const sheet = page.locator('[data-testid="checkout-sheet"]');
  const form = await fillAddress(page);
  await form.locator('[data-testid="save-address"]').click();
  await sheet.locator('[data-testid="chosen-address"]').waitFor();
  return { page, sheet };
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

  test("Tab stays in a sheet whose last button is disabled; Cancel order's question takes focus", async () => {
    const { page, sheet } = await checkoutWithAddress(browser, server.url);
    // No payment chosen: "Place order" is disabled, the last control before it has focus.
    assert.ok(await sheet.locator('[data-testid="place-order"][disabled]').count(), "nothing to place yet");
    await sheet.locator('[data-testid="checkout-close"]').focus();
    for (let tab = 0; tab < 40; tab += 1) {
      await page.keyboard.press("Tab");
      const at = await page.evaluate(() => {
        const root = document.querySelector("[data-etalase]").shadowRoot;
        return root.activeElement?.closest('[data-testid="checkout-sheet"]') ? "sheet" : String(root.activeElement?.tagName ?? document.activeElement?.tagName);
      });
      assert.equal(at, "sheet", `Tab ${tab + 1} left the sheet for ${at}`);
    }
    // Paid later by virtual account: its Cancel order asks first, and the question takes focus.
    await sheet.locator('[data-testid="payment-option"][data-method="virtual_account"]').click();
    await sheet.locator('[data-testid="payment-sub-option"]').first().click();
    await until("a fresh quote", async () =>
      (await sheet.locator('[data-testid="place-order"]:not([disabled])').count()) === 1);
    await sheet.locator('[data-testid="place-order"]').click();
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    await sheet.locator('[data-testid="cancel-order"]').focus();
    await page.keyboard.press("Enter");
    await until("focus on Keep it", async () => (await focused(page))?.testid === "keep-order");
    await page.keyboard.press("Enter");
    await until("focus back on Cancel order", async () => (await focused(page))?.testid === "cancel-order");
    // Escape answers the question, not the sheet.
    await page.keyboard.press("Enter");
    await until("focus on Keep it again", async () => (await focused(page))?.testid === "keep-order");
    await page.keyboard.press("Escape");
    await until("focus back on Cancel order", async () => (await focused(page))?.testid === "cancel-order");
    assert.ok(await sheet.isVisible(), "the sheet stays up");
    await page.close();
  });

  test("Check status says when nothing changed; an order opened from the history and Back keep focus in place", async () => {
    const { page, sheet } = await checkoutWithAddress(browser, server.url);
    await sheet.locator('[data-testid="payment-option"][data-method="qris"]').click();
    await until("a fresh quote", async () =>
      (await sheet.locator('[data-testid="place-order"]:not([disabled])').count()) === 1);
    await sheet.locator('[data-testid="place-order"]').click();
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    const said = sheet.locator('[data-testid="check-said"]');
    assert.equal(await said.textContent(), "", "nothing said before a check");
    await sheet.locator('[data-testid="check-payment"]').focus();
    await page.keyboard.press("Enter");
    await until("the check's word", async () =>
      (await said.textContent()) === "Pembayaran belum masuk. Kami terus mengecek otomatis.");
    assert.equal(await said.getAttribute("role"), "status");
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });

    // The history: Enter on an order, then Back.
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="my-orders"]').tap();
    const row = page.locator('[data-testid="history-order"]').first();
    await row.waitFor();
    const order = await row.getAttribute("data-order-id");
    await row.focus();
    await page.keyboard.press("Enter");
    await until("focus on the way back", async () => (await focused(page))?.testid === "orders-back");
    // The order has a heading of its own, which names the region Tab reaches next.
    const orders = page.getByRole("dialog", { name: "Pesanan saya" });
    await orders.getByRole("heading", { level: 2, name: "Ringkasan belanja" }).waitFor();
    await orders.getByRole("region", { name: "Ringkasan belanja" }).waitFor();
    await page.keyboard.press("Enter");
    await orders.getByRole("heading", { level: 2, name: "Pesanan saya" }).waitFor();
    await until("focus on the order's row", async () => (await focused(page))?.order === order);
    assert.equal((await focused(page)).testid, "history-order");
    await page.close();
  });

  test("a variant sold out under a focused Add to cart keeps focus in the sheet and says to pick another", async () => {
    const scarce = await findVariant(server.url, (variant, product) =>
      variant.stock >= 1 && variant.stock <= 5 && product.variants.some((v) => v.id !== variant.id && v.stock > 0));
    assert.ok(scarce, "the seed has a scarce variant beside others in stock");
    const page = await phonePage(browser);
    const sheet = await openVariant(page, server.url, scarce);
    const add = sheet.locator('[data-testid="add-to-cart"]');
    await add.focus();
    await buyOut(server.url, scarce.variant.id, scarce.variant.stock);
    await until("the buttons disabled", async () => await add.isDisabled());
    await until("focus on the stock's words", async () => (await focused(page))?.testid === "buy-row");
    assert.equal(await sheet.locator('[data-testid="choose-another"]').textContent(), "Varian ini habis. Pilih varian lain.");
    await page.close();
  });

  test("an applied offer gives focus to its remove button, a removed voucher to its offer; Undo to the line it put back", async () => {
    const { page, sheet } = await checkoutWithAddress(browser, server.url);
    // Once quoted, the offers are those of the shops it ships and the platform's.
    await until("the quote", async () => (await sheet.locator('[data-testid="summary"][aria-busy]').count()) === 0
      && (await sheet.locator('[data-testid="summary"]').count()) === 1);
    const offer = sheet.locator('[data-testid="voucher-offer"]').first();
    await offer.waitFor();
    // The offers settled (the vouchers' list and the quote's shops both read) before one is
    // picked: a list still changing puts another offer under the focus.
    const codes = () => sheet.locator('[data-testid="voucher-offer"]').evaluateAll((offers) => offers.map((o) => o.dataset.code).join());
    let seen = await codes();
    await until("the offers settled", async () => {
      await page.waitForTimeout(300);
      const now = await codes();
      const settled = now === seen;
      seen = now;
      return settled;
    });
    await offer.focus();
    const code = await page.evaluate(() => document.querySelector("[data-etalase]").shadowRoot.activeElement?.dataset.code);
    assert.ok(code, "an offer has the focus");
    await page.keyboard.press("Enter");
    await until("focus on the applied voucher's remove button", async () =>
      page.evaluate((code) => {
        const root = document.querySelector("[data-etalase]").shadowRoot;
        return root.activeElement?.closest("[data-testid=applied-voucher]")?.getAttribute("data-code") === code;
      }, code));
    await page.keyboard.press("Enter");
    await until("focus back on the offer", async () => (await focused(page))?.testid === "voucher-offer");
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });

    // The cart: remove a line by keyboard, Undo, and focus is on the line again.
    await page.locator('[data-testid="cart-button"]').tap();
    const cart = page.locator('[data-testid="cart-sheet"]');
    const line = cart.locator('[data-testid="cart-line"]').first();
    await line.waitFor();
    const variant = await line.getAttribute("data-variant-id");
    await line.locator('[data-testid="line-remove"]').focus();
    await page.keyboard.press("Enter");
    await until("focus on Undo", async () => (await focused(page))?.testid === "undo");
    // The message is said alone, once; Undo is reached, not read as part of it.
    const spoken = await page.evaluate(() => {
      const root = document.querySelector("[data-etalase]").shadowRoot;
      const undo = root.querySelector("[data-testid=undo]");
      return {
        undoInLiveRegion: Boolean(undo.closest("[aria-live], [role=status], [role=alert]")),
        said: [...root.querySelectorAll("[aria-live], [role=status], [role=alert]")]
          .map((region) => region.textContent.trim()).filter(Boolean),
      };
    });
    assert.equal(spoken.undoInLiveRegion, false, "Undo is outside every live region");
    assert.deepEqual(spoken.said.filter((text) => text.includes("Dihapus")), ["Dihapus dari keranjang"]);
    await page.keyboard.press("Enter");
    await until("focus on the line put back", async () =>
      page.evaluate((variant) => {
        const root = document.querySelector("[data-etalase]").shadowRoot;
        const active = root.activeElement;
        return active?.getAttribute("data-testid") === "line-remove" &&
          active.closest("[data-testid=cart-line]")?.getAttribute("data-variant-id") === variant;
      }, variant));
    await page.close();
  });
});
