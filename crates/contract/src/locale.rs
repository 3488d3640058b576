//! The locales Etalase speaks.

use serde::{Deserialize, Serialize};

/// A supported locale, written as its BCP 47 tag (`"id-ID"`, `"en-US"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    /// Indonesian, the default.
    #[default]
    #[serde(rename = "id-ID")]
    IdId,
    /// US English.
    #[serde(rename = "en-US")]
    EnUs,
}

impl Locale {
    /// The BCP 47 tag of the locale.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::IdId => "id-ID",
            Locale::EnUs => "en-US",
        }
    }

    /// `value` with its thousands grouped as the locale writes them:
    /// `1.250.000` in id-ID, `1,250,000` in en-US.
    pub fn group_thousands(self, value: u64) -> String {
        let separator = match self {
            Locale::IdId => '.',
            Locale::EnUs => ',',
        };
        let digits = value.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        grouped
    }
}
