//! [`ApiClient::stream_events`]: `GET /v1/streams/{id}/events`, read as it
//! arrives.
//!
//! Server-Sent Events over `fetch` and the response's `ReadableStream`, not
//! `EventSource`: `EventSource` cannot send the `Authorization` header, and
//! the server takes the token only there (decision 0020), so no token ever
//! sits in a URL or a log. Each event's data, parsed by the browser, becomes
//! the contract's [`FeedEvent`] or [`SocialEvent`] by its `type`
//! ([`event`]), each field read by its type's [`FromJs`].

use etalase_contract::{FeedEvent, FlashDeal, SocialEvent, StreamEvent};
use js_sys::{Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader};

use super::client::{describe, Method};
use super::sse::SseParser;
use super::{from_js, url, ApiClient, ApiError, FromJs};

/// One event of the live feed: the stream's or a deal's, or social proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// A change of the stream or one of its flash deals.
    Feed(FeedEvent),
    /// How many watch, or a purchase for the ticker.
    Social(SocialEvent),
}

impl ApiClient {
    /// Connects to `stream_id`'s live events and calls `on_event` with each,
    /// until the server ends the stream (`Ok`: reconnect for a fresh
    /// snapshot) or the connection fails or is refused (`Err`). Aborting
    /// `signal` ends it. An event this build cannot read (a newer type) is
    /// skipped, not fatal.
    pub async fn stream_events(
        &self,
        stream_id: &str,
        signal: &AbortSignal,
        mut on_event: impl FnMut(Heard),
    ) -> Result<(), ApiError> {
        let network = |error: JsValue| ApiError::Network(describe(&error));
        let url = url::events(self.base(), stream_id);
        let response = self
            .send(Method::Get, &url, None, Some(signal), None)
            .await
            .map_err(network)?;
        if !response.ok() {
            return Err(self.refusal(&response).await);
        }
        let Some(body) = response.body() else {
            return Ok(());
        };
        let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let mut parser = SseParser::default();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
            let field = |name: &str| Reflect::get(&chunk, &JsValue::from_str(name));
            if field("done").ok().and_then(|done| done.as_bool()) != Some(false) {
                return Ok(());
            }
            let bytes = field("value").map_err(network)?;
            for data in parser.push(&Uint8Array::new(&bytes).to_vec()) {
                if let Some(event) = JSON::parse(&data).ok().as_ref().and_then(event) {
                    on_event(event);
                }
            }
        }
    }
}

/// The event `value` holds, by its `type`, each field read with the
/// widget's decoder; `None` for a type this build does not know, or a
/// malformed one.
fn event(value: &JsValue) -> Option<Heard> {
    fn field<T: FromJs>(value: &JsValue, name: &str) -> Option<T> {
        let field = Reflect::get(value, &JsValue::from_str(name)).ok()?;
        from_js(field).ok()
    }
    let kind: String = field(value, "type")?;
    Some(Heard::Feed(FeedEvent::Stream(match kind.as_str() {
        // The deal's fields beside `type`, read as the deal itself.
        "deal" => {
            return from_js::<FlashDeal>(value.clone())
                .ok()
                .map(|deal| Heard::Feed(deal.into()))
        }
        "viewers" => {
            return Some(Heard::Social(SocialEvent::Viewers {
                count: field(value, "count")?,
            }))
        }
        "purchase" => {
            return Some(Heard::Social(SocialEvent::Purchase {
                buyer: field(value, "buyer")?,
                product_id: field(value, "product_id")?,
                product_name: field(value, "product_name")?,
            }))
        }
        "snapshot" => StreamEvent::Snapshot {
            pinned_product_id: field(value, "pinned_product_id")?,
            product_ids: field(value, "product_ids")?,
            stock: field(value, "stock")?,
            vouchers: field(value, "vouchers").unwrap_or_default(),
        },
        "pinned" => StreamEvent::Pinned {
            product_id: field(value, "product_id")?,
        },
        "unpinned" => StreamEvent::Unpinned,
        "showcase" => StreamEvent::Showcase {
            product_ids: field(value, "product_ids")?,
        },
        "stock" => StreamEvent::Stock {
            product_id: field(value, "product_id")?,
            variant_id: field(value, "variant_id")?,
            variant_stock: field(value, "variant_stock")?,
            product_stock: field(value, "product_stock")?,
        },
        "voucher" => StreamEvent::Voucher(from_js(value.clone()).ok()?),
        "sales" => StreamEvent::Sales,
        _ => return None,
    })))
}
