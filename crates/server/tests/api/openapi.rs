//! `GET /openapi.json`: an OpenAPI 3.1 document of exactly the routes served.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

/// Every route the server answers, as `METHOD path`.
const ROUTES: &[&str] = &[
    "GET /healthz",
    "GET /health/live",
    "GET /health/ready",
    "GET /openapi.json",
    "POST /v1/host/sessions",
    "GET /v1/streams",
    "GET /v1/streams/{id}/products",
    "GET /v1/products",
    "GET /v1/products/{id}",
    "GET /v1/streams/{id}/events",
    "POST /v1/streams/{id}/vouchers/{code}/claim",
    "POST /v1/creator/streams",
    "GET /v1/creator/streams",
    "GET /v1/creator/streams/{id}/sales",
    "PUT /v1/creator/streams/{id}/products",
    "PUT /v1/creator/streams/{id}/pin",
    "POST /v1/creator/streams/{id}/vouchers",
    "GET /media/products/{product_id}/{file}",
    "GET /v1/cart",
    "PUT /v1/cart/items/{variant_id}",
    "DELETE /v1/cart/items/{variant_id}",
    "GET /v1/addresses",
    "POST /v1/addresses",
    "GET /v1/addresses/{id}",
    "DELETE /v1/addresses/{id}",
    "GET /v1/vouchers",
    "POST /v1/checkout/quote",
    "POST /v1/orders",
    "GET /v1/orders",
    "GET /v1/orders/{id}",
    "POST /v1/orders/{id}/cancel",
    "GET /v1/payments/{id}",
    "POST /v1/payments/webhook",
    "GET /provider/card/{payment_id}",
    "POST /provider/card/{payment_id}",
    "POST /demo/session",
    "POST /v1/demo/payments/{id}/pay",
    "POST /v1/demo/orders/{id}/advance",
];

#[tokio::test]
async fn the_document_is_openapi_3_1_and_lists_every_route() {
    let app = TestApp::new().await;
    let response = app.get("/openapi.json").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc: Value = response.json();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["title"], "Etalase marketplace API");
    let documented: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    let served: BTreeSet<String> = ROUTES.iter().map(|r| (*r).to_owned()).collect();
    assert_eq!(documented, served);

    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "ErrorBody",
        "ErrorCode",
        "Quote",
        "Checkout",
        "Rupiah",
        "PaymentMethod",
        "StreamEvent",
    ] {
        assert!(schemas.contains_key(name), "no schema {name}");
    }
    assert_eq!(schemas["Rupiah"]["type"], "integer");
    let codes = schemas["ErrorCode"]["enum"].as_array().unwrap();
    assert!(codes.contains(&Value::from("idempotency_key_reused")));
}

#[tokio::test]
async fn every_documented_route_is_routed() {
    let app = TestApp::new().await;
    for route in ROUTES {
        let (method, path) = route.split_once(' ').unwrap();
        let path = path.replace('{', "x").replace('}', "");
        let method: Method = method.parse().unwrap();
        let response = app.call(method, &path, Some(&app.token), None).await;
        assert_ne!(response.status, StatusCode::METHOD_NOT_ALLOWED, "{route}");
        let body: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(!message.starts_with("no API route"), "{route}: {message}");
        assert!(!message.starts_with("nothing at"), "{route}: {message}");
    }
}
