//! The device's note of a new address being typed, in the host page's
//! `localStorage`, so a reload while the checkout is open loses none of it.
//!
//! One entry per API base (`etalase:address-draft:{apiBase}`): the typed
//! fields and the deepest region picked (the village, else the district,
//! else the city). The form writes it as the shopper types and forgets it
//! once the address is saved or the form is cancelled.
//!
//! A draft belongs to the shopper who typed it: the entry holds the
//! `owner` of their address list (`GET /v1/addresses`), which the checkout
//! hands to [`claim`] each time it reads the list. Until the list has
//! answered nothing is read or written, and a draft of another owner is
//! dropped at once, so the next shopper on the same phone never sees it.
//!
//! Beside it, the address the shopper last shipped to
//! (`etalase:address-used:{apiBase}`, `{"owner":…,"id":…}`), so a reload
//! chooses it again rather than the newest ([`last_used`], [`note_used`]);
//! kept for one owner, and read by that owner alone.
//!
//! The entry is JSON with a version,
//! `{"v":2,"owner":…,"recipient":…,"region":{…}|null}`; an entry that does
//! not read, or of the first version (which had no owner), is dropped.

use etalase_contract::{js, Region};
use std::cell::RefCell;

use js_sys::JSON;
use wasm_bindgen::JsValue;

use super::cart_storage::storage;
use crate::api::{from_js, DecodeError, FromJs};
use crate::embed::events::object;

/// The version of the entry's shape; an entry of another is ignored.
const VERSION: u32 = 2;

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

/// An entry as kept: whose draft it is, and the draft.
struct Entry {
    owner: String,
    draft: Draft,
}

impl FromJs for Entry {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let entry = js::object(value)?;
        let version: u32 = js::field(&entry, "v")?;
        if version != VERSION {
            return Err(DecodeError::new("another version".to_owned()));
        }
        Ok(Entry {
            owner: js::field(&entry, "owner")?,
            draft: Draft {
                recipient: js::field(&entry, "recipient")?,
                phone: js::field(&entry, "phone")?,
                postal_code: js::field(&entry, "postal_code")?,
                street: js::field(&entry, "street")?,
                region: js::field(&entry, "region")?,
            },
        })
    }
}

/// Whose address list each API base last answered, in this page.
#[derive(Debug, Default)]
struct Owners(Vec<(String, String)>);

impl Owners {
    /// The owner `api_base` last answered, if it has.
    fn of(&self, api_base: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(base, _)| base == api_base)
            .map(|(_, owner)| owner.as_str())
    }

    /// Notes `owner` as `api_base`'s shopper from now on.
    fn note(&mut self, api_base: &str, owner: &str) {
        self.0.retain(|(base, _)| base != api_base);
        self.0.push((api_base.to_owned(), owner.to_owned()));
    }

    /// Whether a draft of `owner` kept for `api_base` is the current
    /// shopper's: never before the list has said who that is.
    fn owns(&self, api_base: &str, owner: &str) -> bool {
        self.of(api_base) == Some(owner)
    }
}

thread_local! {
    static OWNERS: RefCell<Owners> = RefCell::default();
}

/// The key of `api_base`'s entry.
fn key(api_base: &str) -> String {
    ["etalase:address-draft:", api_base].concat()
}

/// The entry kept for `api_base`; one that does not read is dropped.
fn entry(api_base: &str) -> Option<Entry> {
    let storage = storage()?;
    let key = key(api_base);
    let text = storage.get_item(&key).ok().flatten()?;
    let entry = JSON::parse(&text)
        .ok()
        .and_then(|entry| from_js(entry).ok());
    if entry.is_none() {
        let _ = storage.remove_item(&key);
    }
    entry
}

/// Notes that `api_base`'s address list answered for `owner` (its
/// `owner`), and drops a draft another shopper left on this device.
pub fn claim(api_base: &str, owner: &str) {
    OWNERS.with_borrow_mut(|owners| owners.note(api_base, owner));
    if entry(api_base).is_some_and(|entry| entry.owner != owner) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&key(api_base));
        }
    }
}

/// The current shopper's draft kept for `api_base`, if there is a readable
/// one; nothing before their address list has answered.
pub fn load(api_base: &str) -> Option<Draft> {
    let entry = entry(api_base)?;
    OWNERS
        .with_borrow(|owners| owners.owns(api_base, &entry.owner))
        .then_some(entry.draft)
}

/// Keeps `draft` for `api_base`'s current shopper (or forgets it when
/// empty); nothing is kept before their address list has answered, and a
/// storage that refuses is left alone.
pub fn save(api_base: &str, draft: &Draft) {
    let Some(storage) = storage() else {
        return;
    };
    let owner = OWNERS.with_borrow(|owners| owners.of(api_base).map(str::to_owned));
    let Some(owner) = owner.filter(|_| !draft.is_empty()) else {
        let _ = storage.remove_item(&key(api_base));
        return;
    };
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
        ("owner", owner.as_str().into()),
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

/// The key of `api_base`'s address last used.
fn used_key(api_base: &str) -> String {
    ["etalase:address-used:", api_base].concat()
}

/// The id of the address `owner` last shipped to through `api_base` on
/// this device, if they are the one who did.
pub fn last_used(api_base: &str, owner: &str) -> Option<String> {
    let text = storage()?.get_item(&used_key(api_base)).ok().flatten()?;
    let entry = js::object(JSON::parse(&text).ok()?).ok()?;
    let by: String = js::field(&entry, "owner").ok()?;
    (by == owner)
        .then(|| js::field(&entry, "id").ok())
        .flatten()
}

/// Notes `address_id` as the address `owner` ships to through `api_base`;
/// a storage that refuses is left alone.
pub fn note_used(api_base: &str, owner: &str, address_id: &str) {
    let Some(storage) = storage() else {
        return;
    };
    let entry = object(&[("owner", owner.into()), ("id", address_id.into())]);
    if let Ok(text) = JSON::stringify(&entry) {
        let _ = storage.set_item(&used_key(api_base), &String::from(text));
    }
}

#[cfg(test)]
mod tests {
    use super::Owners;

    #[test]
    fn a_draft_is_its_owners_alone_and_no_ones_before_the_list_answered() {
        let mut owners = Owners::default();
        assert!(!owners.owns("https://api", "a"), "nobody known yet");
        owners.note("https://api", "a");
        assert!(owners.owns("https://api", "a"));
        assert!(!owners.owns("https://api", "b"), "another shopper's");
        assert!(
            !owners.owns("https://other", "a"),
            "another API's shopper unknown"
        );
        owners.note("https://api", "b");
        assert!(!owners.owns("https://api", "a"), "A's draft is not B's");
        assert!(owners.owns("https://api", "b"));
        assert_eq!(owners.0.len(), 1, "one owner per API base");
    }
}
