//! [`use_deal_clock`]: the page's monotonic clock as a flash deal's
//! countdown reads it, ticking only while the deal needs it.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::parts::monotonic;

/// How often the countdown looks at the clock, in milliseconds: often
/// enough that a shown second is never more than a quarter late.
const TICK_MS: u32 = 250;

/// The page's monotonic clock, looked at every [`TICK_MS`] while
/// `running` (a deal's banner and its checkout's tag count down on it).
#[hook]
pub fn use_deal_clock(running: bool) -> i64 {
    let now = use_state_eq(monotonic::now_ms);
    {
        let now = now.setter();
        use_effect_with(running, move |running| {
            let ticks =
                running.then(|| Interval::new(TICK_MS, move || now.set(monotonic::now_ms())));
            move || drop(ticks)
        });
    }
    *now
}
