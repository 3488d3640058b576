//! Live vouchers: written when a creator drops one, claimed by viewers,
//! a claim used by one checkout and given back if it ends unpaid.
//!
//! A live voucher is a `vouchers` row (a platform voucher, so pricing and
//! the checkout's quota use are the common code) plus a `live_vouchers` row:
//! its stream, its claim window and its claims' count. Claims are taken with
//! a conditional update, never read-then-write.

use etalase_contract::{CreatorVoucher, LiveVoucher, LiveVoucherKind, Rupiah, VoucherKind};
use sqlx::AnyConnection;

use crate::store::Stored;
use crate::time::Timestamp;

/// A live voucher to write.
pub(crate) struct NewLiveVoucher<'a> {
    pub code: &'a str,
    pub stream_id: &'a str,
    /// Basis points of a percentage voucher.
    pub percent_bp: Option<u32>,
    /// The amount of a fixed voucher.
    pub amount: Option<i64>,
    pub max_discount: Option<i64>,
    pub min_spend: i64,
    pub quota: u32,
    pub at: Timestamp,
    pub claimable_until: Timestamp,
    /// Until when a claim can be used at checkout.
    pub usable_until: Timestamp,
    /// The creator's `Idempotency-Key` and a hash of the request, if sent.
    pub request: Option<(&'a str, &'a str)>,
}

/// What [`claim`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    /// A new claim, counted against the quota.
    New,
    /// The user had claimed it before; nothing changed.
    Again,
    /// No claim is left.
    Exhausted,
}

#[derive(sqlx::FromRow)]
struct LiveRow {
    code: String,
    percent_bp: Option<i64>,
    amount: Option<i64>,
    max_discount: Option<i64>,
    min_spend: i64,
    #[sqlx(try_from = "i64")]
    quota_left: u32,
    claimable_until: String,
}

/// The columns of a [`LiveRow`], and the tables they come from.
const LIVE_SELECT_WITH: &str = "SELECT l.code, v.percent_bp, v.amount, v.max_discount,
        v.min_spend, l.quota - l.claimed AS quota_left, l.claimable_until";
const LIVE_FROM: &str = "FROM live_vouchers l JOIN vouchers v ON v.code = l.code";

impl LiveRow {
    fn at(self, now: Timestamp) -> LiveVoucher {
        let (kind, value) = match (self.percent_bp, self.amount) {
            (Some(bp), _) => (LiveVoucherKind::Percent, bp / 100),
            (None, amount) => (LiveVoucherKind::Amount, amount.unwrap_or(0)),
        };
        // Written by this module in this format.
        let until = Timestamp::parse(&self.claimable_until).unwrap_or(Timestamp::EPOCH);
        let left = now.until(until);
        let seconds_left = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        LiveVoucher {
            code: self.code,
            kind,
            value,
            max_discount: self.max_discount.map(Rupiah),
            min_spend: Rupiah(self.min_spend),
            quota_left: self.quota_left,
            claimable_until: self.claimable_until,
            // At most an hour, by the drop's limits.
            seconds_left: u32::try_from(seconds_left).unwrap_or(u32::MAX),
        }
    }
}

/// Writes `voucher`.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    voucher: &NewLiveVoucher<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO vouchers (code, kind, percent_bp, amount, max_discount, min_spend, quota,
                               starts_at, expires_at)
         VALUES ($1, $9, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(voucher.code)
    .bind(voucher.percent_bp.map(i64::from))
    .bind(voucher.amount)
    .bind(voucher.max_discount)
    .bind(voucher.min_spend)
    .bind(i64::from(voucher.quota))
    .bind(voucher.at.to_string())
    .bind(voucher.usable_until.to_string())
    .bind(Stored(VoucherKind::Platform))
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO live_vouchers (code, stream_id, quota, claimable_until, created_at,
                                    request_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(voucher.code)
    .bind(voucher.stream_id)
    .bind(i64::from(voucher.quota))
    .bind(voucher.claimable_until.to_string())
    .bind(voucher.at.to_string())
    .bind(voucher.request.map(|(key, _)| key))
    .bind(voucher.request.map(|(_, hash)| hash))
    .execute(conn)
    .await
    .map(drop)
}

/// Live voucher `code` of stream `stream_id` as viewers see it at `now`,
/// and whether it can still be claimed then.
pub(crate) async fn live_voucher(
    conn: &mut AnyConnection,
    stream_id: &str,
    code: &str,
    now: Timestamp,
) -> Result<Option<(LiveVoucher, bool)>, sqlx::Error> {
    let row: Option<LiveRow> = sqlx::query_as(&format!(
        "{LIVE_SELECT_WITH} {LIVE_FROM} WHERE l.stream_id = $1 AND l.code = $2"
    ))
    .bind(stream_id)
    .bind(code)
    .fetch_optional(conn)
    .await?;
    let now_text = now.to_string();
    Ok(row.map(|row| {
        let open = row.claimable_until > now_text;
        (row.at(now), open)
    }))
}

/// The code and request hash of the voucher stream `stream_id` dropped
/// for request key `key`, if any.
pub(crate) async fn by_request(
    conn: &mut AnyConnection,
    stream_id: &str,
    key: &str,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, request_hash FROM live_vouchers WHERE stream_id = $1 AND request_key = $2",
    )
    .bind(stream_id)
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// Stream `stream_id`'s live vouchers claimable at `now` or closed since
/// `since`, newest first, as their creator sees them.
pub(crate) async fn stream_vouchers(
    conn: &mut AnyConnection,
    stream_id: &str,
    now: Timestamp,
    since: Timestamp,
) -> Result<Vec<CreatorVoucher>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        live: LiveRow,
        #[sqlx(try_from = "i64")]
        quota: u32,
        #[sqlx(try_from = "i64")]
        used: u32,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{LIVE_SELECT_WITH}, l.quota,
                (SELECT COUNT(*) FROM voucher_claims c WHERE c.code = l.code AND c.used = 1) AS used
           {LIVE_FROM}
          WHERE l.stream_id = $1 AND l.claimable_until > $2
          ORDER BY l.created_at DESC, l.code"
    ))
    .bind(stream_id)
    .bind(since.to_string())
    .fetch_all(conn)
    .await?;
    let now_text = now.to_string();
    Ok(rows
        .into_iter()
        .map(|row| CreatorVoucher {
            claimable: row.live.claimable_until > now_text,
            voucher: row.live.at(now),
            quota: row.quota,
            used: row.used,
        })
        .collect())
}

/// Closes claiming of voucher `code` of stream `stream_id` at `now`, its
/// claims usable until `usable_until` from then; `false` when it was
/// closed already (or is not the stream's).
pub(crate) async fn close(
    conn: &mut AnyConnection,
    stream_id: &str,
    code: &str,
    now: Timestamp,
    usable_until: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE live_vouchers SET claimable_until = $3
          WHERE stream_id = $1 AND code = $2 AND claimable_until > $3 AND created_at < $3",
    )
    .bind(stream_id)
    .bind(code)
    .bind(now.to_string())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE vouchers SET expires_at = $2 WHERE code = $1")
        .bind(code)
        .bind(usable_until.to_string())
        .execute(conn)
        .await?;
    Ok(true)
}

/// The live vouchers of stream `stream_id` that can be claimed at `now`,
/// newest first.
pub(crate) async fn claimable(
    conn: &mut AnyConnection,
    stream_id: &str,
    now: Timestamp,
) -> Result<Vec<LiveVoucher>, sqlx::Error> {
    let rows: Vec<LiveRow> = sqlx::query_as(&format!(
        "{LIVE_SELECT_WITH} {LIVE_FROM} WHERE l.stream_id = $1 AND l.claimable_until > $2
          ORDER BY l.created_at DESC, l.code"
    ))
    .bind(stream_id)
    .bind(now.to_string())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| row.at(now)).collect())
}

/// Claims live voucher `code` for `user_id` at `now`. On
/// [`Claim::Exhausted`] the claim row is written but not counted: roll back.
pub(crate) async fn claim(
    conn: &mut AnyConnection,
    code: &str,
    user_id: i64,
    now: Timestamp,
) -> Result<Claim, sqlx::Error> {
    let fresh = sqlx::query(
        "INSERT INTO voucher_claims (code, user_id, claimed_at) VALUES ($1, $2, $3)
         ON CONFLICT (code, user_id) DO NOTHING",
    )
    .bind(code)
    .bind(user_id)
    .bind(now.to_string())
    .execute(&mut *conn)
    .await?;
    if fresh.rows_affected() == 0 {
        return Ok(Claim::Again);
    }
    let counted = sqlx::query(
        "UPDATE live_vouchers SET claimed = claimed + 1 WHERE code = $1 AND claimed < quota",
    )
    .bind(code)
    .execute(conn)
    .await?;
    Ok(if counted.rows_affected() == 1 {
        Claim::New
    } else {
        Claim::Exhausted
    })
}

/// Uses `user_id`'s claim of voucher `code` for a checkout; `false` when
/// `code` is a live voucher and the user has no unused claim of it. Other
/// vouchers need no claim.
pub(crate) async fn use_claim(
    conn: &mut AnyConnection,
    user_id: i64,
    code: &str,
) -> Result<bool, sqlx::Error> {
    let used = sqlx::query(
        "UPDATE voucher_claims SET used = 1 WHERE code = $1 AND user_id = $2 AND used = 0",
    )
    .bind(code)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    if used.rows_affected() == 1 {
        return Ok(true);
    }
    sqlx::query_scalar::<_, super::Flag>(
        "SELECT NOT EXISTS (SELECT 1 FROM live_vouchers WHERE code = $1)",
    )
    .bind(code)
    .fetch_one(conn)
    .await
    .map(bool::from)
}

/// Gives back the claims checkout `checkout_id` used, for its shopper to
/// use again.
pub(crate) async fn release_claims(
    conn: &mut AnyConnection,
    checkout_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE voucher_claims SET used = 0
          WHERE used = 1
            AND user_id = (SELECT user_id FROM checkouts WHERE id = $1)
            AND code IN (SELECT code FROM checkout_vouchers WHERE checkout_id = $1)",
    )
    .bind(checkout_id)
    .execute(conn)
    .await
    .map(drop)
}
