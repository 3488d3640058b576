//! [`upcoming_banner`]: a live stream that has not started, counting down,
//! with "Ingatkan saya".

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;
use crate::parts::shop::state::upcoming::countdown;

/// What the banner shows of a stream still to come.
pub struct UpcomingBanner {
    /// Seconds until it starts.
    pub seconds_left: u32,
    /// Whether the viewer asked to be reminded.
    pub reminded: bool,
    /// The widget's language.
    pub locale: Locale,
    /// The viewer taps "Ingatkan saya".
    pub on_remind: Callback<()>,
}

/// A banner over the cards: when the stream starts (a timer screen readers
/// read when asked, never on each tick) and "Ingatkan saya", which once
/// tapped says the reminder is set, stays where focus was and asks nothing
/// again; a polite region says it once. The cards below can be browsed
/// meanwhile.
pub fn upcoming_banner(banner: &UpcomingBanner) -> Html {
    let UpcomingBanner {
        seconds_left,
        reminded,
        locale,
        ..
    } = *banner;
    let on_remind = banner.on_remind.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        if !reminded {
            on_remind.emit(());
        }
    });
    let label = if reminded {
        Text::ReminderSet
    } else {
        Text::RemindMe
    };
    html! {
        <section class="upcoming" aria-label={Text::UpcomingStream.get(locale)} data-testid="upcoming">
            <p class="upcoming-when">
                <span class="upcoming-label">{ Text::StartsIn.get(locale) }</span>
                <span class="upcoming-count" role="timer" data-testid="upcoming-countdown">
                    { countdown(locale, seconds_left) }
                </span>
            </p>
            <button type="button" class="action upcoming-remind" data-testid="remind-me"
                aria-disabled={reminded.then_some("true")} {onclick}>
                { label.get(locale) }
            </button>
            <p class="sr" role="status" data-testid="remind-said">
                if reminded { { Text::ReminderSaid.get(locale) } }
            </p>
        </section>
    }
}
