// The address form on the official region list, at a 360×640 phone against
// a real server and its whole list: a district found by keyboard alone (the
// combobox's arrows, Home/End, Escape and Enter), its village chosen, the
// postal code filled, saved, and the quote pricing that zone (a Bandung shop
// offers GoSend within Kota Bandung); the same by touch; a legacy address
// asked for its district, keeping its street and recipient; axe-core over
// the form with its results open and with the server's refusal of the postal
// code on its field; and screenshots at 360×640 and 320×568 in both
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
  fillAddress,
  launchBrowser,
  mintToken,
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
    assert.equal(await form.locator('[data-testid="postal-code"]').inputValue(), "12810");
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
    const viewer = await page.evaluate(() => localStorage.getItem("etalase-demo-viewer"));
    const token = await mintToken(server.url, viewer);
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
    const listed = await until("the legacy address replaced", async () => {
      const { addresses } = await apiGet(server.url, token, "/v1/addresses");
      return addresses.length === 1 ? addresses : null;
    });
    assert.equal(listed[0].needs_region, false);
    assert.equal(listed[0].street, "Gg. Lama No. 3");
    assert.equal(listed[0].recipient, "Bu Lastri");
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
