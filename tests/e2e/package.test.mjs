// The npm package as a host installs it: `npm pack` of pkg/, installed into a
// scratch host app with no bundler, served by the real server, mounted in Chromium.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, artifact, launchBrowser, phonePage, startServer } from "../support.mjs";

const HOST_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Scratch host</title>
  <link rel="stylesheet" href="/host.css">
  <script type="module" src="/host.js"></script>
</head>
<body><div id="player"><div id="shop"></div></div></body>
</html>
`;

// Host CSS that would wreck a widget without its own Shadow DOM styles.
const HOST_CSS = `
body { margin: 0; }
#player { position: relative; width: 100vw; height: 100vh; background: #123; }
#shop { position: absolute; inset: 0; }
button { background: lime !important; font-size: 40px !important; }
* { font-family: serif !important; }
`;

// The host's own script: token from its back-end, then the package's documented API.
const HOST_JS = `
import init, { mount } from "./node_modules/etalase/index.js";

const session = await fetch("/demo/session", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ user_id: "scratch-viewer", role: "shopper" }),
}).then((r) => r.json());
const { streams } = await fetch("/v1/streams", {
  headers: { authorization: "Bearer " + session.token },
}).then((r) => r.json());

await init();
window.events = [];
window.widget = mount("#shop", {
  apiBase: location.origin,
  token: session.token,
  streamId: streams[0].id,
  locale: "en-US",
  onEvent: (event) => window.events.push(event.name),
});
`;

describe("the npm package", () => {
  let scratch;
  let tarball;
  let server;
  let browser;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "etalase-host-"));
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: join(ROOT, "pkg") }),
    );
    tarball = packed[0];
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch-host", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", join(scratch, tarball.filename)], {
      cwd: scratch,
      stdio: "ignore",
    });
    writeFileSync(join(scratch, "index.html"), HOST_PAGE);
    writeFileSync(join(scratch, "host.css"), HOST_CSS);
    writeFileSync(join(scratch, "host.js"), HOST_JS);
    server = await startServer({ wwwDir: scratch });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test("ships the module, the wasm parts, the types and the README, and nothing else", () => {
    const files = tarball.files.map((file) => file.path).sort();
    const parts = files.filter((file) => /^(split_\w+|chunk_\d+)-[0-9a-f]{16}\.wasm$/.test(file));
    assert.deepEqual(
      parts.map((file) => file.replace(/-[0-9a-f]{16}/, "")).filter((file) => file.startsWith("split_")),
      ["split_creator.wasm", "split_shop.wasm"],
      "each later part, named by its content",
    );
    assert.deepEqual(files.filter((file) => !parts.includes(file)), [
      "README.md",
      "__wasm_split.js",
      "etalase.d.ts",
      "etalase.js",
      "etalase_bg.wasm",
      "etalase_bg.wasm.d.ts",
      "index.d.ts",
      "index.js",
      "package.json",
    ]);
    const types = readFileSync(join(scratch, "node_modules", "etalase", "etalase.d.ts"), "utf8");
    assert.match(types, /export function mount\(target: Element \| string, config: EtalaseConfig\): WidgetHandle;/);
    assert.match(types, /export interface EtalaseConfig/);
    assert.match(types, /export interface EtalaseEventMap/);
    assert.match(types, /setPlayback\(seconds: number\): void;/);
    const entry = readFileSync(join(scratch, "node_modules", "etalase", "index.d.ts"), "utf8");
    assert.match(entry, /export function preload\(config: EtalaseConfig\): Promise<void>;/);
  });

  test("mounts in a host page without a bundler, untouched by the host's CSS", async () => {
    const page = await phonePage(browser, { locale: "en-US" });
    await page.goto(server.url);
    const cards = page.locator('[data-testid="product-card"]');
    await cards.first().waitFor({ state: "visible" });
    assert.match(await cards.first().innerText(), /IDR \d{1,3}(,\d{3})+/, "en-US money");
    const look = await cards.first().evaluate((card) => {
      const style = getComputedStyle(card);
      return { background: style.backgroundColor, font: style.fontFamily };
    });
    assert.notEqual(look.background, "rgb(0, 255, 0)", "host button styles do not reach the widget");
    assert.doesNotMatch(look.font, /^serif$/, "host fonts do not reach the widget");
    await page.waitForFunction(() => window.events.includes("ready"));
    await page.screenshot({ path: artifact("package-host.png") });

    await page.evaluate(() => window.widget.destroy());
    assert.equal(await page.locator("#shop > *").count(), 0, "destroy() leaves no DOM behind");
    await page.context().close();
  });
});
