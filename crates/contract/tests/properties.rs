//! Properties of the contract's money and validated types, over generated
//! inputs: formatting that reads back, arithmetic that never overflows, and
//! parsers that accept exactly what they document and never panic.
#![cfg(not(target_arch = "wasm32"))]

use etalase_contract::{
    IdempotencyKey, Locale, PhoneNumber, PlaceOrder, PostalCode, Province, QuoteRequest, Rupiah,
    SessionRequest, SetQuantity, PROVINCES,
};
use proptest::prelude::*;

/// Cases per property: enough to find the edges, small enough for CI.
const CASES: u32 = 512;
/// The properties below, as SECURITY.md counts them.
const PROPERTIES: u32 = 8;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The digits of a formatted amount, read back as a number.
fn read_back(text: &str, locale: Locale) -> i128 {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let prefix = match locale {
        Locale::IdId => "Rp",
        Locale::EnUs => "IDR ",
    };
    let grouped = rest.strip_prefix(prefix).expect("the currency comes first");
    let separator = if locale == Locale::IdId { '.' } else { ',' };
    let groups: Vec<&str> = grouped.split(separator).collect();
    assert!(!groups[0].is_empty() && groups[0].len() <= 3, "{text}");
    assert!(groups[1..].iter().all(|g| g.len() == 3), "{text}");
    let value: i128 = groups.concat().parse().expect("digits only");
    if negative {
        -value
    } else {
        value
    }
}

fn locale() -> impl Strategy<Value = Locale> {
    prop_oneof![Just(Locale::IdId), Just(Locale::EnUs)]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_formatted_amount_reads_back_as_itself(amount in any::<i64>(), locale in locale()) {
        let text = Rupiah(amount).format(locale);
        prop_assert_eq!(read_back(&text, locale), i128::from(amount));
    }

    #[test]
    fn sums_differences_and_products_saturate_and_never_wrap(
        a in any::<i64>(),
        b in any::<i64>(),
        quantity in any::<u32>(),
    ) {
        let clamp = |x: i128| Rupiah(x.clamp(i64::MIN.into(), i64::MAX.into()) as i64);
        prop_assert_eq!(Rupiah(a) + Rupiah(b), clamp(i128::from(a) + i128::from(b)));
        prop_assert_eq!(Rupiah(a) - Rupiah(b), clamp(i128::from(a) - i128::from(b)));
        prop_assert_eq!(Rupiah(a).times(quantity), clamp(i128::from(a) * i128::from(quantity)));
    }

    #[test]
    fn rupiah_is_a_bare_json_integer(amount in any::<i64>()) {
        let json = serde_json::to_string(&Rupiah(amount)).unwrap();
        prop_assert_eq!(&json, &amount.to_string());
        prop_assert_eq!(serde_json::from_str::<Rupiah>(&json).unwrap(), Rupiah(amount));
        // A fraction of a rupiah does not exist.
        let fraction = format!("{amount}.5");
        prop_assert!(serde_json::from_str::<Rupiah>(&fraction).is_err());
    }

    #[test]
    fn idempotency_keys_are_exactly_1_to_255_visible_ascii(key in ".{0,300}") {
        let valid = (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic());
        let parsed = IdempotencyKey::try_from(key.clone());
        prop_assert_eq!(parsed.is_ok(), valid);
        if let Ok(parsed) = parsed {
            prop_assert_eq!(parsed.as_str(), key.as_str());
        }
    }

    #[test]
    fn postal_codes_are_five_digits_not_starting_with_zero(text in "[ 0-9a-z]{0,7}") {
        let trimmed = text.trim();
        let valid = trimmed.len() == 5
            && trimmed.bytes().all(|b| b.is_ascii_digit())
            && !trimmed.starts_with('0');
        prop_assert_eq!(PostalCode::parse(&text).is_ok(), valid);
    }

    #[test]
    fn phone_numbers_parse_to_plus_628_and_ten_to_thirteen_digits(
        text in prop_oneof!["(\\+62|62|0)?8[0-9 .-]{6,14}", ".{0,20}"],
    ) {
        if let Ok(phone) = PhoneNumber::parse(&text) {
            let number = phone.as_str();
            prop_assert!(number.starts_with("+628"), "{}", number);
            prop_assert!(number[1..].bytes().all(|b| b.is_ascii_digit()));
            prop_assert!((12..=15).contains(&number.len()), "{}", number);
            // Parsing the normal form again changes nothing.
            let again = PhoneNumber::parse(number).unwrap();
            prop_assert_eq!(again.as_str(), number);
        }
    }

    #[test]
    fn every_valid_phone_number_parses_to_its_digits(
        prefix in prop_oneof![Just("0"), Just("62"), Just("+62")],
        digits in "8[0-9]{8,11}",
        separators in prop::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just(".")], 12),
    ) {
        // The national digits (9 to 12, starting 8), written with a prefix
        // and any spaces, dots and dashes between digits.
        let mut text = prefix.to_owned();
        for (digit, separator) in digits.chars().zip(&separators) {
            text.push(digit);
            text.push_str(separator);
        }
        match PhoneNumber::parse(&text) {
            Ok(phone) => prop_assert_eq!(phone.as_str(), format!("+62{digits}")),
            Err(error) => prop_assert!(false, "{:?} refused: {}", text, error),
        }
    }

    #[test]
    fn provinces_match_whatever_the_case_and_nothing_else(
        index in 0..PROVINCES.len(),
        cases in any::<u64>(),
        pad in " {0,2}",
        extra in "[a-z]",
    ) {
        let name = PROVINCES[index];
        let mangled: String = name
            .chars()
            .enumerate()
            .map(|(i, c)| if cases >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        let written = format!("{pad}{mangled}{pad}");
        prop_assert_eq!(Province::parse(&written).unwrap().name(), name);
        let longer = format!("{mangled}{extra}");
        prop_assert!(Province::parse(&longer).is_err());
    }

    #[test]
    fn request_bodies_read_any_json_without_panicking(json in json_text()) {
        // Bad input is an error, never a panic; good input reads back.
        if let Ok(request) = serde_json::from_str::<QuoteRequest>(&json) {
            let again = serde_json::to_string(&request).unwrap();
            prop_assert_eq!(serde_json::from_str::<QuoteRequest>(&again).unwrap(), request);
        }
        let _ = serde_json::from_str::<SetQuantity>(&json);
        let _ = serde_json::from_str::<PlaceOrder>(&json);
        let _ = serde_json::from_str::<SessionRequest>(&json);
    }
}

/// JSON text built from the request bodies' own field names and values at
/// the edges of their types.
fn json_text() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("18446744073709551616".to_owned()),
        Just("1e400".to_owned()),
        "[a-z_]{0,12}".prop_map(|s| format!("{s:?}")),
        Just("\"qris\"".to_owned()),
    ];
    scalar.prop_recursive(4, 32, 6, |inner| {
        let key = prop_oneof![
            Just("address_id"),
            Just("payment"),
            Just("method"),
            Just("shipping"),
            Just("vouchers"),
            Just("quantity"),
            Just("quote_id"),
            Just("user_id"),
            Just("role"),
            Just("price"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((key, inner), 0..5).prop_map(|fields| {
                let fields: Vec<String> = fields
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

#[test]
fn security_md_counts_these_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../SECURITY.md");
    let text = std::fs::read_to_string(path).unwrap();
    let row = format!(
        "| contract properties ({PROPERTIES} properties × {CASES} cases) | {} |",
        PROPERTIES * CASES
    );
    assert!(
        text.lines().any(|line| line.trim() == row),
        "SECURITY.md should have the row\n{row}"
    );
}
