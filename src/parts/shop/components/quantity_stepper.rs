//! [`quantity_stepper`]: − value + , bounded below by 1 and above by the stock.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{count, Text};

/// Two buttons around `value`, − disabled at 1 and + at `max`, in a group
/// named `label` ("Jumlah", "Jumlah Kaos Polos"); the number is announced
/// when it changes. Calls `on_change` with the new quantity.
pub fn quantity_stepper(
    value: u32,
    max: u32,
    label: &str,
    locale: Locale,
    on_change: &Callback<u32>,
) -> Html {
    let down = on_change.reform(move |_: MouseEvent| value.saturating_sub(1));
    let up = on_change.reform(move |_: MouseEvent| value.saturating_add(1));
    html! {
        <div class="stepper" role="group" aria-label={label.to_owned()}>
            <button
                type="button"
                class="step"
                data-testid="qty-decrease"
                aria-label={Text::Decrease.get(locale)}
                disabled={value <= 1}
                onclick={down}
            >
                <span aria-hidden="true">{ "−" }</span>
            </button>
            <span class="qty" data-testid="qty" aria-live="polite">{ count(locale, value) }</span>
            <button
                type="button"
                class="step"
                data-testid="qty-increase"
                aria-label={Text::Increase.get(locale)}
                disabled={value >= max}
                onclick={up}
            >
                <span aria-hidden="true">{ "+" }</span>
            </button>
        </div>
    }
}
