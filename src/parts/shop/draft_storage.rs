//! The device's note of a new address being typed, in the host page's
//! `localStorage`, so a reload while the checkout is open loses none of it.
//!
//! One entry per API base (`etalase:address-draft:{apiBase}`): the typed
//! fields and the deepest region picked (the village, else the district,
//! else the city). The form writes it as the shopper types and forgets it
//! once the address is saved or the form is cancelled.
//!
//! The entry is JSON with a version, `{"v":1,"recipient":…,"region":{…}|null}`;
//! an entry that does not read is dropped.

use etalase_contract::{js, Region};
use js_sys::JSON;
use wasm_bindgen::JsValue;

use super::cart_storage::storage;
use crate::api::{from_js, DecodeError, FromJs};
use crate::embed::events::object;

/// The version of the entry's shape; an entry of another is ignored.
const VERSION: u32 = 1;

/// A new address as far as it was typed and picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Who receives the parcel.
    pub recipient: String,
    /// Their phone, as typed.
    pub phone: String,
    /// A postal code typed for a village the list has none for.
    pub postal_code: String,
    /// Street and details.
    pub street: String,
    /// The deepest region picked: the village, else the district, else the city.
    pub region: Option<Region>,
}

impl Draft {
    /// Whether nothing was typed nor picked.
    pub fn is_empty(&self) -> bool {
        self.region.is_none()
            && [
                &self.recipient,
                &self.phone,
                &self.postal_code,
                &self.street,
            ]
            .iter()
            .all(|text| text.trim().is_empty())
    }
}

impl FromJs for Draft {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let entry = js::object(value)?;
        let version: u32 = js::field(&entry, "v")?;
        if version != VERSION {
            return Err(DecodeError::new("another version".to_owned()));
        }
        Ok(Draft {
            recipient: js::field(&entry, "recipient")?,
            phone: js::field(&entry, "phone")?,
            postal_code: js::field(&entry, "postal_code")?,
            street: js::field(&entry, "street")?,
            region: js::field(&entry, "region")?,
        })
    }
}

/// The key of `api_base`'s entry.
fn key(api_base: &str) -> String {
    ["etalase:address-draft:", api_base].concat()
}

/// The draft kept for `api_base`, if there is a readable one.
pub fn load(api_base: &str) -> Option<Draft> {
    let storage = storage()?;
    let key = key(api_base);
    let text = storage.get_item(&key).ok().flatten()?;
    let draft = JSON::parse(&text)
        .ok()
        .and_then(|entry| from_js(entry).ok());
    if draft.is_none() {
        let _ = storage.remove_item(&key);
    }
    draft
}

/// Keeps `draft` for `api_base` (or forgets it when empty); a storage that
/// refuses is left alone.
pub fn save(api_base: &str, draft: &Draft) {
    let Some(storage) = storage() else {
        return;
    };
    if draft.is_empty() {
        let _ = storage.remove_item(&key(api_base));
        return;
    }
    let region = draft.region.as_ref().map_or(JsValue::NULL, |region| {
        object(&[
            ("code", region.code.as_str().into()),
            ("level", region.level.as_str().into()),
            ("name", region.name.as_str().into()),
            ("path", region.path.as_str().into()),
            (
                "postal_code",
                region
                    .postal_code
                    .as_deref()
                    .map_or(JsValue::NULL, JsValue::from_str),
            ),
        ])
        .into()
    });
    let entry = object(&[
        ("v", VERSION.into()),
        ("recipient", draft.recipient.as_str().into()),
        ("phone", draft.phone.as_str().into()),
        ("postal_code", draft.postal_code.as_str().into()),
        ("street", draft.street.as_str().into()),
        ("region", region),
    ]);
    if let Ok(text) = JSON::stringify(&entry) {
        let _ = storage.set_item(&key(api_base), &String::from(text));
    }
}

/// Forgets `api_base`'s draft: saved, or abandoned.
pub fn clear(api_base: &str) {
    save(api_base, &Draft::default());
}
