//! Live vouchers: a creator drops one on a stream, viewers claim it while
//! its countdown runs, and a claim is used at checkout.
//!
//! A dropped voucher is an ordinary platform voucher (percentage or amount,
//! cap, minimum spend, quota) that applies only to a shopper holding an
//! unused claim of it; pricing, the checkout's use of its quota and the
//! return of that use on cancel or expiry are the common voucher code.
//! Claims are counted by a conditional update, so however many viewers tap
//! at once, no more than the quota get one. Every drop and every claim is
//! pushed to the stream's viewers as a `voucher` event with the claims left.

use std::time::Duration;

use etalase_contract::{DropVoucher, ErrorCode, LiveVoucher, LiveVoucherKind, StreamEvent};

use crate::creator::check_owner;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::live_vouchers::{self as store, Claim, NewLiveVoucher};
use crate::time::Timestamp;
use crate::AppState;

/// How long a claimed voucher can be used at checkout after claiming closes.
pub const USABLE_AFTER_CLAIMING: Duration = Duration::from_secs(24 * 60 * 60);
/// The range of a fixed voucher's amount, in rupiah.
const AMOUNT: (i64, i64) = (1_000, 1_000_000);
/// The range of a percentage voucher's percent.
const PERCENT: (i64, i64) = (1, 90);
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
    /// Checks `request`, blaming the field at fault (422 `invalid_field`).
    fn parse(request: &DropVoucher) -> Result<Self> {
        let (percent_bp, amount) = match request.kind {
            LiveVoucherKind::Amount => {
                if !(AMOUNT.0..=AMOUNT.1).contains(&request.value) {
                    return Err(AppError::invalid(
                        "value",
                        format!("an amount is Rp{} to Rp{}", AMOUNT.0, AMOUNT.1),
                    ));
                }
                if request.max_discount.is_some() {
                    return Err(AppError::invalid(
                        "max_discount",
                        "only a percentage voucher has a cap",
                    ));
                }
                (None, Some(request.value))
            }
            LiveVoucherKind::Percent => {
                // The range first: a huge value must not overflow the multiplication.
                let bp = Some(request.value)
                    .filter(|value| (PERCENT.0..=PERCENT.1).contains(value))
                    .and_then(|value| u32::try_from(value * 100).ok())
                    .ok_or_else(|| {
                        AppError::invalid(
                            "value",
                            format!("a percentage is {} to {}", PERCENT.0, PERCENT.1),
                        )
                    })?;
                (Some(bp), None)
            }
        };
        if request.max_discount.is_some_and(|cap| cap.0 < 1) {
            return Err(AppError::invalid("max_discount", "a cap is at least Rp1"));
        }
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
            max_discount: request.max_discount.map(|cap| cap.0),
            min_spend: request.min_spend.0,
            quota: request.quota,
            window: Duration::from_secs(u64::from(request.claimable_minutes) * 60),
        })
    }
}

/// Drops `request`'s voucher on `user_id`'s stream `stream_id`: claimable
/// from now for its minutes, then usable for [`USABLE_AFTER_CLAIMING`].
/// The stream's viewers get it as a `voucher` event.
pub async fn drop_voucher(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    request: &DropVoucher,
) -> Result<LiveVoucher> {
    let terms = Terms::parse(request)?;
    let code = secret::new_id("LIVE")?.to_ascii_uppercase();
    let now = Timestamp::now();
    let claimable_until = now.plus(terms.window);
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    store::insert(
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
        },
    )
    .await?;
    let (voucher, _) = store::live_voucher(&mut tx, stream_id, &code, now)
        .await?
        .ok_or_else(|| AppError::Internal(format!("live voucher {code} vanished")))?;
    let event = StreamEvent::Voucher(voucher.clone());
    state
        .live
        .commit(tx, vec![(stream_id.to_owned(), event)])
        .await?;
    Ok(voucher)
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
    use etalase_contract::Rupiah;

    fn dropped(kind: LiveVoucherKind, value: i64) -> DropVoucher {
        DropVoucher {
            kind,
            value,
            max_discount: None,
            min_spend: Rupiah::ZERO,
            quota: 10,
            claimable_minutes: 5,
        }
    }

    fn field(request: &DropVoucher) -> Option<String> {
        match Terms::parse(request) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn percentages_become_basis_points_and_amounts_stay_rupiah() {
        let ten = Terms::parse(&dropped(LiveVoucherKind::Percent, 10)).unwrap();
        assert_eq!((ten.percent_bp, ten.amount), (Some(1_000), None));
        assert_eq!(ten.window, Duration::from_secs(300));
        let fixed = Terms::parse(&dropped(LiveVoucherKind::Amount, 15_000)).unwrap();
        assert_eq!((fixed.percent_bp, fixed.amount), (None, Some(15_000)));
    }

    #[test]
    fn each_bad_term_is_named() {
        assert_eq!(
            field(&dropped(LiveVoucherKind::Percent, 91)).as_deref(),
            Some("value")
        );
        assert_eq!(
            field(&dropped(LiveVoucherKind::Percent, 0)).as_deref(),
            Some("value")
        );
        assert_eq!(
            field(&dropped(LiveVoucherKind::Amount, 999)).as_deref(),
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
