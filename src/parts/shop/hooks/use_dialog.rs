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
/// page behind; Escape calls `on_close` (as it was when the dialog opened)
/// unless a control inside used it (prevented its default).
/// On closing, focus goes back to whatever had it inside the widget, or to
/// the fallback. While it is up, focus that falls out of it because what
/// had it was drawn away (an applied voucher's chip, Place order once the
/// order is placed) goes to its first heading. Focus never scrolls the
/// host page.
#[hook]
pub fn use_dialog(open: bool, refs: DialogRefs, on_close: Callback<()>) {
    let dialog = refs.dialog.clone();
    use_effect(move || {
        if let Some(dialog) = dialog.cast::<HtmlElement>().filter(|_| open) {
            keep_focus(&dialog);
        }
    });
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
                        // Unless a control inside used it (a combobox's list closing).
                        "Escape" if !key.default_prevented() => on_close.emit(()),
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

/// Gives focus to `dialog`'s first heading (or to the dialog) when nothing
/// on the page has it any more, as when the element that had it was drawn
/// away.
fn keep_focus(dialog: &HtmlElement) {
    let Some(document) = dialog.owner_document() else {
        return;
    };
    let lost = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body,
        (Some(_), None) => false,
    };
    if !lost {
        return;
    }
    let heading = dialog
        .query_selector("h2, h3")
        .ok()
        .flatten()
        .and_then(|heading| heading.dyn_into::<HtmlElement>().ok());
    let target = heading.unwrap_or_else(|| dialog.clone());
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    focus(&target);
}
