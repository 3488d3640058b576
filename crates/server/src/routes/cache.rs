//! What every viewer reads (streams, showcases, products, tags) is the
//! same for every caller, so it is answered cacheable: a strong `ETag` from
//! its bytes, and `Cache-Control: public, no-cache`, which lets a browser
//! or a CDN keep it but use it only after asking whether it changed. A
//! request whose `If-None-Match` names the answer's tag is answered 304 with
//! no body. Nothing is served from a cache without that question, so a
//! pin, a stock level or a price is never older than the server's own
//! answer (docs/decisions/0061-publishable-keys.md).
//!
//! The compression layer sends a coded answer under its own tag (`"…-br"`,
//! `layers.rs`), as a strong tag names one representation; a tag is matched
//! here with or without that suffix.

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{AppError, Result};

/// The `Cache-Control` of every public read.
const PUBLIC_NO_CACHE: &str = "public, no-cache";

/// The codings the compression layer may add to a tag.
pub const CODINGS: [&str; 4] = ["br", "gzip", "zstd", "deflate"];

/// `body` (JSON) as a public read's answer to a request with `headers`: 304
/// when the request already holds it.
pub fn public_json(headers: &HeaderMap, body: Bytes) -> Response {
    let tag = format!("\"{}\"", &hex::encode(Sha256::digest(&body))[..32]);
    let cache = (CACHE_CONTROL, HeaderValue::from_static(PUBLIC_NO_CACHE));
    if let Some(held) = held_tag(headers, &tag) {
        let etag = HeaderValue::from_str(&held).unwrap_or(HeaderValue::from_static("\"\""));
        return (StatusCode::NOT_MODIFIED, [(ETAG, etag), cache]).into_response();
    }
    let etag = HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"\""));
    let json = HeaderValue::from_static("application/json");
    ([(CONTENT_TYPE, json), (ETAG, etag), cache], body).into_response()
}

/// `value` encoded as a public read's answer.
pub fn public<T: Serialize>(headers: &HeaderMap, value: &T) -> Result<Response> {
    let body = serde_json::to_vec(value)
        .map_err(|error| AppError::Internal(format!("cannot encode an answer: {error}")))?;
    Ok(public_json(headers, Bytes::from(body)))
}

/// The entry of the request's `If-None-Match` naming `tag`, with or
/// without a coding's suffix, as the client sent it (less a weak `W/`:
/// `If-None-Match` compares weakly, RFC 9110 §13.1.2).
fn held_tag(headers: &HeaderMap, tag: &str) -> Option<String> {
    let bare = tag.trim_end_matches('"');
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|held| {
            let held = held.trim();
            held.strip_prefix("W/").unwrap_or(held)
        })
        .find(|held| {
            *held == "*"
                || *held == tag
                || held
                    .strip_prefix(bare)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .and_then(|rest| rest.strip_suffix('"'))
                    .is_some_and(|coding| CODINGS.contains(&coding))
        })
        .map(|held| if held == "*" { tag } else { held }.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_held_tag_matches_with_or_without_a_coding() {
        let tag = "\"abc\"";
        assert_eq!(held_tag(&with("\"abc\""), tag).as_deref(), Some("\"abc\""));
        assert_eq!(
            held_tag(&with("\"x\", \"abc-br\""), tag).as_deref(),
            Some("\"abc-br\"")
        );
        assert_eq!(held_tag(&with("*"), tag).as_deref(), Some("\"abc\""));
        assert_eq!(held_tag(&with("\"abc-evil\""), tag), None);
        assert_eq!(
            held_tag(&with("W/\"abc\""), tag).as_deref(),
            Some("\"abc\""),
            "compared weakly"
        );
        assert_eq!(held_tag(&with("\"abcd\""), tag), None);
        assert_eq!(held_tag(&HeaderMap::new(), tag), None);
    }

    #[test]
    fn the_same_bytes_get_the_same_strong_tag() {
        let answer = |body: &'static str| public_json(&HeaderMap::new(), Bytes::from(body));
        let tag = |response: &Response| response.headers()[ETAG].clone();
        assert_eq!(tag(&answer("{\"a\":1}")), tag(&answer("{\"a\":1}")));
        assert_ne!(tag(&answer("{\"a\":1}")), tag(&answer("{\"a\":2}")));
        assert!(!tag(&answer("{}")).to_str().unwrap().starts_with("W/"));
        let cached = answer("{}");
        assert_eq!(cached.headers()[CACHE_CONTROL], "public, no-cache");
        let again = public_json(&with(tag(&cached).to_str().unwrap()), Bytes::from("{}"));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    }
}
