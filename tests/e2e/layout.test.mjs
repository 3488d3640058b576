// The cart and the checkout at the narrowest phones we design for, 320 and
// 360 px wide, in both languages, with the longest names and the largest
// amounts a shopper may meet (the server's answers rewritten in the browser:
// a 70-letter shop and product name, Rp 99.999.999): titles on one line, the
// footers on two, no amount broken, nothing past the screen's edge.
// Screenshots of each are kept under the artifacts folder.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addToCart, artifact, fillAddressIn, firstStreamAndProduct, launchBrowser, phonePage, startServer } from "../support.mjs";

/** The largest amount the layout must hold on one line, in rupiah. */
const LARGEST = 99_999_999;

/** `cart` with every name made long and one line priced at [`LARGEST`]. */
function extreme(cart) {
  for (const shop of cart.shops) {
    shop.shop.name = "Toko Batik, Tenun dan Kerajinan Tangan Nusantara Sejahtera Abadi";
    for (const item of shop.items) {
      item.product_name = "Kemeja Batik Tulis Lengan Panjang Motif Parang Rusak Edisi Terbatas";
      item.price = LARGEST;
      item.original_price = null;
      item.quantity = 1;
      item.line_total = LARGEST;
    }
    shop.subtotal = LARGEST * shop.items.length;
  }
  cart.subtotal = cart.shops.reduce((sum, shop) => sum + shop.subtotal, 0);
  cart.item_count = cart.shops.reduce((sum, shop) => sum + shop.items.length, 0);
  return cart;
}

/**
 * The box of each element named in `selectors` (name → selector in the
 * widget's shadow root), with its line height, and the window's width.
 */
function boxes(page, selectors) {
  return page.evaluate((selectors) => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    const found = { width: innerWidth };
    for (const [name, selector] of Object.entries(selectors)) {
      const element = root.querySelector(selector);
      const rect = element.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || rect.height;
      found[name] = { top: rect.top, right: rect.right, height: rect.height, lineHeight };
    }
    return found;
  }, selectors);
}

/** Whether `box` holds one line of text. */
const oneLine = (box) => box.height < box.lineHeight * 1.5;

describe("layout at 320 and 360 px", () => {
  let server;
  let browser;
  let productId;
  let streamId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ streamId, productId } = await firstStreamAndProduct(server.url));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const width of [320, 360]) {
    for (const locale of ["id-ID", "en-US"]) {
      test(`the cart, ${width} px, ${locale}, long names and Rp 99.999.999`, async () => {
        const page = await phonePage(browser, { viewport: { width, height: 640 }, locale });
        await page.goto(`${server.url}/?stream=${streamId}`);
        await page.locator('[data-testid="product-card"]').first().waitFor();
        await addToCart(page, productId, 1);
        // From here on the cart the server answers is the extreme one.
        await page.route("**/v1/cart", async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, json: extreme(await response.json()) });
        });
        await page.reload();
        await page.locator('[data-testid="product-card"]').first().waitFor();
        if (locale === "en-US") {
          await page.locator("#locale-switch").tap();
          await page.waitForFunction(() => document.querySelector("#locale-code").textContent === "EN");
        }
        await page.locator('[data-testid="cart-button"]').tap();
        await page.locator('[data-testid="cart-sheet"] [data-testid="cart-subtotal"]').waitFor();
        await page.waitForFunction(() => document.querySelector("#shop > [data-etalase]").shadowRoot
          .getAnimations().every((animation) => animation.effect?.getTiming().iterations === Infinity));
        await page.screenshot({ path: artifact(`layout-cart-${width}-${locale}.png`) });

        const shown = await page.locator('[data-testid="cart-subtotal"]').textContent();
        assert.equal(shown.replace(/\D/g, ""), String(LARGEST), "the largest amount, whole");
        const b = await boxes(page, {
          title: '[data-testid="cart-sheet"] .sheet-title',
          orders: '[data-testid="my-orders"]',
          label: '[data-testid="cart-total"] .total-label',
          total: '[data-testid="cart-subtotal"]',
          checkout: '[data-testid="checkout"]',
        });
        assert.ok(oneLine(b.title), `the title on one line (${b.title.height} px)`);
        assert.ok(Math.abs(b.title.top - b.orders.top) < b.orders.height, "the title and My orders side by side");
        assert.ok(oneLine(b.label), `the subtotal's label on one line (${b.label.height} px)`);
        assert.ok(oneLine(b.total), `the amount on one line (${b.total.height} px)`);
        assert.ok(b.total.top > b.label.top, "the amount under its label: two lines in all");
        assert.ok(b.checkout.right <= b.width - 12, `the checkout button inside the footer's padding (${b.checkout.right} > ${b.width} - 12)`);
        assert.ok(b.orders.right <= b.width, "My orders inside the screen");
        await page.context().close();
      });
    }
  }

  for (const width of [320, 360]) {
    for (const locale of ["id-ID", "en-US"]) {
      test(`the checkout, ${width} px, ${locale}, a total of Rp 99.999.999`, async () => {
        const page = await phonePage(browser, { viewport: { width, height: 640 }, locale });
        await page.route("**/v1/checkout/quote", async (route) => {
          const response = await route.fetch();
          const quote = await response.json();
          if (quote.totals) quote.totals.grand_total = LARGEST;
          await route.fulfill({ response, json: quote });
        });
        await page.goto(`${server.url}/?stream=${streamId}`);
        await page.locator('[data-testid="product-card"]').first().waitFor();
        if (locale === "en-US") {
          await page.locator("#locale-switch").tap();
          await page.waitForFunction(() => document.querySelector("#locale-code").textContent === "EN");
        }
        await addToCart(page, productId, 1);
        await page.locator('[data-testid="cart-button"]').tap();
        await page.locator('[data-testid="checkout"]').tap();
        const form = await fillAddressIn(page, locale);
        await form.locator('[data-testid="save-address"]').tap();
        const sheet = page.locator('[data-testid="checkout-sheet"]');
        await sheet.locator('[data-testid="payment-option"][data-method="qris"]').tap();
        await page.waitForFunction((largest) => {
          const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
          const total = root.querySelector('[data-testid="footer-total"]');
          return total && total.textContent.replace(/\D/g, "") === String(largest);
        }, LARGEST);
        await page.waitForFunction(() => document.querySelector("#shop > [data-etalase]").shadowRoot
          .getAnimations().every((animation) => animation.effect?.getTiming().iterations === Infinity));
        await page.screenshot({ path: artifact(`layout-checkout-${width}-${locale}.png`) });

        const b = await boxes(page, {
          title: '[data-testid="checkout-sheet"] .sheet-title',
          label: ".co-total .total-label",
          total: '[data-testid="footer-total"]',
          place: '[data-testid="place-order"]',
        });
        assert.ok(oneLine(b.title), `the title on one line (${b.title.height} px)`);
        assert.ok(oneLine(b.label), `the total's label on one line (${b.label.height} px)`);
        assert.ok(oneLine(b.total), `the total on one line (${b.total.height} px)`);
        assert.ok(b.place.right <= b.width - 12, `the place-order button inside the footer's padding (${b.place.right} > ${b.width} - 12)`);
        await page.context().close();
      });
    }
  }
});
