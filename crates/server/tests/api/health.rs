//! `GET /healthz`.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::TestApp;

#[tokio::test]
async fn healthy_when_the_database_answers() {
    let app = TestApp::new().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json::<Value>(), json!({ "status": "ok" }));
}

#[tokio::test]
async fn unavailable_when_the_database_is_gone() {
    let app = TestApp::new().await;
    app.store.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "unavailable", "message": "the service is unavailable; retry later" } })
    );
}

#[tokio::test]
async fn a_catalogue_read_without_database_is_unavailable_too() {
    let app = TestApp::new().await;
    app.store.close().await;
    let response = app.get("/v1/streams").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.json::<Value>()["error"]["code"], "unavailable");
}
