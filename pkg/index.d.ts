// Types of the package's entry point (index.js): the generated module's
// types (its `init`, `initSync` and `mount` keep their signatures), and
// `preload`, which also loads the wasm.
import type { EtalaseConfig } from "./etalase.js";

export * from "./etalase.js";
export { default } from "./etalase.js";

/**
 * Fetches and compiles the wasm (once), then asks for the stream's showcase
 * and parses the stylesheet, so a `mount` with the same config shows its
 * cards at once. Rejects with an Error naming the field when the config is bad.
 */
export function preload(config: EtalaseConfig): Promise<void>;
