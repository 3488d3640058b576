//! [`stock_label`]: how many units are left, in words.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{count, fill, Text};
use crate::state::label::StockLevel;

/// "Habis" at 0, "Sisa 3" when low, "Stok 24" otherwise. Only selling out
/// is announced: the count moves with every sale of a live stream, and
/// saying each would drown what the shopper is doing.
pub fn stock_label(stock: u32, locale: Locale) -> Html {
    let units = |units| count(locale, units);
    let level = StockLevel::of(stock);
    // Literal classes, not `classes!`: see the `components` module docs.
    let line = match level {
        StockLevel::SoldOut => html! {
            // Said by the region below, once.
            <p class="stock is-out" data-testid="stock" aria-hidden="true">{ Text::SoldOut.get(locale) }</p>
        },
        StockLevel::Low(left) => html! {
            <p class="stock is-low" data-testid="stock">{ fill(locale, Text::StockLow, &units(left)) }</p>
        },
        StockLevel::Plenty(left) => html! {
            <p class="stock" data-testid="stock">{ fill(locale, Text::StockPlenty, &units(left)) }</p>
        },
    };
    let said = match level {
        StockLevel::SoldOut => Text::SoldOut.get(locale),
        _ => "",
    };
    html! {
        <>
            { line }
            <span class="sr" aria-live="polite" data-testid="stock-said">{ said }</span>
        </>
    }
}
