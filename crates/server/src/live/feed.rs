//! One viewer's feed: the snapshot first, then the stream's events as they
//! are published, a fresh snapshot whenever the viewer fell behind.
//!
//! The feed ends when the server shuts down (the bus closes), when the
//! viewer's token expires (the widget reconnects, gets 401 `token_expired`
//! and asks its host for a new token), or when a snapshot cannot be read
//! (the client reconnects). A viewer that disconnects drops its feed, and
//! with it its subscription and its [`FeedSlot`].

use std::convert::Infallible;

use axum::response::sse::Event;
use etalase_contract::StreamEvent;
use futures_util::stream::{self, Stream};
use tokio::time::Instant;

use super::{FeedSlot, Frame, Subscription};
use crate::store::Store;

/// The feed of `stream_id` for a viewer subscribed with `subscription`,
/// starting with `snapshot` (read after subscribing, so nothing committed
/// after it is missed) and ending at `until`; it holds `slot` while it lasts.
pub fn feed(
    store: Store,
    subscription: Subscription,
    slot: FeedSlot,
    stream_id: String,
    snapshot: StreamEvent,
    until: Instant,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let viewer = Viewer {
        store,
        subscription,
        _slot: slot,
        stream_id,
        next_snapshot: Some(snapshot),
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
    /// A snapshot to send before anything else.
    next_snapshot: Option<StreamEvent>,
    until: Instant,
}

impl Viewer {
    /// The next SSE event, or `None` when the feed ends.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(snapshot) = self.next_snapshot.take() {
                return Some(sse(&Frame::new(&snapshot)));
            }
            tokio::select! {
                received = self.subscription.next() => match received {
                    Ok(Some(frame)) => return Some(sse(&frame)),
                    Ok(None) => return None,
                    Err(missed) => {
                        tracing::debug!(stream = self.stream_id, missed, "a viewer fell behind");
                        self.next_snapshot = Some(self.snapshot().await?);
                    }
                },
                () = tokio::time::sleep_until(self.until) => return None,
            }
        }
    }

    /// The stream as it is now; `None` (ending the feed) when it cannot be read.
    async fn snapshot(&self) -> Option<StreamEvent> {
        match self.store.snapshot(&self.stream_id).await {
            Ok(snapshot) => snapshot,
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
