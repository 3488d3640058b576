//! [`use_order_focus`]: focus between the orders sheet's list and one
//! order. The row that opened an order is drawn away with the list, so
//! focus would fall to the sheet's heading; instead, opening an order puts
//! focus on its way back, and going back puts it on that order's row.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};
use yew::prelude::*;

use crate::view::dom::with_attribute;
use crate::view::focus::focus;

/// Moves focus as `picked` (the order shown in full, if any) changes:
/// to the "Back" button once one is shown, to its row once the list is
/// back. `anchor` is any element of the widget, to find its shadow root.
#[hook]
pub fn use_order_focus(picked: Option<String>, anchor: NodeRef) {
    let previous = use_mut_ref(|| None::<String>);
    use_effect_with(picked, move |picked| {
        let before = previous.replace(picked.clone());
        let Some(shadow) = anchor
            .get()
            .and_then(|node| node.get_root_node().dyn_into::<ShadowRoot>().ok())
        else {
            return;
        };
        let target = match (picked, before) {
            (Some(_), _) => shadow
                .query_selector(r#"[data-testid="orders-back"]"#)
                .ok()
                .flatten(),
            (None, Some(id)) => row_of(&shadow, &id),
            (None, None) => None,
        };
        if let Some(target) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) {
            focus(&target);
        }
    });
}

/// The history's row of order `id`.
fn row_of(shadow: &ShadowRoot, id: &str) -> Option<web_sys::Element> {
    let rows = shadow
        .query_selector_all(r#"[data-testid="history-order"]"#)
        .ok()?;
    with_attribute(&rows, "data-order-id", id)
}
