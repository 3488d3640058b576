//! [`DealForm`] and [`deal_list`]: a creator starts a flash deal on a
//! showcase product — its price, units, the most one buyer may buy, when it
//! opens and how long it lasts — and sees the stream's deals with the units
//! left, each running one with an "End" button.

use std::rc::Rc;

use etalase_contract::{FlashDeal, FlashDealState, Locale, Rupiah, StartFlashDeal};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::{cart_skeleton, error_box, focus_field, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::creator::Item;
use crate::parts::creator::state::deals::{CreatorDeals, DealField, DealsAction};
use crate::parts::creator::state::number::whole_number;
use crate::state::remote::Remote;

/// Props of [`DealForm`].
#[derive(Properties, PartialEq)]
pub struct DealFormProps {
    /// The language of every text.
    pub locale: Locale,
    /// The showcase's products, to choose from.
    pub items: Vec<Item>,
    /// The deals and where starting one stands.
    pub deals: CreatorDeals,
    /// Where the form's actions go.
    pub on_action: Callback<DealsAction>,
}

/// The number fields' ids, in the order of the form's values.
const NUMBER_FIELDS: [&str; 5] = [
    "deal-price",
    "deal-units",
    "deal-limit",
    "deal-starts",
    "deal-minutes",
];

/// What the server said is wrong with `field`.
fn field_error(field: DealField) -> Text {
    match field {
        DealField::Product => Text::ErrorDealProduct,
        DealField::Variant => Text::ErrorDealVariant,
        DealField::Price => Text::ErrorDealPrice,
        DealField::Units => Text::ErrorDealUnits,
        DealField::Limit => Text::ErrorDealLimit,
        DealField::StartsIn => Text::ErrorDealStartsIn,
        DealField::Minutes => Text::ErrorDealMinutes,
    }
}

/// The form, then the stream's deals. The server checks the terms; a
/// refusal naming a field is said at that field, any other above the button.
#[function_component]
pub fn DealForm(props: &DealFormProps) -> Html {
    let locale = props.locale;
    let variant = use_state_eq(|| None::<String>);
    // price, units, per-buyer limit, seconds to the start, minutes.
    let fields = use_state(|| ["", "10", "1", "30", "5"].map(String::from));
    // The number fields that do not hold a whole number, found on Start.
    let mistakes = use_state_eq(Vec::<usize>::new);
    let refused = props.deals.refused_field();
    let invalid = |field: DealField| refused == Some(Some(field));
    let error = |field: DealField, id: &'static str| {
        invalid(field).then(|| {
            html! { <p class="field-error" id={id} data-testid="deal-field-error">{ field_error(field).get(locale) }</p> }
        })
    };
    let input = |index: usize,
                 (id, error_id): (&'static str, &'static str),
                 label: Text,
                 field: DealField| {
        let (setter, corrected) = (fields.clone(), mistakes.clone());
        let on_input = Callback::from(move |event: InputEvent| {
            let mut next = (*setter).clone();
            next[index] = event.target_unchecked_into::<HtmlInputElement>().value();
            setter.set(next);
            corrected.set(
                corrected
                    .iter()
                    .copied()
                    .filter(|at| *at != index)
                    .collect(),
            );
        });
        let mistaken = mistakes.contains(&index);
        let wrong = mistaken || invalid(field);
        html! {
            <div class="field">
                <label for={id}>{ label.get(locale) }</label>
                <input
                    id={id}
                    type="text"
                    inputmode="numeric"
                    value={fields[index].clone()}
                    aria-invalid={wrong.then_some("true")}
                    aria-describedby={wrong.then_some(error_id)}
                    oninput={on_input}
                />
                if mistaken {
                    <p class="field-error" id={error_id} data-testid="deal-field-error">{ Text::ErrorWholeNumber.get(locale) }</p>
                } else {
                    { error(field, error_id).unwrap_or_default() }
                }
            </div>
        }
    };
    // The chosen product, or the showcase's first.
    let chosen = props
        .deals
        .chosen
        .clone()
        .filter(|id| props.items.iter().any(|item| item.id == *id))
        .or_else(|| props.items.first().map(|item| item.id.clone()));
    {
        // The first product is chosen as the form shows it: its variants are read.
        let (chosen, known, on_action) = (
            chosen.clone(),
            props.deals.chosen.clone(),
            props.on_action.clone(),
        );
        use_effect_with((chosen, known), move |(chosen, known)| {
            if let (Some(chosen), None) = (chosen, known) {
                on_action.emit(DealsAction::Choose(chosen.clone()));
            }
        });
    }
    let on_product = {
        let (on_action, variant) = (props.on_action.clone(), variant.clone());
        Callback::from(move |event: Event| {
            variant.set(None);
            on_action.emit(DealsAction::Choose(
                event.target_unchecked_into::<HtmlSelectElement>().value(),
            ));
        })
    };
    // The variants to pick from, when the product has several: the one
    // picked, or the first in stock.
    let variants = match &props.deals.detail {
        Remote::Ready(detail)
            if detail.variants.len() > 1 && chosen.as_deref() == Some(detail.id.as_str()) =>
        {
            Some(Rc::clone(detail))
        }
        _ => None,
    };
    let picked = variants.as_ref().and_then(|detail| {
        (*variant)
            .clone()
            .filter(|id| detail.variants.iter().any(|v| v.id == *id))
            .or_else(|| {
                let first = detail.variants.iter().find(|v| v.stock > 0);
                first.or(detail.variants.first()).map(|v| v.id.clone())
            })
    });
    let on_variant = {
        let variant = variant.clone();
        Callback::from(move |event: Event| {
            variant.set(Some(
                event.target_unchecked_into::<HtmlSelectElement>().value(),
            ));
        })
    };
    let on_submit = {
        let (fields, mistakes, chosen, picked, on_action) = (
            fields.clone(),
            mistakes.clone(),
            chosen.clone(),
            picked.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(product_id) = chosen.clone() else {
                return;
            };
            // Nothing is sent while a field says anything but a whole
            // number ("-5" is not 5): each is named, the first focused.
            let numbers = fields.each_ref().map(|text| whole_number(text));
            let wrong: Vec<usize> = (0..numbers.len())
                .filter(|at| numbers[*at].is_none())
                .collect();
            if let Some(first) = wrong.first() {
                focus_field(&event, NUMBER_FIELDS[*first]);
                mistakes.set(wrong);
                return;
            }
            let number = |at: usize| numbers[at].unwrap_or_default();
            on_action.emit(DealsAction::Start(StartFlashDeal {
                product_id,
                variant_id: picked.clone(),
                price: Rupiah(i64::from(number(0))),
                units: number(1),
                per_buyer_limit: number(2),
                starts_in_seconds: number(3),
                minutes: number(4),
            }));
        })
    };
    let sending = props.deals.starting.is_some();
    let product_error = [DealField::Product, DealField::Variant]
        .into_iter()
        .find(|field| invalid(*field));
    let product_invalid = product_error.is_some();
    html! {
        <>
            <form class="search-form" data-testid="deal-form" onsubmit={on_submit}>
                <div class="field">
                    <label for="deal-product">{ Text::FieldDealProduct.get(locale) }</label>
                    <select
                        id="deal-product"
                        onchange={on_product}
                        aria-invalid={product_invalid.then_some("true")}
                        aria-describedby={product_invalid.then_some("deal-product-error")}
                    >
                        { for props.items.iter().map(|item| html! {
                            <option value={item.id.clone()} selected={chosen.as_deref() == Some(item.id.as_str())}>
                                { [item.name.as_str(), " · ", &item.price.format(locale)].concat() }
                            </option>
                        }) }
                    </select>
                    { product_error.and_then(|field| error(field, "deal-product-error")).unwrap_or_default() }
                </div>
                if let Some(detail) = &variants {
                    <div class="field">
                        <label for="deal-variant">{ Text::FieldDealVariant.get(locale) }</label>
                        <select id="deal-variant" onchange={on_variant}>
                            { for detail.variants.iter().map(|v| html! {
                                <option value={v.id.clone()} selected={picked.as_deref() == Some(v.id.as_str())}>
                                    { [v.option_values.join(" / ").as_str(), " · ", &v.price.format(locale), " · ", &fill(locale, Text::StockPlenty, &count(locale, v.stock))].concat() }
                                </option>
                            }) }
                        </select>
                    </div>
                }
                <div class="search-row">
                    { input(0, (NUMBER_FIELDS[0], "deal-price-error"), Text::FieldDealPrice, DealField::Price) }
                    { input(1, (NUMBER_FIELDS[1], "deal-units-error"), Text::FieldDealUnits, DealField::Units) }
                </div>
                <div class="search-row">
                    { input(2, (NUMBER_FIELDS[2], "deal-limit-error"), Text::FieldDealLimit, DealField::Limit) }
                    { input(3, (NUMBER_FIELDS[3], "deal-starts-error"), Text::FieldDealStartsIn, DealField::StartsIn) }
                </div>
                { input(4, (NUMBER_FIELDS[4], "deal-minutes-error"), Text::FieldDealMinutes, DealField::Minutes) }
                if refused == Some(None) {
                    <p class="field-error" role="alert" data-testid="deal-refused">{ Text::DealStartFailed.get(locale) }</p>
                }
                <button type="submit" class="action" data-testid="start-deal" disabled={sending || chosen.is_none()} aria-busy={sending.then_some("true")}>
                    { if sending { Text::StartingDeal.get(locale) } else { Text::StartDealButton.get(locale) } }
                </button>
            </form>
            { deal_list(&props.deals, &props.items, locale, &props.on_action) }
        </>
    }
}

/// The stream's deals, newest first: product, price, units left and state,
/// with "End" on each one still running.
pub fn deal_list(
    deals: &CreatorDeals,
    items: &[Item],
    locale: Locale,
    on_action: &Callback<DealsAction>,
) -> Html {
    let body = match &deals.list {
        Remote::Ready(list) if list.is_empty() => {
            html! { <p class="empty">{ Text::DealsNone.get(locale) }</p> }
        }
        Remote::Ready(list) => html! {
            <ul class="creator-list">
                { for list.iter().map(|deal| deal_row(deal, deals, items, locale, on_action)) }
            </ul>
        },
        Remote::Failed(error) => error_box(
            error,
            Subject::Showcase,
            locale,
            &on_action.reform(|()| DealsAction::Reload),
        ),
        Remote::Idle | Remote::Loading => cart_skeleton(locale),
    };
    html! {
        <div data-testid="deal-list">
            <h3 class="creator-heading">{ Text::DealsHeading.get(locale) }</h3>
            { body }
        </div>
    }
}

/// One deal of the list.
fn deal_row(
    deal: &FlashDeal,
    deals: &CreatorDeals,
    items: &[Item],
    locale: Locale,
    on_action: &Callback<DealsAction>,
) -> Html {
    let name = items
        .iter()
        .find(|item| item.id == deal.product_id)
        .map_or(deal.product_id.as_str(), |item| item.name.as_str());
    let state = match deal.state {
        FlashDealState::Upcoming => Text::DealStateUpcoming,
        FlashDealState::Open => Text::DealStateOpen,
        FlashDealState::SoldOut => Text::SoldOut,
        FlashDealState::Ended => Text::DealEnded,
    };
    let units = [count(locale, deal.units_left), count(locale, deal.units)].join("/");
    let ending = deals.ending.as_ref() == Some(&deal.id);
    let id = deal.id.clone();
    html! {
        <li class="deal-row" data-testid="deal-row" data-deal-id={deal.id.clone()} data-state={deal.state.as_str()}>
            <div class="deal-row-text">
                <span class="creator-name">{ name }</span>
                <span class="creator-meta">
                    { deal.price.format(locale) }{ " · " }
                    <span data-testid="deal-row-units">{ fill(locale, Text::DealUnitsLeft, &units) }</span>
                    { " · " }{ state.get(locale) }
                </span>
            </div>
            if CreatorDeals::is_running(deal) {
                <button
                    type="button"
                    class="action is-secondary deal-end"
                    data-testid="end-deal"
                    disabled={deals.ending.is_some()}
                    aria-busy={ending.then_some("true")}
                    aria-label={[Text::EndDeal.get(locale), " ", name].concat()}
                    onclick={on_action.reform(move |_: MouseEvent| DealsAction::End(id.clone()))}
                >
                    { Text::EndDeal.get(locale) }
                </button>
            }
        </li>
    }
}
