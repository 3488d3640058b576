//! Caps on open live feeds, per token and per client address.
//!
//! A feed holds no database connection, but it holds a connection, a task
//! and a subscription until its token expires, so one token or one address
//! must not open hundreds. [`FeedSlots::take`] counts a new feed against
//! its token and its address, or refuses it; the [`FeedSlot`] it answers
//! gives the place back when dropped, which happens when the feed ends or
//! its viewer disconnects.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::config::FeedCaps;

/// The open feeds of this instance, by token and by client address.
#[derive(Debug, Clone)]
pub struct FeedSlots {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    caps: FeedCaps,
    open: Mutex<Open>,
}

#[derive(Debug, Default)]
struct Open {
    /// Open feeds by token hash; keys with none are removed.
    by_token: HashMap<String, usize>,
    /// Open feeds by client key (an IPv4 address, an IPv6 /64).
    by_address: HashMap<String, usize>,
}

/// Why a feed was refused: which cap it would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// The token holds [`FeedCaps::per_token`] feeds already.
    Token(usize),
    /// The address holds [`FeedCaps::per_ip`] feeds already.
    Address(usize),
}

/// One open feed's place; given back when dropped.
#[derive(Debug)]
pub struct FeedSlot {
    slots: FeedSlots,
    token: String,
    address: Option<String>,
}

impl Default for FeedSlots {
    fn default() -> Self {
        FeedSlots::new(FeedCaps::uncapped())
    }
}

impl FeedSlots {
    /// No feeds open yet, capped by `caps`.
    pub fn new(caps: FeedCaps) -> Self {
        FeedSlots {
            inner: Arc::new(Inner {
                caps,
                open: Mutex::default(),
            }),
        }
    }

    /// The caps.
    pub fn caps(&self) -> FeedCaps {
        self.inner.caps
    }

    /// A place for one more feed of `token` (its hash) from `address`
    /// (`None`: not counted by address), or which cap it would pass.
    pub fn take(&self, token: &str, address: Option<&str>) -> Result<FeedSlot, Full> {
        let caps = self.inner.caps;
        let mut open = self.open();
        let of_token = open.by_token.get(token).copied().unwrap_or(0);
        if of_token >= caps.per_token {
            return Err(Full::Token(caps.per_token));
        }
        if let Some(address) = address {
            let of_address = open.by_address.get(address).copied().unwrap_or(0);
            if of_address >= caps.per_ip {
                return Err(Full::Address(caps.per_ip));
            }
            *open.by_address.entry(address.to_owned()).or_default() += 1;
        }
        *open.by_token.entry(token.to_owned()).or_default() += 1;
        Ok(FeedSlot {
            slots: self.clone(),
            token: token.to_owned(),
            address: address.map(str::to_owned),
        })
    }

    /// Feeds open now.
    pub fn open_feeds(&self) -> usize {
        self.open().by_token.values().sum()
    }

    fn open(&self) -> MutexGuard<'_, Open> {
        self.inner
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for FeedSlot {
    fn drop(&mut self) {
        let mut open = self.slots.open();
        release(&mut open.by_token, &self.token);
        if let Some(address) = &self.address {
            release(&mut open.by_address, address);
        }
    }
}

/// One fewer under `key`; the key goes when none are left.
fn release(counts: &mut HashMap<String, usize>, key: &str) {
    if let Some(count) = counts.get_mut(key) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            counts.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_capped_per_token_and_per_address_and_given_back() {
        let slots = FeedSlots::new(FeedCaps {
            per_token: 2,
            per_ip: 3,
        });
        let a1 = slots.take("a", Some("10.0.0.1")).unwrap();
        let _a2 = slots.take("a", Some("10.0.0.1")).unwrap();
        assert_eq!(
            slots.take("a", Some("10.0.0.2")).unwrap_err(),
            Full::Token(2)
        );
        let _b1 = slots.take("b", Some("10.0.0.1")).unwrap();
        assert_eq!(
            slots.take("c", Some("10.0.0.1")).unwrap_err(),
            Full::Address(3)
        );
        let _c1 = slots.take("c", Some("10.0.0.2")).unwrap();
        let _c2 = slots.take("c", None).unwrap();
        assert_eq!(slots.open_feeds(), 5);
        drop(a1);
        assert_eq!(slots.open_feeds(), 4);
        let _a3 = slots.take("a", Some("10.0.0.1")).unwrap();
        drop(slots.take("d", None));
        let open = slots.open();
        assert!(!open.by_token.contains_key("d"), "empty keys are removed");
        assert_eq!(open.by_address.get("10.0.0.1"), Some(&3));
    }
}
