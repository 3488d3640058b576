//! Reordering the showcase by touch: a row's handle dragged with a finger
//! or a pen over the other rows, read from pointer events (a touch screen
//! has no drag and drop; a mouse keeps the browser's own). A finger near
//! the list's top or bottom edge scrolls it, so rows off screen can be
//! reached; the row taken follows the finger; the pinned row, which stays
//! first, is never a place to drop.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use crate::parts::creator::state::creator::CreatorAction;

/// How near the list's top or bottom edge a finger scrolls it, in pixels.
const EDGE_PX: f64 = 56.0;
/// The most the list scrolls per step, in pixels, with the finger at its edge.
const STEP_PX: f64 = 18.0;
/// How often the list scrolls while the finger rests near an edge, in ms.
const STEP_MS: u32 = 40;

/// The list's scrolling while a finger rests near its edge.
pub type AutoScroll = Rc<RefCell<Option<Interval>>>;

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
/// The row dragged, which follows the finger, is taken where it lies in
/// the list (its box less its `shift`).
fn row_under(handle: &Element, y: f64, shift: f64) -> Option<usize> {
    let rows = handle
        .closest("ol")
        .ok()??
        .query_selector_all("[data-index]")
        .ok()?;
    let dragged = dragged_row(handle);
    (0..rows.length())
        .filter_map(|at| rows.get(at)?.dyn_into::<Element>().ok())
        .find(|row| {
            let back = if dragged.as_ref() == Some(row) {
                shift
            } else {
                0.0
            };
            edges(row).is_some_and(|(top, bottom)| (top - back..bottom - back).contains(&y))
        })?
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// The row of `handle`.
fn dragged_row(handle: &Element) -> Option<Element> {
    handle.closest("[data-index]").ok()?
}

/// The attribute on the dragged row holding the finger's height where its
/// shift is 0 (moved as the list scrolls under it).
const ORIGIN: &str = "data-drag-y";

/// How far the finger at `y` is from where it took `handle`'s row, in
/// whole pixels, as the pointer's coordinates and the scroll's steps are:
/// no float is written or read, which would bring float formatting and
/// parsing into the part.
fn shift_at(handle: &Element, y: i32) -> i32 {
    let origin = dragged_row(handle)
        .and_then(|row| row.get_attribute(ORIGIN))
        .and_then(|at| at.parse::<i32>().ok());
    origin.map_or(0, |origin| y - origin)
}

/// Draws `handle`'s row `shift` pixels down from its place (its style's
/// `transform`, set through the CSSOM, which a strict CSP allows, and
/// through `Reflect` for the same reason as [`row_under`]); `None` puts it
/// back and forgets where it was taken.
fn follow(handle: &Element, shift: Option<i32>) {
    let Some(row) = dragged_row(handle) else {
        return;
    };
    let Ok(style) = Reflect::get(&row, &JsValue::from_str("style")) else {
        return;
    };
    let transform = shift.map_or(String::new(), |shift| {
        ["translateY(", &shift.to_string(), "px)"].concat()
    });
    Reflect::set(
        &style,
        &JsValue::from_str("transform"),
        &JsValue::from_str(&transform),
    )
    .ok();
    if shift.is_none() {
        row.remove_attribute(ORIGIN).ok();
    }
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

/// The box scrolling `handle`'s list, and the step it takes for a finger
/// at the height `y`, in whole pixels: up (negative) near its top, down
/// near its bottom, faster nearer the edge; 0 elsewhere.
fn scroll_step(handle: &Element, y: i32) -> Option<(Element, i32)> {
    let scroller = handle.closest(".creator-scroll").ok()??;
    let (top, bottom) = edges(&scroller)?;
    let y = f64::from(y);
    let step = |depth: f64| (STEP_PX * (depth / EDGE_PX).min(1.0)).ceil() as i32;
    let step = if y < top + EDGE_PX {
        -step(top + EDGE_PX - y)
    } else if y > bottom - EDGE_PX {
        step(y - (bottom - EDGE_PX))
    } else {
        0
    };
    Some((scroller, step))
}

/// Scrolls `scroller` by `step` pixels (its `scrollTop`, through `Reflect`
/// for the same reason as [`row_under`]).
fn scroll_by(scroller: &Element, step: i32) {
    let top = JsValue::from_str("scrollTop");
    let now = Reflect::get(scroller, &top)
        .ok()
        .and_then(|now| now.as_f64())
        .unwrap_or(0.0);
    Reflect::set(scroller, &top, &JsValue::from_f64(now + f64::from(step))).ok();
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
/// follows the finger over the rows in `drag` (never onto the row at
/// `pinned`, which stays first), scrolling the list while the finger is
/// near its edge (`scrolling`), and moves the product there on lifting; a
/// mouse is left to the browser's drag and drop.
pub fn handle(
    index: usize,
    pinned: Option<usize>,
    drag: &UseStateHandle<Option<Dragging>>,
    scrolling: &AutoScroll,
    on_action: &Callback<CreatorAction>,
) -> Handle {
    // The row under the finger at `y`, when a product may be dropped there.
    let target_under = move |handle: &Element, y: i32| {
        row_under(handle, f64::from(y), f64::from(shift_at(handle, y)))
            .filter(|over| Some(*over) != pinned)
    };
    let down = {
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            if from_mouse(&event) {
                return;
            }
            if let Some(handle) = target(&event) {
                handle.set_pointer_capture(event.pointer_id()).ok();
                if let Some(row) = dragged_row(&handle) {
                    row.set_attribute(ORIGIN, &event.client_y().to_string())
                        .ok();
                }
            }
            drag.set(Some(Dragging {
                from: index,
                over: index,
            }));
        })
    };
    let moved = {
        let (drag, scrolling) = (drag.clone(), Rc::clone(scrolling));
        Callback::from(move |event: PointerEvent| {
            let Some(now) = *drag else { return };
            let Some(handle) = target(&event) else { return };
            let y = event.client_y();
            follow(&handle, Some(shift_at(&handle, y)));
            if let Some(over) = target_under(&handle, y).filter(|over| *over != now.over) {
                drag.set(Some(Dragging { over, ..now }));
            }
            // Near an edge the list scrolls, step by step while the finger
            // stays there, the row under it followed.
            let step = scroll_step(&handle, y).filter(|(_, step)| *step != 0);
            *scrolling.borrow_mut() = step.map(|(scroller, step)| {
                let drag = drag.clone();
                Interval::new(STEP_MS, move || {
                    // The row scrolls with the list: its origin too, so it
                    // stays under the finger.
                    scroll_by(&scroller, step);
                    if let Some(row) = dragged_row(&handle) {
                        let origin = y - shift_at(&handle, y) - step;
                        row.set_attribute(ORIGIN, &origin.to_string()).ok();
                    }
                    follow(&handle, Some(shift_at(&handle, y)));
                    if let Some(over) = target_under(&handle, y) {
                        drag.set(Some(Dragging { over, ..now }));
                    }
                })
            });
        })
    };
    let up = {
        let (drag, on_action, scrolling) = (drag.clone(), on_action.clone(), Rc::clone(scrolling));
        Callback::from(move |event: PointerEvent| {
            scrolling.borrow_mut().take();
            let Some(Dragging { from, over }) = *drag else {
                return;
            };
            drag.set(None);
            // Read again where the finger lifts: the list may have scrolled
            // under it since its last move.
            let handle = target(&event);
            let over = handle
                .as_ref()
                .and_then(|handle| target_under(handle, event.client_y()))
                .unwrap_or(over);
            if let Some(handle) = &handle {
                follow(handle, None);
            }
            if from != over && Some(over) != pinned {
                on_action.emit(CreatorAction::Move { from, to: over });
            }
        })
    };
    let cancel = {
        let (drag, scrolling) = (drag.clone(), Rc::clone(scrolling));
        Callback::from(move |event: PointerEvent| {
            scrolling.borrow_mut().take();
            drag.set(None);
            if let Some(handle) = target(&event) {
                follow(&handle, None);
            }
        })
    };
    Handle {
        down,
        moved,
        up,
        cancel,
    }
}
