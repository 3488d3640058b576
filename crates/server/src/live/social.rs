//! Social proof on the live feed: how many watch now, and the purchase
//! ticker, counted here and never invented.
//!
//! - **Viewers**: the open feeds of a stream on this instance (its
//!   channel's subscriptions). A feed opens with the count; then every
//!   [`TICK`] each watched stream whose count changed since it was last
//!   told gets a `viewers` event. Instances do not add their counts up: on
//!   PostgreSQL behind several instances each viewer sees its instance's.
//! - **Purchases**: a `purchase` event is committed with a payment's
//!   `paid` webhook, for each stream an order line of it was bought from,
//!   and reaches every instance like the stream's events. Each instance
//!   sends at most one per stream every [`TICK`]; one in between is not
//!   sent at all (never queued, so the ticker never lags behind). A feed
//!   whose host switched the ticker off skips them (`feed.rs`).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use etalase_contract::SocialEvent;
use tokio::time::Instant;

use super::{Frame, Live};

/// How often viewers' counts are told, and the least time between two
/// purchases of a stream.
pub const TICK: Duration = Duration::from_secs(5);

/// What this instance last told each stream.
#[derive(Debug, Default)]
pub(super) struct Told {
    /// When each stream's last `purchase` event was sent.
    purchases: HashMap<String, Instant>,
    /// The count each stream's viewers were last told.
    counts: HashMap<String, u32>,
}

impl Live {
    /// Hands `event` to the viewers of `stream_id` in this process: a
    /// `purchase` only if none was sent for the stream in the last
    /// [`TICK`].
    pub fn deliver_social(&self, stream_id: &str, event: &SocialEvent) {
        if let SocialEvent::Purchase { .. } = event {
            let now = Instant::now();
            let mut told = self.told();
            if let Some(last) = told.purchases.get(stream_id) {
                if now.duration_since(*last) < TICK {
                    return;
                }
            }
            told.purchases.insert(stream_id.to_owned(), now);
        }
        self.send(stream_id, Frame::social(event));
    }

    /// How many feeds of `stream_id` are open in this process.
    pub fn viewers(&self, stream_id: &str) -> u32 {
        let channels = self.channels();
        let count = channels
            .by_stream
            .get(stream_id)
            .map_or(0, |sender| sender.receiver_count());
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Tells each watched stream's viewers their count, when it changed
    /// since they were last told; forgets streams no one watches.
    pub fn tell_viewer_counts(&self) {
        let counts: Vec<(String, u32)> = {
            let channels = self.channels();
            channels
                .by_stream
                .iter()
                .map(|(id, sender)| {
                    let count = u32::try_from(sender.receiver_count()).unwrap_or(u32::MAX);
                    (id.clone(), count)
                })
                .collect()
        };
        let changed: Vec<(String, u32)> = {
            let mut told = self.told();
            told.counts
                .retain(|id, _| counts.iter().any(|(watched, _)| watched == id));
            told.purchases
                .retain(|id, _| counts.iter().any(|(watched, _)| watched == id));
            counts
                .into_iter()
                .filter(|(id, count)| told.counts.insert(id.clone(), *count) != Some(*count))
                .collect()
        };
        for (stream_id, count) in changed {
            self.send(&stream_id, Frame::social(&SocialEvent::Viewers { count }));
        }
    }

    fn told(&self) -> std::sync::MutexGuard<'_, Told> {
        self.inner
            .told
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Sends `frame` to the viewers of `stream_id` in this process.
    fn send(&self, stream_id: &str, frame: Frame) {
        let channels = self.channels();
        if let Some(sender) = channels.by_stream.get(stream_id) {
            // No receiver left: the last subscription's drop removes it.
            let _ = sender.send(Arc::new(frame));
        }
    }
}

/// Tells viewers' counts every [`TICK`] while `live` is open.
pub fn spawn_viewer_counts(live: Live) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        while !live.is_closed() {
            every.tick().await;
            live.tell_viewer_counts();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purchase() -> SocialEvent {
        SocialEvent::Purchase {
            buyer: Some("R***a".into()),
            product_id: "p1".into(),
            product_name: "Kemeja".into(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn at_most_one_purchase_per_stream_every_tick() {
        let live = Live::default();
        let mut viewer = live.subscribe("s1").unwrap();
        let mut other = live.subscribe("s2").unwrap();
        live.deliver_social("s1", &purchase());
        live.deliver_social("s1", &purchase());
        live.deliver_social("s2", &purchase());
        assert_eq!(viewer.next().await.unwrap().unwrap().name, "purchase");
        assert!(
            viewer.receiver.try_recv().is_err(),
            "the second was dropped"
        );
        assert_eq!(other.next().await.unwrap().unwrap().name, "purchase");
        tokio::time::advance(TICK).await;
        live.deliver_social("s1", &purchase());
        assert_eq!(viewer.next().await.unwrap().unwrap().name, "purchase");
    }

    #[tokio::test]
    async fn counts_are_told_when_they_change() {
        let live = Live::default();
        let mut a = live.subscribe("s1").unwrap();
        live.tell_viewer_counts();
        let frame = a.next().await.unwrap().unwrap();
        assert_eq!(frame.data, r#"{"type":"viewers","count":1}"#);
        live.tell_viewer_counts();
        assert!(a.receiver.try_recv().is_err(), "unchanged: not told again");
        let b = live.subscribe("s1").unwrap();
        assert_eq!(live.viewers("s1"), 2);
        live.tell_viewer_counts();
        assert_eq!(
            a.next().await.unwrap().unwrap().data,
            r#"{"type":"viewers","count":2}"#
        );
        drop(b);
        assert_eq!(live.viewers("s1"), 1);
    }
}
