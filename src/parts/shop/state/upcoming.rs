//! A live stream still to come, counted down on the page's monotonic clock
//! from the seconds the server gave (no clock agreement needed).

use etalase_contract::{Locale, UpcomingStream, UpcomingStreamList};

use crate::i18n::{fill, Text};

/// Above this many seconds the countdown says days, not a clock.
const CLOCK_UNDER: u32 = 48 * 60 * 60;

/// The upcoming streams as the server listed them, and when that answer
/// came on the page's monotonic clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// The list, soonest first.
    pub list: UpcomingStreamList,
    /// When it came, in milliseconds of the monotonic clock.
    pub heard_at_ms: i64,
}

impl Upcoming {
    /// `stream_id` if it has not started by `now_ms`, with the seconds left.
    pub fn find(&self, stream_id: &str, now_ms: i64) -> Option<(&UpcomingStream, u32)> {
        let stream = self
            .list
            .streams
            .iter()
            .find(|stream| stream.id == stream_id)?;
        let elapsed = u32::try_from(now_ms.saturating_sub(self.heard_at_ms).max(0) / 1_000)
            .unwrap_or(u32::MAX);
        let left = stream.seconds_until_start.saturating_sub(elapsed);
        (left > 0).then_some((stream, left))
    }
}

/// The time until the start as the banner shows it: `01:02:03` under two
/// days, else the days ("3 hari" / "3 days").
pub fn countdown(locale: Locale, seconds: u32) -> String {
    if seconds >= CLOCK_UNDER {
        return fill(locale, Text::Days, &(seconds / 86_400).to_string());
    }
    let (hours, minutes, seconds) = (seconds / 3_600, seconds / 60 % 60, seconds % 60);
    format!("{hours:02}:{minutes:02}:{seconds:02}")
}

#[cfg(test)]
mod tests {
    use etalase_contract::CreatorSummary;

    use super::*;

    fn upcoming(seconds_until_start: u32) -> Upcoming {
        Upcoming {
            list: UpcomingStreamList {
                streams: vec![UpcomingStream {
                    id: "live-soon".into(),
                    title: "Segera".into(),
                    creator: CreatorSummary {
                        id: "crt".into(),
                        name: "@sari".into(),
                    },
                    product_count: 3,
                    starts_at: "2026-12-05T12:00:00Z".into(),
                    seconds_until_start,
                }],
            },
            heard_at_ms: 10_000,
        }
    }

    #[test]
    fn the_seconds_left_count_down_from_the_answer_and_end_at_the_start() {
        let soon = upcoming(90);
        assert_eq!(
            soon.find("live-soon", 10_000).map(|(_, left)| left),
            Some(90)
        );
        assert_eq!(
            soon.find("live-soon", 40_999).map(|(_, left)| left),
            Some(60)
        );
        assert_eq!(soon.find("live-soon", 100_000), None, "started");
        assert_eq!(soon.find("live-other", 10_000), None, "not listed");
        assert_eq!(
            soon.find("live-soon", 0).map(|(_, left)| left),
            Some(90),
            "a clock read before the answer counts nothing"
        );
    }

    #[test]
    fn the_countdown_is_a_clock_under_two_days_then_days() {
        assert_eq!(countdown(Locale::IdId, 3_725), "01:02:05");
        assert_eq!(countdown(Locale::EnUs, 47 * 3_600 + 59), "47:00:59");
        assert_eq!(countdown(Locale::IdId, 3 * 86_400 + 5), "3 hari");
        assert_eq!(countdown(Locale::EnUs, 2 * 86_400), "2 days");
    }
}
