//! [`CardStrip`]: the horizontally scrolling row of product cards.

use std::rc::Rc;

use etalase_contract::Locale;
use yew::prelude::*;

use super::ProductCard;
use crate::i18n::Text;
use crate::state::shelf::Shelf;

/// Props of [`CardStrip`].
#[derive(Properties, PartialEq)]
pub struct CardStripProps {
    /// The cards, in display order.
    pub shelf: Rc<Shelf>,
    /// The language of their texts.
    pub locale: Locale,
    /// Called with a product id when its card is tapped.
    pub on_open: Callback<AttrValue>,
}

/// A scroll-snapping list of cards, as wide as its cards and no wider, so
/// the video stays tappable beside a short showcase.
#[function_component]
pub fn CardStrip(props: &CardStripProps) -> Html {
    let locale = props.locale;
    html! {
        <ul class="strip" aria-label={Text::ProductsInStream.get(locale)}>
            { for props.shelf.cards.iter().map(|product| html! {
                <li key={product.id.as_str()}>
                    <ProductCard product={Rc::clone(product)} {locale} on_open={props.on_open.clone()} />
                </li>
            }) }
        </ul>
    }
}
