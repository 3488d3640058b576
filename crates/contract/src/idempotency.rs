//! [`IdempotencyKey`]: the `Idempotency-Key` header of `POST /v1/orders`.

/// A client-chosen key that makes retrying a checkout safe: 1 to 255
/// visible ASCII characters (a UUID is ideal). Keys are scoped to the
/// shopper and kept for at least 24 hours.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// The key as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = &'static str;

    fn try_from(key: String) -> Result<Self, Self::Error> {
        if key.is_empty() || key.len() > 255 {
            return Err("Idempotency-Key must have 1 to 255 characters");
        }
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("Idempotency-Key must be visible ASCII, without spaces");
        }
        Ok(IdempotencyKey(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_uuids_and_refuses_empty_long_or_invisible_keys() {
        let uuid = "2f1c3b9e-6f0a-4c1e-9a51-0d7e2b8c4f10";
        assert_eq!(
            IdempotencyKey::try_from(uuid.to_owned()).unwrap().as_str(),
            uuid
        );
        assert!(IdempotencyKey::try_from("k".repeat(255)).is_ok());
        for bad in [
            String::new(),
            "k".repeat(256),
            "a b".into(),
            "kunci-☕".into(),
            "a\n".into(),
        ] {
            assert!(IdempotencyKey::try_from(bad.clone()).is_err(), "{bad:?}");
        }
    }
}
