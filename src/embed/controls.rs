//! [`Controls`]: the line from the host's handle (`open`, `openCart`,
//! `close`, `setToken`) to the running app.
//!
//! The handle lives outside Yew; the app registers a callback here when it
//! starts and takes it back when it stops, and tells which sheet is up so
//! `close()` can answer at once whether it closed anything — what a host's
//! back button needs to know.

use std::cell::{Cell, RefCell};

use yew::Callback;

/// What the host can ask of a mounted widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open this product's sheet.
    Open(String),
    /// Open the cart.
    OpenCart,
    /// Close the sheet that is up.
    Close,
    /// Use this token from now on (`None`: no shopper).
    SetToken(Option<String>),
}

/// Shared by the handle and the app of one mount.
#[derive(Debug, Default)]
pub struct Controls {
    receiver: RefCell<Option<Callback<Command>>>,
    sheet_open: Cell<bool>,
    ended: Cell<bool>,
}

impl PartialEq for Controls {
    /// One mount's controls equal only themselves.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Controls {
    /// Passes `command` to the app; nothing happens before it has started
    /// or after it has stopped.
    pub fn send(&self, command: Command) {
        let receiver = self.receiver.borrow().clone();
        if let Some(receiver) = receiver {
            receiver.emit(command);
        }
    }

    /// Asks the app to close its sheet; whether one was up.
    pub fn close(&self) -> bool {
        let open = self.sheet_open.replace(false);
        self.send(Command::Close);
        open
    }

    /// The app takes commands through `receiver` (`None`: no longer).
    pub fn listen(&self, receiver: Option<Callback<Command>>) {
        self.receiver.replace(receiver);
    }

    /// The app says whether a sheet is up.
    pub fn set_sheet_open(&self, open: bool) {
        self.sheet_open.set(open);
    }

    /// The host destroyed the widget.
    pub fn end(&self) {
        self.ended.set(true);
        self.receiver.replace(None);
    }

    /// Whether the host destroyed the widget. Yew lets an app destroyed
    /// before its first render still render once, later; the app checks
    /// this first, so such a widget never loads anything.
    pub fn has_ended(&self) -> bool {
        self.ended.get()
    }
}
