//! [`region_picker`]: a choice among a region's children — a city's
//! districts or a district's villages — as a native select, which a phone
//! shows as its own scrolling picker and a keyboard searches by typing the
//! start of a name.

use etalase_contract::{Locale, Region};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::Text;
use crate::state::failure::explain;
use crate::state::failure::Subject;
use crate::state::remote::Remote;

/// What a picker shows and where its choice goes.
pub struct RegionPicker<'a> {
    /// The select's id, which its label names.
    pub id: &'static str,
    /// The regions to choose among, as loaded.
    pub regions: &'a Remote<Vec<Region>>,
    /// The code chosen, if any.
    pub chosen: Option<&'a str>,
    /// Whether the field holds a mistake.
    pub invalid: bool,
    /// The ids that describe the select (its error).
    pub described: Option<String>,
    /// The first, empty option's text.
    pub placeholder: Text,
    /// The language of its texts.
    pub locale: Locale,
    /// Called with the code chosen.
    pub on_choose: Callback<String>,
    /// Loads a failed list again.
    pub on_retry: Callback<()>,
    /// Focus left the select.
    pub on_blur: Callback<()>,
}

/// The select, a wait while the list loads, or the failure with a retry.
pub fn region_picker(picker: &RegionPicker<'_>) -> Html {
    let locale = picker.locale;
    let regions = match picker.regions {
        Remote::Ready(regions) => regions.as_slice(),
        Remote::Failed(error) => {
            return html! {
                <div class="region-failed" role="alert" data-testid="region-list-failed">
                    <p>{ Text::RegionsFailed.get(locale) }{ " " }{ explain(error, Subject::Checkout).get(locale) }</p>
                    <button type="button" class="retry" data-testid="region-list-retry" onclick={picker.on_retry.reform(|_: MouseEvent| ())}>
                        { Text::Retry.get(locale) }
                    </button>
                </div>
            };
        }
        Remote::Idle | Remote::Loading => {
            return html! {
                <select id={picker.id} disabled=true aria-busy="true">
                    <option>{ Text::LoadingRegions.get(locale) }</option>
                </select>
            };
        }
    };
    let on_change = picker
        .on_choose
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let chosen = picker.chosen.unwrap_or_default();
    html! {
        <select
            id={picker.id}
            required=true
            aria-invalid={if picker.invalid { "true" } else { "false" }}
            aria-describedby={picker.described.clone()}
            data-testid={picker.id}
            onchange={on_change}
            onblur={picker.on_blur.reform(|_: FocusEvent| ())}
        >
            <option value="" selected={chosen.is_empty()}>{ picker.placeholder.get(locale) }</option>
            { for regions.iter().map(|region| html! {
                <option value={region.code.clone()} selected={chosen == region.code}>{ region.name.clone() }</option>
            }) }
        </select>
    }
}
