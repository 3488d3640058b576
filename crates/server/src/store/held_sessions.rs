//! Tokens' sessions held in memory for a moment, so a client's burst of
//! requests reads its session from the database once.
//!
//! A session row never changes; it only goes away (its host retired, or
//! swept long after it expired). A held session carries its expiry, which
//! is checked on every request as before, so an expiry takes effect at
//! once. A session deleted, or changed behind the API's back, is still
//! used for at most the hold after the read that found it began, by each
//! instance that held it; retiring a host through this store drops every
//! session it holds at once ([`HeldSessions::clear`]). Unknown tokens are
//! never held, so a token minted by another instance works at once.
//!
//! At most [`CAPACITY`] sessions are held: past that, those held longer
//! than the hold go, and if none did, all of them.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use super::StoredSession;

/// The most sessions held at once.
pub const CAPACITY: usize = 100_000;

/// The sessions one store holds. Cheap to clone: every clone is the same.
/// Its `Debug` prints the hold and how many are held, not the tokens'
/// hashes.
#[derive(Clone, Default)]
pub(super) struct HeldSessions {
    inner: Arc<RwLock<Inner>>,
}

impl fmt::Debug for HeldSessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.read();
        f.debug_struct("HeldSessions")
            .field("hold", &inner.hold)
            .field("held", &inner.by_hash.len())
            .finish()
    }
}

#[derive(Default)]
struct Inner {
    /// How long a session read is used again; zero holds none.
    hold: Duration,
    /// Held sessions by their token's hash.
    by_hash: HashMap<String, Held>,
}

struct Held {
    session: StoredSession,
    /// When the read that found it began.
    read_at: Instant,
}

impl HeldSessions {
    /// Holds each session read for `hold` from now on; zero holds none.
    pub(super) fn set_hold(&self, hold: Duration) {
        let mut inner = self.write();
        inner.hold = hold;
        inner.by_hash.clear();
    }

    /// The session held for `token_hash`, if it was read less than the
    /// hold ago.
    pub(super) fn get(&self, token_hash: &str, now: Instant) -> Option<StoredSession> {
        let inner = self.read();
        let held = inner.by_hash.get(token_hash)?;
        (now.duration_since(held.read_at) < inner.hold).then(|| held.session.clone())
    }

    /// Holds `session`, found by a read that began at `read_at`.
    pub(super) fn keep(&self, token_hash: &str, session: StoredSession, read_at: Instant) {
        let mut inner = self.write();
        if inner.hold.is_zero() {
            return;
        }
        if inner.by_hash.len() >= CAPACITY {
            let hold = inner.hold;
            inner
                .by_hash
                .retain(|_, held| read_at.duration_since(held.read_at) < hold);
            if inner.by_hash.len() >= CAPACITY {
                inner.by_hash.clear();
            }
        }
        let held = Held { session, read_at };
        inner.by_hash.insert(token_hash.to_owned(), held);
    }

    /// Drops every held session: some may have ended.
    pub(super) fn clear(&self) {
        self.write().by_hash.clear();
    }

    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use etalase_contract::Role;

    use super::*;
    use crate::time::Timestamp;

    const HOLD: Duration = Duration::from_secs(1);

    fn session(user_id: i64) -> StoredSession {
        StoredSession {
            user_id,
            role: Role::Shopper,
            expires_at: Timestamp::EPOCH,
        }
    }

    fn holding() -> HeldSessions {
        let held = HeldSessions::default();
        held.set_hold(HOLD);
        held
    }

    #[test]
    fn a_session_is_used_again_for_the_hold_only() {
        let held = holding();
        let start = Instant::now();
        held.keep("a", session(1), start);
        assert_eq!(held.get("a", start + HOLD / 2).map(|s| s.user_id), Some(1));
        assert!(held.get("a", start + HOLD).is_none(), "read again");
        assert!(held.get("b", start).is_none(), "each token its own");
    }

    #[test]
    fn a_zero_hold_holds_nothing() {
        let held = HeldSessions::default();
        let now = Instant::now();
        held.keep("a", session(1), now);
        assert!(held.get("a", now).is_none());
    }

    #[test]
    fn clearing_drops_every_session() {
        let held = holding();
        let now = Instant::now();
        held.keep("a", session(1), now);
        held.clear();
        assert!(held.get("a", now).is_none());
    }

    #[test]
    fn at_capacity_those_past_the_hold_go() {
        let held = holding();
        let start = Instant::now();
        for n in 0..CAPACITY - 1 {
            held.keep(&format!("old-{n}"), session(1), start);
        }
        let later = start + HOLD / 2;
        held.keep("fresh", session(2), later);
        // Full: the old ones are past the hold by then, the fresh one is not.
        let past = start + HOLD + HOLD / 4;
        held.keep("newest", session(3), past);
        assert_eq!(held.read().by_hash.len(), 2);
        assert_eq!(held.get("fresh", past).map(|s| s.user_id), Some(2));
    }

    #[test]
    fn at_capacity_with_none_past_the_hold_all_go() {
        let held = holding();
        let now = Instant::now();
        for n in 0..CAPACITY {
            held.keep(&format!("s-{n}"), session(1), now);
        }
        held.keep("one-more", session(2), now);
        assert_eq!(held.read().by_hash.len(), 1);
        assert_eq!(held.get("one-more", now).map(|s| s.user_id), Some(2));
    }
}
