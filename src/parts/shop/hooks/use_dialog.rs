//! [`use_dialog`]: what a modal sheet does while it is up — focus in, Tab
//! kept inside, Escape to close — and focus given back when it goes.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent, ShadowRoot};
use yew::prelude::*;

use crate::view::focus::{focus, trap};

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
