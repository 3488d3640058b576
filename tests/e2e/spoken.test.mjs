// What a screen reader hears of what arrives by itself, at 360×640: a live
// voucher the creator drops is said aloud from a region that was on the
// page before it came, once, with its terms; claimed by keyboard, focus
// goes to the claim's answer.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  apiGet, fillAddress, findVariant, launchBrowser, mintToken, openVariant, phonePage, startServer, until,
} from "../support.mjs";

/**
 * Starts noting, in `window.said`, the words of every live region of the
 * widget (`aria-live`, `role=status`, `role=alert`; not inert, words hidden
 * with `aria-hidden` left out, elements apart) each time its content
 * changes, as a screen reader would hear them.
 */
async function listen(page) {
  await page.evaluate(() => {
    const root = document.querySelector("[data-etalase]").shadowRoot;
    window.said = [];
    const region = (node) => (node.nodeType === 1 ? node : node.parentElement)
      ?.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]');
    const words = (node) => node.nodeType === 3 ? node.textContent
      : node.nodeType === 1 && node.getAttribute("aria-hidden") !== "true" ? ` ${[...node.childNodes].map(words).join("")} ` : "";
    new MutationObserver((records) => {
      const changed = new Set(records.map((record) => region(record.target)).filter((found) => found && !found.closest("[inert]")));
      for (const found of changed) {
        const text = words(found).replace(/\s+/g, " ").trim();
        if (text) window.said.push(text);
      }
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

/** What the live regions said since the last call. */
async function heard(page) {
  return page.evaluate(() => window.said.splice(0));
}

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

  test("Add to cart is one sentence, a quantity is said with its name, the checkout's total only once there is one", async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?stream=live-gaya-raka`);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await listen(page);
    await page.locator('[data-testid="product-card"][data-product-id="prd-kaos-polos-combed-30s"]').tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').waitFor();
    await page.waitForTimeout(300);
    await heard(page);
    for (const wanted of ["Jumlah 2", "Jumlah 3"]) {
      await sheet.locator('[data-testid="qty-increase"]').tap();
      await until(`"${wanted}" said`, async () => (await page.evaluate(() => window.said)).includes(wanted));
    }
    await heard(page);
    await sheet.locator('[data-testid="add-to-cart"]').tap();
    await page.waitForTimeout(1_000);
    assert.deepEqual(await heard(page), ["Ditambahkan ke keranjang · 3 barang"], "one sentence for one change");

    await page.locator('[data-testid="sheet-close"]').tap();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    const form = await fillAddress(page);
    await form.locator('[data-testid="save-address"]').tap();
    const checkout = page.locator('[data-testid="checkout-sheet"]');
    await checkout.locator('[data-testid="payment-option"][data-method="qris"]').tap();
    await until("a total said", async () => (await page.evaluate(() => window.said)).some((text) => text.startsWith("Total tagihan Rp")));
    const totals = (await heard(page)).filter((text) => text.startsWith("Total"));
    assert.ok(totals.every((text) => /^Total tagihan Rp[\d.]+$/.test(text)), `only real totals said: ${JSON.stringify(totals)}`);
    await page.context().close();
  });

  test("the stock reached in the product sheet is said, and a sold-out value says so in its name", async () => {
    const scarce = await findVariant(server.url, (variant) => variant.stock >= 2 && variant.stock <= 4);
    assert.ok(scarce, "the seed has a variant with a few left");
    const page = await phonePage(browser);
    const sheet = await openVariant(page, server.url, scarce);
    await listen(page);
    for (let press = 1; press < scarce.variant.stock; press += 1) await sheet.locator('[data-testid="qty-increase"]').tap();
    const wanted = `Stok tinggal ${scarce.variant.stock}`;
    await until(`"${wanted}" said`, async () => (await page.evaluate(() => window.said)).includes(wanted));
    // + at the stock does nothing: why is said again, on each press.
    await heard(page);
    const increase = sheet.locator('[data-testid="qty-increase"]');
    assert.equal(await increase.getAttribute("aria-disabled"), "true");
    // (Forced: Playwright waits for an aria-disabled button to be enabled; a finger does not.)
    await increase.tap({ force: true });
    await until(`"${wanted}" said again`, async () => (await page.evaluate(() => window.said)).includes(wanted));
    await heard(page);
    await increase.focus();
    await page.keyboard.press("Enter");
    await until(`"${wanted}" said again by keyboard`, async () => (await page.evaluate(() => window.said)).includes(wanted));
    assert.equal(await sheet.locator('[data-testid="qty"]').textContent(), String(scarce.variant.stock), "the quantity unchanged");
    await page.context().close();

    const soldOut = await findVariant(server.url, (variant, product) =>
      variant.stock === 0 && product.options.length === 1 && product.variants.some((v) => v.stock > 0));
    assert.ok(soldOut, "the seed has a sold-out value beside others in stock");
    for (const [locale, suffix] of [["id-ID", "habis"], ["en-US", "sold out"]]) {
      const other = await phonePage(browser);
      await other.goto(`${server.url}/?stream=${encodeURIComponent(soldOut.stream.id)}&locale=${locale}`);
      await other.locator(`[data-testid="product-card"][data-product-id="${soldOut.detail.id}"]`).tap();
      const value = soldOut.variant.option_values[0];
      const chip = other.locator('[data-testid="product-sheet"]').getByRole("radio", { name: `${value}, ${suffix}`, exact: true });
      await chip.waitFor();
      assert.ok(await chip.isDisabled());
      // The seller's value in Indonesian, the suffix in the widget's language.
      const langs = await chip.evaluate((chip) => [...chip.querySelectorAll("span")]
        .filter((span) => span.children.length === 0)
        .map((span) => [span.textContent, span.closest("[lang]").lang]));
      assert.deepEqual(langs, [[value, "id"], [`, ${suffix}`, locale]]);
      await other.context().close();
    }
  });

  test("the connection lost and back: each said", async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?stream=live-gaya-raka`);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await page.locator('[data-testid="product-card"]').first().tap();
    await page.locator('[data-testid="product-sheet"] [data-testid="add-to-cart"]').waitFor();
    await listen(page);
    await page.context().setOffline(true);
    await until("offline said", async () => (await page.evaluate(() => window.said)).includes("Kamu sedang offline"));
    await page.context().setOffline(false);
    await until("back online said", async () => (await page.evaluate(() => window.said)).includes("Kembali online"));
    await page.context().close();
  });
});
