//! Flash deals: a creator sets aside a few units of a showcase product at a
//! deal price for a short window, and viewers race to buy them.
//!
//! A deal is announced ahead (10 to 300 s), opens at `starts_at` and closes
//! at `ends_at` (1 to 20 minutes later) by the **server's** clock, or
//! earlier when the creator ends it or its units are sold. Every
//! [`FlashDeal`] carries `starts_in_seconds` and `seconds_left` as the
//! server counted when it answered, so a countdown made from them needs no
//! agreement between the phone's clock and the server's.
//!
//! Viewers learn of deals from `GET /v1/streams/{id}/deals` and from the
//! live feed: after its `snapshot`, the feed sends one `deal` event per deal
//! not yet ended, then a `deal` event whenever one is announced, opens,
//! sells a unit, sells out or ends (see [`crate::DealEvent`]).
//!
//! Buying goes through `POST /v1/deals/{id}/quote` ([`DealQuoteRequest`]),
//! whose [`DealQuote`] holds an ordinary quote ([`QuoteAnswer`], with the
//! couriers its parcel is too heavy for) placed with `POST /v1/orders` like
//! any other.

use serde::{Deserialize, Serialize};

use crate::{Address, ErrorDetail, PaymentMethod, QuoteAnswer, Rupiah, ShippingChoice};

crate::wire::wire_enum! {
    /// Where a flash deal is in its life.
    pub enum FlashDealState {
        /// Announced; it opens in `starts_in_seconds`.
        Upcoming = "upcoming",
        /// Open: deal units can be bought at the deal price.
        Open = "open",
        /// Every deal unit is sold ("Habis").
        SoldOut = "sold_out",
        /// Its time ran out or the creator ended it ("Berakhir"); unsold
        /// units went back to the product's stock.
        Ended = "ended",
    }
}

/// The body of `POST /v1/creator/streams/{id}/deals`: a flash deal on a
/// product of the stream's showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartFlashDeal {
    /// A product of the stream's showcase.
    pub product_id: String,
    /// The variant sold at the deal price; may be left out when the
    /// product has one variant.
    #[serde(default)]
    pub variant_id: Option<String>,
    /// The deal price of one unit: at least Rp1, below the variant's price.
    pub price: Rupiah,
    /// Units set aside from the variant's stock for the deal: 1 to 10 000,
    /// at most its stock.
    pub units: u32,
    /// The most units one buyer may buy at the deal price: 1 to
    /// [`crate::MAX_UNITS_PER_VARIANT`] (5, the most of a variant one
    /// shopper may hold in unpaid orders), at most `units`; 1 when left out.
    #[serde(default = "one")]
    pub per_buyer_limit: u32,
    /// Seconds from now until the deal opens: 10 to 300.
    pub starts_in_seconds: u32,
    /// How long it stays open: 1 to 20 minutes.
    pub minutes: u32,
}

crate::wire::from_js!(StartFlashDeal {
    product_id,
    variant_id,
    price,
    units,
    per_buyer_limit,
    starts_in_seconds,
    minutes
});

fn one() -> u32 {
    1
}

/// A flash deal as viewers and its creator see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlashDeal {
    /// Stable id, used in `/v1/deals/{id}/quote`.
    pub id: String,
    /// The stream it runs on.
    pub stream_id: String,
    /// The product.
    pub product_id: String,
    /// The variant sold at the deal price.
    pub variant_id: String,
    /// The deal price of one unit.
    pub price: Rupiah,
    /// The variant's normal price, to strike out beside the deal price.
    pub normal_price: Rupiah,
    /// Units set aside for the deal.
    pub units: u32,
    /// Deal units not yet sold (0 once it ended: the rest went back to stock).
    pub units_left: u32,
    /// Deal units taken by orders not cancelled or expired (an order whose
    /// payment failed is cancelled): what the deal sold, kept after it ends.
    pub units_sold: u32,
    /// The most units one buyer may buy at the deal price.
    pub per_buyer_limit: u32,
    /// Upcoming, open, sold out or ended, by the server's clock.
    pub state: FlashDealState,
    /// When it opens, RFC 3339 UTC.
    pub starts_at: String,
    /// When it closes, RFC 3339 UTC (earlier if the creator ended it).
    pub ends_at: String,
    /// Seconds until it opens, as the server counted when it sent this; 0
    /// once open.
    pub starts_in_seconds: u32,
    /// Seconds until it closes, as the server counted when it sent this; 0
    /// once ended.
    pub seconds_left: u32,
}

crate::wire::from_js!(FlashDeal {
    id,
    stream_id,
    product_id,
    variant_id,
    price,
    normal_price,
    units,
    units_left,
    units_sold,
    per_buyer_limit,
    state,
    starts_at,
    ends_at,
    starts_in_seconds,
    seconds_left
});

/// The body of `GET /v1/streams/{id}/deals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlashDealList {
    /// The stream's deals not yet ended, soonest first, then those that
    /// ended in the last hour, latest first.
    pub deals: Vec<FlashDeal>,
}

crate::wire::from_js!(FlashDealList { deals });

/// The body of `POST /v1/deals/{id}/quote`: buying a deal's variant
/// straight away, without the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DealQuoteRequest {
    /// One of the shopper's saved addresses.
    pub address_id: String,
    /// Units to buy; 1 when left out.
    #[serde(default = "one")]
    pub quantity: u32,
    /// The courier for the shop's parcel; its cheapest when left out.
    #[serde(default)]
    pub shipping: Vec<ShippingChoice>,
    /// Voucher codes, as in an ordinary quote.
    #[serde(default)]
    pub vouchers: Vec<String>,
    /// How the shopper will pay.
    pub payment: PaymentMethod,
}

crate::wire::from_js!(DealQuoteRequest {
    address_id,
    quantity,
    shipping,
    vouchers,
    payment
});

/// The answer of `POST /v1/deals/{id}/quote`.
///
/// When the deal price applies, `quote` holds the one deal line at it and
/// `refusal` is `null`. Otherwise `quote` prices the same line at the
/// normal price and `refusal` says why the deal price does not apply:
/// `deal_not_started`, `deal_ended`, `deal_sold_out` (or fewer units left
/// than asked), or `deal_limit_reached` (`field`: `quantity`). Either quote
/// is placed with `POST /v1/orders`; a deal-price quote is refused there
/// (409, the same codes) if the deal can no longer honour it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealQuote<A = Address> {
    /// The checkout of the deal line, every amount from the server, with
    /// the couriers its parcel is too heavy for (`unavailable_shipping`),
    /// as `POST /v1/checkout/quote` answers.
    pub quote: QuoteAnswer<A>,
    /// The deal as it is now.
    pub deal: FlashDeal,
    /// Why the deal price does not apply, in a code and words; `null` when
    /// it does.
    pub refusal: Option<ErrorDetail>,
}

crate::wire::from_js!(DealQuote<A> {
    quote,
    deal,
    refusal
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deal_start_defaults_to_one_unit_per_buyer() {
        let start: StartFlashDeal = serde_json::from_str(
            r#"{"product_id":"p1","price":49000,"units":50,"starts_in_seconds":30,"minutes":5}"#,
        )
        .unwrap();
        assert_eq!(start.per_buyer_limit, 1);
        assert_eq!(start.variant_id, None);
        let error = serde_json::from_str::<StartFlashDeal>(
            r#"{"product_id":"p1","price":1,"units":1,"starts_in_seconds":30,"minutes":5,"x":1}"#,
        )
        .unwrap_err();
        assert!(error.to_string().contains("unknown field `x`"), "{error}");
    }

    #[test]
    fn a_deal_quote_request_defaults_to_one_unit() {
        let request: DealQuoteRequest =
            serde_json::from_str(r#"{"address_id":"a1","payment":{"method":"qris"}}"#).unwrap();
        assert_eq!(request.quantity, 1);
        assert!(request.shipping.is_empty() && request.vouchers.is_empty());
    }
}
