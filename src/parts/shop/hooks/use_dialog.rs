//! [`use_dialog`]: what a modal sheet does while it is up — focus in, Tab
//! kept inside, Escape to close — and focus given back when it goes.

use std::cell::RefCell;

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
/// On closing, focus goes back to the control that opened the first of the
/// sheets shown one after another (a card whose product sheet gave way to
/// a Buy-now checkout, the checkout's card over the video), drawn again or
/// not, or to the fallback when there is none. While it is up, focus that falls out of it because what
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
        let (shadow, listener) = if *open {
            let first = refs.first.cast::<HtmlElement>();
            let shadow = first
                .as_ref()
                .and_then(|first| first.get_root_node().dyn_into::<ShadowRoot>().ok());
            let active = shadow
                .as_ref()
                .and_then(|shadow| shadow.active_element())
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            opened_from(active);
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
            (shadow, listener)
        } else {
            (None, None)
        };
        move || {
            drop(listener);
            let back = shadow
                .and_then(|shadow| opener(&shadow))
                .or_else(|| refs.fallback.cast::<HtmlElement>().filter(usable));
            if let Some(back) = back {
                focus(&back);
            }
        }
    });
}

thread_local! {
    /// The control outside every sheet that opened the sheets now up: the
    /// element and how to find it once drawn again.
    static OPENER: RefCell<Option<(HtmlElement, String)>> = const { RefCell::new(None) };
}

/// Notes `active`, what had focus as a sheet opened, as the opener when it
/// is outside every sheet; focus in a sheet (one giving way to the next)
/// keeps the opener the first sheet had.
fn opened_from(active: Option<HtmlElement>) {
    let inside_a_sheet = active
        .as_ref()
        .is_some_and(|active| active.closest("[role=dialog]").ok().flatten().is_some());
    if inside_a_sheet {
        return;
    }
    let opener = active.map(|element| {
        let selector = ["data-testid", "data-product-id"]
            .iter()
            .filter_map(|name| {
                let value = element.get_attribute(name)?;
                Some(["[", name, "=\"", &value, "\"]"].concat())
            })
            .collect::<String>();
        (element, selector)
    });
    OPENER.with(|cell| *cell.borrow_mut() = opener);
}

/// The opener, if focus can go back to it: the element itself, or the one
/// drawn in its place (the same test id and product) in `shadow`.
fn opener(shadow: &ShadowRoot) -> Option<HtmlElement> {
    let (element, selector) = OPENER.with(|cell| cell.borrow().clone())?;
    if usable(&element) {
        return Some(element);
    }
    if selector.is_empty() {
        return None;
    }
    shadow
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
        .filter(usable)
}

/// Whether focus can go to `element`: on the page and not inert.
fn usable(element: &HtmlElement) -> bool {
    element.is_connected() && element.closest("[inert]").ok().flatten().is_none()
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
