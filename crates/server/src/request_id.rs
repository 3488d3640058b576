//! Request ids: every request carries one in `X-Request-Id`, in its log
//! lines and in its answer.
//!
//! A load balancer's id is kept when it is plain (1 to 64 letters, digits,
//! `-`, `_` or `.`), so one request can be followed through the balancer
//! and every instance; otherwise the server makes one: this process's
//! random prefix and a counter (`3f9c2a1b-42`).

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

/// A new id: this process's random prefix and the next number.
fn new_id() -> HeaderValue {
    static PREFIX: OnceLock<String> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        // Without randomness the ids are still unique within the process.
        let _ = getrandom::getrandom(&mut bytes);
        hex::encode(bytes)
    });
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    // Hex digits, '-' and decimal digits: always a valid header value.
    HeaderValue::from_str(&format!("{prefix}-{n}")).unwrap_or(HeaderValue::from_static("-"))
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
}
