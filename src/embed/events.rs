//! Events the widget reports to its host.
//!
//! Each [`WidgetEvent`] is dispatched as a DOM `CustomEvent` named
//! `etalase:<name>` on the mount target (bubbling and composed), passed to
//! the host's `onEvent({ name, detail })` when one was given, and posted to
//! the native bridges a webview host exposes ([`super::bridge`]). A host
//! callback that throws is logged and never breaks the widget.

use js_sys::{Array, Function, Object, Reflect};

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Something the host may want to know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WidgetEvent {
    /// The first product cards (or the empty showcase) are on screen. Sent once per mount.
    Ready {
        /// The stream whose showcase is shown.
        stream_id: String,
        /// How many products the showcase holds.
        product_count: u32,
    },
    /// A product's sheet shows its product, once per opening.
    ProductViewed {
        /// The product shown.
        product_id: String,
    },
    /// The cart's unit count became known, or changed.
    CartChanged {
        /// Units in the cart, as the badge shows.
        count: u32,
    },
    /// The shopper went from the cart to checkout.
    CheckoutStarted {
        /// Units being bought.
        item_count: u32,
        /// Shops they come from.
        shop_count: u32,
    },
    /// The server placed the order: one order per shop under one checkout.
    OrderPlaced {
        /// The checkout.
        checkout_id: String,
        /// Its orders.
        order_ids: Vec<String>,
        /// The grand total, in rupiah.
        total: i64,
    },
    /// A payment waits for the shopper. For an e-wallet, `deeplink` is the
    /// link the host opens (a webview cannot open `gojek://` by itself).
    PaymentPending {
        /// The checkout.
        checkout_id: String,
        /// The payment.
        payment_id: String,
        /// `virtual_account`, `qris`, `ewallet`, `cod` or `card`.
        method: &'static str,
        /// The amount due, in rupiah.
        amount: i64,
        /// When it expires, RFC 3339 UTC.
        expires_at: String,
        /// The wallet app's link, for an e-wallet.
        deeplink: Option<String>,
    },
    /// The shopper tapped "Open <wallet>": the host opens `deeplink` (a
    /// webview cannot open `gojek://` by itself).
    OpenWallet {
        /// The wallet app's link.
        deeplink: String,
    },
    /// The payment arrived.
    PaymentCompleted {
        /// The checkout.
        checkout_id: String,
        /// The payment.
        payment_id: String,
        /// The amount paid, in rupiah.
        amount: i64,
    },
    /// A sheet went down (the shopper closed it, or the host's `close()`).
    Closed {
        /// Which: `product`, `cart`, `checkout` or `orders`.
        sheet: &'static str,
    },
    /// A shopper's token is needed: the API refused the token (missing or
    /// expired), or the shopper acted while browsing with the publishable
    /// key. The host should answer with `setToken`.
    AuthRequired {
        /// The API's code: `token_expired`, `unauthenticated` or
        /// `publishable_key_forbidden`.
        code: &'static str,
    },
    /// The viewer asked to be reminded when an upcoming stream starts: the
    /// host schedules its own notification.
    RemindMe {
        /// The stream.
        stream_id: String,
        /// When it starts, RFC 3339 UTC.
        starts_at: String,
    },
    /// The viewer tapped another video that features the open product:
    /// the host plays `stream_id` from `second`.
    VideoRequested {
        /// The video or replay.
        stream_id: String,
        /// The product's first second in it.
        second: u32,
    },
    /// A load failed, or the widget panicked.
    Error {
        /// A stable snake_case code, e.g. `not_found`, `network` or `panic`.
        code: &'static str,
        /// A sentence for the developer; not localised.
        message: String,
    },
}

impl WidgetEvent {
    /// The event's name, as `onEvent` receives it.
    pub fn name(&self) -> &'static str {
        match self {
            WidgetEvent::Ready { .. } => "ready",
            WidgetEvent::ProductViewed { .. } => "product_viewed",
            WidgetEvent::CartChanged { .. } => "cart_changed",
            WidgetEvent::CheckoutStarted { .. } => "checkout_started",
            WidgetEvent::OrderPlaced { .. } => "order_placed",
            WidgetEvent::PaymentPending { .. } => "payment_pending",
            WidgetEvent::OpenWallet { .. } => "open_wallet",
            WidgetEvent::PaymentCompleted { .. } => "payment_completed",
            WidgetEvent::Closed { .. } => "closed",
            WidgetEvent::AuthRequired { .. } => "auth_required",
            WidgetEvent::RemindMe { .. } => "remind_me",
            WidgetEvent::VideoRequested { .. } => "video_requested",
            WidgetEvent::Error { .. } => "error",
        }
    }

    /// The DOM event type: the name prefixed with `etalase:`.
    pub fn dom_type(&self) -> String {
        ["etalase:", self.name()].concat()
    }

    /// The `detail` object, with camelCase keys.
    fn detail(&self) -> Object {
        match self {
            WidgetEvent::Ready {
                stream_id,
                product_count,
            } => object(&[
                ("streamId", stream_id.into()),
                ("productCount", (*product_count).into()),
            ]),
            WidgetEvent::ProductViewed { product_id } => {
                object(&[("productId", product_id.into())])
            }
            WidgetEvent::CartChanged { count } => object(&[("count", (*count).into())]),
            WidgetEvent::CheckoutStarted {
                item_count,
                shop_count,
            } => object(&[
                ("itemCount", (*item_count).into()),
                ("shopCount", (*shop_count).into()),
            ]),
            WidgetEvent::OrderPlaced {
                checkout_id,
                order_ids,
                total,
            } => object(&[
                ("checkoutId", checkout_id.into()),
                ("orderIds", strings(order_ids).into()),
                ("total", amount(*total)),
            ]),
            WidgetEvent::PaymentPending {
                checkout_id,
                payment_id,
                method,
                amount: due,
                expires_at,
                deeplink,
            } => object(&[
                ("checkoutId", checkout_id.into()),
                ("paymentId", payment_id.into()),
                ("method", (*method).into()),
                ("amount", amount(*due)),
                ("expiresAt", expires_at.into()),
                (
                    "deeplink",
                    deeplink.as_deref().map_or(JsValue::NULL, JsValue::from_str),
                ),
            ]),
            WidgetEvent::OpenWallet { deeplink } => object(&[("deeplink", deeplink.into())]),
            WidgetEvent::PaymentCompleted {
                checkout_id,
                payment_id,
                amount: paid,
            } => object(&[
                ("checkoutId", checkout_id.into()),
                ("paymentId", payment_id.into()),
                ("amount", amount(*paid)),
            ]),
            WidgetEvent::Closed { sheet } => object(&[("sheet", (*sheet).into())]),
            WidgetEvent::AuthRequired { code } => object(&[("code", (*code).into())]),
            WidgetEvent::RemindMe {
                stream_id,
                starts_at,
            } => object(&[
                ("streamId", stream_id.into()),
                ("startsAt", starts_at.into()),
            ]),
            WidgetEvent::VideoRequested { stream_id, second } => {
                object(&[("streamId", stream_id.into()), ("second", (*second).into())])
            }
            WidgetEvent::Error { code, message } => {
                object(&[("code", (*code).into()), ("message", message.into())])
            }
        }
    }
}

/// Sends events to one host: its mount target and its `onEvent` callback.
#[derive(Debug, Clone)]
pub struct Emitter {
    target: Element,
    on_event: Option<Function>,
}

impl Emitter {
    /// An emitter dispatching on `target` and calling `on_event` when given.
    pub fn new(target: Element, on_event: Option<Function>) -> Self {
        Emitter { target, on_event }
    }

    /// Dispatches `event` to the DOM, then to `onEvent`, then to the
    /// native bridges.
    pub fn emit(&self, event: &WidgetEvent) {
        let detail = JsValue::from(event.detail());
        let init = CustomEventInit::new();
        init.set_detail(&detail);
        init.set_bubbles(true);
        init.set_composed(true);
        match CustomEvent::new_with_event_init_dict(&event.dom_type(), &init) {
            Ok(dom_event) => {
                // Host listeners that throw are reported by the browser itself.
                let _ = self.target.dispatch_event(&dom_event);
            }
            Err(error) => {
                web_sys::console::error_2(&"etalase: could not create event".into(), &error)
            }
        }
        let message = object(&[("name", event.name().into()), ("detail", detail)]);
        if let Some(on_event) = &self.on_event {
            if let Err(error) = on_event.call1(&JsValue::NULL, &message) {
                web_sys::console::error_2(&"etalase: config.onEvent threw".into(), &error);
            }
        }
        super::bridge::post(&message);
    }
}

/// Rupiah as a JS number (exact below 2⁵³; never a BigInt).
fn amount(rupiah: i64) -> JsValue {
    JsValue::from_f64(rupiah as f64)
}

/// A plain object holding `entries`.
pub(crate) fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a fresh key on a plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// `values` as a JS array of strings.
pub(crate) fn strings(values: &[String]) -> Array {
    values
        .iter()
        .map(|value| JsValue::from_str(value))
        .collect()
}

/// Sends `auth_required` when `error` is the API refusing the token
/// (missing or expired), so the host can answer with `setToken`.
pub fn ask_for_token(error: &crate::api::ApiError, on_event: &yew::Callback<WidgetEvent>) {
    use etalase_contract::ErrorCode;
    if let Some(ErrorCode::TokenExpired | ErrorCode::Unauthenticated) = error.api_code() {
        on_event.emit(WidgetEvent::AuthRequired { code: error.code() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_types_are_names_with_the_prefix() {
        let events = [
            WidgetEvent::Ready {
                stream_id: "s".into(),
                product_count: 1,
            },
            WidgetEvent::ProductViewed {
                product_id: "p".into(),
            },
            WidgetEvent::CartChanged { count: 2 },
            WidgetEvent::Closed { sheet: "cart" },
            WidgetEvent::AuthRequired {
                code: "token_expired",
            },
            WidgetEvent::RemindMe {
                stream_id: "s".into(),
                starts_at: "2026-12-05T12:00:00Z".into(),
            },
            WidgetEvent::VideoRequested {
                stream_id: "s".into(),
                second: 100,
            },
            WidgetEvent::Error {
                code: "network",
                message: "m".into(),
            },
        ];
        let names: Vec<_> = events.iter().map(WidgetEvent::name).collect();
        assert_eq!(
            names,
            [
                "ready",
                "product_viewed",
                "cart_changed",
                "closed",
                "auth_required",
                "remind_me",
                "video_requested",
                "error"
            ]
        );
        for event in &events {
            assert_eq!(
                event.dom_type().strip_prefix("etalase:"),
                Some(event.name())
            );
        }
    }
}
