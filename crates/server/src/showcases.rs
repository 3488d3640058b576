//! Showcases held in memory, as the JSON `GET /v1/streams/{id}/products`
//! answers, kept fresh by the live bus.
//!
//! Every write that changes what a showcase shows (pin, showcase, stock and
//! with it the sold count, taken by orders and given back by cancellations,
//! expiries and failed payments) ends in [`crate::live::Live::commit`] with
//! an event for each stream it changes, and the bus calls
//! [`Showcases::forget`] for that stream as it hands the event to viewers:
//! in this process at commit, and in every instance when the event arrives
//! through PostgreSQL. So a showcase is never served staler than the next
//! event that changes it. Vouchers' events drop a showcase too, needlessly
//! but harmlessly.
//!
//! A stock event also drops every held showcase showing its product
//! ([`Showcases::forget_product`]), whichever stream it was sent to. On
//! PostgreSQL an order reads the streams it tells while a creator may be
//! adding its product to another stream's showcase, not yet committed; that
//! showcase, read between the two commits, would otherwise keep the old
//! stock.
//!
//! # Reads racing writes
//! A read of the database may start before a write commits and end after
//! the write's event was handled. Each read therefore notes a generation
//! (a count of the events so far) before it reads, and keeps its answer
//! only if no event, of any stream, came in between: a later event always
//! either finds the answer held and drops it, or stops it being kept.
//!
//! # A lost bus
//! When the live bus's connection is lost, events sent meanwhile are lost
//! too: [`Showcases::suspend`] drops every showcase and neither serves nor
//! keeps one until [`Showcases::resume`], once the bus listens again.
//!
//! A connection that dies without a word (a firewall dropping an idle
//! `LISTEN` connection) loses events without the bus noticing; so no
//! showcase is served older than [`MAX_AGE`], which bounds how stale one can
//! be even then, at the cost of one read a stream every few seconds.
//!
//! Streams that do not exist are never held (a new stream would stay
//! unseen), and at most [`CAPACITY`] showcases are: past that, the oldest
//! makes room.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::store::Store;

/// The most showcases held at once.
pub const CAPACITY: usize = 4096;

/// The oldest a held showcase may be served.
pub const MAX_AGE: Duration = Duration::from_secs(10);

/// The showcases held by one instance. Cheap to clone: every clone is the
/// same cache.
#[derive(Debug, Clone)]
pub struct Showcases {
    held: Arc<RwLock<Held>>,
}

#[derive(Debug)]
struct Held {
    /// Each held stream's answer.
    answers: HashMap<String, Answer>,
    /// Counts every [`Showcases::forget`], [`Showcases::suspend`] and
    /// [`Showcases::resume`].
    generation: u64,
    /// Whether the bus listens, so events reach this cache.
    listening: bool,
}

/// One held showcase.
#[derive(Debug)]
struct Answer {
    /// The showcase as JSON.
    json: Bytes,
    /// The ids of its products.
    products: Vec<String>,
    /// When it was read from the database.
    read_at: Instant,
}

impl Default for Showcases {
    /// An empty cache that events reach.
    fn default() -> Self {
        Showcases {
            held: Arc::new(RwLock::new(Held {
                answers: HashMap::new(),
                generation: 0,
                listening: true,
            })),
        }
    }
}

impl Showcases {
    /// Stream `stream_id`'s showcase as JSON, held or read from `store`;
    /// `None` when there is no such stream.
    pub async fn get(&self, store: &Store, stream_id: &str) -> Result<Option<Bytes>, sqlx::Error> {
        if let Some(json) = self.served(stream_id) {
            return Ok(Some(json));
        }
        let read_at = Instant::now();
        let generation = {
            let held = self.read();
            held.listening.then_some(held.generation)
        };
        let Some(showcase) = store.showcase(stream_id).await? else {
            return Ok(None);
        };
        // Plain data types: encoding them cannot fail.
        let json = Bytes::from(serde_json::to_vec(&showcase).unwrap_or_default());
        if let Some(generation) = generation {
            let products = showcase.products.into_iter().map(|card| card.id).collect();
            let answer = Answer {
                json: json.clone(),
                products,
                read_at,
            };
            self.keep(stream_id, generation, answer);
        }
        Ok(Some(json))
    }

    /// Stream `stream_id`'s held showcase, if one is held and younger than
    /// [`MAX_AGE`].
    fn served(&self, stream_id: &str) -> Option<Bytes> {
        let held = self.read();
        let answer = held.answers.get(stream_id)?;
        (answer.read_at.elapsed() < MAX_AGE).then(|| answer.json.clone())
    }

    /// Holds `answer` for `stream_id` if nothing was forgotten since
    /// `generation`.
    fn keep(&self, stream_id: &str, generation: u64, answer: Answer) {
        let mut held = self.write();
        if held.generation != generation || !held.listening {
            return;
        }
        if held.answers.len() >= CAPACITY && !held.answers.contains_key(stream_id) {
            let oldest = held
                .answers
                .iter()
                .min_by_key(|(_, answer)| answer.read_at)
                .map(|(stream_id, _)| stream_id.clone());
            if let Some(oldest) = oldest {
                held.answers.remove(&oldest);
            }
        }
        held.answers.insert(stream_id.to_owned(), answer);
    }

    /// Drops stream `stream_id`'s showcase: an event changed it.
    pub fn forget(&self, stream_id: &str) {
        let mut held = self.write();
        held.generation += 1;
        held.answers.remove(stream_id);
    }

    /// Drops every held showcase showing product `product_id`: its stock
    /// or sold count changed.
    pub fn forget_product(&self, product_id: &str) {
        let mut held = self.write();
        held.generation += 1;
        held.answers
            .retain(|_, answer| !answer.products.iter().any(|id| id == product_id));
    }

    /// Drops every showcase and holds none until [`Showcases::resume`]:
    /// events may be lost.
    pub fn suspend(&self) {
        let mut held = self.write();
        held.generation += 1;
        held.listening = false;
        held.answers.clear();
    }

    /// Holds showcases again: events reach this cache from now on. A read
    /// that started before is not kept.
    pub fn resume(&self) {
        let mut held = self.write();
        held.generation += 1;
        held.listening = true;
        held.answers.clear();
    }

    /// How many showcases are held.
    pub fn len(&self) -> usize {
        self.read().answers.len()
    }

    /// Whether no showcase is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn read(&self) -> RwLockReadGuard<'_, Held> {
        self.held.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Held> {
        self.held.write().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(text: &'static str) -> Answer {
        showing(text, &[])
    }

    fn showing(text: &'static str, products: &[&str]) -> Answer {
        Answer {
            json: Bytes::from_static(text.as_bytes()),
            products: products.iter().map(|id| (*id).to_owned()).collect(),
            read_at: Instant::now(),
        }
    }

    fn held(cache: &Showcases, stream_id: &str) -> Option<Bytes> {
        cache
            .read()
            .answers
            .get(stream_id)
            .map(|answer| answer.json.clone())
    }

    fn text(text: &'static str) -> Option<Bytes> {
        Some(Bytes::from_static(text.as_bytes()))
    }

    fn generation(cache: &Showcases) -> u64 {
        cache.read().generation
    }

    #[test]
    fn an_event_drops_its_stream_only() {
        let cache = Showcases::default();
        cache.keep("s1", 0, answer("one"));
        cache.keep("s2", 0, answer("two"));
        cache.forget("s1");
        assert_eq!(held(&cache, "s1"), None);
        assert_eq!(held(&cache, "s2"), text("two"));
    }

    #[test]
    fn a_stock_event_drops_every_showcase_showing_the_product() {
        let cache = Showcases::default();
        cache.keep("s1", 0, showing("one", &["p1", "p2"]));
        cache.keep("s2", 0, showing("two", &["p2"]));
        cache.keep("s3", 0, showing("three", &["p3"]));
        cache.forget_product("p2");
        assert_eq!(held(&cache, "s1"), None);
        assert_eq!(held(&cache, "s2"), None);
        assert_eq!(held(&cache, "s3"), text("three"));
    }

    #[test]
    fn a_read_that_an_event_overtook_is_not_kept() {
        let cache = Showcases::default();
        let before = generation(&cache);
        // The read ran; an event of any stream came in before it ended.
        cache.forget("elsewhere");
        cache.keep("s1", before, answer("old"));
        assert!(cache.is_empty());
        cache.keep("s1", generation(&cache), answer("new"));
        assert_eq!(held(&cache, "s1"), text("new"));
    }

    #[test]
    fn nothing_is_held_while_the_bus_is_not_listening() {
        let cache = Showcases::default();
        cache.keep("s1", 0, answer("one"));
        cache.suspend();
        assert!(cache.is_empty(), "dropped wholesale");
        cache.keep("s1", generation(&cache), answer("one"));
        assert!(cache.is_empty(), "not kept while events may be lost");

        let during = generation(&cache);
        cache.resume();
        cache.keep("s1", during, answer("read while lost"));
        assert!(cache.is_empty(), "a read begun before listening again");
        cache.keep("s1", generation(&cache), answer("after"));
        assert_eq!(held(&cache, "s1"), text("after"));
    }

    #[test]
    fn at_capacity_the_oldest_showcase_makes_room() {
        let cache = Showcases::default();
        let mut oldest = answer("oldest");
        oldest.read_at -= Duration::from_secs(5);
        cache.keep("oldest", 0, oldest);
        for n in 1..CAPACITY {
            cache.keep(&format!("s{n}"), 0, answer("x"));
        }
        cache.keep("s1", 0, answer("again"));
        assert_eq!(cache.len(), CAPACITY, "replacing one takes no room");
        cache.keep("one-more", 0, answer("y"));
        assert_eq!(cache.len(), CAPACITY);
        assert_eq!(held(&cache, "one-more"), text("y"));
        assert_eq!(held(&cache, "oldest"), None, "the oldest went");
        assert_eq!(held(&cache, "s1"), text("again"));
    }

    #[test]
    fn a_showcase_older_than_the_limit_is_not_served() {
        let cache = Showcases::default();
        cache.keep("young", 0, answer("young"));
        let mut old = answer("old");
        old.read_at -= MAX_AGE + Duration::from_millis(1);
        cache.keep("old", 0, old);
        assert_eq!(cache.served("young"), text("young"));
        assert_eq!(
            cache.served("old"),
            None,
            "read again, even if no event came"
        );
    }
}
