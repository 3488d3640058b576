//! [`VoucherForm`]: a creator drops a live voucher on the stream — an
//! amount or a percentage, its cap and minimum spend, how many viewers may
//! claim it and for how long.

use etalase_contract::{DropVoucher, LiveVoucherKind, Locale, Rupiah};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::now_ms;
use crate::api::new_key;
use crate::components::{choice_keys, choice_tabindex, focus_field};
use crate::i18n::{fill, Text};
use crate::parts::creator::state::creator::{CreatorAction, Drop};
use crate::parts::creator::state::number::whole_number;

/// Props of [`VoucherForm`].
#[derive(Properties, PartialEq)]
pub struct VoucherFormProps {
    /// The language of every text.
    pub locale: Locale,
    /// Where dropping stands.
    pub drop: Drop,
    /// Where the drop goes.
    pub on_action: Callback<CreatorAction>,
}

/// The number fields' ids, in the order of the form's values.
const NUMBER_FIELDS: [&str; 5] = [
    "drop-value",
    "drop-cap",
    "drop-min",
    "drop-quota",
    "drop-minutes",
];

/// The form; the server checks the terms and a refusal is said above the
/// button. A dropped voucher's code is shown once it is on the viewers' screens.
#[function_component]
pub fn VoucherForm(props: &VoucherFormProps) -> Html {
    let locale = props.locale;
    let percent = use_state_eq(|| false);
    // value, cap, minimum spend, quota, minutes.
    let fields = use_state(|| ["15000", "", "0", "100", "5"].map(String::from));
    // The number fields that do not hold a whole number, found on Drop.
    let mistakes = use_state_eq(Vec::<usize>::new);
    let field = |index: usize, label: Text| {
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
        let id = NUMBER_FIELDS[index];
        let error_id = [id, "-error"].concat();
        let mistaken = mistakes.contains(&index);
        html! {
            <div class="field">
                <label for={id}>{ label.get(locale) }</label>
                <input
                    id={id}
                    type="text"
                    inputmode="numeric"
                    value={fields[index].clone()}
                    aria-invalid={mistaken.then_some("true")}
                    aria-describedby={mistaken.then(|| error_id.clone())}
                    oninput={on_input}
                />
                if mistaken {
                    <p class="field-error" id={error_id} data-testid="drop-field-error">{ Text::ErrorWholeNumber.get(locale) }</p>
                }
            </div>
        }
    };
    let kind = |is_percent: bool, label: Text| {
        let percent = percent.clone();
        html! {
            <button
                type="button"
                class="chip"
                role="radio"
                aria-checked={if *percent == is_percent { "true" } else { "false" }}
                tabindex={choice_tabindex(*percent == is_percent, false)}
                onclick={Callback::from(move |_: MouseEvent| percent.set(is_percent))}
            >
                { label.get(locale) }
            </button>
        }
    };
    let on_submit = {
        let (fields, mistakes, percent, on_action) = (
            fields.clone(),
            mistakes.clone(),
            percent.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // Nothing is sent while a field says anything but a whole number
            // ("-5" is not 5): each is named, the first focused. The cap may
            // be left blank, and counts only for a percentage.
            let numbers = fields.each_ref().map(|text| whole_number(text));
            let wrong: Vec<usize> = (0..numbers.len())
                .filter(|at| match at {
                    1 => *percent && !fields[1].trim().is_empty() && numbers[1].is_none(),
                    _ => numbers[*at].is_none(),
                })
                .collect();
            if let Some(first) = wrong.first() {
                focus_field(&event, NUMBER_FIELDS[*first]);
                mistakes.set(wrong);
                return;
            }
            let number = |at: usize| numbers[at].unwrap_or_default();
            let terms = DropVoucher {
                kind: if *percent {
                    LiveVoucherKind::Percent
                } else {
                    LiveVoucherKind::Amount
                },
                value: i64::from(number(0)),
                max_discount: numbers[1]
                    .filter(|cap| *percent && *cap > 0)
                    .map(|cap| Rupiah(i64::from(cap))),
                min_spend: Rupiah(i64::from(number(2))),
                quota: number(3),
                claimable_minutes: number(4),
            };
            on_action.emit(CreatorAction::DropVoucher {
                terms,
                fresh: new_key(),
                at_ms: now_ms(),
            });
        })
    };
    let sending = props.drop.sending.is_some();
    html! {
        <form class="search-form" data-testid="voucher-form" onsubmit={on_submit}>
            <div class="chips" role="radiogroup" aria-label={Text::TabVoucher.get(locale)} onkeydown={Callback::from(choice_keys)}>
                { kind(false, Text::VoucherKindAmount) }
                { kind(true, Text::VoucherKindPercent) }
            </div>
            { field(0, Text::FieldValue) }
            if *percent {
                { field(1, Text::FieldMaxDiscount) }
            }
            <div class="search-row">
                { field(2, Text::FieldMinSpend) }
                { field(3, Text::FieldQuota) }
            </div>
            { field(4, Text::FieldMinutes) }
            if props.drop.refused.is_some() {
                <p class="field-error" role="alert" data-testid="drop-refused">{ Text::DropRefused.get(locale) }</p>
            }
            if let Some(dropped) = &props.drop.dropped {
                <p class="hint" role="status" data-testid="voucher-dropped">{ fill(locale, Text::VoucherDropped, &dropped.code) }</p>
            }
            <button type="submit" class="action" data-testid="drop-voucher" disabled={sending} aria-busy={sending.then_some("true")}>
                { if sending { Text::Dropping.get(locale) } else { Text::DropVoucherButton.get(locale) } }
            </button>
        </form>
    }
}
