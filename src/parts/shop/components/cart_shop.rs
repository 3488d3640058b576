//! [`cart_shop`]: one shop's lines in the cart, ticked together or one by one.

use etalase_contract::{CartShop, Locale};
use yew::prelude::*;

use super::cart_line;
use crate::i18n::{fill, Text, CATALOGUE};
use crate::parts::shop::state::cart::{Availability, CartAction, CartState};

/// A heading with `shop`'s tick (on when every available line is ticked,
/// disabled when none is available), name and city, then its lines.
pub fn cart_shop(
    shop: &CartShop,
    cart: &CartState,
    locale: Locale,
    on_action: &Callback<CartAction>,
) -> Html {
    let on_tick = {
        let shop_id = shop.shop.id.clone();
        on_action.reform(move |_: MouseEvent| CartAction::ToggleShop(shop_id.clone()))
    };
    let selectable = shop
        .items
        .iter()
        .any(|item| Availability::of(item) == Availability::Available);
    let checked = if cart.is_shop_selected(shop) {
        "true"
    } else {
        "false"
    };
    let heading_id = ["shop-", &shop.shop.id].concat();
    html! {
        <section
            class="cart-shop"
            data-testid="cart-shop"
            aria-labelledby={heading_id.clone()}
            key={shop.shop.id.as_str()}
        >
            <div class="cart-shop-head">
                <button
                    type="button"
                    class="tick"
                    role="checkbox"
                    aria-checked={checked}
                    aria-label={fill(locale, Text::SelectShop, &shop.shop.name)}
                    disabled={!selectable}
                    data-testid="shop-select"
                    onclick={on_tick}
                >
                    <span class="box" aria-hidden="true" />
                </button>
                <h3 id={heading_id}>
                    <span class="shop-name" lang={CATALOGUE}>{ &shop.shop.name }</span>
                    <span class="shop-city">{ &shop.shop.city }</span>
                </h3>
            </div>
            <ul class="lines">
                { for shop.items.iter().map(|item| cart_line(item, cart.is_selected(item), locale, on_action)) }
            </ul>
        </section>
    }
}
