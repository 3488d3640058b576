//! [`Controls`]: the line from the host's handle (`open`, `openCart`,
//! `close`, `setToken`) to the running app.
//!
//! The handle lives outside Yew; the app registers a callback here when it
//! starts and takes it back when it stops, and tells which sheet is up so
//! `close()` can answer at once whether it closed anything — what a host's
//! back button needs to know.
//!
//! The app that takes commands is the shop part's; until it has arrived, a
//! sheet asked for (`open`, `openCart`, or a tap on a card) waits here as
//! the pending request, and the first part, woken, fetches the part at once.
//! The first part leaves its API client here, so the shop, when a sheet
//! that needs a shopper opens (the cart), asks the host for a token if the
//! viewer is still browsing with the publishable key.
//!
//! The host's playback second (`setPlayback`) is kept here too, and handed
//! to the shop at once when it changes, so the card of the product on
//! screen leads the strip within the frame of the call.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use yew::Callback;

use crate::api::ApiClient;

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
    pending: RefCell<Option<Command>>,
    waker: RefCell<Option<Callback<bool>>>,
    client: OnceCell<Rc<ApiClient>>,
    playback: Cell<Option<u32>>,
    on_playback: RefCell<Option<Callback<u32>>>,
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
    /// Passes `command` to the app. Before it listens, a sheet asked for
    /// waits as the pending request (`close` drops it) and the waker hears
    /// whether one waits; a token needs no keeping (the client has it).
    pub fn send(&self, command: Command) {
        let receiver = self.receiver.borrow().clone();
        if let Some(receiver) = receiver {
            receiver.emit(command);
            return;
        }
        if self.ended.get() {
            return;
        }
        let waiting = match command {
            Command::Open(_) | Command::OpenCart => Some(command),
            Command::Close => None,
            Command::SetToken(_) => return,
        };
        let wakes = waiting.is_some();
        self.pending.replace(waiting);
        let waker = self.waker.borrow().clone();
        if let Some(waker) = waker {
            waker.emit(wakes);
        }
    }

    /// Asks the app to close its sheet; whether one was up (or waited).
    pub fn close(&self) -> bool {
        let waited = self.pending.borrow().is_some();
        let open = self.sheet_open.replace(false) || waited;
        self.send(Command::Close);
        open
    }

    /// The app takes commands through `receiver` (`None`: no longer); a
    /// pending request goes to it at once.
    pub fn listen(&self, receiver: Option<Callback<Command>>) {
        let pending = receiver.as_ref().and(self.pending.take());
        self.receiver.replace(receiver.clone());
        if let (Some(receiver), Some(command)) = (receiver, pending) {
            receiver.emit(command);
        }
    }

    /// Whether a sheet asked for waits for the app.
    pub fn is_pending(&self) -> bool {
        self.pending.borrow().is_some()
    }

    /// The first part hears through `waker` whether a request waits for
    /// the app (`None`: no longer).
    pub fn wake(&self, waker: Option<Callback<bool>>) {
        self.waker.replace(waker);
    }

    /// The first part's API client, kept for [`Controls::shopper_needed`].
    pub fn keep_client(&self, client: Rc<ApiClient>) {
        let _ = self.client.set(client);
    }

    /// The app opened a sheet that shows the shopper's own things: while
    /// the viewer browses with the publishable key, the host is asked for
    /// a token.
    pub fn shopper_needed(&self) {
        if let Some(client) = self.client.get() {
            client.ask_for_shopper();
        }
    }

    /// The host's video is at `second`: the follower hears it when the
    /// whole second changed, so calling this many times a second costs a
    /// comparison.
    pub fn set_playback(&self, second: u32) {
        if self.playback.replace(Some(second)) != Some(second) {
            if let Some(follower) = &*self.on_playback.borrow() {
                follower.emit(second);
            }
        }
    }

    /// The host moved to another stream: no second is known of it yet.
    pub fn forget_playback(&self) {
        self.playback.set(None);
    }

    /// The host's playback second, if it gave one for this stream.
    pub fn playback(&self) -> Option<u32> {
        self.playback.get()
    }

    /// `follower` hears every new playback second (`None`: no longer), the
    /// latest one at once when the host gave one.
    pub fn follow_playback(&self, follower: Option<Callback<u32>>) {
        self.on_playback.replace(follower.clone());
        if let (Some(follower), Some(second)) = (follower, self.playback.get()) {
            follower.emit(second);
        }
    }

    /// The app says whether a sheet is up.
    pub fn set_sheet_open(&self, open: bool) {
        self.sheet_open.set(open);
    }

    /// The host destroyed the widget.
    pub fn end(&self) {
        self.ended.set(true);
        self.receiver.replace(None);
        self.pending.replace(None);
        self.waker.replace(None);
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    /// A callback that keeps what it is given.
    fn keep<T: 'static>() -> (Callback<T>, Rc<RefCell<Vec<T>>>) {
        let kept = Rc::new(RefCell::new(Vec::new()));
        let into = Rc::clone(&kept);
        (
            Callback::from(move |value| into.borrow_mut().push(value)),
            kept,
        )
    }

    #[test]
    fn a_sheet_asked_for_before_the_app_listens_waits_and_wakes_the_first_part() {
        let controls = Controls::default();
        let (waker, woken) = keep();
        controls.wake(Some(waker));
        controls.send(Command::SetToken(Some("etl_x".into())));
        assert!(!controls.is_pending(), "a token is the client's, not kept");
        controls.send(Command::Open("p-1".into()));
        controls.send(Command::OpenCart);
        assert!(controls.is_pending());
        assert_eq!(*woken.borrow(), [true, true]);

        let (receiver, received) = keep();
        controls.listen(Some(receiver));
        assert_eq!(
            *received.borrow(),
            [Command::OpenCart],
            "the latest request, once"
        );
        assert!(!controls.is_pending());
        controls.send(Command::Close);
        assert_eq!(
            received.borrow().len(),
            2,
            "the app takes commands from now on"
        );
    }

    #[test]
    fn close_drops_a_waiting_request_and_says_one_was_up() {
        let controls = Controls::default();
        let (waker, woken) = keep();
        controls.wake(Some(waker));
        controls.send(Command::Open("p-1".into()));
        assert!(controls.close(), "the placeholder sheet counts as up");
        assert!(!controls.is_pending());
        assert_eq!(*woken.borrow(), [true, false]);
        assert!(!controls.close(), "nothing is up now");

        let (receiver, received) = keep();
        controls.listen(Some(receiver));
        assert!(received.borrow().is_empty(), "nothing waited");
    }

    #[test]
    fn the_follower_hears_each_new_second_once_and_the_latest_when_it_comes() {
        let controls = Controls::default();
        controls.set_playback(3);
        let (follower, heard) = keep();
        controls.follow_playback(Some(follower));
        for second in [3, 3, 4, 4, 4, 2] {
            controls.set_playback(second);
        }
        assert_eq!(*heard.borrow(), [3, 4, 2], "a seek back is heard too");
        assert_eq!(controls.playback(), Some(2));
        controls.follow_playback(None);
        controls.set_playback(9);
        assert_eq!(heard.borrow().len(), 3, "no longer followed");
        controls.forget_playback();
        assert_eq!(controls.playback(), None, "another stream");
    }

    #[test]
    fn an_ended_widget_keeps_no_request() {
        let controls = Controls::default();
        controls.end();
        controls.send(Command::Open("p-1".into()));
        assert!(!controls.is_pending());
    }
}
