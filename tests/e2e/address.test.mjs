// The address form on the official region list, at a 360×640 phone against
// a real server and its whole list: a district found by keyboard alone (the
// combobox's arrows, Home/End, Escape and Enter), its village chosen, the
// postal code filled, saved, and the quote pricing that zone (a Bandung shop
// offers GoSend within Kota Bandung); the same by touch; a legacy address
// asked for its district, keeping its street and recipient, corrected in
// place; a saved address corrected from the address book (its Edit button
// named and reached by keyboard, the correction by touch), listed and
// quoted again; a half-typed new address kept through a reload, then
// saved, one begun beside saved addresses offered again from the address
// book after a reload, and forgotten when cancelled, and never shown to
// the next viewer signed in on the same phone; axe-core over
// the form with its results open and with the server's refusal of the postal
// code on its field; a search matching more than it lists asking for more
// of the name; a parcel too heavy for same-day couriers showing them
// disabled with why, then another city's address saying which courier
// replaced the one chosen; and screenshots at 360×640 and 320×568 in both
// languages, kept under target/e2e/.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  ROOT,
  addToCart,
  apiGet,
  artifact,
  demoViewer,
  fillAddress,
  launchBrowser,
  phonePage,
  pickDistrict,
  startServer,
  until,
} from "../support.mjs";

const STREAM = "live-gaya-raka";
/** Sold by Kalcer Goods, in Kota Bandung. */
const TEE = "prd-kaos-polos-combed-30s";

/** axe-core's script, from the test tools' lock. */
const AXE = readFileSync(join(ROOT, "tests", "node_modules", "axe-core", "axe.min.js"), "utf8");

/** axe-core's WCAG 2.1 A and AA violations on `page` now, as readable lines. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
      iframes: false,
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${n.failureSummary}`));
  });
}

/** The widget's shadow root's element focused now, as `{ id, expanded, active }`. */
function focused(page) {
  return page.evaluate(() => {
    const active = document.querySelector("[data-etalase]").shadowRoot.activeElement;
    return {
      id: active?.id,
      expanded: active?.getAttribute("aria-expanded"),
      active: active?.getAttribute("aria-activedescendant"),
    };
  });
}

/** Opens the stream, puts the tee in the cart and opens the checkout; resolves to the page. */
async function toCheckout(browser, url, options = {}) {
  const page = await phonePage(browser, options);
  await page.goto(`${url}/?stream=${STREAM}`);
  await page.locator('[data-testid="product-card"]').first().waitFor();
  if (options.locale === "en-US") {
    await page.locator("#locale-switch").tap();
    await page.waitForFunction(() => document.querySelector("#locale-code").textContent === "EN");
  }
  if (options.hasTouch === false) {
    await page.locator(`[data-testid="product-card"][data-product-id="${TEE}"]`).click();
    await page.locator('[data-testid="product-sheet"] [data-testid="buy-now"]:not([disabled])').click();
    return page;
  }
  await addToCart(page, TEE, 1);
  await page.locator('[data-testid="cart-button"]').tap();
  await page.locator('[data-testid="checkout"]').tap();
  return page;
}

/** Kalcer Goods, in Kota Bandung. */
const KALCER = "shop-kalcer-goods";

/**
 * The contrast ratio of `selector`'s text (the first match in the widget)
 * against what is drawn under it, alpha blended, by WCAG's formula.
 */
function contrast(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector("[data-etalase]").shadowRoot;
    const rgba = (text) => {
      const [r, g, b, a = 1] = text.match(/[\d.]+/g).map(Number);
      return { r, g, b, a };
    };
    const over = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    });
    const element = root.querySelector(selector);
    // The backgrounds under the text, nearest first, over the page's white.
    const layers = [];
    for (let node = element; node instanceof Element; node = node.parentElement ?? node.getRootNode().host) {
      const background = rgba(getComputedStyle(node).backgroundColor);
      if (background.a > 0) layers.push(background);
    }
    const ground = layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
    const ink = over(rgba(getComputedStyle(element).color), ground);
    const light = ({ r, g, b }) => {
      const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const [hi, lo] = [light(ink), light(ground)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  }, selector);
}

/**
 * Puts Kalcer Goods' heaviest variants in the cart of the page's viewer
 * through the API, at most 5 units each, until the parcel is over 7 kg
 * (same-day couriers' most) and within 20 (instant ones'); resolves to its
 * grams.
 */
async function heavyParcel(page, url) {
  const { token } = await demoViewer(page, url);
  const { products } = await apiGet(url, token, `/v1/streams/${STREAM}/products`);
  const details = await Promise.all(products.map((card) => apiGet(url, token, `/v1/products/${card.id}`)));
  const variants = details
    .filter((product) => product.shop.id === KALCER)
    .flatMap((product) => product.variants)
    .filter((variant) => variant.stock > 0)
    .sort((a, b) => b.weight_grams - a.weight_grams);
  let grams = 0;
  for (const variant of variants) {
    if (grams > 7_000) break;
    const quantity = Math.min(5, variant.stock, Math.ceil((7_001 - grams) / variant.weight_grams));
    const put = await fetch(`${url}/v1/cart/items/${variant.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ quantity, stream_id: STREAM }),
    });
    assert.equal(put.status, 200);
    grams += quantity * variant.weight_grams;
  }
  assert.ok(grams > 7_000 && grams <= 20_000, `a parcel of ${grams} g`);
  return grams;
}

/** Resolves to the ids of the couriers the next quote offers, by its answer. */
async function couriers(page) {
  const answer = await page.waitForResponse((r) => r.url().endsWith("/v1/checkout/quote") && r.status() === 200);
  const quote = await answer.json();
  await page.locator('[data-testid="checkout-shop"]').first().waitFor();
  return quote.shops.flatMap((shop) => shop.shipping_options.map((option) => option.id)).join(" ");
}

describe("the address form on the official region list", () => {
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

  test("by keyboard alone: a district found, its village, the postal code, saved and priced for its zone", async () => {
    const page = await toCheckout(browser, server.url, { hasTouch: false, isMobile: false });
    const form = page.locator('[data-testid="address-form"]');
    await form.waitFor();
    const key = (name) => page.keyboard.press(name);
    await form.getByLabel("Nama penerima").focus();
    await page.keyboard.type("Sari Wulandari");
    await key("Tab");
    await page.keyboard.type("081234567890");
    await key("Tab");
    assert.equal((await focused(page)).id, "address-region", "Tab reaches the search");
    await page.keyboard.type("cobl");
    const status = form.locator('[data-testid="region-status"]');
    await until("results said", async () => /^\d+ hasil$/.test(await status.innerText()));
    const options = form.locator('[data-testid="region-option"]');
    const count = await options.count();
    assert.ok(count >= 1 && count <= 20, `${count} results`);
    assert.equal((await focused(page)).active, null, "no option active before the arrows");
    await key("ArrowDown");
    assert.deepEqual(await focused(page), { id: "address-region", expanded: "true", active: "address-region-option-0" });
    await key("End");
    assert.equal((await focused(page)).active, `address-region-option-${count - 1}`, "End: the last option");
    await key("Home");
    assert.equal((await focused(page)).active, "address-region-option-0", "Home: the first option");
    await key("Escape");
    assert.equal((await focused(page)).expanded, "false", "Escape closes the list");
    assert.ok(await page.locator('[data-testid="checkout-sheet"]').isVisible(), "and not the sheet");
    await key("ArrowDown");
    assert.equal(await options.first().textContent(), "Coblong, Kota Bandung, Jawa Barat, Kecamatan", "read as its path and level");
    assert.equal(await options.first().locator("b").innerText(), "Cobl", "the matched start in bold");
    await key("Enter");
    assert.equal(await form.getByRole("combobox", { name: "Kecamatan atau kota" }).inputValue(), "Coblong, Kota Bandung, Jawa Barat");
    assert.equal((await focused(page)).expanded, "false");
    const village = form.locator('[data-testid="address-village"]:not([disabled])');
    await village.waitFor();
    await key("Tab");
    assert.equal((await focused(page)).id, "address-village", "Tab reaches the village");
    await page.keyboard.type("Dago");
    await until("Dago chosen", async () => (await village.inputValue()) === "32.73.02.1004");
    assert.equal(await form.locator('[data-testid="postal-code"]').inputValue(), "40135", "the postal code filled");
    await key("Tab");
    await key("Tab");
    assert.equal((await focused(page)).id, "address-street");
    await page.keyboard.type("Jl. Dago No. 12, RT 03/RW 05");
    await key("Tab");
    const saved = page.waitForResponse((r) => r.url().endsWith("/v1/addresses") && r.request().method() === "POST");
    await key("Enter");
    const body = (await saved).request().postDataJSON();
    assert.deepEqual(Object.keys(body).sort(), ["phone", "postal_code", "recipient", "region_code", "street"]);
    assert.equal(body.region_code, "32.73.02.1004");
    assert.equal(body.postal_code, "40135");
    const quoted = couriers(page);
    const chosen = page.locator('[data-testid="chosen-address"]');
    await chosen.waitFor();
    assert.match(await chosen.innerText(), /Dago, Coblong, Kota Bandung, Jawa Barat 40135/);
    const offered = await quoted;
    await page.screenshot({ path: artifact("address-keyboard-saved.png") });
    assert.match(offered, /gosend-instant/, "a shop in Kota Bandung sends within the city");
    await page.context().close();
  });

  test("by touch: a district tapped, its village, saved; another city is priced without instant couriers", async () => {
    const page = await toCheckout(browser, server.url);
    const form = await fillAddress(page, {
      "Kecamatan atau kota": "Tebet",
      "Kelurahan/Desa": "Tebet Barat",
    });
    const postal = form.locator('[data-testid="postal-code"]');
    assert.equal(await postal.inputValue(), "12810");
    assert.equal(await postal.evaluate((input) => input.readOnly), true, "filled in, not typed");
    const look = await postal.evaluate((input) => {
      const style = getComputedStyle(input);
      return { border: style.borderTopColor, background: style.backgroundColor };
    });
    assert.deepEqual(look, { border: "rgba(0, 0, 0, 0)", background: "rgba(0, 0, 0, 0)" }, "read as text, not a box to type in");
    assert.equal(await form.getByRole("textbox", { name: "Kode pos" }).inputValue(), "12810", "named by its label");
    await page.screenshot({ path: artifact("address-touch-filled.png") });
    const quoted = couriers(page);
    await form.locator('[data-testid="save-address"]').tap();
    await page.locator('[data-testid="chosen-address"]').waitFor();
    const offered = await quoted;
    assert.doesNotMatch(offered, /gosend|grab/, "no instant courier from Bandung to Jakarta");
    await page.context().close();
  });

  test("a legacy address is asked for its district, keeping its recipient and street", async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?stream=${STREAM}`);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    const { token } = await demoViewer(page, server.url);
    const created = await fetch(`${server.url}/v1/addresses`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        recipient: "Bu Lastri", phone: "081298765432", province: "Jawa Barat", city: "Bandung",
        district: "Coblong", postal_code: "40132", street: "Gg. Lama No. 3",
      }),
    });
    assert.equal(created.status, 201);
    const legacy = await created.json();
    assert.equal(legacy.needs_region, true);

    await addToCart(page, TEE, 1);
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    const asked = sheet.locator('[data-testid="legacy-address"]');
    await asked.waitFor();
    assert.match(await asked.innerText(), /sebelum kecamatan dipilih dari daftar wilayah resmi/);
    await page.screenshot({ path: artifact("address-legacy-asked.png") });
    await asked.locator('[data-testid="fix-address"]').tap();
    const form = page.locator('[data-testid="address-form"]');
    await form.locator('[data-testid="legacy-why"]').waitFor();
    assert.equal(await form.getByLabel("Nama penerima").inputValue(), "Bu Lastri");
    assert.equal(await form.getByLabel("Alamat lengkap").inputValue(), "Gg. Lama No. 3");
    assert.equal(await form.getByRole("combobox", { name: "Kecamatan atau kota" }).inputValue(), "Coblong", "its district searched");
    await pickDistrict(form, "Coblong");
    await form.getByLabel("Kelurahan/Desa").selectOption({ label: "Lebak Gede" });
    await form.locator('[data-testid="save-address"]').tap();
    const chosen = sheet.locator('[data-testid="chosen-address"]');
    await until("the new address chosen", async () => /Lebak Gede/.test(await chosen.innerText()));
    assert.equal(await sheet.locator('[data-testid="legacy-address"]').count(), 0);
    const { addresses: listed } = await apiGet(server.url, token, "/v1/addresses");
    assert.equal(listed.length, 1, "corrected, not added");
    assert.equal(listed[0].id, legacy.id, "in place, its id kept");
    assert.equal(listed[0].needs_region, false);
    assert.equal(listed[0].street, "Gg. Lama No. 3");
    assert.equal(listed[0].recipient, "Bu Lastri");
    await page.context().close();
  });

  test("a saved address corrected from the book: Edit named and reached by keyboard, corrected by touch, listed and quoted", async () => {
    const page = await toCheckout(browser, server.url);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    const chosen = sheet.locator('[data-testid="chosen-address"]');
    await (await fillAddress(page)).locator('[data-testid="save-address"]').tap();
    await chosen.waitFor();
    await sheet.locator('[data-testid="change-address"]').tap();
    await sheet.locator('[data-testid="add-address"]').tap();
    const form = await fillAddress(page, {
      "Nama penerima": "Rina Kusuma",
      "Kecamatan atau kota": "Tebet",
      "Kelurahan/Desa": "Tebet Barat",
      "Alamat lengkap": "Jl. Tebet Raya No. 5",
    });
    await form.locator('[data-testid="save-address"]').tap();
    await until("Tebet chosen", async () => /Tebet Barat/.test(await chosen.innerText()));

    await sheet.locator('[data-testid="change-address"]').tap();
    const book = sheet.locator('[data-testid="address-book"]');
    await book.waitFor();
    const edits = book.locator('[data-testid="edit-address"]');
    assert.equal(await edits.count(), 2, "an Edit button per saved address");
    await page.screenshot({ path: artifact("address-book-edit-360x640.png") });
    for (const at of [0, 1]) {
      const box = await edits.nth(at).boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `a 44 px target: ${JSON.stringify(box)}`);
    }
    // By keyboard: Tab from the chosen address reaches its Edit, named with the address.
    await book.locator('[data-testid="address-option"][aria-checked="true"]').focus();
    await page.keyboard.press("Tab");
    const named = await page.evaluate(() => {
      const active = document.querySelector("[data-etalase]").shadowRoot.activeElement;
      return { testid: active?.dataset.testid, label: active?.getAttribute("aria-label") };
    });
    assert.deepEqual(named, { testid: "edit-address", label: "Ubah alamat Rina Kusuma, Jl. Tebet Raya No. 5" });
    await page.keyboard.press("Enter");
    await until("the form in edit mode", async () => (await sheet.locator(".sheet-title").innerText()) === "Ubah alamat");
    await form.locator('[data-testid="cancel-address"]').tap();
    await book.waitFor();

    // By touch: the chosen address corrected, another village and street.
    await edits.first().tap();
    await form.waitFor();
    assert.equal(await form.getByLabel("Nama penerima").inputValue(), "Rina Kusuma");
    assert.equal(await form.getByLabel("Alamat lengkap").inputValue(), "Jl. Tebet Raya No. 5");
    assert.match(await form.getByRole("combobox", { name: "Kecamatan atau kota" }).inputValue(), /^Tebet, /, "its district picked");
    const village = form.getByLabel("Kelurahan/Desa", { exact: true });
    await until("its village listed and picked", async () => (await village.locator("option:checked").textContent()) === "Tebet Barat");
    const postal = form.locator('[data-testid="postal-code"]');
    assert.equal(await postal.inputValue(), "12810");
    assert.equal(await form.locator('[data-testid="legacy-why"]').count(), 0, "nothing to explain");
    await page.screenshot({ path: artifact("address-edit-form-360x640.png") });
    await form.locator('[data-testid="save-address"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("address-edit-actions-360x640.png") });
    assert.deepEqual(await violations(page), [], "axe over the form in edit mode");

    await village.selectOption({ label: "Tebet Timur" });
    await until("its postal code", async () => (await postal.inputValue()) === "12820");
    await form.getByLabel("Alamat lengkap").fill("Jl. Tebet Timur Dalam No. 7");
    const put = page.waitForResponse((r) => r.request().method() === "PUT" && /\/v1\/addresses\/[^/]+$/.test(r.url()));
    const requoted = page.waitForResponse((r) => r.url().endsWith("/v1/checkout/quote") && r.status() === 200);
    await form.locator('[data-testid="save-address"]').tap();
    const answer = await put;
    assert.equal(answer.status(), 200);
    const corrected = await answer.json();
    assert.equal(answer.request().postDataJSON().region_code, corrected.region_code);
    assert.equal(corrected.village, "Tebet Timur");
    const quote = await requoted;
    assert.equal(quote.request().postDataJSON().address_id, corrected.id, "the chosen address quoted again");
    await book.waitFor();
    const first = book.locator('[data-testid="address-option"]').first();
    assert.match(await first.innerText(), /Jl\. Tebet Timur Dalam No\. 7, Tebet Timur, Tebet/, "listed corrected, in its place");
    assert.equal(await book.locator('[data-testid="address-option"]').count(), 2, "not added");
    await first.tap();
    await until("the review shows it", async () => /Tebet Timur Dalam No\. 7/.test(await chosen.innerText()));
    await sheet.locator('[data-testid="checkout-shop"]').first().waitFor();
    await page.context().close();
  });

  test("typing over a saved address's district and pressing Escape twice brings back its village and postal code", async () => {
    const page = await toCheckout(browser, server.url);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    let form = await fillAddress(page, { "Kelurahan/Desa": "Sekeloa" });
    await form.locator('[data-testid="save-address"]').tap();
    await sheet.locator('[data-testid="chosen-address"]').waitFor();
    await sheet.locator('[data-testid="change-address"]').tap();
    await sheet.locator('[data-testid="edit-address"]').first().tap();
    form = page.locator('[data-testid="address-form"]');
    const region = form.getByRole("combobox", { name: "Kecamatan atau kota" });
    const village = form.getByLabel("Kelurahan/Desa", { exact: true });
    const postal = form.locator('[data-testid="postal-code"]');
    await until("its village listed and picked", async () => (await village.locator("option:checked").textContent()) === "Sekeloa");
    const was = { region: await region.inputValue(), postal: await postal.inputValue() };
    await region.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("tebet");
    await until("Tebet found", async () => (await form.locator('[data-testid="region-option"]').count()) > 0);
    assert.equal(await village.count(), 0, "typing over the district forgets its village");
    await page.keyboard.press("Escape");
    assert.equal((await focused(page)).expanded, "false", "the first Escape closes the list");
    assert.equal(await region.inputValue(), "tebet", "and keeps what was typed");
    await page.keyboard.press("Escape");
    assert.equal(await region.inputValue(), was.region, "the second brings the district back");
    await until("its village back", async () => (await village.locator("option:checked").textContent()) === "Sekeloa");
    assert.equal(await postal.inputValue(), was.postal, "and its postal code");
    assert.ok(await sheet.isVisible(), "the sheet stays open");
    const put = page.waitForResponse((r) => r.request().method() === "PUT");
    await form.locator('[data-testid="save-address"]').tap();
    const answer = await put;
    assert.equal(answer.status(), 200, "saved as it was");
    assert.equal((await answer.json()).village, "Sekeloa");
    await page.context().close();
  });

  test("an address added elsewhere is listed when the checkout opens again; after a reload the one last used stays chosen", async () => {
    const page = await toCheckout(browser, server.url);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    const chosen = sheet.locator('[data-testid="chosen-address"]');
    await (await fillAddress(page)).locator('[data-testid="save-address"]').tap();
    await until("Dago chosen", async () => /Dago/.test(await chosen.innerText()));
    await page.locator('[data-testid="checkout-close"]').tap();
    await sheet.waitFor({ state: "hidden" });

    const { token } = await demoViewer(page, server.url);
    const added = await fetch(`${server.url}/v1/addresses`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ recipient: "Rina Kusuma", phone: "081298765432", region_code: "31.74.01.1001", postal_code: "12820", street: "Jl. Tebet Raya No. 5" }),
    });
    assert.equal(added.status, 201, await added.text());

    const listed = page.waitForResponse((r) => r.url().endsWith("/v1/addresses") && r.request().method() === "GET");
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    assert.match(await chosen.innerText(), /Dago/, "the known address shown at once");
    assert.equal((await listed).status(), 200, "the list read again");
    await sheet.locator('[data-testid="change-address"]').tap();
    const options = sheet.locator('[data-testid="address-option"]');
    await until("the address added elsewhere listed", async () => (await options.count()) === 2);
    assert.match(await options.first().innerText(), /Rina Kusuma/, "newest first");
    assert.equal(await options.nth(1).getAttribute("aria-checked"), "true", "the one chosen stays chosen");

    await page.reload();
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    await until("the one last used chosen, not the newest", async () => /Dago/.test(await chosen.innerText()));
    await page.context().close();
  });

  test("an address deleted from the book: asked in place, kept by Escape, deleted by keyboard; focus on the address chosen instead", async () => {
    const page = await toCheckout(browser, server.url);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    const chosen = sheet.locator('[data-testid="chosen-address"]');
    await (await fillAddress(page)).locator('[data-testid="save-address"]').tap();
    await chosen.waitFor();
    await sheet.locator('[data-testid="change-address"]').tap();
    await sheet.locator('[data-testid="add-address"]').tap();
    await (await fillAddress(page, { "Nama penerima": "Rina Kusuma", "Kecamatan atau kota": "Tebet", "Kelurahan/Desa": "Tebet Barat", "Alamat lengkap": "Jl. Tebet Raya No. 5" }))
      .locator('[data-testid="save-address"]').tap();
    await until("Tebet chosen", async () => /Tebet Barat/.test(await chosen.innerText()));
    await sheet.locator('[data-testid="change-address"]').tap();
    const book = sheet.locator('[data-testid="address-book"]');
    const deletes = book.locator('[data-testid="delete-address"]');
    assert.equal(await deletes.count(), 2, "a Delete button per saved address");
    for (const at of [0, 1]) {
      const box = await deletes.nth(at).boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `a 44 px target: ${JSON.stringify(box)}`);
    }
    const active = () => page.evaluate(() => {
      const element = document.querySelector("[data-etalase]").shadowRoot.activeElement;
      return { testid: element?.dataset.testid, label: element?.getAttribute("aria-label"), checked: element?.getAttribute("aria-checked"), text: element?.textContent };
    });
    // By keyboard: the chosen address, Tab to Edit, Tab to Delete, named with the address.
    await book.locator('[data-testid="address-option"][aria-checked="true"]').focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.deepEqual(await active(), { testid: "delete-address", label: "Hapus alamat Rina Kusuma, Jl. Tebet Raya No. 5", checked: null, text: "Hapus" });
    await page.keyboard.press("Enter");
    const confirm = book.locator('[data-testid="delete-confirm"]');
    await confirm.waitFor();
    assert.equal(await book.getByRole("group", { name: "Hapus alamat ini?" }).count(), 1, "the question names its group");
    assert.equal((await active()).testid, "keep-address", "focus on Cancel, the harmless answer");
    await page.screenshot({ path: artifact("address-delete-asked-360x640.png") });
    assert.deepEqual(await violations(page), [], "axe over the question");
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    assert.ok(await sheet.isVisible(), "Escape answers the question, not the sheet");
    assert.equal((await active()).testid, "delete-address", "focus back on Delete");
    await page.keyboard.press("Enter");
    await confirm.waitFor();
    await page.keyboard.press("Shift+Tab");
    assert.equal((await active()).testid, "confirm-delete");
    const deleted = page.waitForResponse((r) => r.request().method() === "DELETE");
    const requoted = page.waitForResponse((r) => r.url().endsWith("/v1/checkout/quote") && r.status() === 200);
    await page.keyboard.press("Enter");
    assert.equal((await deleted).status(), 204);
    await until("one address left", async () => (await book.locator('[data-testid="address-option"]').count()) === 1);
    await until("focus on the address chosen instead", async () => (await active()).checked === "true");
    assert.match((await active()).text, /Jl\. Dago No\. 12/);
    const quote = await requoted;
    const { token } = await demoViewer(page, server.url);
    const { addresses } = await apiGet(server.url, token, "/v1/addresses");
    assert.equal(addresses.length, 1, "deleted on the server");
    assert.equal(quote.request().postDataJSON().address_id, addresses[0].id, "the one left priced");
    await page.screenshot({ path: artifact("address-deleted-360x640.png") });
    await page.context().close();
  });

  test("a region search that failed offline searches again by itself once back online, keeping what was typed", async () => {
    const page = await toCheckout(browser, server.url);
    const form = page.locator('[data-testid="address-form"]');
    await form.waitFor();
    const region = form.getByRole("combobox", { name: "Kecamatan atau kota" });
    await page.context().setOffline(true);
    await region.fill("cobl");
    const failed = form.locator('[data-testid="region-failed"]');
    await failed.waitFor();
    await page.screenshot({ path: artifact("address-search-offline-360x640.png") });
    await page.context().setOffline(false);
    await failed.waitFor({ state: "detached" });
    await until("results said", async () => /^\d+ hasil$/.test(await form.locator('[data-testid="region-status"]').innerText()));
    assert.equal(await region.inputValue(), "cobl", "what was typed kept");
    assert.ok((await form.locator('[data-testid="region-option"]').count()) > 0, "the list shown");
    await page.context().close();
  });

  test("a phone number's mistake is still said when the form is left and opened again", async () => {
    const page = await toCheckout(browser, server.url);
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    let form = await fillAddress(page);
    await form.locator('[data-testid="save-address"]').tap();
    await sheet.locator('[data-testid="chosen-address"]').waitFor();
    await sheet.locator('[data-testid="change-address"]').tap();
    await sheet.locator('[data-testid="add-address"]').tap();
    form = page.locator('[data-testid="address-form"]');
    const phone = form.getByLabel("Nomor HP");
    await phone.fill("0812");
    await form.getByLabel("Nama penerima").focus();
    const error = form.locator("#address-phone-error");
    await error.waitFor();
    const said = await error.innerText();
    await sheet.locator('[data-testid="checkout-back"]').tap();
    await sheet.locator('[data-testid="continue-draft"]').tap();
    await until("the draft back", async () => (await phone.inputValue()) === "0812");
    await error.waitFor();
    assert.equal(await error.innerText(), said, "the same mistake said");
    assert.equal(await phone.getAttribute("aria-invalid"), "true");
    assert.equal(await form.locator("#address-street-error").count(), 0, "nothing said of a field left empty");
    await page.context().close();
  });

  test("a half-typed new address survives a reload, is saved; one begun beside saved ones is offered in the address book; a cancelled one is forgotten", async () => {
    const page = await toCheckout(browser, server.url);
    let form = page.locator('[data-testid="address-form"]');
    await form.waitFor();
    await form.getByLabel("Nama penerima").fill("Dewi Lestari");
    await form.getByLabel("Nomor HP").fill("0813-1111-2222");
    await pickDistrict(form, "Tebet");
    await form.getByLabel("Kelurahan/Desa", { exact: true }).selectOption({ label: "Tebet Barat" });
    await form.locator('[data-testid="postal-code"]').waitFor();
    const draft = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("etalase:address-draft:")).map((k) => localStorage.getItem(k)));
    await until("the draft kept", async () => (await draft()).some((text) => text.includes("Tebet Barat")));

    await page.reload();
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    form = page.locator('[data-testid="address-form"]');
    await form.waitFor();
    await until("the recipient back", async () => (await form.getByLabel("Nama penerima").inputValue()) === "Dewi Lestari");
    assert.equal(await form.getByLabel("Nomor HP").inputValue(), "0813-1111-2222");
    assert.match(await form.getByRole("combobox", { name: "Kecamatan atau kota" }).inputValue(), /^Tebet, /);
    const village = form.getByLabel("Kelurahan/Desa", { exact: true });
    await until("the village back", async () => (await village.locator("option:checked").textContent()) === "Tebet Barat");
    assert.equal(await form.locator('[data-testid="postal-code"]').inputValue(), "12810");
    assert.equal(await form.getByLabel("Alamat lengkap").inputValue(), "", "nothing invented");
    await page.screenshot({ path: artifact("address-draft-reloaded-360x640.png") });
    await form.getByLabel("Alamat lengkap").fill("Jl. Tebet Barat Dalam No. 3");
    const saved = page.waitForResponse((r) => r.url().endsWith("/v1/addresses") && r.request().method() === "POST");
    await form.locator('[data-testid="save-address"]').tap();
    const body = (await saved).request().postDataJSON();
    assert.equal(body.recipient, "Dewi Lestari");
    assert.equal(body.postal_code, "12810");
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    await until("saved and chosen", async () => /Tebet Barat Dalam No\. 3/.test(await sheet.locator('[data-testid="chosen-address"]').innerText()));
    assert.deepEqual(await draft(), [], "forgotten once saved");

    // Begun beside a saved address, then reloaded: the checkout opens on
    // the review, and the address book says a draft is kept and opens it.
    await sheet.locator('[data-testid="change-address"]').tap();
    await sheet.locator('[data-testid="address-book"]').waitFor();
    const note = sheet.locator('[data-testid="address-draft"]');
    assert.equal(await note.count(), 0, "nothing kept, nothing said");
    await sheet.locator('[data-testid="add-address"]').tap();
    await form.getByLabel("Nama penerima").fill("Orang Lain");
    await until("a draft kept", async () => (await draft()).length === 1);
    await page.reload();
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    await sheet.locator('[data-testid="chosen-address"]').waitFor();
    assert.equal(await form.count(), 0, "the review, not the form");
    await sheet.locator('[data-testid="change-address"]').tap();
    await note.waitFor();
    assert.equal(await note.locator("p").innerText(), "Ada alamat baru yang belum selesai diisi.");
    const resume = note.locator('[data-testid="continue-draft"]');
    assert.equal(await resume.innerText(), "Lanjutkan mengisi");
    const box = await resume.boundingBox();
    assert.ok(box.height >= 44, `a 44 px target: ${box.height}`);
    await page.screenshot({ path: artifact("address-draft-note-360x640.png") });
    assert.deepEqual(await violations(page), [], "axe over the note");
    await resume.tap();
    await until("the draft back", async () => (await form.getByLabel("Nama penerima").inputValue()) === "Orang Lain");

    // Cancelled: nothing is kept, and the note goes with it.
    await form.locator('[data-testid="cancel-address"]').tap();
    await sheet.locator('[data-testid="address-book"]').waitFor();
    assert.deepEqual(await draft(), [], "forgotten once cancelled");
    assert.equal(await note.count(), 0, "no draft, no note");
    await sheet.locator('[data-testid="add-address"]').tap();
    assert.equal(await form.getByLabel("Nama penerima").inputValue(), "", "a fresh form");
    await page.context().close();
  });

  test("a draft is its shopper's alone: the next viewer on the same phone gets an empty form, and the draft is gone", async () => {
    const page = await toCheckout(browser, server.url);
    const form = page.locator('[data-testid="address-form"]');
    await form.waitFor();
    await form.getByLabel("Nama penerima").fill("Viewer A");
    await form.getByLabel("Nomor HP").fill("0813-5555-6666");
    await pickDistrict(form, "Tebet");
    const draft = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("etalase:address-draft:")).map((k) => localStorage.getItem(k)));
    await until("A's draft kept", async () => (await draft()).some((text) => text.includes("Viewer A")));

    // The host signs another viewer in on the same phone.
    await page.evaluate(() => localStorage.setItem("etalase-demo-viewer", `viewer-${crypto.randomUUID()}`));
    await page.reload();
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await addToCart(page, TEE, 1);
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    await form.waitFor();
    // Given the time A's draft would take to come back, nothing comes.
    await page.waitForTimeout(500);
    for (const label of ["Nama penerima", "Nomor HP", "Alamat lengkap"]) {
      assert.equal(await form.getByLabel(label).inputValue(), "", `B's ${label} is empty`);
    }
    assert.equal(await form.getByRole("combobox", { name: "Kecamatan atau kota" }).inputValue(), "", "no district of A's");
    assert.ok((await draft()).every((text) => !text.includes("Viewer A")), "A's draft is gone from the device");
    await page.screenshot({ path: artifact("address-draft-next-viewer-360x640.png") });
    await page.context().close();
  });

  test("axe-core finds nothing over the form with results open and with a refused postal code", async () => {
    const page = await toCheckout(browser, server.url);
    const form = page.locator('[data-testid="address-form"]');
    await form.getByRole("combobox", { name: "Kecamatan atau kota" }).fill("sukaluyu");
    await form.locator('[data-testid="region-option"]').first().waitFor();
    const open = await violations(page);
    assert.deepEqual(open, [], `results open: ${open.join("\n")}`);

    await page.route("**/v1/addresses", (route) => route.request().method() === "POST"
      ? route.fulfill({
        status: 422,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "invalid_field", message: "postal_code 40135 is not Dago's", field: "postal_code" } }),
      })
      : route.continue());
    await fillAddress(page);
    await form.locator('[data-testid="save-address"]').tap();
    const postal = form.locator('[data-testid="postal-code"]');
    await until("the refusal on the postal code", async () => (await postal.getAttribute("aria-invalid")) === "true");
    assert.match(await form.locator("#address-postal_code-error").innerText(), /bukan milik kelurahan\/desa/);
    await page.screenshot({ path: artifact("address-postal-refused.png") });
    assert.deepEqual(await violations(page), [], "with the error");
    await page.context().close();
  });

  test("a search matching more than it lists says so and asks for more of the name", async () => {
    const page = await toCheckout(browser, server.url);
    const form = page.locator('[data-testid="address-form"]');
    const search = form.getByRole("combobox", { name: "Kecamatan atau kota" });
    await search.fill("kar");
    const status = form.locator('[data-testid="region-status"]');
    await until("20+ said", async () => (await status.innerText()) === "20+ hasil, ketik nama lebih lengkap");
    assert.equal(await form.locator('[data-testid="region-option"]').count(), 20);
    await search.fill("coblong");
    await until("a count again", async () => /^\d+ hasil$/.test(await status.innerText()));
    await page.context().close();
  });

  test("a parcel too heavy for same-day couriers shows them disabled with why; another city says which courier replaced the one chosen", async () => {
    const page = await phonePage(browser, { viewport: { width: 360, height: 640 } });
    await page.goto(`${server.url}/?stream=${STREAM}`);
    await page.locator('[data-testid="product-card"]').first().waitFor();
    const grams = await heavyParcel(page, server.url);
    const kg = Math.ceil(grams / 1_000);
    await page.reload();
    await page.locator('[data-testid="product-card"]').first().waitFor();
    await page.locator('[data-testid="cart-button"]').tap();
    await page.locator('[data-testid="checkout"]').tap();
    const quoted = page.waitForResponse((r) => r.url().endsWith("/v1/checkout/quote") && r.status() === 200);
    const form = await fillAddress(page);
    await form.locator('[data-testid="save-address"]').tap();
    const answer = await (await quoted).json();
    assert.deepEqual(
      answer.unavailable_shipping.map((u) => [u.shop_id, u.id, u.max_kg, u.parcel_kg]),
      [[KALCER, "grab-sameday", 7, kg], [KALCER, "gosend-sameday", 7, kg]],
    );
    const sheet = page.locator('[data-testid="checkout-sheet"]');
    const shop = sheet.locator(`[data-testid="checkout-shop"][data-shop="${KALCER}"]`);
    await shop.locator('[data-testid="courier-chosen"]').tap();
    const disabled = shop.locator('[data-testid="courier-unavailable"]');
    await disabled.first().waitFor();
    assert.equal(await disabled.count(), 2);
    for (const at of [0, 1]) {
      const option = disabled.nth(at);
      assert.equal(await option.getAttribute("aria-disabled"), "true");
      assert.ok(await option.isDisabled(), "never a choice");
      assert.match(await option.innerText(), new RegExp(`Same Day\\s+Maks\\. 7 kg — paketmu ${kg} kg`));
    }
    const names = await disabled.evaluateAll((all) => all.map((o) => o.querySelector(".option-name").textContent));
    assert.deepEqual(names, ["GrabExpress Same Day", "GoSend Same Day"]);
    // Arrows go round the couriers on offer, never onto one too heavy.
    const offered = shop.locator('[data-testid="courier-option"]');
    const ids = await offered.evaluateAll((all) => all.map((o) => o.dataset.option));
    assert.ok(ids.includes("gosend-instant"), `instant carries 20 kg: ${ids}`);
    await shop.locator('[data-testid="courier-option"][aria-checked="true"]').focus();
    for (let step = 0; step < ids.length; step += 1) {
      await page.keyboard.press("ArrowDown");
      const on = await page.evaluate(() => document.querySelector("[data-etalase]").shadowRoot.activeElement?.dataset.testid);
      assert.equal(on, "courier-option", `step ${step}`);
    }
    for (const part of [".option-name", ".option-note"]) {
      const ratio = await contrast(page, `[data-testid="courier-unavailable"] ${part}`);
      assert.ok(ratio >= 4.5, `${part}: contrast ${ratio.toFixed(2)}`);
    }
    await disabled.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("checkout-too-heavy-360x640.png") });
    assert.deepEqual(await violations(page), [], "axe over the disabled couriers");
    await sheet.locator('[data-testid="summary"]:not([aria-busy])').waitFor();
    const sent = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/v1/checkout/quote")) sent.push(request.postDataJSON());
    });
    await disabled.first().tap({ force: true });

    // GoSend Instant chosen, then an address in Jakarta, where it does not go.
    const instant = page.waitForResponse((r) => r.url().endsWith("/v1/checkout/quote") && r.status() === 200);
    await shop.locator('[data-testid="courier-option"][data-option="gosend-instant"]').tap();
    await instant;
    assert.deepEqual(
      sent.flatMap((body) => body.shipping.map((choice) => choice.option_id)),
      ["gosend-instant"],
      "a courier too heavy is never sent",
    );
    await sheet.locator('[data-testid="change-address"]').tap();
    await sheet.locator('[data-testid="add-address"]').tap();
    await fillAddress(page, { "Kecamatan atau kota": "Tebet", "Kelurahan/Desa": "Tebet Barat" });
    const moved = page.waitForResponse((r) => r.url().endsWith("/v1/checkout/quote") && r.status() === 200);
    await page.locator('[data-testid="save-address"]').tap();
    const there = await (await moved).json();
    const now = there.shops.find((part) => part.shop.id === KALCER).shipping;
    const note = shop.locator('[data-testid="courier-replaced"]');
    await note.waitFor();
    assert.equal(
      await note.innerText(),
      `GoSend Instant tidak tersedia untuk alamat ini: hanya dalam kota toko, Bandung; dipilih ${now.courier} ${now.service}`,
    );
    assert.deepEqual(there.unavailable_shipping, [], "between cities no same-day courier is listed");
    assert.equal(await shop.locator('[data-testid="courier-unavailable"]').count(), 0);
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("checkout-courier-replaced-360x640.png") });
    assert.deepEqual(await violations(page), [], "axe with the note");
    await page.context().close();
  });

  for (const [width, height] of [[360, 640], [320, 568]]) {
    for (const locale of ["id-ID", "en-US"]) {
      test(`the form at ${width}×${height}, ${locale}: long names wrap, the list stays in the sheet`, async () => {
        const page = await toCheckout(browser, server.url, { viewport: { width, height }, locale });
        const form = page.locator('[data-testid="address-form"]');
        const search = form.locator('[data-testid="region-search"]');
        // The longest village name of the list, and its long path.
        await search.fill("kampuang tanjuang koto mambang");
        const option = form.locator('[data-testid="region-option"]').first();
        await option.waitFor();
        // The list is in the sheet's flow, under the search, the search at the sheet's top.
        const box = await page.evaluate(() => {
          const root = document.querySelector("[data-etalase]").shadowRoot;
          const rect = (selector) => root.querySelector(selector).getBoundingClientRect();
          const list = root.querySelector('[data-testid="region-list"]');
          const options = [...list.querySelectorAll('[role="option"]')].map((o) => o.getBoundingClientRect());
          return {
            scroller: root.querySelector('[data-testid="region-search"]').closest(".sheet-scroll").getBoundingClientRect(),
            search: rect('[data-testid="region-search"]'),
            list: list.getBoundingClientRect(),
            widest: Math.max(...options.map((o) => o.right)),
            overflow: list.scrollWidth > list.clientWidth,
            shortest: Math.min(...options.map((o) => o.height)),
          };
        });
        await page.screenshot({ path: artifact(`address-results-${width}x${height}-${locale}.png`) });
        assert.ok(box.list.top >= box.search.bottom, "the list under the search");
        assert.ok(box.list.right <= box.scroller.right && box.widest <= box.list.right, "nothing wider than the sheet");
        assert.ok(!box.overflow, "no sideways scroll: long names wrap");
        assert.ok(box.shortest >= 44, `options at least 44 px tall (${box.shortest})`);
        assert.ok(box.search.top >= box.scroller.top && box.search.top < box.scroller.top + 120, `the search brought to the sheet's top: ${JSON.stringify(box)}`);
        await option.tap();
        await form.locator('[data-testid="postal-code"]').waitFor();
        await page.screenshot({ path: artifact(`address-picked-${width}x${height}-${locale}.png`) });
        // A name shared by many: each told apart by its path.
        await search.fill("sukaluyu bandung");
        await form.locator('[data-testid="region-option"]').first().waitFor();
        await page.screenshot({ path: artifact(`address-shared-${width}x${height}-${locale}.png`) });
        await page.context().close();
      });
    }
  }
});
