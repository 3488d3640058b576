//! Flash deals: written when a creator starts one, their units taken by
//! checkouts and their buyers counted, their unsold units given back when
//! they end.
//!
//! Every change that must not race is one conditional statement inside the
//! caller's transaction: setting units aside takes them from the variant's
//! stock (`… WHERE stock >= n`), a sale takes deal units (`… WHERE
//! units_left >= n` and the window open), a buyer's count rises only while
//! it stays within the limit (an upsert with a `WHERE`), and ending sets
//! `ended_at` once (`… WHERE ended_at IS NULL`), returning what it gives
//! back. PostgreSQL re-checks each against the committed row, so the same
//! SQL is race-free there as under SQLite's one writer.

use etalase_contract::{FlashDeal, FlashDealState, Rupiah};
use sqlx::AnyConnection;

use crate::time::Timestamp;

/// A deal to write.
pub(crate) struct NewDeal<'a> {
    pub id: &'a str,
    pub stream_id: &'a str,
    pub product_id: &'a str,
    pub variant_id: &'a str,
    pub price: i64,
    pub units: u32,
    pub per_buyer_limit: u32,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub at: Timestamp,
    /// The creator's `Idempotency-Key` and a hash of the request, if sent.
    pub request: Option<(&'a str, &'a str)>,
}

/// A deal as stored, with its variant's normal price.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Deal {
    pub id: String,
    pub stream_id: String,
    pub product_id: String,
    pub variant_id: String,
    pub price: i64,
    pub normal_price: i64,
    #[sqlx(try_from = "i64")]
    pub units: u32,
    #[sqlx(try_from = "i64")]
    pub units_left: u32,
    #[sqlx(try_from = "i64")]
    pub per_buyer_limit: u32,
    pub starts_at: String,
    pub ends_at: String,
    pub ended_at: Option<String>,
    #[sqlx(try_from = "i64")]
    pub returned_units: u32,
    /// Units its buyers hold in orders not ended unpaid.
    #[sqlx(try_from = "i64")]
    pub units_sold: u32,
}

const DEAL_COLUMNS: &str = "d.id, d.stream_id, d.product_id, d.variant_id, d.price,
        v.price AS normal_price, d.units, d.units_left, d.per_buyer_limit, d.starts_at,
        d.ends_at, d.ended_at, d.returned_units,
        CAST(COALESCE((SELECT SUM(b.units) FROM flash_deal_buyers b WHERE b.deal_id = d.id), 0)
             AS BIGINT) AS units_sold";
const DEALS: &str = "flash_deals d JOIN variants v ON v.id = d.variant_id";

/// A deal, with the units one buyer bought at its price.
#[derive(sqlx::FromRow)]
struct DealForBuyer {
    #[sqlx(flatten)]
    deal: Deal,
    #[sqlx(try_from = "i64")]
    bought: u32,
}

impl Deal {
    /// When it closes: its end, or earlier when it was ended early.
    fn closes_at(&self) -> Timestamp {
        let ends = parse(&self.ends_at);
        match self.ended_at.as_deref().map(parse) {
            // Ended before it opened: it closed as it would have opened.
            Some(ended) if ended < ends => ended.max(parse(&self.starts_at)),
            _ => ends,
        }
    }

    /// Where the deal is at `now`, by the server's clock.
    pub fn state(&self, now: Timestamp) -> FlashDealState {
        if self.units_left == 0 && self.returned_units == 0 {
            FlashDealState::SoldOut
        } else if self.ended_at.is_some() || now >= self.closes_at() {
            FlashDealState::Ended
        } else if now < parse(&self.starts_at) {
            FlashDealState::Upcoming
        } else {
            FlashDealState::Open
        }
    }

    /// The deal as viewers see it at `now`.
    pub fn at(&self, now: Timestamp) -> FlashDeal {
        let state = self.state(now);
        let open = matches!(state, FlashDealState::Upcoming | FlashDealState::Open);
        // A sold-out deal may open again while its time runs.
        let running = open || (state == FlashDealState::SoldOut && self.ended_at.is_none());
        let seconds = |until: Timestamp| {
            let left = now.until(until);
            let whole = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            // At most 21 minutes, by a deal's limits.
            u32::try_from(whole).unwrap_or(u32::MAX)
        };
        FlashDeal {
            id: self.id.clone(),
            stream_id: self.stream_id.clone(),
            product_id: self.product_id.clone(),
            variant_id: self.variant_id.clone(),
            price: Rupiah(self.price),
            normal_price: Rupiah(self.normal_price),
            units: self.units,
            units_left: self.units_left,
            units_sold: self.units_sold,
            per_buyer_limit: self.per_buyer_limit,
            state,
            starts_at: self.starts_at.clone(),
            ends_at: self.closes_at().to_string(),
            starts_in_seconds: if open {
                seconds(parse(&self.starts_at))
            } else {
                0
            },
            seconds_left: if running {
                seconds(self.closes_at())
            } else {
                0
            },
        }
    }
}

/// A timestamp this module wrote.
fn parse(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap_or(Timestamp::EPOCH)
}

/// Writes `deal`; `false` when its product already has a deal not yet
/// ended on the same stream (the partial unique index `flash_deals_running`).
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    deal: &NewDeal<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO flash_deals (id, stream_id, product_id, variant_id, price, units, units_left,
                                  per_buyer_limit, starts_at, ends_at, created_at, request_key,
                                  request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (stream_id, product_id) WHERE ended_at IS NULL DO NOTHING",
    )
    .bind(deal.id)
    .bind(deal.stream_id)
    .bind(deal.product_id)
    .bind(deal.variant_id)
    .bind(deal.price)
    .bind(i64::from(deal.units))
    .bind(i64::from(deal.per_buyer_limit))
    .bind(deal.starts_at.to_string())
    .bind(deal.ends_at.to_string())
    .bind(deal.at.to_string())
    .bind(deal.request.map(|(key, _)| key))
    .bind(deal.request.map(|(_, hash)| hash))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The id and request hash of the deal stream `stream_id` started for
/// request key `key`, if any.
pub(crate) async fn by_request(
    conn: &mut AnyConnection,
    stream_id: &str,
    key: &str,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, request_hash FROM flash_deals WHERE stream_id = $1 AND request_key = $2",
    )
    .bind(stream_id)
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// Takes `units` of `variant_id`'s stock for a deal if that many are in
/// stock.
pub(crate) async fn set_aside(
    conn: &mut AnyConnection,
    variant_id: &str,
    units: u32,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE variants SET stock = stock - $1 WHERE id = $2 AND stock >= $1")
        .bind(i64::from(units))
        .bind(variant_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deal `deal_id`, if there is one.
pub(crate) async fn deal(
    conn: &mut AnyConnection,
    deal_id: &str,
) -> Result<Option<Deal>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS} FROM {DEALS} WHERE d.id = $1"
    ))
    .bind(deal_id)
    .fetch_optional(conn)
    .await
}

/// Stream `stream_id`'s deals not yet ended, soonest first, then those
/// ended since `ended_since`, latest first.
pub(crate) async fn stream_deals(
    conn: &mut AnyConnection,
    stream_id: &str,
    ended_since: Timestamp,
) -> Result<Vec<Deal>, sqlx::Error> {
    let mut deals: Vec<Deal> = sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS} FROM {DEALS}
          WHERE d.stream_id = $1 AND (d.ended_at IS NULL OR d.ended_at >= $2)"
    ))
    .bind(stream_id)
    .bind(ended_since.to_string())
    .fetch_all(conn)
    .await?;
    deals.sort_by(|a, b| match (&a.ended_at, &b.ended_at) {
        (None, None) => a.starts_at.cmp(&b.starts_at),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => b.cmp(a),
    });
    Ok(deals)
}

/// Takes `quantity` deal units of `deal_id` if that many are left and the
/// deal is open at `now`, and counts them in its product's sold count:
/// the units left after, or `None` when it could not. On PostgreSQL one
/// statement, as the deal's row stays locked from here to the commit.
pub(crate) async fn take_units(
    conn: &mut AnyConnection,
    deal_id: &str,
    quantity: u32,
    now: Timestamp,
) -> Result<Option<u32>, sqlx::Error> {
    const TAKE: &str = "UPDATE flash_deals SET units_left = units_left - $1
                         WHERE id = $2 AND units_left >= $1 AND ended_at IS NULL
                           AND starts_at <= $3 AND ends_at > $3
                     RETURNING product_id, units_left";
    let quantity = i64::from(quantity);
    if conn.backend_name() == "PostgreSQL" {
        let left: Option<i64> = sqlx::query_scalar(&format!(
            "WITH taken AS ({TAKE}),
                  sold AS (UPDATE products SET sold_count = sold_count + $1
                            WHERE id IN (SELECT product_id FROM taken))
             SELECT units_left FROM taken"
        ))
        .bind(quantity)
        .bind(deal_id)
        .bind(now.to_string())
        .fetch_optional(conn)
        .await?;
        return left.map(super::narrow).transpose();
    }
    let taken: Option<(String, i64)> = sqlx::query_as(TAKE)
        .bind(quantity)
        .bind(deal_id)
        .bind(now.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    let Some((product_id, left)) = taken else {
        return Ok(None);
    };
    sqlx::query("UPDATE products SET sold_count = sold_count + $1 WHERE id = $2")
        .bind(quantity)
        .bind(product_id)
        .execute(conn)
        .await?;
    super::narrow(left).map(Some)
}

/// Deal `deal_id`, if there is one, and the units `user_id` bought at its
/// price.
pub(crate) async fn deal_for_buyer(
    conn: &mut AnyConnection,
    deal_id: &str,
    user_id: i64,
) -> Result<Option<(Deal, u32)>, sqlx::Error> {
    let row: Option<DealForBuyer> = sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS},
                CAST(COALESCE((SELECT b.units FROM flash_deal_buyers b
                                WHERE b.deal_id = d.id AND b.user_id = $2), 0)
                     AS BIGINT) AS bought
           FROM {DEALS} WHERE d.id = $1"
    ))
    .bind(deal_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| (row.deal, row.bought)))
}

/// Units `user_id` bought at deal `deal_id`'s price.
pub(crate) async fn bought(
    conn: &mut AnyConnection,
    deal_id: &str,
    user_id: i64,
) -> Result<u32, sqlx::Error> {
    let units: Option<i64> = sqlx::query_scalar(
        "SELECT units FROM flash_deal_buyers WHERE deal_id = $1 AND user_id = $2",
    )
    .bind(deal_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    super::narrow(units.unwrap_or(0))
}

/// Counts `quantity` more units for `user_id` at deal `deal_id`'s price if
/// that keeps them within `limit`.
pub(crate) async fn count_buyer(
    conn: &mut AnyConnection,
    deal_id: &str,
    user_id: i64,
    quantity: u32,
    limit: u32,
) -> Result<bool, sqlx::Error> {
    // SQLite needs a WHERE in an upsert's SELECT to parse it.
    let done = sqlx::query(
        "INSERT INTO flash_deal_buyers (deal_id, user_id, units)
         SELECT $1, $2, $3 WHERE $3 <= $4
         ON CONFLICT (deal_id, user_id) DO UPDATE SET units = flash_deal_buyers.units + excluded.units
          WHERE flash_deal_buyers.units + excluded.units <= $4",
    )
    .bind(deal_id)
    .bind(user_id)
    .bind(i64::from(quantity))
    .bind(i64::from(limit))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// For checkout `checkout_id`, just ended unpaid and its units put back in
/// the variants' stock: when it bought a deal's units, takes them off the
/// buyer's count (so the deal's `units_sold` counts orders not ended
/// unpaid, before and after it ends), and when the deal has not ended,
/// moves them from the stock back to the deal, so a checkout never paid
/// cannot close a running deal. A deal that has ended keeps what it gave
/// back, and the units stay in stock; so does one whose time ran out by
/// `now`, which the ticker is about to end.
pub(crate) async fn reclaim(
    conn: &mut AnyConnection,
    checkout_id: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let bought: Option<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT c.deal_id, c.user_id, d.variant_id,
                CAST((SELECT SUM(i.quantity) FROM order_items i JOIN orders o ON o.id = i.order_id
                       WHERE o.checkout_id = c.id AND i.variant_id = d.variant_id) AS BIGINT)
           FROM checkouts c JOIN flash_deals d ON d.id = c.deal_id
          WHERE c.id = $1",
    )
    .bind(checkout_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((deal_id, user_id, variant_id, units)) = bought else {
        return Ok(());
    };
    let back = sqlx::query(
        "UPDATE flash_deals SET units_left = units_left + $2
          WHERE id = $1 AND ended_at IS NULL AND ends_at > $3",
    )
    .bind(&deal_id)
    .bind(units)
    .bind(now.to_string())
    .execute(&mut *conn)
    .await?;
    if back.rows_affected() == 1 {
        sqlx::query("UPDATE variants SET stock = stock - $2 WHERE id = $1")
            .bind(&variant_id)
            .bind(units)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "DELETE FROM flash_deal_buyers WHERE deal_id = $1 AND user_id = $2 AND units <= $3",
    )
    .bind(&deal_id)
    .bind(user_id)
    .bind(units)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE flash_deal_buyers SET units = units - $3 WHERE deal_id = $1 AND user_id = $2",
    )
    .bind(&deal_id)
    .bind(user_id)
    .bind(units)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The flash deal quote `quote_id` was made through, if any.
pub(crate) async fn quote_deal(
    conn: &mut AnyConnection,
    quote_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let deal: Option<Option<String>> =
        sqlx::query_scalar("SELECT deal_id FROM quotes WHERE id = $1")
            .bind(quote_id)
            .fetch_optional(conn)
            .await?;
    Ok(deal.flatten())
}

/// The flash deal whose units checkout `checkout_id` bought, if any.
pub(crate) async fn checkout_deal(
    conn: &mut AnyConnection,
    checkout_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let deal: Option<Option<String>> =
        sqlx::query_scalar("SELECT deal_id FROM checkouts WHERE id = $1")
            .bind(checkout_id)
            .fetch_optional(conn)
            .await?;
    Ok(deal.flatten())
}

/// Ends deal `deal_id` at `now` if it has not ended, giving its unsold
/// units back to its variant's stock; `false` when it had ended already.
pub(crate) async fn end(
    conn: &mut AnyConnection,
    deal_id: &str,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let ended: Option<(String, i64)> = sqlx::query_as(
        "UPDATE flash_deals SET ended_at = $2, returned_units = units_left, units_left = 0
          WHERE id = $1 AND ended_at IS NULL
          RETURNING variant_id, returned_units",
    )
    .bind(deal_id)
    .bind(now.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((variant_id, returned)) = ended else {
        return Ok(false);
    };
    sqlx::query("UPDATE variants SET stock = stock + $1 WHERE id = $2")
        .bind(returned)
        .bind(variant_id)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Deals due to open or to end at `now`: (deal id, whether it is due to
/// end), those to open not yet marked as opened.
pub(crate) async fn due(
    conn: &mut AnyConnection,
    now: Timestamp,
) -> Result<Vec<(String, bool)>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, ends_at FROM flash_deals
          WHERE ended_at IS NULL AND (ends_at <= $1 OR (opened_at IS NULL AND starts_at <= $1))
          ORDER BY id",
    )
    .bind(now.to_string())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, ends_at)| (id, parse(&ends_at) <= now))
        .collect())
}

/// Marks deal `deal_id` as opened; `false` when it was already.
pub(crate) async fn mark_opened(
    conn: &mut AnyConnection,
    deal_id: &str,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE flash_deals SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL")
            .bind(deal_id)
            .bind(now.to_string())
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// What a quote made through a deal asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuotedDeal {
    /// The deal.
    pub deal_id: String,
    /// Units asked for.
    pub quantity: u32,
    /// Whether the quote holds the deal price.
    pub at_deal_price: bool,
}

/// Notes that quote `quote_id` was made through `deal`.
pub(crate) async fn note_quote(
    conn: &mut AnyConnection,
    quote_id: &str,
    deal: &QuotedDeal,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE quotes SET deal_id = $2, deal_quantity = $3, at_deal_price = $4 WHERE id = $1",
    )
    .bind(quote_id)
    .bind(&deal.deal_id)
    .bind(i64::from(deal.quantity))
    .bind(i64::from(deal.at_deal_price))
    .execute(conn)
    .await
    .map(drop)
}

/// The variant of product `product_id` a deal on stream `stream_id` would
/// sell, with its price and stock: `variant_id`, or the product's only
/// variant when `None`. `Err(found)` with how many variants the product
/// has when `variant_id` is `None` and that is not one; `Ok(None)` when the
/// product is not a listed product of the stream's showcase or the variant
/// is not the product's.
pub(crate) async fn deal_variant(
    conn: &mut AnyConnection,
    stream_id: &str,
    product_id: &str,
    variant_id: Option<&str>,
) -> Result<Result<Option<(String, i64, u32)>, usize>, sqlx::Error> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT v.id, v.price, v.stock
           FROM variants v
           JOIN listed_products p ON p.id = v.product_id
           JOIN stream_products sp ON sp.product_id = p.id AND sp.stream_id = $1
          WHERE v.product_id = $2
          ORDER BY v.position",
    )
    .bind(stream_id)
    .bind(product_id)
    .fetch_all(conn)
    .await?;
    let chosen = match variant_id {
        Some(id) => rows.into_iter().find(|row| row.0 == id),
        None if rows.len() <= 1 => rows.into_iter().next(),
        None => return Ok(Err(rows.len())),
    };
    chosen
        .map(|(id, price, stock)| Ok((id, price, super::narrow(stock)?)))
        .transpose()
        .map(Ok)
}

impl super::Store {
    /// A `deal` event for each deal of stream `stream_id` not yet ended, as
    /// it is now: what a live feed sends after its snapshot.
    pub async fn deal_events(
        &self,
        stream_id: &str,
    ) -> Result<Vec<etalase_contract::FeedEvent>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let now = Timestamp::now();
        let deals = stream_deals(&mut conn, stream_id, now).await?;
        Ok(deals
            .iter()
            .filter(|deal| deal.ended_at.is_none())
            .map(|deal| deal.at(now).into())
            .collect())
    }
}
