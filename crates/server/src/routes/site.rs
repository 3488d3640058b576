//! The demo site: the widget's package at `/pkg/`, and static files for every
//! path no other route claims (`/` answers `index.html`).
//!
//! The package is sent as `cargo xtask build` precompressed it (`.br`, then
//! `.gz`, beside each file) when the client accepts that encoding. A later
//! part's name carries a hash of its content (`split_shop-<16 hex>.wasm`),
//! so it is cached for a year as immutable; every other file (the entry,
//! the glue, the loader, the first part's wasm) is revalidated on each use
//! against its `Last-Modified`. Every package answer varies by
//! `Accept-Encoding`, so a cache in front never hands a Brotli body to a
//! client that did not ask for one; the `.br` and `.gz` copies themselves
//! are not addressable. The HTML pages get a strict content security
//! policy from the middleware stack.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

use crate::{AppState, Site};

/// The routes of this module: `/pkg/…` and the fallback for unmatched paths.
pub fn router(site: &Site) -> Router<AppState> {
    let pkg = ServeDir::new(&site.pkg_dir)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", pkg)
        .layer(middleware::from_fn(package_caching))
        .fallback_service(ServeDir::new(&site.www_dir))
}

/// Sets how long a package file may be cached, by its name, and that its
/// body depends on `Accept-Encoding`; refuses the compressed copies' own
/// names.
async fn package_caching(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_compressed_copy(&path) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let policy = cache_policy(&path);
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        let varies = headers
            .get_all(header::VARY)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"));
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if path.ends_with(".d.ts") {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
        }
    }
    response
}

/// Whether `path` names a precompressed copy (`….br`, `….gz`), which is
/// only ever sent in place of its original.
fn is_compressed_copy(path: &str) -> bool {
    path.ends_with(".br") || path.ends_with(".gz")
}

/// `public, max-age=31536000, immutable` for a content-hashed name,
/// `no-cache` (use it only after revalidating) for any other.
fn cache_policy(path: &str) -> &'static str {
    if is_content_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Whether the file name ends in `-<16 hex digits>.wasm`.
fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".wasm")
        .and_then(|stem| stem.rsplit_once('-'))
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_parts_are_immutable() {
        assert_eq!(
            cache_policy("/split_shop-899ea3eae10c992c.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_policy("/etalase_bg.wasm"), "no-cache");
        assert_eq!(cache_policy("/__wasm_split.js"), "no-cache");
        assert_eq!(cache_policy("/split_shop-899ea3eae10c992.wasm"), "no-cache");
        assert_eq!(
            cache_policy("/split_shop-899ea3eae10c992g.wasm"),
            "no-cache"
        );
    }
}
