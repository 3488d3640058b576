//! The checkout's parcels: per shop, its lines, the courier services to
//! choose from with price and ETA, those the parcel is too heavy for
//! (disabled, with why), a note when the courier shown before is no longer
//! offered, and insurance.

use etalase_contract::{Locale, ShippingOption, ShopQuote, UnavailableShipping};
use yew::prelude::*;

use crate::components::{choice_keys, choice_tabindex};
use crate::i18n::{fill, Text, CATALOGUE};
use crate::parts::shop::state::checkout::CheckoutAction;
use crate::parts::shop::state::couriers::{too_heavy, Because, Replaced};

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

/// Why a parcel cannot go by `service`, in words: "Maks. 7 kg — paketmu 9 kg".
fn too_heavy_reason(service: &UnavailableShipping, locale: Locale) -> String {
    [
        fill(locale, Text::CourierMaxKg, &service.max_kg.to_string()),
        fill(
            locale,
            Text::CourierParcelKg,
            &service.parcel_kg.to_string(),
        ),
    ]
    .join(" — ")
}

/// `replaced`'s courier gone and `shop`'s chosen instead, in words: "GoSend
/// Instant tidak tersedia untuk alamat ini: hanya dalam kota toko, Bandung;
/// dipilih JNE REG".
fn replaced_note(replaced: &Replaced, shop: &ShopQuote, locale: Locale) -> String {
    let before = name(&replaced.before);
    let gone = match replaced.because {
        Because::Address => fill(locale, Text::CourierGoneAddress, &before),
        Because::City => [
            fill(locale, Text::CourierGoneAddress, &before),
            fill(locale, Text::CourierOnlyCity, &shop.shop.city),
        ]
        .join(": "),
        Because::Parcel => fill(locale, Text::CourierGoneParcel, &before),
    };
    [
        gone,
        fill(locale, Text::CourierInstead, &name(&shop.shipping)),
    ]
    .join("; ")
}

/// A courier service's name: "JNE REG".
fn name(option: &ShippingOption) -> String {
    [option.courier.as_str(), " ", &option.service].concat()
}

/// A courier service `service` the parcel cannot go by: a radio that is
/// never a choice (disabled, skipped by the arrows), its reason under it.
fn unavailable(service: &UnavailableShipping, locale: Locale) -> Html {
    html! {
        <button
            type="button"
            class="option courier"
            role="radio"
            aria-checked="false"
            aria-disabled="true"
            disabled=true
            data-testid="courier-unavailable"
            data-option={service.id.clone()}
        >
            <span class="option-main">
                <span class="option-name">{ service.courier.as_str() }{ " " }{ service.service.as_str() }</span>
                <span class="option-note">{ too_heavy_reason(service, locale) }</span>
            </span>
        </button>
    }
}

/// The couriers of one shop's parcel beyond its options.
#[derive(Clone, Copy)]
pub struct Beyond<'a> {
    /// Every service the quote's parcels are too heavy for, of any shop.
    pub unavailable: &'a [UnavailableShipping],
    /// Every shop's courier that the quote no longer offered.
    pub replaced: &'a [Replaced],
}

/// One shop's parcel: its lines, a radio list of courier services (those
/// it is too heavy for disabled at its end), a note when its courier was
/// replaced, and the insurance checkbox.
pub fn shop_section(
    shop: &ShopQuote,
    beyond: Beyond<'_>,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let disabled = too_heavy(beyond.unavailable, &shop.shop.id)
        .map(|service| unavailable(service, locale))
        .collect::<Html>();
    let note = beyond
        .replaced
        .iter()
        .find(|note| note.shop_id == shop.shop.id)
        .map(|note| replaced_note(note, shop, locale));
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
                <div class="options" role="radiogroup" aria-label={label} onkeydown={Callback::from(choice_keys)}>{ for options }{ disabled }</div>
            </details>
            if let Some(note) = note {
                <p class="courier-replaced" role="status" data-testid="courier-replaced">{ note }</p>
            }
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
