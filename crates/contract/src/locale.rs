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
}
