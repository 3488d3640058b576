//! Duplicates of a running order request, woken when it finishes.
//!
//! A request that finds its idempotency key held by a running request of
//! this instance waits on the key's `watch` channel instead of asking the
//! database again and again; the running request wakes it when it has
//! stored its answer or freed the key ([`KeyWaits::finishing`]). The
//! first request may run on another instance, which cannot wake this one:
//! the waiter also looks again every [`FALLBACK`], so it is answered at
//! most that much after such a request finishes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::watch;

/// How often a waiter looks at its key again when nothing woke it: the
/// longest it can miss a request that finished on another instance.
pub const FALLBACK: Duration = Duration::from_millis(500);

/// A key: its shopper and the key's text.
type Key = (i64, String);

/// The keys of this instance that requests are waiting on. Cheap to
/// clone: every clone is the same registry.
#[derive(Debug, Clone, Default)]
pub struct KeyWaits {
    keys: Arc<Mutex<HashMap<Key, Waited>>>,
}

/// One waited-on key: what wakes its waiters, and how many there are.
#[derive(Debug)]
struct Waited {
    wake: watch::Sender<()>,
    waiters: usize,
}

impl KeyWaits {
    /// Registers a wait on key `key` of `user_id`, until the answer drops.
    pub fn watch(&self, user_id: i64, key: &str) -> Waiter {
        let id = (user_id, key.to_owned());
        let woken = {
            let mut keys = self.lock();
            let waited = keys.entry(id.clone()).or_insert_with(|| Waited {
                wake: watch::Sender::new(()),
                waiters: 0,
            });
            waited.waiters += 1;
            waited.wake.subscribe()
        };
        Waiter {
            waits: self.clone(),
            id,
            woken,
        }
    }

    /// Held by the request that claimed key `key` of `user_id`: wakes the
    /// key's waiters when dropped, after the answer is stored or the key
    /// freed, and also if the request is abandoned midway.
    pub fn finishing(&self, user_id: i64, key: &str) -> Finishing {
        Finishing {
            waits: self.clone(),
            id: (user_id, key.to_owned()),
        }
    }

    /// How many requests wait on key `key` of `user_id`.
    pub fn waiting(&self, user_id: i64, key: &str) -> usize {
        self.lock()
            .get(&(user_id, key.to_owned()))
            .map_or(0, |waited| waited.waiters)
    }

    fn wake(&self, id: &Key) {
        if let Some(waited) = self.lock().get(id) {
            waited.wake.send_replace(());
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Key, Waited>> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A request waiting on a key; forgets its wait when dropped.
#[derive(Debug)]
pub struct Waiter {
    waits: KeyWaits,
    id: Key,
    woken: watch::Receiver<()>,
}

impl Waiter {
    /// Forgets earlier wakes: [`Waiter::wait`] then waits for the next.
    /// Arm before looking at the key, so a finish between the look and the
    /// wait is not missed.
    pub fn arm(&mut self) {
        self.woken.mark_unchanged();
    }

    /// Waits for a wake since [`Waiter::arm`] (at once if one came
    /// already), or [`FALLBACK`] at most.
    pub async fn wait(&mut self) {
        // Woken or not, the caller looks at the key again.
        let _ = tokio::time::timeout(FALLBACK, self.woken.changed()).await;
    }
}

impl Drop for Waiter {
    fn drop(&mut self) {
        let mut keys = self.waits.lock();
        if let Some(waited) = keys.get_mut(&self.id) {
            waited.waiters -= 1;
            if waited.waiters == 0 {
                keys.remove(&self.id);
            }
        }
    }
}

/// Wakes a key's waiters when dropped: see [`KeyWaits::finishing`].
#[derive(Debug)]
pub struct Finishing {
    waits: KeyWaits,
    id: Key,
}

impl Drop for Finishing {
    fn drop(&mut self) {
        self.waits.wake(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_finish_wakes_an_armed_waiter_at_once() {
        let waits = KeyWaits::default();
        let mut waiter = waits.watch(1, "k");
        assert_eq!(waits.waiting(1, "k"), 1);
        waiter.arm();
        // The finish comes before the wait: it is not lost.
        drop(waits.finishing(1, "k"));
        let started = tokio::time::Instant::now();
        waiter.wait().await;
        assert_eq!(started.elapsed(), Duration::ZERO, "woken, not timed out");
    }

    #[tokio::test(start_paused = true)]
    async fn an_unwoken_waiter_looks_again_after_the_fallback() {
        let waits = KeyWaits::default();
        let mut waiter = waits.watch(1, "k");
        drop(waits.finishing(1, "k"));
        // A wake before arming is forgotten, and another key's does not count.
        waiter.arm();
        drop(waits.finishing(1, "other"));
        drop(waits.finishing(2, "k"));
        let started = tokio::time::Instant::now();
        waiter.wait().await;
        assert_eq!(started.elapsed(), FALLBACK);
    }

    #[test]
    fn a_key_is_forgotten_with_its_last_waiter() {
        let waits = KeyWaits::default();
        let (a, b) = (waits.watch(1, "k"), waits.watch(1, "k"));
        assert_eq!(waits.waiting(1, "k"), 2);
        drop(a);
        assert_eq!(waits.waiting(1, "k"), 1);
        drop(b);
        assert_eq!(waits.waiting(1, "k"), 0);
        assert!(waits.lock().is_empty());
    }
}
