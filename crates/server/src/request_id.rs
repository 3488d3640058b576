//! Request ids: every request carries one in `X-Request-Id`, in its log
//! lines and in its answer.
//!
//! A load balancer's id is kept when it is plain (1 to 64 letters, digits,
//! `-`, `_` or `.`), so one request can be followed through the balancer
//! and every instance; otherwise the server makes one: 128 random bits as
//! 32 lower-case hex digits (`5f0c9d2e7a1b4c3d8e6f9a0b1c2d3e4f`), so an id
//! tells nothing of how many requests came before it or of which process
//! answered.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The header that carries the id.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The longest id taken from a request.
const MAX_LEN: usize = 64;

/// Gives the request an id when it has no usable one, and the answer the
/// same id.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let id = match request.headers().get(&REQUEST_ID) {
        Some(value) if is_plain(value.as_bytes()) => value.clone(),
        _ => new_id(),
    };
    request.headers_mut().insert(REQUEST_ID.clone(), id.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID.clone(), id);
    response
}

/// The id of `request`, once [`request_id`] has run; `-` before.
pub fn of(request: &Request) -> &str {
    request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-")
}

fn is_plain(id: &[u8]) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new id: 16 random bytes in hex.
fn new_id() -> HeaderValue {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_err() {
        bytes = fallback_bytes();
    }
    // Hex digits only: always a valid header value.
    HeaderValue::from_str(&hex::encode(bytes)).unwrap_or(HeaderValue::from_static("-"))
}

/// Should the system's randomness fail: a counter hashed with SipHash under
/// the keys std drew at random for this process, still unique within it and
/// not readable as a count.
fn fallback_bytes() -> [u8; 16] {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let keys = KEYS.get_or_init(RandomState::new);
    let mut bytes = [0u8; 16];
    for (half, salt) in bytes.chunks_exact_mut(8).zip([0u8, 1]) {
        let mut hasher = keys.build_hasher();
        hasher.write_u64(n);
        hasher.write_u8(salt);
        half.copy_from_slice(&hasher.finish().to_be_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_are_kept_and_others_replaced() {
        assert!(is_plain(b"lb-7f3a.2_x"));
        assert!(!is_plain(b""));
        assert!(!is_plain(b"has space"));
        assert!(!is_plain(b"quote\""));
        assert!(!is_plain(&[b'a'; MAX_LEN + 1]));
        let (a, b) = (new_id(), new_id());
        assert_ne!(a, b);
        assert!(is_plain(a.as_bytes()), "{a:?}");
    }

    #[test]
    fn made_ids_are_32_hex_digits_even_without_system_randomness() {
        for id in [new_id(), new_id()] {
            let id = id.to_str().unwrap().to_owned();
            assert_eq!(id.len(), 32, "{id}");
            assert!(id
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
        let (a, b) = (fallback_bytes(), fallback_bytes());
        assert_ne!(a, b);
        assert_ne!(a[..8], b[..8], "no shared prefix");
    }
}
