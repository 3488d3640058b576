//! [`refocus`]: where the focus goes after a studio action drew away or
//! disabled the control that had it.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::NodeRef;

use crate::view::focus::focus_if_lost;

/// Focuses the first element inside `root` matching one of `selectors`, in
/// their order, when the widget's focus is lost ([`focus_if_lost`]); focus
/// anywhere else is left alone.
pub fn refocus(root: &NodeRef, selectors: &[&str]) {
    let Some(root) = root.cast::<HtmlElement>() else {
        return;
    };
    let found = selectors
        .iter()
        .find_map(|selector| root.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    if let Some(element) = found {
        focus_if_lost(&element);
    }
}
