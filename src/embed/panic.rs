//! The panic hook: a panic is logged and reported to every mounted widget's
//! host as an `error` event with code `panic`, instead of dying silently.
//!
//! A panic aborts the whole wasm instance, so every widget in it is gone:
//! telling each host lets it fall back (hide the widget, offer a reload).

use std::cell::{Cell, RefCell};
use std::panic::PanicHookInfo;

use super::events::{Emitter, WidgetEvent};

thread_local! {
    /// The emitters of the widgets mounted now, by mount id.
    static MOUNTED: RefCell<Vec<(u32, Emitter)>> = const { RefCell::new(Vec::new()) };
    /// The id the next mounted widget gets.
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    /// Whether the hook is installed. A thread-local flag rather than a
    /// `std::sync::Once`: the wasm has one thread, and `Once` costs 0.3 KB.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// A widget's place in the panic report list; [`Watch::end`] takes it out.
#[derive(Debug)]
pub struct Watch(u32);

/// Installs the hook (once) and adds `emitter` to the widgets told of a panic.
pub fn watch(emitter: Emitter) -> Watch {
    if !INSTALLED.replace(true) {
        yew::set_custom_panic_hook(Box::new(report));
    }
    let id = NEXT_ID.with(|next| {
        let id = next.get().wrapping_add(1);
        next.set(id);
        id
    });
    MOUNTED.with(|mounted| mounted.borrow_mut().push((id, emitter)));
    Watch(id)
}

impl Watch {
    /// Stops reporting panics to this widget's host.
    pub fn end(self) {
        MOUNTED.with(|mounted| mounted.borrow_mut().retain(|(id, _)| *id != self.0));
    }
}

/// The hook: log to the console, then tell every mounted widget's host.
fn report(info: &PanicHookInfo<'_>) {
    let message = info.to_string();
    web_sys::console::error_1(&message.as_str().into());
    // `try_` everywhere: a panic while the list is borrowed must not panic again.
    let _ = MOUNTED.try_with(|mounted| {
        if let Ok(mounted) = mounted.try_borrow() {
            for (_, emitter) in mounted.iter() {
                emitter.emit(&WidgetEvent::Error {
                    code: "panic",
                    message: message.clone(),
                });
            }
        }
    });
}
