//! The keyboard of a radio group or a tab list, as WAI-ARIA's patterns have
//! it: one Tab stop per group (the chosen radio or tab, or the first when
//! none is), and the arrow keys, Home and End moving the choice.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// The `tabindex` of a radio or tab: in the Tab order when it is `chosen`,
/// or when it `leads` a group where nothing is chosen yet; reached by arrows
/// otherwise.
pub fn choice_tabindex(chosen: bool, leads: bool) -> &'static str {
    if chosen || leads {
        "0"
    } else {
        "-1"
    }
}

/// A radio group's or a tab list's `onkeydown`: the arrow keys (wrapping
/// round), Home and End focus the next enabled radio (or tab) of its own group
/// and choose it by a click, as a tap would. The key is the group's: its
/// default (scrolling) is prevented, which also tells the host page it was
/// handled.
pub fn choice_keys(event: KeyboardEvent) {
    // A group inside this one (a bank under its method) has answered it.
    if event.default_prevented() {
        return;
    }
    let key = event.key();
    let forward = match key.as_str() {
        "ArrowRight" | "ArrowDown" | "Home" => true,
        "ArrowLeft" | "ArrowUp" | "End" => false,
        _ => return,
    };
    // Found from the radio: Yew hands events over from its root, so the
    // element listening is not the group.
    let Some(radio) = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
    else {
        return;
    };
    let (item, list) = match radio.get_attribute("role").as_deref() {
        Some("tab") => ("[role=tab]", "[role=tablist]"),
        _ => ("[role=radio]", "[role=radiogroup]"),
    };
    let Some(group) = radio.closest(list).ok().flatten() else {
        return;
    };
    let radios = own_items(&group, item, list);
    let Some(last) = radios.len().checked_sub(1) else {
        return;
    };
    let at = radios.iter().position(|own| own.is_same_node(Some(&radio)));
    let next = match (key.as_str(), at) {
        ("Home", _) => 0,
        ("End", _) => last,
        (_, Some(at)) if forward => (at + 1) % radios.len(),
        (_, Some(at)) => at.checked_sub(1).unwrap_or(last),
        (_, None) => 0,
    };
    event.prevent_default();
    radios[next].focus().ok();
    radios[next].click();
}

/// The enabled `item`s of `group` itself, not of a `list` inside it.
fn own_items(group: &Element, item: &str, list: &str) -> Vec<HtmlElement> {
    let Ok(found) = group.query_selector_all(&[item, ":not([disabled])"].concat()) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|at| found.get(at)?.dyn_into::<HtmlElement>().ok())
        .filter(|radio| {
            radio
                .parent_element()
                .and_then(|parent| parent.closest(list).ok().flatten())
                .is_some_and(|own| own.is_same_node(Some(group)))
        })
        .collect()
}
