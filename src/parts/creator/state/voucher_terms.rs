//! [`read_voucher`]: a live voucher's terms as the creator typed them,
//! read the Indonesian way and checked against the platform's bounds, every
//! wrong one named at once before anything is sent.

use std::ops::RangeInclusive;

use etalase_contract::{DropVoucher, LiveVoucherKind, Rupiah};

use super::number::{rupiah, whole_number};

/// A fixed amount off: Rp1.000 to Rp100.000.
pub const AMOUNT: RangeInclusive<u32> = 1_000..=100_000;
/// A percentage off: 1 to 50.
pub const PERCENT: RangeInclusive<u32> = 1..=50;
/// A percentage's cap: Rp1.000 to Rp100.000.
pub const CAP: RangeInclusive<u32> = 1_000..=100_000;
/// How many viewers may claim it: 1 to 100.000.
pub const QUOTA: RangeInclusive<u32> = 1..=100_000;
/// How long it may be claimed: 1 to 60 minutes.
pub const MINUTES: RangeInclusive<u32> = 1..=60;

/// The fields of the voucher form, in the order of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoucherField {
    /// The amount or percentage off.
    Value,
    /// A percentage's cap.
    MaxDiscount,
    /// The minimum spend.
    MinSpend,
    /// The claims allowed.
    Quota,
    /// The minutes it may be claimed.
    Minutes,
}

impl VoucherField {
    /// Every field, in the order of the form's values.
    pub const ALL: [VoucherField; 5] = [
        VoucherField::Value,
        VoucherField::MaxDiscount,
        VoucherField::MinSpend,
        VoucherField::Quota,
        VoucherField::Minutes,
    ];

    /// The field a refusal's `field` names, by the contract's field names.
    pub fn named(field: &str) -> Option<VoucherField> {
        Some(match field {
            "value" => VoucherField::Value,
            "max_discount" => VoucherField::MaxDiscount,
            "min_spend" => VoucherField::MinSpend,
            "quota" => VoucherField::Quota,
            "claimable_minutes" => VoucherField::Minutes,
            _ => return None,
        })
    }

    /// Whether the field holds rupiah (read by [`rupiah`]) for `kind`.
    pub fn is_money(self, kind: LiveVoucherKind) -> bool {
        match self {
            VoucherField::Value => kind == LiveVoucherKind::Amount,
            VoucherField::MaxDiscount | VoucherField::MinSpend => true,
            VoucherField::Quota | VoucherField::Minutes => false,
        }
    }
}

/// A wrong term: its field, and whether it held a number at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistake {
    /// The field.
    pub field: VoucherField,
    /// `false` when the text is not a number (an amount for a money field).
    pub number: bool,
}

/// The voucher `texts` (value, cap, minimum spend, quota, minutes) say for
/// `kind`, or every wrong term, in the form's order. A blank minimum spend
/// is none; the cap counts only for a percentage, which needs one; a
/// percentage may end with `%`.
pub fn read_voucher(
    kind: LiveVoucherKind,
    texts: &[String; 5],
) -> Result<DropVoucher, Vec<Mistake>> {
    let percent = kind == LiveVoucherKind::Percent;
    let read = |field: VoucherField, text: &str| {
        let text = text.trim();
        match field {
            VoucherField::MinSpend if text.is_empty() => Some(0),
            VoucherField::Value if percent => {
                whole_number(text.strip_suffix('%').unwrap_or(text).trim_end())
            }
            _ if field.is_money(kind) => rupiah(text),
            _ => whole_number(text),
        }
    };
    let numbers = VoucherField::ALL.map(|field| read(field, &texts[field as usize]));
    let fits = |field: VoucherField, number: u32| match field {
        VoucherField::Value if percent => PERCENT.contains(&number),
        VoucherField::Value => AMOUNT.contains(&number),
        VoucherField::MaxDiscount => CAP.contains(&number),
        VoucherField::MinSpend => true,
        VoucherField::Quota => QUOTA.contains(&number),
        VoucherField::Minutes => MINUTES.contains(&number),
    };
    let mistakes: Vec<Mistake> = VoucherField::ALL
        .into_iter()
        .filter(|field| percent || *field != VoucherField::MaxDiscount)
        .filter_map(|field| match numbers[field as usize] {
            Some(number) if fits(field, number) => None,
            number => Some(Mistake {
                field,
                number: number.is_some(),
            }),
        })
        .collect();
    if !mistakes.is_empty() {
        return Err(mistakes);
    }
    let number = |field: VoucherField| numbers[field as usize].unwrap_or_default();
    Ok(DropVoucher {
        kind,
        value: i64::from(number(VoucherField::Value)),
        max_discount: percent.then(|| Rupiah(i64::from(number(VoucherField::MaxDiscount)))),
        min_spend: Rupiah(i64::from(number(VoucherField::MinSpend))),
        quota: number(VoucherField::Quota),
        claimable_minutes: number(VoucherField::Minutes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(values: [&str; 5]) -> [String; 5] {
        values.map(String::from)
    }

    #[test]
    fn reads_the_terms_the_indonesian_way() {
        let amount = read_voucher(
            LiveVoucherKind::Amount,
            &texts(["15rb", "99", "Rp50.000", "100", "5"]),
        );
        assert_eq!(
            amount,
            Ok(DropVoucher {
                kind: LiveVoucherKind::Amount,
                value: 15_000,
                max_discount: None,
                min_spend: Rupiah(50_000),
                quota: 100,
                claimable_minutes: 5,
            }),
            "an amount's cap is not read"
        );
        let percent = read_voucher(
            LiveVoucherKind::Percent,
            &texts(["10%", "25rb", "", "1.000", "60"]),
        );
        assert_eq!(
            percent.map(|v| (v.value, v.max_discount, v.min_spend, v.quota)),
            Ok((10, Some(Rupiah(25_000)), Rupiah(0), 1_000))
        );
    }

    #[test]
    fn every_wrong_term_is_named_at_once() {
        // The issue's: 95 %, Rp500, 120 minutes, and "abc".
        let wrong = read_voucher(
            LiveVoucherKind::Percent,
            &texts(["95", "", "abc", "0", "120"]),
        );
        assert_eq!(
            wrong,
            Err(vec![
                Mistake {
                    field: VoucherField::Value,
                    number: true
                },
                Mistake {
                    field: VoucherField::MaxDiscount,
                    number: false
                },
                Mistake {
                    field: VoucherField::MinSpend,
                    number: false
                },
                Mistake {
                    field: VoucherField::Quota,
                    number: true
                },
                Mistake {
                    field: VoucherField::Minutes,
                    number: true
                },
            ])
        );
        let small = read_voucher(
            LiveVoucherKind::Amount,
            &texts(["Rp500", "", "0", "1", "1"]),
        );
        assert_eq!(
            small,
            Err(vec![Mistake {
                field: VoucherField::Value,
                number: true
            }])
        );
        // A rupiah amount is not a percentage.
        let rupiah_as_percent = read_voucher(
            LiveVoucherKind::Percent,
            &texts(["15rb", "25rb", "0", "1", "1"]),
        );
        assert_eq!(
            rupiah_as_percent,
            Err(vec![Mistake {
                field: VoucherField::Value,
                number: false
            }])
        );
        // The bounds themselves are allowed.
        assert!(read_voucher(
            LiveVoucherKind::Amount,
            &texts(["1rb", "", "0", "100.000", "60"])
        )
        .is_ok());
        assert!(read_voucher(
            LiveVoucherKind::Percent,
            &texts(["50", "100rb", "0", "1", "1"])
        )
        .is_ok());
        assert_eq!(
            VoucherField::named("claimable_minutes"),
            Some(VoucherField::Minutes)
        );
    }
}
