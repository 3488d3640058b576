//! Publishable keys: minted, listed and revoked by the host's back-end;
//! reading streams, showcases, products and live feeds, and refused
//! everywhere else; kept to the host's origins; limited per key and
//! client; and the public reads' `ETag` and `Cache-Control`.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use etalase_contract::{
    KeyStanding, OriginAnswer, OriginCheck, PublishableKey, PublishableKeyList, StreamEvent,
};
use etalase_server::config::Settings;
use etalase_server::identity::secret;
use serde_json::{json, Value};

use crate::helpers::{settings, TestApp, TestResponse, HOST_KEY, HOST_ORIGIN};
use crate::live::{creator_put, Served, Viewer, CREATOR, STREAM};

/// A product of [`STREAM`]'s showcase, pinned at first.
const SHIRT: &str = "prd-kemeja-batik-parang";
/// Another product of its showcase.
const BLOUSE: &str = "prd-blouse-batik-kawung";
/// Another host, with its own key and origin.
const OTHER_HOST: &str = "other-host";
const OTHER_KEY: &str = "other-host-key";
const OTHER_ORIGIN: &str = "https://other.example";

/// `POST /v1/host/publishable-keys` with host key `host_key`, which must
/// answer 201.
pub async fn mint_key(app: &TestApp, host_key: &str) -> PublishableKey {
    let response = app
        .call(
            Method::POST,
            "/v1/host/publishable-keys",
            Some(host_key),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

/// Registers [`OTHER_HOST`] beside the demo host.
async fn register_other_host(app: &TestApp) {
    app.store
        .register_host(
            OTHER_HOST,
            &secret::hash(OTHER_KEY),
            &[OTHER_ORIGIN.to_owned()],
        )
        .await
        .unwrap();
    app.state.origins.reload(&app.store).await.unwrap();
}

/// `GET path` with `bearer`, and `Origin: origin` when given.
async fn get_from(app: &TestApp, path: &str, bearer: &str, origin: Option<&str>) -> TestResponse {
    let headers: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
    app.call_with(Method::GET, path, Some(bearer), &headers, None)
        .await
}

#[tokio::test]
async fn a_host_mints_lists_and_revokes_its_keys() {
    let app = TestApp::new().await;
    let first = mint_key(&app, HOST_KEY).await;
    let second = mint_key(&app, HOST_KEY).await;
    assert!(secret::is_well_formed(&first.key, "etp_"), "{}", first.key);
    assert_ne!(first.key, second.key);
    assert!(first.id.starts_with("pk-"));

    let list: PublishableKeyList = app
        .call(
            Method::GET,
            "/v1/host/publishable-keys",
            Some(HOST_KEY),
            None,
        )
        .await
        .json();
    assert_eq!(list.origins, [HOST_ORIGIN]);
    let ids: Vec<&str> = list.keys.iter().map(|key| key.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&first.id.as_str()) && ids.contains(&second.id.as_str()));
    let listed = list.keys.iter().find(|key| key.id == first.id).unwrap();
    assert_eq!(listed.ending, first.key[first.key.len() - 4..]);
    assert_eq!(listed.revoked_at, None);
    assert!(!list.keys.iter().any(|key| key.ending.len() != 4));
    // The list never holds a key whole.
    let text = app
        .call(
            Method::GET,
            "/v1/host/publishable-keys",
            Some(HOST_KEY),
            None,
        )
        .await;
    assert!(!text.text().contains(&first.key));

    let path = format!("/v1/host/publishable-keys/{}", first.id);
    for _ in 0..2 {
        let revoked = app.call(Method::DELETE, &path, Some(HOST_KEY), None).await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.text());
    }
    let list: PublishableKeyList = app
        .call(
            Method::GET,
            "/v1/host/publishable-keys",
            Some(HOST_KEY),
            None,
        )
        .await
        .json();
    let listed = list.keys.iter().find(|key| key.id == first.id).unwrap();
    assert!(listed.revoked_at.is_some());

    // Another host can neither see nor revoke them.
    register_other_host(&app).await;
    let theirs = app.call(Method::DELETE, &path, Some(OTHER_KEY), None).await;
    assert_eq!(theirs.refusal().1, "not_found");
    let list: PublishableKeyList = app
        .call(
            Method::GET,
            "/v1/host/publishable-keys",
            Some(OTHER_KEY),
            None,
        )
        .await
        .json();
    assert!(list.keys.is_empty());
    assert_eq!(list.origins, [OTHER_ORIGIN]);

    // Only with the host's API key.
    for bearer in [None, Some(app.token.as_str()), Some(second.key.as_str())] {
        let response = app
            .call(Method::POST, "/v1/host/publishable-keys", bearer, None)
            .await;
        assert!(
            matches!(
                response.status,
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
            ),
            "{bearer:?}: {}",
            response.text()
        );
    }
    let (status, code, _, message) = app
        .call(
            Method::POST,
            "/v1/host/sessions",
            Some(&second.key),
            Some(json!({ "user_id": "u", "role": "shopper" })),
        )
        .await
        .refusal();
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "publishable_key_forbidden")
    );
    assert!(message.contains("secret API key"), "{message}");
}

#[tokio::test]
async fn a_key_reads_streams_showcases_products_and_the_live_feed() {
    let app = TestApp::new().await;
    let key = mint_key(&app, HOST_KEY).await.key;
    for path in [
        "/v1/streams".to_owned(),
        format!("/v1/streams/{STREAM}/products"),
        format!("/v1/products/{SHIRT}"),
    ] {
        let response = get_from(&app, &path, &key, Some(HOST_ORIGIN)).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{path}: {}",
            response.text()
        );
        let with_token = app.get(&path).await;
        assert_eq!(
            response.body, with_token.body,
            "{path}: the same for every caller"
        );
        assert_eq!(
            response.header("access-control-allow-origin"),
            Some(HOST_ORIGIN),
            "{path}"
        );
    }
    let missing = get_from(&app, "/v1/products/prd-none", &key, None).await;
    assert_eq!(missing.refusal().1, "not_found");

    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &key).await;
    let StreamEvent::Snapshot { product_ids, .. } = viewer.expect("snapshot").await else {
        unreachable!()
    };
    assert!(product_ids.iter().any(|id| id == SHIRT));
    let creator = app.mint(CREATOR, "creator").await;
    let pinned = creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": BLOUSE }),
    )
    .await;
    assert_eq!(pinned.status, StatusCode::OK, "{}", pinned.text());
    loop {
        if let Some((name, data)) = viewer.next().await {
            if name == "pinned" {
                assert_eq!(data["product_id"], BLOUSE);
                break;
            }
        }
    }
    drop(viewer);
    served.stop().await;
}

#[tokio::test]
async fn a_key_is_refused_everywhere_else_naming_what_is_needed() {
    let app = TestApp::new().await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let body = Some(json!({}));
    let cases: [(Method, String, Option<Value>, &str); 12] = [
        (Method::GET, "/v1/cart".into(), None, "a shopper token"),
        (
            Method::PUT,
            "/v1/cart/items/var-x".into(),
            Some(json!({ "quantity": 1 })),
            "a shopper token",
        ),
        (
            Method::POST,
            "/v1/checkout/quote".into(),
            body.clone(),
            "a shopper token",
        ),
        (Method::GET, "/v1/orders".into(), None, "a shopper token"),
        (
            Method::POST,
            "/v1/orders".into(),
            body.clone(),
            "a shopper token",
        ),
        (Method::GET, "/v1/addresses".into(), None, "a shopper token"),
        (
            Method::POST,
            format!("/v1/streams/{STREAM}/vouchers/X/claim"),
            None,
            "a shopper token",
        ),
        (
            Method::GET,
            "/v1/creator/streams".into(),
            None,
            "a creator token",
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/pin"),
            Some(json!({ "product_id": SHIRT })),
            "a creator token",
        ),
        (
            Method::GET,
            "/v1/products?q=batik".into(),
            None,
            "a creator token",
        ),
        (
            Method::GET,
            format!("/v1/streams/{STREAM}/deals"),
            None,
            "a shopper or creator token",
        ),
        (
            Method::GET,
            "/v1/regions?q=bandung".into(),
            None,
            "a shopper or creator token",
        ),
    ];
    for (method, path, body, needs) in cases {
        let response = app.call(method.clone(), &path, Some(&key), body).await;
        let (status, code, _, message) = response.refusal();
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::FORBIDDEN, "publishable_key_forbidden"),
            "{method} {path}: {message}"
        );
        assert!(
            message.ends_with(&format!("needs {needs}")),
            "{method} {path}: {message}"
        );
        assert_eq!(response.header("cache-control"), Some("no-store"));
    }
    // The shopper token still works there.
    assert_eq!(app.get("/v1/cart").await.status, StatusCode::OK);
}

#[tokio::test]
async fn revoked_unknown_and_malformed_keys_are_refused() {
    let app = TestApp::new().await;
    let minted = mint_key(&app, HOST_KEY).await;
    let path = format!("/v1/host/publishable-keys/{}", minted.id);
    app.call(Method::DELETE, &path, Some(HOST_KEY), None).await;
    for route in ["/v1/streams", "/v1/cart"] {
        let (status, code, _, _) = get_from(&app, route, &minted.key, None).await.refusal();
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "publishable_key_revoked"),
            "{route}"
        );
    }
    let unknown = secret::generate("etp_").unwrap();
    for bad in [unknown.as_str(), "etp_short"] {
        let (status, code, _, _) = get_from(&app, "/v1/streams", bad, None).await.refusal();
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "unauthenticated")
        );
    }
    // Retiring the host revokes the keys it still had.
    let live = mint_key(&app, HOST_KEY).await.key;
    assert_eq!(
        get_from(&app, "/v1/streams", &live, None).await.status,
        StatusCode::OK
    );
    app.store
        .retire_host(etalase_server::DEMO_HOST)
        .await
        .unwrap();
    let (_, code, _, _) = get_from(&app, "/v1/streams", &live, None).await.refusal();
    assert_eq!(code, "publishable_key_revoked");
}

#[tokio::test]
async fn a_key_read_once_is_held_and_a_revocation_elsewhere_ends_it_within_the_hold() {
    // Longer than the default hold, so a slow machine still makes the
    // second read within it.
    let hold = Duration::from_secs(3);
    let app = TestApp::with_settings(Settings {
        key_hold: hold,
        ..settings()
    })
    .await;
    let minted = mint_key(&app, HOST_KEY).await;
    assert_eq!(
        get_from(&app, "/v1/streams", &minted.key, None)
            .await
            .status,
        StatusCode::OK
    );
    // Revoked by another instance: this one reads the key again only once
    // its hold has passed.
    sqlx::query("UPDATE publishable_keys SET revoked_at = created_at")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        get_from(&app, "/v1/streams", &minted.key, None)
            .await
            .status,
        StatusCode::OK,
        "held: not read again yet"
    );
    tokio::time::sleep(hold).await;
    let (status, code, _, _) = get_from(&app, "/v1/streams", &minted.key, None)
        .await
        .refusal();
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNAUTHORIZED, "publishable_key_revoked")
    );
    // Revoked through this instance: refused at once, held or not.
    let other = mint_key(&app, HOST_KEY).await;
    assert_eq!(
        get_from(&app, "/v1/streams", &other.key, None).await.status,
        StatusCode::OK
    );
    let path = format!("/v1/host/publishable-keys/{}", other.id);
    app.call(Method::DELETE, &path, Some(HOST_KEY), None).await;
    let (_, code, _, _) = get_from(&app, "/v1/streams", &other.key, None)
        .await
        .refusal();
    assert_eq!(code, "publishable_key_revoked");
}

#[tokio::test]
async fn a_revoked_key_s_open_feed_ends_within_the_recheck() {
    let app = TestApp::new().await;
    let minted = mint_key(&app, HOST_KEY).await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &minted.key).await;
    viewer.expect("snapshot").await;
    let path = format!("/v1/host/publishable-keys/{}", minted.id);
    let revoked = app.call(Method::DELETE, &path, Some(HOST_KEY), None).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let since = std::time::Instant::now();
    // Whatever the feed still had to say, then its end.
    while viewer.next().await.is_some() {}
    assert!(
        since.elapsed() <= etalase_server::live::KEY_RECHECK + Duration::from_secs(2),
        "ended {:?} after the revocation",
        since.elapsed()
    );
    served.stop().await;
}

#[tokio::test]
async fn another_host_s_origin_gets_no_cors_and_is_refused() {
    let app = TestApp::new().await;
    register_other_host(&app).await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let theirs = mint_key(&app, OTHER_KEY).await.key;
    // Each key from its own host's page.
    for (key, origin) in [(&key, HOST_ORIGIN), (&theirs, OTHER_ORIGIN)] {
        let response = get_from(&app, "/v1/streams", key, Some(origin)).await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("access-control-allow-origin"), Some(origin));
    }
    // One host's key from the other's page, and from a stranger's.
    for (key, origin) in [
        (&key, OTHER_ORIGIN),
        (&theirs, HOST_ORIGIN),
        (&key, "https://evil.example"),
    ] {
        for path in [
            "/v1/streams".to_owned(),
            format!("/v1/streams/{STREAM}/events"),
        ] {
            let response = get_from(&app, &path, key, Some(origin)).await;
            assert_eq!(
                response.refusal().1,
                "origin_not_allowed",
                "{path} from {origin}"
            );
            let cors: Vec<_> = response
                .headers
                .keys()
                .filter(|name| name.as_str().starts_with("access-control-"))
                .collect();
            assert!(cors.is_empty(), "{path} from {origin} got {cors:?}");
        }
    }
    // A token from the other host's page works as before.
    let shopper = get_from(&app, "/v1/streams", &app.token, Some(OTHER_ORIGIN)).await;
    assert_eq!(shopper.status, StatusCode::OK);
}

/// `GET /v1/origin?query` from a page of `origin`, when given, as a page
/// asks it: no credential.
async fn ask_origin(app: &TestApp, query: &str, origin: Option<&str>) -> TestResponse {
    let headers: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
    let response = app
        .call_with(
            Method::GET,
            &format!("/v1/origin?{query}"),
            None,
            &headers,
            None,
        )
        .await;
    // Every page may read every answer, refusals included, and none is kept.
    let readable = response.header("access-control-allow-origin");
    assert!(
        readable == Some("*") || (origin.is_some() && readable == origin),
        "{query} from {origin:?} got {readable:?}"
    );
    assert_eq!(response.header("cache-control"), Some("no-store"));
    response
}

#[tokio::test]
async fn a_page_refused_without_cors_learns_whether_its_key_or_its_origin_is_wrong() {
    let app = TestApp::new().await;
    register_other_host(&app).await;
    let minted = mint_key(&app, HOST_KEY).await;
    let key = minted.key.as_str();
    let unknown = format!("etp_{}", "0".repeat(64));
    let check = |response: TestResponse| {
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        response.json::<OriginAnswer>()
    };
    let answer = |origin: Option<&str>, allowed, key| OriginAnswer {
        check: OriginCheck {
            origin: origin.map(Into::into),
            allowed,
        },
        key,
    };

    // The other host's page: registered, so the origin alone is allowed,
    // but not for this host's key, which is refused there without CORS.
    let refused = get_from(&app, "/v1/streams", key, Some(OTHER_ORIGIN)).await;
    assert_eq!(refused.refusal().1, "origin_not_allowed");
    let alone = check(ask_origin(&app, "", Some(OTHER_ORIGIN)).await);
    assert_eq!(alone, answer(Some(OTHER_ORIGIN), true, None));
    assert!(!ask_origin(&app, "", Some(OTHER_ORIGIN))
        .await
        .text()
        .contains("key"));
    let with_key = format!("key={key}");
    for (origin, allowed) in [
        (Some(HOST_ORIGIN), true),
        (Some(OTHER_ORIGIN), false),
        (Some("https://stranger.example"), false),
        (None, false),
    ] {
        assert_eq!(
            check(ask_origin(&app, &with_key, origin).await),
            answer(origin, allowed, Some(KeyStanding::Ok)),
            "{origin:?}"
        );
    }

    // A key the API does not know has no host, so no origin is its host's.
    let unknown_key = format!("key={unknown}");
    for origin in [HOST_ORIGIN, OTHER_ORIGIN] {
        assert_eq!(
            check(ask_origin(&app, &unknown_key, Some(origin)).await),
            answer(Some(origin), false, Some(KeyStanding::Unknown))
        );
    }

    // A revoked key still names its host, and says it is revoked.
    let path = format!("/v1/host/publishable-keys/{}", minted.id);
    let revoked = app.call(Method::DELETE, &path, Some(HOST_KEY), None).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    for (origin, allowed) in [(HOST_ORIGIN, true), (OTHER_ORIGIN, false)] {
        assert_eq!(
            check(ask_origin(&app, &with_key, Some(origin)).await),
            answer(Some(origin), allowed, Some(KeyStanding::Revoked)),
            "{origin}"
        );
    }

    // Not a key's shape: 422 naming `key`, readable by the page too.
    for bad in [
        String::new(),
        "etp_1234".to_owned(),
        key.to_uppercase().replace("ETP_", "etp_"),
        format!(" {key}"),
        app.token.clone(),
        HOST_KEY.to_owned(),
    ] {
        let query = format!(
            "key={}",
            form_urlencoded::byte_serialize(bad.as_bytes()).collect::<String>()
        );
        let response = ask_origin(&app, &query, Some("https://stranger.example")).await;
        let (status, code, field, _) = response.refusal();
        assert_eq!(
            (status, code.as_str(), field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("key")
            ),
            "{bad:?}"
        );
    }
    // A parameter it does not know is named, not ignored.
    let response = ask_origin(&app, &with_key.replace("key=", "keys="), None).await;
    let (status, code, field, _) = response.refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (StatusCode::BAD_REQUEST, "bad_request", Some("keys"))
    );
}

/// `GET path` with `key` from client address `peer`.
async fn get_as_client(app: &TestApp, path: &str, key: &str, peer: &str) -> TestResponse {
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    app.send(request).await
}

#[tokio::test]
async fn requests_count_against_the_key_and_the_client_together() {
    let app = TestApp::with_settings(etalase_server::config::Settings {
        rate_limit_per_minute: 3,
        ..settings()
    })
    .await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let other = mint_key(&app, HOST_KEY).await.key;
    for _ in 0..3 {
        let response = get_as_client(&app, "/v1/streams", &key, "203.0.113.1").await;
        assert_eq!(response.status, StatusCode::OK);
    }
    let refused = get_as_client(&app, "/v1/streams", &key, "203.0.113.1").await;
    assert_eq!(refused.refusal().1, "rate_limited");
    assert!(refused.header("retry-after").is_some());
    // Another viewer of the same key, and another key of the same client,
    // have their own allowance.
    let neighbour = get_as_client(&app, "/v1/streams", &key, "203.0.113.2").await;
    assert_eq!(neighbour.status, StatusCode::OK);
    let second = get_as_client(&app, "/v1/streams", &other, "203.0.113.1").await;
    assert_eq!(second.status, StatusCode::OK);
}

#[tokio::test]
async fn public_reads_carry_a_strong_etag_and_are_revalidated() {
    let app = TestApp::new().await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let showcase = format!("/v1/streams/{STREAM}/products");
    for path in [
        "/v1/streams".to_owned(),
        showcase.clone(),
        format!("/v1/products/{SHIRT}"),
    ] {
        for bearer in [key.as_str(), app.token.as_str()] {
            let first = get_from(&app, &path, bearer, None).await;
            assert_eq!(
                first.header("cache-control"),
                Some("public, no-cache"),
                "{path}"
            );
            let tag = first.header("etag").unwrap().to_owned();
            assert!(tag.starts_with('"') && tag.ends_with('"'), "strong: {tag}");
            let again = app
                .call_with(
                    Method::GET,
                    &path,
                    Some(bearer),
                    &[("if-none-match", &tag)],
                    None,
                )
                .await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
            assert!(again.body.is_empty());
            assert_eq!(again.header("etag"), Some(tag.as_str()));
            assert_eq!(again.header("cache-control"), Some("public, no-cache"));
            let stale = app
                .call_with(
                    Method::GET,
                    &path,
                    Some(bearer),
                    &[("if-none-match", "\"0\"")],
                    None,
                )
                .await;
            assert_eq!(stale.status, StatusCode::OK);
            assert_eq!(stale.header("etag"), Some(tag.as_str()));
        }
    }

    // A pin changes the showcase and its tag at once: the tag held before
    // gets the new showcase, never a 304.
    let before = get_from(&app, &showcase, &key, None).await;
    let tag = before.header("etag").unwrap().to_owned();
    let creator = app.mint(CREATOR, "creator").await;
    let pinned = creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": BLOUSE }),
    )
    .await;
    assert_eq!(pinned.status, StatusCode::OK);
    let after = app
        .call_with(
            Method::GET,
            &showcase,
            Some(&key),
            &[("if-none-match", &tag)],
            None,
        )
        .await;
    assert_eq!(after.status, StatusCode::OK);
    assert_ne!(after.header("etag"), Some(tag.as_str()));
    assert_eq!(after.json::<Value>()["pinned_product_id"], BLOUSE);

    // Compressed, the tag names the coding, and is still recognised.
    let zipped = app
        .call_with(
            Method::GET,
            &showcase,
            Some(&key),
            &[("accept-encoding", "br")],
            None,
        )
        .await;
    let coded = zipped.header("etag").unwrap().to_owned();
    assert_eq!(zipped.header("content-encoding"), Some("br"));
    assert!(coded.ends_with("-br\""), "{coded}");
    let revalidated = app
        .call_with(
            Method::GET,
            &showcase,
            Some(&key),
            &[("accept-encoding", "br"), ("if-none-match", &coded)],
            None,
        )
        .await;
    assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);
    assert_eq!(revalidated.header("etag"), Some(coded.as_str()));
}

/// `POST /v1/host/publishable-keys` with the host's key, `body` sent as
/// `content_type` when given.
async fn mint_with(app: &TestApp, content_type: Option<&str>, body: &str) -> TestResponse {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/v1/host/publishable-keys")
        .header(header::AUTHORIZATION, format!("Bearer {HOST_KEY}"));
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    app.send(request.body(Body::from(body.to_owned())).unwrap())
        .await
}

#[tokio::test]
async fn minting_a_key_takes_no_fields_and_names_one_sent() {
    let app = TestApp::new().await;
    // No body, or an empty object: a key.
    for (content_type, body) in [(None, ""), (Some("application/json"), "{}")] {
        let response = mint_with(&app, content_type, body).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{body:?}: {}",
            response.text()
        );
    }
    // A field is named, and nothing is minted.
    let before = app
        .call(
            Method::GET,
            "/v1/host/publishable-keys",
            Some(HOST_KEY),
            None,
        )
        .await
        .json::<PublishableKeyList>()
        .keys
        .len();
    let body = r#"{"label":"shop page"}"#;
    let response = mint_with(&app, Some("application/json"), body).await;
    let (status, code, field, message) = response.refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("label")
        )
    );
    assert!(message.contains("takes no fields"), "{message}");
    for (content_type, body, expected, field) in [
        (
            Some("application/json"),
            "[]",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("body"),
        ),
        (
            Some("application/json"),
            "null",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("body"),
        ),
        (Some("application/json"), "{", StatusCode::BAD_REQUEST, None),
        (Some("text/plain"), "label=x", StatusCode::BAD_REQUEST, None),
        (None, "{}", StatusCode::BAD_REQUEST, None),
    ] {
        let (status, _, named, _) = mint_with(&app, content_type, body).await.refusal();
        assert_eq!((status, named.as_deref()), (expected, field), "{body:?}");
    }
    let after = app
        .call(
            Method::GET,
            "/v1/host/publishable-keys",
            Some(HOST_KEY),
            None,
        )
        .await
        .json::<PublishableKeyList>()
        .keys
        .len();
    assert_eq!(after, before);
}
