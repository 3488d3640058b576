//! [`price`]: a price or price range, with the pre-discount price struck through.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;
use crate::state::label::PriceSpan;

/// `span` in `locale`'s format; a discount shows the old price struck through.
pub fn price(span: PriceSpan, locale: Locale) -> Html {
    match span {
        PriceSpan::One { price, original } => html! {
            <span class="price-row">
                <span class="price">{ price.format(locale) }</span>
                if let Some(original) = original.filter(|original| *original > price) {
                    <s class="was">
                        <span class="sr">{ Text::PriceBeforeDiscount.get(locale) }{ " " }</span>
                        { original.format(locale) }
                    </s>
                }
            </span>
        },
        PriceSpan::Range { low, high } => html! {
            <span class="price-row">
                <span class="price">{ low.format(locale) }{ " – " }{ high.format(locale) }</span>
            </span>
        },
    }
}
