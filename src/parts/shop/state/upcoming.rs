//! A live stream still to come, counted down on the page's monotonic clock
//! from the seconds the server gave (no clock agreement needed).

use etalase_contract::{Locale, UpcomingStream, UpcomingStreamList};

use crate::i18n::{fill, Text};

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

/// The time until the start as the banner shows it, in its two largest
/// units and cut, never rounded up, so it never says more time than is
/// left: days and hours from a day ("2 hari 23 jam" / "2 days 23 h"),
/// hours and minutes from an hour ("5 jam 12 mnt" / "5 h 12 min"), then
/// minutes and seconds ("9:05"). A smaller unit at 0 is left out ("1 jam").
pub fn countdown(locale: Locale, seconds: u32) -> String {
    let hours = seconds / 3_600;
    let (larger, smaller) = match hours {
        0 => return format!("{}:{:02}", seconds / 60, seconds % 60),
        1..=23 => (
            fill(locale, Text::Hours, &hours.to_string()),
            (Text::Minutes, seconds / 60 % 60),
        ),
        _ => {
            let days = hours / 24;
            let unit = if days == 1 { Text::DaysOne } else { Text::Days };
            let larger = fill(locale, unit, &days.to_string());
            (larger, (Text::Hours, hours % 24))
        }
    };
    match smaller {
        (_, 0) => larger,
        (unit, n) => [larger, fill(locale, unit, &n.to_string())].join(" "),
    }
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
    fn the_countdown_is_cut_to_its_two_largest_units_at_each_boundary() {
        let both = |seconds| {
            (
                countdown(Locale::IdId, seconds),
                countdown(Locale::EnUs, seconds),
            )
        };
        let said = |id: &str, en: &str| (id.to_owned(), en.to_owned());
        assert_eq!(both(1), said("0:01", "0:01"));
        assert_eq!(both(545), said("9:05", "9:05"));
        assert_eq!(both(3_599), said("59:59", "59:59"), "under an hour");
        assert_eq!(
            both(3_600),
            said("1 jam", "1 h"),
            "a minute of 0 is left out"
        );
        assert_eq!(both(3_659), said("1 jam", "1 h"));
        assert_eq!(both(3_660), said("1 jam 1 mnt", "1 h 1 min"));
        assert_eq!(
            both(5 * 3_600 + 12 * 60 + 59),
            said("5 jam 12 mnt", "5 h 12 min")
        );
        assert_eq!(
            both(86_399),
            said("23 jam 59 mnt", "23 h 59 min"),
            "under a day"
        );
        assert_eq!(both(86_400), said("1 hari", "1 day"));
        assert_eq!(both(86_400 + 3_600), said("1 hari 1 jam", "1 day 1 h"));
        assert_eq!(both(2 * 86_400 - 1), said("1 hari 23 jam", "1 day 23 h"));
        assert_eq!(both(2 * 86_400), said("2 hari", "2 days"));
        assert_eq!(
            both(3 * 86_400 - 1),
            said("2 hari 23 jam", "2 days 23 h"),
            "never rounded down to the day, nor up to the next"
        );
        assert_eq!(
            both(30 * 86_400 + 7_200),
            said("30 hari 2 jam", "30 days 2 h")
        );
    }
}
