//! [`cart_line`]: one line of the cart, with its tick, quantity and remove.

use etalase_contract::{CartItem, Locale, MAX_UNITS_PER_VARIANT};
use yew::prelude::*;

use super::{catalogue_words, quantity_stepper, with_value};
use crate::components::price;
use crate::i18n::{count, fill, Text, CATALOGUE};
use crate::parts::shop::state::cart::{Availability, CartAction};
use crate::state::label::PriceSpan;

/// Tick, image, name, variant, unit price, quantity stepper and remove for
/// `item`, ticked when `selected`; a sold-out line or one above its stock
/// says so and cannot be ticked; a line at the most one shopper may hold
/// says so (from a region always there, so it is heard as it comes). The
/// shopper's actions go to `on_action`.
pub fn cart_line(
    item: &CartItem,
    selected: bool,
    locale: Locale,
    on_action: &Callback<CartAction>,
) -> Html {
    let availability = Availability::of(item);
    let name = item.product_name.as_str();
    let variant_id = &item.variant_id;
    let on_tick = {
        let variant_id = variant_id.clone();
        on_action.reform(move |_: MouseEvent| CartAction::ToggleLine(variant_id.clone()))
    };
    let on_remove = {
        let variant_id = variant_id.clone();
        on_action.reform(move |_: MouseEvent| CartAction::Remove(variant_id.clone()))
    };
    let on_quantity = {
        let variant_id = variant_id.clone();
        on_action.reform(move |quantity| CartAction::SetQuantity {
            variant_id: variant_id.clone(),
            quantity,
        })
    };
    let at_cap = item.quantity >= MAX_UNITS_PER_VARIANT && item.stock > MAX_UNITS_PER_VARIANT;
    let unit_cap = if at_cap {
        fill(locale, Text::UnitCap, &MAX_UNITS_PER_VARIANT.to_string())
    } else {
        String::new()
    };
    let span = PriceSpan::One {
        price: item.price,
        original: item.original_price,
    };
    let flag = match availability {
        Availability::Available => None,
        Availability::Short(left) => Some(fill(locale, Text::ShortStock, &count(locale, left))),
        Availability::SoldOut => Some(Text::SoldOut.get(locale).to_owned()),
    };
    // The option values, comma-separated (not `join`, which links a generic copier).
    let mut variant = String::new();
    for value in &item.option_values {
        if !variant.is_empty() {
            variant.push_str(", ");
        }
        variant.push_str(value);
    }
    let body = html! {
        <>
            <button
                type="button"
                class="tick"
                role="checkbox"
                aria-checked={if selected { "true" } else { "false" }}
                aria-label={fill(locale, Text::SelectLine, name)}
                disabled={availability != Availability::Available}
                data-testid="line-select"
                onclick={on_tick}
            >
                <span class="box" aria-hidden="true" />
            </button>
            <span class="line-media">
                <img src={item.image_url.clone()} alt="" width="72" height="72" decoding="async" />
            </span>
            <div class="line-body">
                <p class="line-name" lang={CATALOGUE}>{ catalogue_words(name) }</p>
                if !variant.is_empty() {
                    <p class="line-variant">{ with_value(locale, Text::VariantIs, &variant) }</p>
                }
                { price(span, locale) }
                if let Some(flag) = flag {
                    <p class="line-flag" data-testid="line-flag">{ flag }</p>
                }
                <div class="line-controls">
                    { quantity_stepper(
                        item.quantity,
                        item.stock.min(MAX_UNITS_PER_VARIANT).max(item.quantity),
                        &[Text::Quantity.get(locale), " ", name].concat(),
                        locale,
                        &on_quantity,
                    ) }
                    <button
                        type="button"
                        class="remove"
                        data-testid="line-remove"
                        aria-label={fill(locale, Text::RemoveLine, name)}
                        onclick={on_remove}
                    >
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 3h6l1 2h4v2H4V5h4l1-2zM6 9h12l-1 11a2 2 0 0 1-2 2H9a2 2 0 0 1-2-2L6 9zm4 2v8h1.5v-8H10zm2.5 0v8H14v-8h-1.5z" /></svg>
                    </button>
                </div>
                <p class="hint unit-cap" aria-live="polite" data-testid="line-cap">{ unit_cap }</p>
            </div>
        </>
    };
    let key = variant_id.as_str();
    // Literal classes, not `classes!`: see the `components` module docs.
    if availability == Availability::Available {
        html! { <li class="line" data-testid="cart-line" data-variant-id={key.to_owned()} {key}>{ body }</li> }
    } else {
        html! { <li class="line is-unavailable" data-testid="cart-line" data-variant-id={key.to_owned()} {key}>{ body }</li> }
    }
}
