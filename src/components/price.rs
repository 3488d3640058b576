//! [`price`]: a price or price range, with the pre-discount price struck
//! through; [`amount`] and [`with_amount`]: an amount alone or in a
//! sentence. Every amount is in a `.amount` element, which a line never
//! breaks inside ("IDR ⏎ 200,000").

use etalase_contract::{Locale, Rupiah};
use yew::prelude::*;

use crate::i18n::Text;
use crate::state::label::PriceSpan;

/// `rupiah` in `locale`'s format, kept on one line.
pub fn amount(rupiah: Rupiah, locale: Locale) -> Html {
    html! { <span class="amount">{ rupiah.format(locale) }</span> }
}

/// `text` (with one `{}` slot) in `locale`, `rupiah` in its slot as an
/// [`amount`]: the words around it wrap, the amount does not.
pub fn with_amount(locale: Locale, text: Text, rupiah: Rupiah) -> Html {
    let text = text.get(locale);
    match text.split_once('{') {
        Some((before, after)) => html! {
            <>{ before }{ amount(rupiah, locale) }{ after.strip_prefix('}').unwrap_or(after) }</>
        },
        None => html! { { text } },
    }
}

/// `span` in `locale`'s format; a discount shows the old price struck through.
pub fn price(span: PriceSpan, locale: Locale) -> Html {
    match span {
        PriceSpan::One { price, original } => html! {
            <span class="price-row">
                <span class="price">{ amount(price, locale) }</span>
                if let Some(original) = original.filter(|original| *original > price) {
                    <s class="was">
                        <span class="sr">{ Text::PriceBeforeDiscount.get(locale) }{ " " }</span>
                        { amount(original, locale) }
                    </s>
                }
            </span>
        },
        PriceSpan::Range { low, high } => html! {
            <span class="price-row">
                <span class="price">{ amount(low, locale) }{ " – " }{ amount(high, locale) }</span>
            </span>
        },
    }
}
