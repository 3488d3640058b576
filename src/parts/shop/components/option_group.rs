//! [`option_group`]: the chips of one option axis, such as size or colour.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::components::{choice_keys, choice_tabindex};
use crate::i18n::{Text, CATALOGUE};
use crate::parts::shop::state::variant::Chip;

/// A radio group named `name` with one chip per value of option `axis`
/// (the seller's words, marked in the catalogue's language);
/// values that lead to no stock are disabled, and say so in their name
/// ("Lilac, habis"; "Lilac, sold out" with "Lilac" alone in the catalogue's
/// language, see [`sold_out`]). Tapping an enabled chip calls
/// `on_choose` with `(axis, value)`; the arrow keys move the choice.
pub fn option_group(
    axis: usize,
    name: &str,
    chips: Vec<Chip>,
    on_choose: &Callback<(usize, String)>,
    locale: Locale,
) -> Html {
    let lead = (!chips.iter().any(|chip| chip.checked))
        .then(|| chips.iter().position(|chip| chip.available))
        .flatten();
    html! {
        <div class="group" role="radiogroup" aria-label={name.to_owned()} lang={CATALOGUE} key={axis} onkeydown={Callback::from(choice_keys)}>
            <div class="group-name" aria-hidden="true">{ name }</div>
            <div class="chips">
                { for chips.into_iter().enumerate().map(|(at, chip)| {
                    let value = chip.value.clone();
                    let onclick = on_choose.reform(move |_: MouseEvent| (axis, value.clone()));
                    html! {
                        <button
                            type="button"
                            class="chip"
                            role="radio"
                            aria-checked={if chip.checked { "true" } else { "false" }}
                            tabindex={choice_tabindex(chip.checked, lead == Some(at))}
                            disabled={!chip.available}
                            lang={(!chip.available).then(|| locale.tag())}
                            data-testid="variant-option"
                            data-value={chip.value.clone()}
                            key={chip.value.as_str()}
                            {onclick}
                        >
                            if chip.available {
                                { chip.value }
                            } else {
                                { sold_out(&chip.value, locale) }
                            }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

/// A sold-out chip's words: `value` as shown, marked in the catalogue's
/// language, and around it what [`Text::ValueSoldOut`] says of it, for a
/// screen reader alone (`.said-inline`: inline, so the name reads "Lilac,
/// sold out"), in the widget's language (the chip's own `lang`).
fn sold_out(value: &str, locale: Locale) -> Html {
    let text = Text::ValueSoldOut.get(locale);
    let (before, after) = text.split_once("{}").unwrap_or(("", text));
    let said = |words: &str| {
        (!words.is_empty()).then(|| html! { <span class="said-inline">{ words.to_owned() }</span> })
    };
    html! {
        <>{ for said(before) }<span lang={CATALOGUE}>{ value.to_owned() }</span>{ for said(after) }</>
    }
}
