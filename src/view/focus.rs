//! Focus inside a modal sheet: kept in by Tab, moved without scrolling.
//! The first part's placeholder sheet and the shop's sheets share it.

use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement, KeyboardEvent, ShadowRoot};

/// What can take focus by Tab inside a dialog.
const FOCUSABLE: &str =
    "button:not([disabled]),[href],input:not([disabled]),[tabindex]:not([tabindex=\"-1\"])";

/// Keeps a Tab inside `dialog`: from its last control (or from outside it)
/// to its first, and with Shift from its first to its last.
pub fn trap(dialog: &Element, shadow: &ShadowRoot, key: &KeyboardEvent) {
    let Ok(controls) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let at = |index: u32| {
        controls
            .get(index)
            .and_then(|node| node.dyn_into::<HtmlElement>().ok())
    };
    let (Some(first), Some(last)) = (at(0), at(controls.length().saturating_sub(1))) else {
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
    if inside.is_none_or(|active| active == *from) {
        key.prevent_default();
        focus(&to);
    }
}

/// Focuses `element` without scrolling anything.
pub fn focus(element: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    // Focus can only fail on an element that cannot take it; nothing to do then.
    let _ = element.focus_with_options(&options);
}
