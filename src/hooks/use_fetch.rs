//! [`use_fetch`]: load a value for a key, with a retry or refresh, ignoring late answers.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;
use crate::state::remote::Remote;

/// What [`use_fetch`] gives back.
pub struct Fetch<T> {
    /// Where the load for the current key stands.
    pub state: Remote<T>,
    /// Loads the current key again (a retry after a failure, or a refresh).
    pub retry: Callback<()>,
}

/// Marks a request current until dropped: a newer key or attempt, or the
/// component going away, drops it, and its answer is then ignored.
struct Current(Rc<Cell<bool>>);

impl Drop for Current {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// An answer, remembered with the key and attempt it answers.
struct Settled<K, T> {
    key: K,
    attempt: u32,
    outcome: Result<Rc<T>, ApiError>,
}

/// Runs `fetch(key)` whenever `key` changes or `retry` is called.
///
/// `None` asks for nothing ([`Remote::Idle`]). An answer for a key or attempt
/// that is no longer current is dropped, so a slow answer never overwrites a
/// newer one, and nothing is set after the component is gone. Loading the
/// same key again keeps a loaded value on screen until the new answer
/// comes (no skeleton for a refresh); after a failure it shows loading again.
///
/// The request leaves while the component renders, not in an effect after
/// it: an effect runs only once the whole tree has rendered, and Yew's
/// scheduler may hand the browser a frame (layout, paint, timers) in
/// between, which would hold the showcase request back by that much.
#[hook]
pub fn use_fetch<K, T, F, Fut>(key: Option<K>, fetch: F) -> Fetch<T>
where
    K: Clone + PartialEq + 'static,
    T: 'static,
    F: FnOnce(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let attempt = use_state_eq(|| 0_u32);
    let settled = use_state(|| None::<Settled<K, T>>);
    {
        let settled = settled.setter();
        use_memo((key.clone(), *attempt), move |(key, attempt)| {
            let current = Rc::new(Cell::new(true));
            if let Some(key) = key.clone() {
                let (current, attempt) = (Rc::clone(&current), *attempt);
                spawn_local(async move {
                    // Gone before the task ran (unmounted, or a newer key): ask nothing.
                    if !current.get() {
                        return;
                    }
                    let outcome = fetch(key.clone()).await.map(Rc::new);
                    if current.get() {
                        settled.set(Some(Settled {
                            key,
                            attempt,
                            outcome,
                        }));
                    }
                });
            }
            Current(current)
        });
    }
    let state = match (&key, &*settled) {
        (None, _) => Remote::Idle,
        (Some(key), Some(answer))
            if answer.key == *key && (answer.attempt == *attempt || answer.outcome.is_ok()) =>
        {
            answer.outcome.clone().into()
        }
        (Some(_), _) => Remote::Loading,
    };
    let retry = {
        let setter = attempt.setter();
        use_callback(*attempt, move |(), attempt| {
            setter.set(attempt.wrapping_add(1))
        })
    };
    Fetch { state, retry }
}
