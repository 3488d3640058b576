//! Webhook signatures: `Etalase-Signature: t=<unix seconds>,v1=<hex>`, where
//! the hex is HMAC-SHA256 keyed with the shared secret over `<t>.<raw body>`
//! (the scheme Stripe uses). The timestamp is signed, so a captured request
//! cannot be replayed after [`TOLERANCE`]; the comparison runs in constant
//! time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the signature.
pub const HEADER: &str = "etalase-signature";
/// How far a signature's timestamp may be from now, either way, in seconds.
pub const TOLERANCE: i64 = 300;

type HmacSha256 = Hmac<Sha256>;

/// Why a signature is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `t=` or `v1=`, or not the expected shape.
    #[error("the signature header is malformed")]
    Malformed,
    /// The timestamp is more than [`TOLERANCE`] seconds from now.
    #[error("the signature's timestamp is outside the tolerance")]
    Stale,
    /// No `v1` matches the body.
    #[error("the signature does not match the body")]
    Mismatch,
}

/// The header value signing `body` with `secret` at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// Checks `header` against `body` and `secret` at `now` (Unix seconds).
/// Several `v1=` may be given (during a secret rotation); one must match.
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => {
                timestamp = Some(
                    value
                        .parse::<i64>()
                        .map_err(|_| SignatureError::Malformed)?,
                )
            }
            Some(("v1", value)) => {
                signatures.push(hex::decode(value).map_err(|_| SignatureError::Malformed)?)
            }
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    // `abs_diff`: a timestamp near `i64::MIN` must not overflow.
    if now.abs_diff(timestamp) > TOLERANCE.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    let matches = signatures
        .iter()
        .any(|signature| mac(secret, timestamp, body).verify_slice(signature).is_ok());
    if matches {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length.
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1","type":"payment.paid","payment_id":"pay-1"}"#;

    #[test]
    fn a_signature_verifies_within_the_tolerance_only() {
        let header = sign("rahasia", 1_000_000, BODY);
        assert!(header.starts_with("t=1000000,v1="));
        assert_eq!(verify("rahasia", &header, BODY, 1_000_000), Ok(()));
        assert_eq!(verify("rahasia", &header, BODY, 1_000_300), Ok(()));
        assert_eq!(verify("rahasia", &header, BODY, 999_700), Ok(()));
        assert_eq!(
            verify("rahasia", &header, BODY, 1_000_301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("rahasia", &header, BODY, 999_699),
            Err(SignatureError::Stale)
        );
    }

    #[test]
    fn another_secret_body_or_timestamp_does_not_verify() {
        let header = sign("rahasia", 1_000_000, BODY);
        assert_eq!(
            verify("lain", &header, BODY, 1_000_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("rahasia", &header, b"{}", 1_000_000),
            Err(SignatureError::Mismatch)
        );
        let moved = header.replace("t=1000000", "t=1000001");
        assert_eq!(
            verify("rahasia", &moved, BODY, 1_000_000),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn one_matching_signature_among_several_is_enough() {
        let good = sign("rahasia", 5, BODY);
        let v1 = good.split_once(",v1=").unwrap().1;
        let header = format!("t=5,v1={},v1={v1}", "00".repeat(32));
        assert_eq!(verify("rahasia", &header, BODY, 5), Ok(()));
    }

    #[test]
    fn malformed_headers_are_refused() {
        for header in ["", "t=5", "v1=00", "t=x,v1=00", "t=5,v1=zz", "garbage"] {
            assert_eq!(
                verify("s", header, BODY, 5),
                Err(SignatureError::Malformed),
                "{header}"
            );
        }
    }
}
