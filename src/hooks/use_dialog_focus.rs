//! [`use_dialog_focus`]: move focus into a dialog when it opens and give it back when it closes.

use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement, ShadowRoot};
use yew::prelude::*;

/// While `open`, focuses `first` (the dialog's first control); on closing,
/// returns focus to whatever had it inside the widget's shadow root. Focus
/// never scrolls the host page.
#[hook]
pub fn use_dialog_focus(open: bool, first: NodeRef) {
    use_effect_with(open, move |open| {
        let previous = if *open {
            let first = first.cast::<HtmlElement>();
            let previous = first
                .as_ref()
                .and_then(|first| first.get_root_node().dyn_into::<ShadowRoot>().ok())
                .and_then(|root| root.active_element())
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            if let Some(first) = first {
                focus(&first);
            }
            previous
        } else {
            None
        };
        move || {
            if let Some(previous) = previous.filter(|element| element.is_connected()) {
                focus(&previous);
            }
        }
    });
}

/// Focuses `element` without scrolling anything.
fn focus(element: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    // Focus can only fail on an element that cannot take it; nothing to do then.
    let _ = element.focus_with_options(&options);
}
