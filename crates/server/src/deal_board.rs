//! What this instance knows of flash deals from the live bus: which are
//! sold out or ended, when each open one closes and how many units it has
//! left, so that a checkout of a closed deal is refused before it reads or
//! writes anything durable, and a stampede reaches the database no larger
//! than the units it can win.
//!
//! **Units spoken for, and turns.** A checkout at a deal's price asks the
//! board first ([`DealBoard::turn`]). Each checkout of the deal on this
//! instance, on its way to the database or waiting for its turn, speaks
//! for one of the units left by the last news; once every unit is spoken
//! for, the next checkout is refused at once (`deal_sold_out`, nothing
//! written), and so is a waiting one when news of a sale elsewhere lowers
//! the units left below the checkouts ahead of it. The others go on in
//! arrival order, at most [`MAX_TURNS`] at once, waiting in memory for their
//! turn; a change wakes only the waiting checkouts whose answer it may
//! change, so a sale costs the same however long the line. A checkout that
//! fails for its own reason (its buyer's limit, a unit the database had
//! already sold) gives its unit back to the board, so the deal is buyable
//! again on this instance at once; one that sells lets go just before its
//! commit, whose event lowers the units left. The database's conditional
//! updates still decide every sale: the board only keeps the losers of a
//! stampede off its write path, and a checkout whose line has not moved
//! for [`TURN_WAIT`] (news lost or late) goes on without a turn; a line
//! that keeps moving waits its turn however long the sale takes.
//!
//! **A buyer's units.** A checkout also speaks for its units on behalf of
//! its buyer: what the buyer bought at the deal's price (read with the
//! quote) and what their other checkouts of it here ask for may not pass
//! the deal's limit per buyer. A checkout that would pass it is refused at
//! once (`deal_limit_reached`), speaking for no unit: one shopper sending
//! many checkouts of a deal (stale quotes, or many keys at once) never
//! keeps its units from other buyers. A sale keeps its buyer's units until
//! after its commit ([`Turn::hand_on`]), when the database counts them.
//!
//! An ended deal stays ended: its end never moves later. A sold-out one
//! can open again, when a checkout of its units ends unpaid while it runs
//! (decision 0057): an event saying it has units clears what the board
//! knew, and the board trusts a sell-out for [`SOLD_OUT_TRUSTED`] only,
//! from the event or the database's refusal that told it. So a late event
//! or a lost `LISTEN` connection can only let requests through to the
//! database, whose conditional updates decide, or refuse buyers of a
//! reopened deal for those few seconds at most.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, PoisonError, RwLock};
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

/// How long a waiting checkout's line may stand still (no turn given or
/// let go, no news of the deal) before the checkout goes on without a turn.
pub const TURN_WAIT: Duration = Duration::from_secs(3);

/// Closed deals, the closing time and units left of open ones, and the
/// checkouts of each on their way to the database, by deal id.
#[derive(Debug, Default)]
pub struct DealBoard {
    deals: RwLock<HashMap<String, Known>>,
}

#[derive(Debug)]
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
    /// The most units one buyer may buy at the deal's price; 0 before news.
    per_buyer_limit: u32,
    /// The units each buyer's checkouts here ask for, by user id.
    buyers: HashMap<i64, u32>,
    /// Checkouts holding a turn.
    in_flight: u32,
    /// The checkouts waiting for a turn, in arrival order.
    waiting: VecDeque<Waiting>,
    /// When the line last moved: a turn given or let go, or news of the deal.
    moved_at: Instant,
    /// The next waiting checkout's ticket.
    next_ticket: u64,
}

/// A checkout waiting for a turn: its ticket, and how to wake it.
#[derive(Debug)]
struct Waiting {
    ticket: u64,
    wake: Arc<Notify>,
}

/// What a checkout at a deal's price may do now.
#[derive(Debug)]
pub enum Admission<'a> {
    /// The deal is sold out or ended: refuse it.
    Closed(FlashDealState),
    /// Every unit left is spoken for by this instance's checkouts: refuse
    /// it; one may come back if one of them fails.
    SpokenFor,
    /// The buyer's units bought and asked for by their other checkouts
    /// here (`held`) leave this one none within the deal's `limit`: refuse
    /// it.
    LimitReached {
        /// The deal's limit per buyer.
        limit: u32,
        /// The units the buyer holds or asks for already.
        held: u32,
    },
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
    /// The buyer's units, kept until the sale is counted.
    hold: Option<Hold<'a>>,
}

impl<'a> Turn<'a> {
    /// Hands the turn on, keeping the buyer's units spoken for until the
    /// hold drops: after the commit, once the database counts them.
    pub fn hand_on(mut self) -> Option<Hold<'a>> {
        self.hold.take()
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut deals = self.board.write();
        if let Some(known) = deals.get_mut(&self.deal_id) {
            known.in_flight = known.in_flight.saturating_sub(1);
            known.moved(Timestamp::now());
        }
    }
}

/// A buyer's units spoken for at a deal on this instance; let go when
/// dropped.
#[derive(Debug)]
pub struct Hold<'a> {
    board: &'a DealBoard,
    deal_id: String,
    user_id: i64,
    units: u32,
}

impl Drop for Hold<'_> {
    fn drop(&mut self) {
        let mut deals = self.board.write();
        if let Some(known) = deals.get_mut(&self.deal_id) {
            if let Some(held) = known.buyers.get_mut(&self.user_id) {
                *held = held.saturating_sub(self.units);
                if *held == 0 {
                    known.buyers.remove(&self.user_id);
                }
            }
        }
    }
}

/// A checkout's buyer at a deal.
#[derive(Debug, Clone, Copy)]
pub struct Buyer {
    /// Who buys.
    pub user_id: i64,
    /// The units the checkout asks for.
    pub quantity: u32,
    /// The units they bought at the deal's price already.
    pub bought: u32,
}

impl DealBoard {
    /// Learns what `deal` says at `now`.
    pub fn note(&self, deal: &FlashDeal, now: Timestamp) {
        let ends_at = Timestamp::parse(&deal.ends_at).unwrap_or(Timestamp::EPOCH);
        self.update(&deal.id, ends_at, |known| {
            known.units_left = deal.units_left;
            known.per_buyer_limit = deal.per_buyer_limit;
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
            known.moved(now);
        });
    }

    /// Learns at `now` that the database found deal `deal_id` sold out.
    pub fn note_sold_out(&self, deal_id: &str, now: Timestamp) {
        let mut deals = self.write();
        if let Some(known) = deals.get_mut(deal_id) {
            known.sold_out(now);
            known.units_left = 0;
            known.moved(now);
        }
    }

    /// A checkout's turn at deal `deal_id` for `buyer`: at once while fewer
    /// checkouts hold one than [`MAX_TURNS`] and than the deal has units
    /// left, after the checkouts ahead of it otherwise (while its line
    /// keeps moving: see [`TURN_WAIT`]); refused as soon as the deal is
    /// known closed or every unit left is spoken for by the checkouts
    /// ahead, and at once when the buyer's units would pass the deal's
    /// limit.
    pub async fn turn(&self, deal_id: &str, buyer: Buyer) -> Admission<'_> {
        let hold = match self.hold(deal_id, buyer) {
            Ok(hold) => hold,
            Err(refused) => return refused,
        };
        let mut place: Option<Place<'_>> = None;
        loop {
            let step = {
                let mut deals = self.write();
                match deals.get_mut(deal_id) {
                    None => Step::Go(Decision::Ask),
                    Some(known) => known.step(place.as_ref().map(|p| p.ticket), Timestamp::now()),
                }
            };
            let decision = match step {
                Step::Go(decision) => decision,
                Step::Wait {
                    ticket,
                    wake,
                    stalled_at,
                } => {
                    if place.is_none() {
                        place = Some(Place {
                            board: self,
                            deal_id: deal_id.to_owned(),
                            ticket,
                        });
                    }
                    if Instant::now() >= stalled_at {
                        return Admission::Ask;
                    }
                    // A wake-up sent since the step is kept for this wait;
                    // at the deadline, the next step looks whether the
                    // line moved meanwhile.
                    let _ = timeout_at(stalled_at, wake.notified()).await;
                    continue;
                }
            };
            return match decision {
                Decision::Closed(state) => Admission::Closed(state),
                Decision::SpokenFor => Admission::SpokenFor,
                Decision::Ask => Admission::Ask,
                Decision::Turn => Admission::Turn(Turn {
                    board: self,
                    deal_id: deal_id.to_owned(),
                    hold,
                }),
            };
        }
    }

    /// `buyer`'s units spoken for at deal `deal_id`, or the refusal when
    /// they would pass its limit; none while the board cannot tell (it
    /// never heard of the deal) or the deal's state answers first (known
    /// closed, or sold out by the last news, which the database confirms
    /// once the sell-out is no longer believed), as the database's refusal
    /// does: a buyer at their limit of a sold-out deal hears it is sold out.
    fn hold(&self, deal_id: &str, buyer: Buyer) -> Result<Option<Hold<'_>>, Admission<'_>> {
        let mut deals = self.write();
        let Some(known) = deals.get_mut(deal_id) else {
            return Ok(None);
        };
        if known.per_buyer_limit == 0 || known.sold_out || known.closed(Timestamp::now()).is_some()
        {
            return Ok(None);
        }
        let held = known.buyers.get(&buyer.user_id).copied().unwrap_or(0);
        let held = held.saturating_add(buyer.bought);
        if held.saturating_add(buyer.quantity) > known.per_buyer_limit {
            return Err(Admission::LimitReached {
                limit: known.per_buyer_limit,
                held,
            });
        }
        *known.buyers.entry(buyer.user_id).or_default() += buyer.quantity;
        Ok(Some(Hold {
            board: self,
            deal_id: deal_id.to_owned(),
            user_id: buyer.user_id,
            units: buyer.quantity,
        }))
    }

    /// Applies `change` to what is known of deal `deal_id`, ending by `ends_at`.
    fn update(&self, deal_id: &str, ends_at: Timestamp, change: impl FnOnce(&mut Known)) {
        let mut deals = self.write();
        if deals.len() >= CAPACITY && !deals.contains_key(deal_id) {
            // Whoever waits on a forgotten deal asks the database.
            for known in deals.values() {
                known.wake_all();
            }
            deals.clear();
        }
        let known = deals.entry(deal_id.to_owned()).or_insert(Known {
            ended: false,
            sold_out: false,
            sold_out_until: Timestamp::EPOCH,
            ends_at,
            units_left: 0,
            per_buyer_limit: 0,
            buyers: HashMap::new(),
            in_flight: 0,
            waiting: VecDeque::new(),
            moved_at: Instant::now(),
            next_ticket: 0,
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

/// What a checkout of a deal may do next, as [`Known::step`] decides.
enum Step {
    /// Go on, or be refused.
    Go(Decision),
    /// Wait with this ticket until woken, or until `stalled_at` if the
    /// line does not move before.
    Wait {
        ticket: u64,
        wake: Arc<Notify>,
        stalled_at: Instant,
    },
}

/// Where a checkout goes once it stops waiting.
enum Decision {
    Closed(FlashDealState),
    SpokenFor,
    Ask,
    Turn,
}

/// A checkout's place among those waiting for a turn; left when dropped.
struct Place<'a> {
    board: &'a DealBoard,
    deal_id: String,
    ticket: u64,
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let mut deals = self.board.write();
        if let Some(known) = deals.get_mut(&self.deal_id) {
            if let Some(at) = known.position(self.ticket) {
                known.waiting.remove(at);
                // The checkouts behind it moved up.
                known.wake(Timestamp::now());
            }
        }
    }
}

impl Known {
    /// What the checkout waiting with `ticket` (or a new one, without)
    /// may do at `now`; anything but waiting leaves its place.
    fn step(&mut self, ticket: Option<u64>, now: Timestamp) -> Step {
        let at = ticket.and_then(|ticket| self.position(ticket));
        let ahead = at.unwrap_or(self.waiting.len());
        let spoken = self
            .in_flight
            .saturating_add(u32::try_from(ahead).unwrap_or(u32::MAX));
        let decision = if let Some(state) = self.closed(now) {
            Decision::Closed(state)
        } else if spoken >= self.units_left {
            // With nothing on its way that could change it, the database decides.
            if spoken == 0 {
                Decision::Ask
            } else {
                Decision::SpokenFor
            }
        } else if spoken < MAX_TURNS {
            self.in_flight += 1;
            self.moved_at = Instant::now();
            Decision::Turn
        } else {
            let at = at.unwrap_or_else(|| {
                self.waiting.push_back(Waiting {
                    ticket: self.next_ticket,
                    wake: Arc::new(Notify::new()),
                });
                self.next_ticket += 1;
                self.waiting.len() - 1
            });
            let waiting = &self.waiting[at];
            return Step::Wait {
                ticket: waiting.ticket,
                wake: Arc::clone(&waiting.wake),
                stalled_at: self.moved_at + TURN_WAIT,
            };
        };
        if let Some(at) = at {
            self.waiting.remove(at);
        }
        Step::Go(decision)
    }

    /// Where the checkout waiting with `ticket` stands in the line.
    fn position(&self, ticket: u64) -> Option<usize> {
        self.waiting
            .binary_search_by_key(&ticket, |waiting| waiting.ticket)
            .ok()
    }

    /// Notes that the line moved at `now` (a turn let go, news of the
    /// deal) and wakes the waiting checkouts it concerns.
    fn moved(&mut self, now: Timestamp) {
        self.moved_at = Instant::now();
        self.wake(now);
    }

    /// Wakes the waiting checkouts whose next step a change at `now` may
    /// have changed, and only those: every one once the deal is closed;
    /// otherwise the first ones, while turns are free for them, and the
    /// last ones, once the units left fall short of the checkouts ahead of
    /// them (see [`Known::step`]).
    fn wake(&self, now: Timestamp) {
        if self.closed(now).is_some() {
            self.wake_all();
            return;
        }
        let len = self.waiting.len();
        let free = usize::try_from(MAX_TURNS.saturating_sub(self.in_flight)).unwrap_or(len);
        let short = usize::try_from(self.units_left.saturating_sub(self.in_flight)).unwrap_or(len);
        let first = self.waiting.range(..free.min(len));
        let last = self.waiting.range(short.clamp(free.min(len), len)..);
        for waiting in first.chain(last) {
            waiting.wake.notify_one();
        }
    }

    /// Wakes every waiting checkout.
    fn wake_all(&self) {
        for waiting in &self.waiting {
            waiting.wake.notify_one();
        }
    }

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

    /// A buyer of one unit who bought none yet, a new one each time.
    fn anyone() -> Buyer {
        static NEXT: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);
        Buyer {
            user_id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            quantity: 1,
            bought: 0,
        }
    }

    /// [`MAX_TURNS`] checkouts of `fd-1` by new buyers, holding every turn.
    async fn every_turn(board: &DealBoard) -> Vec<Admission<'_>> {
        let mut turns = Vec::new();
        for _ in 0..MAX_TURNS {
            turns.push(board.turn("fd-1", anyone()).await);
        }
        turns
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
    async fn once_every_unit_left_is_spoken_for_the_next_checkout_is_refused_until_one_fails() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        // A deal the board never heard of: the database decides.
        assert!(matches!(board.turn("fd-1", anyone()).await, Admission::Ask));
        board.note(&deal(FlashDealState::Open, 2, now), now);
        let first = board.turn("fd-1", anyone()).await;
        let second = board.turn("fd-1", anyone()).await;
        assert!(is_turn(&first) && is_turn(&second));
        assert!(matches!(
            board.turn("fd-1", anyone()).await,
            Admission::SpokenFor
        ));
        // The first fails for its own reason: its unit is buyable again.
        drop(first);
        let third = board.turn("fd-1", anyone()).await;
        assert!(is_turn(&third));
        // The two holding turns win the last units.
        drop(second);
        board.note(&deal(FlashDealState::Open, 1, now), now);
        drop(third);
        board.note(&deal(FlashDealState::SoldOut, 0, now), now);
        assert!(matches!(
            board.turn("fd-1", anyone()).await,
            Admission::Closed(FlashDealState::SoldOut)
        ));
    }

    #[tokio::test]
    async fn waiting_checkouts_go_in_order_and_sales_elsewhere_refuse_the_last_ones() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::Open, 6, now), now);
        let mut turns = every_turn(&board).await;
        let wait = Duration::from_millis(100);
        let (ahead, behind, ()) = tokio::join!(
            tokio::time::timeout(wait, board.turn("fd-1", anyone())),
            board.turn("fd-1", anyone()),
            async {
                tokio::task::yield_now().await;
                // Another instance sold one: the second waiting has no unit
                // left to win, the first still has one.
                board.note(&deal(FlashDealState::Open, 5, now), now);
            }
        );
        assert!(ahead.is_err(), "the first waits on");
        assert!(matches!(behind, Admission::SpokenFor));
        // A turn let go goes to the next waiting.
        let (next, ()) = tokio::join!(board.turn("fd-1", anyone()), async { drop(turns.pop()) });
        assert!(is_turn(&next));
    }

    #[tokio::test]
    async fn a_long_line_goes_in_arrival_order_and_sales_elsewhere_refuse_only_its_end() {
        const WAITING: u32 = 40;
        const SOLD_ELSEWHERE: u32 = 10;
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::Open, MAX_TURNS + WAITING, now), now);
        let mut turns = every_turn(&board).await;
        let answered = std::sync::Mutex::new(Vec::new());
        let line = (0..WAITING).map(|place| {
            let (board, answered) = (&board, &answered);
            async move {
                // A turn is let go at once, as a checkout that failed.
                let admission = board.turn("fd-1", anyone()).await;
                let turn = is_turn(&admission);
                let spoken_for = matches!(admission, Admission::SpokenFor);
                drop(admission);
                answered.lock().unwrap().push((place, turn, spoken_for));
            }
        });
        let sales_elsewhere = async {
            tokio::task::yield_now().await;
            let left = MAX_TURNS + WAITING - SOLD_ELSEWHERE;
            board.note(&deal(FlashDealState::Open, left, now), now);
            tokio::task::yield_now().await;
            turns.clear();
        };
        tokio::join!(futures_util::future::join_all(line), sales_elsewhere);
        let answered = answered.into_inner().unwrap();
        let refused: Vec<u32> = answered
            .iter()
            .filter(|(_, _, spoken_for)| *spoken_for)
            .map(|(place, _, _)| *place)
            .collect();
        let served: Vec<u32> = answered
            .iter()
            .filter(|(_, turn, _)| *turn)
            .map(|(place, _, _)| *place)
            .collect();
        assert_eq!(
            refused,
            (WAITING - SOLD_ELSEWHERE..WAITING).collect::<Vec<_>>()
        );
        assert_eq!(served, (0..WAITING - SOLD_ELSEWHERE).collect::<Vec<_>>());
    }

    #[tokio::test(start_paused = true)]
    async fn a_line_that_keeps_moving_waits_its_turn_and_a_stalled_one_asks_the_database() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::Open, 20, now), now);
        let turns = std::sync::Mutex::new(every_turn(&board).await);
        // Ahead of the last checkout, as many as hold turns: its turn comes
        // once one more than that were let go, one a second, later than a
        // stalled line waits.
        let ahead = (0..MAX_TURNS).map(|_| async {
            let admission = board.turn("fd-1", anyone()).await;
            assert!(is_turn(&admission));
            turns.lock().unwrap().push(admission);
        });
        let started = Instant::now();
        let moving = async {
            for _ in 0..2 * MAX_TURNS {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let oldest = turns.lock().unwrap().remove(0);
                drop(oldest);
            }
        };
        let last = async {
            let admission = board.turn("fd-1", anyone()).await;
            (admission, started.elapsed())
        };
        let (_, (last, waited), ()) =
            tokio::join!(futures_util::future::join_all(ahead), last, moving);
        assert!(is_turn(&last), "{last:?}");
        assert_eq!(waited, Duration::from_secs(u64::from(MAX_TURNS) + 1));
        assert!(waited > TURN_WAIT);
        // Every turn held and nothing moving: the next checkout goes on
        // without a turn once the line stood still for the turn wait.
        let mut turns = turns.into_inner().unwrap();
        turns.push(last);
        while turns.len() < MAX_TURNS as usize {
            turns.push(board.turn("fd-1", anyone()).await);
        }
        assert!(turns.iter().all(is_turn));
        let stalled = Instant::now();
        assert!(matches!(board.turn("fd-1", anyone()).await, Admission::Ask));
        assert_eq!(stalled.elapsed(), TURN_WAIT);
    }

    #[tokio::test]
    async fn a_deal_with_many_units_sends_a_few_checkouts_at_a_time() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::Open, 100, now), now);
        let mut turns = every_turn(&board).await;
        assert!(turns.iter().all(is_turn));
        let waited =
            tokio::time::timeout(Duration::from_millis(50), board.turn("fd-1", anyone())).await;
        assert!(waited.is_err(), "the next waits for one of them");
        let (next, ()) = tokio::join!(board.turn("fd-1", anyone()), async { drop(turns.pop()) });
        assert!(is_turn(&next));
    }

    #[tokio::test]
    async fn with_no_units_and_no_turn_out_the_database_decides_at_once() {
        let board = DealBoard::default();
        let long_ago = Timestamp::now().minus(SOLD_OUT_TRUSTED);
        // A sell-out no longer believed, and nothing on its way that could change it.
        board.note(&deal(FlashDealState::SoldOut, 0, long_ago), long_ago);
        assert!(matches!(board.turn("fd-1", anyone()).await, Admission::Ask));
    }

    #[tokio::test]
    async fn a_buyer_past_the_limit_is_refused_at_once_and_speaks_for_no_unit() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        // Two units, one per buyer.
        board.note(&deal(FlashDealState::Open, 2, now), now);
        let shopper = Buyer {
            user_id: 7,
            quantity: 1,
            bought: 0,
        };
        // Bought already (a stale quote): refused, no unit spoken for.
        let stale = board
            .turn(
                "fd-1",
                Buyer {
                    bought: 1,
                    ..shopper
                },
            )
            .await;
        assert!(matches!(
            stale,
            Admission::LimitReached { limit: 1, held: 1 }
        ));
        // One checkout on its way: the same buyer's next ones are refused,
        // however many, and the other unit stays for someone else.
        let first = board.turn("fd-1", shopper).await;
        assert!(is_turn(&first));
        for _ in 0..10 {
            let again = board.turn("fd-1", shopper).await;
            assert!(matches!(
                again,
                Admission::LimitReached { limit: 1, held: 1 }
            ));
        }
        assert!(is_turn(&board.turn("fd-1", anyone()).await));
    }

    #[tokio::test]
    async fn a_buyer_at_the_limit_of_a_sold_out_deal_hears_it_is_sold_out_however_old_the_news() {
        let board = DealBoard::default();
        let at_limit = Buyer {
            user_id: 7,
            quantity: 1,
            bought: 1,
        };
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::SoldOut, 0, now), now);
        assert!(matches!(
            board.turn("fd-1", at_limit).await,
            Admission::Closed(FlashDealState::SoldOut)
        ));
        // Past the sell-out's trust the database decides, and it answers
        // with the deal's state before the buyer's limit.
        let long_ago = now.minus(SOLD_OUT_TRUSTED + Duration::from_secs(1));
        let board = DealBoard::default();
        board.note(&deal(FlashDealState::SoldOut, 0, long_ago), long_ago);
        assert!(matches!(board.turn("fd-1", at_limit).await, Admission::Ask));
    }

    #[tokio::test]
    async fn a_sales_buyer_keeps_their_units_until_the_hold_drops() {
        let board = DealBoard::default();
        let now = Timestamp::now();
        board.note(&deal(FlashDealState::Open, 5, now), now);
        let shopper = anyone();
        let Admission::Turn(turn) = board.turn("fd-1", shopper).await else {
            panic!("no turn");
        };
        // The turn goes on before the commit; the buyer's unit stays theirs.
        let hold = turn.hand_on();
        assert!(hold.is_some());
        let again = board.turn("fd-1", shopper).await;
        assert!(matches!(again, Admission::LimitReached { .. }));
        // Failed (or counted by the database, read with the next quote).
        drop(hold);
        assert!(is_turn(&board.turn("fd-1", shopper).await));
    }
}
