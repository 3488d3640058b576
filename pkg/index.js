// The package's entry point: everything the generated module exports, with
// `init`, `initSync` and `mount` wrapped so a mount before the wasm is
// started says so, and a handle's `free()` and `[Symbol.dispose]` remove
// the widget as `destroy()` does; plus a `preload` that fetches and
// compiles the wasm first. Written by hand; the generated files beside it
// come from `cargo xtask build`.
import start, { initSync as startSync, mount as mountWidget, preload as warm } from "./etalase.js";

export * from "./etalase.js";

let loading = null;
let started = false;

/** Fetches, compiles and starts the widget's wasm; await it (or `preload`) before `mount`. */
export default function init(options) {
  return start(options).then((exports) => {
    started = true;
    return exports;
  });
}

/** Starts the widget from a wasm module or its bytes, at once. */
export function initSync(options) {
  const exports = startSync(options);
  started = true;
  return exports;
}

/**
 * Mounts the widget on `target`. Throws, naming what to call first, when
 * the wasm is not started. The handle's `free()` and `[Symbol.dispose]`
 * (which `using` calls) destroy the widget, so no handle can orphan it.
 */
export function mount(target, config) {
  if (!started) {
    throw new Error("etalase: the widget is not loaded yet: await init() (the package's default export) or preload(config) before mount()");
  }
  const handle = mountWidget(target, config);
  const destroy = () => handle.destroy();
  Object.defineProperty(handle, "free", { value: destroy });
  if (typeof Symbol.dispose === "symbol") Object.defineProperty(handle, Symbol.dispose, { value: destroy });
  return handle;
}

/**
 * Fetches and compiles the widget's wasm (once, however often it is called;
 * again after a failure), then asks for the stream's showcase and parses the
 * stylesheet, so a `mount` with the same config shows its cards at once.
 * Rejects with an Error naming the field when the config is bad.
 */
export function preload(config) {
  loading ??= init().catch((error) => {
    loading = null;
    throw error;
  });
  return loading.then(() => warm(config));
}
