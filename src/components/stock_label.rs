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
    let (class, text) = match StockLevel::of(props.stock) {
        StockLevel::SoldOut => ("is-out", Text::SoldOut.get(locale).to_owned()),
        StockLevel::Low(units) => (
            "is-low",
            fill(locale, Text::StockLow, &count(locale, units)),
        ),
        StockLevel::Plenty(units) => ("", fill(locale, Text::StockPlenty, &count(locale, units))),
    };
    html! {
        <p class={classes!("stock", class)} data-testid="stock" aria-live="polite">{ text }</p>
    }
}
