//! [`use_task`]: run an async task for a key, and drop its late answers.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

/// Whether a task's answers still matter: false once its key changed or
/// the component went.
pub type Current = Rc<Cell<bool>>;

/// A fresh [`Current`], true until its effect is cleaned up.
pub fn alive() -> Current {
    Rc::new(Cell::new(true))
}

/// Runs `task(key, current)` whenever `key` becomes `Some` or changes;
/// nothing while it is `None`. `current` turns false when the key changes
/// again or the component goes, so the task drops an answer that arrives
/// too late.
#[hook]
pub fn use_task<K, F, Fut>(key: Option<K>, task: F)
where
    K: PartialEq + Clone + 'static,
    F: FnOnce(K, Current) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    use_effect_with(key, move |key| {
        let current = alive();
        if let Some(key) = key.clone() {
            spawn_local(task(key, Rc::clone(&current)));
        }
        move || current.set(false)
    });
}
