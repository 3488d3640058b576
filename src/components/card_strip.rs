//! [`card_strip`]: the horizontally scrolling row of product cards.

use std::rc::Rc;

use etalase_contract::Locale;
use yew::prelude::*;

use super::ProductCard;
use crate::i18n::Text;
use crate::state::shelf::Shelf;

/// A scroll-snapping list of `shelf`'s cards in display order, as wide as
/// its cards and no wider, so the video stays tappable beside a short
/// showcase. A tapped card calls `on_open` with its product id.
pub fn card_strip(shelf: &Shelf, locale: Locale, on_open: &Callback<AttrValue>) -> Html {
    html! {
        <ul class="strip" aria-label={Text::ProductsInStream.get(locale)}>
            { for shelf.cards.iter().map(|product| html! {
                <li key={product.id.as_str()}>
                    <ProductCard product={Rc::clone(product)} {locale} on_open={on_open.clone()} />
                </li>
            }) }
        </ul>
    }
}
