//! [`ExternalUserId`]: the host's id for one of its users.

use crate::error::AppError;
use crate::text::Field;

/// A user id: 1 to 128 characters, as the host sends it (surrounding
/// spaces included) but in NFC.
const USER_ID: Field = Field::line("user_id", 1, 128).untrimmed();

/// A host's id for its user: 1 to 128 characters, not blank, with no
/// control, bidirectional or invisible characters (a new creator is named
/// after it), stored in NFC. Any other text (emails, UUIDs, numbers) is the
/// host's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUserId(String);

impl ExternalUserId {
    /// Checks `text`, blaming the field `user_id`.
    pub fn parse(text: String) -> Result<Self, AppError> {
        USER_ID.clean(&text).map(ExternalUserId)
    }

    /// The id, in NFC.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_hosts_use_as_ids() {
        for id in [
            "42",
            "user@example.com",
            "5f1d-ab",
            "pengguna ☕",
            " spaced ",
            &"x".repeat(128),
        ] {
            assert_eq!(ExternalUserId::parse(id.to_owned()).unwrap().as_str(), id);
        }
    }

    #[test]
    fn stores_ids_in_nfc() {
        let id = ExternalUserId::parse("jose\u{301}".to_owned()).unwrap();
        assert_eq!(id.as_str(), "jos\u{E9}");
    }

    #[test]
    fn refuses_blank_long_control_invisible_and_bidi_text() {
        for id in [
            "",
            "   ",
            "\u{200B}",
            "a\nb",
            "nul\0",
            &"é".repeat(129),
            "@raka\u{200B}gaya",
            "raka\u{202E}ayag",
            "raka\u{2066}",
        ] {
            assert!(ExternalUserId::parse(id.to_owned()).is_err(), "{id:?}");
        }
    }
}
