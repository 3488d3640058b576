//! [`region_combobox`]: the "district or city" search of the address form,
//! a WAI-ARIA 1.2 combobox — a text field that owns a listbox of the
//! regions found, the option the arrow keys are on named by
//! `aria-activedescendant` while focus stays in the field, and a polite
//! status saying how many were found.
//!
//! Keys (see [`Key`]): Down and Up open the list and move through it,
//! wrapping; Home and End go to the first and last option once one is
//! active (before that they move the caret); Enter picks; Escape closes
//! the list, then brings back the place picked before the shopper typed
//! over it (its village and postal code too) or else clears the text, and
//! only then closes the sheet. A tap
//! picks too: the list keeps focus in the field while it is pressed.

use etalase_contract::{Locale, Region, RegionLevel};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{count, fill, Text};
use crate::parts::shop::state::place::{Place, PlaceAction};
use crate::parts::shop::state::region_search::{
    marks, searchable, Answer, Key, KeyMove, MAX_CHARS,
};
use crate::state::failure::{explain, Subject};
use crate::view::focus::focus;

/// The field's id; its list's and options' ids start with it.
pub const REGION_ID: &str = "address-region";

/// The id of the option at `at`.
fn option_id(at: usize) -> String {
    [REGION_ID, "-option-", &at.to_string()].concat()
}

/// A found region's level, as the list tags it.
fn level(region: &Region) -> Text {
    match region.level {
        RegionLevel::Province | RegionLevel::City => Text::LevelCity,
        RegionLevel::District => Text::LevelDistrict,
        RegionLevel::Village => Text::LevelVillage,
    }
}

/// Scrolls the sheet so the field holding `inside` (the combobox's whole
/// field, label included) is at its top, leaving the list below it the most room above
/// the on-screen keyboard. Only the sheet scrolls, never the host page.
/// The field's offset is the form's (`.address-form` is positioned), and
/// the form is the sheet's content.
pub fn reveal(inside: &Element) {
    let field = inside
        .closest(".region-field")
        .ok()
        .flatten()
        .and_then(|field| field.dyn_into::<HtmlElement>().ok());
    let scroller = inside.closest(".sheet-scroll").ok().flatten();
    if let (Some(field), Some(scroller)) = (field, scroller) {
        let by = field.offset_top() - scroller.scroll_top();
        scroller.scroll_by_with_x_and_y(0.0, f64::from(by));
    }
}

/// The option `at` of the open list, scrolled into the list's view (the
/// list alone scrolls; `.region-list` is positioned, so an option's offset
/// is the list's).
pub fn show_option(list: &NodeRef, at: usize) {
    let Some(list) = list.cast::<HtmlElement>() else {
        return;
    };
    let option = list
        .query_selector(&["#", &option_id(at)].concat())
        .ok()
        .flatten()
        .and_then(|option| option.dyn_into::<HtmlElement>().ok());
    if let Some(option) = option {
        let (top, height) = (option.offset_top(), option.offset_height());
        // The list's inner height: less its 1 px borders.
        let (scrolled, seen) = (list.scroll_top(), list.offset_height() - 2);
        let by = if top < scrolled {
            top - scrolled
        } else if top + height > scrolled + seen {
            top + height - scrolled - seen
        } else {
            return;
        };
        list.scroll_by_with_x_and_y(0.0, f64::from(by));
    }
}

/// What the polite status says: how many were found, that nothing was,
/// that typing must go on, or that a search is on its way.
fn status(place: &Place, locale: Locale) -> String {
    let search = &place.search;
    if search.picked || search.text.trim().is_empty() {
        return String::new();
    }
    if !searchable(&search.text) {
        return Text::RegionTypeMore.get(locale).to_owned();
    }
    if search.searching() {
        return Text::RegionSearching.get(locale).to_owned();
    }
    // A count of a list no longer open would be read as about something else.
    if !search.open
        && matches!(&search.answer, Answer::Found { regions, .. } if !regions.is_empty())
    {
        return String::new();
    }
    match &search.answer {
        Answer::Found { query, regions, .. } if regions.is_empty() => {
            fill(locale, Text::RegionNone, query)
        }
        Answer::Found { regions, more, .. } => {
            let n = u32::try_from(regions.len()).unwrap_or(u32::MAX);
            let text = match (more, n) {
                (true, _) => Text::RegionResultsMore,
                (false, 1) => Text::RegionResultOne,
                (false, _) => Text::RegionResults,
            };
            fill(locale, text, &count(locale, n))
        }
        Answer::Nothing | Answer::Failed { .. } => String::new(),
    }
}

/// One found region: its name with the matched starts in bold, the
/// regions above it under it and its level beside it; read as its path,
/// then its level.
fn option(
    region: &Region,
    at: usize,
    active: bool,
    query: &str,
    locale: Locale,
    on: &Callback<PlaceAction>,
) -> Html {
    let above = region
        .path
        .strip_prefix(region.name.as_str())
        .map(|rest| rest.trim_start_matches([',', ' ']))
        .unwrap_or(&region.path);
    html! {
        <li
            id={option_id(at)}
            class="region-option"
            role="option"
            aria-selected={if active { "true" } else { "false" }}
            data-testid="region-option"
            data-code={region.code.clone()}
            onclick={on.reform(move |_: MouseEvent| PlaceAction::Pick(at))}
        >
            <span class="region-name">
                { for marks(&region.name, query).into_iter().map(|(text, marked)| if marked {
                    html! { <b>{ text }</b> }
                } else {
                    html! { { text } }
                }) }
            </span>
            if !above.is_empty() {
                <span class="visually-hidden">{ ", " }</span>
                <span class="region-above">{ above.to_owned() }</span>
            }
            <span class="visually-hidden">{ ", " }</span>
            <span class="region-level">{ level(region).get(locale) }</span>
        </li>
    }
}

/// The combobox for `place`, with `error` under it when the form has one.
pub fn region_combobox(
    place: &Place,
    locale: Locale,
    error: Option<Text>,
    list: &NodeRef,
    on: &Callback<PlaceAction>,
) -> Html {
    let search = &place.search;
    let options = search.options();
    let shown = search.open && !options.is_empty();
    let list_id = [REGION_ID, "-list"].concat();
    let active = search.active.filter(|_| shown).map(option_id);
    let on_input = on.reform(|event: InputEvent| {
        PlaceAction::Type(event.target_unchecked_into::<HtmlInputElement>().value())
    });
    let on_keydown = {
        let on = on.clone();
        let place = place.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(key) = Key::from_name(&event.key()) else {
                return;
            };
            if place.on_key(key) == KeyMove::Pass {
                return;
            }
            // Kept from the browser, and from the sheet: an Escape used
            // here does not also close it.
            event.prevent_default();
            on.emit(PlaceAction::Key(key));
        })
    };
    // A press on the list keeps focus in the field, so the tap picks.
    let keep_focus = Callback::from(|event: MouseEvent| event.prevent_default());
    let query = match &search.answer {
        Answer::Found { query, .. } => query.as_str(),
        _ => "",
    };
    let described = match error {
        Some(_) => "region-error region-hint",
        None => "region-hint",
    };
    let failed = match &search.answer {
        Answer::Failed { error, .. } if !search.searching() => Some(error),
        _ => None,
    };
    // Searched again, with focus back in the field to type on.
    let retry = {
        let on = on.clone();
        Callback::from(move |event: MouseEvent| {
            on.emit(PlaceAction::RetrySearch);
            let field = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|button| button.closest(".region-field").ok().flatten())
                .and_then(|field| field.query_selector("input").ok().flatten())
                .and_then(|input| input.dyn_into::<HtmlElement>().ok());
            if let Some(field) = field {
                focus(&field);
            }
        })
    };
    html! {
        <div class={if error.is_some() { "field region-field is-invalid" } else { "field region-field" }}>
            <label for={REGION_ID}>{ Text::FieldRegion.get(locale) }</label>
            <input
                id={REGION_ID}
                name="region"
                type="text"
                role="combobox"
                inputmode="search"
                enterkeyhint="search"
                autocomplete="off"
                autocapitalize="words"
                spellcheck="false"
                maxlength={MAX_CHARS.to_string()}
                required=true
                value={search.text.clone()}
                aria-autocomplete="list"
                aria-expanded={if shown { "true" } else { "false" }}
                aria-controls={list_id.clone()}
                aria-activedescendant={active}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                aria-describedby={described}
                data-testid="region-search"
                oninput={on_input}
                onkeydown={on_keydown}
                onblur={on.reform(|_: FocusEvent| PlaceAction::CloseList)}
            />
            <ul
                id={list_id}
                ref={list.clone()}
                class="region-list"
                role="listbox"
                aria-label={Text::FieldRegion.get(locale)}
                hidden={!shown}
                // Focus stays in the field: a long list that scrolls is no Tab stop.
                tabindex="-1"
                data-testid="region-list"
                onmousedown={keep_focus}
            >
                { for options.iter().enumerate().map(|(at, region)| {
                    option(region, at, search.active == Some(at), query, locale, on)
                }) }
            </ul>
            <p class="hint region-status" id="region-status" role="status" data-testid="region-status">
                { status(place, locale) }
            </p>
            if let Some(failure) = failed {
                <div class="region-failed" role="alert" data-testid="region-failed">
                    <p>{ Text::RegionsFailed.get(locale) }{ " " }{ explain(failure, Subject::Checkout).get(locale) }</p>
                    <button type="button" class="retry" data-testid="region-retry" onclick={retry}>
                        { Text::Retry.get(locale) }
                    </button>
                </div>
            }
            if let Some(error) = error {
                <p class="field-error" id="region-error" data-testid="field-error">{ error.get(locale) }</p>
            }
            <p class="hint" id="region-hint">{ Text::RegionHint.get(locale) }</p>
        </div>
    }
}
