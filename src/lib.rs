//! Etalase: an in-app checkout widget for video and live-streaming apps.
//!
//! This file is the JavaScript surface only: [`mount`], [`preload`],
//! [`WidgetHandle`] and the TypeScript types of the config and the events
//! (a `typescript_custom_section`, so `etalase.d.ts` is generated whole).
//! The rest lives in modules: [`embed`] (config, Shadow DOM mount, host
//! events), [`app`] and [`view`] (the first part: the showcase's cards,
//! drawn with the DOM), [`parts`] (the later parts, drawn with Yew),
//! [`state`] (pure reducers), [`api`] (the typed client), [`hooks`],
//! [`components`] and [`i18n`].

pub mod api;
pub mod app;
pub mod components;
pub mod embed;
pub mod hooks;
pub mod i18n;
pub mod parts;
pub mod state;
pub mod view;

use wasm_bindgen::prelude::*;

/// The heap allocator in the wasm: Talc, smaller and faster there than the
/// standard library's dlmalloc (decision 0008).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r##"
/** The host's colours. */
export interface EtalaseTheme {
  /** The accent, a hex colour: "#fe2c55", "#f25", "#fe2c55cc". */
  accent?: string;
  /** Dark surfaces (the default, for a widget over video) or light ones. */
  dark?: boolean;
}

/** The second argument of `mount` and the argument of `preload`. */
export interface EtalaseConfig {
  /** The marketplace API root, absolute http(s), e.g. "https://api.marketplace.example". */
  apiBase: string;
  /** The stream whose showcase to show. */
  streamId: string;
  /** The shopper's (or, in creator mode, the creator's) short-lived token, minted by the host back-end. */
  token?: string | null;
  /**
   * The host's publishable key ("etp_" and 64 lower-case hex digits): without a token, the widget shows cards, sheets and live
   * pins with it, and asks for a token (`auth_required`) at the shopper's first action that needs one.
   */
  publishableKey?: string | null;
  /** "id-ID" (default) or "en-US". */
  locale?: EtalaseLocale;
  /** "shopper" (default): cards and checkout over the video; "creator": the stream's showcase, pin and sales. */
  mode?: "shopper" | "creator";
  /** The host's colours. */
  theme?: EtalaseTheme;
  /** Called with every event; each is also dispatched as CustomEvent "etalase:<name>". */
  onEvent?: (event: EtalaseEvent) => void;
}

/** The languages the widget speaks. */
export type EtalaseLocale = "id-ID" | "en-US";

/** Each event's `detail`, by name. Amounts are integer rupiah. */
export interface EtalaseEventMap {
  /** The first product cards are on screen (once per mount). */
  ready: { streamId: string; productCount: number };
  /** A product's sheet shows its product, once per opening (a product the API does not know is an `error` instead). */
  product_viewed: { productId: string };
  /** The cart's unit count became known, or changed. */
  cart_changed: { count: number };
  /** The shopper went from the cart (or "Buy now") to checkout. */
  checkout_started: { itemCount: number; shopCount: number };
  /** The server placed the order: one order per shop. */
  order_placed: { checkoutId: string; orderIds: string[]; total: number };
  /** A payment waits for the shopper; `deeplink` is an e-wallet's link, else null. */
  payment_pending: {
    checkoutId: string;
    paymentId: string;
    method: "virtual_account" | "qris" | "ewallet" | "cod" | "card";
    amount: number;
    expiresAt: string;
    deeplink: string | null;
  };
  /** The shopper tapped "Open <wallet>": open the link. */
  open_wallet: { deeplink: string };
  /** The payment arrived. */
  payment_completed: { checkoutId: string; paymentId: string; amount: number };
  /** A sheet went down. */
  closed: { sheet: "product" | "cart" | "checkout" | "orders" };
  /**
   * A shopper's token is needed: answer with `setToken`. "token_expired" or "unauthenticated": the
   * API refused the token (or there was none); "publishable_key_forbidden": the viewer, browsing with
   * the publishable key, did something only a shopper can (add to cart, buy, claim a voucher, open
   * the cart), which goes on once the token comes.
   */
  auth_required: { code: "token_expired" | "unauthenticated" | "publishable_key_forbidden" };
  /**
   * The viewer tapped "Ingatkan saya" ("Remind me") on a stream that has not started: schedule
   * your own notification for `startsAt` (RFC 3339 UTC).
   */
  remind_me: { streamId: string; startsAt: string };
  /**
   * The viewer tapped one of "Juga di video lain" ("Also in other videos") in a product's sheet:
   * play the video or replay `streamId` from `second` (the product's first second in it), then
   * call `setStream` and `setPlayback` as for any video.
   */
  video_requested: { streamId: string; second: number };
  /**
   * A load failed (`code` the API's error code, or "network"), the API
   * refuses this page's origin ("origin_refused": register it for your
   * host, or the publishable key is another host's; the message names the
   * origin), the API refuses the publishable key ("publishable_key_revoked":
   * mint a new one; "publishable_key_unknown": the API does not know it,
   * check it was copied whole), a part of the widget could not be fetched
   * ("part_unavailable": the widget shows a retry), or the widget panicked
   * ("panic": show a fallback).
   */
  error: {
    code:
      | "part_unavailable"
      | "panic"
      | "network"
      | "origin_refused"
      | "publishable_key_revoked"
      | "publishable_key_unknown"
      | (string & {});
    message: string;
  };
}

/** An event's name. */
export type EtalaseEventName = keyof EtalaseEventMap;

/** What `onEvent` and the native bridges receive. */
export type EtalaseEvent = {
  [Name in EtalaseEventName]: { name: Name; detail: EtalaseEventMap[Name] };
}[EtalaseEventName];

/**
 * The widget's DOM events by type, "etalase:<name>": each a `CustomEvent` whose `detail` is the
 * event's. They bubble and cross the shadow boundary, from the mount element up through its
 * ancestors to `document` and `window`, so `addEventListener` is typed on each of them.
 */
export type EtalaseDomEventMap = {
  [Name in EtalaseEventName as `etalase:${Name}`]: CustomEvent<EtalaseEventMap[Name]>;
};

declare global {
  /** The widget's DOM events on its mount element (any `Element`) and the elements around it. */
  interface ElementEventMap extends EtalaseDomEventMap {}
  /** The widget's DOM events, bubbled up to `document`. */
  interface DocumentEventMap extends EtalaseDomEventMap {}
  /** The widget's DOM events, bubbled up to `window`. */
  interface WindowEventMap extends EtalaseDomEventMap {}
}
"##;

/// Mounts the widget in `target` (an Element or a CSS selector) with
/// `config`. Throws an `Error` naming the field when the config is bad, or
/// saying why the target cannot be used.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EtalaseConfig")] config: JsValue,
) -> Result<WidgetHandle, JsError> {
    embed::mount(&target, &config)
        .map(|mounted| WidgetHandle {
            mounted: Some(mounted),
        })
        .map_err(|error| JsError::new(&error.to_string()))
}

/// Does ahead of `mount(…, config)` what can be done before the viewer
/// taps: asks for the stream's showcase (the mount takes the answer if it
/// comes within a minute) and parses the stylesheet. Throws as `mount` does
/// on a bad config. The package's `preload` also fetches and compiles the
/// wasm first; this is the part that runs once it has.
#[wasm_bindgen]
pub fn preload(
    #[wasm_bindgen(unchecked_param_type = "EtalaseConfig")] config: JsValue,
) -> Result<(), JsError> {
    embed::preload(&config).map_err(|error| JsError::new(&error.to_string()))
}

/// A mounted widget, as the host holds it.
///
/// Only [`WidgetHandle::destroy`] unmounts. Dropping the handle (or the JS
/// garbage collector freeing it) leaves the widget on the page, so a host
/// that forgets the handle never loses the widget under the viewer.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WidgetHandle {
    mounted: Option<embed::Mounted>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Opens the sheet of `options.productId`. Throws when it is missing or
    /// not a non-empty string, saying what it got.
    pub fn open(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ productId: string }")] options: JsValue,
    ) -> Result<(), JsError> {
        let id = js_sys::Reflect::get(&options, &"productId".into()).unwrap_or_default();
        let Some(product_id) = id.as_string().filter(|id| !id.trim().is_empty()) else {
            // `productId 42`: the field's value, or what came instead of an object.
            let (field, got) = match options.is_object() {
                true => ("productId ", &id),
                false => ("", &options),
            };
            return Err(refused(
                "etalase: open() needs { productId: string }",
                &[field, &embed::describe(got)].concat(),
            ));
        };
        self.send(embed::controls::Command::Open(product_id));
        Ok(())
    }

    /// Opens the cart.
    #[wasm_bindgen(js_name = openCart)]
    pub fn open_cart(&self) {
        self.send(embed::controls::Command::OpenCart);
    }

    /// Closes the sheet that is up. Returns whether one was: a host's back
    /// button closes the widget's sheet first and navigates only on `false`.
    pub fn close(&self) -> bool {
        self.mounted
            .as_ref()
            .is_some_and(|mounted| mounted.controls().close())
    }

    /// Uses `token` for every request from now on (after `auth_required`,
    /// say); the cart is fetched again with it, and what waited for a
    /// token goes on. A blank token, `null` or `undefined` means no shopper
    /// (the publishable key, if given, reads on). Throws on anything else,
    /// naming it: a number, or an object such as the session the host's
    /// back-end answered (whose `.token` it hints at).
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] token: JsValue,
    ) -> Result<(), JsError> {
        use embed::config::{optional_text, ConfigError, RawValue};
        // As `config.token`: trimmed, blank for no shopper.
        let token =
            optional_text(RawValue::given(&token), ConfigError::TokenInvalid).map_err(|_| {
                // The quickstart's `{ token, apiBase }`, say, passed whole.
                let session = js_sys::Reflect::get(&token, &"token".into())
                    .is_ok_and(|field| field.as_string().is_some());
                let hint = if session { ": pass its .token" } else { "" };
                refused(
                    "etalase: setToken() needs a token string, or null to sign out",
                    &[embed::describe(&token).as_str(), hint].concat(),
                )
            })?;
        if let Some(mounted) = &mut self.mounted {
            // Kept in the config too, for an app that has not started yet.
            let kept = token.clone();
            mounted.reconfigure(|config| config.token = kept);
        }
        self.send(embed::controls::Command::SetToken(token));
        Ok(())
    }

    /// Shows `streamId`'s showcase and follows its live feed; the cart,
    /// any open sheet and a checkout stay, and the playback second is
    /// forgotten until `setPlayback` gives the new one. Throws when it is not a
    /// non-empty string, saying what it got.
    #[wasm_bindgen(js_name = setStream)]
    pub fn set_stream(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] stream_id: JsValue,
    ) -> Result<(), JsError> {
        let stream_id =
            embed::config::stream_id(embed::config::RawValue::of(&stream_id)).map_err(|error| {
                refused(&error.in_method("setStream"), &embed::describe(&stream_id))
            })?;
        if let Some(mounted) = &mut self.mounted {
            // Another video: where the last one was says nothing of it.
            mounted.controls().forget_playback();
            mounted.reconfigure(|config| config.stream_id = stream_id);
        }
        Ok(())
    }

    /// Speaks `locale` ("id-ID" or "en-US", in any case: "en-us" too) from
    /// now on. Throws on any other, saying what it got.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EtalaseLocale")] locale: JsValue,
    ) -> Result<(), JsError> {
        let locale = embed::config::locale(embed::config::RawValue::of(&locale))
            .map_err(|error| refused(&error.in_method("setLocale"), &embed::describe(&locale)))?;
        if let Some(mounted) = &mut self.mounted {
            mounted.reconfigure(|config| config.locale = locale);
        }
        Ok(())
    }

    /// Repaints the widget with `theme` (`{ accent, dark }`, as in the
    /// config; fields left out take their defaults). Throws naming a bad field
    /// (or saying what came instead of an object) and warns in the console
    /// about an unknown one, as `mount` does.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EtalaseTheme")] theme: JsValue,
    ) -> Result<(), JsError> {
        let theme = embed::read_theme(&theme).map_err(|error| {
            let message = error.in_method("setTheme");
            match error {
                // Not an object: what came instead.
                embed::config::ConfigError::ThemeInvalid => {
                    refused(&message, &embed::describe(&theme))
                }
                _ => JsError::new(&message),
            }
        })?;
        if let Some(mounted) = &mut self.mounted {
            mounted
                .set_theme(theme)
                .map_err(|error| JsError::new(&error.to_string()))?;
        }
        Ok(())
    }

    /// The host's video is at `seconds` from its start (a fraction is
    /// fine): the card of the product tagged at that second leads the strip,
    /// and a product opened now records the second on its cart line. Cheap
    /// enough to call on every `timeupdate`, seek and pause. Throws when
    /// `seconds` is not a finite number, 0 or more, saying what it got.
    #[wasm_bindgen(js_name = setPlayback)]
    pub fn set_playback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] seconds: JsValue,
    ) -> Result<(), JsError> {
        // A number only: "12", null or true are refused, not converted.
        let Some(second) = seconds.as_f64().filter(|s| s.is_finite() && *s >= 0.0) else {
            return Err(refused(
                "etalase: setPlayback() needs a number of seconds, 0 or more",
                &embed::describe(&seconds),
            ));
        };
        if let Some(mounted) = &self.mounted {
            // Whole seconds, as tags name them (a second past a video's end
            // is followed, but no cart line records it).
            mounted.controls().set_playback(second as u32);
        }
        Ok(())
    }

    /// Unmounts the widget: the app, its DOM and its listeners go. Calling
    /// it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.unmount();
        }
    }
}

/// A handle method's error: `message`, then what the host passed, `got`
/// (as [`embed::describe`] writes it): `…; got 42`.
fn refused(message: &str, got: &str) -> JsError {
    JsError::new(&[message, "; got ", got].concat())
}

impl WidgetHandle {
    /// Passes `command` to the app, if the widget is still mounted.
    fn send(&self, command: embed::controls::Command) {
        if let Some(mounted) = &self.mounted {
            mounted.controls().send(command);
        }
    }
}
