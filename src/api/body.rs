//! Request bodies as JSON text, built as JS objects and written by the
//! browser's `JSON.stringify`: the wasm carries no JSON writer, and every
//! string is escaped by the browser. Each body is the contract's request
//! type field for field, wire names from the contract (`as_str`);
//! `tests/web.rs` decodes every one with that type, unknown fields refused.

use etalase_contract::{
    AddressForm, DealQuoteRequest, DropVoucher, PaymentMethod, QuoteRequest, ShippingChoice,
    StartFlashDeal,
};
use js_sys::{Array, JSON};
use wasm_bindgen::JsValue;

use crate::embed::events::object;

/// `value` as JSON text.
fn json(value: &JsValue) -> String {
    // Plain objects of strings, numbers and booleans always stringify.
    JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// The body of `POST /v1/addresses`: the fields the form has, the legacy
/// ones (`province`, `city`, `district`) left out when absent.
pub fn address_form(address: &AddressForm) -> String {
    let mut entries = vec![
        ("recipient", address.recipient.as_str().into()),
        ("phone", address.phone.as_str().into()),
        ("postal_code", address.postal_code.as_str().into()),
        ("street", address.street.as_str().into()),
    ];
    for (name, value) in [
        ("region_code", &address.region_code),
        ("province", &address.province),
        ("city", &address.city),
        ("district", &address.district),
    ] {
        if let Some(value) = value {
            entries.push((name, value.as_str().into()));
        }
    }
    json(&object(&entries))
}

/// The body of `POST /v1/checkout/quote`.
pub fn quote_request(request: &QuoteRequest) -> String {
    let mut entries = choices(
        &request.address_id,
        &request.shipping,
        &request.vouchers,
        request.payment,
    );
    if let Some(stream_id) = &request.stream_id {
        entries.push(("stream_id", stream_id.as_str().into()));
    }
    if let Some(variant_ids) = &request.variant_ids {
        let ids: Array = variant_ids.iter().map(|id| JsValue::from_str(id)).collect();
        entries.push(("variant_ids", ids.into()));
    }
    json(&object(&entries))
}

/// The body of `POST /v1/deals/{id}/quote`.
pub fn deal_quote(request: &DealQuoteRequest) -> String {
    let mut entries = choices(
        &request.address_id,
        &request.shipping,
        &request.vouchers,
        request.payment,
    );
    entries.push(("quantity", request.quantity.into()));
    json(&object(&entries))
}

/// The fields both quotes share: address, couriers, vouchers and payment.
fn choices(
    address_id: &str,
    shipping: &[ShippingChoice],
    vouchers: &[String],
    method: PaymentMethod,
) -> Vec<(&'static str, JsValue)> {
    let shipping: Array = shipping
        .iter()
        .map(|choice| {
            JsValue::from(object(&[
                ("shop_id", choice.shop_id.as_str().into()),
                ("option_id", choice.option_id.as_str().into()),
                ("insurance", choice.insurance.into()),
            ]))
        })
        .collect();
    let vouchers: Array = vouchers
        .iter()
        .map(|code| JsValue::from_str(code))
        .collect();
    vec![
        ("address_id", address_id.into()),
        ("shipping", shipping.into()),
        ("vouchers", vouchers.into()),
        ("payment", payment(method)),
    ]
}

/// The body of `PUT /v1/cart/items/{id}`: `quantity` units, added while
/// watching `stream_id` (the server credits the stream only when its
/// showcase holds the product), for a video opened at `playback_second`
/// (left out, the line keeps its own).
pub fn set_quantity(quantity: u32, stream_id: &str, playback_second: Option<u32>) -> String {
    let mut fields = vec![
        ("quantity", quantity.into()),
        ("stream_id", stream_id.into()),
    ];
    if let Some(second) = playback_second {
        fields.push(("playback_second", second.into()));
    }
    json(&object(&fields))
}

/// The body of `POST /v1/orders`.
pub fn place_order(quote_id: &str) -> String {
    json(&object(&[("quote_id", quote_id.into())]))
}

/// The body of `PUT /v1/creator/streams/{id}/products`.
pub fn set_showcase(product_ids: &[String]) -> String {
    let ids: Array = product_ids.iter().map(|id| JsValue::from_str(id)).collect();
    json(&object(&[("product_ids", ids.into())]))
}

/// The body of `PUT /v1/creator/streams/{id}/pin`: `null` unpins.
pub fn set_pin(product_id: Option<&str>) -> String {
    let id = product_id.map_or(JsValue::NULL, JsValue::from_str);
    json(&object(&[("product_id", id)]))
}

/// The body of `POST /v1/creator/streams/{id}/vouchers`.
pub fn drop_voucher(voucher: &DropVoucher) -> String {
    // Whole rupiah and counts: exact as JS numbers.
    let number = |n: i64| JsValue::from_f64(n as f64);
    let mut entries = vec![
        ("kind", voucher.kind.as_str().into()),
        ("value", number(voucher.value)),
        ("min_spend", number(voucher.min_spend.0)),
        ("quota", voucher.quota.into()),
        ("claimable_minutes", voucher.claimable_minutes.into()),
    ];
    if let Some(cap) = voucher.max_discount {
        entries.push(("max_discount", number(cap.0)));
    }
    json(&object(&entries))
}

/// The body of `POST /v1/creator/streams/{id}/deals`.
pub fn start_deal(deal: &StartFlashDeal) -> String {
    let mut entries = vec![
        ("product_id", deal.product_id.as_str().into()),
        // Whole rupiah: exact as a JS number.
        ("price", JsValue::from_f64(deal.price.0 as f64)),
        ("units", deal.units.into()),
        ("per_buyer_limit", deal.per_buyer_limit.into()),
        ("starts_in_seconds", deal.starts_in_seconds.into()),
        ("minutes", deal.minutes.into()),
    ];
    if let Some(variant_id) = &deal.variant_id {
        entries.push(("variant_id", variant_id.as_str().into()));
    }
    json(&object(&entries))
}

/// A payment method as its tagged JSON object.
fn payment(method: PaymentMethod) -> JsValue {
    let entries: Vec<(&str, JsValue)> = match method {
        PaymentMethod::VirtualAccount { bank } => vec![
            ("method", "virtual_account".into()),
            ("bank", bank.as_str().into()),
        ],
        PaymentMethod::Qris => vec![("method", "qris".into())],
        PaymentMethod::Ewallet { wallet } => vec![
            ("method", "ewallet".into()),
            ("wallet", wallet.as_str().into()),
        ],
        PaymentMethod::Cod => vec![("method", "cod".into())],
        PaymentMethod::Card => vec![("method", "card".into())],
    };
    object(&entries).into()
}
