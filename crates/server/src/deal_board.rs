//! What this instance knows of flash deals from the live bus: which are
//! sold out or ended, when each open one closes and how many units it has
//! left, so that a checkout of a closed deal is refused before it reads or
//! writes anything durable, and a stampede reaches the database no larger
//! than the units it can win.
//!
//! **Turns.** A checkout at a deal's price takes a turn first ([`DealBoard::turn`]):
//! at most as many checkouts of a deal go on to the database at once as it
//! has units left by the last news, the others wait for one of them to
//! finish. A winner's event lowers the units left, so when the last unit is
//! sold the waiting ones are refused at once, without a write; a checkout
//! that fails for its own reason (its buyer's limit) hands its turn on. The
//! database's conditional updates still decide every sale: turns only keep
//! the losers of a stampede off its write path, and a checkout that waits
//! longer than [`TURN_WAIT`] (news lost or late) goes on without one.
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
use std::pin::pin;
use std::sync::{PoisonError, RwLock};
use std::time::Duration;

use etalase_contract::{FlashDeal, FlashDealState};
use tokio::sync::Notify;
use tokio::time::{timeout_at, Instant};

use crate::time::Timestamp;

/// At most this many deals are remembered; past it the board starts over.
const CAPACITY: usize = 10_000;

/// How long a sell-out is believed without news: past it, the next
/// checkout asks the database, and its refusal is believed as long again.
pub const SOLD_OUT_TRUSTED: Duration = Duration::from_secs(5);

/// The most checkouts of one deal on their way to the database at once
/// from this instance: the deal's row takes one sale at a time, so more
/// would only queue for the pool's connections and the row's lock.
pub const MAX_TURNS: u32 = 4;

/// How long a checkout waits for a turn before it goes on without one.
pub const TURN_WAIT: Duration = Duration::from_secs(3);

/// Closed deals, the closing time and units left of open ones, and the
/// checkouts of each on their way to the database, by deal id.
#[derive(Debug, Default)]
pub struct DealBoard {
    deals: RwLock<HashMap<String, Known>>,
    /// Woken whenever a deal's news or turns change.
    changed: Notify,
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
    /// Units left, as the last news said.
    units_left: u32,
    /// Checkouts holding a turn.
    in_flight: u32,
}

/// What a checkout at a deal's price may do now.
#[derive(Debug)]
pub enum Admission<'a> {
    /// The deal is sold out or ended: refuse it.
    Closed(FlashDealState),
    /// Go on to the database; the turn is handed on when dropped.
    Turn(Turn<'a>),
    /// Go on to the database: the board cannot tell (it never heard of the
    /// deal, or waited in vain), or no turn is out that could change it.
    Ask,
}

/// One checkout of a deal on its way to the database.
#[derive(Debug)]
pub struct Turn<'a> {
    board: &'a DealBoard,
    deal_id: String,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut deals = self.board.write();
        if let Some(known) = deals.get_mut(&self.deal_id) {
            known.in_flight = known.in_flight.saturating_sub(1);
        }
        drop(deals);
        self.board.changed.notify_waiters();
    }
}

impl DealBoard {
    /// Learns what `deal` says at `now`.
    pub fn note(&self, deal: &FlashDeal, now: Timestamp) {
        let ends_at = Timestamp::parse(&deal.ends_at).unwrap_or(Timestamp::EPOCH);
        self.update(&deal.id, ends_at, |known| {
            known.units_left = deal.units_left;
            match deal.state {
                FlashDealState::SoldOut => known.sold_out(now),
                FlashDealState::Ended => {
                    known.ended = true;
                    known.sold_out = false;
                }
                FlashDealState::Upcoming | FlashDealState::Open => {
                    known.sold_out &= deal.units_left == 0;
                }
            }
        });
        self.changed.notify_waiters();
    }

    /// Learns at `now` that the database found deal `deal_id` sold out.
    pub fn note_sold_out(&self, deal_id: &str, now: Timestamp) {
        let mut deals = self.write();
        if let Some(known) = deals.get_mut(deal_id) {
            known.sold_out(now);
            known.units_left = 0;
        }
        drop(deals);
        self.changed.notify_waiters();
    }

    /// A checkout's turn at deal `deal_id`: at once while fewer checkouts
    /// hold one than the deal has units left, after waiting for one of them
    /// otherwise (up to [`TURN_WAIT`]); refused as soon as the deal is
    /// known closed.
    pub async fn turn(&self, deal_id: &str) -> Admission<'_> {
        let give_up = Instant::now() + TURN_WAIT;
        loop {
            let mut changed = pin!(self.changed.notified());
            changed.as_mut().enable();
            {
                let mut deals = self.write();
                let Some(known) = deals.get_mut(deal_id) else {
                    return Admission::Ask;
                };
                if let Some(state) = known.closed(Timestamp::now()) {
                    return Admission::Closed(state);
                }
                if known.in_flight < known.units_left.min(MAX_TURNS) {
                    known.in_flight += 1;
                    return Admission::Turn(Turn {
                        board: self,
                        deal_id: deal_id.to_owned(),
                    });
                }
                if known.in_flight == 0 {
                    return Admission::Ask;
                }
            }
            if timeout_at(give_up, changed).await.is_err() {
                return Admission::Ask;
            }
        }
    }

    /// Applies `change` to what is known of deal `deal_id`, ending by `ends_at`.
    fn update(&self, deal_id: &str, ends_at: Timestamp, change: impl FnOnce(&mut Known)) {
        let mut deals = self.write();
        if deals.len() >= CAPACITY && !deals.contains_key(deal_id) {
            deals.clear();
        }
        let known = deals.entry(deal_id.to_owned()).or_insert(Known {
            ended: false,
            sold_out: false,
            sold_out_until: Timestamp::EPOCH,
            ends_at,
            units_left: 0,
            in_flight: 0,
        });
        known.ends_at = known.ends_at.min(ends_at);
        change(known);
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Known>> {
        self.deals.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the board knows of no deal at all.
    pub fn is_empty(&self) -> bool {
        self.deals
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }
}

impl Known {
    /// Sold out, believed from `now` for [`SOLD_OUT_TRUSTED`].
    fn sold_out(&mut self, now: Timestamp) {
        self.sold_out = true;
        self.sold_out_until = now.plus(SOLD_OUT_TRUSTED);
    }

    /// Sold out or ended at `now`, as far as the board knows.
    fn closed(&self, now: Timestamp) -> Option<FlashDealState> {
        let sold_out = Some(FlashDealState::SoldOut);
        if self.ended || now >= self.ends_at {
            // A deal that sold out before it ended stays sold out, as the
            // database says.
            sold_out
                .filter(|_| self.sold_out)
                .or(Some(FlashDealState::Ended))
        } else {
            sold_out.filter(|_| self.sold_out && now < self.sold_out_until)
        }
    }
}

#[cfg(test)]
mod tests {
    use etalase_contract::Rupiah;

    use super::*;

    /// Deal `fd-1` in `state` with `units_left`, ending five minutes after `now`.
    fn deal(state: FlashDealState, units_left: u32, now: Timestamp) -> FlashDeal {
        FlashDeal {
            id: "fd-1".into(),
            stream_id: "s".into(),
            product_id: "p".into(),
            variant_id: "v".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(99_000),
            units: 20,
            units_left,
            units_sold: 0,
            per_buyer_limit: 1,
            state,
            starts_at: now.to_string(),
            ends_at: now.plus(Duration::from_secs(300)).to_string(),
            starts_in_seconds: 0,
            seconds_left: 300,
        }
    }

    /// What the board knows of `fd-1` at `at`.
    fn closed(board: &DealBoard, at: Timestamp) -> Option<FlashDealState> {
        board.write().get("fd-1").and_then(|known| known.closed(at))
    }

    fn is_turn(admission: &Admission<'_>) -> bool {
        matches!(admission, Admission::Turn(_))
    }

    #[test]
    fn an_ended_deal_stays_ended_and_an_open_one_closes_at_its_end() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        let after = now.plus(Duration::from_secs(300));
        assert_eq!(closed(&board, now), None);
        board.note(&deal(FlashDealState::Open, 5, now), now);
        assert_eq!(closed(&board, now), None);
        assert_eq!(closed(&board, after), Some(FlashDealState::Ended));
        board.note(&deal(FlashDealState::Ended, 0, now), now);
        // An older event, delivered late, does not reopen it.
        board.note(&deal(FlashDealState::Open, 1, now), now);
        assert_eq!(closed(&board, now), Some(FlashDealState::Ended));
    }

    #[test]
    fn a_deal_that_sold_out_and_then_ended_stays_sold_out() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::SoldOut, 0, now), now);
        let after = now.plus(Duration::from_secs(300));
        assert_eq!(closed(&board, after), Some(FlashDealState::SoldOut));
    }

    #[test]
    fn a_sell_out_is_believed_a_few_seconds_and_units_coming_back_reopen_it() {
        let board = DealBoard::default();
        let sold = Timestamp::now();
        let soon = sold.plus(SOLD_OUT_TRUSTED - Duration::from_millis(1));
        let later = sold.plus(SOLD_OUT_TRUSTED);
        board.note(&deal(FlashDealState::SoldOut, 0, sold), sold);
        assert_eq!(closed(&board, soon), Some(FlashDealState::SoldOut));
        // Past the trust, the database decides, and its refusal is believed again.
        assert_eq!(closed(&board, later), None);
        board.note_sold_out("fd-1", later);
        assert_eq!(closed(&board, later), Some(FlashDealState::SoldOut));
        // A checkout ended unpaid gave a unit back: open again at once.
        board.note(&deal(FlashDealState::Open, 1, sold), later);
        assert_eq!(closed(&board, later), None);
    }

    #[tokio::test]
    async fn no_more_checkouts_go_on_at_once_than_the_deal_has_units() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        // A deal the board never heard of: the database decides.
        assert!(matches!(board.turn("fd-1").await, Admission::Ask));
        board.note(&deal(FlashDealState::Open, 2, now), now);
        let first = board.turn("fd-1").await;
        let second = board.turn("fd-1").await;
        assert!(is_turn(&first) && is_turn(&second));
        let waited = tokio::time::timeout(Duration::from_millis(50), board.turn("fd-1")).await;
        assert!(waited.is_err(), "a third checkout waits");
        // The first fails for its own reason and hands its turn on.
        let (third, ()) = tokio::join!(board.turn("fd-1"), async { drop(first) });
        assert!(is_turn(&third));
        // The fourth waits; the two holding turns win the last units.
        let (fourth, ()) = tokio::join!(board.turn("fd-1"), async {
            board.note(&deal(FlashDealState::Open, 1, now), now);
            board.note(&deal(FlashDealState::SoldOut, 0, now), now);
            drop(second);
            drop(third);
        });
        assert!(matches!(fourth, Admission::Closed(FlashDealState::SoldOut)));
    }

    #[tokio::test]
    async fn a_deal_with_many_units_sends_a_few_checkouts_at_a_time() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::Open, 100, now), now);
        let mut turns = Vec::new();
        for _ in 0..MAX_TURNS {
            turns.push(board.turn("fd-1").await);
        }
        assert!(turns.iter().all(is_turn));
        let waited = tokio::time::timeout(Duration::from_millis(50), board.turn("fd-1")).await;
        assert!(waited.is_err(), "the next waits for one of them");
        let (next, ()) = tokio::join!(board.turn("fd-1"), async { drop(turns.pop()) });
        assert!(is_turn(&next));
    }

    #[tokio::test]
    async fn with_no_units_and_no_turn_out_the_database_decides_at_once() {
        let board = DealBoard::default();
        let long_ago = Timestamp::now().minus(SOLD_OUT_TRUSTED);
        // A sell-out no longer believed, and nothing on its way that could change it.
        board.note(&deal(FlashDealState::SoldOut, 0, long_ago), long_ago);
        assert!(matches!(board.turn("fd-1").await, Admission::Ask));
    }
}
