//! [`use_drag`]: a bottom sheet follows a finger down its grip and closes
//! when let go far enough, or flicked.
//!
//! The offset goes to the `--etalase-drag` custom property of the mount's
//! own stylesheet (the second one its shadow root adopts), through the
//! CSSOM, while `data-dragging` on the sheet makes `widget.css` apply it as
//! a transform: no `style` attribute, no re-render per frame, and the
//! compositor moves the sheet. Letting go removes both, so the sheet's own
//! transition carries it home or away.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CssStyleRule, CssStyleSheet, Element, ShadowRoot};
use yew::prelude::*;

/// How far down (CSS pixels) a sheet must be dragged to close when let go.
const CLOSE_AFTER: i32 = 96;
/// A flick this fast (pixels per millisecond) closes it from any distance.
const FLICK: f64 = 0.5;

/// The grip's pointer handlers.
#[derive(Clone)]
pub struct Drag {
    /// `pointerdown`: the drag starts.
    pub start: Callback<PointerEvent>,
    /// `pointermove`: the sheet follows.
    pub follow: Callback<PointerEvent>,
    /// `pointerup` and `pointercancel`: the sheet closes or goes back.
    pub end: Callback<PointerEvent>,
}

/// Where a drag started and how far it has gone.
#[derive(Debug, Clone, Copy, Default)]
struct Gesture {
    start_y: f64,
    start_ms: f64,
    offset: i32,
}

/// Handlers for the grip of the sheet `dialog`, calling `on_close` when a
/// drag ends far enough down, or fast enough.
#[hook]
pub fn use_drag(dialog: NodeRef, on_close: Callback<()>) -> Drag {
    let gesture = use_mut_ref(|| None::<Gesture>);
    let (started, moved) = (Rc::clone(&gesture), Rc::clone(&gesture));
    let start = Callback::from(move |event: PointerEvent| {
        if let Some(grip) = event
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        {
            // Keep the moves coming even when the finger leaves the grip.
            let _ = grip.set_pointer_capture(event.pointer_id());
        }
        started.replace(Some(Gesture {
            start_y: f64::from(event.client_y()),
            start_ms: event.time_stamp(),
            offset: 0,
        }));
    });
    let follow = {
        let dialog = dialog.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(mut now) = *moved.borrow() else {
                return;
            };
            // Whole pixels: no float formatting in the wasm.
            now.offset = (f64::from(event.client_y()) - now.start_y).max(0.0) as i32;
            moved.replace(Some(now));
            if let Some(sheet) = dialog.cast::<Element>() {
                offset(&sheet, Some(now.offset));
            }
        })
    };
    let end = Callback::from(move |event: PointerEvent| {
        let Some(ended) = gesture.take() else {
            return;
        };
        if let Some(sheet) = dialog.cast::<Element>() {
            offset(&sheet, None);
        }
        let elapsed = (event.time_stamp() - ended.start_ms).max(1.0);
        let speed = f64::from(ended.offset) / elapsed;
        if ended.offset >= CLOSE_AFTER || (ended.offset > 16 && speed >= FLICK) {
            on_close.emit(());
        }
    });
    Drag { start, follow, end }
}

/// Moves `sheet` down by `pixels`, or lets it go with `None`.
fn offset(sheet: &Element, pixels: Option<i32>) {
    let rule = sheet
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .ok()
        .and_then(|shadow| {
            shadow
                .adopted_style_sheets()
                .get(1)
                .dyn_into::<CssStyleSheet>()
                .ok()
        })
        .and_then(|own| own.css_rules().ok())
        .and_then(|rules| rules.item(0))
        .and_then(|rule| rule.dyn_into::<CssStyleRule>().ok());
    let Some(rule) = rule else {
        return;
    };
    let style = rule.style();
    // The CSSOM refuses nothing here: a custom property takes any value.
    let _ = match pixels {
        Some(pixels) => {
            let _ = sheet.set_attribute("data-dragging", "");
            style.set_property("--etalase-drag", &[&pixels.to_string(), "px"].concat())
        }
        None => {
            let _ = sheet.remove_attribute("data-dragging");
            style.remove_property("--etalase-drag").map(drop)
        }
    };
}
