//! [`DealView`]: what a flash deal shows at a moment, from the server's
//! word and the seconds since it arrived; the viewers' banner and the
//! creator's list count down alike.

use etalase_contract::{FlashDeal, FlashDealState};

/// What a deal shows at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealView {
    /// Announced: whole seconds until it opens, rounded up, never 0.
    Upcoming {
        /// Seconds until it opens.
        starts_in: u64,
    },
    /// Open: whole seconds until it closes, rounded up, never 0.
    Open {
        /// Seconds until it closes.
        seconds_left: u64,
    },
    /// Every deal unit is sold ("Habis").
    SoldOut,
    /// Its time ran out or the creator ended it ("Berakhir").
    Ended,
}

impl DealView {
    /// What `deal`, heard at `at_ms`, shows at `now_ms` (both on the page's
    /// monotonic clock): the server's state, with its countdowns run from
    /// the arrival. An announced deal opens on screen when its countdown
    /// reaches 0 (the server rounds up, so it has opened by then) and an
    /// open one ends when its time runs out, before the server's events
    /// confirm it.
    pub fn of(deal: &FlashDeal, at_ms: i64, now_ms: i64) -> DealView {
        match deal.state {
            FlashDealState::SoldOut => return DealView::SoldOut,
            FlashDealState::Ended => return DealView::Ended,
            FlashDealState::Upcoming | FlashDealState::Open if deal.units_left == 0 => {
                return DealView::SoldOut
            }
            FlashDealState::Upcoming | FlashDealState::Open => {}
        }
        let elapsed = now_ms.saturating_sub(at_ms).max(0);
        let starts_in = whole_seconds(i64::from(deal.starts_in_seconds) * 1_000 - elapsed);
        if starts_in > 0 {
            return DealView::Upcoming { starts_in };
        }
        match whole_seconds(i64::from(deal.seconds_left) * 1_000 - elapsed) {
            0 => DealView::Ended,
            seconds_left => DealView::Open { seconds_left },
        }
    }

    /// Whether the deal is over, sold out or ended.
    pub fn is_closed(self) -> bool {
        matches!(self, DealView::SoldOut | DealView::Ended)
    }
}

/// Whole seconds in `millis`, rounded up; 0 once it is not positive.
fn whole_seconds(millis: i64) -> u64 {
    u64::try_from(millis.saturating_add(999) / 1_000).unwrap_or(0)
}
