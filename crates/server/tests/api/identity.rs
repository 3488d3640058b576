//! Hosts mint tokens; every catalogue read needs one; CORS follows the
//! registered origins; tokens are rate limited; sessions held a moment
//! still expire on time and end within the hold.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use etalase_contract::Cart;
use etalase_server::config::Settings;
use serde_json::{json, Value};

use crate::cart::{put_item, SHIRT_M};
use crate::helpers::{settings, TestApp, HOST_KEY, HOST_ORIGIN};
use etalase_server::DEMO_HOST;

fn error(response: &crate::helpers::TestResponse) -> (StatusCode, String, Option<String>) {
    let body: Value = response.json();
    (
        response.status,
        body["error"]["code"].as_str().unwrap().to_owned(),
        body["error"]["field"].as_str().map(str::to_owned),
    )
}

#[tokio::test]
async fn a_host_mints_a_short_lived_token_that_opens_the_catalogue() {
    let app = TestApp::new().await;
    let response = app
        .call(
            Method::POST,
            "/v1/host/sessions",
            Some(HOST_KEY),
            Some(json!({ "user_id": "viewer-1", "role": "shopper" })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let body: Value = response.json();
    let token = body["token"].as_str().unwrap();
    assert!(token.starts_with("etl_") && token.len() == 68, "{token}");
    let expires_at = body["expires_at"].as_str().unwrap();
    let expires = etalase_server::time::Timestamp::parse(expires_at).unwrap();
    let now = etalase_server::time::Timestamp::now();
    assert!(
        expires > now.plus(std::time::Duration::from_secs(3590)),
        "{expires_at}"
    );
    assert!(
        expires <= now.plus(std::time::Duration::from_secs(3600)),
        "{expires_at}"
    );

    let streams = app
        .call(Method::GET, "/v1/streams", Some(token), None)
        .await;
    assert_eq!(streams.status, StatusCode::OK);
    // Only the token's hash is stored.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(token)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn creators_may_read_the_catalogue_too() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-1", "creator").await;
    let response = app
        .call(
            Method::GET,
            "/v1/products/prd-kaos-polos-combed-30s",
            Some(&creator),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_or_missing_host_key_is_unauthenticated() {
    let app = TestApp::new().await;
    let body = json!({ "user_id": "u", "role": "shopper" });
    for key in [None, Some("not-the-key"), Some(app.token.as_str())] {
        let response = app
            .call(Method::POST, "/v1/host/sessions", key, Some(body.clone()))
            .await;
        assert_eq!(
            error(&response),
            (StatusCode::UNAUTHORIZED, "unauthenticated".into(), None),
            "{key:?}"
        );
        assert_eq!(
            response.header("www-authenticate"),
            Some("Bearer realm=\"etalase\"")
        );
    }
}

#[tokio::test]
async fn bad_session_requests_name_the_field() {
    let app = TestApp::new().await;
    let long = "x".repeat(129);
    let cases = [
        (json!({ "role": "shopper" }), "user_id"),
        (json!({ "user_id": "u" }), "role"),
        (json!({ "user_id": 42, "role": "shopper" }), "user_id"),
        (json!({ "user_id": "u", "role": "admin" }), "role"),
        (json!({ "user_id": "", "role": "shopper" }), "user_id"),
        (json!({ "user_id": "  ", "role": "shopper" }), "user_id"),
        (json!({ "user_id": long, "role": "shopper" }), "user_id"),
        (
            json!({ "user_id": "a\u{0}b", "role": "shopper" }),
            "user_id",
        ),
        (
            json!({ "user_id": "a\u{200B}b", "role": "shopper" }),
            "user_id",
        ),
        (
            json!({ "user_id": "\u{2060}\u{FEFF}", "role": "shopper" }),
            "user_id",
        ),
        (
            json!({ "user_id": "a\u{202E}b", "role": "shopper" }),
            "user_id",
        ),
        (
            json!({ "user_id": "u", "role": "shopper", "admin": true }),
            "admin",
        ),
        (json!(["u", "shopper"]), "body"),
    ];
    for (body, field) in cases {
        let response = app
            .call(
                Method::POST,
                "/v1/host/sessions",
                Some(HOST_KEY),
                Some(body.clone()),
            )
            .await;
        assert_eq!(
            error(&response),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field".into(),
                Some(field.into())
            ),
            "{body}"
        );
    }
    let not_json = app
        .send(
            Request::post("/v1/host/sessions")
                .header(header::AUTHORIZATION, format!("Bearer {HOST_KEY}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"user_id\":"))
                .unwrap(),
        )
        .await;
    assert_eq!(error(&not_json).0, StatusCode::BAD_REQUEST);
    let not_declared = app
        .send(
            Request::post("/v1/host/sessions")
                .header(header::AUTHORIZATION, format!("Bearer {HOST_KEY}"))
                .body(Body::from(r#"{"user_id":"u","role":"shopper"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(error(&not_declared).0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_catalogue_refuses_missing_malformed_unknown_and_expired_tokens() {
    // Sessions read on every request: they are changed behind the API's back.
    let app = TestApp::with_settings(Settings {
        session_hold: Duration::ZERO,
        ..settings()
    })
    .await;
    let unknown = format!("etl_{}", "0".repeat(64));
    for bearer in [None, Some("abc"), Some(unknown.as_str()), Some("etl_ZZ")] {
        let response = app.call(Method::GET, "/v1/streams", bearer, None).await;
        assert_eq!(
            error(&response),
            (StatusCode::UNAUTHORIZED, "unauthenticated".into(), None),
            "{bearer:?}"
        );
    }
    let basic = app
        .send(
            Request::get("/v1/streams")
                .header(header::AUTHORIZATION, "Basic dXNlcjpwYXNz")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(error(&basic).1, "unauthenticated");

    sqlx::query(
        "UPDATE sessions SET created_at = '2019-12-31T23:00:00.000Z',
                             expires_at = '2020-01-01T00:00:00.000Z'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let expired = app.get("/v1/streams").await;
    assert_eq!(
        error(&expired),
        (StatusCode::UNAUTHORIZED, "token_expired".into(), None)
    );
}

#[tokio::test]
async fn a_token_over_its_rate_limit_gets_429_with_retry_after() {
    let app = TestApp::with_settings(Settings {
        rate_limit_per_minute: 3,
        ..settings()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(app.get("/v1/streams").await.status, StatusCode::OK);
    }
    let limited = app.get("/v1/streams").await;
    assert_eq!(
        error(&limited),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited".into(), None)
    );
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((19..=20).contains(&retry_after), "{retry_after}");
    // Another shopper's token has its own allowance.
    let other = app.mint("shopper-b", "shopper").await;
    let response = app
        .call(Method::GET, "/v1/streams", Some(&other), None)
        .await;
    assert_eq!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn only_registered_origins_get_cors_headers() {
    let app = TestApp::new().await;
    let preflight = |origin: &str| {
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/v1/cart")
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "PUT")
            .header(
                header::ACCESS_CONTROL_REQUEST_HEADERS,
                "authorization,content-type",
            )
            .body(Body::empty())
            .unwrap()
    };
    let allowed = app.send(preflight(HOST_ORIGIN)).await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some(HOST_ORIGIN)
    );
    let methods = allowed.header("access-control-allow-methods").unwrap();
    assert!(
        methods.contains("PUT") && methods.contains("POST"),
        "{methods}"
    );
    let headers = allowed.header("access-control-allow-headers").unwrap();
    assert!(headers.contains("authorization") && headers.contains("idempotency-key"));

    let refused = app.send(preflight("https://evil.example")).await;
    assert_eq!(refused.header("access-control-allow-origin"), None);
    assert_eq!(refused.header("access-control-allow-methods"), None);

    let read = app
        .send(
            Request::get("/v1/streams")
                .header(header::ORIGIN, "https://evil.example")
                .header(header::AUTHORIZATION, format!("Bearer {}", app.token))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(read.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn the_demo_session_endpoint_mints_for_the_demo_host_in_demo_mode_only() {
    let app = TestApp::new().await;
    let body = json!({ "user_id": "viewer-7", "role": "shopper" });
    let response = app
        .call(Method::POST, "/demo/session", None, Some(body.clone()))
        .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let token = response.json::<Value>()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let host: String = sqlx::query_scalar(
        "SELECT u.host_id FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE u.external_id = 'viewer-7'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(host, "demo");
    let streams = app
        .call(Method::GET, "/v1/streams", Some(&token), None)
        .await;
    assert_eq!(streams.status, StatusCode::OK);

    let off = TestApp::with_settings(Settings {
        demo_host_key: None,
        ..settings()
    })
    .await;
    // Only the static site answers there: it serves no POST.
    let response = off
        .call(Method::POST, "/demo/session", None, Some(body))
        .await;
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    let response = off
        .call(
            Method::POST,
            "/v1/host/sessions",
            Some(HOST_KEY),
            Some(json!({ "user_id": "u", "role": "shopper" })),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_retired_demo_host_opens_nothing_any_more() {
    // A database that ran in demo mode, started in production: the server
    // retires the demo host at start (`server::start`), as done here.
    let app = TestApp::new().await;
    let token = app.mint("viewer-9", "shopper").await;
    assert!(
        app.store.retire_host(DEMO_HOST).await.unwrap(),
        "it was there"
    );
    assert!(!app.store.retire_host(DEMO_HOST).await.unwrap(), "once");

    let again = app
        .call(
            Method::POST,
            "/v1/host/sessions",
            Some(HOST_KEY),
            Some(json!({ "user_id": "viewer-9", "role": "shopper" })),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNAUTHORIZED,
        "the key opens nothing"
    );
    let cart = app.call(Method::GET, "/v1/cart", Some(&token), None).await;
    assert_eq!(cart.status, StatusCode::UNAUTHORIZED, "its sessions ended");
    assert!(app.store.registered_origins().await.unwrap().is_empty());
}

#[tokio::test]
async fn what_a_demo_instance_mints_for_a_retired_demo_host_opens_nothing() {
    // Another instance on the database, still in demo mode, goes on playing
    // the demo host's back-end after a production start retired the host.
    let app = TestApp::new().await;
    assert!(app.store.retire_host(DEMO_HOST).await.unwrap());
    let body = json!({ "user_id": "viewer-late", "role": "shopper" });
    let minted = app
        .call(Method::POST, "/demo/session", None, Some(body))
        .await;
    assert_eq!(minted.status, StatusCode::CREATED, "{}", minted.text());
    let token = minted.json::<Value>()["token"].as_str().unwrap().to_owned();
    let cart = app.call(Method::GET, "/v1/cart", Some(&token), None).await;
    assert_eq!(
        error(&cart),
        (StatusCode::UNAUTHORIZED, "unauthenticated".into(), None)
    );
    let key = app
        .call(Method::POST, "/demo/publishable-key", None, None)
        .await;
    assert_eq!(key.status, StatusCode::OK, "{}", key.text());
    let key = key.json::<Value>()["key"].as_str().unwrap().to_owned();
    let streams = app.call(Method::GET, "/v1/streams", Some(&key), None).await;
    assert_eq!(
        error(&streams),
        (
            StatusCode::UNAUTHORIZED,
            "publishable_key_revoked".into(),
            None
        )
    );
}

#[tokio::test]
async fn a_held_session_still_expires_on_time() {
    // Held far longer than the token lives: its expiry is checked anyway.
    let app = TestApp::with_settings(Settings {
        token_ttl: Duration::from_secs(1),
        session_hold: Duration::from_secs(60),
        ..settings()
    })
    .await;
    assert_eq!(app.get("/v1/streams").await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = app.get("/v1/streams").await;
    assert_eq!(
        error(&expired),
        (StatusCode::UNAUTHORIZED, "token_expired".into(), None)
    );
}

#[tokio::test]
async fn a_session_deleted_behind_the_apis_back_ends_within_the_hold() {
    // Long enough for a slow machine to make the second call within it.
    let hold = Duration::from_secs(3);
    let app = TestApp::with_settings(Settings {
        session_hold: hold,
        ..settings()
    })
    .await;
    assert_eq!(app.get("/v1/cart").await.status, StatusCode::OK);
    sqlx::query("DELETE FROM sessions")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        app.get("/v1/cart").await.status,
        StatusCode::OK,
        "held: not read again yet"
    );
    tokio::time::sleep(hold).await;
    let ended = app.get("/v1/cart").await;
    assert_eq!(
        error(&ended),
        (StatusCode::UNAUTHORIZED, "unauthenticated".into(), None)
    );
}

#[tokio::test]
async fn retiring_a_host_ends_its_held_sessions_at_once() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/v1/cart").await.status, StatusCode::OK);
    assert!(app.store.retire_host(DEMO_HOST).await.unwrap());
    assert_eq!(app.get("/v1/cart").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn held_sessions_keep_each_token_to_its_own_user() {
    let app = TestApp::new().await;
    let other = app.mint("shopper-b", "shopper").await;
    let added = put_item(&app, &app.token, SHIRT_M, json!(1)).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text());
    for (token, lines) in [(&app.token, 1), (&other, 0), (&app.token, 1)] {
        let cart: Cart = app
            .call(Method::GET, "/v1/cart", Some(token), None)
            .await
            .json();
        assert_eq!(cart.item_count, lines);
    }
}
