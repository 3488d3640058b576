//! Bad input at every endpoint that takes a body: each answered with a
//! specific status, code and field.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, HOST_KEY};

/// An endpoint with a body.
struct Endpoint {
    method: Method,
    path: &'static str,
    /// The bearer to send; empty for none.
    bearer: String,
    headers: Vec<(&'static str, &'static str)>,
    /// The field a `{}` body is missing first.
    first_missing: &'static str,
}

/// A bad body and what it must be answered with.
struct Case {
    content_type: &'static str,
    body: Vec<u8>,
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
}

fn endpoints(token: &str, creator: &str) -> Vec<Endpoint> {
    let endpoint = |method, path, bearer: &str, headers, first_missing| Endpoint {
        method,
        path,
        bearer: bearer.to_owned(),
        headers,
        first_missing,
    };
    vec![
        endpoint(
            Method::POST,
            "/v1/host/sessions",
            HOST_KEY,
            vec![],
            "user_id",
        ),
        endpoint(Method::POST, "/demo/session", "", vec![], "user_id"),
        endpoint(
            Method::PUT,
            "/v1/cart/items/var-kemeja-batik-parang-m",
            token,
            vec![],
            "quantity",
        ),
        endpoint(Method::POST, "/v1/addresses", token, vec![], "recipient"),
        endpoint(
            Method::POST,
            "/v1/checkout/quote",
            token,
            vec![],
            "address_id",
        ),
        endpoint(
            Method::POST,
            "/v1/orders",
            token,
            vec![("idempotency-key", "k-1")],
            "quote_id",
        ),
        endpoint(
            Method::POST,
            "/v1/creator/streams",
            creator,
            vec![],
            "title",
        ),
        endpoint(
            Method::PUT,
            "/v1/creator/streams/live-gaya-raka/products",
            creator,
            vec![],
            "product_ids",
        ),
        endpoint(
            Method::PUT,
            "/v1/creator/streams/live-gaya-raka/pin",
            creator,
            vec![],
            "product_id",
        ),
        endpoint(
            Method::POST,
            "/v1/creator/streams/live-gaya-raka/vouchers",
            creator,
            vec![],
            "kind",
        ),
    ]
}

async fn send(
    app: &TestApp,
    method: &Method,
    path: &str,
    bearer: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method.clone())
        .uri(path)
        .header(header::CONTENT_TYPE, content_type);
    if !bearer.is_empty() {
        request = request.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app.send(request.body(Body::from(body)).unwrap()).await;
    (
        response.status,
        serde_json::from_slice(&response.body).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn every_body_endpoint_refuses_bad_bodies_with_a_specific_error() {
    let app = TestApp::new().await;
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(70 * 1024)).into_bytes();
    let creator = app.mint("crt-raka-gaya", "creator").await;
    for endpoint in endpoints(&app.token, &creator) {
        let case = |content_type, body: &[u8], status, code, field| Case {
            content_type,
            body: body.to_vec(),
            status,
            code,
            field,
        };
        let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
        let cases = [
            case(
                "application/json",
                b"{}",
                unprocessable,
                "invalid_field",
                Some(endpoint.first_missing),
            ),
            case(
                "application/json",
                b"null",
                unprocessable,
                "invalid_field",
                Some("body"),
            ),
            case(
                "application/json",
                b"[1,2]",
                unprocessable,
                "invalid_field",
                Some("body"),
            ),
            case(
                "application/json",
                b"{\"",
                StatusCode::BAD_REQUEST,
                "bad_request",
                None,
            ),
            case(
                "application/json",
                "{\"ü\":\"☕\"}".as_bytes(),
                unprocessable,
                "invalid_field",
                None,
            ),
            case(
                "application/json",
                &[0xff, 0xfe],
                StatusCode::BAD_REQUEST,
                "bad_request",
                None,
            ),
            case(
                "text/plain",
                b"{}",
                StatusCode::BAD_REQUEST,
                "bad_request",
                None,
            ),
            case(
                "application/json",
                &huge,
                StatusCode::PAYLOAD_TOO_LARGE,
                "bad_request",
                None,
            ),
        ];
        let Endpoint {
            method,
            path,
            bearer,
            headers,
            ..
        } = &endpoint;
        for case in cases {
            let shown = String::from_utf8_lossy(&case.body[..case.body.len().min(20)]).into_owned();
            let (got, error) = send(
                &app,
                method,
                path,
                bearer,
                headers,
                case.content_type,
                case.body,
            )
            .await;
            assert_eq!(
                got, case.status,
                "{method} {path} {} {shown}: {error}",
                case.content_type
            );
            assert_eq!(error["error"]["code"], case.code, "{method} {path} {shown}");
            if let Some(field) = case.field {
                assert_eq!(error["error"]["field"], field, "{method} {path} {shown}");
            } else if case.code == "invalid_field" {
                // An unknown field is named by itself.
                assert!(
                    error["error"]["field"].is_string(),
                    "{method} {path} {shown}"
                );
            }
        }
    }
    let checkouts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkouts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(checkouts, 0);
}

#[tokio::test]
async fn huge_and_negative_numbers_are_named() {
    let app = TestApp::new().await;
    for quantity in ["-1", "4294967296", "1e3", "99999999999999999999999"] {
        let (status, error) = send(
            &app,
            &Method::PUT,
            "/v1/cart/items/var-kemeja-batik-parang-m",
            &app.token,
            &[],
            "application/json",
            format!("{{\"quantity\":{quantity}}}").into_bytes(),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{quantity}");
        assert_eq!(error["error"]["field"], "quantity", "{quantity}");
    }
}

/// U+0000 cannot be stored in PostgreSQL text, and no field means it: in a
/// body (any field, ids included), a path or a query it is refused naming
/// where it was, never a 500, on either store.
#[tokio::test]
async fn the_nul_character_is_refused_wherever_it_is_sent() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-raka-gaya", "creator").await;
    let body_cases = [
        (
            Method::PUT,
            "/v1/creator/streams/live-gaya-raka/pin",
            creator.as_str(),
            serde_json::json!({ "product_id": "\u{0}" }),
            "product_id",
        ),
        (
            Method::POST,
            "/v1/checkout/quote",
            app.token.as_str(),
            serde_json::json!({ "address_id": "adr\u{0}", "payment": { "method": "qris" } }),
            "address_id",
        ),
        (
            Method::POST,
            "/v1/orders",
            app.token.as_str(),
            serde_json::json!({ "quote_id": "qt-\u{0}" }),
            "quote_id",
        ),
    ];
    for (method, path, bearer, body, field) in body_cases {
        let response = app
            .call_with(
                method,
                path,
                Some(bearer),
                &[("idempotency-key", "nul")],
                Some(body),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            response.text()
        );
        let error: Value = response.json();
        assert_eq!(error["error"]["field"], field, "{path}");
    }
    for (path, field) in [
        ("/v1/orders/o%00", "id"),
        ("/v1/products/prd%00x", "id"),
        ("/v1/products?q=kemeja%00", "q"),
    ] {
        let bearer = if path.contains('?') {
            &creator
        } else {
            &app.token
        };
        let response = app.call(Method::GET, path, Some(bearer), None).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            response.text()
        );
        let error: Value = response.json();
        assert_eq!(error["error"]["code"], "bad_request", "{path}");
        assert_eq!(error["error"]["field"], field, "{path}");
    }
}

/// A playback second past a day is refused naming it: creators' figures
/// (the median second per product) stay within the published types.
#[tokio::test]
async fn a_playback_second_past_a_day_is_refused() {
    let app = TestApp::new().await;
    let response = app
        .call(
            Method::PUT,
            "/v1/cart/items/var-serum-niacinamide-20-ml",
            Some(&app.token),
            Some(serde_json::json!({
                "quantity": 1,
                "stream_id": "vid-rutinitas-glow",
                "playback_second": u32::MAX,
            })),
        )
        .await;
    let (status, code, field, message) = response.refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("playback_second")
        ),
        "{message}"
    );
    assert!(message.contains("0 to 86400"), "{message}");
}

/// The demo page's session answer holds a token: never cached.
#[tokio::test]
async fn the_demo_session_is_no_store() {
    let app = TestApp::new().await;
    let response = app
        .call(
            Method::POST,
            "/demo/session",
            None,
            Some(serde_json::json!({ "user_id": "viewer-9", "role": "shopper" })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.header("cache-control"), Some("no-store"));
}
