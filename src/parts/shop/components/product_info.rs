//! [`ProductInfo`]: a loaded product in the sheet, with its variant picker,
//! quantity and the buttons that put it in the cart.

use std::rc::Rc;

use etalase_contract::{Locale, ProductDetail, MAX_UNITS_PER_VARIANT};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::{
    description, option_group, product_actions, quantity_stepper, sheet_scroll, stock_label,
    Gallery, SheetDeal,
};
use crate::components::price;
use crate::i18n::{count, fill, Text, CATALOGUE};
use crate::parts::shop::state::cart::Line;
use crate::parts::shop::state::deals::Heard;
use crate::parts::shop::state::variant::{VariantAction, VariantChoice};
use crate::view::focus::focus_if_lost;

/// Props of [`ProductInfo`].
#[derive(Properties, PartialEq)]
pub struct ProductInfoProps {
    /// The product.
    pub product: Rc<ProductDetail>,
    /// The language of every text.
    pub locale: Locale,
    /// Called with the chosen line on "Add to cart".
    pub on_add: Callback<Line>,
    /// Called with the chosen line on "Buy now".
    pub on_buy: Callback<Line>,
    /// The product's flash deal not yet over, if it has one.
    pub deal: Option<Heard>,
    /// Called with the deal's id on "Buy at the deal price".
    pub on_buy_deal: Callback<String>,
    /// The toasts, between the body and the footer.
    pub toast: Html,
    /// The product's other videos, scrolling with the body after its
    /// description, so the footer stays the buttons alone.
    pub others: Html,
}

/// Images, price of the chosen variant, name, sales, the flash deal, option
/// chips, stock and quantity, shop and description, scrolling above the
/// toasts and a fixed footer with the two buttons. Key it by product id: the choice starts afresh for each
/// product, and lives through fresher stock of the same one.
#[function_component]
pub fn ProductInfo(props: &ProductInfoProps) -> Html {
    let ProductInfoProps {
        product,
        locale,
        on_add,
        on_buy,
        deal,
        on_buy_deal,
        toast,
        others,
    } = props;
    let locale = *locale;
    let choice = {
        let product = Rc::clone(product);
        use_reducer(move || VariantChoice::new(product))
    };
    {
        // Live stock reaches the sheet as a fresher product: the choice stays.
        let dispatcher = choice.dispatcher();
        use_effect_with(Rc::clone(product), move |product| {
            dispatcher.dispatch(VariantAction::Restock(Rc::clone(product)));
        });
    }
    let on_choice = {
        let dispatcher = choice.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let on_choose = on_choice.reform(|(axis, value)| VariantAction::Choose { axis, value });
    let on_quantity = on_choice.reform(VariantAction::SetQuantity);
    let chosen = choice.variant().is_some();
    let stock = choice.stock();
    // No unit left outside the deal, of the variant chosen or of the whole
    // product: its stock is in the deal, not sold out.
    let in_deal = deal.as_ref().is_some_and(|heard| {
        product.total_stock() == 0
            || choice
                .variant()
                .is_none_or(|variant| variant.id == heard.deal.variant_id)
    });
    // Said once the quantity reaches the most one shopper may hold.
    let at_cap =
        chosen && stock > MAX_UNITS_PER_VARIANT && choice.quantity() == MAX_UNITS_PER_VARIANT;
    // Or its stock, beyond one unit (the stock's label says a last one).
    let at_stock =
        chosen && stock > 1 && stock <= MAX_UNITS_PER_VARIANT && choice.quantity() == stock;
    let unit_cap = if at_cap {
        fill(locale, Text::UnitCap, &MAX_UNITS_PER_VARIANT.to_string())
    } else if at_stock {
        fill(locale, Text::OnlyLeft, &count(locale, stock))
    } else {
        String::new()
    };
    // + pressed at the most changes nothing: the words of why are said
    // again (a fresh node in the live region), for whoever pressed it.
    let limit_presses = use_state_eq(|| 0_u32);
    let on_limit = {
        let limit_presses = limit_presses.clone();
        Callback::from(move |event: MouseEvent| {
            let at_limit = event
                .target_dyn_into::<Element>()
                .and_then(|target| {
                    target
                        .closest(r#"[data-testid="qty-increase"][aria-disabled="true"]"#)
                        .ok()
                        .flatten()
                })
                .is_some();
            if at_limit {
                limit_presses.set(*limit_presses + 1);
            }
        })
    };
    let buy_row = use_node_ref();
    {
        // The chosen variant sold out under a focused "Add to cart": the
        // buttons are disabled, and focus goes to the stock's words
        // instead of falling to the page.
        let buy_row = buy_row.clone();
        use_effect_with(choice.line().is_some(), move |sellable| {
            if let (false, Some(row)) = (*sellable, buy_row.cast::<HtmlElement>()) {
                focus_if_lost(&row);
            }
        });
    }
    let info = html! {
        <div class="info">
            <Gallery product={Rc::clone(product)} {locale} />
            if let Some(span) = choice.price() {
                <div class="sheet-price">{ price(span, locale) }</div>
            }
            <h2 class="title" lang={CATALOGUE}>{ &product.name }</h2>
            <p class="meta">{ fill(locale, Text::SoldCount, &count(locale, product.sold_count)) }</p>
            if let Some(heard) = deal {
                <SheetDeal heard={heard.clone()} product={Rc::clone(product)} {locale} on_buy={on_buy_deal.clone()} />
            }
            { for product.options.iter().enumerate().map(|(axis, option)| {
                option_group(axis, &option.name, choice.chips(axis), &on_choose, locale)
            }) }
            <div class="buy-row" data-testid="buy-row" tabindex="-1" ref={buy_row.clone()} onclick={on_limit}>
                { stock_label(stock, in_deal, locale) }
                if chosen && stock > 0 {
                    { quantity_stepper(choice.quantity(), choice.most(), Text::Quantity.get(locale), locale, &on_quantity) }
                } else if !chosen {
                    <span class="hint">{ Text::ChooseVariant.get(locale) }</span>
                } else if choice.others_in_stock() {
                    <span class="hint" data-testid="choose-another">{ Text::ChooseAnother.get(locale) }</span>
                }
            </div>
            <p class="hint unit-cap" aria-live="polite" data-testid="unit-cap">
                <span key={*limit_presses}>{ unit_cap }</span>
            </p>
            <div class="shop-row">
                <span class="shop-name" lang={CATALOGUE}>{ &product.shop.name }</span>
                <span class="shop-city">{ fill(locale, Text::ShipsFrom, &product.shop.city) }</span>
            </div>
            { description(&product.description, locale) }
            { others.clone() }
        </div>
    };
    html! {
        <>
            { sheet_scroll(Text::ProductDetails.get(locale), "product", info) }
            { toast.clone() }
            { product_actions(choice.line(), locale, on_add, on_buy) }
        </>
    }
}
