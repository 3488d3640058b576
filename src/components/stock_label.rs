//! [`StockLabel`]: how many units are left, in words.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{count, fill, Text};
use crate::state::variant::StockLevel;

/// Props of [`StockLabel`].
#[derive(Properties, PartialEq)]
pub struct StockLabelProps {
    /// Units in stock.
    pub stock: u32,
    /// The language of the text.
    pub locale: Locale,
}

/// "Habis" at 0, "Sisa 3" when low, "Stok 24" otherwise.
#[function_component]
pub fn StockLabel(props: &StockLabelProps) -> Html {
    let locale = props.locale;
    let stock = |units| count(locale, units);
    // Literal classes, not `classes!`: see the `components` module docs.
    match StockLevel::of(props.stock) {
        StockLevel::SoldOut => html! {
            <p class="stock is-out" data-testid="stock" aria-live="polite">
                { Text::SoldOut.get(locale) }
            </p>
        },
        StockLevel::Low(units) => html! {
            <p class="stock is-low" data-testid="stock" aria-live="polite">
                { fill(locale, Text::StockLow, &stock(units)) }
            </p>
        },
        StockLevel::Plenty(units) => html! {
            <p class="stock" data-testid="stock" aria-live="polite">
                { fill(locale, Text::StockPlenty, &stock(units)) }
            </p>
        },
    }
}
