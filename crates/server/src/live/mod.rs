//! Live changes of streams, pushed to every open viewer.
//!
//! Writers that change what a stream's viewers see (the creator's pin and
//! showcase, stock taken by orders and given back by cancellations and
//! expiries) end their transaction with [`Live::commit`]: it commits, then
//! hands each [`StreamEvent`] to the stream's in-process
//! `tokio::sync::broadcast` channel. Each viewer's
//! `GET /v1/streams/{id}/events` ([`feed`]) holds a [`Subscription`] to
//! that channel and no database connection: it touches the database only
//! for the snapshot it sends first, and again if it falls behind.
//!
//! # Order
//! Events carry whole values (a stock level, the whole showcase), so they
//! must reach viewers in commit order or a viewer could end on an older
//! value. SQLite already runs one write transaction at a time; [`Live::commit`]
//! also holds a lock from just before the commit until its events are
//! published, so the next writer publishes only after. The events are read
//! inside the transaction, under the write lock, so they are exactly what
//! the commit makes true. On PostgreSQL, writers of one variant or product
//! queue on its row lock, each reads its events after taking the lock, and
//! PostgreSQL delivers notifications in commit order.
//!
//! # Across instances
//! [`Live::commit`] is the one seam. On PostgreSQL ([`Live::over_postgres`])
//! it sends each event with `NOTIFY` inside the transaction (PostgreSQL
//! delivers notifications at commit, in commit order, to every instance)
//! and a `LISTEN` task per instance hands each notification to
//! [`Live::deliver`] ([`listen`]); subscriptions, the feed and the routes
//! stay as they are.
//!
//! # Showcases
//! The bus also keeps this instance's [`Showcases`] fresh: each event drops
//! the held showcases it changes as it is handed to viewers, and the
//! writing instance drops them at commit too, so its next read shows the
//! write. A lost `LISTEN` connection drops them all, as it ends the feeds.
//!
//! # The creator's sales
//! A `sales` event (an order of the stream paid, or an unpaid one ended)
//! travels like the others, but a feed hands it on only to the stream's
//! creator ([`Opening::sales`]); viewers never see it.
//!
//! # Flash deals
//! Every `deal` event also tells this instance's [`DealBoard`] which deals
//! sold out or ended, so checkouts of them are refused at once.
//!
//! # Caps
//! A feed lasts until its token expires, so each one holds a
//! [`FeedSlot`] of [`FeedSlots`]: one token, and one client address, may
//! hold only so many open at once.

mod feed;
mod listen;
mod slots;
pub mod social;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use etalase_contract::{FeedEvent, SocialEvent, StreamEvent};
use sqlx::{Any, Transaction};

use listen::{Notice, CHANNEL};
use tokio::sync::broadcast;

use crate::deal_board::DealBoard;
use crate::showcases::Showcases;
use crate::time::Timestamp;

pub use feed::{feed, Lifetime, Opening, KEY_RECHECK};
pub use slots::{FeedSlot, FeedSlots, Full};

/// Events a viewer may fall behind by before it is sent a fresh snapshot
/// instead of what it missed.
const BACKLOG: usize = 256;

/// One event, encoded once for every viewer.
#[derive(Debug)]
pub struct Frame {
    /// The SSE event name: the event's `type`.
    pub name: &'static str,
    /// The event as JSON.
    pub data: String,
}

impl Frame {
    /// `event` encoded.
    pub fn new(event: &FeedEvent) -> Self {
        Frame {
            name: event.name(),
            // Plain data types: encoding them cannot fail.
            data: serde_json::to_string(event).unwrap_or_default(),
        }
    }

    /// The social `event` encoded.
    pub fn social(event: &SocialEvent) -> Self {
        Frame {
            name: event.name(),
            data: serde_json::to_string(event).unwrap_or_default(),
        }
    }
}

/// The fan-out of streams' events to their viewers. Cheap to clone: every
/// clone is the same bus.
#[derive(Debug, Clone, Default)]
pub struct Live {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Events go through PostgreSQL's `NOTIFY`, not straight to viewers.
    notify: bool,
    channels: Mutex<Channels>,
    /// Held from before a commit until its events are published.
    order: tokio::sync::Mutex<()>,
    /// The showcases this instance holds, dropped by events.
    showcases: Showcases,
    /// The flash deals this instance knows are closed, learnt from events.
    deals: DealBoard,
    /// What this instance last told each stream's viewers of the social
    /// proof.
    told: Mutex<social::Told>,
}

#[derive(Debug, Default)]
struct Channels {
    /// Set by [`Live::close`]: no new subscriptions.
    closed: bool,
    /// One channel per stream with viewers.
    by_stream: HashMap<String, broadcast::Sender<Arc<Frame>>>,
}

impl Live {
    /// A bus whose events travel through the PostgreSQL server at `url`,
    /// reaching the viewers of every instance listening there; listening
    /// when this returns.
    pub async fn over_postgres(url: &str) -> Result<Live, sqlx::Error> {
        let live = Live {
            inner: Arc::new(Inner {
                notify: true,
                ..Inner::default()
            }),
        };
        listen::listen(url, &live).await?;
        Ok(live)
    }

    /// Commits `tx`, then publishes `events` (stream id, event) to their
    /// streams' viewers, in commit order with every other [`Live::commit`].
    /// Read the events inside `tx`, after its writes.
    pub async fn commit(
        &self,
        tx: Transaction<'_, Any>,
        events: Vec<(String, StreamEvent)>,
    ) -> Result<(), sqlx::Error> {
        let events = events
            .into_iter()
            .map(|(stream_id, event)| (stream_id, FeedEvent::Stream(event)))
            .collect();
        self.commit_feed(tx, events).await
    }

    /// [`Live::commit`] of any feed events, flash deals' included.
    pub async fn commit_feed(
        &self,
        tx: Transaction<'_, Any>,
        events: Vec<(String, FeedEvent)>,
    ) -> Result<(), sqlx::Error> {
        self.commit_with_social(tx, events, Vec::new()).await
    }

    /// [`Live::commit_feed`], also publishing the `social` events (stream
    /// id, event) of the commit: a paid order's purchases.
    pub async fn commit_with_social(
        &self,
        mut tx: Transaction<'_, Any>,
        events: Vec<(String, FeedEvent)>,
        social: Vec<(String, SocialEvent)>,
    ) -> Result<(), sqlx::Error> {
        if self.inner.notify {
            // Plain data types: encoding them cannot fail.
            let social = social.iter().map(|(stream_id, event)| Notice {
                stream_id: stream_id.clone(),
                event: None,
                social: Some(event.clone()),
            });
            let feed = events.iter().map(|(stream_id, event)| Notice {
                stream_id: stream_id.clone(),
                event: Some(event.clone()),
                social: None,
            });
            let payloads: Vec<String> = social
                .chain(feed)
                .map(|notice| serde_json::to_string(&notice).unwrap_or_default())
                .collect();
            if !payloads.is_empty() {
                // One statement for them all: a deal's sale holds its row's
                // lock until the commit. `pg_notify` returns `void`, which
                // the `Any` driver cannot read.
                let calls: Vec<String> = (2..payloads.len() + 2)
                    .map(|n| format!("pg_notify($1, ${n})"))
                    .collect();
                let sql = format!("SELECT 1 FROM (SELECT {}) AS sent", calls.join(", "));
                let mut query = sqlx::query(&sql).bind(CHANNEL);
                for payload in payloads {
                    query = query.bind(payload);
                }
                query.execute(&mut *tx).await?;
            }
            tx.commit().await?;
            // This instance's next read shows the write, before the
            // notification comes back.
            for (stream_id, event) in &events {
                self.forget_showcases(stream_id, event);
                self.note_deal(event);
            }
            return Ok(());
        }
        let _in_order = self.inner.order.lock().await;
        tx.commit().await?;
        for (stream_id, event) in &events {
            self.deliver(stream_id, event);
        }
        for (stream_id, event) in &social {
            self.deliver_social(stream_id, event);
        }
        Ok(())
    }

    /// Drops the held showcases `event` changes, then hands it to the
    /// viewers of `stream_id` in this process, if any.
    pub fn deliver(&self, stream_id: &str, event: &FeedEvent) {
        self.forget_showcases(stream_id, event);
        self.note_deal(event);
        let mut channels = self.channels();
        let Some(sender) = channels.by_stream.get(stream_id) else {
            return;
        };
        if sender.send(Arc::new(Frame::new(event))).is_err() {
            // Every viewer left since; `Subscription::drop` normally removes it.
            channels.by_stream.remove(stream_id);
        }
    }

    /// Drops the held showcases `event` of `stream_id` changes: the
    /// stream's (a `sales` event changes none), and for a stock event
    /// every one showing the product.
    fn forget_showcases(&self, stream_id: &str, event: &FeedEvent) {
        match event {
            FeedEvent::Stream(StreamEvent::Sales) => {}
            FeedEvent::Stream(StreamEvent::Stock { product_id, .. }) => {
                self.inner.showcases.forget(stream_id);
                self.inner.showcases.forget_product(product_id);
            }
            _ => self.inner.showcases.forget(stream_id),
        }
    }

    /// Notes a `deal` event on this instance's [`DealBoard`].
    fn note_deal(&self, event: &FeedEvent) {
        if let Some(deal) = event.deal() {
            self.inner.deals.note(deal, Timestamp::now());
        }
    }

    /// Starts receiving the events of `stream_id`; `None` once the server
    /// is shutting down.
    pub fn subscribe(&self, stream_id: &str) -> Option<Subscription> {
        let mut channels = self.channels();
        if channels.closed {
            return None;
        }
        let receiver = channels
            .by_stream
            .entry(stream_id.to_owned())
            .or_insert_with(|| broadcast::channel(BACKLOG).0)
            .subscribe();
        Some(Subscription {
            receiver,
            stream_id: stream_id.to_owned(),
            live: self.clone(),
        })
    }

    /// Ends every subscription and refuses new ones: their feeds end, so a
    /// graceful shutdown is not held open by viewers.
    pub fn close(&self) {
        let mut channels = self.channels();
        channels.closed = true;
        channels.by_stream.clear();
    }

    /// Ends every feed of this process but keeps taking new subscriptions:
    /// viewers reconnect and start again from a snapshot.
    pub fn restart_feeds(&self) {
        self.channels().by_stream.clear();
    }

    /// The showcases this instance holds, which this bus keeps fresh.
    pub fn showcases(&self) -> &Showcases {
        &self.inner.showcases
    }

    /// The flash deals this instance knows are closed, which this bus
    /// keeps up to date.
    pub fn deals(&self) -> &DealBoard {
        &self.inner.deals
    }

    /// Whether [`Live::close`] ran: the server is shutting down.
    pub fn is_closed(&self) -> bool {
        self.channels().closed
    }

    /// How many streams have viewers in this process.
    pub fn watched_streams(&self) -> usize {
        self.channels().by_stream.len()
    }

    fn channels(&self) -> MutexGuard<'_, Channels> {
        self.inner
            .channels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// One viewer's receiver of a stream's events; the stream's channel goes
/// away with its last subscription.
#[derive(Debug)]
pub struct Subscription {
    receiver: broadcast::Receiver<Arc<Frame>>,
    stream_id: String,
    live: Live,
}

impl Subscription {
    /// The next event: `Ok(None)` when the bus closed, `Err(missed)` when
    /// this viewer fell more than the backlog behind (the missed events are
    /// gone; send a snapshot).
    pub async fn next(&mut self) -> Result<Option<Arc<Frame>>, u64> {
        match self.receiver.recv().await {
            Ok(frame) => Ok(Some(frame)),
            Err(broadcast::error::RecvError::Closed) => Ok(None),
            Err(broadcast::error::RecvError::Lagged(missed)) => Err(missed),
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut channels = self.live.channels();
        let last = channels
            .by_stream
            .get(&self.stream_id)
            .is_some_and(|sender| sender.receiver_count() <= 1);
        if last {
            channels.by_stream.remove(&self.stream_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(product_id: &str) -> StreamEvent {
        StreamEvent::Pinned {
            product_id: product_id.into(),
        }
    }

    #[tokio::test]
    async fn delivers_to_every_viewer_of_the_stream_only() {
        let live = Live::default();
        let mut a = live.subscribe("s1").unwrap();
        let mut b = live.subscribe("s1").unwrap();
        let mut other = live.subscribe("s2").unwrap();
        live.deliver("s1", &pinned("p1").into());
        live.deliver("nobody-watches", &pinned("p2").into());
        for viewer in [&mut a, &mut b] {
            let frame = viewer.next().await.unwrap().unwrap();
            assert_eq!(frame.name, "pinned");
            assert_eq!(frame.data, r#"{"type":"pinned","product_id":"p1"}"#);
        }
        assert!(other.receiver.try_recv().is_err(), "s2 got an s1 event");
        assert_eq!(live.watched_streams(), 2);
    }

    #[tokio::test]
    async fn a_viewer_that_falls_behind_is_told_how_far() {
        let live = Live::default();
        let mut slow = live.subscribe("s1").unwrap();
        for _ in 0..BACKLOG + 3 {
            live.deliver("s1", &StreamEvent::Unpinned.into());
        }
        assert_eq!(slow.next().await.unwrap_err(), 3);
        assert!(slow.next().await.unwrap().is_some(), "then it reads on");
    }

    #[tokio::test]
    async fn the_last_viewer_leaving_drops_the_channel() {
        let live = Live::default();
        let a = live.subscribe("s1").unwrap();
        let b = live.subscribe("s1").unwrap();
        drop(a);
        assert_eq!(live.watched_streams(), 1);
        drop(b);
        assert_eq!(live.watched_streams(), 0);
    }

    #[tokio::test]
    async fn closing_ends_subscriptions_and_refuses_new_ones() {
        let live = Live::default();
        let mut viewer = live.subscribe("s1").unwrap();
        live.close();
        assert!(matches!(viewer.next().await, Ok(None)));
        assert!(live.subscribe("s1").is_none());
    }
}
