//! Order requests of this instance by their idempotency key: the one
//! running each key here, and the duplicates waiting for it.
//!
//! The first request of a key on this instance notes it as running
//! ([`KeyWaits::run`]) before it asks the deal board or the database
//! anything; a duplicate that arrives meanwhile waits on the key's `watch`
//! channel and is woken when the running one has kept its answer, rolled
//! back or been abandoned, then looks again. So a duplicate never meets
//! the deal board while the first may be buying a deal's last unit, which
//! the board counts as spoken for (decision 0057), and never runs the
//! checkout beside it. A duplicate on another instance meets the first at
//! the key's unique index instead (decision 0067).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::watch;
use tokio::time::Instant;

/// A key: its shopper and the key's text.
type Key = (i64, String);

/// The keys of this instance that a request runs or requests wait on.
/// Cheap to clone: every clone is the same registry.
#[derive(Debug, Clone, Default)]
pub struct KeyWaits {
    keys: Arc<Mutex<HashMap<Key, Waited>>>,
}

/// One key: whether a request of this instance runs it, what wakes its
/// waiters, and how many there are.
#[derive(Debug)]
struct Waited {
    wake: watch::Sender<()>,
    waiters: usize,
    running: bool,
}

impl Waited {
    fn new() -> Self {
        Self {
            wake: watch::Sender::new(()),
            waiters: 0,
            running: false,
        }
    }

    /// Whether nothing holds the key any more.
    fn idle(&self) -> bool {
        self.waiters == 0 && !self.running
    }
}

impl KeyWaits {
    /// Notes key `key` of `user_id` as run by the caller on this instance,
    /// until the answer drops, which wakes the key's waiters (after the
    /// answer is kept or the transaction rolled back, and also if the
    /// request is abandoned midway). `None` while another request runs it here: the
    /// caller waits ([`KeyWaits::watch`]) and tries again.
    pub fn run(&self, user_id: i64, key: &str) -> Option<Running> {
        let id = (user_id, key.to_owned());
        let mut keys = self.lock();
        let waited = keys.entry(id.clone()).or_insert_with(Waited::new);
        if waited.running {
            return None;
        }
        waited.running = true;
        Some(Running {
            waits: self.clone(),
            id,
        })
    }

    /// Registers a wait on key `key` of `user_id`, until the answer drops.
    pub fn watch(&self, user_id: i64, key: &str) -> Waiter {
        let id = (user_id, key.to_owned());
        let woken = {
            let mut keys = self.lock();
            let waited = keys.entry(id.clone()).or_insert_with(Waited::new);
            waited.waiters += 1;
            waited.wake.subscribe()
        };
        Waiter {
            waits: self.clone(),
            id,
            woken,
        }
    }

    /// How many requests wait on key `key` of `user_id`.
    pub fn waiting(&self, user_id: i64, key: &str) -> usize {
        self.lock()
            .get(&(user_id, key.to_owned()))
            .map_or(0, |waited| waited.waiters)
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
    /// already), until `deadline` at most.
    pub async fn wait(&mut self, deadline: Instant) {
        // Woken, timed out or the channel gone (it lives as long as this
        // wait), the caller looks at the key again.
        let _ = tokio::time::timeout_at(deadline, self.woken.changed()).await;
    }
}

impl Drop for Waiter {
    fn drop(&mut self) {
        let mut keys = self.waits.lock();
        if let Some(waited) = keys.get_mut(&self.id) {
            waited.waiters -= 1;
            if waited.idle() {
                keys.remove(&self.id);
            }
        }
    }
}

/// A key run by a request of this instance: see [`KeyWaits::run`].
#[derive(Debug)]
pub struct Running {
    waits: KeyWaits,
    id: Key,
}

impl Drop for Running {
    fn drop(&mut self) {
        let mut keys = self.waits.lock();
        if let Some(waited) = keys.get_mut(&self.id) {
            waited.running = false;
            waited.wake.send_replace(());
            if waited.idle() {
                keys.remove(&self.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_finish_wakes_an_armed_waiter_at_once() {
        let waits = KeyWaits::default();
        let mut waiter = waits.watch(1, "k");
        assert_eq!(waits.waiting(1, "k"), 1);
        let running = waits.run(1, "k").expect("nobody runs it yet");
        assert!(waits.run(1, "k").is_none(), "one request runs a key");
        waiter.arm();
        // The finish comes before the wait: it is not lost.
        drop(running);
        let started = Instant::now();
        waiter.wait(started + Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::ZERO, "woken, not timed out");
    }

    #[tokio::test(start_paused = true)]
    async fn an_unwoken_waiter_gives_up_at_its_deadline() {
        let waits = KeyWaits::default();
        let mut waiter = waits.watch(1, "k");
        let running = waits.run(1, "k");
        // A wake before arming is forgotten, and another key's does not count.
        drop(running);
        waiter.arm();
        drop(waits.run(1, "other"));
        drop(waits.run(2, "k"));
        let started = Instant::now();
        waiter.wait(started + Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(5));
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

    #[test]
    fn a_key_is_run_again_once_its_request_is_done() {
        let waits = KeyWaits::default();
        let running = waits.run(1, "k").expect("nobody runs it yet");
        assert!(waits.run(1, "k").is_none());
        let (other_key, other_shopper) = (waits.run(1, "other"), waits.run(2, "k"));
        assert!(other_key.is_some() && other_shopper.is_some());
        drop(running);
        assert!(waits.run(1, "k").is_some(), "run again once done");
        drop((other_key, other_shopper));
        assert!(waits.lock().is_empty(), "forgotten with nobody waiting");
    }
}
