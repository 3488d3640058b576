// The shopper's journey at a 360×640 phone viewport, against a real server:
// the cards follow the creator's pin live (within a second), then two
// products from two shops go into the cart, which is intact after a reload;
// a quantity changes, a line is removed and put back — by touch, then by
// keyboard alone, with every control found by its accessible role and name.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  apiGet, artifact, demoViewer, findVariant, launchBrowser, mintToken, openVariant, phonePage, startServer,
} from "../support.mjs";

/** Polls `check` until it returns a truthy value or `ms` pass; resolves to that value. */
async function until(what, check, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the element `selector` in the widget has no running animation or transition. */
async function settled(page, selector) {
  await page.waitForFunction((selector) => {
    const root = document.querySelector("#shop > [data-etalase]")?.shadowRoot;
    const element = root?.querySelector(selector);
    return element && element.getAnimations().length === 0;
  }, selector);
}

/** The server's cart of the demo page's viewer. */
async function serverCart(page, url) {
  return apiGet(url, (await demoViewer(page, url)).token, "/v1/cart");
}

/** `(variant_id, quantity)` of every line of `cart`. */
function lines(cart) {
  return cart.shops.flatMap((shop) => shop.items.map((item) => [item.variant_id, item.quantity]));
}

/** Every visible control of the widget smaller than 44×44 CSS pixels, by its label. */
async function smallTargets(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
    return [...root.querySelectorAll("button")]
      .filter((button) => button.checkVisibility() && !button.closest("[inert]"))
      .map((button) => [button.getAttribute("aria-label") ?? button.textContent.trim(), button.getBoundingClientRect()])
      .filter(([, box]) => box.width < 44 || box.height < 44)
      .map(([label, box]) => `${label} ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
}

/** A regular expression matching `text` literally. */
function literally(text) {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

/**
 * Two in-stock products of the first stream from two different shops, the
 * first with options, and for it an in-stock option value other than the
 * one the sheet preselects.
 */
async function twoShops(url) {
  const token = await mintToken(url, "e2e-catalogue-reader");
  const { streams } = await apiGet(url, token, "/v1/streams");
  const showcase = await apiGet(url, token, `/v1/streams/${streams[0].id}/products`);
  const details = [];
  for (const card of showcase.products.filter((card) => card.stock > 0)) {
    details.push(await apiGet(url, token, `/v1/products/${card.id}`));
  }
  const first = details.find((product) =>
    product.options.length === 1 && product.variants.filter((v) => v.stock > 1).length >= 2);
  assert.ok(first, "the seed has a single-axis product with two variants in stock");
  const second = details.find((product) => product.shop.id !== first.shop.id);
  assert.ok(second, "the stream sells from a second shop");
  const [, other] = first.variants.filter((variant) => variant.stock > 1);
  const stream = streams[0];
  assert.notEqual(stream.pinned_product_id, second.id, "pinning the second product changes the pin");
  return { first, second, variant: other, stream };
}

/** Pins `productId` on `stream` as its creator does, through the API. */
async function pin(url, stream, productId) {
  const token = await mintToken(url, stream.creator.id, "creator");
  const response = await fetch(`${url}/v1/creator/streams/${stream.id}/pin`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ product_id: productId }),
  });
  assert.equal(response.status, 200, `PUT pin answered ${response.status}`);
}

describe("the cart", () => {
  let server;
  let browser;
  let products;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    products = await twoShops(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a live pin, two shops into the cart, intact after a reload, a quantity changed, a removal undone", async () => {
    const { first, second, variant, stream } = products;
    const page = await phonePage(browser);
    const errors = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    const feed = page.waitForResponse((response) => response.url().endsWith(`/v1/streams/${stream.id}/events`));
    await page.goto(server.url);
    const card = (product) => page.locator(`[data-testid="product-card"][data-product-id="${product.id}"]`);
    await card(first).waitFor();
    const badge = page.locator('[data-testid="cart-badge"]');
    assert.equal(await badge.count(), 0, "an empty cart has no badge");

    // The shopper has scrolled the cards; the creator pins the second
    // product: its card leads, badged and in view, within a second.
    const strip = page.getByRole("list", { name: "Produk di siaran ini" });
    await strip.evaluate((list) => list.scrollTo({ left: list.scrollWidth, behavior: "instant" }));
    assert.equal((await feed).status(), 200, "the live feed is open");
    const pinnedAt = Date.now();
    await pin(server.url, stream, second.id);
    await card(second).locator('[data-testid="pinned-badge"]').waitFor({ timeout: 1_000 });
    const took = Date.now() - pinnedAt;
    assert.ok(took < 1_000, `the pin showed after ${took} ms`);
    const leading = page.locator('[data-testid="product-card"]').first();
    assert.equal(await leading.getAttribute("data-product-id"), second.id, "the pinned card leads");
    assert.equal(await page.locator('[data-testid="pinned-badge"]').count(), 1, "one pin at a time");
    // Wholly in view, its left edge clear of the screen's by the strip's gutter (12 px).
    await until("the pinned card in view", async () => {
      const box = await leading.boundingBox();
      return box && box.x >= 12 && box.x + box.width <= 360;
    });
    await page.screenshot({ path: artifact("cart-cards.png") });
    assert.deepEqual(await smallTargets(page), [], "every control over the video is 44 px or more");

    // The first product, in the variant other than the preselected one.
    await card(first).tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    const chip = sheet.locator(`[data-testid="variant-option"][data-value="${variant.option_values[0]}"]`);
    await chip.tap();
    assert.equal(await chip.getAttribute("aria-checked"), "true");
    await sheet.locator('[data-testid="add-to-cart"]').tap();
    await until("the badge to say 1", async () => (await badge.textContent()) === "1");
    await settled(page, '[data-testid="product-sheet"]');
    await page.screenshot({ path: artifact("cart-product-sheet.png") });
    assert.deepEqual(await smallTargets(page), [], "every control in the sheet is 44 px or more");
    await page.locator('[data-testid="sheet-close"]').tap();
    await sheet.waitFor({ state: "hidden" });

    // The second product, from another shop, as it opens.
    await card(second).tap();
    await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
    await until("the badge to say 2", async () => (await badge.textContent()) === "2");
    await page.locator('[data-testid="sheet-close"]').tap();
    await sheet.waitFor({ state: "hidden" });
    const added = await until("the server to hold both", async () => {
      const cart = await serverCart(page, server.url);
      return cart.item_count === 2 && cart;
    });
    assert.equal(added.shops.length, 2, "two shops");
    assert.ok(lines(added).some(([id]) => id === variant.id), "the chosen variant");

    // Reload: the cart is there before and after the server answers.
    await page.reload();
    await card(first).waitFor();
    await until("the kept badge", async () => (await badge.textContent()) === "2");
    await page.locator('[data-testid="cart-button"]').tap();
    const cartSheet = page.locator('[data-testid="cart-sheet"]');
    await cartSheet.waitFor({ state: "visible" });
    const shops = cartSheet.locator('[data-testid="cart-shop"]');
    assert.equal(await shops.count(), 2);
    const text = await cartSheet.innerText();
    for (const product of [first, second]) {
      assert.ok(text.includes(product.shop.name), `${product.shop.name} is a group`);
      assert.ok(text.includes(product.name), `${product.name} is a line`);
    }
    assert.match(text, /Subtotal, tanpa ongkir/);
    assert.match(text, /Checkout \(2\)/);
    await settled(page, '[data-testid="cart-sheet"]');
    await page.screenshot({ path: artifact("cart-sheet.png") });
    assert.deepEqual(await smallTargets(page), [], "every control in the cart is 44 px or more");

    // A quantity up by one.
    const line = (id) => cartSheet.locator(`[data-testid="cart-line"][data-variant-id="${id}"]`);
    await line(variant.id).locator('[data-testid="qty-increase"]').tap();
    assert.equal(await line(variant.id).locator('[data-testid="qty"]').textContent(), "2");
    await until("the server's quantity", async () => {
      const cart = await serverCart(page, server.url);
      return lines(cart).some(([id, quantity]) => id === variant.id && quantity === 2);
    });
    assert.equal(await badge.textContent(), "3");

    // The second line removed, then put back.
    const secondLine = cartSheet.locator('[data-testid="cart-line"]', { hasText: second.name });
    await secondLine.locator('[data-testid="line-remove"]').tap();
    await secondLine.waitFor({ state: "detached" });
    const undo = page.locator('[data-testid="undo"]');
    await undo.waitFor({ state: "visible" });
    await page.screenshot({ path: artifact("cart-undo.png") });
    await until("the server to drop it", async () => (await serverCart(page, server.url)).item_count === 2);
    await undo.tap();
    await secondLine.waitFor({ state: "visible" });
    await until("the server to take it back", async () => (await serverCart(page, server.url)).item_count === 3);
    assert.equal(await badge.textContent(), "3");
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test("the same journey by keyboard alone, found by role and name", async () => {
    const { first, second, variant } = products;
    const page = await phonePage(browser, { hasTouch: false, isMobile: false });
    await page.goto(server.url);
    await page.getByRole("button", { name: literally(first.name) }).waitFor();

    /** The element that has focus, through shadow roots. */
    const isFocused = (locator) =>
      locator.evaluate((element) => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active === element;
      });
    /** Presses Tab until `locator` has focus. */
    const tabTo = async (locator, what) => {
      for (let presses = 0; presses < 80; presses += 1) {
        if (await isFocused(locator)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${what}`);
    };
    const cartButton = (units) => page.getByRole("button", { name: `Keranjang, ${units} barang` });

    for (const product of [first, second]) {
      await tabTo(page.getByRole("button", { name: literally(product.name) }), product.name);
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: product.name });
      await dialog.waitFor();
      if (product === first) {
        // The option group is one Tab stop; its arrow keys move the choice.
        const value = variant.option_values[0];
        const group = dialog.getByRole("radiogroup").first();
        await tabTo(group.locator('[role="radio"][tabindex="0"]'), "the option group");
        const radio = dialog.getByRole("radio", { name: value, exact: true });
        for (let presses = 0; presses < 8 && (await radio.getAttribute("aria-checked")) !== "true"; presses += 1) {
          await page.keyboard.press("ArrowRight");
        }
        assert.equal(await radio.getAttribute("aria-checked"), "true");
      }
      await tabTo(dialog.getByRole("button", { name: "+ Keranjang" }), "Add to cart");
      await page.keyboard.press("Enter");
      await dialog.getByText("Ditambahkan ke keranjang").or(page.getByText("Ditambahkan ke keranjang")).first().waitFor();
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      assert.ok(await isFocused(page.getByRole("button", { name: literally(product.name) })), "focus returns to the card");
    }

    await tabTo(cartButton(2), "the cart button");
    await page.keyboard.press("Enter");
    const cart = page.getByRole("dialog", { name: "Keranjang" });
    await cart.waitFor();
    assert.ok(await isFocused(cart.getByRole("button", { name: "Tutup" })), "focus moves into the cart");

    const stepper = cart.getByRole("group", { name: `Jumlah ${first.name}` });
    await tabTo(stepper.getByRole("button", { name: "Tambah" }), "Increase");
    await page.keyboard.press("Enter");
    await cart.getByRole("heading", { name: "Keranjang (3)" }).waitFor();

    await tabTo(cart.getByRole("button", { name: `Hapus ${second.name}` }), "Remove");
    await page.keyboard.press("Enter");
    const undo = page.getByRole("button", { name: "Urungkan" });
    await undo.waitFor();
    await until("focus on Undo", () => isFocused(undo));
    await page.keyboard.press("Enter");
    await cart.getByRole("button", { name: `Hapus ${second.name}` }).waitFor();
    await until("the server to hold all three", async () => (await serverCart(page, server.url)).item_count === 3);

    await page.keyboard.press("Escape");
    await cart.waitFor({ state: "hidden" });
    assert.ok(await isFocused(cartButton(3)), "focus returns to the cart button");
    await page.context().close();
  });

  test("at 320 px in English: a toast said once, a size kept on one line, the catalogue's words in Indonesian, an offline rollback says why", async () => {
    // A stream selling the 750 ml tumbler, and three more of its products in stock.
    const tumbler = await findVariant(server.url, (variant, product) =>
      product.name.includes("750 ml") && variant.stock > 2);
    assert.ok(tumbler, "the seed sells a 750 ml tumbler");
    const page = await phonePage(browser, { viewport: { width: 320, height: 640 }, locale: "en-US" });
    await page.goto(`${server.url}/?stream=${encodeURIComponent(tumbler.stream.id)}&locale=en-US`);
    const cards = page.locator('[data-testid="product-card"]');
    await cards.first().waitFor();
    const inStock = await cards.evaluateAll((cards) => cards
      .filter((card) => !card.querySelector(".veil"))
      .map((card) => card.getAttribute("data-product-id")));
    const chosen = [tumbler.detail.id, ...inStock.filter((id) => id !== tumbler.detail.id)].slice(0, 4);
    assert.equal(chosen.length, 4, "four products to fill the cart beyond its height");
    const badge = page.locator('[data-testid="cart-badge"]');
    const sheet = page.locator('[data-testid="product-sheet"]');
    /** The words of every live region of the widget that says something now. */
    const said = () => page.evaluate(() => {
      const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
      return [...root.querySelectorAll("[aria-live], [role=status], [role=alert]")]
        .filter((region) => !region.closest("[inert]"))
        .map((region) => region.textContent.trim()).filter(Boolean);
    });
    const added = async () => (await said()).filter((text) => text.startsWith("Added"));
    for (const [at, id] of chosen.entries()) {
      await page.locator(`[data-testid="product-card"][data-product-id="${id}"]`).tap();
      await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
      await until(`the badge to say ${at + 1}`, async () => (await badge.textContent()) === String(at + 1));
      await until("said in the product sheet", async () => (await added()).length === 1);
      await page.locator('[data-testid="sheet-close"]').tap();
      await sheet.waitFor({ state: "hidden" });
    }
    // "Added to your cart", said in the product sheet, is still up over the
    // dock; it goes as the cart opens (the cart shows the line it spoke of),
    // never drawn over the cart's lines, and is said no second time.
    const toast = page.locator('[data-testid="toast"]');
    assert.equal(await toast.textContent(), "Added to your cart");
    assert.deepEqual(await added(), [], "not said again over the dock");
    await page.locator('[data-testid="cart-button"]').tap();
    const cart = page.locator('[data-testid="cart-sheet"]');
    await cart.locator('[data-testid="cart-line"]').first().waitFor();
    await settled(page, '[data-testid="cart-sheet"]');
    assert.equal(await toast.count(), 0, "the toast gone as the cart opened");
    const body = cart.locator(".sheet-scroll");
    assert.ok(await body.evaluate((body) => body.scrollHeight > body.clientHeight), "the cart scrolls");
    assert.equal(await body.evaluate((body) => body.scrollTop), 0, "the cart stays at its top");
    assert.deepEqual(await added(), [], "not said again in the cart");
    await page.screenshot({ path: artifact("cart-320-en.png") });

    // The tumbler's size on one line; every variant's values in Indonesian
    // inside the English sentence.
    const size = cart.locator('[data-testid="cart-line"] .line-name .nowrap', { hasText: "750 ml" });
    const tops = await size.evaluate((span) => [...span.getClientRects()].map((rect) => Math.round(rect.top)));
    assert.equal(new Set(tops).size, 1, `750 ml on one line: ${tops}`);
    const variants = await cart.locator(".line-variant").evaluateAll((lines) => lines.map((line) => {
      const value = line.querySelector('[lang="id"]');
      return [line.textContent.startsWith("Variant: "), value?.textContent === line.textContent.slice("Variant: ".length)];
    }));
    assert.ok(variants.length > 0, "a line with options");
    assert.deepEqual(variants, variants.map(() => [true, true]));

    // Offline, a change is refused: the banner in the modal sheet shows it,
    // and the toast says why the change was undone, once.
    await page.context().setOffline(true);
    await page.locator('[data-testid="offline"]').waitFor();
    // Inside the open (modal) sheet, where a screen reader kept in it reaches it.
    assert.equal(await cart.locator('[data-testid="offline"]').count(), 1, "the status inside the open sheet");
    await cart.locator('[data-testid="qty-increase"]').first().tap();
    await until("the refusal's toast", async () =>
      (await cart.locator('[data-testid="toast"]').textContent()) === "You're offline: the cart change was undone.");
    const shown = await page.evaluate(() => {
      const root = document.querySelector("#shop > [data-etalase]").shadowRoot;
      return [...root.querySelectorAll("*")]
        .filter((element) => element.checkVisibility() && element.children.length === 0 && !element.closest(".sr"))
        .filter((element) => /offline/i.test(element.textContent)).length;
    });
    assert.equal(shown, 2, "offline in the banner and in the toast's reason");
    const reason = (await said()).filter((text) => text === "You're offline: the cart change was undone.");
    assert.equal(reason.length, 1, "the reason said once");
    await page.screenshot({ path: artifact("cart-320-en-offline.png") });
    await page.context().setOffline(false);
    await page.context().close();
  });

  test("the sheet's stepper stops at the most one shopper may hold, and says so", async () => {
    // A variant with more than six in stock, on whichever stream sells it.
    const plenty = await findVariant(server.url, (variant) => variant.stock > 6);
    assert.ok(plenty, "the seed sells a variant with more than six in stock");
    const page = await phonePage(browser);
    const sheet = await openVariant(page, server.url, plenty);
    const increase = sheet.locator('[data-testid="qty-increase"]');
    const cap = sheet.locator('[data-testid="unit-cap"]');
    assert.equal(await cap.textContent(), "", "no word before the most");
    assert.equal(await cap.getAttribute("aria-live"), "polite");
    // By keyboard: + keeps focus at the most, and does nothing more.
    await increase.focus();
    for (let presses = 0; presses < 8; presses += 1) await page.keyboard.press("Enter");
    assert.equal(await sheet.locator('[data-testid="qty"]').textContent(), "5", "five, though more are in stock");
    assert.ok(await increase.isDisabled(), "+ stops there");
    assert.ok(await increase.evaluate((button) => button.getRootNode().activeElement === button), "and keeps focus");
    assert.equal(await cap.textContent(), "Maks. 5 per pembeli");
    // In the cart, the line at the most says so too, and no more once below it.
    await sheet.locator('[data-testid="add-to-cart"]').click();
    await page.locator('[data-testid="cart-badge"]', { hasText: "5" }).waitFor();
    await page.locator('[data-testid="sheet-close"]').click();
    await page.locator('[data-testid="cart-button"]').click();
    const line = page.locator(`[data-testid="cart-sheet"] [data-testid="cart-line"][data-variant-id="${plenty.variant.id}"]`);
    const lineCap = line.locator('[data-testid="line-cap"]');
    await until("the line's most said", async () => (await lineCap.textContent()) === "Maks. 5 per pembeli");
    assert.equal(await lineCap.getAttribute("aria-live"), "polite");
    await line.locator('[data-testid="qty-decrease"]').click();
    await until("below the most, no word", async () => (await lineCap.textContent()) === "");
    await page.context().close();
  });
});
