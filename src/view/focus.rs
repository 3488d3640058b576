//! Focus inside a modal sheet: kept in by Tab, moved without scrolling.
//! The first part's placeholder sheet and the shop's sheets share it.

use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement, KeyboardEvent, ShadowRoot};

/// What can take focus by Tab inside a dialog: controls not disabled and
/// not taken out of the Tab order (a radio group's other options).
const FOCUSABLE: &str =
    "button:not([disabled]):not([tabindex=\"-1\"]),[href]:not([tabindex=\"-1\"]),\
input:not([disabled]):not([tabindex=\"-1\"]),select:not([disabled]):not([tabindex=\"-1\"]),\
[tabindex]:not([tabindex=\"-1\"])";

/// Keeps a Tab inside `dialog`: from its last control (or from outside it)
/// to its first, and with Shift from its first to its last; controls not
/// drawn (in a closed disclosure) do not count.
pub fn trap(dialog: &Element, shadow: &ShadowRoot, key: &KeyboardEvent) {
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let controls: Vec<HtmlElement> = (0..found.length())
        .filter_map(|index| found.get(index)?.dyn_into::<HtmlElement>().ok())
        .filter(|control| control.offset_width() > 0 || control.offset_height() > 0)
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let (from, to) = if key.shift_key() {
        (first, last)
    } else {
        (last, first)
    };
    let inside = shadow
        .active_element()
        .filter(|active| dialog.contains(Some(active)));
    if inside.is_none_or(|active| active == **from) {
        key.prevent_default();
        focus(to);
    }
}

/// Focuses `element` when the widget's focus is lost: on a control just
/// disabled (the browser moves it to the page a moment later), or already
/// on the page's body because what had it was drawn away. Focus in the
/// host's page is left alone. Never scrolls.
pub fn focus_if_lost(element: &HtmlElement) {
    let Ok(shadow) = element.get_root_node().dyn_into::<ShadowRoot>() else {
        return;
    };
    let lost = match shadow.active_element() {
        Some(active) => active.matches(":disabled").unwrap_or(false),
        None => element
            .owner_document()
            .and_then(|document| document.active_element().zip(document.body()))
            .is_some_and(|(active, body)| active == *body.as_ref()),
    };
    if lost {
        focus(element);
    }
}

/// Focuses `element` without scrolling anything.
pub fn focus(element: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    // Focus can only fail on an element that cannot take it; nothing to do then.
    let _ = element.focus_with_options(&options);
}
