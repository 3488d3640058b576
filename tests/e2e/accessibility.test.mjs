// An independent audit of every screen a shopper reaches, at 360×640: axe-core
// (WCAG 2.1 A and AA rules, open shadow roots included) over the demo page with
// the feed, a product sheet, the cart and the checkout's address form, in both
// languages and both themes. Any violation fails the test with its rule, its
// impact and the elements it names.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, addToCart, apiGet, launchBrowser, mintToken, phonePage, startServer } from "../support.mjs";

/** axe-core's script, from the test tools' lock. */
const AXE = readFileSync(join(ROOT, "tests", "node_modules", "axe-core", "axe.min.js"), "utf8");

/** The rules that apply: WCAG 2.0 and 2.1, levels A and AA. None is switched off. */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core's violations on `page` as it is now, each as "rule (impact): target, …".
 * axe reaches into the widget's open shadow root by itself.
 */
async function violations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === "object");
  if (!loaded) await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.flatMap((violation) => violation.nodes.map((node) =>
      `${violation.id} (${violation.impact}) at ${JSON.stringify(node.target)}: ` +
      node.failureSummary.replace(/\s*\n\s*/g, " ")));
  }, WCAG_21_AA);
  return found;
}

/** Waits until every animation that ends (a sheet sliding in, a fade) has ended, so colours are final. */
async function still(page) {
  await page.waitForFunction(() =>
    document.getAnimations({ subtree: true }).every((a) => a.effect?.getTiming().iterations === Infinity) &&
    (document.querySelector("#shop > [data-etalase]")?.shadowRoot?.getAnimations() ?? [])
      .every((a) => a.effect?.getTiming().iterations === Infinity));
}

/** Adds what axe finds on `page` now to `found`, under `screen`. */
async function audit(page, screen, found) {
  await still(page);
  for (const violation of await violations(page)) found.push(`${screen}: ${violation}`);
}

describe("accessibility (axe-core, WCAG 2.1 A and AA)", () => {
  let server;
  let browser;
  let productId;
  let streamId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const token = await mintToken(server.url, "e2e-a11y-reader");
    const { streams } = await apiGet(server.url, token, "/v1/streams");
    streamId = streams[0].id;
    const showcase = await apiGet(server.url, token, `/v1/streams/${streamId}/products`);
    productId = showcase.products.find((card) => card.stock > 0).id;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const locale of ["id-ID", "en-US"]) {
    for (const theme of ["dark", "light"]) {
      test(`every shopper screen, ${locale}, ${theme} theme`, async () => {
        // axe is injected as a script; the demo's CSP (tested elsewhere) would refuse it.
        const page = await phonePage(browser, { bypassCSP: true, locale });
        const found = [];
        await page.goto(`${server.url}/?stream=${streamId}`);
        await page.locator('[data-testid="product-card"]').first().waitFor();
        if (locale === "en-US") {
          await page.locator("#locale-switch").tap();
          await page.waitForFunction(() => document.querySelector("#locale-code").textContent === "EN");
        }
        if (theme === "light") {
          await page.locator("#theme-switch").tap();
          await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
        }
        await audit(page, "the feed", found);

        await page.locator(`[data-testid="product-card"][data-product-id="${productId}"]`).tap();
        await page.locator('[data-testid="product-sheet"] [data-testid="add-to-cart"]:not([disabled])').waitFor();
        await audit(page, "the product sheet", found);
        await page.locator('[data-testid="sheet-close"]').tap();
        await page.locator('[data-testid="product-sheet"]').waitFor({ state: "hidden" });

        await addToCart(page, productId, 1);
        await page.locator('[data-testid="cart-button"]').tap();
        await page.locator('[data-testid="cart-sheet"]').waitFor();
        await audit(page, "the cart", found);

        await page.locator('[data-testid="checkout"]').tap();
        await page.locator('[data-testid="address-form"]').waitFor();
        await audit(page, "the checkout's address form", found);
        await page.context().close();
        assert.ok(found.length === 0, `${found.length} WCAG 2.1 A/AA violation(s):\n${found.join("\n")}`);
      });
    }
  }
});
