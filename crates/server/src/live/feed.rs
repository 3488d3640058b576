//! One viewer's feed: the snapshot first, then a `deal` event per flash
//! deal not yet ended and the count of viewers, then the stream's events
//! as they are published (purchases only when the viewer's host wants
//! them, `sales` only to the stream's creator); the snapshot and deals
//! again whenever the viewer fell behind.
//!
//! The feed ends when the server shuts down (the bus closes), when the
//! viewer's token expires (the widget reconnects, gets 401 `token_expired`
//! and asks its host for a new token), within [`KEY_RECHECK`] of the
//! revocation of the publishable key it was opened with (a reconnection
//! gets 401 `publishable_key_revoked`), or when a snapshot cannot be read
//! (the client reconnects). A viewer that disconnects drops its feed, and
//! with it its subscription and its [`FeedSlot`].

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::Event;
use etalase_contract::{FeedEvent, SocialEvent, StreamEvent};
use futures_util::stream::{self, Stream};
use tokio::time::Instant;

use super::{FeedSlot, Frame, Subscription};
use crate::store::Store;

/// How often a feed opened with a publishable key looks whether its key
/// was revoked (a read of the key held for the credentials' hold, so an
/// instance reads each key about once a second however many feeds it
/// serves).
pub const KEY_RECHECK: Duration = Duration::from_secs(5);

/// When a feed ends by itself.
pub struct Lifetime {
    /// When its credential stops opening feeds.
    pub until: Instant,
    /// The hash of the publishable key it was opened with: its revocation
    /// ends the feed.
    pub key_hash: Option<String>,
}

/// What a feed sends besides the stream's events: its opening (the
/// snapshot and the deals, read after subscribing, so nothing committed
/// after them is missed, then the social events), and whether purchases
/// and the stream's `sales` events are for it.
pub struct Opening {
    /// The snapshot and the deals.
    pub events: Vec<FeedEvent>,
    /// Sent after them: the count of viewers.
    pub social: Vec<SocialEvent>,
    /// Whether `purchase` events are sent (the viewer's host's choice).
    pub purchases: bool,
    /// Whether `sales` events are sent: the viewer runs the stream.
    pub sales: bool,
}

/// The feed of `stream_id` for a viewer subscribed with `subscription`,
/// starting with `opening` and ending as `lifetime` says; it holds `slot`
/// while it lasts.
pub fn feed(
    store: Store,
    subscription: Subscription,
    slot: FeedSlot,
    stream_id: String,
    opening: Opening,
    lifetime: Lifetime,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let mut queued: VecDeque<Arc<Frame>> = opening
        .events
        .iter()
        .map(|event| Arc::new(Frame::new(event)))
        .collect();
    queued.extend(
        opening
            .social
            .iter()
            .map(|event| Arc::new(Frame::social(event))),
    );
    let viewer = Viewer {
        store,
        subscription,
        _slot: slot,
        stream_id,
        queued,
        purchases: opening.purchases,
        sales: opening.sales,
        next_check: Instant::now() + KEY_RECHECK,
        lifetime,
    };
    stream::unfold(viewer, |mut viewer| async move {
        let event = viewer.next().await?;
        Some((Ok(event), viewer))
    })
}

struct Viewer {
    store: Store,
    subscription: Subscription,
    /// Given back when the feed is dropped.
    _slot: FeedSlot,
    stream_id: String,
    /// Events to send before anything else: a snapshot and the deals.
    queued: VecDeque<Arc<Frame>>,
    /// Whether `purchase` events are sent.
    purchases: bool,
    /// Whether `sales` events are sent.
    sales: bool,
    lifetime: Lifetime,
    /// When the publishable key, if any, is looked at next.
    next_check: Instant,
}

impl Viewer {
    /// The next SSE event, or `None` when the feed ends.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(frame) = self.queued.pop_front() {
                return Some(sse(&frame));
            }
            tokio::select! {
                received = self.subscription.next() => match received {
                    Ok(Some(frame)) if frame.name == "purchase" && !self.purchases => {}
                    Ok(Some(frame)) if frame.name == StreamEvent::Sales.name() && !self.sales => {}
                    Ok(Some(frame)) => return Some(sse(&frame)),
                    Ok(None) => return None,
                    Err(missed) => {
                        tracing::debug!(stream = self.stream_id, missed, "a viewer fell behind");
                        self.queued = self.snapshot().await?;
                    }
                },
                () = tokio::time::sleep_until(self.lifetime.until) => return None,
                () = tokio::time::sleep_until(self.next_check), if self.lifetime.key_hash.is_some() => {
                    if self.key_revoked().await {
                        return None;
                    }
                    self.next_check = Instant::now() + KEY_RECHECK;
                }
            }
        }
    }

    /// Whether the publishable key the feed was opened with is revoked or
    /// gone; a database that cannot answer now leaves the feed open.
    async fn key_revoked(&self) -> bool {
        let Some(hash) = &self.lifetime.key_hash else {
            return false;
        };
        match self.store.publishable_key(hash).await {
            Ok(key) => key.is_none_or(|key| key.revoked),
            Err(error) => {
                tracing::warn!(%error, "cannot look at a feed's publishable key");
                false
            }
        }
    }

    /// The stream as it is now, its deals after the snapshot; `None`
    /// (ending the feed) when it cannot be read.
    async fn snapshot(&self) -> Option<VecDeque<Arc<Frame>>> {
        let read = async {
            let Some(snapshot) = self.store.snapshot(&self.stream_id).await? else {
                return Ok(None);
            };
            let mut events = VecDeque::from([Arc::new(Frame::new(&FeedEvent::Stream(snapshot)))]);
            let deals = self.store.deal_events(&self.stream_id).await?;
            events.extend(deals.iter().map(|event| Arc::new(Frame::new(event))));
            Ok::<_, sqlx::Error>(Some(events))
        };
        match read.await {
            Ok(events) => events,
            Err(error) => {
                tracing::warn!(%error, stream = self.stream_id, "cannot read a snapshot");
                None
            }
        }
    }
}

/// `frame` as an SSE event.
fn sse(frame: &Frame) -> Event {
    Event::default().event(frame.name).data(&frame.data)
}
