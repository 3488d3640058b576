// Types of the package's entry point (index.js): the generated module's
// types (its `init`, `initSync` and `mount` keep their signatures), and
// `preload`, which also loads the wasm.
import type { EtalaseConfig } from "./etalase.js";

declare global {
  // The handle's `[Symbol.dispose]()` (so `using widget = mount(…)` works)
  // names `Symbol.dispose`, which TypeScript's own declarations have only
  // under `lib: ["ESNext"]` (esnext.disposable). Declared here the same way
  // they declare it, it merges with theirs under ESNext, and a host on
  // `lib: ["ES2022", "DOM"]` type-checks without `skipLibCheck`.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

export * from "./etalase.js";
export { default } from "./etalase.js";

/**
 * Fetches and compiles the wasm (once), then asks for the stream's showcase
 * and parses the stylesheet, so a `mount` with the same config shows its
 * cards at once. Rejects with an Error naming the field when the config is bad.
 */
export function preload(config: EtalaseConfig): Promise<void>;
