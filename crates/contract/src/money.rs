//! Money: whole rupiah in an `i64`, never a float.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Sub};

use crate::Locale;

/// An amount of money in whole Indonesian rupiah.
///
/// The rupiah has no minor unit in practice, so amounts are integers. Sums
/// saturate instead of wrapping, so an absurd amount can never turn negative.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Rupiah(pub i64);

impl Rupiah {
    /// Zero rupiah.
    pub const ZERO: Rupiah = Rupiah(0);

    /// The amount formatted for people in `locale`:
    /// `Rp1.250.000` in id-ID and `IDR 1,250,000` in en-US.
    pub fn format(self, locale: Locale) -> String {
        let prefix = match locale {
            Locale::IdId => "Rp",
            Locale::EnUs => "IDR ",
        };
        let sign = if self.0 < 0 { "-" } else { "" };
        format!(
            "{sign}{prefix}{}",
            locale.group_thousands(self.0.unsigned_abs())
        )
    }

    /// The saturating product of a unit price and a quantity.
    pub fn times(self, quantity: u32) -> Rupiah {
        Rupiah(self.0.saturating_mul(i64::from(quantity)))
    }
}

impl Add for Rupiah {
    type Output = Rupiah;
    fn add(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_add(other.0))
    }
}

impl Sub for Rupiah {
    type Output = Rupiah;
    fn sub(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_sub(other.0))
    }
}

impl fmt::Display for Rupiah {
    /// Displays in the default locale, id-ID.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(Locale::IdId))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_indonesian_with_dots_and_no_space() {
        assert_eq!(Rupiah(1_250_000).format(Locale::IdId), "Rp1.250.000");
        assert_eq!(Rupiah(999).format(Locale::IdId), "Rp999");
        assert_eq!(Rupiah(1_000).format(Locale::IdId), "Rp1.000");
        assert_eq!(Rupiah(0).format(Locale::IdId), "Rp0");
    }

    #[test]
    fn formats_english_with_code_and_commas() {
        assert_eq!(Rupiah(1_250_000).format(Locale::EnUs), "IDR 1,250,000");
        assert_eq!(Rupiah(15_000).format(Locale::EnUs), "IDR 15,000");
        assert_eq!(Rupiah(100_000).format(Locale::EnUs), "IDR 100,000");
    }

    #[test]
    fn formats_negative_amounts_with_a_leading_minus() {
        assert_eq!(Rupiah(-10_000).format(Locale::IdId), "-Rp10.000");
        assert_eq!(Rupiah(-10_000).format(Locale::EnUs), "-IDR 10,000");
    }

    #[test]
    fn formats_the_extremes_without_overflow() {
        assert_eq!(
            Rupiah(i64::MAX).format(Locale::EnUs),
            "IDR 9,223,372,036,854,775,807"
        );
        assert_eq!(
            Rupiah(i64::MIN).format(Locale::IdId),
            "-Rp9.223.372.036.854.775.808"
        );
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(Rupiah(i64::MAX) + Rupiah(1), Rupiah(i64::MAX));
        assert_eq!(Rupiah(i64::MIN) - Rupiah(1), Rupiah(i64::MIN));
        assert_eq!(Rupiah(i64::MAX / 2).times(3), Rupiah(i64::MAX));
        assert_eq!(Rupiah(12_500).times(4), Rupiah(50_000));
    }

    #[test]
    fn serializes_as_a_bare_integer() {
        assert_eq!(serde_json::to_string(&Rupiah(89_000)).unwrap(), "89000");
        assert_eq!(
            serde_json::from_str::<Rupiah>("89000").unwrap(),
            Rupiah(89_000)
        );
        assert!(serde_json::from_str::<Rupiah>("89000.5").is_err());
    }
}
