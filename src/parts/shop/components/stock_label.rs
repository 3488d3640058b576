//! [`stock_label`]: how many units are left, in words.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{count, fill, Text};
use crate::state::label::StockLevel;

/// "Habis" at 0, "Sisa 3" when low, "Stok 24" otherwise, announced when it changes.
pub fn stock_label(stock: u32, locale: Locale) -> Html {
    let units = |units| count(locale, units);
    // Literal classes, not `classes!`: see the `components` module docs.
    match StockLevel::of(stock) {
        StockLevel::SoldOut => html! {
            <p class="stock is-out" data-testid="stock" aria-live="polite">
                { Text::SoldOut.get(locale) }
            </p>
        },
        StockLevel::Low(left) => html! {
            <p class="stock is-low" data-testid="stock" aria-live="polite">
                { fill(locale, Text::StockLow, &units(left)) }
            </p>
        },
        StockLevel::Plenty(left) => html! {
            <p class="stock" data-testid="stock" aria-live="polite">
                { fill(locale, Text::StockPlenty, &units(left)) }
            </p>
        },
    }
}
