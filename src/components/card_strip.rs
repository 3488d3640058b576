//! [`card_strip`]: the horizontally scrolling row of product cards.

use std::rc::Rc;

use etalase_contract::{self as contract, Locale};
use yew::prelude::*;

use super::ProductCard;
use crate::i18n::Text;

/// A scroll-snapping list of `cards` in display order, as wide as its
/// cards and no wider, so the video stays tappable beside a short
/// showcase; the pinned card leads, marked. A tapped card calls `on_open`
/// with its product id.
pub fn card_strip(
    cards: &[Rc<contract::ProductCard>],
    locale: Locale,
    on_open: &Callback<AttrValue>,
) -> Html {
    html! {
        <ul class="strip" aria-label={Text::ProductsInStream.get(locale)}>
            { for cards.iter().map(|product| {
                let card = html! {
                    <ProductCard product={Rc::clone(product)} {locale} on_open={on_open.clone()} />
                };
                // Literal classes, not `classes!`: see the `components` module docs.
                if product.pinned {
                    html! { <li class="is-pinned" key={product.id.as_str()}>{ card }</li> }
                } else {
                    html! { <li key={product.id.as_str()}>{ card }</li> }
                }
            }) }
        </ul>
    }
}
