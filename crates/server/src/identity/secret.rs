//! Secrets: random tokens and keys, and the hashes they are stored as.

use sha2::{Digest, Sha256};

use crate::error::AppError;

/// Random bytes in a token or generated key: 256 bits, never guessed.
const RANDOM_BYTES: usize = 32;

/// A new random secret: `prefix` followed by 64 lower-case hex digits.
///
/// The prefix (`etl_` for tokens, `etk_` for host keys) lets secret scanners
/// and people recognise a leaked one.
pub fn generate(prefix: &str) -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; RANDOM_BYTES];
    getrandom::getrandom(&mut bytes)?;
    Ok(format!("{prefix}{}", hex::encode(bytes)))
}

/// A new random id: `prefix` and 16 hex digits (64 bits), e.g. `ord-…`.
pub fn new_id(prefix: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes)
        .map_err(|error| AppError::Internal(format!("no randomness for an id: {error}")))?;
    Ok(format!("{prefix}{}", hex::encode(bytes)))
}

/// Whether `text` looks like a secret made by [`generate`] with `prefix`.
pub fn is_well_formed(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == RANDOM_BYTES * 2
            && rest.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// The hex SHA-256 of `secret`: what the database keeps instead of it.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The hex SHA-256 of `request` as JSON: what an idempotency key keeps to
/// tell the same request sent again from another one under that key.
pub fn fingerprint<T: serde::Serialize>(request: &T) -> Result<String, AppError> {
    serde_json::to_string(request)
        .map(|canonical| hash(&canonical))
        .map_err(|error| AppError::Internal(format!("cannot encode a request: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_are_well_formed_and_distinct() {
        let a = generate("etl_").unwrap();
        let b = generate("etl_").unwrap();
        assert!(is_well_formed(&a, "etl_"), "{a}");
        assert_ne!(a, b);
        assert!(!is_well_formed(&a, "etk_"));
        assert!(!is_well_formed(&a[..a.len() - 1], "etl_"));
        assert!(!is_well_formed(&a.to_uppercase(), "etl_"));
    }

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
