//! Events the widget reports to its host.
//!
//! Each [`WidgetEvent`] is dispatched as a DOM `CustomEvent` named
//! `etalase:<name>` on the mount target (bubbling and composed), and passed to
//! the host's `onEvent({ name, detail })` when one was given. A host callback
//! that throws is logged and never breaks the widget.

use js_sys::{Function, Object, Reflect};
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
    /// The shopper opened a product's sheet.
    ProductViewed {
        /// The product shown.
        product_id: String,
    },
    /// The cart's unit count became known, or changed.
    CartChanged {
        /// Units in the cart, as the badge shows.
        count: u32,
    },
    /// The API refused the token (missing or expired): the host should
    /// answer with `setToken`.
    AuthRequired {
        /// The API's code: `token_expired` or `unauthenticated`.
        code: &'static str,
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
            WidgetEvent::AuthRequired { .. } => "auth_required",
            WidgetEvent::Error { .. } => "error",
        }
    }

    /// The DOM event type: the name prefixed with `etalase:`.
    pub fn dom_type(&self) -> &'static str {
        match self {
            WidgetEvent::Ready { .. } => "etalase:ready",
            WidgetEvent::ProductViewed { .. } => "etalase:product_viewed",
            WidgetEvent::CartChanged { .. } => "etalase:cart_changed",
            WidgetEvent::AuthRequired { .. } => "etalase:auth_required",
            WidgetEvent::Error { .. } => "etalase:error",
        }
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
            WidgetEvent::AuthRequired { code } => object(&[("code", (*code).into())]),
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

    /// Dispatches `event` to the DOM, then to `onEvent`.
    pub fn emit(&self, event: &WidgetEvent) {
        let detail = JsValue::from(event.detail());
        let init = CustomEventInit::new();
        init.set_detail(&detail);
        init.set_bubbles(true);
        init.set_composed(true);
        match CustomEvent::new_with_event_init_dict(event.dom_type(), &init) {
            Ok(dom_event) => {
                // Host listeners that throw are reported by the browser itself.
                let _ = self.target.dispatch_event(&dom_event);
            }
            Err(error) => {
                web_sys::console::error_2(&"etalase: could not create event".into(), &error)
            }
        }
        if let Some(on_event) = &self.on_event {
            let argument = object(&[("name", event.name().into()), ("detail", detail)]);
            if let Err(error) = on_event.call1(&JsValue::NULL, &argument) {
                web_sys::console::error_2(&"etalase: config.onEvent threw".into(), &error);
            }
        }
    }
}

/// A plain object holding `entries`.
pub(super) fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a fresh key on a plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
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
            WidgetEvent::AuthRequired {
                code: "token_expired",
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
                "auth_required",
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
