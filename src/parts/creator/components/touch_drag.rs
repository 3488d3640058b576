//! Reordering the showcase by touch: a row's handle dragged with a finger
//! or a pen over the other rows, read from pointer events (a touch screen
//! has no drag and drop; a mouse keeps the browser's own).

use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, ShadowRoot};
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

/// The row (its `data-index`) under the point `(x, y)` of the page, looked
/// up in the shadow root `element` is drawn in (or the document).
fn row_under(element: &Element, x: i32, y: i32) -> Option<usize> {
    // Pixels as `f32`: far inside its exact range for any screen.
    let (x, y) = (x as f32, y as f32);
    let found = match element.get_root_node().dyn_into::<ShadowRoot>() {
        Ok(root) => root.element_from_point(x, y),
        Err(_) => web_sys::window()?.document()?.element_from_point(x, y),
    }?;
    found
        .closest("[data-index]")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
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
            if event.pointer_type() == "mouse" {
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
            let over = target(&event)
                .and_then(|handle| row_under(&handle, event.client_x(), event.client_y()));
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
