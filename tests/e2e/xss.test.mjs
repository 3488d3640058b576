// Markup and script in catalogue text — a product's name and description, a
// shop's name — reach the widget as text: shown as typed in the card, the
// product sheet, the cart, the checkout and the placed order, never parsed
// as HTML, never run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { apiGet, artifact, fillAddress, launchBrowser, mintToken, phonePage, startServer } from "../support.mjs";

/** Catalogue text as a hostile seller or a compromised back office might write it. */
const HOSTILE = {
  name: `<img src=x onerror="window.__xss='name'">Kemeja <b>Tebal</b>`,
  description: `<script>window.__xss='description'</script>Bahan <i>katun</i> & "adem"\n\n<svg onload="window.__xss='svg'"></svg>`,
  shop: `<iframe srcdoc="<script>parent.__xss='shop'</script>"></iframe>Toko '&amp;'`,
};

/**
 * Runs SQL `statements` (`[sql, params]` pairs) on the running server's
 * SQLite file, the way a back office would change the catalogue.
 */
function write(database, statements) {
  const script = [
    "import json, sqlite3, sys",
    "db = sqlite3.connect(sys.argv[1], timeout=10)",
    "for sql, params in json.loads(sys.argv[2]): db.execute(sql, params)",
    "db.commit()",
  ].join("\n");
  const run = spawnSync("python3", ["-c", script, database, JSON.stringify(statements)], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
}

/** Elements or attributes the hostile text would have made, inside the widget or on the page. */
async function injected(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#shop > [data-etalase]")?.shadowRoot;
    const found = [];
    for (const scope of [document, root].filter(Boolean)) {
      for (const element of scope.querySelectorAll("*")) {
        const handler = element.hasAttribute("onerror") || element.hasAttribute("onload");
        const code = `${element.getAttribute("srcdoc") ?? ""}${element.tagName === "SCRIPT" ? element.textContent : ""}`;
        const markup = ["B", "I"].includes(element.tagName) && ["Tebal", "katun"].includes(element.textContent);
        if (handler || code.includes("__xss") || markup) found.push(element.outerHTML.slice(0, 80));
      }
    }
    return { found, ran: window.__xss ?? null };
  });
}

describe("catalogue text with markup", () => {
  let server;
  let browser;
  let product;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const token = await mintToken(server.url, "e2e-xss-reader");
    // The stream's pinned product, found without asking for its showcase: a
    // showcase the server has answered is held until a live event changes it, or
    // for 10 s (decision 0056), and a back office writing the database sends none.
    const { streams } = await apiGet(server.url, token, "/v1/streams");
    product = await apiGet(server.url, token, `/v1/products/${streams[0].pinned_product_id}`);
    assert.ok(product.variants.some((variant) => variant.stock > 0), "the pinned product is in stock");
    write(server.database, [
      ["UPDATE products SET name = ?, description = ? WHERE id = ?", [HOSTILE.name, HOSTILE.description, product.id]],
      ["UPDATE shops SET name = ? WHERE id = ?", [HOSTILE.shop, product.shop.id]],
    ]);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("is shown as typed in the card, the sheet, the cart, the checkout and the order, and nothing runs", async () => {
    const page = await phonePage(browser);
    const dialogs = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(server.url);
    const card = page.locator(`[data-testid="product-card"][data-product-id="${product.id}"]`);
    await card.waitFor();
    const cardText = await card.innerText();
    assert.ok(cardText.includes(HOSTILE.name), `the card shows the name as typed: ${cardText}`);
    assert.ok(cardText.includes(HOSTILE.shop), `the card shows the shop as typed: ${cardText}`);

    await card.tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.waitFor({ state: "visible" });
    await page.locator('[data-testid="stock"]').waitFor({ state: "visible" });
    const sheetText = await sheet.innerText();
    for (const text of [HOSTILE.name, HOSTILE.shop, `<script>window.__xss='description'</script>Bahan <i>katun</i> & "adem"`]) {
      assert.ok(sheetText.includes(text), `the sheet shows ${text} as typed`);
    }
    await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
    await page.locator('[data-testid="sheet-close"]').tap();
    await sheet.waitFor({ state: "hidden" });

    await page.locator('[data-testid="cart-button"]').tap();
    const cartSheet = page.locator('[data-testid="cart-sheet"]');
    await cartSheet.locator('[data-testid="cart-line"]').first().waitFor();
    const cartText = await cartSheet.innerText();
    assert.ok(cartText.includes(HOSTILE.name), "the cart line shows the name as typed");
    assert.ok(cartText.includes(HOSTILE.shop), "the cart group shows the shop as typed");
    await page.screenshot({ path: artifact("xss-cart.png") });

    // On through the checkout to the placed order.
    await cartSheet.locator('[data-testid="checkout"]').tap();
    const form = await fillAddress(page, { "Nama penerima": "Sari", "Alamat lengkap": "Jl. Dago No. 12" });
    await form.locator('[data-testid="save-address"]').tap();
    const checkout = page.locator('[data-testid="checkout-sheet"]');
    const parcel = checkout.locator('[data-testid="checkout-shop"]');
    await parcel.waitFor();
    const parcelText = await parcel.innerText();
    assert.ok(parcelText.includes(HOSTILE.name), "the parcel shows the name as typed");
    assert.ok(parcelText.includes(HOSTILE.shop), "the parcel shows the shop as typed");
    await checkout.locator('[data-testid="payment-option"][data-method="qris"]').tap();
    await checkout.locator('[data-testid="place-order"]:not([disabled])').tap();
    const order = checkout.locator('[data-testid="order"]');
    await order.waitFor();
    const orderText = await order.innerText();
    assert.ok(orderText.includes(HOSTILE.name), "the order shows the name as typed");
    assert.ok(orderText.includes(HOSTILE.shop), "the order shows the shop as typed");

    // Give any injected handler its chance to run.
    await page.waitForTimeout(300);
    assert.deepEqual(await injected(page), { found: [], ran: null });
    assert.deepEqual(dialogs, []);
    await page.context().close();
  });
});
