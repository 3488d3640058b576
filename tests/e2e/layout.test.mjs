// The cart and the checkout at the narrowest phones we design for, 320 and
// 360 px wide, in both languages, with the longest names and the largest
// amounts a shopper may meet (the server's answers rewritten in the browser:
// a 70-letter shop and product name, Rp 99.999.999): titles on one line, the
// footers on two, no amount broken, nothing past the screen's edge.
// Screenshots of each are kept under the artifacts folder.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  addToCart, apiGet, artifact, fillAddressIn, firstStreamAndProduct, launchBrowser, mintToken, phonePage, startServer,
} from "../support.mjs";

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

/**
 * The amounts ("IDR 200,000", "Rp200.000") in the widget's open sheet, or
 * its banners with none up, whose words lie on more than one line box.
 */
function brokenAmounts(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    const scope = root.querySelector('.sheet[data-open="true"]') ?? root;
    const texts = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const broken = [];
    let seen = 0;
    while (texts.nextNode()) {
      const node = texts.currentNode;
      if (node.parentElement.closest(".sr, [hidden], [inert]")) continue;
      for (const match of node.textContent.matchAll(/(IDR|Rp)\s?[\d.,]*\d/g)) {
        const words = document.createRange();
        words.setStart(node, match.index);
        words.setEnd(node, match.index + match[0].length);
        const boxes = [...words.getClientRects()].filter((box) => box.width > 0);
        if (boxes.length === 0) continue;
        seen += 1;
        const lines = new Set(boxes.map((box) => Math.round(box.top)));
        if (lines.size > 1) broken.push(`${match[0]} in "${node.parentElement.textContent.trim()}"`);
      }
    }
    return { seen, broken };
  });
}

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

  test("no amount broken across lines at 320 px in English: the product sheet, the cart, the payment", async () => {
    const page = await phonePage(browser, { viewport: { width: 320, height: 640 }, locale: "en-US" });
    await page.goto(`${server.url}/?stream=${streamId}&locale=en-US`);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    const check = async (screen) => {
      await settled(page);
      await page.screenshot({ path: artifact(`amounts-${screen}-320-en-US.png`) });
      const { seen, broken } = await brokenAmounts(page);
      assert.ok(seen > 0, `amounts on the ${screen}`);
      assert.deepEqual(broken, [], `no amount broken on the ${screen}`);
    };
    await page.locator(`[data-testid="product-card"][data-product-id="${productId}"]`).tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
    await check("product-sheet");
    await page.locator('[data-testid="sheet-close"]').tap();
    await sheet.waitFor({ state: "hidden" });
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="cart-sheet"] [data-testid="cart-subtotal"]').waitFor();
    await check("cart");
    await page.locator('[data-testid="checkout"]').tap();
    const form = await fillAddressIn(page, "en-US");
    await form.locator('[data-testid="save-address"]').tap();
    const checkout = page.locator('[data-testid="checkout-sheet"]');
    await checkout.locator('[data-testid="payment-option"][data-method="qris"]').tap();
    await checkout.locator('[data-testid="place-order"]:not([disabled])').tap();
    await checkout.locator('[data-testid="payment-panel"]').waitFor();
    await checkout.locator(".steps summary").evaluateAll((all) => all.forEach((summary) => summary.parentElement.open = true));
    await check("payment");
    await page.context().close();
  });

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

/**
 * The controls of the open sheet (or, with none up, of the dock) whose part
 * in sight the toast's box overlaps, each as its test id or tag; and whether the control
 * last used, `used`, is in sight inside its scrolling body.
 */
function coveredBy(page, toastSelector) {
  return page.evaluate((toastSelector) => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    const toast = root.querySelector(toastSelector).getBoundingClientRect();
    const scope = root.querySelector('.sheet[data-open="true"]') ?? root.querySelector(".dock");
    const controls = scope.querySelectorAll('button, input, select, a[href], [role="radio"], [role="checkbox"], summary');
    return [...controls]
      .filter((control) => !control.closest('[data-testid="toast"]') && control.getClientRects().length > 0)
      .filter((control) => {
        // What shows of it: a control scrolled out of its body's sight is not under the toast.
        const box = control.getBoundingClientRect();
        const clip = control.closest(".sheet-scroll")?.getBoundingClientRect() ?? { top: -Infinity, bottom: Infinity };
        const top = Math.max(box.top, clip.top);
        const bottom = Math.min(box.bottom, clip.bottom);
        return top < bottom && box.left < toast.right && box.right > toast.left && top < toast.bottom && bottom > toast.top;
      })
      .map((control) => control.dataset.testid ?? control.localName);
  }, toastSelector);
}

/** Whether the last `selector` in the widget's open sheet lies wholly inside its scrolling body's visible box. */
function inSight(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    const element = [...root.querySelectorAll(`.sheet[data-open="true"] ${selector}`)].at(-1);
    const body = element.closest(".sheet-scroll").getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return box.top >= body.top - 1 && box.bottom <= body.bottom + 1;
  }, selector);
}

/**
 * Where Undo's focus ring is out of sight: `outside` when part of it lies
 * past the window's edge, and the points on the ring (the middle of its band,
 * along each side and at each corner) where `elementFromPoint` finds
 * something other than the toast or what holds it (the sheet's footer, say).
 */
function ringHidden(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    const undo = root.querySelector('[data-testid="toast"] [data-testid="undo"]');
    const toast = undo.closest('[data-testid="toast"]');
    const style = getComputedStyle(undo);
    const width = parseFloat(style.outlineWidth);
    const reach = parseFloat(style.outlineOffset) + width;
    const box = undo.getBoundingClientRect();
    const ring = { left: box.left - reach, top: box.top - reach, right: box.right + reach, bottom: box.bottom + reach };
    const outside = ring.left < 0 || ring.top < 0 || ring.right > innerWidth || ring.bottom > innerHeight;
    const band = reach - width / 2;
    const xs = [box.left - band, (box.left + box.right) / 2, box.right + band];
    const ys = [box.top - band, (box.top + box.bottom) / 2, box.bottom + band];
    const covered = [];
    for (const x of xs) {
      for (const y of ys) {
        if (x === xs[1] && y === ys[1]) continue;
        const hit = root.elementFromPoint(x, y);
        if (!hit || !(toast.contains(hit) || hit.contains(toast))) {
          covered.push(`${Math.round(x)},${Math.round(y)}: ${hit?.className || hit?.localName}`);
        }
      }
    }
    return { focusVisible: undo.matches(":focus-visible"), width, outside, covered };
  });
}

/** Waits until the widget's animations that end have ended. */
function settled(page) {
  return page.waitForFunction(() => document.querySelector("#shop > [data-etalase]").shadowRoot
    .getAnimations().every((animation) => animation.effect?.getTiming().iterations === Infinity));
}

describe("toasts, the mini card and the demo host at 320 and 360 px", () => {
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
      test(`a toast covers no control, ${width} px, ${locale}`, async () => {
        const page = await phonePage(browser, { viewport: { width, height: 640 }, locale });
        await page.goto(`${server.url}/?stream=${streamId}`);
        await page.locator('[data-testid="product-card"]').first().waitFor();
        if (locale === "en-US") {
          await page.locator("#locale-switch").tap();
          await page.waitForFunction(() => document.querySelector("#locale-code").textContent === "EN");
        }
        // The product sheet: the stepper and chips above its footer.
        await page.locator(`[data-testid="product-card"][data-product-id="${productId}"]`).tap();
        const sheet = page.locator('[data-testid="product-sheet"]');
        await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').waitFor();
        await settled(page);
        const toFoot = () => sheet.locator(".sheet-scroll").evaluate((body) => body.scrollTo(0, body.scrollHeight));
        await toFoot();
        await sheet.locator('[data-testid="qty-increase"]').tap();
        // A tap scrolls its target into view its own way: the shopper is at the foot.
        await toFoot();
        await sheet.locator('[data-testid="add-to-cart"]').tap();
        await page.locator('[data-testid="toast"]').waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`toast-product-${width}-${locale}.png`) });
        assert.deepEqual(await coveredBy(page, '[data-testid="toast"]'), [], "the toast over no control of the product sheet");
        assert.ok(await inSight(page, ".stepper"), "the stepper just used still in sight");

        // Closed: the toast moves above the dock's bar, over none of its controls.
        await page.locator('[data-testid="sheet-close"]').tap();
        await sheet.waitFor({ state: "hidden" });
        await page.locator('[data-testid="toast"]').waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`toast-dock-${width}-${locale}.png`) });
        assert.deepEqual(await coveredBy(page, '[data-testid="toast"]'), [], "the toast over no control of the dock");

        // The cart: a line removed, with Undo, above the footer and the lines' steppers.
        const other = await page.locator('[data-testid="product-card"]').nth(2).getAttribute("data-product-id");
        await page.locator(`[data-testid="product-card"][data-product-id="${other}"]`).tap();
        await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
        await page.locator('[data-testid="sheet-close"]').tap();
        await sheet.waitFor({ state: "hidden" });
        // "Added", carried from the product sheet over the dock, goes as the
        // cart opens: the cart shows the line, and no toast covers its steppers.
        assert.equal(await page.locator('[data-testid="toast"]').count(), 1, "the toast up over the dock");
        await page.locator('[data-testid="cart-button"]').tap();
        const lines = page.locator('[data-testid="cart-sheet"] [data-testid="cart-line"]');
        await lines.nth(1).waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`toast-carried-${width}-${locale}.png`) });
        assert.equal(await page.locator('[data-testid="toast"]').count(), 0, "no toast carried into the cart");
        await page.locator('[data-testid="cart-sheet"] .sheet-scroll').evaluate((body) => body.scrollTo(0, body.scrollHeight));
        await lines.last().locator('[data-testid="line-remove"]').tap();
        const undo = page.locator('[data-testid="toast"] [data-testid="undo"]');
        await undo.waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`toast-cart-${width}-${locale}.png`) });
        assert.deepEqual(await coveredBy(page, '[data-testid="toast"]'), [], "the toast over no control of the cart");
        assert.ok(await inSight(page, ".stepper"), "the last line's stepper still in sight");
        // By keyboard, Undo's focus ring shows whole: inside the window,
        // nothing of the footer over it.
        await page.keyboard.press("Shift+Tab");
        await page.keyboard.press("Tab");
        const ring = await ringHidden(page);
        await page.screenshot({ path: artifact(`toast-undo-ring-${width}-${locale}.png`) });
        assert.ok(ring.focusVisible && ring.width > 0, `Undo's focus ring shows: ${JSON.stringify(ring)}`);
        assert.ok(!ring.outside, "the ring inside the window");
        assert.deepEqual(ring.covered, [], "nothing over the ring");
        await page.context().close();
      });
    }
  }

  test("a toast at the top of a 320×568 product sheet keeps the chip just picked in sight", async () => {
    const page = await phonePage(browser, { viewport: { width: 320, height: 568 } });
    await page.goto(`${server.url}/?stream=${streamId}`);
    await page.locator(`[data-testid="product-card"][data-product-id="${productId}"]`).tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').waitFor();
    await settled(page);
    assert.equal(await sheet.locator(".sheet-scroll").evaluate((body) => body.scrollTop), 0, "at the top");
    // The chip a shopper picks last is the lowest one in sight.
    const chip = sheet.locator('[data-testid="variant-option"]:not([disabled])').last();
    await chip.evaluate((chip) => chip.click());
    await sheet.locator('[data-testid="add-to-cart"]').tap();
    await page.locator('[data-testid="toast"]').waitFor();
    await settled(page);
    await page.screenshot({ path: artifact("toast-top-320x568.png") });
    assert.deepEqual(await coveredBy(page, '[data-testid="toast"]'), [], "the toast over no control");
    const seen = await chip.evaluate((chip) => {
      const box = chip.getBoundingClientRect();
      const body = chip.closest(".sheet-scroll").getBoundingClientRect();
      return box.top >= body.top - 1 && box.bottom <= body.bottom + 1;
    });
    assert.ok(seen, "the chip just picked wholly in sight above the toast");
    await page.close();
  });

  for (const width of [320, 360]) {
    for (const locale of ["id-ID", "en-US"]) {
      test(`the demo host, the mini card and cash on delivery, ${width} px, ${locale}`, async () => {
        const page = await phonePage(browser, { viewport: { width, height: 640 }, locale });
        await page.goto(`${server.url}/?stream=${streamId}`);
        await page.locator('[data-testid="product-card"]').first().waitFor();
        if (locale === "en-US") {
          await page.locator("#locale-switch").tap();
          await page.waitForFunction(() => document.querySelector("#locale-code").textContent === "EN");
        }
        // The host's switches: a finger's 44 px; the rail's labels whole, on the screen.
        const pills = await page.locator(".host-tools .pill").evaluateAll((all) => all.map((pill) => pill.getBoundingClientRect().height));
        assert.ok(pills.every((height) => height >= 44), `the switches 44 px tall on touch: ${pills}`);
        const rail = await page.locator(".rail .rail-button").evaluateAll((all) => all.map((button) => {
          const box = button.getBoundingClientRect();
          return { right: box.right, cut: [...button.querySelectorAll("span:not(.visually-hidden)")].some((label) => label.scrollWidth > label.clientWidth + 1) };
        }));
        assert.ok(rail.every((button) => button.right <= width && !button.cut), `the rail's labels whole: ${JSON.stringify(rail)}`);

        // A virtual account waiting: the demo's Pay button clear of the sheet, the sheet clear of the switches.
        await addToCart(page, productId, 1);
        await page.locator('[data-testid="cart-button"]').tap();
        await page.locator('[data-testid="checkout"]').tap();
        const form = await fillAddressIn(page, locale);
        await form.locator('[data-testid="save-address"]').tap();
        const sheet = page.locator('[data-testid="checkout-sheet"]');
        await sheet.locator('[data-testid="payment-option"][data-method="virtual_account"]').tap();
        await sheet.locator('[data-testid="payment-sub-option"]', { hasText: "BNI" }).tap();
        // The banks after the methods, in one group of their own.
        await sheet.locator('[data-testid="payment-sub-choice"]').scrollIntoViewIfNeeded();
        await settled(page);
        await page.screenshot({ path: artifact(`banks-${width}-${locale}.png`) });
        await sheet.locator('[data-testid="place-order"]:not([disabled])').tap();
        await sheet.locator('[data-testid="payment-panel"]').waitFor();
        const pay = page.locator('[data-testid="demo-pay"]');
        await pay.waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`demo-pay-${width}-${locale}.png`) });
        const sheetBox = await sheet.boundingBox();
        const payBox = await pay.boundingBox();
        assert.ok(payBox.y + payBox.height <= sheetBox.y, `the Pay button above the sheet (${payBox.y + payBox.height} > ${sheetBox.y})`);
        assert.ok(payBox.height < 50, `the Pay button on one line (${payBox.height} px)`);
        const lowest = Math.max(...await page.locator(".host-tools .pill").evaluateAll((all) => all.map((pill) => pill.getBoundingClientRect().bottom)));
        assert.ok(lowest <= sheetBox.y, `the switches above the sheet (${lowest} > ${sheetBox.y})`);
        // Offline: the widget's notice in sight, the bank's stand-in gone (it could not reach the bank).
        await page.context().setOffline(true);
        const offline = page.locator('[data-testid="offline"]');
        await offline.waitFor();
        await pay.waitFor({ state: "hidden" });
        const notice = await offline.boundingBox();
        const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("[data-etalase]") !== null,
          { x: notice.x + notice.width / 2, y: notice.y + notice.height / 2 });
        assert.ok(onTop, "nothing of the host's page over the offline notice");
        await page.context().setOffline(false);
        await pay.waitFor();

        // Closed: the mini card names and shows its countdown, whole.
        await page.locator('[data-testid="checkout-close"]').tap();
        const mini = page.locator('[data-testid="mini-card"]');
        await mini.waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`mini-card-${width}-${locale}.png`) });
        const timeLeft = locale === "en-US" ? "Time left to pay" : "Sisa waktu pembayaran";
        assert.equal(await page.getByRole("button", { name: new RegExp(`${timeLeft} \\d{2}(:\\d{2}){1,2}`) }).count(), 1, "the countdown in the card's name");
        const shown = await mini.evaluate((card) => {
          const box = card.getBoundingClientRect();
          const time = card.querySelector('[data-testid="countdown"]').getBoundingClientRect();
          const meta = card.querySelector(".mini-meta");
          return { inside: time.left >= box.left && time.right <= box.right && time.right <= innerWidth, whole: meta.scrollWidth <= meta.clientWidth + 1 };
        });
        assert.ok(shown.inside && shown.whole, `the countdown in sight: ${JSON.stringify(shown)}`);
        // Clear of the host's rail of buttons (its width set by --etalase-over-end).
        const railLeft = Math.min(...await page.locator(".rail .rail-button").evaluateAll((all) => all.map((b) => b.getBoundingClientRect().left)));
        const cardRight = (await mini.boundingBox()).x + (await mini.boundingBox()).width;
        assert.ok(cardRight <= railLeft, `the card clear of the rail (${cardRight} > ${railLeft})`);
        // Paid by the demo's bank, then a cash-on-delivery order: it waits for its courier.
        await pay.tap();
        await page.locator('[data-testid="mini-card"][data-status="paid"]').waitFor({ timeout: 20_000 });
        await addToCart(page, productId, 1);
        await page.locator('[data-testid="cart-button"]').tap();
        await page.locator('[data-testid="checkout"]').tap();
        await sheet.locator('[data-testid="chosen-address"]').waitFor();
        await sheet.locator('[data-testid="payment-option"][data-method="cod"]').tap();
        await sheet.locator('[data-testid="place-order"]:not([disabled])').tap();
        await sheet.locator('[data-testid="payment-panel"]').waitFor();
        await page.locator('[data-testid="checkout-close"]').tap();
        await page.locator('[data-testid="cart-button"]').tap();
        await page.locator('[data-testid="my-orders"]').tap();
        const rows = page.locator('[data-testid="history-order"]');
        await rows.nth(1).waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`history-cod-${width}-${locale}.png`) });
        const onDelivery = locale === "en-US" ? "Pay on delivery" : "Bayar di tempat";
        const awaiting = locale === "en-US" ? "Awaiting payment" : "Menunggu pembayaran";
        assert.equal(await rows.first().locator('[data-testid="status-chip"]').textContent(), onDelivery);
        assert.equal(await page.locator('[data-testid="orders-sheet"]').getByText(awaiting).count(), 0, "no order waits for a payment");
        await rows.first().tap();
        await page.locator('[data-testid="orders-sheet"] [data-testid="timeline"]').waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`order-cod-${width}-${locale}.png`) });
        assert.equal(await page.locator('[data-testid="orders-sheet"] [aria-current="step"] .tl-name').evaluate((name) => name.firstChild.textContent), onDelivery);
        await page.context().close();
      });
    }
  }
});

/**
 * The live voucher banner's separators that a line starts or ends with:
 * each "·" in sight must share its line with the end of the item before it
 * and the start of its own item; one out of sight (cut at the list's edge,
 * at a line's start) must be wholly so. Also how many were cut, and the
 * words cut at either edge (an item's later line must not start past the
 * left one).
 */
function danglingDots(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    const overlaps = (a, b) => a && b && a.bottom > b.top + 1 && a.top < b.bottom - 1;
    const found = [];
    let cut = 0;
    for (const item of root.querySelectorAll(".live-voucher .dotted-item")) {
      const { left: edge, right } = item.closest("p").getBoundingClientRect();
      const texts = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
      while (texts.nextNode()) {
        if (texts.currentNode.parentElement.closest(".dot, .sr")) continue;
        const words = document.createRange();
        words.selectNodeContents(texts.currentNode);
        if ([...words.getClientRects()].some((box) => box.width > 0 && box.left < edge - 0.5)) {
          found.push(`words cut at the edge: ${item.textContent}`);
        }
        if ([...words.getClientRects()].some((box) => box.width > 0 && box.right > right + 0.5)) {
          found.push(`words past the right edge: ${item.textContent}`);
        }
      }
    }
    for (const dot of root.querySelectorAll(".live-voucher .dot")) {
      const box = dot.getBoundingClientRect();
      const edge = dot.closest("p").getBoundingClientRect().left;
      if (box.right <= edge + 0.5) {
        cut += 1;
        continue;
      }
      const before = document.createRange();
      before.selectNodeContents(dot.parentElement.previousElementSibling);
      const after = document.createRange();
      after.setStartAfter(dot);
      after.setEnd(dot.parentElement, dot.parentElement.childNodes.length);
      const text = dot.parentElement.textContent;
      if (box.left < edge - 0.5) found.push(`half cut: ${text}`);
      if (!overlaps([...before.getClientRects()].at(-1), box)) found.push(`starts a line: ${text}`);
      if (!overlaps(after.getClientRects()[0], box)) found.push(`ends a line: ${text}`);
    }
    return { found, cut };
  });
}

describe("the live voucher banner at 320 and 360 px", () => {
  let server;
  let browser;
  let streamId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ streamId } = await firstStreamAndProduct(server.url));
    // The longest terms a voucher has: a percentage, its cap and a minimum spend.
    const reader = await mintToken(server.url, "layout-reader");
    const { streams } = await apiGet(server.url, reader, "/v1/streams");
    const stream = streams.find((stream) => stream.id === streamId);
    const creator = await mintToken(server.url, stream.creator.id, "creator");
    const dropped = await fetch(`${server.url}/v1/creator/streams/${streamId}/vouchers`, {
      method: "POST",
      headers: { authorization: `Bearer ${creator}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "percent", value: 10, max_discount: 25_000, min_spend: 100_000, quota: 98, claimable_minutes: 30 }),
    });
    assert.equal(dropped.status, 201);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const width of [320, 360]) {
    for (const locale of ["id-ID", "en-US"]) {
      test(`no line of the banner starts or ends with its separator, ${width} px, ${locale}`, async () => {
        const page = await phonePage(browser, { viewport: { width, height: 640 }, locale });
        await page.goto(`${server.url}/?stream=${streamId}&locale=${locale}`);
        const banner = page.locator('[data-testid="live-voucher"]');
        await banner.waitFor();
        await settled(page);
        await page.screenshot({ path: artifact(`live-voucher-${width}-${locale}.png`) });
        const { found, cut } = await danglingDots(page);
        assert.deepEqual(found, []);
        assert.ok(cut > 0 || width === 360, "at 320 px a separator wrapped to a line's start, so the test means something");
        assert.deepEqual((await brokenAmounts(page)).broken, [], "no amount broken across lines");
        await page.context().close();
      });
    }
  }
});
