//! What operators see: liveness and readiness, request ids, `/metrics` (on
//! its own listener).

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use etalase_server::server::metrics_app;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::cart::SHIRT_M;
use crate::helpers::{TestApp, TestResponse};
use crate::orders::{buyers, place};

#[tokio::test]
async fn live_stays_up_while_ready_follows_the_database_and_shutdown() {
    let app = TestApp::new().await;
    for path in ["/health/live", "/health/ready"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.json::<Value>(), json!({ "status": "ok" }));
    }
    app.live.close();
    assert_eq!(
        app.get("/health/ready").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(app.get("/health/live").await.status, StatusCode::OK);

    let app = TestApp::new().await;
    app.store.close().await;
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.json::<Value>()["error"]["code"], "unavailable");
    assert_eq!(app.get("/health/live").await.status, StatusCode::OK);
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_a_plain_one_is_kept() {
    let app = TestApp::new().await;
    let first = app.get("/v1/streams").await;
    let second = app.get("/v1/streams").await;
    let (a, b) = (
        first.header("x-request-id").unwrap(),
        second.header("x-request-id").unwrap(),
    );
    assert!(!a.is_empty());
    assert_ne!(a, b, "each request has its own id");
    let kept = app
        .call_with(
            Method::GET,
            "/v1/nowhere",
            None,
            &[("x-request-id", "lb-42.a_b")],
            None,
        )
        .await;
    assert_eq!(kept.header("x-request-id"), Some("lb-42.a_b"));
    let replaced = app
        .call_with(
            Method::GET,
            "/healthz",
            None,
            &[("x-request-id", "two words")],
            None,
        )
        .await;
    assert_ne!(replaced.header("x-request-id"), Some("two words"));
}

#[tokio::test]
async fn metrics_count_requests_by_route_checkouts_and_prevented_oversells() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE variants SET stock = 2 WHERE id = $1")
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let ready = buyers(&app, 2, SHIRT_M, json!([])).await;
    sqlx::query("UPDATE variants SET stock = 1 WHERE id = $1")
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let won = place(&app, &ready[0].0, &ready[0].1, "k").await;
    assert_eq!(won.status, StatusCode::CREATED);
    let lost = place(&app, &ready[1].0, &ready[1].1, "k").await;
    assert_eq!(lost.status, StatusCode::CONFLICT);
    let order_id = won.json::<Value>()["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let order = app
        .call(
            Method::GET,
            &format!("/v1/orders/{order_id}"),
            Some(&ready[0].0),
            None,
        )
        .await;
    assert_eq!(order.status, StatusCode::OK);

    let response = metrics(&app).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("content-type"),
        Some("application/openmetrics-text; version=1.0.0; charset=utf-8")
    );
    let text = response.text();
    for line in [
        "etalase_checkouts_placed_total 1",
        r#"etalase_checkouts_refused_total{reason="out_of_stock"} 1"#,
        r#"etalase_http_requests_total{method="POST",route="/v1/orders",status="2xx"} 1"#,
        r#"etalase_http_requests_total{method="POST",route="/v1/orders",status="4xx"} 1"#,
        r#"etalase_http_requests_total{method="GET",route="/v1/orders/{id}",status="2xx"} 1"#,
        r#"etalase_http_request_duration_seconds_count{route="/v1/orders"} 2"#,
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} missing from\n{text}"
        );
    }
    assert!(text.contains("etalase_db_connections{state=\"idle\"}"));
}

/// `GET /metrics` from `app`'s metrics listener, driven in-process.
pub async fn metrics(app: &TestApp) -> TestResponse {
    let request = Request::get("/metrics").body(Body::empty()).unwrap();
    let response = metrics_app(app.state.clone())
        .oneshot(request)
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    TestResponse {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.unwrap().to_bytes(),
    }
}
