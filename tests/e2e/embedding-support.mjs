// Shared by the embedding tests: a scratch host site (pages, CSS and the
// host's script, no inline script so the server's strict CSP applies as
// is), a CSP violation recorder, polling, and the documented event payloads.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Each event's documented `detail` (docs/embedding.md): field → type. */
export const EVENT_SCHEMA = {
  ready: { streamId: "string", productCount: "number" },
  product_viewed: { productId: "string" },
  cart_changed: { count: "number" },
  checkout_started: { itemCount: "number", shopCount: "number" },
  order_placed: { checkoutId: "string", orderIds: "string[]", total: "number" },
  payment_pending: {
    checkoutId: "string", paymentId: "string", method: "string", amount: "number",
    expiresAt: "string", deeplink: "string|null",
  },
  open_wallet: { deeplink: "string" },
  payment_completed: { checkoutId: "string", paymentId: "string", amount: "number" },
  closed: { sheet: "string" },
  auth_required: { code: "string" },
  remind_me: { streamId: "string", startsAt: "string" },
  video_requested: { streamId: "string", second: "number" },
  error: { code: "string", message: "string" },
};

/** The type name `value` has in EVENT_SCHEMA's terms. */
function kind(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.every((item) => typeof item === "string") ? "string[]" : "array";
  return typeof value;
}

/** Asserts that `message` (`{ name, detail }`) has exactly its documented fields and types. */
export function checkPayload({ name, detail }) {
  const schema = EVENT_SCHEMA[name];
  assert.ok(schema, `${name} is a documented event`);
  assert.deepEqual(Object.keys(detail).sort(), Object.keys(schema).sort(), `${name}'s fields`);
  for (const [field, type] of Object.entries(schema)) {
    assert.ok(type.split("|").includes(kind(detail[field])), `${name}.${field} is ${type}, not ${kind(detail[field])}`);
  }
  for (const field of ["count", "productCount", "itemCount", "shopCount", "total", "amount"]) {
    if (field in detail) assert.ok(Number.isInteger(detail[field]) && detail[field] >= 0, `${name}.${field} is a whole number`);
  }
}

/** Polls `check` until it returns a truthy value or `ms` pass; resolves to that value. */
export async function until(what, check, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Records every CSP violation of `page` in `window.cspViolations`, from before any script runs. */
export async function watchCsp(page) {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
      true,
    );
  });
}

const PAGE = (title, css) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="stylesheet" href="/${css}">
  <script type="module" src="/host.js"></script>
</head>
<body>
  <div class="player" id="a"></div>
  <div class="player" id="b"></div>
  <div class="card sheet" id="probe">host content</div>
  <button type="button" id="host-button">host button</button>
</body>
</html>
`;

// Two players side by side; a host .card and .sheet of its own.
const HOST_CSS = `
body { margin: 0; display: flex; flex-wrap: wrap; }
.player { position: relative; width: 360px; height: 640px; background: #123; }
#b { background: #321; }
`;

// A host that wrecks everything it can reach, then lays out its players.
const HOSTILE_CSS = `
* { all: unset; }
button { display: none; }
#a { display: block; position: relative; width: 360px; height: 640px; background: #123; }
#b { display: none; }
`;

// The host's script: the package's entry, a session from the demo back-end,
// a mount that logs every event, and probes for timers and wasm memory.
const HOST_JS = `
import * as etalase from "/pkg/index.js";

const timers = new Set();
const { setTimeout: later, clearTimeout: cancel, setInterval: every, clearInterval: stop } = window;
window.setTimeout = (run, ms, ...args) => {
  const id = later((...a) => { timers.delete(id); typeof run === "function" && run(...a); }, ms, ...args);
  timers.add(id);
  return id;
};
window.clearTimeout = (id) => { timers.delete(id); cancel(id); };
window.setInterval = (run, ms, ...args) => { const id = every(run, ms, ...args); timers.add(id); return id; };
window.clearInterval = (id) => { timers.delete(id); stop(id); };

let exports = null;
const events = [];
const domEvents = [];
const NAMES = ["ready", "product_viewed", "cart_changed", "checkout_started", "order_placed",
  "payment_pending", "open_wallet", "payment_completed", "closed", "auth_required", "remind_me",
  "video_requested", "error"];
for (const name of NAMES) {
  document.addEventListener("etalase:" + name, (event) => domEvents.push({ on: "#" + event.target.id, name }));
}

window.etalase = etalase;
window.host = {
  events,
  domEvents: [],
  init: async () => { exports = await etalase.default(); },
  session: (user) => fetch("/demo/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user_id: user, role: "shopper" }),
  }).then((response) => response.json()),
  api: (token, path) => fetch(path, { headers: { authorization: "Bearer " + token } }).then((r) => r.json()),
  mount: (selector, config) => etalase.mount(selector, {
    ...config,
    onEvent: (event) => {
      events.push({ on: selector, ...event });
      window.host.domEvents.push({ on: domEvents.at(-1)?.on, of: selector, name: event.name });
    },
  }),
  pendingTimers: () => timers.size,
  wasmMemory: () => exports?.memory.buffer.byteLength ?? 0,
};
`;

/** Writes the scratch host site into a new temporary folder and returns its path. */
export function scratchSite() {
  const dir = mkdtempSync(join(tmpdir(), "etalase-embedding-"));
  writeFileSync(join(dir, "index.html"), PAGE("Scratch host", "host.css"));
  writeFileSync(join(dir, "hostile.html"), PAGE("Hostile host", "hostile.css"));
  writeFileSync(join(dir, "host.css"), HOST_CSS);
  writeFileSync(join(dir, "hostile.css"), HOSTILE_CSS);
  writeFileSync(join(dir, "host.js"), HOST_JS);
  return dir;
}
