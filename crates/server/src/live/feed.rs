//! One viewer's feed: the snapshot first, then a `deal` event per flash
//! deal not yet ended, then the stream's events as they are published; the
//! same again whenever the viewer fell behind.
//!
//! The feed ends when the server shuts down (the bus closes), when the
//! viewer's token expires (the widget reconnects, gets 401 `token_expired`
//! and asks its host for a new token), or when a snapshot cannot be read
//! (the client reconnects). A viewer that disconnects drops its feed, and
//! with it its subscription and its [`FeedSlot`].

use std::collections::VecDeque;
use std::convert::Infallible;

use axum::response::sse::Event;
use etalase_contract::FeedEvent;
use futures_util::stream::{self, Stream};
use tokio::time::Instant;

use super::{FeedSlot, Frame, Subscription};
use crate::store::Store;

/// The feed of `stream_id` for a viewer subscribed with `subscription`,
/// starting with `opening` (the snapshot and the deals, read after
/// subscribing, so nothing committed after them is missed) and ending at
/// `until`; it holds `slot` while it lasts.
pub fn feed(
    store: Store,
    subscription: Subscription,
    slot: FeedSlot,
    stream_id: String,
    opening: Vec<FeedEvent>,
    until: Instant,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let viewer = Viewer {
        store,
        subscription,
        _slot: slot,
        stream_id,
        queued: opening.into(),
        until,
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
    queued: VecDeque<FeedEvent>,
    until: Instant,
}

impl Viewer {
    /// The next SSE event, or `None` when the feed ends.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.queued.pop_front() {
                return Some(sse(&Frame::new(&event)));
            }
            tokio::select! {
                received = self.subscription.next() => match received {
                    Ok(Some(frame)) => return Some(sse(&frame)),
                    Ok(None) => return None,
                    Err(missed) => {
                        tracing::debug!(stream = self.stream_id, missed, "a viewer fell behind");
                        self.queued = self.snapshot().await?;
                    }
                },
                () = tokio::time::sleep_until(self.until) => return None,
            }
        }
    }

    /// The stream as it is now, its deals after the snapshot; `None`
    /// (ending the feed) when it cannot be read.
    async fn snapshot(&self) -> Option<VecDeque<FeedEvent>> {
        let read = async {
            let Some(snapshot) = self.store.snapshot(&self.stream_id).await? else {
                return Ok(None);
            };
            let mut events = VecDeque::from([FeedEvent::Stream(snapshot)]);
            events.extend(self.store.deal_events(&self.stream_id).await?);
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
