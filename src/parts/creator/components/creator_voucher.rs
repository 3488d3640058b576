//! [`VoucherForm`]: a creator drops a live voucher on the stream — an
//! amount or a percentage, its cap and minimum spend, how many viewers may
//! claim it and for how long.

use etalase_contract::{DropVoucher, LiveVoucherKind, Locale, Rupiah};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{choice_keys, choice_tabindex};
use crate::i18n::{fill, Text};
use crate::parts::creator::state::creator::{CreatorAction, Drop};

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

/// Whole numbers typed in a field: digits only, 0 when blank.
fn whole(text: &str) -> i64 {
    let digits: String = text.chars().filter(char::is_ascii_digit).take(12).collect();
    digits.parse().unwrap_or(0)
}

/// The form; the server checks the terms and a refusal is said above the
/// button. A dropped voucher's code is shown once it is on the viewers' screens.
#[function_component]
pub fn VoucherForm(props: &VoucherFormProps) -> Html {
    let locale = props.locale;
    let percent = use_state_eq(|| false);
    // value, cap, minimum spend, quota, minutes.
    let fields = use_state(|| ["15000", "", "0", "100", "5"].map(String::from));
    let field = |index: usize, id: &'static str, label: Text| {
        let setter = fields.clone();
        let on_input = Callback::from(move |event: InputEvent| {
            let mut next = (*setter).clone();
            next[index] = event.target_unchecked_into::<HtmlInputElement>().value();
            setter.set(next);
        });
        html! {
            <div class="field">
                <label for={id}>{ label.get(locale) }</label>
                <input id={id} type="text" inputmode="numeric" value={fields[index].clone()} oninput={on_input} />
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
        let (fields, percent, on_action) =
            (fields.clone(), percent.clone(), props.on_action.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let cap = whole(&fields[1]);
            on_action.emit(CreatorAction::DropVoucher(DropVoucher {
                kind: if *percent {
                    LiveVoucherKind::Percent
                } else {
                    LiveVoucherKind::Amount
                },
                value: whole(&fields[0]),
                max_discount: (*percent && cap > 0).then_some(Rupiah(cap)),
                min_spend: Rupiah(whole(&fields[2])),
                quota: u32::try_from(whole(&fields[3])).unwrap_or(u32::MAX),
                claimable_minutes: u32::try_from(whole(&fields[4])).unwrap_or(u32::MAX),
            }));
        })
    };
    let sending = props.drop.sending.is_some();
    html! {
        <form class="search-form" data-testid="voucher-form" onsubmit={on_submit}>
            <div class="chips" role="radiogroup" aria-label={Text::TabVoucher.get(locale)} onkeydown={Callback::from(choice_keys)}>
                { kind(false, Text::VoucherKindAmount) }
                { kind(true, Text::VoucherKindPercent) }
            </div>
            { field(0, "drop-value", Text::FieldValue) }
            if *percent {
                { field(1, "drop-cap", Text::FieldMaxDiscount) }
            }
            <div class="search-row">
                { field(2, "drop-min", Text::FieldMinSpend) }
                { field(3, "drop-quota", Text::FieldQuota) }
            </div>
            { field(4, "drop-minutes", Text::FieldMinutes) }
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
