//! The device's note of a checkout in progress, in the host page's
//! `localStorage`, so a reload loses neither an order nor a payment.
//!
//! One entry per API base (`etalase:checkout:{apiBase}`): the attempt being
//! placed (its idempotency key and quote), written *before* the request
//! leaves, and the placed checkout (its id, payment and orders) once the
//! server answered. After a reload the attempt is sent again with the same
//! key — the server answers the order it already made, or makes it once —
//! and an unpaid payment is followed again instead of starting over.
//!
//! The entry is JSON with a version, `{"v":1,"attempt":{…}|null,"placed":{…}|null}`;
//! an entry that does not read is dropped.

use etalase_contract::js;
use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;

use super::cart_storage::storage;
use crate::api::{from_js, DecodeError, FromJs};
use crate::embed::events::{object, strings};
use crate::parts::shop::state::checkout::Attempt;

/// The version of the entry's shape; an entry of another is ignored.
const VERSION: u32 = 1;

/// A placed checkout as the device keeps it: ids only, read back from the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedNote {
    /// The checkout.
    pub checkout_id: String,
    /// Its payment.
    pub payment_id: String,
    /// Its orders.
    pub order_ids: Vec<String>,
}

/// What the device keeps of the checkout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// The attempt on its way, if any.
    pub attempt: Option<Attempt>,
    /// The placed checkout, if any.
    pub placed: Option<PlacedNote>,
}

impl FromJs for PlacedNote {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let entry = js::object(value)?;
        Ok(PlacedNote {
            checkout_id: js::field(&entry, "checkout_id")?,
            payment_id: js::field(&entry, "payment_id")?,
            order_ids: js::field(&entry, "order_ids")?,
        })
    }
}

impl FromJs for Attempt {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let entry = js::object(value)?;
        Ok(Attempt {
            key: js::field(&entry, "key")?,
            quote_id: js::field(&entry, "quote_id")?,
        })
    }
}

/// The key of `api_base`'s entry.
fn key(api_base: &str) -> String {
    ["etalase:checkout:", api_base].concat()
}

/// The note kept for `api_base`, if there is a readable one.
pub fn load(api_base: &str) -> Note {
    let Some(storage) = storage() else {
        return Note::default();
    };
    let key = key(api_base);
    let Some(text) = storage.get_item(&key).ok().flatten() else {
        return Note::default();
    };
    let note = JSON::parse(&text).ok().and_then(|entry| read(&entry));
    if note.is_none() {
        let _ = storage.remove_item(&key);
    }
    note.unwrap_or_default()
}

fn read(entry: &JsValue) -> Option<Note> {
    let field = |name: &str| Reflect::get(entry, &JsValue::from_str(name)).ok();
    if field("v")?.as_f64()? != f64::from(VERSION) {
        return None;
    }
    Some(Note {
        attempt: from_js(field("attempt")?).ok()?,
        placed: from_js(field("placed")?).ok()?,
    })
}

/// Keeps `note` for `api_base` (or forgets it when empty); a storage that
/// refuses is left alone.
pub fn save(api_base: &str, note: &Note) {
    let Some(storage) = storage() else {
        return;
    };
    if note.attempt.is_none() && note.placed.is_none() {
        let _ = storage.remove_item(&key(api_base));
        return;
    }
    let attempt = note.attempt.as_ref().map_or(JsValue::NULL, |attempt| {
        object(&[
            ("key", attempt.key.as_str().into()),
            ("quote_id", attempt.quote_id.as_str().into()),
        ])
        .into()
    });
    let placed = note.placed.as_ref().map_or(JsValue::NULL, |placed| {
        object(&[
            ("checkout_id", placed.checkout_id.as_str().into()),
            ("payment_id", placed.payment_id.as_str().into()),
            ("order_ids", strings(&placed.order_ids).into()),
        ])
        .into()
    });
    let entry = object(&[
        ("v", VERSION.into()),
        ("attempt", attempt),
        ("placed", placed),
    ]);
    if let Ok(text) = JSON::stringify(&entry) {
        let _ = storage.set_item(&key(api_base), &String::from(text));
    }
}
