//! [`ProductCard`]: one compact card in the strip over the video.

use std::rc::Rc;

use etalase_contract as contract;
use etalase_contract::Locale;
use yew::prelude::*;

use super::price;
use crate::i18n::{compact, fill, Text};
use crate::state::variant::PriceSpan;

/// Props of [`ProductCard`].
#[derive(Properties, PartialEq)]
pub struct ProductCardProps {
    /// The product to show.
    pub product: Rc<contract::ProductCard>,
    /// The language of its texts.
    pub locale: Locale,
    /// Called with the product id when the card is tapped.
    pub on_open: Callback<AttrValue>,
}

/// A tappable card: square image, name on two lines, price, shop and units
/// sold; a badge when pinned and a veil when sold out.
#[function_component]
pub fn ProductCard(props: &ProductCardProps) -> Html {
    let ProductCardProps {
        product,
        locale,
        on_open,
    } = props;
    let id = AttrValue::from(product.id.clone());
    let onclick = {
        let (id, on_open) = (id.clone(), on_open.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
    };
    let sold_out = product.stock == 0;
    let span = PriceSpan::One {
        price: product.price,
        original: product.original_price,
    };
    let body = html! {
        <>
            <span class="media">
                <img src={product.image_url.clone()} alt="" width="64" height="64" decoding="async" />
                if product.pinned {
                    <span class="badge" data-testid="pinned-badge">{ Text::Pinned.get(*locale) }</span>
                }
                if sold_out {
                    <span class="veil">{ Text::SoldOut.get(*locale) }</span>
                }
            </span>
            <span class="card-body">
                <span class="name">{ &product.name }</span>
                { price(span, *locale) }
                <span class="shop">
                    <span class="shop-label">{ &product.shop.name }</span>
                    <span class="sold">{ fill(*locale, Text::SoldCount, &compact(*locale, product.sold_count)) }</span>
                </span>
            </span>
        </>
    };
    // Literal classes, not `classes!`: see the `components` module docs.
    if sold_out {
        html! {
            <button
                type="button"
                class="card is-sold-out"
                data-testid="product-card"
                data-product-id={id}
                {onclick}
            >
                { body }
            </button>
        }
    } else {
        html! {
            <button type="button" class="card" data-testid="product-card" data-product-id={id} {onclick}>
                { body }
            </button>
        }
    }
}
