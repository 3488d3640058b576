//! [`TokenGate`]: a request the API refused for its token waits for the
//! host's next token, then is sent once more.
//!
//! The first refusal under a token tells the host (`auth_required`, through
//! the callback given to [`TokenGate::on_refused`]); every request refused
//! under that token parks on the gate, so the shopper's place, cart and
//! checkout stay as they were. `setToken` opens the gate: each parked
//! request is sent again, once, with the new token. A request refused after
//! the host had already given a newer token is sent again at once. Closing
//! the gate (the widget is destroyed) lets parked requests end with their
//! refusal, so nothing waits forever.
//!
//! While a viewer browses with the host's publishable key, a request no
//! viewer has asked for yet (the cart's first load) waits here unsent and
//! without a word to the host ([`TokenGate::hold`]); the host is asked at
//! the shopper's first action that needs a token ([`TokenGate::ask`]).

use std::cell::{Cell, RefCell};
use std::fmt;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Tells the host its token was refused, with the API's code.
type Tell = Box<dyn Fn(&'static str)>;

/// Where refused requests wait for a new token.
#[derive(Default)]
pub struct TokenGate {
    /// Bumped by every new token.
    generation: Cell<u32>,
    /// The generation the host was last asked about.
    asked: Cell<Option<u32>>,
    /// Whether the widget is gone: nothing parks any more.
    closed: Cell<bool>,
    /// The `resolve` functions of the parked requests' promises.
    parked: RefCell<Vec<Function>>,
    /// Tells the host the token was refused, with the API's code.
    on_refused: RefCell<Option<Tell>>,
}

impl fmt::Debug for TokenGate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenGate")
            .field("generation", &self.generation.get())
            .field("parked", &self.parked.borrow().len())
            .finish_non_exhaustive()
    }
}

impl PartialEq for TokenGate {
    /// A gate equals only itself.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for TokenGate {}

impl TokenGate {
    /// The current token's generation, noted when a request leaves.
    pub fn generation(&self) -> u32 {
        self.generation.get()
    }

    /// Calls `tell` with the API's code the first time each token is refused.
    pub fn on_refused(&self, tell: impl Fn(&'static str) + 'static) {
        self.on_refused.replace(Some(Box::new(tell)));
    }

    /// A new token: parked requests go again.
    pub fn renew(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        self.wake(true);
    }

    /// The widget is gone: parked requests end with their refusal, and
    /// later refusals do not park.
    pub fn close(&self) {
        self.closed.set(true);
        self.on_refused.replace(None);
        self.wake(false);
    }

    /// A request that left under `generation` was refused with `code`:
    /// resolves to whether to send it again (a newer token is there),
    /// or `false` when the gate closed.
    pub async fn wait(&self, generation: u32, code: &'static str) -> bool {
        if self.closed.get() {
            return false;
        }
        if self.generation.get() != generation {
            return true;
        }
        let parked = self.park();
        self.tell(generation, code);
        again(parked.await)
    }

    /// Waits, without telling the host, for the next token: `true` once it
    /// has come, `false` when the gate closed.
    pub async fn hold(&self) -> bool {
        !self.closed.get() && again(self.park().await)
    }

    /// Tells the host, with `code`, that a token is needed, unless it was
    /// already asked under the current one.
    pub fn ask(&self, code: &'static str) {
        self.tell(self.generation.get(), code);
    }

    /// Forgets that the host was asked under the current token: the viewer
    /// asked to sign in once more, so the next [`TokenGate::ask`] tells it.
    pub fn forget_asked(&self) {
        self.asked.set(None);
    }

    /// Tells the host that the token of `generation` will not do, once
    /// per generation. Inlined: the first part's `wait` keeps it in place.
    #[inline(always)]
    fn tell(&self, generation: u32, code: &'static str) {
        if self.asked.replace(Some(generation)) == Some(generation) {
            return;
        }
        // Not borrowed across the call: the host may call `setToken` at once.
        let tell = self.on_refused.take();
        if let Some(tell) = &tell {
            tell(code);
        }
        if self.on_refused.borrow().is_none() && !self.closed.get() {
            self.on_refused.replace(tell);
        }
    }

    /// Parks a request now; it resolves to whether to send it again (a
    /// new token) or not (the gate closed), read by [`again`].
    #[inline(always)]
    fn park(&self) -> JsFuture {
        JsFuture::from(Promise::new(&mut |resolve, _| {
            self.parked.borrow_mut().push(resolve)
        }))
    }

    /// Resolves every parked request's promise with `again`.
    fn wake(&self, again: bool) {
        let parked = self.parked.take();
        for resolve in parked {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(again));
        }
    }
}

/// Whether a parked request's promise said to send it again.
#[inline(always)]
fn again(answer: Result<JsValue, JsValue>) -> bool {
    answer
        .ok()
        .and_then(|again| again.as_bool())
        .unwrap_or(false)
}
