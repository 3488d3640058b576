//! Attacks on the API, as SECURITY.md lists them: one shopper or creator
//! reaching another's things by id, tokens used where they must not work,
//! tampered amounts, forged and replayed webhooks, strangers' origins,
//! hostile JSON and floods. Each test counts its attempts, and the counts
//! are the figures in SECURITY.md (`crate::figures`).

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use etalase_contract::{Address, Checkout, Order, OrderStatus, Quote};
use etalase_server::config::Settings;
use etalase_server::identity::secret;
use etalase_server::payments::webhook;
use etalase_server::time::Timestamp;
use serde_json::{json, Value};

use crate::addresses::bandung;
use crate::cart::{put_item, SHIRT_M};
use crate::figures;
use crate::helpers::{settings, TestApp, TestResponse, HOST_KEY, HOST_ORIGIN, WEBHOOK_SECRET};
use crate::live::{CREATOR, STREAM};
use crate::orders::place;
use crate::quote::{full_request, post_quote, two_shop_cart};

/// A second host, registered beside the demo host in [`with_other_host`].
const OTHER_HOST: &str = "other";
const OTHER_KEY: &str = "other-host-key";
const OTHER_ORIGIN: &str = "https://other.example";

/// One request of an attack: method, path, JSON body.
type Call = (Method, String, Option<Value>);

/// The status and error code of an answer.
fn outcome(response: &TestResponse) -> (StatusCode, String) {
    let code = serde_json::from_slice::<Value>(&response.body)
        .ok()
        .and_then(|body| body["error"]["code"].as_str().map(str::to_owned))
        .unwrap_or_default();
    (response.status, code)
}

/// Sends `call` with `bearer`, and an idempotency key for a new order.
async fn send(app: &TestApp, bearer: &str, (method, path, body): &Call) -> TestResponse {
    app.call_with(
        method.clone(),
        path,
        Some(bearer),
        &[("idempotency-key", "attack-key")],
        body.clone(),
    )
    .await
}

/// Registers [`OTHER_HOST`] and mints a token of it for `user_id`.
async fn with_other_host(app: &TestApp, user_id: &str, role: &str) -> String {
    app.store
        .register_host(
            OTHER_HOST,
            &secret::hash(OTHER_KEY),
            &[OTHER_ORIGIN.to_owned()],
        )
        .await
        .unwrap();
    let response = app
        .call(
            Method::POST,
            "/v1/host/sessions",
            Some(OTHER_KEY),
            Some(json!({ "user_id": user_id, "role": role })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json::<Value>()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// What shopper A owns: an address, a quote, a placed checkout, and a
/// fresh quote not yet placed.
struct Victim {
    address: Address,
    checkout: Checkout,
    open_quote: Quote,
}

async fn victim(app: &TestApp) -> Victim {
    let address_id = two_shop_cart(app, &app.token).await;
    let quote: Quote = post_quote(app, &app.token, full_request(&address_id))
        .await
        .json();
    let placed = place(app, &app.token, &quote.id, "victim-key").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    assert_eq!(
        put_item(app, &app.token, SHIRT_M, json!(1)).await.status,
        StatusCode::OK
    );
    let open_quote: Quote = post_quote(
        app,
        &app.token,
        json!({ "address_id": address_id, "payment": { "method": "qris" } }),
    )
    .await
    .json();
    Victim {
        address: app.get_json(&format!("/v1/addresses/{address_id}")).await,
        checkout: placed.json(),
        open_quote,
    }
}

/// Every call that names one of the victim's things by id.
fn calls_on(victim: &Victim) -> Vec<Call> {
    let address = &victim.address.id;
    let order = &victim.checkout.orders[0].id;
    let payment = &victim.checkout.payment.id;
    vec![
        (Method::GET, format!("/v1/addresses/{address}"), None),
        (Method::DELETE, format!("/v1/addresses/{address}"), None),
        (
            Method::POST,
            "/v1/checkout/quote".to_owned(),
            Some(json!({ "address_id": address, "payment": { "method": "qris" } })),
        ),
        (
            Method::POST,
            "/v1/orders".to_owned(),
            Some(json!({ "quote_id": victim.open_quote.id })),
        ),
        (Method::GET, format!("/v1/orders/{order}"), None),
        (Method::POST, format!("/v1/orders/{order}/cancel"), None),
        (
            Method::POST,
            format!("/v1/demo/payments/{payment}/pay"),
            None,
        ),
        (
            Method::POST,
            format!("/v1/demo/orders/{order}/advance"),
            None,
        ),
    ]
}

#[tokio::test]
async fn no_shopper_reaches_another_shoppers_things_by_id() {
    let app = TestApp::new().await;
    let victim = victim(&app).await;
    let before_cart = app.get("/v1/cart").await.body;
    // Another shopper of the same host, one with an empty cart, and the
    // same user id at another host: all strangers to shopper A.
    let other = app.mint("shopper-b", "shopper").await;
    put_item(&app, &other, SHIRT_M, json!(1)).await;
    let twin = with_other_host(&app, "shopper-a", "shopper").await;
    let mut attempts = 0;
    for attacker in [&other, &twin] {
        for call in calls_on(&victim) {
            let response = send(&app, attacker, &call).await;
            attempts += 1;
            assert_eq!(
                outcome(&response),
                (StatusCode::NOT_FOUND, "not_found".into()),
                "{} {}: {}",
                call.0,
                call.1,
                response.text()
            );
        }
        // Lists show only the attacker's own.
        for path in ["/v1/orders", "/v1/addresses"] {
            let list: Value = app
                .call(Method::GET, path, Some(attacker), None)
                .await
                .json();
            attempts += 1;
            assert!(!list.to_string().contains(&victim.address.id), "{path}");
            assert!(
                !list.to_string().contains(&victim.checkout.orders[0].id),
                "{path}"
            );
        }
    }
    assert_eq!(attempts, figures::IDOR_SHOPPERS);

    // Nothing of A's changed.
    assert_eq!(app.get("/v1/cart").await.body, before_cart);
    let address = app
        .get(&format!("/v1/addresses/{}", victim.address.id))
        .await;
    assert_eq!(address.status, StatusCode::OK);
    for placed in &victim.checkout.orders {
        let order: Order = app.get_json(&format!("/v1/orders/{}", placed.id)).await;
        assert_eq!(order.status, OrderStatus::AwaitingPayment);
    }
    let checkouts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkouts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(checkouts, 1, "no one placed A's open quote");
}

#[tokio::test]
async fn no_creator_changes_or_reads_another_creators_stream() {
    let app = TestApp::new().await;
    let before = app
        .get(&format!("/v1/streams/{STREAM}/products"))
        .await
        .body;
    let other = app.mint("crt-sari-masak", "creator").await;
    let newcomer = app.mint("someone-new", "creator").await;
    // The owner's own user id, at another host.
    let twin = with_other_host(&app, CREATOR, "creator").await;
    let calls: Vec<Call> = vec![
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/products"),
            Some(json!({ "product_ids": ["prd-hoodie-fleece-oversize"] })),
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/pin"),
            Some(json!({ "product_id": null })),
        ),
        (
            Method::POST,
            format!("/v1/creator/streams/{STREAM}/vouchers"),
            Some(
                json!({ "kind": "amount", "value": 1_000_000, "quota": 100, "claimable_minutes": 60 }),
            ),
        ),
        (
            Method::GET,
            format!("/v1/creator/streams/{STREAM}/sales"),
            None,
        ),
    ];
    let mut attempts = 0;
    for attacker in [&other, &newcomer, &twin] {
        for call in &calls {
            let response = send(&app, attacker, call).await;
            attempts += 1;
            assert_eq!(
                outcome(&response),
                (StatusCode::NOT_FOUND, "not_found".into()),
                "{} {}",
                call.0,
                call.1
            );
        }
        let own: Value = app
            .call(Method::GET, "/v1/creator/streams", Some(attacker), None)
            .await
            .json();
        attempts += 1;
        assert!(!own.to_string().contains(STREAM));
    }
    assert_eq!(attempts, figures::IDOR_CREATORS);
    assert_eq!(
        app.get(&format!("/v1/streams/{STREAM}/products"))
            .await
            .body,
        before
    );
    let vouchers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM live_vouchers")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(vouchers, 0);
}

/// Every endpoint a token opens, by who may call it.
fn shopper_calls() -> Vec<Call> {
    vec![
        (Method::GET, "/v1/cart".into(), None),
        (
            Method::PUT,
            format!("/v1/cart/items/{SHIRT_M}"),
            Some(json!({ "quantity": 1 })),
        ),
        (Method::DELETE, format!("/v1/cart/items/{SHIRT_M}"), None),
        (Method::GET, "/v1/addresses".into(), None),
        (Method::POST, "/v1/addresses".into(), Some(bandung())),
        (
            Method::GET,
            "/v1/addresses/adr-0000000000000000".into(),
            None,
        ),
        (
            Method::DELETE,
            "/v1/addresses/adr-0000000000000000".into(),
            None,
        ),
        (
            Method::POST,
            "/v1/checkout/quote".into(),
            Some(json!({ "address_id": "adr-0000000000000000", "payment": { "method": "qris" } })),
        ),
        (
            Method::POST,
            "/v1/orders".into(),
            Some(json!({ "quote_id": "qt-0000000000000000" })),
        ),
        (Method::GET, "/v1/orders".into(), None),
        (Method::GET, "/v1/orders/ord-0000000000000000".into(), None),
        (
            Method::POST,
            "/v1/orders/ord-0000000000000000/cancel".into(),
            None,
        ),
        (
            Method::POST,
            format!("/v1/streams/{STREAM}/vouchers/LIVE0000000000000000/claim"),
            None,
        ),
        (
            Method::POST,
            "/v1/demo/payments/pay-0000000000000000/pay".into(),
            None,
        ),
        (
            Method::POST,
            "/v1/demo/orders/ord-0000000000000000/advance".into(),
            None,
        ),
    ]
}

fn creator_calls() -> Vec<Call> {
    vec![
        (Method::GET, "/v1/products?q=kopi".into(), None),
        (Method::GET, "/v1/creator/streams".into(), None),
        (
            Method::POST,
            "/v1/creator/streams".into(),
            Some(json!({ "title": "Siaran", "kind": "live" })),
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/products"),
            Some(json!({ "product_ids": [] })),
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/pin"),
            Some(json!({ "product_id": null })),
        ),
        (
            Method::POST,
            format!("/v1/creator/streams/{STREAM}/vouchers"),
            Some(json!({ "kind": "percent", "value": 10, "quota": 5, "claimable_minutes": 5 })),
        ),
        (
            Method::GET,
            format!("/v1/creator/streams/{STREAM}/sales"),
            None,
        ),
    ]
}

fn viewer_calls() -> Vec<Call> {
    vec![
        (Method::GET, "/v1/streams".into(), None),
        (Method::GET, format!("/v1/streams/{STREAM}/products"), None),
        (Method::GET, format!("/v1/streams/{STREAM}/events"), None),
        (
            Method::GET,
            "/v1/products/prd-kemeja-batik-parang".into(),
            None,
        ),
    ]
}

#[tokio::test]
async fn a_token_opens_only_what_its_role_may_call() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let mut attempts = 0;
    for call in shopper_calls() {
        let response = send(&app, &creator, &call).await;
        attempts += 1;
        assert_eq!(
            outcome(&response),
            (StatusCode::FORBIDDEN, "wrong_role".into()),
            "creator token on {} {}",
            call.0,
            call.1
        );
    }
    for call in creator_calls() {
        let response = send(&app, &app.token, &call).await;
        attempts += 1;
        assert_eq!(
            outcome(&response),
            (StatusCode::FORBIDDEN, "wrong_role".into()),
            "shopper token on {} {}",
            call.0,
            call.1
        );
    }
    // A host's API key is no token, and a token is no host key.
    for call in shopper_calls().iter().chain(&viewer_calls()) {
        let response = send(&app, HOST_KEY, call).await;
        attempts += 1;
        assert_eq!(
            outcome(&response),
            (StatusCode::UNAUTHORIZED, "unauthenticated".into()),
            "host key on {} {}",
            call.0,
            call.1
        );
    }
    for token in [&app.token, &creator] {
        let response = app
            .call(
                Method::POST,
                "/v1/host/sessions",
                Some(token),
                Some(json!({ "user_id": "anyone", "role": "shopper" })),
            )
            .await;
        attempts += 1;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(attempts, figures::ROLE_SWAPS);
    let lines: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cart_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(lines, 0, "no call went through");
}

#[tokio::test]
async fn an_expired_token_replayed_anywhere_is_refused() {
    // Sessions read on every request: they are changed behind the API's back.
    let app = TestApp::with_settings(Settings {
        session_hold: Duration::ZERO,
        ..settings()
    })
    .await;
    let creator = app.mint(CREATOR, "creator").await;
    // Both tokens worked a moment ago.
    assert_eq!(app.get("/v1/cart").await.status, StatusCode::OK);
    sqlx::query(
        "UPDATE sessions SET created_at = '2019-12-31T23:00:00.000Z',
                             expires_at = '2020-01-01T00:00:00.000Z'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let mut attempts = 0;
    let by_shopper = shopper_calls().into_iter().chain(viewer_calls());
    let by_creator = creator_calls().into_iter().chain(viewer_calls());
    for (token, calls) in [
        (&app.token, by_shopper.collect::<Vec<_>>()),
        (&creator, by_creator.collect()),
    ] {
        for call in calls {
            let response = send(&app, token, &call).await;
            attempts += 1;
            assert_eq!(
                outcome(&response),
                (StatusCode::UNAUTHORIZED, "token_expired".into()),
                "{} {}",
                call.0,
                call.1
            );
        }
    }
    assert_eq!(attempts, figures::EXPIRED_REPLAYS);
}

#[tokio::test]
async fn another_hosts_key_mints_only_its_own_users() {
    let app = TestApp::new().await;
    assert_eq!(
        put_item(&app, &app.token, SHIRT_M, json!(2)).await.status,
        StatusCode::OK
    );
    // Host "other" mints for its user "shopper-a": not the demo host's.
    let twin = with_other_host(&app, "shopper-a", "shopper").await;
    let cart: Value = app
        .call(Method::GET, "/v1/cart", Some(&twin), None)
        .await
        .json();
    assert_eq!(cart["shops"], json!([]), "{cart}");
    let users: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE external_id = 'shopper-a'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(users, 2, "one user per host");
    // A forged token of the right shape is unknown.
    let forged = format!("etl_{}", "a".repeat(64));
    let response = app.call(Method::GET, "/v1/cart", Some(&forged), None).await;
    assert_eq!(
        outcome(&response),
        (StatusCode::UNAUTHORIZED, "unauthenticated".into())
    );
}

#[tokio::test]
async fn client_sent_prices_discounts_and_quantities_are_refused() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let mut attempts = 0;
    // Amounts a client might slip into the cart.
    for extra in [
        json!({ "quantity": 1, "price": 1 }),
        json!({ "quantity": 1, "unit_price": 0 }),
        json!({ "quantity": 1, "discount": 100_000 }),
        json!({ "quantity": 1, "subtotal": 1 }),
    ] {
        let response = put_item(&app, &app.token, SHIRT_M, extra.clone()).await;
        attempts += 1;
        assert_eq!(
            outcome(&response).0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{extra}"
        );
    }
    // Quantities: none, negative, fractional, past the stock, past u32.
    for quantity in [
        json!(0),
        json!(-1),
        json!(1.5),
        json!(100_000),
        json!(4_294_967_296_u64),
        json!(i64::MIN),
        json!("1"),
    ] {
        let response = put_item(&app, &app.token, SHIRT_M, quantity.clone()).await;
        attempts += 1;
        // `insufficient_stock` past the stock, `invalid_field` otherwise.
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{quantity}"
        );
        assert_eq!(response.json::<Value>()["error"]["field"], "quantity");
    }
    // Amounts in a quote request, at the top and inside.
    let base = full_request(&address);
    let mut tampered = Vec::new();
    for (key, value) in [
        ("total", json!(1)),
        ("grand_total", json!(1)),
        ("discount", json!(999_999)),
        ("shipping_cost", json!(0)),
        ("fees", json!(0)),
    ] {
        let mut body = base.clone();
        body[key] = value;
        tampered.push(body);
    }
    let mut inside = base.clone();
    inside["shipping"][0]["price"] = json!(0);
    tampered.push(inside);
    let mut inside = base.clone();
    inside["payment"]["fee"] = json!(0);
    tampered.push(inside);
    for body in tampered {
        let response = post_quote(&app, &app.token, body.clone()).await;
        attempts += 1;
        assert_eq!(
            outcome(&response),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field".into()),
            "{body}"
        );
    }
    // The same voucher twice, or one that does not exist, counts nothing.
    for vouchers in [json!(["ETALASE10", "etalase10"]), json!(["FREE100PERCENT"])] {
        let mut body = base.clone();
        body["vouchers"] = vouchers.clone();
        let response = post_quote(&app, &app.token, body).await;
        attempts += 1;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{vouchers}: {}",
            response.text()
        );
    }
    // An order body carrying amounts.
    let quote: Quote = post_quote(&app, &app.token, base.clone()).await.json();
    for extra in [
        json!({ "total": 1 }),
        json!({ "amount": 1 }),
        json!({ "discount": 1 }),
    ] {
        let mut body = json!({ "quote_id": quote.id });
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let response = app
            .call_with(
                Method::POST,
                "/v1/orders",
                Some(&app.token),
                &[("idempotency-key", "tamper")],
                Some(body),
            )
            .await;
        attempts += 1;
        assert_eq!(outcome(&response).0, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The cart grown after the quote: the quote no longer holds.
    assert_eq!(
        put_item(&app, &app.token, SHIRT_M, json!(3)).await.status,
        StatusCode::OK
    );
    let response = place(&app, &app.token, &quote.id, "grown").await;
    attempts += 1;
    assert_eq!(
        outcome(&response),
        (StatusCode::CONFLICT, "quote_changed".into())
    );
    assert_eq!(attempts, figures::TAMPERING);
    let checkouts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkouts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(checkouts, 0);
}

/// `hex` with its last digit changed.
fn flip_last(hex: &str) -> String {
    let (head, last) = hex.split_at(hex.len() - 1);
    format!("{head}{}", if last == "0" { "1" } else { "0" })
}

/// Posts `body` to the webhook with `signature` (none when `None`).
async fn webhook_post(app: &TestApp, body: &[u8], signature: Option<String>) -> TestResponse {
    let mut request =
        Request::post("/v1/payments/webhook").header(header::CONTENT_TYPE, "application/json");
    if let Some(signature) = signature {
        request = request.header(webhook::HEADER, signature);
    }
    app.send(request.body(Body::from(body.to_vec())).unwrap())
        .await
}

#[tokio::test]
async fn forged_and_replayed_webhooks_change_nothing() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let mut request = full_request(&address);
    request["payment"] = json!({ "method": "qris" });
    let quote: Quote = post_quote(&app, &app.token, request).await.json();
    let checkout: Checkout = place(&app, &app.token, &quote.id, "k").await.json();
    let now = Timestamp::now().unix_seconds();
    let event =
        json!({ "id": "evt_paid", "type": "payment.paid", "payment_id": checkout.payment.id });
    let body = serde_json::to_vec(&event).unwrap();
    let good = webhook::sign(WEBHOOK_SECRET, now, &body);
    let hex = good.split_once(",v1=").unwrap().1.to_owned();
    let mut attempts = 0;
    let forgeries: Vec<Option<String>> = vec![
        None,
        Some(String::new()),
        Some(format!("v1={hex}")),
        Some(format!("t={now}")),
        Some(format!("t={now},v1=")),
        Some(format!("t={now},v1=zz")),
        Some(format!("t={now},v1={}", "0".repeat(64))),
        Some(format!("t={now},v1={}", &hex[..32])),
        Some(format!("t={},v1={hex}", now + 1)),
        Some(format!("t={now},v0={hex}")),
        Some(format!("t={now},v1={}", flip_last(&hex))),
        Some(webhook::sign("", now, &body)),
        Some(webhook::sign("test-webhook-secreT", now, &body)),
        Some(webhook::sign(WEBHOOK_SECRET, now - 301, &body)),
        Some(webhook::sign(WEBHOOK_SECRET, now + 301, &body)),
        Some(webhook::sign(WEBHOOK_SECRET, i64::MIN, &body)),
        Some(webhook::sign(WEBHOOK_SECRET, i64::MAX, &body)),
        Some(format!("t=-9223372036854775808,v1={hex}")),
        Some(format!("t=99999999999999999999,v1={hex}")),
        Some(webhook::sign(WEBHOOK_SECRET, now, b"{}")),
    ];
    for signature in forgeries {
        let response = webhook_post(&app, &body, signature.clone()).await;
        attempts += 1;
        assert_eq!(
            outcome(&response),
            (StatusCode::UNAUTHORIZED, "invalid_signature".into()),
            "{signature:?}"
        );
    }
    // A signed body with something appended, or re-encoded.
    let mut longer = body.clone();
    longer.extend_from_slice(b" ");
    let pretty = serde_json::to_vec_pretty(&event).unwrap();
    for changed in [longer, pretty] {
        let response = webhook_post(&app, &changed, Some(good.clone())).await;
        attempts += 1;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let paid: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE status != 'pending'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(paid, 0, "no forgery had an effect");

    // The genuine event, then its exact replay within the tolerance, and a
    // fresh signature over the same event: applied once.
    let first = webhook_post(&app, &body, Some(good.clone())).await;
    assert_eq!(first.json::<Value>()["applied"], true);
    for signature in [good.clone(), webhook::sign(WEBHOOK_SECRET, now + 5, &body)] {
        let again = webhook_post(&app, &body, Some(signature)).await;
        attempts += 1;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.json::<Value>()["applied"], false);
    }
    // A later "failed" for the paid payment cannot release its stock.
    let failed = serde_json::to_vec(
        &json!({ "id": "evt_failed", "type": "payment.failed", "payment_id": checkout.payment.id }),
    )
    .unwrap();
    let response = webhook_post(
        &app,
        &failed,
        Some(webhook::sign(WEBHOOK_SECRET, now, &failed)),
    )
    .await;
    attempts += 1;
    assert_eq!(
        response.json::<Value>()["applied"],
        false,
        "{}",
        response.text()
    );
    assert_eq!(attempts, figures::WEBHOOK_FORGERIES);
    let order: Order = app
        .get_json(&format!("/v1/orders/{}", checkout.orders[0].id))
        .await;
    assert_eq!(order.status, OrderStatus::Paid);
}

#[tokio::test]
async fn look_alike_origins_get_no_cors_headers() {
    let app = TestApp::new().await;
    let mut attempts = 0;
    for origin in [
        "null",
        "http://host.example",
        "https://host.example.evil.example",
        "https://evil.example/https://host.example",
        "https://host.example:444",
        "https://HOST.EXAMPLE",
        "https://xhost.example",
        "https://host.example.",
        "",
    ] {
        for preflight in [true, false] {
            let mut request = Request::builder()
                .uri("/v1/cart")
                .header(header::ORIGIN, origin)
                .header(header::AUTHORIZATION, format!("Bearer {}", app.token));
            request = if preflight {
                request
                    .method(Method::OPTIONS)
                    .header(header::ACCESS_CONTROL_REQUEST_METHOD, "PUT")
                    .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
            } else {
                request.method(Method::GET)
            };
            let response = app.send(request.body(Body::empty()).unwrap()).await;
            attempts += 1;
            let cors: Vec<&str> = response
                .headers
                .keys()
                .map(|name| name.as_str())
                .filter(|name| name.starts_with("access-control-"))
                .collect();
            assert!(cors.is_empty(), "{origin:?} got {cors:?}");
        }
    }
    assert_eq!(attempts, figures::CORS_STRANGERS);
    // The registered origin still does.
    let response = app
        .send(
            Request::get("/v1/cart")
                .header(header::ORIGIN, HOST_ORIGIN)
                .header(header::AUTHORIZATION, format!("Bearer {}", app.token))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some(HOST_ORIGIN)
    );
}

/// An object whose field `field` holds arrays nested `depth` deep.
fn nested(field: &str, depth: usize) -> Vec<u8> {
    format!("{{\"{field}\":{}{}}}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
}

#[tokio::test]
async fn deeply_nested_and_oversized_bodies_are_refused_without_harm() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let shopper = app.token.clone();
    // Each endpoint with its bearer and the first field its body reads.
    let endpoints: Vec<(Method, String, String, &str)> = vec![
        (
            Method::POST,
            "/v1/host/sessions".into(),
            HOST_KEY.into(),
            "user_id",
        ),
        (
            Method::POST,
            "/demo/session".into(),
            String::new(),
            "user_id",
        ),
        (
            Method::PUT,
            format!("/v1/cart/items/{SHIRT_M}"),
            shopper.clone(),
            "quantity",
        ),
        (
            Method::POST,
            "/v1/addresses".into(),
            shopper.clone(),
            "recipient",
        ),
        (
            Method::POST,
            "/v1/checkout/quote".into(),
            shopper.clone(),
            "shipping",
        ),
        (
            Method::POST,
            "/v1/orders".into(),
            shopper.clone(),
            "quote_id",
        ),
        (
            Method::POST,
            "/v1/creator/streams".into(),
            creator.clone(),
            "title",
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/products"),
            creator.clone(),
            "product_ids",
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/pin"),
            creator.clone(),
            "product_id",
        ),
        (
            Method::POST,
            format!("/v1/creator/streams/{STREAM}/vouchers"),
            creator,
            "kind",
        ),
    ];
    let mut attempts = 0;
    // 129 levels pass serde_json's recursion limit; 30,000 fit in 64 KiB.
    // In a field the body reads, and in one it does not know.
    for (depth, known) in [(129, true), (129, false), (30_000, true), (30_000, false)] {
        for (method, path, bearer, field) in &endpoints {
            let field = if known { field } else { "zz" };
            let mut request = Request::builder()
                .method(method.clone())
                .uri(path.as_str())
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", "deep");
            if !bearer.is_empty() {
                request = request.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
            }
            let response = app
                .send(request.body(Body::from(nested(field, depth))).unwrap())
                .await;
            attempts += 1;
            assert!(
                response.status.is_client_error(),
                "{method} {path} at depth {depth}: {}",
                response.text()
            );
            assert!(response.json::<Value>()["error"]["code"].is_string());
        }
        // The webhook parses only a signed body: sign the hostile one.
        let body = nested(if known { "id" } else { "zz" }, depth);
        let now = Timestamp::now().unix_seconds();
        let response =
            webhook_post(&app, &body, Some(webhook::sign(WEBHOOK_SECRET, now, &body))).await;
        attempts += 1;
        assert!(response.status.is_client_error(), "{}", response.text());
        assert!(response.json::<Value>()["error"]["code"].is_string());
    }
    // Over 64 KiB, declared or streamed in chunks without a length.
    let big = vec![b' '; 65 * 1024];
    let declared = app
        .send(
            Request::post("/v1/addresses")
                .header(header::AUTHORIZATION, format!("Bearer {shopper}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big.clone()))
                .unwrap(),
        )
        .await;
    attempts += 1;
    assert_eq!(declared.status, StatusCode::PAYLOAD_TOO_LARGE);
    let chunks = big
        .chunks(4096)
        .map(|chunk| Ok::<_, std::io::Error>(chunk.to_vec()))
        .collect::<Vec<_>>();
    let streamed = app
        .send(
            Request::post("/v1/payments/webhook")
                .header(header::CONTENT_TYPE, "application/json")
                .header(webhook::HEADER, "t=0,v1=00")
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap(),
        )
        .await;
    attempts += 1;
    assert_eq!(streamed.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(attempts, figures::HOSTILE_JSON);
    // The server still serves.
    assert_eq!(app.get("/v1/cart").await.status, StatusCode::OK);
}

/// `GET path` from `ip`, as a TCP peer would be seen, with `bearer`.
async fn from_ip(app: &TestApp, ip: &str, path: &str, bearer: Option<&str>) -> TestResponse {
    let mut request = Request::get(path).header(header::ORIGIN, HOST_ORIGIN);
    if let Some(bearer) = bearer {
        request = request.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
    }
    let mut request = request.body(Body::empty()).unwrap();
    let peer = SocketAddr::new(ip.parse::<IpAddr>().unwrap(), 40000);
    request.extensions_mut().insert(ConnectInfo(peer));
    app.send(request).await
}

#[tokio::test]
async fn one_address_over_its_rate_limit_gets_429_with_retry_after() {
    let app = TestApp::with_settings(Settings {
        rate_limit_per_ip_per_minute: 4,
        ..settings()
    })
    .await;
    let other = app.mint("shopper-b", "shopper").await;
    // Four requests from one address, with any token or none, then 429.
    let mut attempts = 0;
    for bearer in [Some(app.token.as_str()), Some(other.as_str()), None, None] {
        let response = from_ip(&app, "203.0.113.7", "/v1/streams", bearer).await;
        attempts += 1;
        assert_ne!(response.status, StatusCode::TOO_MANY_REQUESTS);
    }
    for path in [
        "/v1/streams",
        "/healthz",
        "/v1/host/sessions",
        "/openapi.json",
    ] {
        let limited = from_ip(&app, "203.0.113.7", path, Some(&app.token)).await;
        attempts += 1;
        assert_eq!(
            outcome(&limited),
            (StatusCode::TOO_MANY_REQUESTS, "rate_limited".into()),
            "{path}"
        );
        let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
        assert!((14..=15).contains(&retry_after), "{retry_after}");
        // The widget on a registered origin can read why and when.
        assert_eq!(
            limited.header("access-control-allow-origin"),
            Some(HOST_ORIGIN)
        );
        assert!(limited
            .header("access-control-expose-headers")
            .unwrap()
            .contains("retry-after"));
    }
    // Another address, and another /64, have their own allowance; the
    // same /64 shares one.
    assert_eq!(
        from_ip(&app, "198.51.100.1", "/v1/streams", Some(&app.token))
            .await
            .status,
        StatusCode::OK
    );
    for n in 0..4 {
        let ip = format!("2001:db8:0:1::{n}");
        let response = from_ip(&app, &ip, "/healthz", None).await;
        attempts += 1;
        assert_eq!(response.status, StatusCode::OK, "{ip}");
    }
    let same_prefix = from_ip(&app, "2001:db8:0:1:ffff::1", "/healthz", None).await;
    attempts += 1;
    assert_eq!(same_prefix.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        from_ip(&app, "2001:db8:0:2::1", "/healthz", None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(attempts, figures::FLOOD_PER_IP);
}

#[tokio::test]
async fn a_token_over_its_limit_is_refused_from_any_address() {
    let app = TestApp::with_settings(Settings {
        rate_limit_per_minute: 2,
        ..settings()
    })
    .await;
    let mut attempts = 0;
    for ip in ["203.0.113.1", "203.0.113.2"] {
        let response = from_ip(&app, ip, "/v1/cart", Some(&app.token)).await;
        attempts += 1;
        assert_eq!(response.status, StatusCode::OK);
    }
    // Moving to a fresh address does not reset the token's allowance.
    for ip in ["203.0.113.3", "2001:db8::3", "198.51.100.9"] {
        let response = from_ip(&app, ip, "/v1/cart", Some(&app.token)).await;
        attempts += 1;
        assert_eq!(
            outcome(&response),
            (StatusCode::TOO_MANY_REQUESTS, "rate_limited".into()),
            "{ip}"
        );
        assert!(response.header("retry-after").is_some());
    }
    assert_eq!(attempts, figures::FLOOD_PER_TOKEN);
}
