// The README picture (docs/demo.png), made from the demo as it is now:
// `cargo xtask picture` builds the widget and the server and runs this
// script. In headless Chromium at the phone viewport (360×640) it opens the
// demo on a live stream and takes three screens, laid side by side into one
// image: the feed with the widget's product cards, a product sheet just
// added to the cart, and the cart holding products of two shops.
//
//   node tests/picture.mjs [OUTPUT]   (OUTPUT: docs/demo.png by default)
//
// It needs the built package in pkg/ and the server (ETALASE_SERVER_BIN, as
// for the browser tests).
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PHONE, ROOT, apiGet, launchBrowser, mintToken, phonePage, startServer, until } from "./support.mjs";

const OUTPUT = resolve(process.argv[2] ?? join(ROOT, "docs", "demo.png"));
/** The live stream shown: the demo's cooking stream, whose showcase has products of several shops. */
const STREAM = "live-dapur-sari";
/** Space around and between the screens, in CSS pixels. */
const GAP = 20;

/** The first two products of the stream's showcase in stock, of two different shops. */
async function twoShopsProducts(url) {
  const token = await mintToken(url, "picture-catalogue-reader");
  const { products } = await apiGet(url, token, `/v1/streams/${STREAM}/products`);
  const inStock = products.filter((card) => card.stock > 0);
  const first = inStock[0];
  const second = inStock.find((card) => card.shop.id !== first.shop.id);
  if (!first || !second) throw new Error(`${STREAM} has no products of two shops in stock`);
  return [first, second];
}

/** Resolves once no finite animation runs in the widget's shadow root (a sheet sliding, a badge popping). */
async function settled(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector("[data-etalase]")?.shadowRoot;
    return root && root.getAnimations()
      .every((animation) => animation.effect?.getComputedTiming().iterations === Infinity);
  });
}

/** The page's screen as PNG bytes, once settled. */
async function screen(page) {
  await settled(page);
  return page.screenshot({ animations: "disabled" });
}

/** Opens `productId`'s sheet and adds its preselected variant; the cart then holds `count` units. */
async function add(page, productId, count) {
  await page.locator(`[data-testid="product-card"][data-product-id="${productId}"]`).tap();
  const sheet = page.locator('[data-testid="product-sheet"]');
  await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
  await until(`the badge to say ${count}`, async () =>
    (await page.locator('[data-testid="cart-badge"]').textContent()) === String(count));
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const [first, second] = await twoShopsProducts(server.url);
  const page = await phonePage(browser, { deviceScaleFactor: 1 });
  await page.goto(`${server.url}/?stream=${STREAM}`);
  await page.locator('[data-testid="product-card"]').first().waitFor();
  const feed = await screen(page);

  await add(page, first.id, 1);
  await page.locator('[data-testid="sheet-close"]').tap();
  await page.locator('[data-testid="product-sheet"]').waitFor({ state: "hidden" });
  await add(page, second.id, 2);
  const sheet = await screen(page);

  await page.locator('[data-testid="sheet-close"]').tap();
  await page.locator('[data-testid="product-sheet"]').waitFor({ state: "hidden" });
  await page.locator('[data-testid="toast"]').waitFor({ state: "detached", timeout: 15_000 });
  await page.locator('[data-testid="cart-button"]').tap();
  const cart = page.locator('[data-testid="cart-sheet"]');
  await cart.waitFor({ state: "visible" });
  await until("both shops in the cart", async () => (await cart.locator('[data-testid="cart-shop"]').count()) === 2);
  const cartScreen = await screen(page);

  // The three screens side by side, on white, with rounded corners.
  const width = 3 * PHONE.width + 4 * GAP;
  const height = PHONE.height + 2 * GAP;
  const board = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  const images = [feed, sheet, cartScreen]
    .map((png) => `<img src="data:image/png;base64,${png.toString("base64")}" alt="">`)
    .join("");
  await board.setContent(`<!doctype html><style>
    body { margin: 0; padding: ${GAP}px; display: flex; gap: ${GAP}px; background: #fff; }
    img { width: ${PHONE.width}px; height: ${PHONE.height}px; border-radius: 16px; display: block; }
  </style><body>${images}</body>`);
  await board.waitForFunction(() => [...document.images].every((image) => image.complete));
  writeFileSync(OUTPUT, await board.screenshot());
  console.log(`wrote ${OUTPUT} (${width}×${height}): the feed, the sheet of ${second.name}, the cart of ${first.shop.name} and ${second.shop.name}`);
} finally {
  await browser.close();
  await server.stop();
}
