//! [`stock_label`]: how many units are left, in words.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{count, fill, Text};
use crate::state::label::StockLevel;

/// "Habis" at 0, "Sisa 3" when low, "Stok 24" otherwise; at 0 with every
/// unit left in a flash deal not yet over (`in_deal`), that instead. Only
/// running out is announced: the count moves with every sale of a live
/// stream, and saying each would drown what the shopper is doing.
pub fn stock_label(stock: u32, in_deal: bool, locale: Locale) -> Html {
    let units = |units| count(locale, units);
    let level = StockLevel::of(stock);
    // Literal classes, not `classes!`: see the `components` module docs.
    let line = match level {
        StockLevel::SoldOut if in_deal => html! {
            <p class="stock is-deal" data-testid="stock" aria-hidden="true">{ Text::StockInDeal.get(locale) }</p>
        },
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
        StockLevel::SoldOut if in_deal => Text::StockInDeal.get(locale),
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
