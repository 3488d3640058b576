// An example host written in TypeScript against the package's declarations.
// `cargo xtask test` compiles it with `tsc --noEmit --strict`, without
// `skipLibCheck`, under `lib: ["ES2022", "DOM"]` (tsconfig.json) and under
// `lib: ["ESNext", "DOM"]` with `using.ts` (tsconfig.esnext.json): the
// config, the handle and every event's payload must type-check as the
// embedding guide shows them, and each `@ts-expect-error` line must really
// be an error.
import init, { mount, preload, type EtalaseConfig, type EtalaseEvent, type WidgetHandle } from "etalase";

declare function tokenFromBackEnd(): Promise<string>;
declare function openDeeplink(url: string): void;

const config: EtalaseConfig = {
  apiBase: "https://api.marketplace.example",
  token: await tokenFromBackEnd(),
  streamId: "live-123",
  locale: "id-ID",
  theme: { accent: "#fe2c55", dark: true },
  onEvent: (event: EtalaseEvent) => {
    switch (event.name) {
      case "ready":
        console.log(event.detail.streamId, event.detail.productCount.toFixed(0));
        break;
      case "cart_changed":
        badge(event.detail.count);
        break;
      case "order_placed":
        console.log(event.detail.checkoutId, event.detail.orderIds.join(","), event.detail.total + 1);
        break;
      case "payment_pending":
        if (event.detail.deeplink !== null) console.log(event.detail.deeplink.length, event.detail.method);
        break;
      case "open_wallet":
        openDeeplink(event.detail.deeplink);
        break;
      case "closed":
        console.log(event.detail.sheet === "cart");
        break;
      case "auth_required":
        void tokenFromBackEnd().then((token) => widget.setToken(token));
        break;
      case "error":
        switch (event.detail.code) {
          case "origin_refused":
          case "publishable_key_revoked":
          case "publishable_key_unknown":
            console.error(event.detail.message); // the host's set-up to fix
            break;
          default:
            console.warn(event.detail.code, event.detail.message);
        }
        break;
      default:
        console.log(event.name, event.detail);
    }
  },
};

function badge(count: number): void {
  document.title = String(count);
}

await init();
await preload(config);
const widget: WidgetHandle = mount("#shop", config);
const element = document.querySelector("#shop");
if (element) {
  mount(element, { apiBase: config.apiBase, streamId: "live-456" }).destroy();
  element.addEventListener("etalase:payment_completed", (event) => {
    console.log(event.detail.paymentId, event.detail.amount.toFixed(0));
  });
  element.addEventListener("etalase:checkout_started", (event) => {
    console.log(event.detail.itemCount + event.detail.shopCount);
  });
}

// The events bubble to `document` and `window`, typed there too.
document.addEventListener("etalase:auth_required", (event) => {
  if (event.detail.code === "publishable_key_forbidden") void tokenFromBackEnd();
});
document.addEventListener("etalase:video_requested", (event) => {
  console.log(event.detail.streamId, event.detail.second.toFixed(0));
});
window.addEventListener("etalase:remind_me", (event) => {
  console.log(event.detail.streamId, Date.parse(event.detail.startsAt));
});
document.addEventListener("etalase:error", (event) => console.warn(event.detail.code));

widget.open({ productId: "prd-1" });
widget.openCart();
const closed: boolean = widget.close();
widget.setToken(null);
widget.setStream("live-456");
const player = document.querySelector("video");
player?.addEventListener("timeupdate", () => widget.setPlayback(player.currentTime));
widget.setLocale("en-US");
widget.setTheme({ dark: false });
widget.destroy();
console.log(closed);

// @ts-expect-error: only "id-ID" and "en-US"
widget.setLocale("fr-FR");
// @ts-expect-error: streamId is required
mount("#shop", { apiBase: config.apiBase });
// @ts-expect-error: open() takes { productId }
widget.open("prd-1");
// @ts-expect-error: setPlayback() takes seconds as a number
widget.setPlayback("12");
element?.addEventListener("etalase:cart_changed", (event) => {
  // @ts-expect-error: cart_changed carries a count, not a total
  console.log(event.detail.total);
});
document.addEventListener("etalase:video_requested", (event) => {
  // @ts-expect-error: video_requested carries a second, not a product
  console.log(event.detail.productId);
});
window.addEventListener("etalase:remind_me", (event) => {
  // @ts-expect-error: startsAt is RFC 3339 text, not a number
  console.log(event.detail.startsAt.toFixed(0));
});
const wrong: EtalaseConfig["onEvent"] = (event) => {
  // @ts-expect-error: ready's detail has no count
  if (event.name === "ready") console.log(event.detail.count);
};
console.log(wrong);
