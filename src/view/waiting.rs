//! What shows while a later part is on its way: the sheet a tap brings up
//! before the shop has arrived, creator mode's first line, and, when a part
//! could not be fetched, the reason with a retry.

use etalase_contract::Locale;
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, KeyboardEvent, ShadowRoot};
use yew::Callback;

use super::dock::retry_button;
use super::dom::El;
use super::focus::{focus, trap};
use crate::i18n::Text;

/// A placeholder on screen, with its listeners; dropped, it leaves the page
/// and gives focus back to what had it before (a card, say) when that can
/// still take it.
pub struct Shown {
    elements: Vec<Element>,
    previous: Option<HtmlElement>,
    _listeners: Vec<EventListener>,
}

impl Shown {
    /// What had focus before this placeholder, which goes with it unfocused
    /// (to the placeholder that replaces it).
    pub fn take_previous(mut self) -> Option<HtmlElement> {
        self.previous.take()
    }
}

impl Drop for Shown {
    fn drop(&mut self) {
        let had_focus = self
            .elements
            .iter()
            .any(|element| element.matches(":focus-within").unwrap_or(false));
        for element in &self.elements {
            element.remove();
        }
        let usable = |element: &HtmlElement| {
            element.is_connected() && element.closest("[inert]").ok().flatten().is_none()
        };
        if let Some(previous) = self.previous.take().filter(|_| had_focus).filter(usable) {
            focus(&previous);
        }
    }
}

/// The sheet over the dock while the shop part is fetched for a tap: the
/// product's skeleton, or, when the part could not be fetched (`failed`),
/// the reason and a retry. A modal dialog: its close button takes focus,
/// Tab stays inside it, and Escape, the close button and the backdrop call
/// `on_close`; when it goes, focus goes back to what had it (`previous`,
/// else what has it now). Appended to `root`, whose layer the caller makes
/// inert first.
pub fn sheet(
    root: &Element,
    failed: bool,
    locale: Locale,
    on_retry: &Callback<()>,
    on_close: &Callback<()>,
    previous: Option<HtmlElement>,
) -> Shown {
    let document = root.owner_document().expect("an element has a document");
    let mut listeners = Vec::new();
    let backdrop = El::of(&document, "div", "backdrop")
        .attr("data-open", "true")
        .attr("aria-hidden", "true")
        .0;
    let close = El::new(&document, "button")
        .attr("type", "button")
        .attr("class", "close")
        .attr("data-testid", "part-close")
        .attr("aria-label", Text::Close.get(locale))
        .child(
            El::new(&document, "span")
                .attr("aria-hidden", "true")
                .text("×"),
        )
        .0;
    for element in [&backdrop, &close] {
        let on_close = on_close.clone();
        listeners.push(EventListener::new(element, "click", move |_| {
            on_close.emit(())
        }));
    }
    let content = if failed {
        let (notice, listener) = part_failed(&document, locale, on_retry);
        listeners.push(listener);
        notice
    } else {
        skeleton(&document, locale)
    };
    let sheet = El::of(&document, "section", "sheet")
        .attr("data-testid", "part-sheet")
        .attr("data-open", "true")
        .attr("role", "dialog")
        .attr("aria-modal", "true");
    let label = if failed {
        Text::ErrorPart
    } else {
        Text::Loading
    }
    .get(locale);
    let sheet = sheet.attr("aria-label", label);
    let sheet = if failed {
        sheet
    } else {
        sheet.attr("aria-busy", "true")
    };
    let sheet = sheet
        .child(
            El::of(&document, "div", "grip")
                .attr("aria-hidden", "true")
                .child(El::of(&document, "div", "handle")),
        )
        .child(close.clone())
        .child(
            // A Tab stop to scroll by keyboard, so a region with a name.
            El::of(&document, "div", "sheet-scroll")
                .attr("tabindex", "0")
                .attr("role", "region")
                .attr("aria-label", label)
                .child(content),
        )
        .0;
    let shadow = root.get_root_node().dyn_into::<ShadowRoot>().ok();
    let previous = previous.or_else(|| {
        shadow
            .as_ref()
            .and_then(ShadowRoot::active_element)
            .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    });
    let _ = root.append_child(&backdrop);
    let _ = root.append_child(&sheet);
    if let Ok(close) = close.dyn_into::<HtmlElement>() {
        focus(&close);
    }
    if let Some(shadow) = shadow {
        listeners.push(keys(&document, &sheet, shadow, on_close.clone()));
    }
    Shown {
        elements: vec![backdrop, sheet],
        previous,
        _listeners: listeners,
    }
}

/// Escape calls `on_close`; Tab from the sheet's last control (or from
/// outside it) goes to its first, Shift+Tab from its first to its last.
fn keys(
    document: &Document,
    sheet: &Element,
    shadow: ShadowRoot,
    on_close: Callback<()>,
) -> EventListener {
    let sheet = sheet.clone();
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(document, "keydown", options, move |event| {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" => on_close.emit(()),
            "Tab" => trap(&sheet, &shadow, key),
            _ => {}
        }
    })
}

/// Creator mode while its part is on its way, or the reason it could not
/// be fetched (`failed`) with a retry; appended to `host`.
pub fn creator(
    host: &web_sys::Node,
    document: &Document,
    failed: bool,
    locale: Locale,
    on_retry: &Callback<()>,
) -> Shown {
    let mut listeners = Vec::new();
    let content = if failed {
        let (notice, listener) = part_failed(document, locale, on_retry);
        listeners.push(listener);
        notice
    } else {
        El::of(document, "p", "creator-wait")
            .attr("aria-busy", "true")
            .text(Text::LoadingProducts.get(locale))
            .0
    };
    let root = El::of(document, "div", "root creator-root")
        .attr("lang", locale.tag())
        .child(content)
        .0;
    let _ = host.append_child(&root);
    Shown {
        elements: vec![root],
        previous: None,
        _listeners: listeners,
    }
}

/// A part that could not be fetched: why, and a retry calling `on_retry`.
fn part_failed(
    document: &Document,
    locale: Locale,
    on_retry: &Callback<()>,
) -> (Element, EventListener) {
    let button = retry_button(document, locale).0;
    let on_retry = on_retry.clone();
    let listener = EventListener::new(&button, "click", move |_| on_retry.emit(()));
    let notice = El::of(document, "div", "notice")
        .attr("role", "alert")
        .attr("data-testid", "part-error")
        .child(El::new(document, "p").text(Text::ErrorPart.get(locale)))
        .child(button)
        .0;
    (notice, listener)
}

/// The product sheet's placeholder: a shimmering image box and text bars
/// in the layout of the loaded sheet.
fn skeleton(document: &Document, locale: Locale) -> Element {
    let bar = |class| El::of(document, "div", class).attr("aria-hidden", "true");
    El::of(document, "div", "info skeleton")
        .attr("data-testid", "skeleton")
        .attr("role", "status")
        .attr("aria-busy", "true")
        .attr("aria-label", Text::LoadingProduct.get(locale))
        .child(
            El::of(document, "div", "gallery is-single")
                .attr("aria-hidden", "true")
                .child(El::of(document, "div", "slide bar")),
        )
        .children([
            bar("bar sheet-price-bar"),
            bar("bar title-bar"),
            bar("bar title-bar short"),
        ])
        .0
}
