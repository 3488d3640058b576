//! Every error answer is the contract's `ErrorBody`, whoever made it.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

use crate::helpers::TestApp;

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let app = TestApp::new().await;
    let response = app.get("/v1/keranjang").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "not_found", "message": "no API route for GET /v1/keranjang" } })
    );
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405_with_allow() {
    let app = TestApp::new().await;
    let response = app
        .send(Request::post("/v1/streams").body(Body::empty()).unwrap())
        .await;
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.header("allow"), Some("GET,HEAD"));
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "method_not_allowed", "message": "POST is not allowed on /v1/streams" } })
    );
}

#[tokio::test]
async fn a_bad_path_parameter_is_a_json_400_naming_it() {
    let app = TestApp::new().await;
    let response = app.get("/v1/products/%FF").await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "bad_request", "message": "Invalid UTF-8 in `id`", "field": "id" } })
    );
}

#[tokio::test]
async fn an_oversized_body_is_a_json_413() {
    let app = TestApp::new().await;
    let body = vec![b'x'; 1024 * 1024];
    let request = Request::get("/v1/streams")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "bad_request", "message": "the request body is over 65536 bytes" } })
    );
}
