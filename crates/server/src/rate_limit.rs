//! Rate limiting, per token and per client address: the generic cell rate
//! algorithm (GCRA) of `governor`, in memory.
//!
//! Each key (a token's hash, or a client's address in `layers.rs`) may make
//! `per_minute` requests a minute, in bursts of up to as many. A refused
//! request learns how long to wait (`Retry-After`). The state is one instant
//! per key in a sharded map, so checks of different keys take no common
//! lock; keys whose allowance is whole again are forgotten when the map
//! grows past [`PRUNE_ABOVE`]. Limits are per process: behind a load
//! balancer each instance enforces its own (see
//! docs/decisions/0013-rate-limiting.md and 0047-rate-limiter.md).

use std::fmt;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::Quota;

/// How many keys the limiter remembers before it forgets idle ones.
const PRUNE_ABOVE: usize = 10_000;
/// How many checks pass between two looks at the map's size.
const PRUNE_EVERY: u32 = 1024;

/// Counts requests per key and refuses those over the limit.
pub struct RateLimiter<C: Clock = DefaultClock> {
    keys: governor::RateLimiter<String, DashMapStateStore<String>, C, NoOpMiddleware<C::Instant>>,
    checks: AtomicU32,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("keys", &self.keys.len())
            .finish_non_exhaustive()
    }
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests a minute per key (at least 1).
    pub fn per_minute(per_minute: u32) -> Self {
        RateLimiter::with_clock(per_minute, DefaultClock::default())
    }
}

impl<C: Clock> RateLimiter<C> {
    /// [`RateLimiter::per_minute`] reading the time from `clock`.
    fn with_clock(per_minute: u32, clock: C) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN));
        RateLimiter {
            keys: governor::RateLimiter::dashmap_with_clock(quota, clock),
            checks: AtomicU32::new(0),
        }
    }

    /// Counts a request by `key` now: `Ok` when allowed, or how long to wait
    /// before the next one would be.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == 0
            && self.keys.len() > PRUNE_ABOVE
        {
            self.keys.retain_recent();
            self.keys.shrink_to_fit();
        }
        self.keys
            .check_key(&key.to_owned())
            .map_err(|refused| refused.wait_time_from(self.keys.clock().now()))
    }
}

#[cfg(test)]
mod tests {
    use governor::clock::FakeRelativeClock;

    use super::*;

    #[test]
    fn allows_a_burst_then_one_request_per_interval() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(3, clock.clone());
        for _ in 0..3 {
            assert_eq!(limiter.check("a"), Ok(()));
        }
        assert_eq!(limiter.check("a"), Err(Duration::from_secs(20)));
        // Other keys have their own allowance.
        assert_eq!(limiter.check("b"), Ok(()));
        // After one interval, exactly one more.
        clock.advance(Duration::from_secs(20));
        assert_eq!(limiter.check("a"), Ok(()));
        assert_eq!(limiter.check("a"), Err(Duration::from_secs(20)));
        // After a quiet minute, a whole burst again.
        clock.advance(Duration::from_secs(60));
        for _ in 0..3 {
            assert_eq!(limiter.check("a"), Ok(()));
        }
    }

    #[test]
    fn forgets_idle_keys_when_it_grows() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(60, clock.clone());
        let keys = PRUNE_ABOVE + PRUNE_EVERY as usize;
        for n in 0..keys {
            limiter.check(&n.to_string()).unwrap();
        }
        assert_eq!(limiter.keys.len(), keys);
        clock.advance(Duration::from_secs(2));
        for n in 0..PRUNE_EVERY {
            limiter.check(&format!("late-{n}")).unwrap();
        }
        assert!(
            limiter.keys.len() <= PRUNE_EVERY as usize,
            "{}",
            limiter.keys.len()
        );
    }
}
