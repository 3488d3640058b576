//! [`OptionGroup`]: the chips of one option axis, such as size or colour.

use yew::prelude::*;

use crate::state::variant::Chip;

/// Props of [`OptionGroup`].
#[derive(Properties, PartialEq)]
pub struct OptionGroupProps {
    /// The axis index, passed back on a choice.
    pub axis: usize,
    /// The option's name, e.g. `Ukuran`.
    pub name: AttrValue,
    /// One chip per value, in the option's order.
    pub chips: Vec<Chip>,
    /// Called with `(axis, value)` when an enabled chip is tapped.
    pub on_choose: Callback<(usize, String)>,
}

/// A radio group of chips; values that lead to no stock are disabled.
#[function_component]
pub fn OptionGroup(props: &OptionGroupProps) -> Html {
    let axis = props.axis;
    html! {
        <div class="group" role="radiogroup" aria-label={props.name.clone()}>
            <div class="group-name" aria-hidden="true">{ &props.name }</div>
            <div class="chips">
                { for props.chips.iter().map(|chip| {
                    let value = chip.value.clone();
                    let onclick = props.on_choose.reform(move |_: MouseEvent| (axis, value.clone()));
                    html! {
                        <button
                            type="button"
                            class="chip"
                            role="radio"
                            aria-checked={if chip.checked { "true" } else { "false" }}
                            disabled={!chip.available}
                            data-testid="variant-option"
                            data-value={chip.value.clone()}
                            key={chip.value.as_str()}
                            {onclick}
                        >
                            { &chip.value }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}
