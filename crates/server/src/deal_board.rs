//! What this instance knows of flash deals from the live bus: which are
//! sold out or ended, and when each open one closes, so a checkout of a
//! closed deal is refused before it reads or writes anything durable.
//!
//! An ended deal stays ended: its end never moves later. A sold-out one
//! can open again, when a checkout of its units ends unpaid while it runs
//! (decision 0057): an event saying it has units clears what the board
//! knew, and the board trusts a sell-out for [`SOLD_OUT_TRUSTED`] only,
//! from the event or the database's refusal that told it. So a late event
//! or a lost `LISTEN` connection can only let requests through to the
//! database, whose conditional updates decide, or refuse buyers of a
//! reopened deal for those few seconds at most.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};
use std::time::Duration;

use etalase_contract::{FlashDeal, FlashDealState};

use crate::time::Timestamp;

/// At most this many deals are remembered; past it the board starts over.
const CAPACITY: usize = 10_000;

/// How long a sell-out is believed without news: past it, the next
/// checkout asks the database, and its refusal is believed as long again.
pub const SOLD_OUT_TRUSTED: Duration = Duration::from_secs(5);

/// Closed deals, and the closing time of open ones, by deal id.
#[derive(Debug, Default)]
pub struct DealBoard {
    deals: RwLock<HashMap<String, Known>>,
}

#[derive(Debug, Clone, Copy)]
struct Known {
    /// Ended, once an event said so.
    ended: bool,
    /// Sold out, as the last news said.
    sold_out: bool,
    /// Until when that sell-out is believed while the deal runs.
    sold_out_until: Timestamp,
    /// When it ends by the server's clock.
    ends_at: Timestamp,
}

impl DealBoard {
    /// Learns what `deal` says at `now`.
    pub fn note(&self, deal: &FlashDeal, now: Timestamp) {
        let ends_at = Timestamp::parse(&deal.ends_at).unwrap_or(Timestamp::EPOCH);
        self.update(&deal.id, ends_at, |known| match deal.state {
            FlashDealState::SoldOut => known.sold_out(now),
            FlashDealState::Ended => {
                known.ended = true;
                known.sold_out = false;
            }
            FlashDealState::Upcoming | FlashDealState::Open => {
                known.sold_out &= deal.units_left == 0;
            }
        });
    }

    /// Learns at `now` that the database found deal `deal_id` sold out.
    pub fn note_sold_out(&self, deal_id: &str, now: Timestamp) {
        let mut deals = self.deals.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = deals.get_mut(deal_id) {
            known.sold_out(now);
        }
    }

    /// Applies `change` to what is known of deal `deal_id`, ending by `ends_at`.
    fn update(&self, deal_id: &str, ends_at: Timestamp, change: impl FnOnce(&mut Known)) {
        let mut deals = self.deals.write().unwrap_or_else(PoisonError::into_inner);
        if deals.len() >= CAPACITY && !deals.contains_key(deal_id) {
            deals.clear();
        }
        let known = deals.entry(deal_id.to_owned()).or_insert(Known {
            ended: false,
            sold_out: false,
            sold_out_until: Timestamp::EPOCH,
            ends_at,
        });
        known.ends_at = known.ends_at.min(ends_at);
        change(known);
    }

    /// Whether the board knows of no deal at all.
    pub fn is_empty(&self) -> bool {
        self.deals
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// Sold out or ended, when the board knows deal `deal_id` is closed at
    /// `now`; `None` when it may be open.
    pub fn closed(&self, deal_id: &str, now: Timestamp) -> Option<FlashDealState> {
        let deals = self.deals.read().unwrap_or_else(PoisonError::into_inner);
        let known = deals.get(deal_id)?;
        let sold_out = Some(FlashDealState::SoldOut);
        if known.ended || now >= known.ends_at {
            // A deal that sold out before it ended stays sold out, as the
            // database says.
            sold_out
                .filter(|_| known.sold_out)
                .or(Some(FlashDealState::Ended))
        } else {
            sold_out.filter(|_| known.sold_out && now < known.sold_out_until)
        }
    }
}

impl Known {
    /// Sold out, believed from `now` for [`SOLD_OUT_TRUSTED`].
    fn sold_out(&mut self, now: Timestamp) {
        self.sold_out = true;
        self.sold_out_until = now.plus(SOLD_OUT_TRUSTED);
    }
}

#[cfg(test)]
mod tests {
    use etalase_contract::Rupiah;

    use super::*;

    fn deal(state: FlashDealState, units_left: u32) -> FlashDeal {
        FlashDeal {
            id: "fd-1".into(),
            stream_id: "s".into(),
            product_id: "p".into(),
            variant_id: "v".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(99_000),
            units: 20,
            units_left,
            per_buyer_limit: 1,
            state,
            starts_at: "2026-06-14T12:00:00.000Z".into(),
            ends_at: "2026-06-14T12:05:00.000Z".into(),
            starts_in_seconds: 0,
            seconds_left: 300,
        }
    }

    #[test]
    fn an_ended_deal_stays_ended_and_an_open_one_closes_at_its_end() {
        let board = DealBoard::default();
        let during = Timestamp::parse("2026-06-14T12:01:00.000Z").unwrap();
        let after = Timestamp::parse("2026-06-14T12:05:00.000Z").unwrap();
        assert_eq!(board.closed("fd-1", during), None);
        board.note(&deal(FlashDealState::Open, 5), during);
        assert_eq!(board.closed("fd-1", during), None);
        assert_eq!(board.closed("fd-1", after), Some(FlashDealState::Ended));
        board.note(&deal(FlashDealState::Ended, 0), during);
        // An older event, delivered late, does not reopen it.
        board.note(&deal(FlashDealState::Open, 1), during);
        assert_eq!(board.closed("fd-1", during), Some(FlashDealState::Ended));
    }

    #[test]
    fn a_deal_that_sold_out_and_then_ended_stays_sold_out() {
        let board = DealBoard::default();
        let sold = Timestamp::parse("2026-06-14T12:01:00.000Z").unwrap();
        let after = Timestamp::parse("2026-06-14T12:05:00.000Z").unwrap();
        board.note(&deal(FlashDealState::SoldOut, 0), sold);
        assert_eq!(board.closed("fd-1", after), Some(FlashDealState::SoldOut));
    }

    #[test]
    fn a_sell_out_is_believed_a_few_seconds_and_units_coming_back_reopen_it() {
        let board = DealBoard::default();
        let sold = Timestamp::parse("2026-06-14T12:01:00.000Z").unwrap();
        let soon = sold.plus(SOLD_OUT_TRUSTED - Duration::from_millis(1));
        let later = sold.plus(SOLD_OUT_TRUSTED);
        board.note(&deal(FlashDealState::SoldOut, 0), sold);
        assert_eq!(board.closed("fd-1", soon), Some(FlashDealState::SoldOut));
        // Past the trust, the database decides, and its refusal is believed again.
        assert_eq!(board.closed("fd-1", later), None);
        board.note_sold_out("fd-1", later);
        assert_eq!(board.closed("fd-1", later), Some(FlashDealState::SoldOut));
        // A checkout ended unpaid gave a unit back: open again at once.
        board.note(&deal(FlashDealState::Open, 1), later);
        assert_eq!(board.closed("fd-1", later), None);
        // The database's word on a deal the board never heard of is not kept.
        board.note_sold_out("fd-2", later);
        assert_eq!(board.closed("fd-2", later), None);
    }
}
