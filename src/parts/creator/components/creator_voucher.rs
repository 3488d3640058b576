//! [`VoucherForm`]: a creator drops a live voucher on the stream — an
//! amount or a percentage, its cap and minimum spend, how many viewers may
//! claim it and for how long — above the stream's vouchers, with Drop and
//! what became of the last drop under them, in the thumb's reach.

use std::ops::RangeInclusive;

use etalase_contract::{LiveVoucherKind, Locale, Rupiah};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::now_ms;
use super::refocus::refocus;
use crate::api::{new_key, ApiError};
use crate::components::{choice_keys, choice_tabindex, focus_field};
use crate::i18n::{fill, Text};
use crate::parts::creator::state::creator::{CreatorAction, Drop};
use crate::parts::creator::state::voucher_terms::{
    read_voucher, Mistake, VoucherField, AMOUNT, CAP,
};

/// Props of [`VoucherForm`].
#[derive(Properties, PartialEq)]
pub struct VoucherFormProps {
    /// The language of every text.
    pub locale: Locale,
    /// Where dropping stands.
    pub drop: Drop,
    /// Whether the voucher dropped last can no longer be claimed (ended,
    /// or its time up): it is no longer said to be on viewers' screens.
    #[prop_or_default]
    pub dropped_closed: bool,
    /// Where the drop goes.
    pub on_action: Callback<CreatorAction>,
    /// What scrolls under the fields: the stream's vouchers.
    #[prop_or_default]
    pub children: Html,
}

/// A field of the form for `kind`: its id and its label.
fn field_of(field: VoucherField, kind: LiveVoucherKind) -> (&'static str, Text) {
    match field {
        VoucherField::Value if kind == LiveVoucherKind::Percent => {
            ("drop-value", Text::FieldValuePercent)
        }
        VoucherField::Value => ("drop-value", Text::FieldValueAmount),
        VoucherField::MaxDiscount => ("drop-cap", Text::FieldMaxDiscount),
        VoucherField::MinSpend => ("drop-min", Text::FieldMinSpend),
        VoucherField::Quota => ("drop-quota", Text::FieldQuota),
        VoucherField::Minutes => ("drop-minutes", Text::FieldMinutes),
    }
}

/// The range `field` allows for `kind`, in words, its amounts written the
/// way `locale` writes money.
fn range_said(field: VoucherField, kind: LiveVoucherKind, locale: Locale) -> String {
    let money = |amount: u32| Rupiah(i64::from(amount)).format(locale);
    let between = |range: &RangeInclusive<u32>| {
        [
            money(*range.start()),
            Text::RangeTo.get(locale).to_owned(),
            money(*range.end()),
        ]
        .join(" ")
    };
    match field {
        VoucherField::Value if kind == LiveVoucherKind::Percent => {
            Text::ErrorVoucherPercent.get(locale).to_owned()
        }
        VoucherField::Value => fill(locale, Text::ErrorVoucherAmount, &between(&AMOUNT)),
        VoucherField::MaxDiscount => fill(locale, Text::ErrorVoucherCap, &between(&CAP)),
        VoucherField::MinSpend => fill(locale, Text::ErrorVoucherMinSpend, &money(0)),
        VoucherField::Quota => Text::ErrorVoucherQuota.get(locale).to_owned(),
        VoucherField::Minutes => Text::ErrorVoucherMinutes.get(locale).to_owned(),
    }
}

/// An example of a whole number that `field` (one not of rupiah) takes,
/// for the sentence asking for one.
fn whole_example(field: VoucherField) -> &'static str {
    match field {
        VoucherField::Value => "10",
        VoucherField::Quota => "100",
        VoucherField::Minutes => "15",
        VoucherField::MaxDiscount | VoucherField::MinSpend => "25000",
    }
}

/// The value and cap a kind starts with, written the way `locale` writes
/// numbers: rupiah for an amount, a whole percentage and its cap for a
/// percentage.
fn defaults(kind: LiveVoucherKind, locale: Locale) -> [String; 2] {
    let rupiah = |amount: u64| locale.group_thousands(amount);
    match kind {
        LiveVoucherKind::Amount => [rupiah(15_000), String::new()],
        LiveVoucherKind::Percent => ["10".to_owned(), rupiah(25_000)],
    }
}

/// The field the server's refusal names, if it names one of the form's.
fn refused_field(refused: Option<&ApiError>) -> Option<VoucherField> {
    match refused? {
        ApiError::Api { error, .. } => error.field.as_deref().and_then(VoucherField::named),
        _ => None,
    }
}

/// The form. Every term is read the Indonesian way ("15rb", "Rp15.000")
/// and checked on Drop, each wrong one said at its field with the range it
/// allows, all at once, with their names above the button; then the server
/// checks them, and a refusal naming a field is said at that field. The
/// value's unit follows the kind: switching it puts that kind's default in.
#[function_component]
pub fn VoucherForm(props: &VoucherFormProps) -> Html {
    let locale = props.locale;
    let kind = use_state_eq(|| LiveVoucherKind::Amount);
    // value, cap, minimum spend, quota, minutes.
    let fields = use_state(|| {
        let [value, cap] = defaults(LiveVoucherKind::Amount, locale);
        [value, cap, String::new(), "100".to_owned(), "5".to_owned()]
    });
    let mistakes = use_state_eq(Vec::<Mistake>::new);
    let refused = refused_field(props.drop.refused.as_ref());
    let form = use_node_ref();
    {
        // Drop is disabled while the voucher is on its way, which loses its
        // focus: once answered, it is Drop's again, beside what became of
        // the drop, for the next voucher mid-stream.
        let form = form.clone();
        let sending = props.drop.sending.is_some();
        let was_sending = use_mut_ref(|| false);
        use_effect_with(sending, move |sending| {
            if was_sending.replace(*sending) && !*sending {
                refocus(&form, &[r#"[data-testid="drop-voucher"]"#]);
            }
        });
    }
    let field = |field: VoucherField| {
        let index = field as usize;
        let (id, label) = field_of(field, *kind);
        let range = range_said(field, *kind, locale);
        let error_id = [id, "-error"].concat();
        let (setter, corrected) = (fields.clone(), mistakes.clone());
        let on_input = Callback::from(move |event: InputEvent| {
            let mut next = (*setter).clone();
            next[index] = event.target_unchecked_into::<HtmlInputElement>().value();
            setter.set(next);
            corrected.set(
                corrected
                    .iter()
                    .copied()
                    .filter(|m| m.field != field)
                    .collect(),
            );
        });
        let mistake = mistakes.iter().find(|m| m.field == field);
        let wrong = mistake.is_some() || refused == Some(field);
        let said = match mistake {
            Some(Mistake { number: false, .. }) if field.is_money(*kind) => {
                [Text::ErrorAmount.get(locale), " ", &range].concat()
            }
            Some(Mistake { number: false, .. }) => [
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
                    inputmode={(!field.is_money(*kind)).then_some("numeric")}
                    value={fields[index].clone()}
                    aria-invalid={wrong.then_some("true")}
                    aria-describedby={wrong.then(|| error_id.clone())}
                    oninput={on_input}
                />
                if wrong {
                    <p class="field-error" id={error_id} data-testid="drop-field-error">{ said }</p>
                }
            </div>
        }
    };
    let choice = |choice: LiveVoucherKind, label: Text| {
        let (kind, fields, mistakes) = (kind.clone(), fields.clone(), mistakes.clone());
        let chosen = *kind == choice;
        let on_click = Callback::from(move |_: MouseEvent| {
            if *kind == choice {
                return;
            }
            // A rupiah value is no percentage, nor the other way round.
            let mut next = (*fields).clone();
            let [value, cap] = defaults(choice, locale);
            next[VoucherField::Value as usize] = value;
            next[VoucherField::MaxDiscount as usize] = cap;
            fields.set(next);
            mistakes.set(
                mistakes
                    .iter()
                    .copied()
                    .filter(|m| !matches!(m.field, VoucherField::Value | VoucherField::MaxDiscount))
                    .collect(),
            );
            kind.set(choice);
        });
        html! {
            <button
                type="button"
                class="chip"
                role="radio"
                data-testid="voucher-kind"
                aria-checked={if chosen { "true" } else { "false" }}
                tabindex={choice_tabindex(chosen, false)}
                onclick={on_click}
            >
                { label.get(locale) }
            </button>
        }
    };
    let on_submit = {
        let (fields, mistakes, kind, on_action) = (
            fields.clone(),
            mistakes.clone(),
            kind.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // Nothing is sent while a term is wrong: each is named, the first focused.
            match read_voucher(*kind, &fields) {
                Ok(terms) => {
                    mistakes.set(Vec::new());
                    on_action.emit(CreatorAction::DropVoucher {
                        terms,
                        fresh: new_key(),
                        at_ms: now_ms(),
                    });
                }
                Err(wrong) => {
                    if let Some(first) = wrong.first() {
                        focus_field(&event, field_of(first.field, *kind).0);
                    }
                    mistakes.set(wrong);
                }
            }
        })
    };
    let sending = props.drop.sending.is_some();
    let named: Vec<&str> = mistakes
        .iter()
        .map(|m| field_of(m.field, *kind).1.get(locale))
        .collect();
    // One form for the fields above and Drop below them: the fields scroll
    // with the vouchers, Drop stays in the thumb's reach.
    html! {
        <form class="creator-pane" data-testid="voucher-form" onsubmit={on_submit} ref={form}>
            <div class="creator-scroll">
                <div class="search-form">
                    <div class="chips" role="radiogroup" aria-label={Text::VoucherKindGroup.get(locale)} onkeydown={Callback::from(choice_keys)}>
                        { choice(LiveVoucherKind::Amount, Text::VoucherKindAmount) }
                        { choice(LiveVoucherKind::Percent, Text::VoucherKindPercent) }
                    </div>
                    { field(VoucherField::Value) }
                    if *kind == LiveVoucherKind::Percent {
                        { field(VoucherField::MaxDiscount) }
                    }
                    <div class="search-row">
                        { field(VoucherField::MinSpend) }
                        { field(VoucherField::Quota) }
                    </div>
                    { field(VoucherField::Minutes) }
                </div>
                { props.children.clone() }
            </div>
            <div class="creator-foot">
                if !named.is_empty() {
                    <p class="field-error" role="alert" data-testid="drop-mistakes">{ fill(locale, Text::FieldsToFix, &named.join(", ")) }</p>
                }
                if props.drop.refused.is_some() && refused.is_none() {
                    <p class="field-error" role="alert" data-testid="drop-refused">{ Text::DropRefused.get(locale) }</p>
                }
                // An earlier success is not left beside a new mistake, nor
                // once that voucher closed.
                if let (Some(dropped), true) = (&props.drop.dropped, named.is_empty() && !props.dropped_closed) {
                    <p class="hint" role="status" data-testid="voucher-dropped">{ fill(locale, Text::VoucherDropped, &dropped.code) }</p>
                }
                <button type="submit" class="action" data-testid="drop-voucher" disabled={sending} aria-busy={sending.then_some("true")}>
                    { if sending { Text::Dropping.get(locale) } else { Text::DropVoucherButton.get(locale) } }
                </button>
            </div>
        </form>
    }
}
