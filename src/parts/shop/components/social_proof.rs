//! [`social_proof`]: how many watch the stream, and the purchase ticker,
//! over the cards.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{compact, fill, Text, CATALOGUE};
use crate::state::social::Social;

/// The viewers' count, discreet ("1,2 rb menonton"), once the feed said it,
/// and above it the ticker's line ("R***a baru saja membeli Kemeja Parang")
/// in a polite live region that is always there, so each line is said
/// once, when it comes, and its going is not said.
pub fn social_proof(social: &Social, locale: Locale) -> Html {
    let line = social.line.as_ref().map(|line| {
        let bought = match &line.buyer {
            Some(buyer) => fill(locale, Text::JustBought, buyer),
            None => Text::SomeoneBought.get(locale).to_owned(),
        };
        html! {
            <>
                { bought }{ " " }
                <span lang={CATALOGUE}>{ line.product_name.clone() }</span>
            </>
        }
    });
    let viewers = social.viewers.map(|count| {
        html! {
            <p class="viewers-count" data-testid="viewers">
                { fill(locale, Text::Watching, &compact(locale, count)) }
            </p>
        }
    });
    html! {
        <div class="social">
            <p class="ticker" aria-live="polite" data-testid="ticker">{ for line }</p>
            { for viewers }
        </div>
    }
}
