// Compiled under `lib: ["ESNext", "DOM"]` only (tsconfig.esnext.json), where
// `using` is declared: the handle is `Disposable`, so a widget mounted with
// `using` is destroyed at the end of its block.
import init, { mount, type WidgetHandle } from "etalase";

await init();
{
  using widget: WidgetHandle = mount("#shop", { apiBase: "https://api.marketplace.example", streamId: "live-123" });
  widget.openCart();
}
const disposable: Disposable = mount("#shop", { apiBase: "https://api.marketplace.example", streamId: "live-456" });
disposable[Symbol.dispose]();
