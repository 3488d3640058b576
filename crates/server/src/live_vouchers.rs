//! Live vouchers: a creator drops one on a stream, viewers claim it while
//! its countdown runs, and a claim is used at checkout.
//!
//! A dropped voucher is an ordinary platform voucher (percentage or amount,
//! cap, minimum spend, quota) within the platform's bounds ([`PERCENT`],
//! [`CAP`], [`AMOUNT`]), that applies only to a shopper holding an unused
//! claim of it and only to the products of the stream's showcase; pricing,
//! the checkout's use of its quota and the return of that use on cancel or
//! expiry are the common voucher code.
//! Claims are counted by a conditional update, so however many viewers tap
//! at once, no more than the quota get one. Every drop and every claim is
//! pushed to the stream's viewers as a `voucher` event with the claims left.

use std::time::Duration;

use etalase_contract::{
    CreatorVoucher, CreatorVoucherList, DropVoucher, ErrorCode, IdempotencyKey, LiveVoucher,
    LiveVoucherKind, Rupiah, StreamEvent,
};
use sqlx::AnyConnection;

use crate::creator::check_owner;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::creator::owns_stream;
use crate::store::live_vouchers::{self as store, Claim, NewLiveVoucher};
use crate::time::Timestamp;
use crate::AppState;

/// How long a claimed voucher can be used at checkout after claiming closes.
pub const USABLE_AFTER_CLAIMING: Duration = Duration::from_secs(24 * 60 * 60);

// The platform's bounds on a live voucher. The platform pays for it, and any
// user can become a creator in one call, so what a creator may give away is
// the platform's to set, not the creator's. Marketplaces bound creator drops
// the same way: creator and LIVE vouchers on TikTok Shop and Shopee are
// commonly a modest percentage with a cap of some tens of thousands of
// rupiah, or a small fixed amount. Half off and Rp100.000 leave room for a
// headline drop and still bound one checkout's cost to the platform to
// Rp100.000, whatever the kind; with the quota, a drop costs at most
// quota × Rp100.000. Besides, a voucher applies only to the products of the
// stream's showcase (decision 0022).

/// A fixed voucher's amount, in rupiah: Rp1.000 to Rp100.000.
pub const AMOUNT: (i64, i64) = (1_000, 100_000);
/// A percentage voucher's percent: 1 to 50.
pub const PERCENT: (i64, i64) = (1, 50);
/// A percentage voucher's cap, which it must have, in rupiah: Rp1.000 to
/// Rp100.000, the most a fixed voucher takes off.
pub const CAP: (i64, i64) = (1_000, 100_000);
/// The most claims a voucher may have.
const MAX_QUOTA: u32 = 100_000;
/// The longest claim window, in minutes.
const MAX_MINUTES: u32 = 60;

/// A drop's terms, checked: what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Terms {
    percent_bp: Option<u32>,
    amount: Option<i64>,
    max_discount: Option<i64>,
    min_spend: i64,
    quota: u32,
    window: Duration,
}

impl Terms {
    /// Checks `request` against the platform's bounds, blaming the field at
    /// fault (422 `invalid_field`, its message stating the range allowed).
    fn parse(request: &DropVoucher) -> Result<Self> {
        let in_range = |range: (i64, i64), value: i64| (range.0..=range.1).contains(&value);
        let (percent_bp, amount, max_discount) = match request.kind {
            LiveVoucherKind::Amount => {
                if !in_range(AMOUNT, request.value) {
                    return Err(AppError::invalid(
                        "value",
                        format!(
                            "an amount must be {} to {}",
                            Rupiah(AMOUNT.0),
                            Rupiah(AMOUNT.1)
                        ),
                    ));
                }
                if request.max_discount.is_some() {
                    return Err(AppError::invalid(
                        "max_discount",
                        "only a percentage voucher has a cap",
                    ));
                }
                (None, Some(request.value), None)
            }
            LiveVoucherKind::Percent => {
                // The range first: a huge value must not overflow the multiplication.
                let bp = Some(request.value)
                    .filter(|value| in_range(PERCENT, *value))
                    .and_then(|value| u32::try_from(value * 100).ok())
                    .ok_or_else(|| {
                        AppError::invalid(
                            "value",
                            format!("percent must be {} to {}", PERCENT.0, PERCENT.1),
                        )
                    })?;
                let cap_range = format!("{} to {}", Rupiah(CAP.0), Rupiah(CAP.1));
                let cap = request.max_discount.ok_or_else(|| {
                    AppError::invalid(
                        "max_discount",
                        format!(
                            "a percentage voucher needs a cap: max_discount must be {cap_range}"
                        ),
                    )
                })?;
                if !in_range(CAP, cap.0) {
                    return Err(AppError::invalid(
                        "max_discount",
                        format!("max_discount must be {cap_range}"),
                    ));
                }
                (Some(bp), None, Some(cap.0))
            }
        };
        if request.min_spend.0 < 0 {
            return Err(AppError::invalid(
                "min_spend",
                "min_spend must not be negative",
            ));
        }
        if !(1..=MAX_QUOTA).contains(&request.quota) {
            return Err(AppError::invalid(
                "quota",
                format!("quota is 1 to {MAX_QUOTA}"),
            ));
        }
        if !(1..=MAX_MINUTES).contains(&request.claimable_minutes) {
            return Err(AppError::invalid(
                "claimable_minutes",
                format!("claimable_minutes is 1 to {MAX_MINUTES}"),
            ));
        }
        Ok(Terms {
            percent_bp,
            amount,
            max_discount,
            min_spend: request.min_spend.0,
            quota: request.quota,
            window: Duration::from_secs(u64::from(request.claimable_minutes) * 60),
        })
    }
}

/// Drops `request`'s voucher on `user_id`'s stream `stream_id`: claimable
/// from now for its minutes, then usable for [`USABLE_AFTER_CLAIMING`] on
/// the products of the stream's showcase. The stream's viewers get it as a
/// `voucher` event. Answers the voucher, and whether it was dropped before
/// under the same `key`: a tap sent twice drops one voucher.
///
/// 404 for another creator's stream whatever the terms (ownership is
/// checked first, so the bounds tell a stranger nothing), then 422
/// `invalid_field` for a term out of the platform's bounds, and 422
/// `idempotency_key_reused` for `key` sent before with other terms.
pub async fn drop_voucher(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    request: &DropVoucher,
    key: Option<&IdempotencyKey>,
) -> Result<(LiveVoucher, bool)> {
    let hash = secret::fingerprint(request)?;
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    let terms = Terms::parse(request)?;
    if let Some(key) = key {
        if let Some(dropped) = store::by_request(&mut tx, stream_id, key.as_str()).await? {
            tx.rollback().await?;
            return replay(state, stream_id, dropped, &hash).await;
        }
    }
    let code = secret::new_id("LIVE")?.to_ascii_uppercase();
    let now = Timestamp::now();
    let claimable_until = now.plus(terms.window);
    let inserted = store::insert(
        &mut tx,
        &NewLiveVoucher {
            code: &code,
            stream_id,
            percent_bp: terms.percent_bp,
            amount: terms.amount,
            max_discount: terms.max_discount,
            min_spend: terms.min_spend,
            quota: terms.quota,
            at: now,
            claimable_until,
            usable_until: claimable_until.plus(USABLE_AFTER_CLAIMING),
            request: key.map(|key| (key.as_str(), hash.as_str())),
        },
    )
    .await;
    // The same key, sent twice at once: the other request dropped it.
    if let (Err(sqlx::Error::Database(error)), Some(key)) = (&inserted, key) {
        if error.is_unique_violation() {
            tx.rollback().await?;
            let mut conn = state.store.acquire().await?;
            if let Some(dropped) = store::by_request(&mut conn, stream_id, key.as_str()).await? {
                drop(conn);
                return replay(state, stream_id, dropped, &hash).await;
            }
            return Err(AppError::InProgress);
        }
    }
    inserted?;
    let voucher = voucher_now(&mut tx, stream_id, &code, now).await?;
    let event = StreamEvent::Voucher(voucher.clone());
    state
        .live
        .commit(tx, vec![(stream_id.to_owned(), event)])
        .await?;
    Ok((voucher, false))
}

/// The voucher `dropped` (its code and request hash) as it is now, for a
/// request of hash `hash` under the same key: 422 `idempotency_key_reused`
/// when that key came with other terms.
async fn replay(
    state: &AppState,
    stream_id: &str,
    (code, dropped_hash): (String, Option<String>),
    hash: &str,
) -> Result<(LiveVoucher, bool)> {
    if dropped_hash.as_deref() != Some(hash) {
        return Err(AppError::Invalid {
            code: ErrorCode::IdempotencyKeyReused,
            message: "this Idempotency-Key dropped a voucher with other terms".to_owned(),
            field: Some("Idempotency-Key".to_owned()),
        });
    }
    let mut conn = state.store.acquire().await?;
    let voucher = voucher_now(&mut conn, stream_id, &code, Timestamp::now()).await?;
    Ok((voucher, true))
}

/// Live voucher `code` of stream `stream_id` as viewers see it at `now`.
async fn voucher_now(
    conn: &mut AnyConnection,
    stream_id: &str,
    code: &str,
    now: Timestamp,
) -> Result<LiveVoucher> {
    let (voucher, _) = store::live_voucher(conn, stream_id, code, now)
        .await?
        .ok_or_else(|| AppError::Internal(format!("live voucher {code} vanished")))?;
    Ok(voucher)
}

/// How long a closed voucher stays in its creator's list.
const CLOSED_SHOWN: Duration = Duration::from_secs(60 * 60);

/// `user_id`'s stream `stream_id`'s live vouchers, claimable or closed in
/// the last hour, newest first, with their claims and uses. 404 for
/// another creator's stream.
pub async fn stream_vouchers(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
) -> Result<CreatorVoucherList> {
    let mut conn = state.store.acquire().await?;
    check_owner(&mut conn, user_id, stream_id).await?;
    let now = Timestamp::now();
    let vouchers =
        store::stream_vouchers(&mut conn, stream_id, now, now.minus(CLOSED_SHOWN)).await?;
    Ok(CreatorVoucherList { vouchers })
}

/// Closes claiming of voucher `code` on `user_id`'s stream `stream_id`
/// now; viewers get it as a `voucher` event with no time left. Claims
/// already made stay good at checkout for [`USABLE_AFTER_CLAIMING`] from
/// now, as after a countdown that ran out. Closing a
/// closed voucher changes nothing. 404 for another creator's stream or a
/// code the stream never dropped.
pub async fn close(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    code: &str,
) -> Result<CreatorVoucher> {
    let code = code.to_ascii_uppercase();
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    let now = Timestamp::now();
    let usable_until = now.plus(USABLE_AFTER_CLAIMING);
    let closed = store::close(&mut tx, stream_id, &code, now, usable_until).await?;
    let listed = store::stream_vouchers(&mut tx, stream_id, now, now.minus(CLOSED_SHOWN))
        .await?
        .into_iter()
        .find(|listed| listed.voucher.code == code);
    let Some(listed) = listed else {
        tx.rollback().await?;
        return Err(AppError::NotFound(format!(
            "stream {stream_id:?} has no live voucher {code:?}"
        )));
    };
    let events = if closed {
        vec![(
            stream_id.to_owned(),
            StreamEvent::Voucher(listed.voucher.clone()),
        )]
    } else {
        Vec::new()
    };
    state.live.commit(tx, events).await?;
    Ok(listed)
}

/// Claims live voucher `code` of stream `stream_id` for `user_id`. Claiming
/// again answers the same; the stream's viewers hear of the claims left.
///
/// 404 for a code the stream never dropped, 422 `voucher_expired` once its
/// countdown ended, 409 `voucher_exhausted` when every claim is taken.
pub async fn claim(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    code: &str,
) -> Result<LiveVoucher> {
    let code = code.to_ascii_uppercase();
    let now = Timestamp::now();
    let mut tx = state.store.begin_write().await?;
    let (_, open) = store::live_voucher(&mut tx, stream_id, &code, now)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(format!("stream {stream_id:?} has no live voucher {code:?}"))
        })?;
    // A creator's own vouchers are for their viewers, not for themselves.
    if owns_stream(&mut tx, user_id, stream_id).await? {
        tx.rollback().await?;
        return Err(AppError::Invalid {
            code: ErrorCode::VoucherNotApplicable,
            message: format!("voucher {code} is for the viewers of the stream, not its creator"),
            field: None,
        });
    }
    let outcome = store::claim(&mut tx, &code, user_id, now).await?;
    let refused = match outcome {
        Claim::Again => None,
        _ if !open => Some(AppError::Invalid {
            code: ErrorCode::VoucherExpired,
            message: format!("voucher {code} can no longer be claimed"),
            field: None,
        }),
        Claim::Exhausted => Some(AppError::Conflict {
            code: ErrorCode::VoucherExhausted,
            message: format!("every claim of voucher {code} is taken"),
            field: None,
        }),
        Claim::New => None,
    };
    if let Some(error) = refused {
        tx.rollback().await?;
        return Err(error);
    }
    let (voucher, _) = store::live_voucher(&mut tx, stream_id, &code, now)
        .await?
        .ok_or_else(|| AppError::Internal(format!("live voucher {code} vanished")))?;
    let events = if outcome == Claim::New {
        vec![(stream_id.to_owned(), StreamEvent::Voucher(voucher.clone()))]
    } else {
        Vec::new()
    };
    state.live.commit(tx, events).await?;
    Ok(voucher)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(kind: LiveVoucherKind, value: i64) -> DropVoucher {
        DropVoucher {
            kind,
            value,
            max_discount: (kind == LiveVoucherKind::Percent).then_some(Rupiah(25_000)),
            min_spend: Rupiah::ZERO,
            quota: 10,
            claimable_minutes: 5,
        }
    }

    fn refusal(request: &DropVoucher) -> (Option<String>, String) {
        match Terms::parse(request) {
            Err(AppError::Invalid { field, message, .. }) => (field, message),
            other => panic!("{other:?}"),
        }
    }

    fn field(request: &DropVoucher) -> Option<String> {
        refusal(request).0
    }

    #[test]
    fn percentages_become_basis_points_and_amounts_stay_rupiah() {
        let ten = Terms::parse(&dropped(LiveVoucherKind::Percent, 10)).unwrap();
        assert_eq!(
            (ten.percent_bp, ten.amount, ten.max_discount),
            (Some(1_000), None, Some(25_000))
        );
        assert_eq!(ten.window, Duration::from_secs(300));
        let fixed = Terms::parse(&dropped(LiveVoucherKind::Amount, 15_000)).unwrap();
        assert_eq!(
            (fixed.percent_bp, fixed.amount, fixed.max_discount),
            (None, Some(15_000), None)
        );
    }

    #[test]
    fn the_platforms_bounds_are_inclusive_and_each_refusal_states_its_range() {
        let percent = |value: i64, cap: Option<i64>| DropVoucher {
            max_discount: cap.map(Rupiah),
            ..dropped(LiveVoucherKind::Percent, value)
        };
        for ok in [
            percent(PERCENT.0, Some(CAP.0)),
            percent(PERCENT.1, Some(CAP.1)),
            dropped(LiveVoucherKind::Amount, AMOUNT.0),
            dropped(LiveVoucherKind::Amount, AMOUNT.1),
        ] {
            assert!(Terms::parse(&ok).is_ok(), "{ok:?}");
        }
        for (request, field, message) in [
            (
                percent(51, Some(25_000)),
                "value",
                "percent must be 1 to 50",
            ),
            (percent(0, Some(25_000)), "value", "percent must be 1 to 50"),
            (percent(90, None), "value", "percent must be 1 to 50"),
            (
                percent(10, None),
                "max_discount",
                "a percentage voucher needs a cap: max_discount must be Rp1.000 to Rp100.000",
            ),
            (
                percent(10, Some(100_001)),
                "max_discount",
                "max_discount must be Rp1.000 to Rp100.000",
            ),
            (
                percent(10, Some(999)),
                "max_discount",
                "max_discount must be Rp1.000 to Rp100.000",
            ),
            (
                dropped(LiveVoucherKind::Amount, 100_001),
                "value",
                "an amount must be Rp1.000 to Rp100.000",
            ),
            (
                dropped(LiveVoucherKind::Amount, 999),
                "value",
                "an amount must be Rp1.000 to Rp100.000",
            ),
        ] {
            assert_eq!(
                refusal(&request),
                (Some(field.to_owned()), message.to_owned()),
                "{request:?}"
            );
        }
    }

    #[test]
    fn each_bad_term_is_named() {
        assert_eq!(
            field(&dropped(LiveVoucherKind::Percent, 91)).as_deref(),
            Some("value")
        );
        assert_eq!(
            field(&dropped(LiveVoucherKind::Percent, i64::MAX)).as_deref(),
            Some("value")
        );
        let capped_amount = DropVoucher {
            max_discount: Some(Rupiah(5_000)),
            ..dropped(LiveVoucherKind::Amount, 5_000)
        };
        assert_eq!(field(&capped_amount).as_deref(), Some("max_discount"));
        let no_quota = DropVoucher {
            quota: 0,
            ..dropped(LiveVoucherKind::Amount, 5_000)
        };
        assert_eq!(field(&no_quota).as_deref(), Some("quota"));
        let too_long = DropVoucher {
            claimable_minutes: 61,
            ..dropped(LiveVoucherKind::Amount, 5_000)
        };
        assert_eq!(field(&too_long).as_deref(), Some("claimable_minutes"));
        let negative = DropVoucher {
            min_spend: Rupiah(-1),
            ..dropped(LiveVoucherKind::Amount, 5_000)
        };
        assert_eq!(field(&negative).as_deref(), Some("min_spend"));
    }
}
