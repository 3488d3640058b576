//! Instants as the API writes them (RFC 3339 UTC), the time left to pay,
//! and instants shown to people in Western Indonesia Time (WIB, UTC+7, no
//! daylight saving).
//!
//! Pure arithmetic on Unix milliseconds: nothing here reads a clock, the
//! caller passes "now" in. Dates go through the proleptic Gregorian
//! calendar with Howard Hinnant's days-from-civil algorithms, so no date
//! crate enters the wasm. Month abbreviations live here with the rest of
//! the date format, the way `Rupiah::format` holds its currency signs.

use etalase_contract::Locale;

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// WIB's offset from UTC, in milliseconds.
const WIB_MS: i64 = 7 * 3_600_000;

/// Indonesian month abbreviations.
const MONTHS_ID: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// English month abbreviations.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Milliseconds since the Unix epoch of an RFC 3339 UTC instant as the
/// server writes it: `2026-11-28T23:16:16Z`, or with a fraction of a
/// second (`2026-11-28T23:16:16.250Z`; digits past milliseconds are cut).
/// `None` for anything else, including an impossible date.
pub fn parse_utc(text: &str) -> Option<i64> {
    let at = |index: usize, byte: u8| text.as_bytes().get(index) == Some(&byte);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (
        number(text, 0, 4)?,
        number(text, 5, 2)?,
        number(text, 8, 2)?,
    );
    let (hour, minute, second) = (
        number(text, 11, 2)?,
        number(text, 14, 2)?,
        number(text, 17, 2)?,
    );
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let rest = text.get(19..)?;
    let millis = match rest.strip_prefix('.') {
        None if rest == "Z" => 0,
        None => return None,
        Some(fraction) => {
            let digits = fraction.strip_suffix('Z')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // The first three digits, padded: ".5" is 500 ms.
            (0..3).fold(0, |millis, index| {
                let digit = digits.as_bytes().get(index).map_or(0, |b| b - b'0');
                millis * 10 + i64::from(digit)
            })
        }
    };
    let seconds = hour * 3_600 + minute * 60 + second;
    Some(days_from_civil(year, month, day) * DAY_MS + seconds * 1_000 + millis)
}

/// Whole seconds from `now_ms` until `expires_ms`, rounded up (a payment
/// with half a second left still shows `00:01`); zero once it has passed.
pub fn seconds_left(now_ms: i64, expires_ms: i64) -> u64 {
    let millis = expires_ms.saturating_sub(now_ms);
    u64::try_from(millis.saturating_add(999) / 1_000).unwrap_or(0)
}

/// `seconds` as a countdown: `23:59:07`, or `04:05` under an hour.
pub fn countdown(seconds: u64) -> String {
    let (hours, minutes, seconds) = (seconds / 3_600, seconds / 60 % 60, seconds % 60);
    let mut text = String::with_capacity(8);
    if hours > 0 {
        text.push_str(&two_digits(hours));
        text.push(':');
    }
    text.push_str(&two_digits(minutes));
    text.push(':');
    text.push_str(&two_digits(seconds));
    text
}

/// The WIB date and time of `ms`: `28 Nov 2026, 06.16 WIB` in id-ID,
/// `Nov 28, 2026, 6:16 AM WIB` in en-US.
pub fn format_time(ms: i64, locale: Locale) -> String {
    let local = ms.saturating_add(WIB_MS);
    // Never negative, so the conversion cannot fail.
    let minutes = u64::try_from(local.rem_euclid(DAY_MS) / 60_000).unwrap_or(0);
    let (hour, minute) = (minutes / 60, minutes % 60);
    let mut text = format_date(ms, locale);
    text.push_str(", ");
    match locale {
        Locale::IdId => {
            text.push_str(&two_digits(hour));
            text.push('.');
            text.push_str(&two_digits(minute));
        }
        Locale::EnUs => {
            let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
            text.push_str(&twelve.to_string());
            text.push(':');
            text.push_str(&two_digits(minute));
            text.push_str(if hour < 12 { " AM" } else { " PM" });
        }
    }
    text.push_str(" WIB");
    text
}

/// The WIB date of `ms`: `28 Nov 2026` in id-ID, `Nov 28, 2026` in en-US.
pub fn format_date(ms: i64, locale: Locale) -> String {
    let local = ms.saturating_add(WIB_MS);
    let (year, month, day) = civil_from_days(local.div_euclid(DAY_MS));
    let months = match locale {
        Locale::IdId => &MONTHS_ID,
        Locale::EnUs => &MONTHS_EN,
    };
    let name = usize::try_from(month - 1)
        .ok()
        .and_then(|index| months.get(index))
        .copied()
        .unwrap_or_default();
    let (day, year) = (day.to_string(), year.to_string());
    match locale {
        Locale::IdId => [day.as_str(), " ", name, " ", &year].concat(),
        Locale::EnUs => [name, " ", &day, ", ", &year].concat(),
    }
}

/// The `len` ASCII digits of `text` from `start`, as a number.
fn number(text: &str, start: usize, len: usize) -> Option<i64> {
    text.get(start..start + len)?
        .bytes()
        .try_fold(0, |value, byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + i64::from(byte - b'0'))
        })
}

/// `n` with a leading zero below ten.
fn two_digits(n: u64) -> String {
    if n < 10 {
        ["0", &n.to_string()].concat()
    } else {
        n.to_string()
    }
}

/// Days in `month` (1 to 12) of `year`.
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day) `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-28T23:16:16Z, as `date -u -d 2026-11-28T23:16:16Z +%s` counts it.
    const INSTANT: i64 = 1_795_907_776_000;

    #[test]
    fn parses_the_servers_timestamps_with_or_without_a_fraction() {
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_utc("2026-11-28T23:16:16Z"), Some(INSTANT));
        assert_eq!(parse_utc("2026-11-28T23:16:16.000Z"), Some(INSTANT));
        assert_eq!(parse_utc("2026-11-28T23:16:16.25Z"), Some(INSTANT + 250));
        assert_eq!(
            parse_utc("2026-11-28T23:16:16.123456Z"),
            Some(INSTANT + 123)
        );
        assert_eq!(parse_utc("2000-02-29T12:00:00Z"), Some(951_825_600_000));
        assert_eq!(parse_utc("1969-12-31T23:59:59Z"), Some(-1_000));
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "",
            "2026-11-28",
            "2026-11-28 23:16:16Z",
            "2026-11-28T23:16:16",
            "2026-11-28T23:16:16+07:00",
            "2026-11-28T23:16:16.Z",
            "2026-11-28T23:16:16.1x2Z",
            "2026-11-28T23:16:16ZZ",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T23:60:00Z",
            "+026-11-28T23:16:16Z",
            "2026-11-28T23:16:1٦Z",
        ] {
            assert_eq!(parse_utc(text), None, "{text}");
        }
    }

    #[test]
    fn days_round_trip_through_the_calendar() {
        for days in [-719_468, -1, 0, 59, 10_956, 20_000, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days, "{days}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn counts_whole_seconds_up_and_never_below_zero() {
        assert_eq!(seconds_left(0, 60_000), 60);
        assert_eq!(seconds_left(0, 59_001), 60);
        assert_eq!(seconds_left(0, 500), 1);
        assert_eq!(seconds_left(0, 0), 0);
        assert_eq!(seconds_left(5_000, 0), 0);
        assert_eq!(
            seconds_left(i64::MIN, i64::MAX),
            u64::try_from(i64::MAX / 1_000).unwrap()
        );
        assert_eq!(seconds_left(i64::MAX, i64::MIN), 0);
    }

    #[test]
    fn formats_a_countdown_with_hours_only_when_needed() {
        assert_eq!(countdown(0), "00:00");
        assert_eq!(countdown(5), "00:05");
        assert_eq!(countdown(245), "04:05");
        assert_eq!(countdown(3_599), "59:59");
        assert_eq!(countdown(3_600), "01:00:00");
        assert_eq!(countdown(86_399), "23:59:59");
        assert_eq!(countdown(100 * 3_600 + 1), "100:00:01");
    }

    #[test]
    fn shows_times_in_western_indonesia_time() {
        assert_eq!(format_time(INSTANT, Locale::IdId), "29 Nov 2026, 06.16 WIB");
        assert_eq!(
            format_time(INSTANT, Locale::EnUs),
            "Nov 29, 2026, 6:16 AM WIB"
        );
        let noon = parse_utc("2026-08-17T05:05:00Z").unwrap();
        assert_eq!(format_time(noon, Locale::IdId), "17 Agu 2026, 12.05 WIB");
        assert_eq!(
            format_time(noon, Locale::EnUs),
            "Aug 17, 2026, 12:05 PM WIB"
        );
        let midnight = parse_utc("2026-05-31T17:00:00Z").unwrap();
        assert_eq!(format_time(midnight, Locale::IdId), "1 Jun 2026, 00.00 WIB");
        assert_eq!(
            format_time(midnight, Locale::EnUs),
            "Jun 1, 2026, 12:00 AM WIB"
        );
        let evening = parse_utc("2026-12-31T16:59:00Z").unwrap();
        assert_eq!(format_time(evening, Locale::IdId), "31 Des 2026, 23.59 WIB");
        assert_eq!(
            format_time(evening, Locale::EnUs),
            "Dec 31, 2026, 11:59 PM WIB"
        );
    }

    #[test]
    fn shows_dates_in_western_indonesia_time() {
        assert_eq!(format_date(INSTANT, Locale::IdId), "29 Nov 2026");
        assert_eq!(format_date(INSTANT, Locale::EnUs), "Nov 29, 2026");
        let may = parse_utc("2026-05-03T00:00:00Z").unwrap();
        assert_eq!(format_date(may, Locale::IdId), "3 Mei 2026");
        assert_eq!(format_date(may, Locale::EnUs), "May 3, 2026");
    }
}
