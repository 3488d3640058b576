//! [`DealForm`]: a creator starts a flash deal on a showcase product — its
//! price, units, the most one buyer may buy, when it opens and how long it
//! lasts — above the stream's deals ([`deal_list`]), counting down each
//! second while one runs. A deal started clears the form, and one started
//! or ended takes the focus to its row and is said, and said again as it
//! opens, sells out or ends. A second tap of Start right after a start is
//! the same tap: it meets the cleared form and changes nothing. A recorded
//! video gets a sentence saying deals run in live streams, and no form.

use etalase_contract::{Locale, Rupiah, StartFlashDeal};
use gloo_timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::creator_deal_list::{deal_list, deal_product, shown_said, DealList};
use super::now_ms;
use super::refocus::refocus;
use crate::api::new_key;
use crate::components::focus_field;
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::creator::Item;
use crate::parts::creator::state::deals::{
    default_units, most_units, wrong_terms, CreatorDeals, DealField, DealsAction, Listed,
    MAX_PER_BUYER, NUMBER_FIELDS,
};
use crate::parts::creator::state::number::{rupiah, whole_number};
use crate::state::deal_view::DealView;
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

/// A number field of the form: its id, its label, and the range it allows
/// in words.
fn number_field(field: DealField) -> (&'static str, Text, Text) {
    match field {
        DealField::Price => ("deal-price", Text::FieldDealPrice, Text::ErrorDealPrice),
        DealField::Units => ("deal-units", Text::FieldDealUnits, Text::ErrorDealUnits),
        DealField::Limit => ("deal-limit", Text::FieldDealLimit, Text::ErrorDealLimit),
        DealField::StartsIn => (
            "deal-starts",
            Text::FieldDealStartsIn,
            Text::ErrorDealStartsIn,
        ),
        DealField::Minutes => (
            "deal-minutes",
            Text::FieldDealMinutes,
            Text::ErrorDealMinutes,
        ),
        DealField::Product | DealField::Variant | DealField::Stream => (
            "deal-product",
            Text::FieldDealProduct,
            Text::ErrorDealProduct,
        ),
    }
}

/// An example of a whole number that `field` takes, for the sentence
/// asking for one.
fn whole_example(field: DealField) -> &'static str {
    match field {
        DealField::Units => "20",
        DealField::Limit => "2",
        DealField::StartsIn => "30",
        _ => "15",
    }
}

/// The fields' values before the creator types any: price, units (while
/// not typed), per-buyer limit, seconds to the start, minutes.
fn fresh_fields() -> [String; 5] {
    ["", "", "1", "30", "5"].map(String::from)
}

/// The row of deal `deal_id` in the list.
fn row_of(deal_id: &str) -> String {
    [r#"[data-deal-id=""#, deal_id, r#""]"#].concat()
}

/// What is said of `listed` at `now_ms`: its product, state and time
/// ("Kemeja Parang · Segera · Mulai dalam 0:30").
fn deal_said(listed: &Listed, items: &[Item], now_ms: i64, locale: Locale) -> String {
    let (state, left) = shown_said(listed.shown(now_ms), locale);
    let mut said = vec![deal_product(&listed.deal, items), state.get(locale)];
    if let Some(left) = &left {
        said.push(left);
    }
    said.join(" · ")
}

/// The form, then the stream's deals. Every term is checked on Start and
/// each wrong one said at its field with the range it allows, all at
/// once, with their names above the button; then the server checks them,
/// and a refusal naming a field is said at that field.
#[function_component]
pub fn DealForm(props: &DealFormProps) -> Html {
    let locale = props.locale;
    let variant = use_state_eq(|| None::<String>);
    let fields = use_state(fresh_fields);
    let units_typed = use_state_eq(|| false);
    // The fields found wrong on Start (the product when none is chosen,
    // then the number fields), and whether each held a number.
    let mistakes = use_state_eq(Vec::<(DealField, bool)>::new);
    let now = use_state_eq(now_ms);
    let running = match &props.deals.list {
        Remote::Ready(list) => list.iter().any(|listed| {
            matches!(
                listed.shown(*now),
                DealView::Upcoming { .. } | DealView::Open { .. }
            )
        }),
        _ => false,
    };
    {
        let now = now.setter();
        use_effect_with(running, move |running| {
            let ticks = running.then(|| Interval::new(1_000, move || now.set(now_ms())));
            move || drop(ticks)
        });
    }
    let rows = use_node_ref();
    let form = use_node_ref();
    // What the live region says of the deal started or ended last, and
    // which deal that is.
    let said = use_state_eq(String::new);
    let said_of = use_state_eq(|| None::<String>);
    {
        // Said again as its state changes (it opens, sells out, ends), not
        // at each second of its countdown.
        let listed = match (&props.deals.list, said_of.as_ref()) {
            (Remote::Ready(list), Some(id)) => list.iter().find(|l| l.deal.id == *id).cloned(),
            _ => None,
        };
        let view = listed.as_ref().map(|listed| listed.shown(*now));
        let kind = view.map(|view| std::mem::discriminant(&view));
        let was = use_mut_ref(|| None);
        let (said, items) = (said.clone(), props.items.clone());
        use_effect_with(kind, move |kind| {
            let before = was.replace(*kind);
            if let (Some(before), Some(kind), Some(listed)) = (before, kind, listed) {
                if before != *kind {
                    said.set(deal_said(&listed, &items, now_ms(), locale));
                }
            }
        });
    }
    let was_starting = use_mut_ref(|| (false, props.deals.started.clone()));
    {
        // Start is disabled while the deal is on its way, which loses its
        // focus. A deal started clears the form and takes the focus to its
        // row, and is said; a refused one leaves it on Start.
        let (rows, form, said, said_of) =
            (rows.clone(), form.clone(), said.clone(), said_of.clone());
        let (fields, variant, units_typed, mistakes) = (
            fields.clone(),
            variant.clone(),
            units_typed.clone(),
            mistakes.clone(),
        );
        let starting = props.deals.starting.is_some();
        let started = props.deals.started.clone();
        let (list, items, locale) = (props.deals.list.clone(), props.items.clone(), locale);
        use_effect_with((starting, started), move |(starting, started)| {
            let (sent, before) = was_starting.replace((*starting, started.clone()));
            let answered = sent && !*starting;
            // Only a deal this answer started, not one started before.
            let listed = match (
                &list,
                started.as_ref().filter(|id| before.as_ref() != Some(*id)),
            ) {
                (Remote::Ready(list), Some(id)) => list.iter().find(|l| l.deal.id == *id),
                _ => None,
            };
            match listed.filter(|_| answered) {
                Some(listed) => {
                    fields.set(fresh_fields());
                    variant.set(None);
                    units_typed.set(false);
                    mistakes.set(Vec::new());
                    said.set(deal_said(listed, &items, now_ms(), locale));
                    said_of.set(Some(listed.deal.id.clone()));
                    refocus(&rows, &[&row_of(&listed.deal.id)]);
                }
                None if answered => refocus(&form, &[r#"[data-testid="start-deal"]"#]),
                None => {}
            }
        });
    }
    let was_ending = use_mut_ref(|| None::<String>);
    {
        // "End" is disabled while the end is on its way, which loses its
        // focus: the row, in its new state, takes it, and that is said.
        let (rows, said, said_of) = (rows.clone(), said.clone(), said_of.clone());
        let ending = props.deals.ending.clone();
        let (list, items) = (props.deals.list.clone(), props.items.clone());
        use_effect_with(ending, move |ending| {
            let before = was_ending.replace(ending.clone());
            if let (Some(deal_id), None, Remote::Ready(list)) = (before, ending, &list) {
                if let Some(listed) = list.iter().find(|l| l.deal.id == deal_id) {
                    said.set(deal_said(listed, &items, now_ms(), locale));
                    said_of.set(Some(deal_id.clone()));
                }
                refocus(&rows, &[&row_of(&deal_id)]);
            }
        });
    }
    let was_confirming = use_mut_ref(|| None::<String>);
    {
        // Kept running ("Keep it" or Escape): its "End" is back, and takes
        // the focus the question had.
        let rows = rows.clone();
        use_effect_with(props.deals.confirming.clone(), move |confirming| {
            let before = was_confirming.replace(confirming.clone());
            if let (Some(deal_id), None) = (before, confirming) {
                let end = [&row_of(&deal_id), r#" [data-testid="end-deal"]"#].concat();
                refocus(&rows, &[&end]);
            }
        });
    }
    // The chosen product; before any, the showcase's first; none once a
    // deal started, until the creator picks one.
    let chosen = props
        .deals
        .chosen
        .clone()
        .filter(|id| props.items.iter().any(|item| item.id == *id))
        .or_else(|| {
            let in_stock = props.items.iter().find(|item| item.stock > 0);
            let first = in_stock.or(props.items.first()).map(|item| item.id.clone());
            first.filter(|_| !props.deals.unchosen)
        });
    let product = use_node_ref();
    {
        // The choice shown follows the state's, its placeholder included
        // (an option's `selected` no longer moves a select once used).
        let product = product.clone();
        use_effect_with(chosen.clone(), move |chosen| {
            if let Some(select) = product.cast::<HtmlSelectElement>() {
                select.set_value(chosen.as_deref().unwrap_or_default());
            }
        });
    }
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
    // After every hook: a recorded video has no form.
    if props.deals.live == Some(false) {
        return html! {
            <div class="creator-scroll">
                <p class="hint" role="status" data-testid="deals-live-only">{ Text::DealsLiveOnly.get(locale) }</p>
            </div>
        };
    }
    let on_product = {
        let (on_action, variant, mistakes) =
            (props.on_action.clone(), variant.clone(), mistakes.clone());
        Callback::from(move |event: Event| {
            let product_id = event.target_unchecked_into::<HtmlSelectElement>().value();
            if !product_id.is_empty() {
                variant.set(None);
                mistakes.set(
                    mistakes
                        .iter()
                        .copied()
                        .filter(|(field, _)| *field != DealField::Product)
                        .collect(),
                );
                on_action.emit(DealsAction::Choose(product_id));
            }
        })
    };
    // The chosen product's variants: the one picked, or the first in stock.
    let detail = match &props.deals.detail {
        Remote::Ready(detail) if chosen.as_ref() == Some(&detail.id) => Some(detail.clone()),
        _ => None,
    };
    let picked = detail.as_ref().and_then(|detail| {
        (*variant)
            .clone()
            .filter(|id| detail.variants.iter().any(|v| v.id == *id))
            .or_else(|| {
                let first = detail.variants.iter().find(|v| v.stock > 0);
                first.or(detail.variants.first()).map(|v| v.id.clone())
            })
    });
    let picked_variant = detail.as_ref().and_then(|detail| {
        detail
            .variants
            .iter()
            .find(|v| picked.as_ref() == Some(&v.id))
            .cloned()
    });
    // What the fields show: the units offered follow the variant's stock
    // until the creator types some.
    let most = most_units(picked_variant.as_ref());
    let mut values = (*fields).clone();
    if !*units_typed {
        values[1] = default_units(picked_variant.as_ref()).to_string();
    }
    // The price a deal must be under: the variant's, else the product's.
    let normal_price = picked_variant.as_ref().map(|v| v.price).or_else(|| {
        let item = props
            .items
            .iter()
            .find(|item| chosen.as_ref() == Some(&item.id));
        item.map(|item| item.price)
    });
    let refused = props.deals.refused_field();
    let invalid = |field: DealField| refused == Some(Some(field));
    let input = |index: usize, field: DealField| {
        let (id, label, range) = number_field(field);
        let error_id = [id, "-error"].concat();
        let (setter, corrected, typed) = (fields.clone(), mistakes.clone(), units_typed.clone());
        let on_input = Callback::from(move |event: InputEvent| {
            let mut next = (*setter).clone();
            next[index] = event.target_unchecked_into::<HtmlInputElement>().value();
            setter.set(next);
            if field == DealField::Units {
                typed.set(true);
            }
            corrected.set(
                corrected
                    .iter()
                    .copied()
                    .filter(|(at, _)| *at != field)
                    .collect(),
            );
        });
        let mistake = mistakes
            .iter()
            .find(|(at, _)| *at == field)
            .map(|(_, number)| *number);
        // Units above the variant's stock are said as they are typed.
        let over = field == DealField::Units
            && whole_number(&values[index]).is_some_and(|units| units > most);
        let wrong = mistake.is_some() || over || invalid(field);
        let range = match (field, &picked_variant) {
            (DealField::Units, Some(_)) if most == 0 => {
                Text::ErrorDealNoStock.get(locale).to_owned()
            }
            (DealField::Units, Some(_)) => {
                fill(locale, Text::ErrorDealUnitsUpTo, &count(locale, most))
            }
            (DealField::Price, _) => match normal_price {
                Some(price) => fill(locale, Text::ErrorDealPriceUnder, &price.format(locale)),
                None => fill(locale, range, &Rupiah(1).format(locale)),
            },
            (DealField::Limit, _) => fill(locale, range, &count(locale, MAX_PER_BUYER)),
            _ => range.get(locale).to_owned(),
        };
        // Not a number: the price as rupiah ("49rb"), the rest as a whole
        // number of their own kind.
        let said = match (mistake, field) {
            (Some(false), DealField::Price) => {
                [Text::ErrorAmount.get(locale), " ", &range].concat()
            }
            (Some(false), _) => [
                fill(locale, Text::ErrorWholeNumber, whole_example(field)),
                range,
            ]
            .join(" "),
            _ => range,
        };
        html! {
            <div class="field">
                <label for={id}>{ label.get(locale) }</label>
                <input
                    id={id}
                    type="text"
                    inputmode="numeric"
                    value={values[index].clone()}
                    aria-invalid={wrong.then_some("true")}
                    aria-describedby={wrong.then(|| error_id.clone())}
                    oninput={on_input}
                />
                if wrong {
                    <p class="field-error" id={error_id} data-testid="deal-field-error">{ said }</p>
                }
            </div>
        }
    };
    let several = detail.as_ref().filter(|detail| detail.variants.len() > 1);
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
            values.clone(),
            mistakes.clone(),
            chosen.clone(),
            picked.clone(),
            props.on_action.clone(),
        );
        let picked_variant = picked_variant.clone();
        let deals = props.deals.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // The second tap of a double tap whose first started a deal
            // meets the form that start cleared: no mistake to mend.
            if deals.repeats_start(now_ms()) {
                return;
            }
            // Nothing is sent while a term is wrong: each is named, the first focused.
            // The price as the voucher form reads amounts ("49rb", "Rp49.000").
            let numbers: [Option<u32>; NUMBER_FIELDS.len()] =
                std::array::from_fn(|at| match NUMBER_FIELDS[at] {
                    DealField::Price => rupiah(&fields[at]),
                    _ => whole_number(&fields[at]),
                });
            let at = |field: DealField| NUMBER_FIELDS.iter().position(|f| *f == field);
            let wrong: Vec<(DealField, bool)> = chosen
                .is_none()
                .then_some((DealField::Product, false))
                .into_iter()
                .chain(
                    wrong_terms(&numbers, picked_variant.as_ref())
                        .into_iter()
                        .map(|field| (field, at(field).is_some_and(|at| numbers[at].is_some()))),
                )
                .collect();
            let (Some(product_id), None) = (chosen.clone(), wrong.first()) else {
                if let Some((first, _)) = wrong.first() {
                    focus_field(&event, number_field(*first).0);
                }
                mistakes.set(wrong);
                return;
            };
            mistakes.set(Vec::new());
            let number = |at: usize| numbers[at].unwrap_or_default();
            on_action.emit(DealsAction::Start {
                terms: StartFlashDeal {
                    product_id,
                    variant_id: picked.clone(),
                    price: Rupiah(i64::from(number(0))),
                    units: number(1),
                    per_buyer_limit: number(2),
                    starts_in_seconds: number(3),
                    minutes: number(4),
                },
                fresh: new_key(),
                at_ms: now_ms(),
            });
        })
    };
    let sending = props.deals.starting.is_some();
    let unpicked = mistakes
        .iter()
        .any(|(field, _)| *field == DealField::Product);
    let product_error = if unpicked {
        Some(Text::ErrorDealChooseProduct)
    } else if invalid(DealField::Variant) {
        Some(Text::ErrorDealVariant)
    } else if invalid(DealField::Product) {
        Some(Text::ErrorDealProduct)
    } else {
        None
    };
    let product_invalid = product_error.is_some();
    let named: Vec<&str> = mistakes
        .iter()
        .map(|(field, _)| number_field(*field).1.get(locale))
        .collect();
    // One form for the terms above and Start below them: the terms scroll
    // with the deals, Start stays in the thumb's reach.
    html! {
        <form class="creator-pane" data-testid="deal-form" onsubmit={on_submit} ref={form}>
            <div class="creator-scroll">
                <div class="search-form">
                    <div class="field">
                        <label for="deal-product">{ Text::FieldDealProduct.get(locale) }</label>
                        <select
                            id="deal-product"
                            ref={product}
                            onchange={on_product}
                            aria-invalid={product_invalid.then_some("true")}
                            aria-describedby={product_invalid.then_some("deal-product-error")}
                        >
                            if chosen.is_none() {
                                <option value="" disabled={true} selected={true}>{ Text::ChooseDealProduct.get(locale) }</option>
                            }
                            // Sold out: marked, and not to be chosen.
                            { for props.items.iter().map(|item| html! {
                                <option value={item.id.clone()} selected={chosen.as_deref() == Some(item.id.as_str())} disabled={item.stock == 0}>
                                    { [item.name.as_str(), " · ", &item.price.format(locale)].concat() }
                                    if item.stock == 0 {
                                        { [" · ", Text::DealNoStockTag.get(locale)].concat() }
                                    }
                                </option>
                            }) }
                        </select>
                        if let Some(error) = product_error {
                            <p class="field-error" id="deal-product-error" data-testid="deal-field-error">{ error.get(locale) }</p>
                        }
                    </div>
                    if let Some(detail) = several {
                        <div class="field">
                            <label for="deal-variant">{ Text::FieldDealVariant.get(locale) }</label>
                            <select id="deal-variant" onchange={on_variant}>
                                // No stock left: marked, and not to be chosen.
                                { for detail.variants.iter().map(|v| {
                                    let stock = if v.stock == 0 {
                                        Text::DealNoStockTag.get(locale).to_owned()
                                    } else {
                                        fill(locale, Text::StockPlenty, &count(locale, v.stock))
                                    };
                                    html! {
                                        <option value={v.id.clone()} selected={picked.as_deref() == Some(v.id.as_str())} disabled={v.stock == 0}>
                                            { [v.option_values.join(" / ").as_str(), " · ", &v.price.format(locale), " · ", &stock].concat() }
                                        </option>
                                    }
                                }) }
                            </select>
                        </div>
                    }
                    <div class="search-row">
                        { input(0, DealField::Price) }
                        { input(1, DealField::Units) }
                    </div>
                    <div class="search-row">
                        { input(2, DealField::Limit) }
                        { input(3, DealField::StartsIn) }
                    </div>
                    { input(4, DealField::Minutes) }
                </div>
                { deal_list(&DealList {
                    deals: &props.deals,
                    items: &props.items,
                    now_ms: *now,
                    locale,
                    on_action: &props.on_action,
                    rows,
                }) }
                <p class="sr" aria-live="polite" data-testid="deals-said">{ (*said).clone() }</p>
            </div>
            <div class="creator-foot">
                if !named.is_empty() {
                    <p class="field-error" role="alert" data-testid="deal-mistakes">{ fill(locale, Text::FieldsToFix, &named.join(", ")) }</p>
                }
                if refused == Some(None) {
                    <p class="field-error" role="alert" data-testid="deal-refused">{ Text::DealStartFailed.get(locale) }</p>
                }
                <button type="submit" class="action" data-testid="start-deal" disabled={sending} aria-busy={sending.then_some("true")}>
                    { if sending { Text::StartingDeal.get(locale) } else { Text::StartDealButton.get(locale) } }
                </button>
            </div>
        </form>
    }
}
