//! Saved Indonesian shipping addresses, the official regions they are keyed
//! on, and the rules their fields follow.
//!
//! The rules live here so the widget can check a form before sending it;
//! the server checks again and answers 422 `invalid_field` naming the field.

use serde::{Deserialize, Serialize};

/// The body of `POST /v1/addresses`: an address keyed on its village's code
/// from `GET /v1/regions`, which names its province, city, district and
/// village; or, without `region_code`, the older form with those typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddressForm {
    /// Who receives the parcel: 1 to 100 characters.
    pub recipient: String,
    /// An Indonesian mobile number, `08…` or `+628…`.
    pub phone: String,
    /// The village's code, `xx.xx.xx.xxxx`, surrounding spaces trimmed as
    /// in every field. With it, `province`, `city` and `district` are left
    /// out; without it they are required and the
    /// address is saved as a legacy one (`needs_region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// Legacy form only: one of the 38 provinces (see [`PROVINCES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Legacy form only: city or regency, 1 to 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Legacy form only: district, 1 to 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Five digits, not starting with 0; with `region_code`, one of the
    /// village's postal codes.
    pub postal_code: String,
    /// Street, number, RT/RW and landmarks: 5 to 300 characters.
    pub street: String,
}

crate::wire::from_js!(AddressForm {
    recipient,
    phone,
    region_code,
    province,
    city,
    district,
    postal_code,
    street
});

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

crate::wire::from_js!(Address {
    id,
    recipient,
    phone,
    province,
    city,
    district,
    postal_code,
    street
});

/// A saved address as `/v1/addresses` answers it: the [`Address`] and
/// where it stands on the official region list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedAddress {
    /// The address; keyed on a village, its province, city and district
    /// are the region list's names.
    #[serde(flatten)]
    pub address: Address,
    /// The village (kelurahan or desa); `null` for a legacy address.
    pub village: Option<String>,
    /// The village's code, `xx.xx.xx.xxxx`; `null` for a legacy address.
    pub region_code: Option<String>,
    /// `true` for an address typed before regions (no `region_code`): it
    /// still ships, and the shopper is asked to pick its district.
    pub needs_region: bool,
}

/// The body of `GET /v1/addresses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedAddressList {
    /// Saved addresses, newest first.
    pub addresses: Vec<SavedAddress>,
    /// Whose list this is, as an opaque value: the same in every answer to
    /// one shopper, another for each other shopper. A device keeps what it
    /// notes for a shopper (a half-typed address) under it, so the next
    /// shopper on the same phone never sees it.
    pub owner: String,
}

crate::wire::from_js!(SavedAddressList { addresses, owner });

/// `GET /v1/addresses` read as [`Address`]es only, as the widget reads it
/// before it knows regions: the same JSON, its region fields left unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressList {
    /// Saved addresses, newest first.
    pub addresses: Vec<Address>,
}

crate::wire::from_js!(AddressList { addresses });

crate::wire::wire_enum! {
    /// A region's level in the official hierarchy.
    pub enum RegionLevel {
        /// One of the 38 provinces (provinsi), code `xx`.
        Province = "province",
        /// A regency (kabupaten) or city (kota), code `xx.xx`.
        City = "city",
        /// A district (kecamatan), code `xx.xx.xx`.
        District = "district",
        /// A village (kelurahan or desa), code `xx.xx.xx.xxxx`.
        Village = "village",
    }
}

/// A region of the official list (Kepmendagri), as `/v1/regions` answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    /// The official code: `32`, `32.73`, `32.73.02`, `32.73.02.1004`.
    pub code: String,
    /// Its level.
    pub level: RegionLevel,
    /// Its name as the list writes it: `Kota Bandung`, `Coblong`, `Dago`.
    pub name: String,
    /// The region and every region above it, e.g. `Coblong, Kota Bandung,
    /// Jawa Barat`: what tells apart regions of one name.
    pub path: String,
    /// A village's postal code; `null` above villages.
    pub postal_code: Option<String>,
}

crate::wire::from_js!(Region {
    code,
    level,
    name,
    path,
    postal_code
});

/// The body of `GET /v1/regions` and `GET /v1/regions/{code}/children`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionList {
    /// The regions: best match first for a search, by name for children.
    pub regions: Vec<Region>,
}

crate::wire::from_js!(RegionList { regions });

/// The body of `GET /v1/regions?q=…`: at most 20 regions, best first, and
/// whether more match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionSearch {
    /// The regions found, best first, at most 20.
    pub regions: Vec<Region>,
    /// `true` when more regions match than are listed: "20+ hasil", and a
    /// longer search narrows them.
    pub more: bool,
}

crate::wire::from_js!(RegionSearch { regions, more });

/// A well-formed region code: `xx`, `xx.xx`, `xx.xx.xx` or `xx.xx.xx.xxxx`,
/// ASCII digits only. Whether a region has it is the list's to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionCode(String);

impl RegionCode {
    /// Reads a code exactly as written: no surrounding spaces, no part
    /// wider or narrower than the format's (`032.73`, `32.73.01.01001`).
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let parts: Vec<&str> = text.split('.').collect();
        let widths: Vec<usize> = parts.iter().map(|part| part.len()).collect();
        let shaped = matches!(widths[..], [2] | [2, 2] | [2, 2, 2] | [2, 2, 2, 4]);
        if !shaped || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err("a region code is xx, xx.xx, xx.xx.xx or xx.xx.xx.xxxx, e.g. 32.73.02");
        }
        Ok(RegionCode(text.to_owned()))
    }

    /// Reads a code as a body's field: trimmed of surrounding white space,
    /// as every field of a form (a postal code too), then exactly as
    /// [`RegionCode::parse`]. A code in a path is a resource's name and is
    /// read by [`RegionCode::parse`] alone.
    pub fn parse_field(text: &str) -> Result<Self, &'static str> {
        Self::parse(text.trim())
    }

    /// The region's level, from the code's shape.
    pub fn level(&self) -> RegionLevel {
        match self.0.split('.').count() {
            1 => RegionLevel::Province,
            2 => RegionLevel::City,
            3 => RegionLevel::District,
            _ => RegionLevel::Village,
        }
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
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

/// The official region list's long names of two provinces, each with the
/// canonical name in [`PROVINCES`] that the whole system writes instead.
pub const PROVINCE_ALIASES: [(&str, &str); 3] = [
    ("Daerah Khusus Ibukota Jakarta", "DKI Jakarta"),
    ("Daerah Khusus Jakarta", "DKI Jakarta"),
    ("Daerah Istimewa Yogyakarta", "DI Yogyakarta"),
];

/// One of [`PROVINCES`], matched without regard to case or surrounding
/// spaces, by its canonical name or one of [`PROVINCE_ALIASES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province(&'static str);

impl Province {
    /// The province `text` names.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim();
        let alias = PROVINCE_ALIASES
            .iter()
            .find(|(long, _)| long.eq_ignore_ascii_case(text))
            .map(|(_, name)| *name);
        PROVINCES
            .iter()
            .find(|name| alias.unwrap_or(text).eq_ignore_ascii_case(name))
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
    fn region_codes_have_four_shapes() {
        for (text, level) in [
            ("32", RegionLevel::Province),
            ("32.73", RegionLevel::City),
            ("32.73.02", RegionLevel::District),
            ("32.73.02.1004", RegionLevel::Village),
        ] {
            assert_eq!(RegionCode::parse(text).unwrap().level(), level, "{text}");
        }
        for text in [
            "",
            "3",
            "327302",
            "32.73.2",
            "32.73.02.104",
            "32.73.02.1004.1",
            "3a.73",
            "32..73",
            " 32.73.02",
            "32.73.01.1001 ",
            "032.73",
            "32.073",
            "32.73.01.01001",
            "32.73.001.1001",
            "32.73.01.1001\n",
            "３２.73",
            "+32.73",
        ] {
            assert!(RegionCode::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn a_code_in_a_field_is_trimmed_as_a_postal_code_is() {
        for text in [" 32.73.02.1004", "32.73.02.1004 ", "\t32.73.02.1004\n"] {
            let code = RegionCode::parse_field(text).unwrap();
            assert_eq!(code.as_str(), "32.73.02.1004", "{text:?}");
            assert!(RegionCode::parse(text).is_err(), "{text:?}");
        }
        assert_eq!(PostalCode::parse(" 40135 ").unwrap().as_str(), "40135");
        for text in ["32. 73", "032.73", " 32.73.01.01001 ", "  "] {
            assert!(RegionCode::parse_field(text).is_err(), "{text:?}");
        }
    }

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
        for long in ["Daerah Khusus Ibukota Jakarta", "daerah khusus jakarta"] {
            assert_eq!(Province::parse(long).unwrap().name(), "DKI Jakarta");
        }
        assert_eq!(
            Province::parse("Daerah Istimewa Yogyakarta")
                .unwrap()
                .name(),
            "DI Yogyakarta"
        );
        assert!(Province::parse("Jawa").is_err());
        assert!(Province::parse("Selangor").is_err());
        let mut unique = PROVINCES.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 38);
    }
}
