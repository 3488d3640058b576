//! [`use_online`]: whether the browser says it has a connection.

use gloo_events::EventListener;
use yew::prelude::*;

/// `navigator.onLine`, kept up to date by the window's `online` and
/// `offline` events. A `true` only means a network is there: requests
/// that fail tell the rest (see the cart's offline flag).
#[hook]
pub fn use_online() -> bool {
    let online =
        use_state_eq(|| web_sys::window().is_none_or(|window| window.navigator().on_line()));
    {
        let setter = online.setter();
        use_effect_with((), move |()| {
            let listeners = web_sys::window().map(|window| {
                let up = setter.clone();
                [
                    EventListener::new(&window, "online", move |_| up.set(true)),
                    EventListener::new(&window, "offline", move |_| setter.set(false)),
                ]
            });
            move || drop(listeners)
        });
    }
    *online
}
