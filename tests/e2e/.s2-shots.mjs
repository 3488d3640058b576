import { startServer, launchBrowser, mintToken, phonePage, until } from "../support.mjs";
const server = await startServer();
const browser = await launchBrowser();
try {
  const token = await mintToken(server.url, "crt-raka-gaya", "creator");
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const stream = await (await fetch(`${server.url}/v1/creator/streams`, { method: "POST", headers: auth, body: JSON.stringify({ title: "Shots", kind: "live" }) })).json();
  const page = await (await fetch(`${server.url}/v1/products?per_page=40&in_stock=true`, { headers: auth })).json();
  const sorted = [...page.products].sort((a, b) => b.name.length - a.name.length);
  const ids = [sorted[0].id, ...page.products.filter((p) => p.id !== sorted[0].id).slice(0, 9).map((p) => p.id)];
  await fetch(`${server.url}/v1/creator/streams/${stream.id}/products`, { method: "PUT", headers: auth, body: JSON.stringify({ product_ids: ids }) });
  await fetch(`${server.url}/v1/creator/streams/${stream.id}/pin`, { method: "PUT", headers: auth, body: JSON.stringify({ product_id: ids[0] }) });
  // An ended deal with an order.
  const detail = await (await fetch(`${server.url}/v1/products/${ids[1]}`, { headers: auth })).json();
  const v = detail.variants.find((x) => x.stock > 3);
  const started = await fetch(`${server.url}/v1/creator/streams/${stream.id}/deals`, { method: "POST", headers: auth, body: JSON.stringify({ product_id: ids[1], variant_id: v.id, price: 1000, units: 2, per_buyer_limit: 1, starts_in_seconds: 10, minutes: 1 }) });
  const deal = await started.json();
  await fetch(`${server.url}/v1/creator/streams/${stream.id}/deals/${deal.id}/end`, { method: "POST", headers: auth });
  for (const [w, h, touch] of [[390, 844, true], [1280, 800, false]]) {
    for (const locale of ["id-ID", "en-US"]) {
      const p = await phonePage(browser, touch ? { viewport: { width: w, height: h }, locale } : { viewport: { width: w, height: h }, isMobile: false, hasTouch: false, deviceScaleFactor: 1, locale });
      await p.goto(`${server.url}/creator.html?stream=${stream.id}&locale=${locale}`);
      const tools = p.locator('[data-testid="creator"]');
      await tools.locator('[data-testid="showcase-item"]').nth(3).waitFor();
      const offsets = await p.evaluate(() => [...document.querySelector("[data-etalase]").shadowRoot.querySelectorAll('[data-testid="showcase-item"] .creator-thumb')].slice(0, 3).map((n) => Math.round(n.getBoundingClientRect().left)));
      const pinLines = await p.evaluate(() => { const n = document.querySelector("[data-etalase]").shadowRoot.querySelector('[data-testid="pinned-now"]'); return [n.getBoundingClientRect().height, n.textContent]; });
      console.log(w, locale, "thumb lefts", offsets, "pinned-now", pinLines);
      await p.screenshot({ path: `/tmp/s2-art/showcase-${w}-${locale}.png` });
      await tools.locator('[data-testid="tab-deal"]').click();
      await tools.locator('[data-testid="deal-row"]').first().waitFor();
      console.log(await tools.locator('[data-testid="deal-row"]').first().innerText());
      await p.screenshot({ path: `/tmp/s2-art/deal-${w}-${locale}.png` });
      await p.context().close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
