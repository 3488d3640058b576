//! Reordering the showcase by touch: a row's handle dragged with a finger
//! or a pen over the other rows, read from pointer events (a touch screen
//! has no drag and drop; a mouse keeps the browser's own).

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use crate::parts::creator::state::creator::CreatorAction;

/// A finger's drag: the row it took and the row under it now, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dragging {
    /// The row taken.
    pub from: usize,
    /// The row under the finger.
    pub over: usize,
}

/// The handle's pointer callbacks of one row.
pub struct Handle {
    /// The finger goes down on the handle.
    pub down: Callback<PointerEvent>,
    /// It moves.
    pub moved: Callback<PointerEvent>,
    /// It lifts: the product moves to the row under it.
    pub up: Callback<PointerEvent>,
    /// The browser took the gesture over: nothing moves.
    pub cancel: Callback<PointerEvent>,
}

/// The row (its `data-index`) of `handle`'s list at the height `y` of the
/// page. Read from the rows' boxes, with calls the widget already makes, so
/// that the first part, which holds every import, takes no new one.
fn row_under(handle: &Element, y: i32) -> Option<usize> {
    let rows = handle
        .closest("ol")
        .ok()??
        .query_selector_all("[data-index]")
        .ok()?;
    let y = f64::from(y);
    (0..rows.length())
        .filter_map(|at| rows.get(at)?.dyn_into::<Element>().ok())
        .find(|row| edges(row).is_some_and(|(top, bottom)| (top..bottom).contains(&y)))?
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// The top and bottom of `row` on the page (`getBoundingClientRect`).
fn edges(row: &Element) -> Option<(f64, f64)> {
    let measure: Function = Reflect::get(row, &JsValue::from_str("getBoundingClientRect"))
        .ok()?
        .dyn_into()
        .ok()?;
    let rect = measure.call0(row).ok()?;
    let edge = |name: &str| Reflect::get(&rect, &JsValue::from_str(name)).ok()?.as_f64();
    Some((edge("top")?, edge("bottom")?))
}

/// Whether `event` comes from a mouse (read through `Reflect`, for the
/// same reason as [`row_under`]).
fn from_mouse(event: &PointerEvent) -> bool {
    Reflect::get(event, &JsValue::from_str("pointerType"))
        .ok()
        .and_then(|kind| kind.as_string())
        .is_some_and(|kind| kind == "mouse")
}

/// The element an event went to.
fn target(event: &PointerEvent) -> Option<Element> {
    event.target()?.dyn_into().ok()
}

/// The callbacks of row `index`'s handle: a touch or a pen takes the row,
/// follows the finger over the rows in `drag`, and moves the product there
/// on lifting; a mouse is left to the browser's drag and drop.
pub fn handle(
    index: usize,
    drag: &UseStateHandle<Option<Dragging>>,
    on_action: &Callback<CreatorAction>,
) -> Handle {
    let down = {
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            if from_mouse(&event) {
                return;
            }
            if let Some(handle) = target(&event) {
                handle.set_pointer_capture(event.pointer_id()).ok();
            }
            drag.set(Some(Dragging {
                from: index,
                over: index,
            }));
        })
    };
    let moved = {
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(now) = *drag else { return };
            let over = target(&event).and_then(|handle| row_under(&handle, event.client_y()));
            if let Some(over) = over.filter(|over| *over != now.over) {
                drag.set(Some(Dragging { over, ..now }));
            }
        })
    };
    let up = {
        let (drag, on_action) = (drag.clone(), on_action.clone());
        Callback::from(move |_: PointerEvent| {
            if let Some(Dragging { from, over }) = *drag {
                drag.set(None);
                if from != over {
                    on_action.emit(CreatorAction::Move { from, to: over });
                }
            }
        })
    };
    let cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    Handle {
        down,
        moved,
        up,
        cancel,
    }
}
