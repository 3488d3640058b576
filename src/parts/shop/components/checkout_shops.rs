//! The checkout's parcels: per shop, its lines, the courier services to
//! choose from with price and ETA, and insurance.

use etalase_contract::{Locale, ShippingOption, ShopQuote};
use yew::prelude::*;

use crate::components::{choice_keys, choice_tabindex};
use crate::i18n::{fill, Text, CATALOGUE};
use crate::parts::shop::state::checkout::CheckoutAction;

/// When a parcel sent by `option` arrives, in words: "Estimasi tiba 2–3
/// hari", "… 1 hari", or "Tiba hari ini" for a same-day courier.
pub fn arrival(option: &ShippingOption, locale: Locale) -> String {
    let (min, max) = (option.eta_days_min, option.eta_days_max);
    if max == 0 {
        Text::EtaToday.get(locale).to_owned()
    } else if max == 1 {
        Text::EtaDay.get(locale).to_owned()
    } else if min >= max {
        fill(locale, Text::EtaDays, &max.to_string())
    } else {
        let range = [min.to_string().as_str(), "–", &max.to_string()].concat();
        fill(locale, Text::EtaDays, &range)
    }
}

/// One shop's parcel: its lines, a radio list of courier services, and
/// the insurance checkbox.
pub fn shop_section(
    shop: &ShopQuote,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let shop_id = shop.shop.id.clone();
    let label = fill(locale, Text::ShippingTo, &shop.shop.name);
    let options = shop.shipping_options.iter().map(move |option| {
        let checked = option.id == shop.shipping.id;
        let (shop_id, option_id) = (shop_id.clone(), option.id.clone());
        let on_pick = on_action.reform(move |_: MouseEvent| CheckoutAction::ChooseShipping {
            shop_id: shop_id.clone(),
            option_id: option_id.clone(),
        });
        html! {
            <button
                type="button"
                class="option courier"
                role="radio"
                aria-checked={if checked { "true" } else { "false" }}
                tabindex={choice_tabindex(checked, false)}
                data-testid="courier-option"
                data-option={option.id.clone()}
                onclick={on_pick}
            >
                <span class="option-main">
                    <span class="option-name">{ option.courier.as_str() }{ " " }{ option.service.as_str() }</span>
                    <span class="option-note">{ arrival(option, locale) }</span>
                </span>
                <span class="option-price">{ option.price.format(locale) }</span>
            </button>
        }
    });
    let insured = shop.insured;
    let on_insure = {
        let shop_id = shop.shop.id.clone();
        on_action.reform(move |_: MouseEvent| CheckoutAction::Insure {
            shop_id: shop_id.clone(),
            insured: !insured,
        })
    };
    html! {
        <section class="co-section co-shop" data-testid="checkout-shop" data-shop={shop.shop.id.clone()}>
            <h3 class="co-shop-name" lang={CATALOGUE}>{ shop.shop.name.as_str() }</h3>
            <ul class="co-lines">
                { for shop.items.iter().map(|item| html! {
                    <li class="co-line">
                        <span class="co-line-name" lang={CATALOGUE}>
                            { item.product_name.as_str() }
                            if !item.option_values.is_empty() {
                                <span class="co-line-variant">{ item.option_values.join(", ") }</span>
                            }
                        </span>
                        <span class="co-line-qty">{ "×" }{ item.quantity }</span>
                        <span class="co-line-total">{ item.line_total.format(locale) }</span>
                    </li>
                }) }
            </ul>
            // The chosen courier, opening onto all of them; the group named
            // for what it chooses, since its summary shows only the choice.
            <details class="couriers" aria-label={label.clone()}>
                <summary data-testid="courier-chosen">
                    <span class="option-main">
                        <span class="option-name">{ shop.shipping.courier.as_str() }{ " " }{ shop.shipping.service.as_str() }</span>
                        <span class="option-note">{ arrival(&shop.shipping, locale) }</span>
                    </span>
                    <span class="option-price">{ shop.shipping.price.format(locale) }</span>
                </summary>
                <div class="options" role="radiogroup" aria-label={label} onkeydown={Callback::from(choice_keys)}>{ for options }</div>
            </details>
            <button
                type="button"
                class="check"
                role="checkbox"
                aria-checked={if insured { "true" } else { "false" }}
                data-testid="insurance"
                onclick={on_insure}
            >
                <span class="box" aria-hidden="true" />
                { fill(locale, Text::Insurance, &shop.insurance_fee.format(locale)) }
            </button>
        </section>
    }
}
