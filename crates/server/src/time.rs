//! Instants as the API and the database write them: RFC 3339 UTC with
//! milliseconds (`2026-06-14T12:00:00.000Z`), a fixed width, so text order is
//! time order and SQL can compare them as strings.

use std::fmt;
use std::time::Duration;

use time::format_description::FormatItem;
use time::macros::format_description;
use time::OffsetDateTime;

const FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// An instant, in UTC, to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// 1970-01-01T00:00:00.000Z.
    pub const EPOCH: Timestamp = Timestamp(OffsetDateTime::UNIX_EPOCH);

    /// Now.
    pub fn now() -> Self {
        Timestamp(OffsetDateTime::now_utc())
    }

    /// The instant `duration` after this one.
    pub fn plus(self, duration: Duration) -> Self {
        Timestamp(
            self.0
                .saturating_add(duration.try_into().unwrap_or(time::Duration::MAX)),
        )
    }

    /// The instant `duration` before this one.
    pub fn minus(self, duration: Duration) -> Self {
        Timestamp(
            self.0
                .saturating_sub(duration.try_into().unwrap_or(time::Duration::MAX)),
        )
    }

    /// How long from this instant to `later`; zero when `later` is not after it.
    pub fn until(self, later: Timestamp) -> Duration {
        (later.0 - self.0).try_into().unwrap_or(Duration::ZERO)
    }

    /// Seconds since the Unix epoch, as webhook signatures carry them.
    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Parses the format this module writes; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        time::PrimitiveDateTime::parse(text, FORMAT)
            .ok()
            .map(|t| Timestamp(t.assume_utc()))
    }

    /// [`Timestamp::parse`], also reading the same without milliseconds
    /// (`2025-06-14T10:30:00Z`), as the seed writes streams' starts.
    pub fn parse_whole_seconds_too(text: &str) -> Option<Self> {
        Timestamp::parse(text).or_else(|| {
            let whole = text
                .strip_suffix('Z')
                .filter(|whole| !whole.contains('.'))?;
            Timestamp::parse(&format!("{whole}.000Z"))
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Years 0 to 9999 always format; later ones cannot come from `now`.
        let text = self.0.format(FORMAT).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_fixed_width_that_sorts_as_time() {
        let t = Timestamp::parse("2026-06-14T12:00:00.000Z").unwrap();
        assert_eq!(t.to_string(), "2026-06-14T12:00:00.000Z");
        let later = t.plus(Duration::from_millis(1_500));
        assert_eq!(later.to_string(), "2026-06-14T12:00:01.500Z");
        assert!(later.to_string() > t.to_string());
        assert_eq!(later.minus(Duration::from_millis(1_500)), t);
        assert_eq!(t.until(later), Duration::from_millis(1_500));
        assert_eq!(later.until(t), Duration::ZERO);
        assert_eq!(t.unix_seconds(), 1_781_438_400);
    }

    #[test]
    fn refuses_other_formats() {
        for text in [
            "2026-06-14T12:00:00Z",
            "2026-06-14 12:00:00.000",
            "",
            "soon",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text}");
        }
    }

    #[test]
    fn reads_whole_seconds_when_asked() {
        let t = Timestamp::parse_whole_seconds_too("2026-06-14T12:00:00Z").unwrap();
        assert_eq!(t.to_string(), "2026-06-14T12:00:00.000Z");
        assert_eq!(
            Timestamp::parse_whole_seconds_too("2026-06-14T12:00:00.250Z")
                .unwrap()
                .to_string(),
            "2026-06-14T12:00:00.250Z"
        );
        assert_eq!(
            Timestamp::parse_whole_seconds_too("2026-06-14T12:00:00.2.5Z"),
            None
        );
        assert_eq!(Timestamp::parse_whole_seconds_too("soon"), None);
    }
}
