// The package's entry point: everything the generated module exports, plus a
// `preload` that fetches and compiles the wasm first. Written by hand; the
// generated files beside it come from `cargo xtask build`.
import init, { preload as warm } from "./etalase.js";

export * from "./etalase.js";
export { default } from "./etalase.js";

let loading = null;

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
