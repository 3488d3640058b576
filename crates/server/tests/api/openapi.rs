//! `GET /openapi.json`: an OpenAPI 3.1 document of exactly the routes served.
//!
//! The router and the document are made from one registry
//! (`routes::registry`), so the tests read the routes from the document:
//! each one documented is served, no other method is served on its path,
//! and no route is added to the server beside the registry.

use std::collections::BTreeSet;
use std::path::Path;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

/// The methods a route may have.
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
];

/// Every documented route as (method, path template).
async fn documented(app: &TestApp) -> BTreeSet<(Method, String)> {
    let doc: Value = app.get("/openapi.json").await.json();
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().keys().map(move |method| {
                let method = method.to_uppercase().parse().unwrap();
                (method, path.clone())
            })
        })
        .collect()
}

/// `template` with each `{name}` replaced by `xname`.
fn concrete(template: &str) -> String {
    template.replace('{', "x").replace('}', "")
}

#[tokio::test]
async fn the_document_is_openapi_3_1_with_the_contract_s_schemas() {
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
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "ErrorBody",
        "ErrorCode",
        "Quote_SavedAddress",
        "Checkout_SavedAddress",
        "Order_SavedAddress",
        "Rupiah",
        "PaymentMethod",
        "StreamEvent",
        "FeedEvent",
        "FlashDeal",
        "DealQuote_SavedAddress",
        "QuoteChangedBody_SavedAddress",
    ] {
        assert!(schemas.contains_key(name), "no schema {name}");
    }
    // Quotes and orders answer the address as saved, with its village.
    let address = schemas["Order_SavedAddress"]["properties"]["address"].to_string();
    assert!(address.contains("region_code"), "{address}");
    assert_eq!(schemas["Rupiah"]["type"], "integer");
    let codes = schemas["ErrorCode"]["enum"].as_array().unwrap();
    assert!(codes.contains(&Value::from("idempotency_key_reused")));
    // The shared answers are there, with the contract's error body.
    let cart = &doc["paths"]["/v1/cart"]["get"]["responses"];
    for status in ["401", "429"] {
        assert_eq!(
            cart[status]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorBody",
            "{status}: {cart}"
        );
    }
}

#[tokio::test]
async fn every_documented_route_is_served() {
    let app = TestApp::new().await;
    let routes = documented(&app).await;
    assert!(routes.len() > 30, "{routes:?}");
    for (method, template) in routes {
        let response = app
            .call(method.clone(), &concrete(&template), Some(&app.token), None)
            .await;
        let route = format!("{method} {template}");
        assert_ne!(response.status, StatusCode::METHOD_NOT_ALLOWED, "{route}");
        let body: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(!message.starts_with("no API route"), "{route}: {message}");
        assert!(!message.starts_with("nothing at"), "{route}: {message}");
    }
}

#[tokio::test]
async fn no_undocumented_method_is_served_on_a_documented_path() {
    let app = TestApp::new().await;
    let routes = documented(&app).await;
    let paths: BTreeSet<&String> = routes.iter().map(|(_, path)| path).collect();
    for template in paths {
        for method in METHODS {
            if routes.contains(&(method.clone(), template.clone())) {
                continue;
            }
            let response = app
                .call(method.clone(), &concrete(template), Some(&app.token), None)
                .await;
            assert_eq!(
                response.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {template} is served but not documented"
            );
        }
    }
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path.display().to_string(), text));
        }
    }
    files
}

#[test]
fn no_route_is_added_beside_the_registry() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // `/metrics`, on its own listener, is the one route outside the API's
    // document; the demo site's files are services, not routes.
    let allowed = src.join("routes").join("metrics.rs").display().to_string();
    let mut outside = Vec::new();
    for (path, text) in sources(&src) {
        if path == allowed {
            continue;
        }
        for needle in [".route(", ".route_service(", "axum::routing"] {
            if text.contains(needle) {
                outside.push(format!("{path}: {needle}"));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "routes outside the registry: {outside:?}"
    );
}

#[tokio::test]
async fn a_deals_quote_and_a_changed_quote_carry_the_quote_as_a_quote_answers_it() {
    let app = TestApp::new().await;
    let doc: Value = app.get("/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    // Both with the couriers too heavy for the parcels (`unavailable_shipping`).
    for (schema, quote) in [
        ("DealQuote_SavedAddress", &schemas["DealQuote_SavedAddress"]),
        (
            "QuoteChangedDetail_SavedAddress",
            &schemas["QuoteChangedDetail_SavedAddress"],
        ),
    ] {
        assert_eq!(
            quote["properties"]["quote"]["$ref"], "#/components/schemas/QuoteAnswer_SavedAddress",
            "{schema}: {quote}"
        );
    }
}
