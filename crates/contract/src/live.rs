//! What `GET /v1/streams/{id}/events` sends: a stream's live changes.
//!
//! The answer is Server-Sent Events. Each event's `event:` line is its
//! [`StreamEvent::name`] and its `data:` line is the [`StreamEvent`] as JSON,
//! whose `type` field repeats that name:
//!
//! ```text
//! event: pinned
//! data: {"type":"pinned","product_id":"prd-kemeja-batik-parang"}
//!
//! ```
//!
//! The first event of every connection, and of every reconnection, is a
//! [`StreamEvent::Snapshot`] of the stream as it is now; every later event
//! carries a whole value (a stock level, the whole showcase), never a
//! difference, so applying an event twice is harmless.

use serde::{Deserialize, Serialize};

use crate::{FlashDeal, Rupiah};

/// One event of a stream's live feed, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamEvent {
    /// The stream as it is now: always the first event of a connection, and
    /// sent again whenever the viewer fell behind.
    Snapshot {
        /// The pinned product, if any; it is one of `product_ids`.
        pinned_product_id: Option<String>,
        /// The showcase's products, in the creator's order.
        product_ids: Vec<String>,
        /// Units in stock of each showcase product, in the same order.
        stock: Vec<ProductStock>,
        /// The live vouchers that can be claimed now, newest first.
        vouchers: Vec<LiveVoucher>,
    },
    /// The creator pinned a product of the showcase.
    Pinned {
        /// The product now pinned.
        product_id: String,
    },
    /// The creator took the pin off; nothing is pinned.
    Unpinned,
    /// The creator changed the showcase.
    Showcase {
        /// Its products, in the creator's order.
        product_ids: Vec<String>,
    },
    /// A showcase product's stock changed: an order took units, or a
    /// cancelled or expired one gave them back.
    Stock {
        /// The product.
        product_id: String,
        /// The variant whose stock changed.
        variant_id: String,
        /// Units of that variant in stock now.
        variant_stock: u32,
        /// Units of the product in stock now, across its variants.
        product_stock: u32,
    },
    /// The creator dropped a live voucher, or its quota changed.
    Voucher(LiveVoucher),
    /// The stream's sales changed: an order bought from it was paid, or an
    /// unpaid one ended. Sent only on the feed of the stream's creator and
    /// carrying nothing but that (no buyer, no amount): the studio reads
    /// its sales again from `GET /v1/creator/streams/{id}/sales`.
    Sales,
}

impl StreamEvent {
    /// The event's `type`, also its SSE `event:` name: `snapshot`, `pinned`,
    /// `unpinned`, `showcase`, `stock`, `voucher` or `sales`.
    pub fn name(&self) -> &'static str {
        match self {
            StreamEvent::Snapshot { .. } => "snapshot",
            StreamEvent::Pinned { .. } => "pinned",
            StreamEvent::Unpinned => "unpinned",
            StreamEvent::Showcase { .. } => "showcase",
            StreamEvent::Stock { .. } => "stock",
            StreamEvent::Voucher(_) => "voucher",
            StreamEvent::Sales => "sales",
        }
    }
}

/// A flash deal's event on a stream's live feed: `event: deal` and
/// `data: {"type":"deal", …}` with the fields of a [`FlashDeal`].
///
/// Sent after every `snapshot`, once per deal of the stream not yet ended,
/// and whenever a deal is announced, opens, sells a unit (its
/// `units_left`), sells out or ends; each carries the whole deal, so
/// applying one twice is harmless. A type of its own beside
/// [`StreamEvent`], so clients matching every `StreamEvent` keep
/// compiling; a client that does not know `deal` skips it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DealEvent {
    /// The deal as it is now.
    Deal(FlashDeal),
}

/// Any event of a stream's live feed: one of [`StreamEvent`] or a
/// [`DealEvent`], told apart by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum FeedEvent {
    /// A change of the stream: pin, showcase, stock, voucher, or a snapshot.
    Stream(StreamEvent),
    /// A flash deal as it is now.
    Deal(DealEvent),
}

impl FeedEvent {
    /// The event's `type`, also its SSE `event:` name.
    pub fn name(&self) -> &'static str {
        match self {
            FeedEvent::Stream(event) => event.name(),
            FeedEvent::Deal(DealEvent::Deal(_)) => "deal",
        }
    }

    /// The deal of a `deal` event.
    pub fn deal(&self) -> Option<&FlashDeal> {
        match self {
            FeedEvent::Deal(DealEvent::Deal(deal)) => Some(deal),
            FeedEvent::Stream(_) => None,
        }
    }
}

impl From<StreamEvent> for FeedEvent {
    fn from(event: StreamEvent) -> Self {
        FeedEvent::Stream(event)
    }
}

impl From<FlashDeal> for FeedEvent {
    fn from(deal: FlashDeal) -> Self {
        FeedEvent::Deal(DealEvent::Deal(deal))
    }
}

/// Units in stock of one product, across its variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductStock {
    /// The product.
    pub product_id: String,
    /// Units in stock.
    pub stock: u32,
}

crate::wire::from_js!(ProductStock { product_id, stock });

crate::wire::wire_enum! {
    /// What a live voucher takes off.
    pub enum LiveVoucherKind {
        /// A fixed amount: `value` is in rupiah.
        Amount = "amount",
        /// A percentage of the goods: `value` is whole percent (1 to 50).
        Percent = "percent",
    }
}

/// A voucher a creator dropped during a live stream, claimable by viewers
/// for a few minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveVoucher {
    /// The code; a claimed voucher is used at checkout by this code.
    pub code: String,
    /// Amount or percentage.
    pub kind: LiveVoucherKind,
    /// Rupiah for [`LiveVoucherKind::Amount`], whole percent for
    /// [`LiveVoucherKind::Percent`].
    pub value: i64,
    /// The most a percentage voucher takes off, if capped.
    pub max_discount: Option<Rupiah>,
    /// The goods' total the checkout must reach.
    pub min_spend: Rupiah,
    /// Claims left.
    pub quota_left: u32,
    /// When claiming closes, RFC 3339 UTC.
    pub claimable_until: String,
    /// Seconds until then, as the server counted when it sent the event: a
    /// countdown from this needs no clock agreement with the server.
    pub seconds_left: u32,
}

crate::wire::from_js!(LiveVoucher {
    code,
    kind,
    value,
    max_discount,
    min_spend,
    quota_left,
    claimable_until,
    seconds_left
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tagged_by_their_name() {
        let events = [
            StreamEvent::Snapshot {
                pinned_product_id: None,
                product_ids: vec!["p1".into()],
                stock: vec![ProductStock {
                    product_id: "p1".into(),
                    stock: 3,
                }],
                vouchers: vec![],
            },
            StreamEvent::Pinned {
                product_id: "p1".into(),
            },
            StreamEvent::Unpinned,
            StreamEvent::Showcase {
                product_ids: vec![],
            },
            StreamEvent::Stock {
                product_id: "p1".into(),
                variant_id: "v1".into(),
                variant_stock: 0,
                product_stock: 2,
            },
            StreamEvent::Voucher(LiveVoucher {
                code: "LIVE5K".into(),
                kind: LiveVoucherKind::Amount,
                value: 5_000,
                max_discount: None,
                min_spend: Rupiah(50_000),
                quota_left: 10,
                claimable_until: "2026-06-14T12:05:00.000Z".into(),
                seconds_left: 300,
            }),
            StreamEvent::Sales,
        ];
        for event in events {
            let json: serde_json::Value = serde_json::to_value(&event).unwrap();
            assert_eq!(json["type"], event.name());
            assert_eq!(serde_json::from_value::<StreamEvent>(json).unwrap(), event);
        }
    }

    #[test]
    fn a_deal_event_is_tagged_deal_and_read_back_as_a_feed_event() {
        let deal = crate::FlashDeal {
            id: "fd-1".into(),
            stream_id: "s1".into(),
            product_id: "p1".into(),
            variant_id: "v1".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(99_000),
            units: 50,
            units_left: 49,
            units_sold: 1,
            per_buyer_limit: 1,
            state: crate::FlashDealState::Open,
            starts_at: "2026-06-14T12:00:00.000Z".into(),
            ends_at: "2026-06-14T12:05:00.000Z".into(),
            starts_in_seconds: 0,
            seconds_left: 299,
        };
        let event = FeedEvent::from(deal.clone());
        let json: serde_json::Value = serde_json::to_value(&event).unwrap();
        assert_eq!(
            (json["type"].as_str(), event.name()),
            (Some("deal"), "deal")
        );
        assert_eq!(json["units_left"], 49);
        assert_eq!(json["state"], "open");
        assert_eq!(serde_json::from_value::<FeedEvent>(json).unwrap(), event);
        assert_eq!(event.deal(), Some(&deal));
        let stock: FeedEvent = serde_json::from_str(r#"{"type":"unpinned"}"#).unwrap();
        assert_eq!(stock, FeedEvent::Stream(StreamEvent::Unpinned));
    }

    #[test]
    fn writes_the_documented_shapes() {
        assert_eq!(
            serde_json::to_string(&StreamEvent::Unpinned).unwrap(),
            r#"{"type":"unpinned"}"#
        );
        assert_eq!(
            serde_json::to_string(&StreamEvent::Sales).unwrap(),
            r#"{"type":"sales"}"#
        );
        let stock = StreamEvent::Stock {
            product_id: "p1".into(),
            variant_id: "v1".into(),
            variant_stock: 0,
            product_stock: 2,
        };
        assert_eq!(
            serde_json::to_string(&stock).unwrap(),
            r#"{"type":"stock","product_id":"p1","variant_id":"v1","variant_stock":0,"product_stock":2}"#
        );
        let voucher = StreamEvent::Voucher(LiveVoucher {
            code: "LIVE10".into(),
            kind: LiveVoucherKind::Percent,
            value: 10,
            max_discount: Some(Rupiah(25_000)),
            min_spend: Rupiah(0),
            quota_left: 64,
            claimable_until: "2026-06-14T12:05:00.000Z".into(),
            seconds_left: 299,
        });
        assert_eq!(
            serde_json::to_string(&voucher).unwrap(),
            r#"{"type":"voucher","code":"LIVE10","kind":"percent","value":10,"max_discount":25000,"min_spend":0,"quota_left":64,"claimable_until":"2026-06-14T12:05:00.000Z","seconds_left":299}"#
        );
    }
}
