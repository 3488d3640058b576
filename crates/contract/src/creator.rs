//! What creators send and read: their streams, showcases, pins, live
//! vouchers and sales.
//!
//! Every creator endpoint answers only for the caller's own streams; another
//! creator's stream is a 404, as if it did not exist.

use serde::{Deserialize, Serialize};

use crate::{LiveVoucher, LiveVoucherKind, Rupiah, StreamKind, StreamSummary};

/// The most products a showcase holds.
pub const MAX_SHOWCASE_PRODUCTS: usize = 50;

/// The body of `POST /v1/creator/streams`: a new live stream or video of
/// the caller's, with an empty showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStream {
    /// Shown in the feed: 1 to 120 characters, not blank.
    pub title: String,
    /// Live now, or a recorded video.
    pub kind: StreamKind,
    /// A recorded video's length in seconds, if known: 1 to
    /// [`crate::MAX_VIDEO_SECONDS`]; its tags must end within it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
    /// A live stream's start, RFC 3339 UTC, when it is scheduled ahead
    /// (within 90 days): until then it is upcoming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
}

crate::wire::from_js!(NewStream {
    title,
    kind,
    duration_seconds,
    starts_at
});

/// One of the caller's streams, as `POST` and `GET /v1/creator/streams`
/// answer it: the [`StreamSummary`] and when it was scheduled to start.
/// The summary's fields are its own, so a client may read it as a
/// `StreamSummary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorStream {
    /// The stream as viewers' lists show it.
    #[serde(flatten)]
    pub stream: StreamSummary,
    /// The start it was scheduled for, RFC 3339 UTC (upcoming until then,
    /// started since); `null` for a stream not scheduled ahead.
    pub starts_at: Option<String>,
}

#[cfg(feature = "js")]
impl crate::js::FromJs for CreatorStream {
    fn from_js(value: crate::js::JsValue) -> Result<Self, crate::js::DecodeError> {
        let object = crate::js::object(value)?;
        Ok(CreatorStream {
            starts_at: crate::js::field(&object, "starts_at")?,
            stream: StreamSummary::from_js(object)?,
        })
    }
}

/// The body of `GET /v1/creator/streams`; a client may read it as a
/// [`crate::StreamList`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorStreamList {
    /// The caller's streams, live ones first, newest first within each
    /// kind; scheduled ones included.
    pub streams: Vec<CreatorStream>,
}

crate::wire::from_js!(CreatorStreamList { streams });

/// The body of `POST /v1/creator/streams/{id}/vouchers`: a voucher dropped
/// during the stream, which viewers claim for a few minutes and use at
/// checkout. The answer is the [`LiveVoucher`](crate::LiveVoucher) with its
/// code; the stream's viewers get it as a `voucher` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DropVoucher {
    /// A fixed amount or a percentage of the goods.
    pub kind: LiveVoucherKind,
    /// Rupiah (1 000 to 100 000) for an amount, whole percent (1 to 50)
    /// for a percentage.
    pub value: i64,
    /// For a percentage, the most it takes off: required, Rp1.000 to
    /// Rp100.000; none for an amount.
    #[serde(default)]
    pub max_discount: Option<Rupiah>,
    /// The goods' total a checkout must reach; 0 when left out.
    #[serde(default)]
    pub min_spend: Rupiah,
    /// How many viewers may claim it: 1 to 100 000.
    pub quota: u32,
    /// How long it can be claimed: 1 to 60 minutes.
    pub claimable_minutes: u32,
}

crate::wire::from_js!(DropVoucher {
    kind,
    value,
    max_discount,
    min_spend,
    quota,
    claimable_minutes
});

/// A live voucher as its creator manages it: as viewers see it, with its
/// claims and uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorVoucher {
    /// The voucher as viewers see it (`quota_left`, `seconds_left`).
    pub voucher: LiveVoucher,
    /// How many viewers may claim it.
    pub quota: u32,
    /// Claims used by a checkout not cancelled or expired.
    pub used: u32,
    /// Whether viewers can still claim it.
    pub claimable: bool,
}

crate::wire::from_js!(CreatorVoucher {
    voucher,
    quota,
    used,
    claimable
});

/// The body of `GET /v1/creator/streams/{id}/vouchers`: the stream's live
/// vouchers still claimable or closed in the last hour, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorVoucherList {
    /// Newest first.
    pub vouchers: Vec<CreatorVoucher>,
}

crate::wire::from_js!(CreatorVoucherList { vouchers });

/// The body of `GET /v1/creator/streams/{id}/sales`: what a stream sold.
///
/// Only paid orders count (paid, processing, shipped, delivered,
/// completed); orders awaiting payment are told apart (`unpaid_orders`,
/// `unpaid_gmv`), cancelled or expired ones not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamSales {
    /// The stream.
    pub stream_id: String,
    /// Paid orders placed from it (one per shop of a checkout).
    pub orders: u32,
    /// Units in them.
    pub units: u32,
    /// Gross merchandise value: the goods at the prices paid, before
    /// discounts, shipping and fees.
    pub gmv: Rupiah,
    /// The creator's commission: each line's value times its product's
    /// commission rate when ordered, rounded down per line.
    pub commission: Rupiah,
    /// What the live vouchers dropped on this stream took off paid orders
    /// (wherever they were used): a discount to the buyers, not taken from
    /// GMV or commission.
    pub voucher_cost: Rupiah,
    /// Orders from the stream placed but not paid yet: not in any figure
    /// above until paid.
    pub unpaid_orders: u32,
    /// The value of their lines attributed to the stream, as `gmv` counts.
    pub unpaid_gmv: Rupiah,
    /// The same per product, the best selling (by value) first.
    pub products: Vec<ProductSales>,
}

crate::wire::from_js!(StreamSales {
    stream_id,
    orders,
    units,
    gmv,
    commission,
    voucher_cost,
    unpaid_orders,
    unpaid_gmv,
    products
});

/// What one product sold on a stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductSales {
    /// The product.
    pub product_id: String,
    /// Its name.
    pub product_name: String,
    /// Paid orders with it.
    pub orders: u32,
    /// Units sold.
    pub units: u32,
    /// Their value.
    pub gmv: Rupiah,
    /// The commission on them.
    pub commission: Rupiah,
    /// The commission rate of its latest paid line, in basis points (1 % =
    /// 100): each line keeps the rate of when it was ordered.
    pub commission_bp: u32,
    /// For a video, the median second of playback at which buyers opened
    /// the product (over the order lines that recorded one).
    pub median_playback_second: Option<u32>,
}

crate::wire::from_js!(ProductSales {
    product_id,
    product_name,
    orders,
    units,
    gmv,
    commission,
    commission_bp,
    median_playback_second
});

/// The body of `PUT /v1/creator/streams/{id}/products`: the whole showcase,
/// in the order viewers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetShowcase {
    /// Listed products, each at most once, at most
    /// [`MAX_SHOWCASE_PRODUCTS`]. A pinned product left out is unpinned.
    pub product_ids: Vec<String>,
}

crate::wire::from_js!(SetShowcase { product_ids });

/// The body of `PUT /v1/creator/streams/{id}/pin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPin {
    /// A product of the stream's showcase to pin, or `null` to unpin.
    /// Required: `{}` is refused rather than read as an unpin.
    #[serde(deserialize_with = "Option::deserialize")]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub product_id: Option<String>,
}

crate::wire::from_js!(SetPin { product_id });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_needs_its_product_id_even_to_unpin() {
        let unpin: SetPin = serde_json::from_str(r#"{"product_id":null}"#).unwrap();
        assert_eq!(unpin.product_id, None);
        let pin: SetPin = serde_json::from_str(r#"{"product_id":"p1"}"#).unwrap();
        assert_eq!(pin.product_id.as_deref(), Some("p1"));
        let error = serde_json::from_str::<SetPin>("{}").unwrap_err();
        assert!(
            error.to_string().contains("missing field `product_id`"),
            "{error}"
        );
    }
}
