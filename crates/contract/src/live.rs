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

use crate::Rupiah;

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
}

impl StreamEvent {
    /// The event's `type`, also its SSE `event:` name: `snapshot`, `pinned`,
    /// `unpinned`, `showcase`, `stock` or `voucher`.
    pub fn name(&self) -> &'static str {
        match self {
            StreamEvent::Snapshot { .. } => "snapshot",
            StreamEvent::Pinned { .. } => "pinned",
            StreamEvent::Unpinned => "unpinned",
            StreamEvent::Showcase { .. } => "showcase",
            StreamEvent::Stock { .. } => "stock",
            StreamEvent::Voucher(_) => "voucher",
        }
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
        ];
        for event in events {
            let json: serde_json::Value = serde_json::to_value(&event).unwrap();
            assert_eq!(json["type"], event.name());
            assert_eq!(serde_json::from_value::<StreamEvent>(json).unwrap(), event);
        }
    }

    #[test]
    fn writes_the_documented_shapes() {
        assert_eq!(
            serde_json::to_string(&StreamEvent::Unpinned).unwrap(),
            r#"{"type":"unpinned"}"#
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
