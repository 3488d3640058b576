//! Saved Indonesian shipping addresses, and the rules their fields follow.
//!
//! The rules live here so the widget can check a form before sending it;
//! the server checks again and answers 422 `invalid_field` naming the field.

use serde::{Deserialize, Serialize};

/// The body of `POST /v1/addresses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAddress {
    /// Who receives the parcel: 1 to 100 characters.
    pub recipient: String,
    /// An Indonesian mobile number, `08…` or `+628…`.
    pub phone: String,
    /// One of the 38 provinces, e.g. `Jawa Barat` (see [`PROVINCES`]).
    pub province: String,
    /// City or regency (kota/kabupaten): 1 to 100 characters.
    pub city: String,
    /// District (kecamatan): 1 to 100 characters.
    pub district: String,
    /// Five digits, not starting with 0.
    pub postal_code: String,
    /// Street, number, RT/RW and landmarks: 5 to 300 characters.
    pub street: String,
}

/// A saved address, as `GET /v1/addresses` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// Stable id, used by quotes and orders.
    pub id: String,
    /// Who receives the parcel.
    pub recipient: String,
    /// The mobile number, normalised to `+628…`.
    pub phone: String,
    /// The province's canonical name.
    pub province: String,
    /// City or regency.
    pub city: String,
    /// District.
    pub district: String,
    /// Five digits.
    pub postal_code: String,
    /// Street and details.
    pub street: String,
}

/// The body of `GET /v1/addresses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressList {
    /// Saved addresses, newest first.
    pub addresses: Vec<Address>,
}

/// Indonesia's 38 provinces, by their canonical names.
pub const PROVINCES: [&str; 38] = [
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Bengkulu",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Lampung",
    "Banten",
    "DKI Jakarta",
    "Jawa Barat",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
];

/// An Indonesian mobile number, normalised to `+628…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Reads `08…`, `628…` or `+628…`, ignoring spaces, dots and dashes: 10
    /// to 13 digits written as `08…` (9 to 12 after `+62`).
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.'))
            .collect();
        let national = compact
            .strip_prefix("+62")
            .or_else(|| compact.strip_prefix("62"))
            .or_else(|| compact.strip_prefix('0'))
            .ok_or("phone must start with 08 or +62")?;
        if !national.starts_with('8') {
            return Err("phone must be a mobile number (08… or +628…)");
        }
        if !national.bytes().all(|b| b.is_ascii_digit()) {
            return Err("phone must contain only digits after the prefix");
        }
        if !(9..=12).contains(&national.len()) {
            return Err("phone must have 10 to 13 digits, starting 08");
        }
        Ok(PhoneNumber(format!("+62{national}")))
    }

    /// The number as `+628…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An Indonesian postal code: five digits, the first not 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalCode(String);

impl PostalCode {
    /// Reads a postal code, trimmed of surrounding spaces.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim();
        let digits = text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit());
        if !digits || text.starts_with('0') {
            return Err("postal_code must be five digits, e.g. 40115");
        }
        Ok(PostalCode(text.to_owned()))
    }

    /// The five digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One of [`PROVINCES`], matched without regard to case or surrounding spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province(&'static str);

impl Province {
    /// The province `text` names.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim();
        PROVINCES
            .iter()
            .find(|name| name.eq_ignore_ascii_case(text))
            .map(|name| Province(name))
            .ok_or("province must be one of the 38 Indonesian provinces")
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_normalised_to_plus_62() {
        for (text, expected) in [
            ("081234567890", "+6281234567890"),
            ("0812-3456-789", "+628123456789"),
            ("+62 812 3456 7890", "+6281234567890"),
            ("628123456789", "+628123456789"),
            ("0812.345.678", "+62812345678"),
        ] {
            assert_eq!(
                PhoneNumber::parse(text).unwrap().as_str(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn other_phone_numbers_are_refused() {
        for text in [
            "",
            "12345678",
            "0212345678",
            "+1 415 555 0100",
            "0812345",
            "08123456",
            "08123456789012",
            "08１２３４５６７８",
            "0812abc4567",
            "+62+812345678",
        ] {
            assert!(PhoneNumber::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn postal_codes_are_five_digits_not_starting_with_zero() {
        assert_eq!(PostalCode::parse(" 40115 ").unwrap().as_str(), "40115");
        for text in [
            "",
            "4011",
            "401155",
            "04011",
            "4O115",
            "４０１１５",
            "-4011",
        ] {
            assert!(PostalCode::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn provinces_match_their_canonical_names_loosely() {
        assert_eq!(
            Province::parse(" jawa barat ").unwrap().name(),
            "Jawa Barat"
        );
        assert_eq!(
            Province::parse("DKI JAKARTA").unwrap().name(),
            "DKI Jakarta"
        );
        assert!(Province::parse("Jawa").is_err());
        assert!(Province::parse("Selangor").is_err());
        let mut unique = PROVINCES.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 38);
    }
}
