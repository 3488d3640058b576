//! Events across instances: `NOTIFY` at commit, `LISTEN` in every instance.
//!
//! On PostgreSQL, [`super::Live::commit`] sends each event with
//! `pg_notify` inside the writer's transaction; PostgreSQL delivers the
//! notifications when (and only if) the transaction commits, to every
//! listening session, in commit order. Each instance keeps one listening
//! connection ([`listen`]) and hands what arrives to its own viewers with
//! [`super::Live::deliver`], the instance that wrote included. A lost
//! connection loses the notifications sent meanwhile, so every feed of the
//! instance is ended then: browsers' `EventSource` reconnects and starts
//! again from a snapshot. The instance's held showcases are dropped then
//! too, and none is held again until the instance listens again.

use std::sync::Weak;
use std::time::Duration;

use etalase_contract::{FeedEvent, SocialEvent};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;

use super::{Inner, Live};

/// The notification channel of the streams' events.
pub(super) const CHANNEL: &str = "etalase_live";
/// How long to wait before listening again after an error.
const RETRY: Duration = Duration::from_secs(1);

/// One event as notified: its stream and the event, a feed event or a
/// social one.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Notice {
    /// The stream whose viewers get it.
    pub stream_id: String,
    /// A feed event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<FeedEvent>,
    /// A social event (a purchase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social: Option<SocialEvent>,
}

/// Starts listening on the PostgreSQL server at `url`; once this returns,
/// every event committed by any instance reaches `live`'s viewers. The
/// listening task ends when the last clone of `live` is dropped.
pub(super) async fn listen(url: &str, live: &Live) -> Result<(), sqlx::Error> {
    let listener = connect(url).await?;
    let bus = std::sync::Arc::downgrade(&live.inner);
    tokio::spawn(receive(listener, SecretString::from(url), bus));
    Ok(())
}

/// A connection to the PostgreSQL server at `url` listening on [`CHANNEL`].
async fn connect(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Hands each notification to the viewers, while the bus lives; after an
/// error, connects to `url` again.
async fn receive(mut listener: PgListener, url: SecretString, bus: Weak<Inner>) {
    loop {
        let received = listener.try_recv().await;
        let Some(inner) = bus.upgrade() else {
            return;
        };
        let live = Live { inner };
        match received {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Notice>(notification.payload()) {
                    Ok(notice) => {
                        if let Some(event) = &notice.event {
                            live.deliver(&notice.stream_id, event);
                        }
                        if let Some(event) = &notice.social {
                            live.deliver_social(&notice.stream_id, event);
                        }
                    }
                    Err(error) => {
                        // Its stream and what it changed are unknown (a newer
                        // instance's event, say): drop every held showcase.
                        tracing::error!(%error, "unreadable live event notification");
                        live.showcases().resume();
                    }
                }
            }
            Ok(None) => {
                // sqlx has connected and listens again before it answers `None`.
                tracing::warn!("lost the live events connection; ending this instance's feeds");
                live.restart_feeds();
                live.showcases().resume();
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for live events");
                live.restart_feeds();
                live.showcases().suspend();
                drop(live);
                let Some(again) = reconnect(&url, &bus).await else {
                    return;
                };
                listener = again;
            }
        }
    }
}

/// A new listening connection to `url`, tried every [`RETRY`] until one
/// is made (then the bus's showcases are held again) or the bus is gone.
async fn reconnect(url: &SecretString, bus: &Weak<Inner>) -> Option<PgListener> {
    loop {
        tokio::time::sleep(RETRY).await;
        let connected = connect(url.expose_secret()).await;
        let live = Live {
            inner: bus.upgrade()?,
        };
        match connected {
            Ok(listener) => {
                tracing::info!("listening for live events again");
                live.showcases().resume();
                return Some(listener);
            }
            Err(error) => tracing::error!(%error, "cannot listen for live events"),
        }
    }
}
