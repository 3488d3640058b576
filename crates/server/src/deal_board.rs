//! What this instance knows of flash deals from the live bus: which are
//! sold out or ended, and when each open one closes, so a checkout of a
//! closed deal is refused before it reads or writes anything durable.
//!
//! The board only ever learns that a deal closed, never that it reopened:
//! a deal's units only go down and its end never moves later, so a stale
//! board can only let a request through to the database, whose conditional
//! updates refuse it there. A lost `LISTEN` connection therefore needs no
//! reset: the events missed meanwhile only make refusals slower.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use etalase_contract::{FlashDeal, FlashDealState};

use crate::time::Timestamp;

/// At most this many deals are remembered; past it the board starts over.
const CAPACITY: usize = 10_000;

/// Closed deals, and the closing time of open ones, by deal id.
#[derive(Debug, Default)]
pub struct DealBoard {
    deals: RwLock<HashMap<String, Known>>,
}

#[derive(Debug, Clone, Copy)]
struct Known {
    /// Sold out or ended, once an event said so.
    closed: Option<FlashDealState>,
    /// When it ends by the server's clock.
    ends_at: Timestamp,
}

impl DealBoard {
    /// Learns what `deal` says.
    pub fn note(&self, deal: &FlashDeal) {
        let closed = matches!(deal.state, FlashDealState::SoldOut | FlashDealState::Ended)
            .then_some(deal.state);
        let ends_at = Timestamp::parse(&deal.ends_at).unwrap_or(Timestamp::EPOCH);
        let mut deals = self.deals.write().unwrap_or_else(PoisonError::into_inner);
        if deals.len() >= CAPACITY && !deals.contains_key(&deal.id) {
            deals.clear();
        }
        let known = deals
            .entry(deal.id.clone())
            .or_insert(Known { closed, ends_at });
        // Closed stays closed, whatever an older event says.
        known.closed = known.closed.or(closed);
        known.ends_at = known.ends_at.min(ends_at);
    }

    /// Whether the board knows of no deal at all.
    pub fn is_empty(&self) -> bool {
        self.deals
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// Sold out or ended, when the board knows deal `deal_id` is closed at
    /// `now`; `None` when it may still be open.
    pub fn closed(&self, deal_id: &str, now: Timestamp) -> Option<FlashDealState> {
        let deals = self.deals.read().unwrap_or_else(PoisonError::into_inner);
        let known = deals.get(deal_id)?;
        known
            .closed
            .or((now >= known.ends_at).then_some(FlashDealState::Ended))
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
    fn a_closed_deal_stays_closed_and_an_open_one_closes_at_its_end() {
        let board = DealBoard::default();
        let during = Timestamp::parse("2026-06-14T12:01:00.000Z").unwrap();
        let after = Timestamp::parse("2026-06-14T12:05:00.000Z").unwrap();
        assert_eq!(board.closed("fd-1", during), None);
        board.note(&deal(FlashDealState::Open, 5));
        assert_eq!(board.closed("fd-1", during), None);
        assert_eq!(board.closed("fd-1", after), Some(FlashDealState::Ended));
        board.note(&deal(FlashDealState::SoldOut, 0));
        // An older event, delivered late, does not reopen it.
        board.note(&deal(FlashDealState::Open, 1));
        assert_eq!(board.closed("fd-1", during), Some(FlashDealState::SoldOut));
    }
}
