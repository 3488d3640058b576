//! A flash deal's terms, checked before anything is written: every bad
//! value is a 422 `invalid_field` naming its field and stating the range
//! allowed.

use std::time::Duration;

use etalase_contract::{Rupiah, StartFlashDeal, MAX_UNITS_PER_VARIANT};

use crate::error::{AppError, Result};

/// How far ahead a deal is announced, in seconds: 10 s to 5 minutes, as
/// live-commerce flash deals count down.
pub const STARTS_IN: (u32, u32) = (10, 300);
/// How long a deal stays open, in minutes.
pub const MINUTES: (u32, u32) = (1, 20);
/// The most units one deal sets aside.
pub const MAX_UNITS: u32 = 10_000;
/// The highest per-buyer limit: the most of a variant one shopper may
/// hold in unpaid orders, so a buyer the deal allows is never refused by
/// the reservation limit first.
pub const MAX_PER_BUYER: u32 = MAX_UNITS_PER_VARIANT;

/// A deal's checked terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// The deal price, checked against the variant's price later.
    pub price: Rupiah,
    /// Units set aside.
    pub units: u32,
    /// Units one buyer may buy at the deal price.
    pub per_buyer_limit: u32,
    /// From now until it opens.
    pub starts_in: Duration,
    /// How long it stays open.
    pub length: Duration,
}

impl Terms {
    /// Checks `request`'s numbers; the price against the variant is
    /// [`Terms::check_price`]'s, once the variant is known.
    pub fn parse(request: &StartFlashDeal) -> Result<Self> {
        if request.price.0 < 1 {
            return Err(AppError::invalid("price", "price must be at least Rp1"));
        }
        if !(1..=MAX_UNITS).contains(&request.units) {
            return Err(AppError::invalid(
                "units",
                format!("units must be 1 to {MAX_UNITS}"),
            ));
        }
        if !(1..=MAX_PER_BUYER.min(request.units)).contains(&request.per_buyer_limit) {
            return Err(AppError::invalid(
                "per_buyer_limit",
                format!(
                    "per_buyer_limit must be 1 to {MAX_PER_BUYER} (the most of a variant \
                     one shopper may hold in unpaid orders), and at most units"
                ),
            ));
        }
        if !(STARTS_IN.0..=STARTS_IN.1).contains(&request.starts_in_seconds) {
            return Err(AppError::invalid(
                "starts_in_seconds",
                format!(
                    "starts_in_seconds must be {} to {}",
                    STARTS_IN.0, STARTS_IN.1
                ),
            ));
        }
        if !(MINUTES.0..=MINUTES.1).contains(&request.minutes) {
            return Err(AppError::invalid(
                "minutes",
                format!("minutes must be {} to {}", MINUTES.0, MINUTES.1),
            ));
        }
        Ok(Terms {
            price: request.price,
            units: request.units,
            per_buyer_limit: request.per_buyer_limit,
            starts_in: Duration::from_secs(u64::from(request.starts_in_seconds)),
            length: Duration::from_secs(u64::from(request.minutes) * 60),
        })
    }

    /// 422 naming `price` unless the deal price is below `normal`.
    pub fn check_price(&self, normal: Rupiah) -> Result<()> {
        if self.price < normal {
            Ok(())
        } else {
            Err(AppError::invalid(
                "price",
                format!("price must be below the normal price, {normal}"),
            ))
        }
    }

    /// 422 naming `units` unless `stock` units can be set aside.
    pub fn check_stock(&self, stock: u32) -> Result<()> {
        if self.units <= stock {
            Ok(())
        } else {
            Err(AppError::invalid(
                "units",
                format!("units must be at most the {stock} in stock"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> StartFlashDeal {
        StartFlashDeal {
            product_id: "p1".into(),
            variant_id: None,
            price: Rupiah(49_000),
            units: 50,
            per_buyer_limit: 1,
            starts_in_seconds: 30,
            minutes: 5,
        }
    }

    fn field(request: &StartFlashDeal) -> Option<String> {
        match Terms::parse(request) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_bounds_are_inclusive() {
        for ok in [
            StartFlashDeal {
                starts_in_seconds: 10,
                minutes: 1,
                units: 1,
                ..start()
            },
            StartFlashDeal {
                starts_in_seconds: 300,
                minutes: 20,
                units: MAX_UNITS,
                per_buyer_limit: MAX_PER_BUYER,
                ..start()
            },
        ] {
            assert!(Terms::parse(&ok).is_ok(), "{ok:?}");
        }
        let terms = Terms::parse(&start()).unwrap();
        assert_eq!(terms.starts_in, Duration::from_secs(30));
        assert_eq!(terms.length, Duration::from_secs(300));
    }

    #[test]
    fn each_bad_term_is_named() {
        for (request, name) in [
            (
                StartFlashDeal {
                    price: Rupiah(0),
                    ..start()
                },
                "price",
            ),
            (
                StartFlashDeal {
                    units: 0,
                    ..start()
                },
                "units",
            ),
            (
                StartFlashDeal {
                    units: MAX_UNITS + 1,
                    ..start()
                },
                "units",
            ),
            (
                StartFlashDeal {
                    per_buyer_limit: 0,
                    ..start()
                },
                "per_buyer_limit",
            ),
            (
                StartFlashDeal {
                    per_buyer_limit: MAX_PER_BUYER + 1,
                    ..start()
                },
                "per_buyer_limit",
            ),
            (
                StartFlashDeal {
                    units: 2,
                    per_buyer_limit: 3,
                    ..start()
                },
                "per_buyer_limit",
            ),
            (
                StartFlashDeal {
                    starts_in_seconds: 9,
                    ..start()
                },
                "starts_in_seconds",
            ),
            (
                StartFlashDeal {
                    starts_in_seconds: 301,
                    ..start()
                },
                "starts_in_seconds",
            ),
            (
                StartFlashDeal {
                    minutes: 0,
                    ..start()
                },
                "minutes",
            ),
            (
                StartFlashDeal {
                    minutes: 21,
                    ..start()
                },
                "minutes",
            ),
        ] {
            assert_eq!(field(&request).as_deref(), Some(name), "{request:?}");
        }
        let terms = Terms::parse(&start()).unwrap();
        assert!(terms.check_price(Rupiah(49_001)).is_ok());
        assert!(terms.check_price(Rupiah(49_000)).is_err());
        assert!(terms.check_stock(50).is_ok());
        assert!(terms.check_stock(49).is_err());
    }
}
