// The quickstart of docs/embedding.md ("Embed Etalase in 15 minutes"), run as
// written (decision 0058): every block marked `file=NAME` in the guide is
// written to a new folder as NAME, and its `server.mjs` is started with `node`
// the way the guide's `run=host` command starts it, on another port (another
// origin) than the API's, which allows that origin through
// ETALASE_DEMO_ORIGINS as the guide's `run=api` command does. The plain page,
// then the React page ("With React": its own index.html and app.jsx, bundled
// into host.js by the guide's `run=react` esbuild command), must show the
// first product card and put a line in the cart under the guide's policy,
// with no CSP violation, no page or console error, and no request of the
// page carrying the host's key.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  DEMO_HOST_KEY, ROOT, apiGet, artifact, launchBrowser, mintToken, phonePage, startServer, until,
} from "../support.mjs";
import { watchCsp } from "./embedding-support.mjs";

const GUIDE = join(ROOT, "docs", "embedding.md");
/** The API's address in the guide's examples, which the test's server stands in for. */
const GUIDE_API = "https://api.marketplace.example";

/**
 * The fenced code blocks of `markdown`: `{ info, attrs, code, heading, subheading }`, `attrs`
 * from the `key=value` words of the info string, the headings the `##` and `###` it is under.
 */
function codeBlocks(markdown) {
  const blocks = [];
  let heading = "";
  let subheading = "";
  let open = null;
  for (const line of markdown.split("\n")) {
    if (open) {
      if (line === "```") {
        blocks.push(open);
        open = null;
      } else {
        open.code += `${line}\n`;
      }
    } else if (line.startsWith("```")) {
      const info = line.slice(3).trim();
      const attrs = Object.fromEntries(info.split(/\s+/).filter((word) => word.includes("=")).map((word) => word.split("=")));
      open = { info, attrs, code: "", heading, subheading };
    } else if (line.startsWith("## ")) {
      heading = line.slice(3).trim();
      subheading = "";
    } else if (line.startsWith("### ")) {
      subheading = line.slice(4).trim();
    }
  }
  assert.equal(open, null, "every code block of the guide is closed");
  return blocks;
}

/** A command line's leading `NAME=value` words, and the rest: `{ env, command }`. */
function commandLine(block) {
  const words = block.code.trim().split("\n")[0].split(/\s+/);
  const env = {};
  while (words.length > 0 && /^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift().split(/=(.*)/s);
    env[name] = value;
  }
  return { env, command: words.join(" ") };
}

/** The directives of a policy, `name → sorted sources`. */
function directives(policy) {
  return Object.fromEntries(policy.split(";").map((part) => part.trim().split(/\s+/)).filter((words) => words[0])
    .map(([name, ...sources]) => [name, sources.sort()]));
}

/** A free TCP port on this machine. */
async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts the guide's `run=host` command in `dir`, serving on `port` against `apiUrl`: `{ url, stop }`. */
async function startHost(runHost, dir, port, apiUrl) {
  const [program, ...args] = runHost.command.split(" ");
  const child = spawn(program === "node" ? process.execPath : program, args, {
    cwd: dir,
    env: {
      ...process.env,
      ETALASE_API: apiUrl,
      ETALASE_HOST_KEY: DEMO_HOST_KEY,
      ETALASE_PKG: join(ROOT, "pkg"),
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => { log += chunk; });
  child.stderr.on("data", (chunk) => { log += chunk; });
  await until("the host's back-end to listen", () => log.includes(`localhost:${port}`) || child.exitCode !== null, 15_000);
  assert.equal(child.exitCode, null, `the host's back-end stopped: ${log}`);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
  };
  return { url: `http://localhost:${port}`, stop, log: () => log };
}

/** Writes `blocks` (each marked `file=NAME`) into a new folder; resolves to its path. */
function writeFiles(blocks) {
  const dir = mkdtempSync(join(tmpdir(), "etalase-quickstart-"));
  for (const block of blocks) writeFileSync(join(dir, block.attrs.file), block.code);
  return dir;
}

describe("the guide's quickstart, run as written", () => {
  const blocks = codeBlocks(readFileSync(GUIDE, "utf8"));
  const quickstart = blocks.filter((block) => block.heading === "Embed Etalase in 15 minutes");
  const plainFiles = quickstart.filter((block) => block.attrs.file && block.subheading === "");
  const reactFiles = quickstart.filter((block) => block.attrs.file && block.subheading === "With React");
  const command = (run) => commandLine(quickstart.find((block) => block.attrs.run === run));
  const runApi = command("api");
  const runHost = command("host");
  const runReact = command("react");
  const dirs = [];
  let plainDir;
  let reactDir;
  let browser;
  let server;

  before(async () => {
    plainDir = writeFiles(plainFiles);
    // The React page: the plain page's back-end and stylesheet, its own page and script.
    const reactNames = new Set(reactFiles.map((block) => block.attrs.file));
    reactDir = writeFiles([
      ...plainFiles.filter((block) => !reactNames.has(block.attrs.file) && block.attrs.file !== "host.js"),
      ...reactFiles,
    ]);
    dirs.push(plainDir, reactDir);
    // `npm install react react-dom esbuild`: the test tools' own copies, the
    // bundler as esbuild-wasm (the same command line, without esbuild's
    // install script, which the test tools' supply-chain check refuses).
    symlinkSync(join(ROOT, "tests", "node_modules"), join(reactDir, "node_modules"), "dir");
    const [npx, tool, ...args] = runReact.command.split(" ");
    assert.equal(`${npx} ${tool}`, "npx esbuild");
    const esbuild = join(reactDir, "node_modules", "esbuild-wasm", "bin", "esbuild");
    execFileSync(process.execPath, [esbuild, ...args], { cwd: reactDir, stdio: "pipe" });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `check(host)` with a new API (a new database) allowing a free port's origin, and the host's back-end of `dir` on that port. */
  async function withHost(dir, check, { allowed = true } = {}) {
    const port = await freePort();
    process.env.ETALASE_DEMO_ORIGINS = `http://localhost:${allowed ? port : await freePort()}`;
    try {
      server = await startServer();
    } finally {
      delete process.env.ETALASE_DEMO_ORIGINS;
    }
    let host;
    try {
      host = await startHost(runHost, dir, port, server.url);
      await check(host);
    } finally {
      await host?.stop();
      await server.stop();
    }
  }

  test("the guide's commands start what this test starts", () => {
    assert.deepEqual(plainFiles.map((block) => block.attrs.file).sort(), ["host.css", "host.js", "index.html", "server.mjs"]);
    assert.deepEqual(reactFiles.map((block) => block.attrs.file).sort(), ["app.jsx", "index.html"]);
    assert.equal(runApi.command, "cargo xtask demo");
    const defaultPort = plainFiles.find((block) => block.attrs.file === "server.mjs").code.match(/PORT \?\? (\d+)/)[1];
    assert.deepEqual(runApi.env, { ETALASE_DEMO_ORIGINS: `http://localhost:${defaultPort}` },
      "the API allows the origin the host's back-end serves by default");
    assert.equal(runHost.command, "node server.mjs");
    assert.deepEqual(Object.keys(runHost.env).sort(), ["ETALASE_API", "ETALASE_HOST_KEY", "ETALASE_PKG"],
      "the test sets the variables the guide sets (and PORT, for a free port)");
    assert.equal(runHost.env.ETALASE_HOST_KEY, "demo-host-key", "the demo host's default key");
    assert.match(runReact.command, /--outfile=host\.js$/, "the bundle is the page's host.js");
  });

  /** Opens `hostUrl`, checks its policy, reaches the first card and a cart line; resolves to the page. */
  async function firstCardAndCartLine(hostUrl, shot) {
    const apiOrigin = new URL(server.url).origin;
    assert.notEqual(new URL(hostUrl).origin, apiOrigin);

    const page = await phonePage(browser, { locale: "en-US" });
    await watchCsp(page);
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
    const keyed = [];
    const apiRequests = [];
    page.on("request", (request) => {
      if (Object.values(request.headers()).some((value) => value.includes(DEMO_HOST_KEY))) keyed.push(request.url());
      if (request.url().startsWith(apiOrigin)) apiRequests.push(request.url());
    });

    const response = await page.goto(hostUrl);
    assert.equal(response.status(), 200);

    // The page runs under the policy the guide documents (its API stood in for).
    const policy = directives(response.headers()["content-security-policy"] ?? "");
    const cspBlock = blocks.find((block) => block.heading === "Content-Security-Policy");
    const documented = directives(cspBlock.code.split("\n").map((line) => line.replace(/#.*/, "")).join(" ")
      .replaceAll(GUIDE_API, apiOrigin));
    assert.ok(Object.keys(documented).length >= 5, "the guide's policy was read");
    for (const [name, sources] of Object.entries(documented)) {
      assert.deepEqual(policy[name], sources, `the page's ${name} is the guide's`);
    }

    const card = page.locator('[data-testid="product-card"]').first();
    await card.waitFor({ timeout: 20_000 }).catch((error) => {
      throw new Error(`no product card: ${error.message}\n${problems.join("\n")}`);
    });
    assert.ok(apiRequests.length > 0, "the widget called the API on its own origin");
    await card.tap();
    const sheet = page.locator('[data-testid="product-sheet"]');
    await sheet.locator('[data-testid="add-to-cart"]:not([disabled])').tap();
    await until("the badge to say 1", async () =>
      (await page.locator('[data-testid="cart-badge"]').textContent()) === "1");
    await page.locator('[data-testid="sheet-close"]').tap();
    await sheet.waitFor({ state: "hidden" });
    await page.locator('[data-testid="cart-button"]').tap();
    const line = page.locator('[data-testid="cart-sheet"] [data-testid="cart-line"]');
    await line.first().waitFor();
    assert.equal(await line.count(), 1, "one line in the cart");
    await page.screenshot({ path: artifact(shot) });

    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], "no CSP violation");
    assert.deepEqual(problems, [], "no page error and no console error");
    assert.deepEqual(keyed, [], "no request of the page carries the host's key");
    return page;
  }

  /** The number of lines in the cart of the back-end's viewer, on the server. */
  async function viewerLines() {
    const cart = await apiGet(server.url, await mintToken(server.url, "viewer-1"), "/v1/cart");
    return cart.shops.flatMap((shop) => shop.items).length;
  }

  test("a plain page on another origin shows the first card and puts a line in the cart, under the guide's policy", async () => {
    await withHost(plainDir, async (host) => {
      const page = await firstCardAndCartLine(host.url, "quickstart-cart.png");
      assert.equal(await viewerLines(), 1, "viewer-1's cart holds the line");
      await page.context().close();
    });
  });

  test("a page on an origin the API does not list is told so, never that it is offline", async () => {
    await withHost(plainDir, async (host) => {
      const page = await phonePage(browser, { locale: "en-US" });
      await page.addInitScript(() => {
        window.etalaseErrors = [];
        document.addEventListener("etalase:error", (event) => window.etalaseErrors.push(event.detail));
      });
      await page.goto(host.url);
      const notice = page.locator('[data-testid="error"]');
      await notice.waitFor({ timeout: 20_000 });
      assert.match(await notice.textContent(), /Toko belum bisa dibuka di halaman ini|The shop can't open on this page yet/);
      assert.equal(await page.locator('[data-testid="retry"]').count(), 0, "retrying cannot help: the host must register the origin");
      await until("the host's error event", async () => (await page.evaluate(() => window.etalaseErrors.length)) > 0);
      const [error] = await page.evaluate(() => window.etalaseErrors);
      assert.equal(error.code, "origin_refused");
      assert.ok(error.message.includes(new URL(host.url).origin), `the message names the page's origin: ${error.message}`);
      assert.match(error.message, /add-host|ETALASE_DEMO_ORIGINS/, "and says how to register it");
      await page.screenshot({ path: artifact("quickstart-origin-refused.png") });
      await page.context().close();
    }, { allowed: false });
  });

  test("the React page does the same, and its own count follows the cart", async () => {
    await withHost(reactDir, async (host) => {
      const page = await firstCardAndCartLine(host.url, "quickstart-react-cart.png");
      assert.equal(await viewerLines(), 1, "viewer-1's cart holds the line");
      // Host content outside the widget: the React page's own count, from `cart_changed`.
      await until("the React count", async () => (await page.locator("p.count").textContent()) === "1 in your cart");
      await page.context().close();
    });
  });
});
