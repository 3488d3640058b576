//! [`whole_number`] and [`rupiah`]: a whole number and an amount of
//! rupiah as a creator types them in a form (a deal's or a live voucher's
//! terms), read the Indonesian way.

/// The whole number `text` says, or `None` when it says anything else.
///
/// Digits, grouped by threes with `.` or `,` if at all ("49.000",
/// "49,000"), after an optional "Rp" or "IDR"; spaces around are ignored.
/// A sign, a fraction, an exponent or any other character makes it not a
/// whole number, never a different one: "-5" is not 5, "1.5" is not 15.
pub fn whole_number(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = ["Rp", "rp", "RP", "IDR", "idr"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or(text)
        .trim_start();
    let grouped = |separator: char| {
        let mut groups = text.split(separator);
        let first = groups.next().unwrap_or_default();
        (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3)
    };
    let plain = !text.contains(['.', ',']);
    let digits: String = text.chars().filter(|c| *c != '.' && *c != ',').collect();
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && (plain
            || (!text.contains(',') && grouped('.'))
            || (!text.contains('.') && grouped(',')));
    well_formed.then(|| digits.parse().ok()).flatten()
}

/// The multipliers an amount may end with, lower case: "50rb", "50 ribu",
/// "50k" are 50.000; "1,5jt", "1,5 juta" are 1.500.000.
const SUFFIXES: [(&str, u32); 5] = [
    ("ribu", 1_000),
    ("rb", 1_000),
    ("k", 1_000),
    ("juta", 1_000_000),
    ("jt", 1_000_000),
];

/// The amount of rupiah `text` says, or `None` when it says anything else
/// (or more than `u32` holds).
///
/// A [`whole_number`] ("50.000", "Rp50.000", "Rp 50,000", also "Rp.50.000"),
/// or a number with a thousand or million word after it, as people write
/// prices in Indonesia: "50rb", "50 ribu", "50K", "1,5jt", "2.5 juta". Before
/// the word, a fraction of one or two digits after `,` or `.` is allowed
/// when the amount comes out whole ("1,5jt" is 1.500.000; "1,5rb" is
/// 1.500; "0,0005rb" is not a number). Any other text is not an amount,
/// never a different one: "50rbu" and "Rp-5" are refused.
pub fn rupiah(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    let unprefixed = lower
        .strip_prefix("rp.")
        .or_else(|| lower.strip_prefix("rp"))
        .or_else(|| lower.strip_prefix("idr"))
        .unwrap_or(&lower)
        .trim();
    let Some((number, times)) = SUFFIXES.iter().find_map(|(word, times)| {
        unprefixed
            .strip_suffix(word)
            .map(|number| (number.trim_end(), *times))
    }) else {
        return whole_number(unprefixed);
    };
    let fraction = number.rsplit_once([',', '.']).filter(|(_, decimals)| {
        (1..=2).contains(&decimals.len()) && decimals.chars().all(|c| c.is_ascii_digit())
    });
    let (whole, decimals) = match fraction {
        Some((whole, decimals)) if !whole.is_empty() => (whole_number(whole)?, decimals),
        Some(_) => return None,
        None => (whole_number(number)?, ""),
    };
    let scale = 10_u32.pow(u32::try_from(decimals.len()).ok()?);
    let part: u32 = if decimals.is_empty() {
        0
    } else {
        decimals.parse().ok()?
    };
    let whole = whole.checked_mul(times)?;
    let part = part.checked_mul(times)?;
    (part % scale == 0)
        .then(|| whole.checked_add(part / scale))
        .flatten()
}

/// What is wrong with a price range a creator typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeMistake {
    /// The lowest price is no amount of rupiah.
    Min,
    /// The highest price is no amount of rupiah.
    Max,
    /// The highest price is below the lowest.
    Reversed,
}

/// The price range `min`–`max` in rupiah, each read by [`rupiah`] ("50rb",
/// "Rp50.000"), a blank one meaning no bound; or what is wrong with it.
pub fn price_range(min: &str, max: &str) -> Result<(Option<i64>, Option<i64>), RangeMistake> {
    let read = |text: &str, mistake| match text.trim() {
        "" => Ok(None),
        text => rupiah(text).map(|n| Some(i64::from(n))).ok_or(mistake),
    };
    let (min, max) = (read(min, RangeMistake::Min)?, read(max, RangeMistake::Max)?);
    match (min, max) {
        (Some(low), Some(high)) if high < low => Err(RangeMistake::Reversed),
        range => Ok(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_grouped_and_prefixed_whole_numbers() {
        for (text, value) in [
            ("49000", 49_000),
            (" 49000 ", 49_000),
            ("49.000", 49_000),
            ("49,000", 49_000),
            ("Rp 1.000.000", 1_000_000),
            ("Rp49.000", 49_000),
            ("IDR 49,000", 49_000),
            ("0", 0),
            ("10", 10),
        ] {
            assert_eq!(whole_number(text), Some(value), "{text:?}");
        }
    }

    #[test]
    fn anything_else_is_not_a_whole_number_rather_than_another_one() {
        for text in [
            "",
            " ",
            "-5",
            "+5",
            "1.5",
            "99999.5",
            "1e5",
            "5 000",
            "49.00",
            "4.9000",
            "1.000,000",
            "12a",
            "Rp",
            "Rp -5",
            "99999999999",
        ] {
            assert_eq!(whole_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_amounts_the_indonesian_way() {
        for (text, value) in [
            ("50rb", 50_000),
            ("50 rb", 50_000),
            ("50RB", 50_000),
            ("50 ribu", 50_000),
            ("50k", 50_000),
            ("Rp50rb", 50_000),
            ("50.000", 50_000),
            ("Rp50.000", 50_000),
            ("Rp.50.000", 50_000),
            ("Rp 50,000", 50_000),
            ("1,5jt", 1_500_000),
            ("1.5 juta", 1_500_000),
            ("2,25rb", 2_250),
            ("1.500rb", 1_500_000),
            ("15000", 15_000),
        ] {
            assert_eq!(rupiah(text), Some(value), "{text:?}");
        }
    }

    #[test]
    fn anything_else_is_not_an_amount() {
        for text in [
            "abc", "", "rb", "Rp", "50rbu", "-5rb", "Rp-5", "1,0005rb", "0,0005rb", ",5rb", "1,5",
            "1.5", "5000jt", "50 000",
        ] {
            assert_eq!(rupiah(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_price_range_is_read_the_indonesian_way_and_refused_when_wrong() {
        assert_eq!(
            price_range("50rb", "Rp200.000"),
            Ok((Some(50_000), Some(200_000)))
        );
        assert_eq!(price_range(" ", ""), Ok((None, None)));
        assert_eq!(price_range("", "1,5jt"), Ok((None, Some(1_500_000))));
        assert_eq!(price_range("50rbu", ""), Err(RangeMistake::Min));
        assert_eq!(price_range("", "abc"), Err(RangeMistake::Max));
        assert_eq!(price_range("200rb", "100rb"), Err(RangeMistake::Reversed));
        assert_eq!(
            price_range("100rb", "100.000"),
            Ok((Some(100_000), Some(100_000)))
        );
    }
}
