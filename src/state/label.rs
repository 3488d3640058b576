//! [`PriceSpan`] and [`StockLevel`]: what a card and the product sheet say
//! of a product's price and of its stock.

use etalase_contract::Rupiah;

/// Stock at or below this many units reads "only N left".
pub const LOW_STOCK: u32 = 5;

/// The price to show for the current choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceSpan {
    /// One price, with the price before discount when discounted.
    One {
        /// The price now.
        price: Rupiah,
        /// The price before discount, if any.
        original: Option<Rupiah>,
    },
    /// The cheapest and dearest of the variants still possible.
    Range {
        /// The lowest price.
        low: Rupiah,
        /// The highest price.
        high: Rupiah,
    },
}

/// How much stock is left, in the words the sheet uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockLevel {
    /// Nothing left.
    SoldOut,
    /// At most [`LOW_STOCK`] units.
    Low(u32),
    /// More than [`LOW_STOCK`] units.
    Plenty(u32),
}

impl StockLevel {
    /// The level of `units` in stock.
    pub fn of(units: u32) -> Self {
        match units {
            0 => StockLevel::SoldOut,
            1..=LOW_STOCK => StockLevel::Low(units),
            _ => StockLevel::Plenty(units),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_levels_switch_at_five() {
        assert_eq!(StockLevel::of(0), StockLevel::SoldOut);
        assert_eq!(StockLevel::of(1), StockLevel::Low(1));
        assert_eq!(StockLevel::of(5), StockLevel::Low(5));
        assert_eq!(StockLevel::of(6), StockLevel::Plenty(6));
    }
}
