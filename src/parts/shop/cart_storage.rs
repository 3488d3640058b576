//! The device's copy of the cart, in the host page's `localStorage`.
//!
//! One entry per API base (`etalase:cart:{apiBase}`), holding the cart as
//! last shown and the lines the shopper unticked, so a reload paints the
//! cart before the server answers. The token is not part of the key: a
//! token refresh (or the new token a reload brings) must find the copy, and
//! the server's answer replaces it within one request anyway.
//!
//! The entry is JSON with a version, `{"v":1,"cart":…,"unselected":[…]}`,
//! built as a JS object and written with `JSON.stringify`, and read back
//! with `JSON.parse` and the widget's decoder; an entry that does not read
//! is dropped. Storage that is missing, full or forbidden (private modes,
//! sandboxed frames) is simply not used.

use etalase_contract::{Cart, CartItem, CartShop, Rupiah, ShopSummary};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;
use web_sys::Storage;

use crate::api::from_js;
use crate::embed::events::{object, strings};
use crate::parts::shop::state::cart::Stored;

/// The version of the entry's shape; an entry of another is ignored.
const VERSION: u32 = 1;

/// The key of `api_base`'s entry.
fn key(api_base: &str) -> String {
    ["etalase:cart:", api_base].concat()
}

/// The page's `localStorage`, when it may be used.
pub(crate) fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The copy kept for `api_base`, if there is a readable one.
pub fn load(api_base: &str) -> Option<Stored> {
    let storage = storage()?;
    let key = key(api_base);
    let text = storage.get_item(&key).ok().flatten()?;
    let stored = JSON::parse(&text).ok().and_then(|entry| read(&entry));
    if stored.is_none() {
        // Unreadable or from another version: it would never read.
        let _ = storage.remove_item(&key);
    }
    stored
}

/// The entry's fields, read one by one (a derived `Deserialize` for the
/// envelope would cost more wasm than these three lines).
fn read(entry: &JsValue) -> Option<Stored> {
    let field = |name: &str| Reflect::get(entry, &JsValue::from_str(name)).ok();
    let version = field("v")?.as_f64()?;
    if version != f64::from(VERSION) {
        return None;
    }
    Some(Stored {
        cart: from_js(field("cart")?).ok()?,
        unselected: from_js(field("unselected")?).ok()?,
    })
}

/// Keeps `shown` and the `unselected` lines for `api_base`; a storage that
/// refuses is left alone.
pub fn save(api_base: &str, shown: &Cart, unselected: &[String]) {
    let Some(storage) = storage() else {
        return;
    };
    let entry = object(&[
        ("v", VERSION.into()),
        ("cart", cart(shown).into()),
        ("unselected", strings(unselected).into()),
    ]);
    if let Ok(text) = JSON::stringify(&entry) {
        let _ = storage.set_item(&key(api_base), &String::from(text));
    }
}

/// `cart` as a plain JS object of the API's shape.
fn cart(cart: &Cart) -> Object {
    object(&[
        (
            "shops",
            cart.shops.iter().map(shop).collect::<Array>().into(),
        ),
        ("item_count", cart.item_count.into()),
        ("subtotal", money(cart.subtotal)),
    ])
}

fn shop(shop: &CartShop) -> JsValue {
    let summary: &ShopSummary = &shop.shop;
    let summary = object(&[
        ("id", summary.id.as_str().into()),
        ("name", summary.name.as_str().into()),
        ("city", summary.city.as_str().into()),
    ]);
    object(&[
        ("shop", summary.into()),
        (
            "items",
            shop.items.iter().map(item).collect::<Array>().into(),
        ),
        ("subtotal", money(shop.subtotal)),
    ])
    .into()
}

fn item(item: &CartItem) -> JsValue {
    object(&[
        ("variant_id", item.variant_id.as_str().into()),
        ("product_id", item.product_id.as_str().into()),
        ("product_name", item.product_name.as_str().into()),
        ("option_values", strings(&item.option_values).into()),
        ("image_url", item.image_url.as_str().into()),
        ("price", money(item.price)),
        (
            "original_price",
            item.original_price.map_or(JsValue::NULL, money),
        ),
        ("quantity", item.quantity.into()),
        ("stock", item.stock.into()),
        ("weight_grams", item.weight_grams.into()),
        ("line_total", money(item.line_total)),
    ])
    .into()
}

/// An amount as a JS number: exact, since rupiah amounts stay below 2⁵³.
fn money(amount: Rupiah) -> JsValue {
    // Not `JsValue::from(i64)`, which makes a BigInt that JSON cannot hold.
    JsValue::from_f64(amount.0 as f64)
}
