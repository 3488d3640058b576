//! [`Countdown`]: the time left to pay, ticking every second.

use etalase_contract::Locale;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::i18n::Text;
use crate::parts::shop::state::clock;

/// Props of [`Countdown`].
#[derive(Properties, PartialEq)]
pub struct CountdownProps {
    /// When the time runs out, RFC 3339 UTC as the API writes it.
    pub expires_at: AttrValue,
    /// What the time is for, said before it and hidden from sight, where
    /// no visible word beside the countdown says it.
    #[prop_or_default]
    pub said: Option<Text>,
    /// The language of `said`.
    pub locale: Locale,
    /// Whether it is a `timer` of its own; not inside a button, whose name
    /// must say the time and would leave a timer's text out.
    #[prop_or(true)]
    pub timer: bool,
    /// Called once when the time runs out, or at mount if it already has.
    #[prop_or_default]
    pub on_expired: Callback<()>,
}

/// `HH:MM:SS` (or `MM:SS` under an hour) until `expires_at`, stopping at
/// `00:00`; nothing when `expires_at` is not a timestamp. The timer lives
/// only while the time runs and while the countdown is mounted.
///
/// The digits are its text, so the name of a button holding it (the mini
/// card, with `timer` off) says the time a shopper sees, after `said`.
#[function_component]
pub fn Countdown(props: &CountdownProps) -> Html {
    let now = use_state(now_ms);
    let left =
        clock::parse_utc(&props.expires_at).map(|expires| clock::seconds_left(*now, expires));
    {
        let (now, on_expired) = (now.setter(), props.on_expired.clone());
        use_effect_with(left.map(|left| left > 0), move |running| {
            let ticks =
                (*running == Some(true)).then(|| Interval::new(1_000, move || now.set(now_ms())));
            if *running == Some(false) {
                on_expired.emit(());
            }
            move || drop(ticks)
        });
    }
    let Some(left) = left else {
        return Html::default();
    };
    let said = props
        .said
        .map(|said| html! { <span class="sr">{ said.get(props.locale) }{ " " }</span> });
    if props.timer {
        html! {
            <span class="countdown" role="timer" data-testid="countdown">{ for said }{ clock::countdown(left) }</span>
        }
    } else {
        html! {
            <span class="countdown" data-testid="countdown">{ for said }{ clock::countdown(left) }</span>
        }
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> i64 {
    // A double of whole milliseconds, far inside the range of an `i64`.
    js_sys::Date::now() as i64
}

/// Milliseconds since the Unix epoch, from the system clock (for the
/// server-side renderer and native tests).
#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
        })
}
