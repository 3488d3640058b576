//! [`whole_number`]: a whole number as a creator types it in a form (a
//! deal's or a live voucher's terms).

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
}
