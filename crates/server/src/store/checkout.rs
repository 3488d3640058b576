//! What pricing reads (shops' provinces, vouchers, streams) and the quotes
//! it answered. The readers take a connection, so an order can read them
//! inside its own transaction.

use std::collections::{BTreeSet, HashMap};

use etalase_contract::{Quote, QuoteRequest, Rupiah, SavedAddress, VoucherKind, VoucherOffer};
use sqlx::AnyConnection;

use super::{Store, Stored};
use crate::time::Timestamp;

/// How a voucher's discount is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A percentage (in basis points) of the base, rounded down, up to a cap.
    Percent {
        /// 1% = 100.
        bp: u32,
        /// The most it takes off, if limited.
        cap: Option<Rupiah>,
    },
    /// A fixed amount (for free shipping: up to this much of the shipping).
    Fixed(Rupiah),
}

/// A voucher as stored; `checkout::vouchers` says when it applies and
/// what it takes off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    /// Upper-case code.
    pub code: String,
    /// Shop, platform or free shipping.
    pub kind: VoucherKind,
    /// The shop of a shop voucher.
    pub shop_id: Option<String>,
    /// What it takes off.
    pub rule: Rule,
    /// The least the base must be for it to apply.
    pub min_spend: Rupiah,
    /// How many checkouts may use it.
    pub quota: u32,
    /// How many have.
    pub used: u32,
    /// When it starts to apply.
    pub starts_at: Timestamp,
    /// When it stops.
    pub expires_at: Timestamp,
    /// A live voucher the shopper has no unused claim of: it does not apply
    /// until they claim it on the stream (a claim is good for one checkout).
    pub unclaimed: bool,
}

/// The products a live voucher applies to: those of the showcase of the
/// stream it was dropped on, as the showcase is when the checkout is
/// priced. A voucher without a scope applies to every line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The stream the voucher was dropped on.
    pub stream_id: String,
    /// The products of its showcase.
    pub product_ids: BTreeSet<String>,
}

#[derive(sqlx::FromRow)]
struct VoucherRow {
    code: String,
    kind: Stored<VoucherKind>,
    shop_id: Option<String>,
    percent_bp: Option<i64>,
    amount: Option<i64>,
    max_discount: Option<i64>,
    min_spend: i64,
    #[sqlx(try_from = "i64")]
    quota: u32,
    #[sqlx(try_from = "i64")]
    used: u32,
    starts_at: String,
    expires_at: String,
    #[sqlx(try_from = "super::Flag")]
    unclaimed: bool,
}

impl From<VoucherRow> for Voucher {
    fn from(row: VoucherRow) -> Self {
        let rule = match (row.percent_bp, row.amount) {
            (Some(bp), _) => Rule::Percent {
                // CHECK (percent_bp BETWEEN 1 AND 10000)
                bp: u32::try_from(bp).unwrap_or(0),
                cap: row.max_discount.map(Rupiah),
            },
            (None, amount) => Rule::Fixed(Rupiah(amount.unwrap_or(0))),
        };
        Voucher {
            code: row.code,
            kind: row.kind.0,
            shop_id: row.shop_id,
            rule,
            min_spend: Rupiah(row.min_spend),
            quota: row.quota,
            used: row.used,
            // Written by the seed in this format; unreadable ones never apply.
            starts_at: Timestamp::parse(&row.starts_at).unwrap_or(Timestamp::EPOCH),
            expires_at: Timestamp::parse(&row.expires_at).unwrap_or(Timestamp::EPOCH),
            unclaimed: row.unclaimed,
        }
    }
}

/// Each shop's province and region code, by shop id.
pub(crate) async fn shop_places(
    conn: &mut AnyConnection,
) -> Result<HashMap<String, (String, Option<String>)>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, province, region_code FROM shops")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, province, code)| (id, (province, code)))
        .collect())
}

/// The voucher with code `code`, if any, as it applies to `user_id`'s
/// checkout (a live voucher only with an unused claim).
pub(crate) async fn voucher(
    conn: &mut AnyConnection,
    code: &str,
    user_id: i64,
) -> Result<Option<Voucher>, sqlx::Error> {
    let row: Option<VoucherRow> = sqlx::query_as(
        "SELECT v.code, v.kind, v.shop_id, v.percent_bp, v.amount, v.max_discount, v.min_spend,
                v.quota, v.used, v.starts_at, v.expires_at,
                EXISTS (SELECT 1 FROM live_vouchers l WHERE l.code = v.code)
                AND NOT EXISTS (SELECT 1 FROM voucher_claims c
                                 WHERE c.code = v.code AND c.user_id = $2 AND c.used = 0)
                    AS unclaimed
           FROM vouchers v WHERE v.code = $1",
    )
    .bind(code)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Voucher::from))
}

/// The products live voucher `code` applies to: the showcase of the stream
/// it was dropped on, as it is now. `None` when `code` is no live voucher.
pub(crate) async fn live_scope(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<Scope>, sqlx::Error> {
    let stream_id: Option<String> =
        sqlx::query_scalar("SELECT stream_id FROM live_vouchers WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(stream_id) = stream_id else {
        return Ok(None);
    };
    let product_ids: Vec<String> =
        sqlx::query_scalar("SELECT product_id FROM stream_products WHERE stream_id = $1")
            .bind(&stream_id)
            .fetch_all(conn)
            .await?;
    Ok(Some(Scope {
        stream_id,
        product_ids: product_ids.into_iter().collect(),
    }))
}

/// The vouchers `user_id` can use at `now`: started, not expired, with
/// quota left, and a live voucher only with the user's unused claim;
/// platform first, then free shipping, then shop vouchers, each by code.
pub(crate) async fn offers(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<Vec<VoucherOffer>, sqlx::Error> {
    let rows: Vec<VoucherRow> = sqlx::query_as(
        "SELECT v.code, v.kind, v.shop_id, v.percent_bp, v.amount, v.max_discount, v.min_spend,
                v.quota, v.used, v.starts_at, v.expires_at, FALSE AS unclaimed
           FROM vouchers v
          WHERE v.starts_at <= $1 AND v.expires_at > $1 AND v.used < v.quota
            AND (NOT EXISTS (SELECT 1 FROM live_vouchers l WHERE l.code = v.code)
                 OR EXISTS (SELECT 1 FROM voucher_claims c
                             WHERE c.code = v.code AND c.user_id = $2 AND c.used = 0))
          ORDER BY CASE v.kind WHEN $3 THEN 0 WHEN $4 THEN 1 ELSE 2 END,
                   v.code",
    )
    .bind(now.to_string())
    .bind(user_id)
    .bind(Stored(VoucherKind::Platform))
    .bind(Stored(VoucherKind::FreeShipping))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(VoucherOffer::from).collect())
}

impl From<VoucherRow> for VoucherOffer {
    fn from(row: VoucherRow) -> Self {
        let voucher = Voucher::from(row);
        let (percent_bp, amount, max_discount) = match voucher.rule {
            Rule::Percent { bp, cap } => (Some(bp), None, cap),
            Rule::Fixed(amount) => (None, Some(amount), None),
        };
        VoucherOffer {
            kind: voucher.kind,
            shop_id: voucher.shop_id,
            percent_bp,
            amount,
            max_discount,
            min_spend: voucher.min_spend,
            expires_at: voucher.expires_at.to_string(),
            code: voucher.code,
        }
    }
}

/// Whether stream `stream_id` exists.
pub(crate) async fn stream_exists(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, super::Flag>("SELECT EXISTS (SELECT 1 FROM streams WHERE id = $1)")
        .bind(stream_id)
        .fetch_one(conn)
        .await
        .map(bool::from)
}

impl Store {
    /// Keeps quote `quote` (answered to `request`) of `user_id`.
    pub async fn save_quote(
        &self,
        user_id: i64,
        request: &QuoteRequest,
        quote: &Quote<SavedAddress>,
    ) -> Result<(), sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        super::orders::write_quote(&mut conn, user_id, request, quote).await
    }
}
