//! Flash deals: a creator sets aside units of a showcase product at a deal
//! price for a short window; viewers buy them, at most a few each.
//!
//! - [`terms`]: a deal's terms, checked, each bad value naming its field.
//! - [`start`]: starting and ending a deal, and a stream's deals as viewers
//!   see them.
//! - [`buy`]: the deal's quote, and the checkout's taking of deal units
//!   and counting of the buyer, race-free on both stores.
//! - [`ticker`]: opening deals and ending them on time, telling viewers.
//!
//! Each change ends in [`crate::live::Live::commit`] with a `deal` event
//! (and a `stock` event when the variant's stock moved), so viewers, held
//! showcases and every instance's [`crate::deal_board::DealBoard`] hear of
//! it. Decision 0057 records which refusals are stored under an
//! `Idempotency-Key`.

pub mod buy;
pub mod start;
pub mod terms;
pub mod ticker;

use etalase_contract::FeedEvent;
use sqlx::AnyConnection;

use crate::store::deals as store;
use crate::store::live as live_store;
use crate::time::Timestamp;

/// The events telling viewers of deal `deal_id` as `conn` sees it at
/// `now`: a `deal` event, and `stock` events of its variant when
/// `stock_moved`.
pub(crate) async fn events(
    conn: &mut AnyConnection,
    deal_id: &str,
    now: Timestamp,
    stock_moved: bool,
) -> Result<Vec<(String, FeedEvent)>, sqlx::Error> {
    let Some(deal) = store::deal(&mut *conn, deal_id).await? else {
        return Ok(Vec::new());
    };
    let mut events: Vec<(String, FeedEvent)> = if stock_moved {
        live_store::stock_events(&mut *conn, std::slice::from_ref(&deal.variant_id))
            .await?
            .into_iter()
            .map(|(stream_id, event)| (stream_id, event.into()))
            .collect()
    } else {
        Vec::new()
    };
    events.push((deal.stream_id.clone(), deal.at(now).into()));
    Ok(events)
}
