//! The demo site: static pages with a strict policy, and the widget package.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{fake_wasm, TestApp, INDEX_HTML};

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
                   base-uri 'none'; frame-ancestors 'self'";

#[tokio::test]
async fn the_root_serves_the_demo_page_under_a_strict_policy() {
    let app = TestApp::new().await;
    let response = app.get("/").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), Some("text/html"));
    assert_eq!(response.text(), INDEX_HTML);
    assert_eq!(response.header("content-security-policy"), Some(CSP));
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(response.header("referrer-policy"), Some("no-referrer"));
}

#[tokio::test]
async fn json_answers_carry_no_page_policy() {
    let app = TestApp::new().await;
    let response = app.get("/v1/streams").await;
    assert_eq!(response.header("content-security-policy"), None);
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
}

#[tokio::test]
async fn the_widget_wasm_is_served_compressed_with_its_type() {
    let app = TestApp::new().await;
    for encoding in ["br", "gzip"] {
        let request = Request::get("/pkg/etalase_bg.wasm")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let response = app.send(request).await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("content-type"), Some("application/wasm"));
        assert_eq!(response.header("content-encoding"), Some(encoding));
        assert!(
            response.body.len() < fake_wasm().len() / 4,
            "{encoding}: {} bytes",
            response.body.len()
        );
    }
    let plain = app.get("/pkg/etalase_bg.wasm").await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, fake_wasm());
}

#[tokio::test]
async fn a_missing_file_or_wrong_method_is_a_json_error() {
    let app = TestApp::new().await;
    let response = app.get("/tidak-ada.html").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "not_found", "message": "nothing at /tidak-ada.html" } })
    );
    let response = app
        .send(Request::delete("/").body(Body::empty()).unwrap())
        .await;
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        response.json::<Value>()["error"]["code"],
        "method_not_allowed"
    );
}

#[tokio::test]
async fn a_part_is_sent_precompressed_immutable_and_varying_by_encoding() {
    let app = TestApp::new().await;
    let pkg = &app.state.site.pkg_dir;
    let part = "split_shop-0123456789abcdef.wasm";
    std::fs::write(pkg.join(part), fake_wasm()).unwrap();
    // Stand-ins for the build's copies: the server sends them as they are.
    std::fs::write(pkg.join(format!("{part}.br")), b"brotli bytes").unwrap();
    std::fs::write(pkg.join(format!("{part}.gz")), b"gzip bytes").unwrap();
    for (encoding, body) in [("br", &b"brotli bytes"[..]), ("gzip", &b"gzip bytes"[..])] {
        let request = Request::get(format!("/pkg/{part}"))
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let response = app.send(request).await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("content-encoding"), Some(encoding));
        assert_eq!(response.body, body, "the precompressed copy itself");
        assert_eq!(
            response.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(
            varies_by_encoding(&response),
            "{encoding}: Vary names Accept-Encoding"
        );
    }
    let plain = app.get(&format!("/pkg/{part}")).await;
    assert_eq!(plain.body, fake_wasm());
    assert!(varies_by_encoding(&plain));

    // The entry's files keep their names: used only after revalidating.
    let entry = app
        .send(
            Request::get("/pkg/etalase_bg.wasm")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(entry.header("cache-control"), Some("no-cache"));
    assert!(entry.header("last-modified").is_some());

    // The copies are not files of their own.
    for copy in [format!("/pkg/{part}.br"), format!("/pkg/{part}.gz")] {
        assert_eq!(app.get(&copy).await.status, StatusCode::NOT_FOUND, "{copy}");
    }
}

/// Whether the answer's `Vary` lines (all of them) name `Accept-Encoding`.
fn varies_by_encoding(response: &crate::helpers::TestResponse) -> bool {
    response
        .headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
}
