//! [`focus_field`]: the first field of a form to mend, given focus.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, SubmitEvent};
use yew::TargetCast;

/// Gives focus to the control with id `id` in the form `event` was
/// submitted from (a field that holds a mistake), which also scrolls it
/// into view with its error.
pub fn focus_field(event: &SubmitEvent, id: &str) {
    let control = event
        .target_dyn_into::<Element>()
        .and_then(|form| form.query_selector(&["#", id].concat()).ok().flatten())
        .and_then(|control| control.dyn_into::<HtmlElement>().ok());
    if let Some(control) = control {
        control.focus().ok();
    }
}
