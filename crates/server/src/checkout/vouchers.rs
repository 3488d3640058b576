//! Voucher rules: when a voucher applies and what it takes off.

use etalase_contract::{ErrorCode, Rupiah};

use super::money::percent_down;
use crate::error::AppError;
use crate::time::Timestamp;

/// The vouchers as the store reads them; their rules are here.
pub use crate::store::{Rule, Scope, Voucher};

impl Scope {
    /// Whether a line of product `product_id` is one the voucher applies to.
    pub fn covers(&self, product_id: &str) -> bool {
        self.product_ids.contains(product_id)
    }

    /// The refusal of voucher `code` for a checkout with no line of the
    /// showcase; it blames `field`.
    pub fn nothing_covered(&self, code: &str, field: &str) -> AppError {
        AppError::Invalid {
            code: ErrorCode::VoucherNotApplicable,
            message: format!(
                "voucher {code} applies only to the products shown on stream {}, and none is in this checkout",
                self.stream_id
            ),
            field: Some(field.to_owned()),
        }
    }
}

impl Voucher {
    /// Whether it can be used at `now` by one more checkout; the error
    /// blames `field`.
    pub fn check_usable(&self, now: Timestamp, field: &str) -> Result<(), AppError> {
        if now < self.starts_at || now >= self.expires_at {
            return Err(AppError::Invalid {
                code: ErrorCode::VoucherExpired,
                message: format!(
                    "voucher {} is valid from {} to {}",
                    self.code, self.starts_at, self.expires_at
                ),
                field: Some(field.to_owned()),
            });
        }
        if self.unclaimed {
            return Err(AppError::Invalid {
                code: ErrorCode::VoucherNotApplicable,
                message: format!(
                    "voucher {} is a live voucher: claim it on the stream first (one checkout per claim)",
                    self.code
                ),
                field: Some(field.to_owned()),
            });
        }
        if self.used >= self.quota {
            return Err(AppError::Conflict {
                code: ErrorCode::VoucherExhausted,
                message: format!("voucher {} has been used up", self.code),
                field: Some(field.to_owned()),
            });
        }
        Ok(())
    }

    /// What it takes off `base` (goods), or why it does not apply; the
    /// error blames `field`.
    pub fn discount(&self, base: Rupiah, field: &str) -> Result<Rupiah, AppError> {
        self.check_min_spend(base, field)?;
        Ok(self.amount_off(base))
    }

    /// Whether `goods` reach the minimum spend; the error blames `field`.
    pub fn check_min_spend(&self, goods: Rupiah, field: &str) -> Result<(), AppError> {
        if goods < self.min_spend {
            return Err(AppError::Invalid {
                code: ErrorCode::VoucherNotApplicable,
                message: format!(
                    "voucher {} needs a minimum spend of {}",
                    self.code, self.min_spend
                ),
                field: Some(field.to_owned()),
            });
        }
        Ok(())
    }

    /// What it takes off `base`, never more than `base`.
    pub fn amount_off(&self, base: Rupiah) -> Rupiah {
        let discount = match self.rule {
            Rule::Percent { bp, cap } => {
                let off = percent_down(base, bp);
                cap.map_or(off, |cap| off.min(cap))
            }
            Rule::Fixed(amount) => amount,
        };
        discount.min(base).max(Rupiah::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use etalase_contract::VoucherKind;

    use super::*;
    use std::time::Duration;

    fn voucher(rule: Rule, min_spend: i64) -> Voucher {
        let now = Timestamp::now();
        Voucher {
            code: "HEMAT".into(),
            kind: VoucherKind::Platform,
            shop_id: None,
            rule,
            min_spend: Rupiah(min_spend),
            quota: 3,
            used: 0,
            starts_at: now.minus(Duration::from_secs(60)),
            expires_at: now.plus(Duration::from_secs(60)),
            unclaimed: false,
        }
    }

    #[test]
    fn a_percentage_rounds_down_and_stops_at_its_cap() {
        let ten = voucher(
            Rule::Percent {
                bp: 1_000,
                cap: Some(Rupiah(25_000)),
            },
            0,
        );
        assert_eq!(ten.discount(Rupiah(99_999), "v").unwrap(), Rupiah(9_999));
        assert_eq!(
            ten.discount(Rupiah(1_000_000), "v").unwrap(),
            Rupiah(25_000)
        );
    }

    #[test]
    fn a_fixed_amount_never_exceeds_the_base() {
        let off = voucher(Rule::Fixed(Rupiah(20_000)), 0);
        assert_eq!(off.discount(Rupiah(50_000), "v").unwrap(), Rupiah(20_000));
        assert_eq!(off.discount(Rupiah(12_000), "v").unwrap(), Rupiah(12_000));
    }

    #[test]
    fn minimum_spend_is_inclusive() {
        let off = voucher(Rule::Fixed(Rupiah(5_000)), 50_000);
        assert_eq!(off.discount(Rupiah(50_000), "v").unwrap(), Rupiah(5_000));
        let error = off.discount(Rupiah(49_999), "vouchers[0]").unwrap_err();
        assert!(matches!(
            error,
            AppError::Invalid { code: ErrorCode::VoucherNotApplicable, field: Some(ref f), .. } if f == "vouchers[0]"
        ));
    }

    #[test]
    fn expiry_and_quota_are_enforced() {
        let mut v = voucher(Rule::Fixed(Rupiah(1)), 0);
        let now = Timestamp::now();
        assert!(v.check_usable(now, "v").is_ok());
        assert!(matches!(
            v.check_usable(v.expires_at, "v"),
            Err(AppError::Invalid {
                code: ErrorCode::VoucherExpired,
                ..
            })
        ));
        assert!(matches!(
            v.check_usable(v.starts_at.minus(Duration::from_millis(1)), "v"),
            Err(AppError::Invalid {
                code: ErrorCode::VoucherExpired,
                ..
            })
        ));
        v.used = 3;
        assert!(matches!(
            v.check_usable(now, "v"),
            Err(AppError::Conflict {
                code: ErrorCode::VoucherExhausted,
                ..
            })
        ));
    }
}
