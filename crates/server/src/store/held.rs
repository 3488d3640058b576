//! Credentials read a moment ago, held in memory, so a client's burst of
//! requests reads its token's session (or its publishable key) from the
//! database once.
//!
//! A session row never changes; it only goes away (its host retired, or
//! swept long after it expired). A held session carries its expiry, which
//! is checked on every request as before, so an expiry takes effect at
//! once. A publishable key changes once, when its host revokes it. What is
//! deleted or changed behind the API's back is still used for at most the
//! hold after the read that found it began, by each instance that held it;
//! retiring a host or revoking a key through the store drops everything
//! held of that kind at once ([`Held::clear`]), and what a read begun
//! before that finds is not held. Unknown credentials are never held, so
//! one minted by another instance works at once.
//!
//! At most [`CAPACITY`] of a kind are held: past that, those held longer
//! than the hold go, and if none did, all of them.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

/// The most credentials of a kind held at once.
pub const CAPACITY: usize = 100_000;

/// The credentials of one kind a store holds, by their hash. Cheap to
/// clone: every clone is the same. Its `Debug` prints the hold and how
/// many are held, not the hashes.
#[derive(Clone)]
pub(super) struct Held<V> {
    inner: Arc<RwLock<Inner<V>>>,
}

impl<V> Default for Held<V> {
    fn default() -> Self {
        Held {
            inner: Arc::new(RwLock::new(Inner {
                hold: Duration::ZERO,
                by_hash: HashMap::new(),
                cleared_at: None,
            })),
        }
    }
}

impl<V> fmt::Debug for Held<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.read();
        f.debug_struct("Held")
            .field("hold", &inner.hold)
            .field("held", &inner.by_hash.len())
            .finish()
    }
}

struct Inner<V> {
    /// How long a read is used again; zero holds none.
    hold: Duration,
    /// What is held, by the credential's hash.
    by_hash: HashMap<String, Kept<V>>,
    /// When everything was last dropped: a read begun before may have
    /// found what ended then.
    cleared_at: Option<Instant>,
}

struct Kept<V> {
    value: V,
    /// When the read that found it began.
    read_at: Instant,
}

impl<V: Clone> Held<V> {
    /// Holds each read for `hold` from now on; zero holds none.
    pub(super) fn set_hold(&self, hold: Duration) {
        let mut inner = self.write();
        inner.hold = hold;
        inner.by_hash.clear();
    }

    /// What is held for `hash`, if it was read less than the hold ago.
    pub(super) fn get(&self, hash: &str, now: Instant) -> Option<V> {
        let inner = self.read();
        let kept = inner.by_hash.get(hash)?;
        (now.duration_since(kept.read_at) < inner.hold).then(|| kept.value.clone())
    }

    /// Holds `value`, found for `hash` by a read that began at `read_at`.
    pub(super) fn keep(&self, hash: &str, value: V, read_at: Instant) {
        let mut inner = self.write();
        if inner.hold.is_zero() || inner.cleared_at.is_some_and(|cleared| read_at <= cleared) {
            return;
        }
        if inner.by_hash.len() >= CAPACITY {
            let hold = inner.hold;
            inner
                .by_hash
                .retain(|_, kept| read_at.duration_since(kept.read_at) < hold);
            if inner.by_hash.len() >= CAPACITY {
                inner.by_hash.clear();
            }
        }
        inner
            .by_hash
            .insert(hash.to_owned(), Kept { value, read_at });
    }

    /// Drops everything held: some of it may have ended.
    pub(super) fn clear(&self) {
        let mut inner = self.write();
        inner.by_hash.clear();
        inner.cleared_at = Some(Instant::now());
    }
}

impl<V> Held<V> {
    fn read(&self) -> RwLockReadGuard<'_, Inner<V>> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner<V>> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLD: Duration = Duration::from_secs(1);

    fn holding() -> Held<i64> {
        let held = Held::default();
        held.set_hold(HOLD);
        held
    }

    #[test]
    fn a_read_is_used_again_for_the_hold_only() {
        let held = holding();
        let start = Instant::now();
        held.keep("a", 1, start);
        assert_eq!(held.get("a", start + HOLD / 2), Some(1));
        assert!(held.get("a", start + HOLD).is_none(), "read again");
        assert!(held.get("b", start).is_none(), "each hash its own");
    }

    #[test]
    fn a_zero_hold_holds_nothing() {
        let held = Held::<i64>::default();
        let now = Instant::now();
        held.keep("a", 1, now);
        assert!(held.get("a", now).is_none());
    }

    #[test]
    fn clearing_drops_everything() {
        let held = holding();
        let now = Instant::now();
        held.keep("a", 1, now);
        held.clear();
        assert!(held.get("a", now).is_none());
    }

    #[test]
    fn a_read_begun_before_a_clearing_is_not_held() {
        let held = holding();
        let before = Instant::now();
        held.clear();
        held.keep("a", 1, before);
        assert!(held.get("a", before).is_none(), "may have ended");
        let after = Instant::now() + HOLD / 4;
        held.keep("a", 2, after);
        assert_eq!(held.get("a", after), Some(2));
    }

    #[test]
    fn at_capacity_those_past_the_hold_go() {
        let held = holding();
        let start = Instant::now();
        for n in 0..CAPACITY - 1 {
            held.keep(&format!("old-{n}"), 1, start);
        }
        let later = start + HOLD / 2;
        held.keep("fresh", 2, later);
        // Full: the old ones are past the hold by then, the fresh one is not.
        let past = start + HOLD + HOLD / 4;
        held.keep("newest", 3, past);
        assert_eq!(held.read().by_hash.len(), 2);
        assert_eq!(held.get("fresh", past), Some(2));
    }

    #[test]
    fn at_capacity_with_none_past_the_hold_all_go() {
        let held = holding();
        let now = Instant::now();
        for n in 0..CAPACITY {
            held.keep(&format!("s-{n}"), 1, now);
        }
        held.keep("one-more", 2, now);
        assert_eq!(held.read().by_hash.len(), 1);
        assert_eq!(held.get("one-more", now), Some(2));
    }
}
