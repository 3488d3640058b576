// Checkout journeys at a 360×640 phone viewport, against a real server, never
// leaving the host page: two shops with a shop voucher and free shipping paid
// by virtual account; cash on delivery; Buy now beside other lines of the
// same shop in the cart; going offline at "Place order" and
// retrying into exactly one order; the last unit bought by someone else in
// the meantime; and the first journey again by keyboard alone, every control
// found by its accessible role and name. Screenshots of each step are kept
// under target/e2e/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  addToCart,
  apiGet,
  artifact,
  buyOut,
  demoViewer,
  fillAddress,
  launchBrowser,
  mintToken,
  phonePage,
  startServer,
  until,
} from "../support.mjs";

const STREAM = "live-gaya-raka";
const SHIRT = "prd-kemeja-batik-parang";
const SHIRT_SHOP = "shop-batik-sekar";
const TEE = "prd-kaos-polos-combed-30s";
const BLOUSE = "prd-blouse-batik-kawung";

/** A regular expression matching `text` literally. */
function literally(text) {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}


/** Waits until the widget's `selector` has no running animation or transition. */
async function settled(page, selector) {
  await page.waitForFunction((selector) => {
    const root = document.querySelector("#shop > [data-etalase]")?.shadowRoot;
    const element = root?.querySelector(selector);
    return element && element.getAnimations().length === 0;
  }, selector);
}

/** Screenshots the page, once the checkout sheet has stopped moving. */
async function shot(page, name) {
  await settled(page, '[data-testid="checkout-sheet"]');
  await page.screenshot({ path: artifact(`checkout-${name}.png`) });
}

/** The viewer's orders, newest first. */
async function orders(page, url) {
  const { token } = await demoViewer(page, url);
  return (await apiGet(url, token, "/v1/orders")).orders;
}

/** Opens the demo on `STREAM` and waits for its cards. */
async function openDemo(browser, url) {
  const page = await phonePage(browser);
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(`${url}/?stream=${STREAM}`);
  await page.locator('[data-testid="product-card"]').first().waitFor();
  return { page, errors };
}


/** Fills the new-address form with a Bandung address and saves it. */
async function addAddress(page) {
  const form = await fillAddress(page);
  await form.locator('[data-testid="save-address"]').tap();
  await page.locator('[data-testid="chosen-address"]').waitFor();
}

/**
 * From the feed to the checkout's review: `productId` in the cart, a new
 * Bandung address, `method` chosen and the quote fresh; resolves to the sheet.
 */
async function review(page, productId, method) {
  await addToCart(page, productId, 1);
  await page.locator('[data-testid="cart-button"]').tap();
  await page.locator('[data-testid="checkout"]').tap();
  await addAddress(page);
  const sheet = page.locator('[data-testid="checkout-sheet"]');
  await sheet.locator(`[data-testid="payment-option"][data-method="${method}"]`).tap();
  await freshTotal(page);
  return sheet;
}

/** The grand total as shown, once the quote is fresh. */
async function freshTotal(page) {
  const sheet = page.locator('[data-testid="checkout-sheet"]');
  await until("a fresh quote", async () =>
    (await sheet.locator('[data-testid="summary"][aria-busy]').count()) === 0 &&
    (await sheet.locator('[data-testid="summary"]').count()) === 1);
  return sheet.locator('[data-testid="grand-total"] dd').textContent();
}

describe("checkout", () => {
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

  test("two shops, a shop voucher and free shipping, paid by virtual account", async () => {
    const { page, errors } = await openDemo(browser, server.url);
    const events = [];
    await page.exposeFunction("recordEvent", (name, detail) => events.push([name, detail]));
    await page.evaluate(() => {
      for (const name of ["checkout_started", "order_placed", "payment_pending", "payment_completed"]) {
        document.querySelector("#shop").addEventListener(`etalase:${name}`, (event) =>
          window.recordEvent(name, event.detail));
      }
    });
    await addToCart(page, SHIRT, 1);
    await addToCart(page, TEE, 2);

    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await sheet.waitFor({ state: "visible" });

    // No saved address yet: the form comes first, checked field by field.
    await shot(page, "1-address-form");
    const form = page.locator('[data-testid="address-form"]');
    await form.locator('[data-testid="save-address"]').tap();
    assert.equal(await form.locator('[data-testid="field-error"]').count(), 4, "every field says what is wrong");
    await addAddress(page);
    await freshTotal(page);
    await shot(page, "2-review");
    assert.equal(await sheet.locator('[data-testid="checkout-shop"]').count(), 2, "one parcel per shop");

    // A faster courier for the shirt, and both vouchers.
    const shirtShop = sheet.locator(`[data-testid="checkout-shop"][data-shop="${SHIRT_SHOP}"]`);
    const before = await freshTotal(page);
    await shirtShop.locator('[data-testid="courier-chosen"]').tap();
    await shirtShop.locator('[data-testid="courier-option"][data-option="jne-yes"]').tap();
    await until("the new courier", async () =>
      (await shirtShop.locator('[data-option="jne-yes"]').getAttribute("aria-checked")) === "true");
    assert.notEqual(await freshTotal(page), before, "the total follows the courier");
    await sheet.locator('[data-testid="voucher-offer"][data-code="BATIKHEMAT"]').tap();
    // A code typed wrong marks the field, with the words that say why.
    const field = sheet.locator('[data-testid="voucher-input"]');
    const logged = errors.length;
    await field.fill("tidakada");
    await sheet.locator('[data-testid="apply-voucher"]').tap();
    await sheet.locator('[data-testid="voucher-refused"]').waitFor();
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    // The quote's refusal, which the browser logs, is the one error it brings.
    await until("the refusal logged", async () => errors.length > logged);
    assert.deepEqual(errors.splice(logged), ["Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"]);
    await sheet.locator('[data-testid="voucher-input"]').fill("ongkirgratis");
    await sheet.locator('[data-testid="apply-voucher"]').tap();
    await until("both vouchers applied", async () =>
      (await sheet.locator('[data-testid="applied-voucher"] .voucher-saved').count()) === 2);
    await sheet.locator('[data-testid="payment-option"][data-method="virtual_account"]').tap();
    await sheet.locator('[data-testid="payment-sub-option"]', { hasText: "BNI" }).tap();
    const total = await freshTotal(page);
    await shot(page, "3-choices");

    // The widget's total is the server's: the quote for the same choices agrees.
    const placed = page.waitForResponse((r) => r.url().endsWith("/v1/orders") && r.request().method() === "POST");
    await sheet.locator('[data-testid="place-order"]').tap();
    const checkout = await (await placed).json();
    const panel = sheet.locator('[data-testid="payment-panel"]');
    await panel.waitFor();
    assert.equal(await panel.getAttribute("data-status"), "pending");
    assert.equal(checkout.orders.length, 2, "one order per shop");
    assert.equal(checkout.payment.method.bank, "bni");
    const vouchers = checkout.vouchers.map((v) => v.code).sort();
    assert.deepEqual(vouchers, ["BATIKHEMAT", "ONGKIRGRATIS"]);
    assert.ok(total.replace(/\D/g, "") === String(checkout.totals.grand_total), `${total} is the checkout's total`);
    const number = await panel.locator('[data-testid="va-number"]').textContent();
    assert.equal(number.replace(/\s/g, ""), checkout.payment.instructions.account_number);
    // Copied: the clipboard holds the number, the button keeps its name, and it is said once.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const copy = panel.locator('[data-testid="copy-account"]');
    const name = await copy.getAttribute("aria-label");
    await copy.tap();
    await until("the copy said", async () => (await panel.locator('[data-testid="copy-said"]').textContent()) === "Disalin");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), checkout.payment.instructions.account_number);
    assert.equal(await copy.getAttribute("aria-label"), name);
    await shot(page, "4-virtual-account");

    // The host's demo plays the bank: pay, and the widget follows.
    await page.locator('[data-testid="demo-pay"]').tap();
    await until("the payment paid", async () => (await panel.getAttribute("data-status")) === "paid", 20_000);
    await until("both orders paid on screen", async () =>
      (await sheet.locator('[data-testid="order"][data-status="paid"]').count()) === 2);
    await shot(page, "5-paid");
    const mine = await orders(page, server.url);
    assert.deepEqual(mine.map((order) => order.status), ["paid", "paid"]);
    assert.deepEqual(
      mine.map((order) => order.checkout_id),
      [checkout.id, checkout.id],
      "exactly the two orders of one checkout",
    );
    const names = events.map(([name]) => name);
    for (const name of ["checkout_started", "order_placed", "payment_pending", "payment_completed"]) {
      assert.ok(names.includes(name), `the host heard ${name}`);
    }
    const orderPlaced = events.find(([name]) => name === "order_placed")[1];
    assert.equal(orderPlaced.checkoutId, checkout.id);
    assert.equal(orderPlaced.total, checkout.totals.grand_total);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
  test("cash on delivery, straight from Buy now", async () => {
    const { page, errors } = await openDemo(browser, server.url);
    await page.locator(`[data-testid="product-card"][data-product-id="${TEE}"]`).tap();
    await page.locator('[data-testid="product-sheet"] [data-testid="buy-now"]:not([disabled])').tap();
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await sheet.waitFor({ state: "visible" });
    await addAddress(page);
    await freshTotal(page);
    assert.equal(await sheet.locator('[data-testid="checkout-shop"]').count(), 1, "only the product bought");
    await sheet.locator('[data-testid="payment-option"][data-method="cod"]').tap();
    await freshTotal(page);
    await sheet.locator('[data-testid="place-order"]').tap();
    const panel = sheet.locator('[data-testid="payment-panel"]');
    await panel.waitFor();
    await shot(page, "6-cod");
    const mine = await orders(page, server.url);
    assert.equal(mine.length, 1, "one order");
    assert.equal(mine[0].status, "awaiting_payment");
    const { token } = await demoViewer(page, server.url);
    const payment = await apiGet(server.url, token, `/v1/payments/${mine[0].payment_id}`);
    assert.equal(payment.method.method, "cod");
    assert.equal(payment.instructions.type, "cod");
    const collect = Number(payment.instructions.amount_to_collect).toLocaleString("id-ID");
    assert.ok((await panel.innerText()).includes(`Rp${collect}`), "the cash to hand the courier");

    // Closed, the checkout stays over the video as a small card that leads back.
    await page.locator('[data-testid="checkout-close"]').tap();
    await sheet.waitFor({ state: "hidden" });
    const mini = page.locator('[data-testid="mini-card"]');
    await mini.waitFor();
    await page.screenshot({ path: artifact("checkout-7-mini-card.png") });
    // After a reload the payment is resumed, not started over.
    await page.reload();
    await mini.waitFor();
    await mini.tap();
    await panel.waitFor();
    assert.equal((await orders(page, server.url)).length, 1, "still one order");

    // The order history, from the cart: the order, then its timeline.
    await page.locator('[data-testid="checkout-close"]').tap();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="my-orders"]').tap();
    const history = page.locator('[data-testid="orders-sheet"]');
    const row = history.locator('[data-testid="history-order"]');
    await row.waitFor();
    assert.equal(await row.count(), 1);
    await row.tap();
    await history.locator('[data-testid="timeline"]').waitFor();
    await settled(page, '[data-testid="orders-sheet"]');
    await page.screenshot({ path: artifact("checkout-11-order.png") });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test("Buy now beside other lines of the same shop charges the product bought only", async () => {
    const { page, errors } = await openDemo(browser, server.url);
    await addToCart(page, BLOUSE, 1);
    await page.locator(`[data-testid="product-card"][data-product-id="${SHIRT}"]`).tap();
    const product = page.locator('[data-testid="product-sheet"]');
    await product.locator('[data-testid="buy-now"]:not([disabled])').tap();
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await sheet.waitFor({ state: "visible" });
    await addAddress(page);
    await sheet.locator('[data-testid="payment-option"][data-method="qris"]').tap();
    const total = await freshTotal(page);
    assert.equal(await sheet.locator('[data-testid="checkout-shop"]').count(), 1, "one parcel");
    const placed = page.waitForResponse((r) => r.url().endsWith("/v1/orders") && r.request().method() === "POST");
    await sheet.locator('[data-testid="place-order"]').tap();
    const checkout = await (await placed).json();
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    await shot(page, "8-buy-now-beside-the-cart");

    // The shirt alone: its price, its shipping, QRIS's fee of nothing.
    const [order] = checkout.orders;
    assert.equal(checkout.orders.length, 1);
    assert.deepEqual(order.items.map((item) => item.product_id), [SHIRT]);
    const shirt = order.items[0];
    assert.equal(order.subtotal, shirt.price * shirt.quantity);
    assert.equal(checkout.totals.items_subtotal, order.subtotal);
    assert.equal(
      checkout.payment.amount,
      order.subtotal + order.shipping_cost + order.insurance - order.discount + checkout.totals.payment_fee,
    );
    assert.equal(total.replace(/\D/g, ""), String(checkout.payment.amount), `${total} on screen is what is paid`);
    // The blouse is still in the cart, not paid for.
    const { token } = await demoViewer(page, server.url);
    const cart = await apiGet(server.url, token, "/v1/cart");
    assert.deepEqual(cart.shops.flatMap((shop) => shop.items.map((item) => item.product_id)), [BLOUSE]);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test("a card is entered only on the provider's page, never in the widget", async () => {
    const { page, errors } = await openDemo(browser, server.url);
    await page.locator(`[data-testid="product-card"][data-product-id="${TEE}"]`).tap();
    await page.locator('[data-testid="product-sheet"] [data-testid="buy-now"]:not([disabled])').tap();
    await addAddress(page);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await sheet.locator('[data-testid="payment-option"][data-method="card"]').tap();
    await freshTotal(page);
    await sheet.locator('[data-testid="place-order"]').tap();
    const frame = sheet.locator('[data-testid="card-frame"]');
    await frame.waitFor();
    const src = await frame.getAttribute("src");
    assert.ok(src.startsWith(`${server.url}/provider/card/`), `${src} is the provider's page on the API`);
    const fields = await page.evaluate(() => {
      const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
      return [...root.querySelectorAll("input, select, textarea")].map((field) =>
        [field.name, field.id, field.getAttribute("autocomplete")].join(" "));
    });
    assert.ok(
      fields.every((field) => !/card|cc-|cvv|cvc/i.test(field)),
      `no card field in the widget: ${fields.join(", ")}`,
    );
    const inFrame = page.frameLocator('[data-testid="card-frame"]').locator('input:not([type="hidden"])').first();
    await inFrame.waitFor();
    // The provider's page groups what is typed, its own script running under its strict policy.
    const provider = page.frameLocator('[data-testid="card-frame"]');
    await provider.locator('input[name="number"]').pressSequentially("4111111111111111");
    await provider.locator('input[name="expiry"]').pressSequentially("1230");
    assert.equal(await provider.locator('input[name="number"]').inputValue(), "4111 1111 1111 1111");
    assert.equal(await provider.locator('input[name="expiry"]').inputValue(), "12/30");
    await shot(page, "12-card");
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test("cancelling a pending order asks first: Keep it keeps it, Yes cancels it", async () => {
    const { page } = await openDemo(browser, server.url);
    const sheet = await review(page, TEE, "qris");
    await sheet.locator('[data-testid="place-order"]').tap();
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    const [placed] = await orders(page, server.url);

    // A slip (or a double tap) on Cancel keeps the order.
    await sheet.locator('[data-testid="cancel-order"]').dblclick();
    await sheet.locator('[data-testid="keep-order"]').waitFor();
    assert.match(await sheet.locator(".pay-question").textContent(), /Batalkan pesanan ini\?/);
    await sheet.locator('[data-testid="keep-order"]').tap();
    await sheet.locator('[data-testid="cancel-order"]').waitFor();
    assert.equal((await orders(page, server.url))[0].status, placed.status, "still waiting for payment");

    // Escape with focus anywhere in the question answers it alone: focus back on Cancel order.
    const cancel = sheet.locator('[data-testid="cancel-order"]');
    const question = sheet.locator('[data-testid="cancel-question"]');
    const isFocused = (locator) => locator.evaluate((element) => element.getRootNode().activeElement === element);
    for (const where of ["keep-order", "confirm-cancel", "the question's words"]) {
      await cancel.tap();
      await question.waitFor();
      if (where.includes("-")) await sheet.locator(`[data-testid="${where}"]`).focus();
      else await question.locator(".pay-question").click();
      await page.keyboard.press("Escape");
      await cancel.waitFor();
      await until(`focus back on Cancel order from ${where}`, () => isFocused(cancel));
      assert.ok(await sheet.isVisible(), `the sheet stays up (Escape on ${where})`);
    }
    // Both answers look like buttons, grouped with the question above Check status.
    await cancel.tap();
    const looks = await question.evaluate((group) => [...group.querySelectorAll("button")].map((button) => {
      const style = getComputedStyle(button);
      return { fill: style.backgroundColor, height: button.getBoundingClientRect().height };
    }));
    assert.ok(looks.every(({ fill, height }) => fill !== "rgba(0, 0, 0, 0)" && height >= 44), JSON.stringify(looks));
    const [groupBox, checkBox] = [await question.boundingBox(), await sheet.locator('[data-testid="check-payment"]').boundingBox()];
    assert.ok(groupBox.y + groupBox.height <= checkBox.y, "the question and its answers above Check status");
    await question.scrollIntoViewIfNeeded();
    await settled(page, '[data-testid="checkout-sheet"]');
    await page.screenshot({ path: artifact("checkout-cancel-question.png") });
    await sheet.locator('[data-testid="confirm-cancel"]').tap();
    await until("the order cancelled", async () => (await orders(page, server.url))[0].status === "cancelled");
    await page.context().close();
  });

  test("an order waiting for payment, found in the history on another visit: paid or cancelled from its detail", async () => {
    const { page, errors } = await openDemo(browser, server.url);
    const sheet = await review(page, TEE, "qris");
    await sheet.locator('[data-testid="place-order"]').tap();
    await sheet.locator('[data-testid="payment-panel"]').waitFor();
    const [placed] = await orders(page, server.url);
    // Another visit: the device no longer holds the checkout (no card over the video).
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith("etalase:checkout:")) localStorage.removeItem(key);
    });
    await page.reload();
    await page.locator('[data-testid="product-card"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="mini-card"]').count(), 0);

    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="my-orders"]').tap();
    const history = page.locator('[data-testid="orders-sheet"]');
    await history.locator(`[data-testid="history-order"]`).first().tap();
    await history.locator('[data-testid="timeline"]').waitFor();
    const pay = history.locator('[data-testid="order-pay"]');
    await pay.waitFor();
    assert.equal(await pay.innerText(), "Lanjutkan pembayaran");
    await settled(page, '[data-testid="orders-sheet"]');
    await page.screenshot({ path: artifact("checkout-13-order-to-pay.png") });
    await pay.tap();
    const panel = sheet.locator('[data-testid="payment-panel"]');
    await panel.waitFor();
    assert.equal(await panel.getAttribute("data-status"), "pending");
    assert.ok((await panel.innerText()).includes("QRIS"), "the order's own payment");
    await settled(page, '[data-testid="checkout-sheet"]');
    await page.screenshot({ path: artifact("checkout-14-order-payment.png") });
    await sheet.locator('[data-testid="cancel-order"]').tap();
    await sheet.locator('[data-testid="confirm-cancel"]').tap();
    await until("the order cancelled", async () =>
      (await orders(page, server.url)).find((order) => order.id === placed.id).status === "cancelled");

    // Back in the history, the order it came from: cancelled, no payment offered.
    await page.locator('[data-testid="checkout-close"]').tap();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="my-orders"]').tap();
    await history.locator('[data-testid="order"][data-status="cancelled"]').waitFor();
    assert.equal(await history.locator('[data-testid="order-pay"]').count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test("offline at Place order: retried when back online, exactly one order", async () => {
    const { page } = await openDemo(browser, server.url);
    const sheet = await review(page, SHIRT, "qris");

    // The order reaches the server, but its answer is lost as the phone
    // drops off the network; every retry while offline fails.
    const keys = [];
    await page.route("**/v1/orders", async (route) => {
      keys.push(route.request().headers()["idempotency-key"]);
      if (keys.length === 1) {
        await route.fetch();
        await page.context().setOffline(true);
        await route.abort("internetdisconnected");
      } else {
        await route.continue();
      }
    });
    await sheet.locator('[data-testid="place-order"]').tap();
    const failed = sheet.locator('[data-testid="place-failed"]');
    await failed.waitFor({ timeout: 20_000 });
    assert.equal(await failed.getAttribute("data-code"), "network");
    await shot(page, "8-offline");
    assert.equal((await orders(page, server.url)).length, 1, "the server placed it once");

    await page.context().setOffline(false);
    const panel = sheet.locator('[data-testid="payment-panel"]');
    await panel.waitFor({ timeout: 20_000 });
    await sheet.locator('[data-testid="qris-code"]').waitFor();
    await shot(page, "9-qris");
    assert.ok(keys.length >= 2, "retried");
    assert.equal(new Set(keys).size, 1, "every try carried the same Idempotency-Key");
    const mine = await orders(page, server.url);
    assert.equal(mine.length, 1, "exactly one order");
    const { token } = await demoViewer(page, server.url);
    const cart = await apiGet(server.url, token, "/v1/cart");
    assert.equal(cart.item_count, 0, "the bought line left the cart");
    await page.context().close();
  });

  test("the last unit bought by someone else meanwhile: a clear message, no order", async () => {
    const { page } = await openDemo(browser, server.url);
    const token = await mintToken(server.url, "e2e-reader");
    const shirt = await apiGet(server.url, token, `/v1/products/${SHIRT}`);
    const scarce = shirt.variants.find((variant) => variant.stock > 0 && variant.stock <= 3);
    assert.ok(scarce, "the shirt has a size with a few left");
    await page.locator(`[data-testid="product-card"][data-product-id="${SHIRT}"]`).tap();
    const productSheet = page.locator('[data-testid="product-sheet"]');
    // Chosen unless it is already (a second tap would unchoose it).
    const option = productSheet.locator(`[data-testid="variant-option"][data-value="${scarce.option_values[0]}"]`);
    if ((await option.getAttribute("aria-checked")) !== "true") await option.tap();
    await productSheet.locator('[data-testid="buy-now"]').tap();
    await addAddress(page);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await sheet.locator('[data-testid="payment-option"][data-method="qris"]').tap();
    await freshTotal(page);

    await buyOut(server.url, scarce.id, scarce.stock);
    await sheet.locator('[data-testid="place-order"]').tap();
    const problem = sheet.locator('[data-testid="out-of-stock"]');
    await problem.waitFor();
    assert.ok((await problem.innerText()).includes(shirt.name), "the message names the product");
    await shot(page, "10-out-of-stock");
    assert.equal((await orders(page, server.url)).length, 0, "no order");
    await problem.locator('[data-testid="edit-cart"]').tap();
    await page.locator('[data-testid="cart-sheet"]').waitFor({ state: "visible" });
    await page.context().close();
  });

  test("the payment radios by keyboard: an arrow checks the next method and the total follows", async () => {
    const { page } = await openDemo(browser, server.url);
    const sheet = await review(page, TEE, "virtual_account");
    const byAccount = await freshTotal(page);
    // The banks are a group after the methods', which the chosen method names.
    const account = sheet.getByRole("radio", { name: "Virtual Account" });
    assert.equal(await account.getAttribute("aria-controls"), "co-pay-sub");
    assert.equal(await sheet.locator('[role="radiogroup"] [role="radiogroup"]').count(), 0, "no group inside a group");
    await account.focus();
    await page.keyboard.press("ArrowDown");
    const qris = sheet.getByRole("radio", { name: "QRIS" });
    await until("QRIS checked", async () => (await qris.getAttribute("aria-checked")) === "true");
    assert.ok(await qris.evaluate((radio) => radio.getRootNode().activeElement === radio), "focus moved with it");
    assert.equal(await sheet.locator('[data-testid="payment-sub-option"]').count(), 0, "no banks for QRIS");
    const byQris = await freshTotal(page);
    const rupiah = (text) => Number(text.replace(/\D/g, ""));
    assert.equal(rupiah(byAccount) - rupiah(byQris), 4_000, `the account's fee gone: ${byAccount} → ${byQris}`);
    // Back up to the account, with its first bank.
    await page.keyboard.press("ArrowUp");
    await until("the account checked again", async () => (await account.getAttribute("aria-checked")) === "true");
    assert.equal(rupiah(await freshTotal(page)), rupiah(byAccount));
    await page.context().close();
  });

  test("the first journey by keyboard alone, found by role and name", async () => {
    const page = await phonePage(browser, { hasTouch: false, isMobile: false });
    await page.goto(`${server.url}/?stream=${STREAM}`);
    const token = await mintToken(server.url, "e2e-reader");
    const shirt = await apiGet(server.url, token, `/v1/products/${SHIRT}`);
    const tee = await apiGet(server.url, token, `/v1/products/${TEE}`);
    await page.getByRole("button", { name: literally(shirt.name) }).waitFor();

    const isFocused = (locator) =>
      locator.evaluate((element) => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active === element;
      });
    const tabTo = async (locator, what) => {
      for (let presses = 0; presses < 120; presses += 1) {
        if (await isFocused(locator)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${what}`);
    };
    const press = async (locator, what, key = "Enter") => {
      await tabTo(locator, what);
      await page.keyboard.press(key);
    };

    for (const product of [shirt, tee]) {
      await press(page.getByRole("button", { name: literally(product.name) }), product.name);
      const dialog = page.getByRole("dialog", { name: product.name });
      await dialog.waitFor();
      await press(dialog.getByRole("button", { name: "+ Keranjang" }), "Add to cart");
      await page.getByText("Ditambahkan ke keranjang").first().waitFor();
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
    }
    await press(page.getByRole("button", { name: "Keranjang, 2 barang" }), "the cart button");
    const cart = page.getByRole("dialog", { name: "Keranjang" });
    await press(cart.getByRole("button", { name: "Checkout (2)" }), "Checkout");

    const form = page.getByRole("dialog", { name: "Alamat baru" });
    await form.waitFor();
    const type = async (label, text) => {
      await tabTo(form.getByLabel(label), label);
      await page.keyboard.type(text);
    };
    await type("Nama penerima", "Sari Wulandari");
    await type("Nomor HP", "081234567890");
    // The district found by typing, its option by the arrows, the village by typing.
    await tabTo(form.getByRole("combobox", { name: "Kecamatan atau kota" }), "the district search");
    await page.keyboard.type("coblong");
    await form.getByRole("option", { name: /^Coblong\b.*Kota Bandung/ }).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await form.locator('[data-testid="address-village"]:not([disabled])').waitFor();
    await type("Kelurahan/Desa", "Dago");
    await form.getByLabel("Kode pos").waitFor();
    await type("Alamat lengkap", "Jl. Dago No. 12");
    await press(form.getByRole("button", { name: "Simpan alamat" }), "Save address");

    const checkout = page.getByRole("dialog", { name: "Checkout" });
    await checkout.getByRole("heading", { name: "Alamat pengiriman" }).waitFor();
    await press(checkout.getByRole("button", { name: /^BATIKHEMAT/ }), "the shop voucher");
    await tabTo(checkout.getByRole("textbox", { name: "Kode voucher" }), "the voucher code");
    await page.keyboard.type("ONGKIRGRATIS");
    await page.keyboard.press("Enter");
    await checkout.getByRole("button", { name: "Hapus voucher ONGKIRGRATIS" }).waitFor();
    await press(checkout.getByRole("radio", { name: "Virtual Account" }), "Virtual Account", "Space");
    // A radio group is one Tab stop (the bank chosen by default); the arrows move the choice.
    await tabTo(checkout.getByRole("radio", { name: "BCA", exact: true }), "the bank chosen");
    const bni = checkout.getByRole("radio", { name: "BNI", exact: true });
    for (let presses = 0; presses < 4 && (await bni.getAttribute("aria-checked")) !== "true"; presses += 1) {
      await page.keyboard.press("ArrowRight");
    }
    assert.equal(await bni.getAttribute("aria-checked"), "true", "BNI chosen by the arrow keys");
    await freshTotal(page);
    await press(checkout.getByRole("button", { name: "Buat pesanan" }), "Place order");
    // Placed, the sheet is the order's payment.
    const payment = page.getByRole("dialog", { name: "Pembayaran" });
    await payment.getByRole("button", { name: "Salin nomor virtual account" }).waitFor();
    // Place order is gone with the order placed; focus stays in the sheet, on its heading.
    await until("focus kept in the sheet", () => page.evaluate(() => {
      const active = document.querySelector("[data-etalase]").shadowRoot.activeElement;
      return active !== null && active.closest('[data-testid="checkout-sheet"]') !== null && /^H[23]$/.test(active.tagName);
    }));
    const mine = await orders(page, server.url);
    assert.equal(mine.length, 2, "one order per shop");
    assert.ok(mine.every((order) => order.status === "awaiting_payment"));
    await page.context().close();
  });
});
