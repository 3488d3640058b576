//! What a stream's viewers are told: the snapshot a feed starts with, and
//! the stock events of variants whose stock changed.
//!
//! Like the catalogue, only listed products are shown: an unlisted product
//! leaves the snapshot, and its stock changes are not announced.

use etalase_contract::{FeedEvent, ProductStock, StreamEvent};
use sqlx::AnyConnection;

use super::{catalogue, deals, live_vouchers, Store};
use crate::time::Timestamp;

impl Store {
    /// The [`StreamEvent::Snapshot`] of stream `stream_id` now, or `None`
    /// when there is no such stream. Read in one transaction, so pin,
    /// showcase, stock and the claimable live vouchers are of one moment.
    pub async fn snapshot(&self, stream_id: &str) -> Result<Option<StreamEvent>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let read = catalogue::with_pinned_product::<(String, i64)>(
            &mut tx,
            stream_id,
            "SELECT sp.product_id,
                    (SELECT CAST(COALESCE(SUM(v.stock), 0) AS BIGINT) FROM variants v
                      WHERE v.product_id = sp.product_id)
               FROM stream_products sp
               JOIN listed_products p ON p.id = sp.product_id
              WHERE sp.stream_id = $1
              ORDER BY sp.position",
        )
        .await?;
        let Some((pinned_product_id, rows)) = read else {
            return Ok(None);
        };
        let vouchers = live_vouchers::claimable(&mut tx, stream_id, Timestamp::now()).await?;
        tx.commit().await?;
        let product_ids = rows.iter().map(|(id, _)| id.clone()).collect();
        let stock = rows
            .into_iter()
            .map(|(product_id, stock)| {
                Ok(ProductStock {
                    product_id,
                    stock: super::narrow(stock)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(Some(StreamEvent::Snapshot {
            pinned_product_id,
            product_ids,
            stock,
            vouchers,
        }))
    }
}

/// A [`StreamEvent::Stock`] for each variant of `variant_ids` and each
/// stream showing its (listed) product, as (stream id, event), with the
/// stock as `conn` sees it: one query, however many variants.
pub(crate) async fn stock_events(
    conn: &mut AnyConnection,
    variant_ids: &[String],
) -> Result<Vec<(String, StreamEvent)>, sqlx::Error> {
    if variant_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=variant_ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT sp.stream_id, v.id, v.product_id, v.stock,
                (SELECT CAST(SUM(w.stock) AS BIGINT) FROM variants w
                  WHERE w.product_id = v.product_id)
           FROM variants v
           JOIN listed_products p ON p.id = v.product_id
           JOIN stream_products sp ON sp.product_id = v.product_id
          WHERE v.id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for variant_id in variant_ids {
        query = query.bind(variant_id);
    }
    let mut rows: Vec<(String, String, String, i64, i64)> = query.fetch_all(&mut *conn).await?;
    // In the order of `variant_ids`, then of streams, as announced before.
    rows.sort_by_key(|row| {
        let position = variant_ids.iter().position(|id| *id == row.1);
        (position, row.0.clone())
    });
    let mut events = Vec::with_capacity(rows.len());
    for (stream_id, variant_id, product_id, variant_stock, product_stock) in rows {
        let event = StreamEvent::Stock {
            product_id,
            variant_id,
            variant_stock: super::narrow(variant_stock)?,
            product_stock: super::narrow(product_stock)?,
        };
        events.push((stream_id, event));
    }
    Ok(events)
}

/// The variants checkout `checkout_id`'s orders hold (or held).
pub(crate) async fn checkout_variants(
    conn: &mut AnyConnection,
    checkout_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT i.variant_id FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE o.checkout_id = $1 ORDER BY i.variant_id",
    )
    .bind(checkout_id)
    .fetch_all(conn)
    .await
}

/// What the streams' viewers hear once `checkouts`, just ended unpaid,
/// commit: their variants' new stock, and the deals whose units they had
/// bought as the deals now stand.
pub(crate) async fn released_events(
    conn: &mut AnyConnection,
    checkouts: &[String],
) -> Result<Vec<(String, FeedEvent)>, sqlx::Error> {
    let mut variants = Vec::new();
    let mut deal_ids = Vec::new();
    for checkout_id in checkouts {
        variants.extend(checkout_variants(&mut *conn, checkout_id).await?);
        deal_ids.extend(deals::checkout_deal(&mut *conn, checkout_id).await?);
    }
    variants.sort();
    variants.dedup();
    deal_ids.sort();
    deal_ids.dedup();
    let mut events: Vec<(String, FeedEvent)> = stock_events(&mut *conn, &variants)
        .await?
        .into_iter()
        .map(|(stream_id, event)| (stream_id, event.into()))
        .collect();
    let now = Timestamp::now();
    for deal_id in &deal_ids {
        if let Some(deal) = deals::deal(&mut *conn, deal_id).await? {
            events.push((deal.stream_id.clone(), deal.at(now).into()));
        }
    }
    Ok(events)
}
