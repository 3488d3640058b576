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
//! Streams that do not exist are never held (a new stream would stay
//! unseen), and at most [`CAPACITY`] showcases are: past that, an arbitrary
//! one makes room.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::body::Bytes;

use crate::store::Store;

/// The most showcases held at once.
pub const CAPACITY: usize = 4096;

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
        let generation = {
            let held = self.read();
            if let Some(answer) = held.answers.get(stream_id) {
                return Ok(Some(answer.json.clone()));
            }
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
            };
            self.keep(stream_id, generation, answer);
        }
        Ok(Some(json))
    }

    /// Holds `answer` for `stream_id` if nothing was forgotten since
    /// `generation`.
    fn keep(&self, stream_id: &str, generation: u64, answer: Answer) {
        let mut held = self.write();
        if held.generation != generation || !held.listening {
            return;
        }
        if held.answers.len() >= CAPACITY && !held.answers.contains_key(stream_id) {
            if let Some(any) = held.answers.keys().next().cloned() {
                held.answers.remove(&any);
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
    fn at_capacity_one_showcase_makes_room() {
        let cache = Showcases::default();
        for n in 0..CAPACITY {
            cache.keep(&format!("s{n}"), 0, answer("x"));
        }
        cache.keep("s0", 0, answer("again"));
        assert_eq!(cache.len(), CAPACITY, "replacing one takes no room");
        cache.keep("one-more", 0, answer("y"));
        assert_eq!(cache.len(), CAPACITY);
        assert_eq!(held(&cache, "one-more"), text("y"));
    }
}
