//! [`use_escape`]: call back when the Escape key is pressed.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Calls `on_escape` on Escape anywhere in the page while `active`; the
/// listener is removed when `active` turns false or the component goes away.
#[hook]
pub fn use_escape(active: bool, on_escape: Callback<()>) {
    use_effect_with((active, on_escape), |(active, on_escape)| {
        let document = web_sys::window().and_then(|window| window.document());
        let listener = document.filter(|_| *active).map(|document| {
            let on_escape = on_escape.clone();
            EventListener::new(&document, "keydown", move |event| {
                let escape = event
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|key| key.key() == "Escape");
                if escape {
                    on_escape.emit(());
                }
            })
        });
        move || drop(listener)
    });
}
