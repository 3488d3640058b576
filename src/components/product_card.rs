//! [`ProductCard`]: one compact card in the strip over the video.

use std::rc::Rc;

use etalase_contract as contract;
use etalase_contract::Locale;
use web_sys::Element;
use yew::prelude::*;

use super::price;
use crate::i18n::{compact, count, fill, Text};
use crate::state::label::{PriceSpan, StockLevel};

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
/// sold; a badge when pinned, "Sisa 2" when few are left and a veil when
/// sold out — live, as the feed changes the card. A card that becomes the
/// pinned one scrolls the strip back to its start, where it now leads.
#[function_component]
pub fn ProductCard(props: &ProductCardProps) -> Html {
    let ProductCardProps {
        product,
        locale,
        on_open,
    } = props;
    let node = use_node_ref();
    let was_pinned = use_mut_ref(|| product.pinned);
    {
        // A card that becomes the pinned one leads the strip: bring the
        // strip back to its start. Only on that change: moving the scroll
        // makes the browser lay the page out there and then, which the
        // first render must not pay for.
        let node = node.clone();
        use_effect_with(product.pinned, move |pinned| {
            let became = *pinned && !was_pinned.replace(*pinned);
            let strip = node
                .cast::<Element>()
                .filter(|_| became)
                .and_then(|card| card.closest("ul").ok().flatten());
            if let Some(strip) = strip {
                strip.set_scroll_left(0);
            }
        });
    }
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
                    <span class="veil" data-testid="card-stock">{ Text::SoldOut.get(*locale) }</span>
                } else if let StockLevel::Low(left) = StockLevel::of(product.stock) {
                    <span class="left" data-testid="card-stock">
                        { fill(*locale, Text::StockLow, &count(*locale, left)) }
                    </span>
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
                ref={node}
                {onclick}
            >
                { body }
            </button>
        }
    } else {
        html! {
            <button type="button" class="card" data-testid="product-card" data-product-id={id} ref={node} {onclick}>
                { body }
            </button>
        }
    }
}
