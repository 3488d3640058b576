//! [`use_dialog`]: what a modal sheet does while it is up — focus in, Tab
//! kept inside, Escape to close — and focus given back when it goes.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement, KeyboardEvent, ShadowRoot};
use yew::prelude::*;

/// What can take focus by Tab inside a dialog.
const FOCUSABLE: &str =
    "button:not([disabled]),[href],input:not([disabled]),[tabindex]:not([tabindex=\"-1\"])";

/// The elements a dialog needs, as node refs.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogRefs {
    /// The dialog element.
    pub dialog: NodeRef,
    /// Its first control, focused when it opens.
    pub first: NodeRef,
    /// Where focus goes on closing when what had it before is gone or
    /// inert (the "Buy now" button of a sheet that gave way to the cart).
    pub fallback: NodeRef,
}

/// While `open`: focuses the dialog's first control; on Tab from its last
/// control (or from outside it) focus goes to its first, on Shift+Tab from
/// its first to its last, so the keyboard cannot wander to the video or the
/// page behind; Escape calls `on_close` (as it was when the dialog opened).
/// On closing, focus goes back to whatever had it inside the widget, or to
/// the fallback. Focus never scrolls the host page. One effect and one
/// document listener do it all.
#[hook]
pub fn use_dialog(open: bool, refs: DialogRefs, on_close: Callback<()>) {
    use_effect_with(open, move |open| {
        let (previous, listener) = if *open {
            let first = refs.first.cast::<HtmlElement>();
            let shadow = first
                .as_ref()
                .and_then(|first| first.get_root_node().dyn_into::<ShadowRoot>().ok());
            let previous = shadow
                .as_ref()
                .and_then(|shadow| shadow.active_element())
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            if let Some(first) = &first {
                focus(first);
            }
            let document = web_sys::window().and_then(|window| window.document());
            let listener = document.map(|document| {
                let (dialog, shadow) = (refs.dialog.clone(), shadow.clone());
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    match key.key().as_str() {
                        "Escape" => on_close.emit(()),
                        "Tab" => {
                            if let (Some(dialog), Some(shadow)) =
                                (dialog.cast::<HtmlElement>(), &shadow)
                            {
                                trap(&dialog, shadow, key);
                            }
                        }
                        _ => {}
                    }
                })
            });
            (previous, listener)
        } else {
            (None, None)
        };
        move || {
            drop(listener);
            let usable = |element: &HtmlElement| {
                element.is_connected() && element.closest("[inert]").ok().flatten().is_none()
            };
            let back = previous
                .filter(usable)
                .or_else(|| refs.fallback.cast::<HtmlElement>().filter(usable));
            if let Some(back) = back {
                focus(&back);
            }
        }
    });
}

/// Keeps a Tab inside `dialog`: from its last control (or from outside it)
/// to its first, and with Shift from its first to its last.
fn trap(dialog: &HtmlElement, shadow: &ShadowRoot, key: &KeyboardEvent) {
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
fn focus(element: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    // Focus can only fail on an element that cannot take it; nothing to do then.
    let _ = element.focus_with_options(&options);
}
