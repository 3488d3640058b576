//! [`quantity_stepper`]: − value + , bounded below by 1 and above by the stock.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{count, Text};

/// Two buttons around `value`, − disabled at 1 and + at `max`, in a group
/// named `label` ("Jumlah", "Jumlah Kaos Polos"); the number is announced
/// with its name when it changes ("Jumlah 2", "Quantity 2"). Calls `on_change` with the new quantity. A bound is
/// `aria-disabled`, not `disabled`: the button keeps the focus a keyboard
/// gave it (a disabled one would drop it to the page) and does nothing.
pub fn quantity_stepper(
    value: u32,
    max: u32,
    label: &str,
    locale: Locale,
    on_change: &Callback<u32>,
) -> Html {
    let (lowest, highest) = (value <= 1, value >= max);
    let step = |to: u32, bound: bool| {
        let on_change = on_change.clone();
        Callback::from(move |_: MouseEvent| {
            if !bound {
                on_change.emit(to);
            }
        })
    };
    let down = step(value.saturating_sub(1), lowest);
    let up = step(value.saturating_add(1), highest);
    html! {
        <div class="stepper" role="group" aria-label={label.to_owned()}>
            <button
                type="button"
                class="step"
                data-testid="qty-decrease"
                aria-label={Text::Decrease.get(locale)}
                aria-disabled={lowest.then_some("true")}
                onclick={down}
            >
                <span aria-hidden="true">{ "−" }</span>
            </button>
            <span class="qty" aria-live="polite" aria-atomic="true">
                <span class="sr">{ Text::Quantity.get(locale) }{ " " }</span>
                <span data-testid="qty">{ count(locale, value) }</span>
            </span>
            <button
                type="button"
                class="step"
                data-testid="qty-increase"
                aria-label={Text::Increase.get(locale)}
                aria-disabled={highest.then_some("true")}
                onclick={up}
            >
                <span aria-hidden="true">{ "+" }</span>
            </button>
        </div>
    }
}
