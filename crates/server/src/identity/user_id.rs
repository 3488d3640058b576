//! [`ExternalUserId`]: the host's id for one of its users.

use crate::error::AppError;

/// The longest user id a host may send, in characters.
const MAX_CHARS: usize = 128;

/// A host's id for its user: 1 to 128 characters, no control characters,
/// not blank. Any other text (emails, UUIDs, numbers) is the host's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUserId(String);

impl ExternalUserId {
    /// Checks `text`, blaming the field `user_id`.
    pub fn parse(text: String) -> Result<Self, AppError> {
        let problem = if text.trim().is_empty() {
            Some("user_id must not be blank")
        } else if text.chars().count() > MAX_CHARS {
            Some("user_id must be at most 128 characters")
        } else if text.chars().any(char::is_control) {
            Some("user_id must not contain control characters")
        } else {
            None
        };
        match problem {
            Some(message) => Err(AppError::invalid("user_id", message)),
            None => Ok(ExternalUserId(text)),
        }
    }

    /// The id as the host sent it.
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
            &"x".repeat(128),
        ] {
            assert_eq!(ExternalUserId::parse(id.to_owned()).unwrap().as_str(), id);
        }
    }

    #[test]
    fn refuses_blank_long_and_control_text() {
        for id in ["", "   ", "a\nb", "nul\0", &"é".repeat(129)] {
            assert!(ExternalUserId::parse(id.to_owned()).is_err(), "{id:?}");
        }
    }
}
