//! Opening deals and ending them on time: every [`TICK`], each deal due to
//! open is marked opened and each deal whose time ran out is ended, its
//! unsold units back in stock, and the stream's viewers are told.
//!
//! Every instance ticks; the conditional updates make each change happen
//! once, and only the instance that made it tells the viewers. A deal's
//! price stops applying at its `ends_at` whether or not the tick has run
//! (the checkout's own conditions say so), so the tick decides only how
//! soon the units are back in stock and viewers see `opened` or `ended`.

use std::time::Duration;

use crate::live::Live;
use crate::store::deals as store;
use crate::store::Store;
use crate::time::Timestamp;

/// How often deals are looked at.
pub const TICK: Duration = Duration::from_secs(1);

/// Opens and ends the deals due at `now`; answers how many changed.
pub async fn tick(store: &Store, live: &Live, now: Timestamp) -> Result<usize, sqlx::Error> {
    let due = {
        let mut conn = store.acquire().await?;
        store::due(&mut conn, now).await?
    };
    let mut changed = 0;
    for (deal_id, ending) in due {
        let mut tx = store.begin_write().await?;
        let done = if ending {
            store::end(&mut tx, &deal_id, now).await?
        } else {
            store::mark_opened(&mut tx, &deal_id, now).await?
        };
        if done {
            let events = super::events(&mut tx, &deal_id, now, ending).await?;
            live.commit_feed(tx, events).await?;
            changed += 1;
        } else {
            tx.rollback().await?;
        }
    }
    Ok(changed)
}

/// Runs [`tick`] every [`TICK`] until the task is aborted.
pub fn spawn(store: Store, live: Live) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(error) = tick(&store, &live, Timestamp::now()).await {
                tracing::warn!(%error, "cannot open or end flash deals");
            }
        }
    })
}
