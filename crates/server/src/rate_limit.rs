//! Rate limiting, per token and per client address: the generic cell rate
//! algorithm (GCRA), in memory.
//!
//! Each key (a token's hash, or a client's address in `layers.rs`) may make
//! `per_minute` requests a minute, in bursts of up to as many. A refused
//! request learns how long to wait (`Retry-After`). The state is one instant
//! per key ("the theoretical arrival time"), so the limiter
//! needs no timer; entries whose time has passed are dropped when the map
//! grows. Limits are per process: behind a load balancer each instance
//! enforces its own (see docs/decisions/0013-rate-limiting.md).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many tokens the limiter remembers before it forgets idle ones.
const PRUNE_ABOVE: usize = 10_000;

/// Counts requests per key and refuses those over the limit.
#[derive(Debug)]
pub struct RateLimiter {
    /// The time one request "costs": a minute divided by the limit.
    interval: Duration,
    /// How far ahead of now a key's arrival time may run: the burst.
    tolerance: Duration,
    arrivals: Mutex<HashMap<String, Instant>>,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests a minute per key (at least 1).
    pub fn per_minute(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let interval = Duration::from_secs(60) / per_minute;
        RateLimiter {
            interval,
            tolerance: interval * (per_minute - 1),
            arrivals: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request by `key` at `now`: `Ok` when allowed, or how long
    /// to wait before the next one would be.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut arrivals = self
            .arrivals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if arrivals.len() > PRUNE_ABOVE {
            arrivals.retain(|_, arrival| *arrival > now);
        }
        let arrival = arrivals.get(key).copied().unwrap_or(now).max(now);
        let ahead = arrival - now;
        if ahead > self.tolerance {
            return Err(ahead - self.tolerance);
        }
        arrivals.insert(key.to_owned(), arrival + self.interval);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_one_request_per_interval() {
        let limiter = RateLimiter::per_minute(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check("a", start), Ok(()));
        }
        assert_eq!(limiter.check("a", start), Err(Duration::from_secs(20)));
        // Other keys have their own allowance.
        assert_eq!(limiter.check("b", start), Ok(()));
        // After one interval, exactly one more.
        let later = start + Duration::from_secs(20);
        assert_eq!(limiter.check("a", later), Ok(()));
        assert_eq!(limiter.check("a", later), Err(Duration::from_secs(20)));
        // After a quiet minute, a whole burst again.
        let quiet = later + Duration::from_secs(60);
        for _ in 0..3 {
            assert_eq!(limiter.check("a", quiet), Ok(()));
        }
    }

    #[test]
    fn forgets_idle_keys_when_it_grows() {
        let limiter = RateLimiter::per_minute(60);
        let start = Instant::now();
        for n in 0..=PRUNE_ABOVE {
            limiter.check(&n.to_string(), start).unwrap();
        }
        limiter
            .check("late", start + Duration::from_secs(2))
            .unwrap();
        let size = limiter.arrivals.lock().unwrap().len();
        assert_eq!(size, 1);
    }
}
