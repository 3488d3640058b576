//! `POST /v1/orders`: exactly once, never oversold, re-priced, cancellable,
//! expiring; and the order history.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use etalase_contract::{Cart, Checkout, Order, OrderList, OrderStatus, Quote, Rupiah};
use etalase_server::identity::secret;
use etalase_server::orders::lifecycle;
use etalase_server::store::NewAnswer;
use etalase_server::time::Timestamp;
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{put_item, SAMBAL, SHIRT_M};
use crate::helpers::{TestApp, TestResponse, HOST_ORIGIN};
use crate::quote::{full_request, post_quote, two_shop_cart};

/// `POST /v1/orders` for `quote_id` under `key`, as the holder of `token`.
pub async fn place(app: &TestApp, token: &str, quote_id: &str, key: &str) -> TestResponse {
    app.call_with(
        Method::POST,
        "/v1/orders",
        Some(token),
        &[("idempotency-key", key)],
        Some(json!({ "quote_id": quote_id })),
    )
    .await
}

/// A fresh quote of `token`'s cart with the full request.
pub async fn quoted(app: &TestApp, token: &str, address: &str) -> Quote {
    let response = post_quote(app, token, full_request(address)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

async fn stock(app: &TestApp, variant: &str) -> i64 {
    sqlx::query_scalar("SELECT stock FROM variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn code(response: &TestResponse) -> String {
    response.json::<Value>()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_quote_becomes_one_order_per_shop_under_one_checkout_and_payment() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let (shirt_before, sambal_before) = (stock(&app, SHIRT_M).await, stock(&app, SAMBAL).await);

    let response = place(&app, &app.token, &quote.id, "key-1").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();
    assert_eq!(checkout.totals, quote.totals, "the totals are the quote's");
    assert_eq!(checkout.orders.len(), 2);
    assert_eq!(checkout.vouchers, quote.vouchers);
    for (order, part) in checkout.orders.iter().zip(&quote.shops) {
        assert_eq!(order.shop, part.shop);
        assert_eq!(order.total, part.total);
        assert_eq!(order.status, OrderStatus::AwaitingPayment);
        assert_eq!(order.timeline.len(), 1);
        assert_eq!(order.stream_id.as_deref(), Some("live-gaya-raka"));
        assert_eq!(order.creator_id.as_deref(), Some("crt-raka-gaya"));
        assert_eq!(order.payment_id, checkout.payment.id);
        assert_eq!(order.checkout_id, checkout.id);
    }
    let sum = checkout
        .orders
        .iter()
        .fold(Rupiah::ZERO, |s, o| s + o.total);
    assert_eq!(sum + checkout.totals.payment_fee, checkout.payment.amount);
    assert_eq!(checkout.payment.amount, quote.totals.grand_total);

    assert_eq!(stock(&app, SHIRT_M).await, shirt_before - 1);
    assert_eq!(stock(&app, SAMBAL).await, sambal_before - 2);
    assert_eq!(
        scalar(&app, "SELECT used FROM vouchers WHERE code = 'ETALASE10'").await,
        1
    );
    let cart: Cart = app.get_json("/v1/cart").await;
    assert!(cart.shops.is_empty(), "ordered lines leave the cart");

    // Answered as written: each order as it reads back.
    for answered in &checkout.orders {
        let order: Order = app.get_json(&format!("/v1/orders/{}", answered.id)).await;
        assert_eq!(&order, answered);
    }
    let history: OrderList = app.get_json("/v1/orders").await;
    assert_eq!(history.orders.len(), 2);
}

#[tokio::test]
async fn another_shoppers_order_is_not_found() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let checkout: Checkout = place(&app, &app.token, &quote.id, "k").await.json();
    let other = app.mint("shopper-b", "shopper").await;
    let id = &checkout.orders[0].id;
    let read = app
        .call(Method::GET, &format!("/v1/orders/{id}"), Some(&other), None)
        .await;
    assert_eq!(read.status, StatusCode::NOT_FOUND);
    let cancel = app
        .call(
            Method::POST,
            &format!("/v1/orders/{id}/cancel"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND);
    let theirs: OrderList = app
        .call(Method::GET, "/v1/orders", Some(&other), None)
        .await
        .json();
    assert!(theirs.orders.is_empty());
    // Nor can they place A's quote.
    let response = place(&app, &other, &quote.id, "k").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_changed_price_is_409_quote_changed_with_the_new_totals() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    sqlx::query("UPDATE variants SET price = price + 1000 WHERE id = $1")
        .bind(SAMBAL)
        .execute(&app.db)
        .await
        .unwrap();
    let response = place(&app, &app.token, &quote.id, "key-a").await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    let body: Value = response.json();
    assert_eq!(body["error"]["code"], "quote_changed");
    let fresh: Quote = serde_json::from_value(body["error"]["quote"].clone()).unwrap();
    assert_ne!(fresh.id, quote.id);
    assert!(fresh.totals.grand_total > quote.totals.grand_total);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 0);
    // The new quote can be placed as it is.
    let response = place(&app, &app.token, &fresh.id, "key-b").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();
    assert_eq!(checkout.totals, fresh.totals);
}

#[tokio::test]
async fn a_client_sent_total_is_refused() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    for (key, value) in [
        ("total", json!(1)),
        ("grand_total", json!(1)),
        ("discount", json!(1)),
    ] {
        let mut body = json!({ "quote_id": quote.id });
        body[key] = value;
        let response = app
            .call_with(
                Method::POST,
                "/v1/orders",
                Some(&app.token),
                &[("idempotency-key", key)],
                Some(body),
            )
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.json::<Value>()["error"]["field"], key);
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 0);
}

#[tokio::test]
async fn the_idempotency_key_is_required_and_checked() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let missing = app
        .call(
            Method::POST,
            "/v1/orders",
            Some(&app.token),
            Some(json!({ "quote_id": quote.id })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.json::<Value>()["error"]["field"], "Idempotency-Key");
    let twice = app
        .call_with(
            Method::POST,
            "/v1/orders",
            Some(&app.token),
            &[("idempotency-key", "one"), ("idempotency-key", "two")],
            Some(json!({ "quote_id": quote.id })),
        )
        .await;
    let (status, _, field, message) = twice.refusal();
    assert_eq!(
        (status, field.as_deref()),
        (StatusCode::BAD_REQUEST, Some("Idempotency-Key")),
        "{message}"
    );
    assert!(message.contains("one Idempotency-Key"), "{message}");
    let long = "k".repeat(256);
    for bad in ["", "has space", long.as_str()] {
        let response = place(&app, &app.token, &quote.id, bad).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(
            response.json::<Value>()["error"]["field"],
            "Idempotency-Key"
        );
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 0);
}

#[tokio::test]
async fn a_quote_id_longer_than_any_quote_has_is_refused_and_nothing_is_kept() {
    let app = TestApp::new().await;
    let kept = "SELECT COUNT(*) FROM idempotency_keys";
    // An unknown id of an ordinary length: 404, kept under its key.
    let unknown = place(&app, &app.token, "qt-0000000000000000", "short").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.text());
    assert_eq!(scalar(&app, kept).await, 1);
    // One most of the body limit long: refused before it is looked up, its
    // answer short and kept nowhere, so no request stores kilobytes.
    for length in [65, 60_000] {
        let id = "q".repeat(length);
        let response = place(&app, &app.token, &id, &format!("long-{length}")).await;
        let (status, code, field, message) = response.refusal();
        assert_eq!(
            (status, code.as_str(), field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("quote_id")
            ),
            "{message}"
        );
        assert!(response.body.len() < 300, "{} bytes", response.body.len());
    }
    assert_eq!(scalar(&app, kept).await, 1);
    let longest = place(&app, &app.token, &"q".repeat(64), "longest").await;
    assert_eq!(longest.status, StatusCode::NOT_FOUND, "{}", longest.text());
}

#[tokio::test]
async fn the_same_key_replays_byte_for_byte_and_another_body_is_refused() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let first = place(&app, &app.token, &quote.id, "key-1").await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.header("idempotent-replayed"), None);
    // A script on the host's page may read that an answer is a replay.
    let from_page = app
        .call_with(
            Method::POST,
            "/v1/orders",
            Some(&app.token),
            &[("idempotency-key", "key-1"), ("origin", HOST_ORIGIN)],
            Some(json!({ "quote_id": quote.id })),
        )
        .await;
    assert_eq!(from_page.header("idempotent-replayed"), Some("true"));
    let exposed = from_page.header("access-control-expose-headers").unwrap();
    assert!(exposed.contains("idempotent-replayed"), "{exposed}");
    for _ in 0..1_000 {
        let again = place(&app, &app.token, &quote.id, "key-1").await;
        assert_eq!(again.status, StatusCode::CREATED);
        assert_eq!(again.body, first.body);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);

    let reused = place(&app, &app.token, "qt-another", "key-1").await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code(&reused), "idempotency_key_reused");
    // Keys are per shopper: B's key-1 is B's own.
    let other = app.mint("shopper-b", "shopper").await;
    let theirs = place(&app, &other, &quote.id, "key-1").await;
    assert_eq!(
        theirs.status,
        StatusCode::NOT_FOUND,
        "B cannot place A's quote"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_requests_with_one_key_make_one_checkout() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (app, quote_id) = (app.clone(), quote.id.clone());
        tasks.push(tokio::spawn(async move {
            place(&app, &app.token, &quote_id, "same-key").await
        }));
    }
    let mut bodies = HashSet::new();
    for task in tasks {
        let response = task.await.unwrap();
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        bodies.insert(response.body.clone());
    }
    assert_eq!(bodies.len(), 1, "every answer is byte-identical");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM payments").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_duplicate_is_woken_as_soon_as_the_first_request_finishes() {
    const ROUNDS: usize = 5;
    let app = std::sync::Arc::new(TestApp::new().await);
    let user = shopper_id(&app).await;
    let fingerprint = secret::hash(&json!({ "quote_id": "qt-held" }).to_string());
    let mut lags = Vec::with_capacity(ROUNDS);
    for n in 0..ROUNDS {
        let key = format!("held-{n}");
        // The first request, on this instance: the key run here, its
        // answer kept, then its finish announced to the key's waiters.
        let running = app.state.key_waits.run(user, &key).unwrap();
        let duplicate = tokio::spawn({
            let (app, key) = (app.clone(), key.clone());
            async move {
                let response = place(&app, &app.token, "qt-held", &key).await;
                (response, Instant::now())
            }
        });
        let deadline = Instant::now() + Duration::from_secs(5);
        while app.state.key_waits.waiting(user, &key) == 0 {
            assert!(Instant::now() < deadline, "the duplicate never waited");
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // The first request works on a while: the duplicate is parked.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let kept = app
            .state
            .store
            .store_answer(NewAnswer {
                user_id: user,
                key: &key,
                fingerprint: &fingerprint,
                status: 201,
                body: br#"{"held":true}"#,
            })
            .await
            .unwrap();
        assert!(kept);
        let finished = Instant::now();
        drop(running);
        let (response, answered) = duplicate.await.unwrap();
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        assert_eq!(response.body, br#"{"held":true}"#.as_slice());
        assert_eq!(response.header("idempotent-replayed"), Some("true"));
        lags.push(answered - finished);
    }
    assert_eq!(app.state.key_waits.waiting(user, "held-0"), 0);
    lags.sort();
    eprintln!(
        "duplicate answered after the first finished: median {:?}, max {:?}",
        lags[ROUNDS / 2],
        lags[ROUNDS - 1]
    );
    assert!(
        lags[ROUNDS - 1] < Duration::from_millis(200),
        "woken when the first finishes: {lags:?}"
    );
}

/// `buyers` shoppers, each with `variant` × 1 in the cart and a quote
/// (with `vouchers`); answers each buyer's token and quote id.
pub async fn buyers(
    app: &TestApp,
    buyers: usize,
    variant: &str,
    vouchers: Value,
) -> Vec<(String, String)> {
    let mut ready = Vec::with_capacity(buyers);
    for n in 0..buyers {
        let token = app.mint(&format!("buyer-{n}"), "shopper").await;
        assert_eq!(
            put_item(app, &token, variant, json!(1)).await.status,
            StatusCode::OK
        );
        let address: etalase_contract::Address = save(app, &token, bandung()).await.json();
        let body = json!({
            "address_id": address.id,
            "vouchers": vouchers,
            "payment": { "method": "qris" },
        });
        let response = post_quote(app, &token, body).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        ready.push((token, response.json::<Quote>().id));
    }
    ready
}

/// Every buyer places at once; answers the statuses and error codes.
async fn race(
    app: &std::sync::Arc<TestApp>,
    ready: Vec<(String, String)>,
) -> Vec<(StatusCode, String)> {
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(ready.len()));
    let mut tasks = Vec::new();
    for (n, (token, quote_id)) in ready.into_iter().enumerate() {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let response = place(&app, &token, &quote_id, &format!("race-{n}")).await;
            let code = if response.status == StatusCode::CREATED {
                String::new()
            } else {
                code(&response)
            };
            (response.status, code)
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_buyers_of_the_last_five_units_never_oversell() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE variants SET stock = 64 WHERE id = $1")
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let ready = buyers(&app, 64, SHIRT_M, json!([])).await;
    sqlx::query("UPDATE variants SET stock = 5 WHERE id = $1")
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let app = std::sync::Arc::new(app);
    let started = Instant::now();
    let outcomes = race(&app, ready).await;
    let elapsed = started.elapsed();
    let won = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let lost: Vec<&(StatusCode, String)> = outcomes
        .iter()
        .filter(|(s, _)| *s != StatusCode::CREATED)
        .collect();
    assert_eq!(won, 5, "{outcomes:?}");
    assert_eq!(lost.len(), 59);
    assert!(
        lost.iter()
            .all(|(s, c)| *s == StatusCode::CONFLICT && c == "out_of_stock"),
        "{lost:?}"
    );
    assert_eq!(stock(&app, SHIRT_M).await, 0);
    let sold: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(quantity) AS BIGINT) FROM order_items WHERE variant_id = $1",
    )
    .bind(SHIRT_M)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(sold, 5);
    eprintln!("64 buyers raced for 5 units in {elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_voucher_with_a_quota_of_three_is_used_three_times() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE variants SET stock = 100 WHERE id = $1")
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE vouchers SET quota = 3, used = 0 WHERE code = 'ETALASE10'")
        .execute(&app.db)
        .await
        .unwrap();
    let ready = buyers(&app, 64, SHIRT_M, json!(["ETALASE10"])).await;
    let app = std::sync::Arc::new(app);
    let outcomes = race(&app, ready).await;
    let won = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(won, 3, "{outcomes:?}");
    assert!(outcomes
        .iter()
        .filter(|(s, _)| *s != StatusCode::CREATED)
        .all(|(s, c)| *s == StatusCode::CONFLICT && c == "voucher_exhausted"));
    assert_eq!(
        scalar(&app, "SELECT used FROM vouchers WHERE code = 'ETALASE10'").await,
        3
    );
}

#[tokio::test]
async fn cancelling_before_payment_returns_stock_and_voucher_quota() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let before = (stock(&app, SHIRT_M).await, stock(&app, SAMBAL).await);
    let checkout: Checkout = place(&app, &app.token, &quote.id, "k").await.json();
    let id = &checkout.orders[1].id;
    let response = app
        .call(
            Method::POST,
            &format!("/v1/orders/{id}/cancel"),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let order: Order = response.json();
    assert_eq!(order.status, OrderStatus::Cancelled);
    let steps: Vec<OrderStatus> = order.timeline.iter().map(|s| s.status).collect();
    assert_eq!(
        steps,
        [OrderStatus::AwaitingPayment, OrderStatus::Cancelled]
    );
    // The whole checkout ends: one payment covered both orders.
    let sibling: Order = app
        .get_json(&format!("/v1/orders/{}", checkout.orders[0].id))
        .await;
    assert_eq!(sibling.status, OrderStatus::Cancelled);
    assert_eq!(
        (stock(&app, SHIRT_M).await, stock(&app, SAMBAL).await),
        before
    );
    assert_eq!(
        scalar(&app, "SELECT used FROM vouchers WHERE code = 'ETALASE10'").await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM payments WHERE status = 'cancelled'"
        )
        .await,
        1
    );

    let again = app
        .call(
            Method::POST,
            &format!("/v1/orders/{id}/cancel"),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(code(&again), "invalid_transition");
}

#[tokio::test]
async fn an_unpaid_checkout_expires_and_releases_its_stock() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let before = stock(&app, SHIRT_M).await;
    let checkout: Checkout = place(&app, &app.token, &quote.id, "k").await.json();
    assert_eq!(stock(&app, SHIRT_M).await, before - 1);
    // Not yet due: nothing happens.
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, Timestamp::now())
            .await
            .unwrap(),
        0
    );
    let due = Timestamp::parse(&checkout.payment.expires_at).unwrap();
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap(),
        1
    );
    assert_eq!(stock(&app, SHIRT_M).await, before);
    let order: Order = app
        .get_json(&format!("/v1/orders/{}", checkout.orders[0].id))
        .await;
    assert_eq!(order.status, OrderStatus::Expired);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM payments WHERE status = 'expired'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT used FROM vouchers WHERE code = 'ETALASE10'").await,
        0
    );
    // Expiring twice changes nothing.
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap(),
        0
    );
    assert_eq!(stock(&app, SHIRT_M).await, before);
}

#[tokio::test]
async fn the_sweeper_expires_checkouts_on_its_own() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let before = stock(&app, SAMBAL).await;
    let checkout: Checkout = place(&app, &app.token, &quote.id, "k").await.json();
    sqlx::query("UPDATE payments SET expires_at = '2020-01-01T00:00:00.000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    let sweeper = lifecycle::spawn_sweeper(
        app.store.clone(),
        app.live.clone(),
        etalase_server::Origins::default(),
        Duration::from_millis(20),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let order: Order = app
            .get_json(&format!("/v1/orders/{}", checkout.orders[1].id))
            .await;
        if order.status == OrderStatus::Expired {
            break;
        }
        assert!(Instant::now() < deadline, "not expired in time");
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    sweeper.abort();
    assert_eq!(stock(&app, SAMBAL).await, before);
}

/// The user id of the app's default shopper.
async fn shopper_id(app: &TestApp) -> i64 {
    scalar(app, "SELECT id FROM users WHERE external_id = 'shopper-a'").await
}

#[tokio::test]
async fn a_key_still_running_gets_409_in_progress_with_retry_after() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    // A request of this instance runs the key, for longer than a
    // duplicate waits.
    let running = app.state.key_waits.run(shopper_id(&app).await, "busy");
    let started = Instant::now();
    let response = place(&app, &app.token, &quote.id, "busy").await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.text());
    assert_eq!(code(&response), "idempotency_in_progress");
    assert_eq!(response.header("retry-after"), Some("1"));
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "it waited for the first request"
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 0);
    // Once it is done (here, having kept nothing), the key runs.
    drop(running);
    let placed = place(&app, &app.token, &quote.id, "busy").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_elsewhere_waits_at_the_key_and_replays_what_the_first_committed() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let user = shopper_id(&app).await;
    let fingerprint = secret::hash(&json!({ "quote_id": quote.id }).to_string());
    for commits in [true, false] {
        let key = format!("elsewhere-{commits}");
        // Another instance has kept the key's answer in its transaction and
        // not yet committed it.
        let mut other = app.db.begin().await.unwrap();
        sqlx::query(
            "INSERT INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at)
             VALUES ($1, $2, $3, 201, $4, '2026-01-01T00:00:00.000Z')",
        )
        .bind(user)
        .bind(&key)
        .bind(&fingerprint)
        .bind(br#"{"elsewhere":true}"#.as_slice())
        .execute(&mut *other)
        .await
        .unwrap();
        let sent = tokio::spawn({
            let (app, quote_id, key) = (app.clone(), quote.id.clone(), key.clone());
            async move { place(&app, &app.token, &quote_id, &key).await }
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!sent.is_finished(), "it waits for the other transaction");
        if commits {
            other.commit().await.unwrap();
        } else {
            other.rollback().await.unwrap();
        }
        let response = sent.await.unwrap();
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        if commits {
            assert_eq!(response.body, br#"{"elsewhere":true}"#.as_slice());
            assert_eq!(response.header("idempotent-replayed"), Some("true"));
            assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 0);
        } else {
            // The first died before its commit: the key runs at once.
            assert_eq!(response.header("idempotent-replayed"), None);
            assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);
        }
    }
}

/// Places each (quote, key) of `taps` as the app's shopper, all at once;
/// answers how many were placed, panicking on any answer but 201, 422 and
/// 409 (a loser may meet the shopper's limits before the line's absence).
async fn placed_at_once(app: &std::sync::Arc<TestApp>, taps: Vec<(String, String)>) -> usize {
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(taps.len()));
    let mut sent = Vec::new();
    for (quote_id, key) in taps {
        let (app, start) = (app.clone(), start.clone());
        sent.push(tokio::spawn(async move {
            start.wait().await;
            place(&app, &app.token, &quote_id, &key).await
        }));
    }
    let mut placed = 0;
    for tap in sent {
        let response = tap.await.unwrap();
        match response.status {
            StatusCode::CREATED => placed += 1,
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT => {}
            other => panic!("{other}: {}", response.text()),
        }
    }
    placed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_quote_sent_at_once_under_ten_keys_makes_one_checkout() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let before = stock(&app, SHIRT_M).await;
    let taps = (0..10)
        .map(|n| (quote.id.clone(), format!("tap-{n}")))
        .collect();
    assert_eq!(placed_at_once(&app, taps).await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);
    assert_eq!(stock(&app, SHIRT_M).await, before - 1, "one line's unit");
    // Sent again later under a new key: refused, naming the quote.
    let again = place(&app, &app.token, &quote.id, "tap-later").await;
    let (status, error, field, message) = again.refusal();
    assert_eq!(
        (status, error.as_str(), field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quote_id")
        ),
        "{message}"
    );
    assert!(message.contains("placed already"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_quotes_of_one_cart_placed_at_once_make_one_checkout() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let address = two_shop_cart(&app, &app.token).await;
    let before = stock(&app, SHIRT_M).await;
    // Two rounds: within what one shopper may hold unpaid.
    for round in 0..2 {
        if round > 0 {
            put_item(&app, &app.token, SHIRT_M, json!(1)).await;
            put_item(&app, &app.token, SAMBAL, json!(2)).await;
        }
        let mut taps = Vec::new();
        for n in 0..2 {
            let quote = quoted(&app, &app.token, &address).await;
            taps.push((quote.id, format!("cart-{round}-{n}")));
        }
        assert_eq!(placed_at_once(&app, taps).await, 1, "round {round}");
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 2);
    assert_eq!(stock(&app, SHIRT_M).await, before - 2, "one unit a round");
}

#[tokio::test]
async fn a_checkout_of_some_lines_buys_those_and_leaves_the_rest_in_the_cart() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let body = json!({
        "address_id": address,
        "payment": { "method": "qris" },
        "variant_ids": [SAMBAL],
    });
    let response = post_quote(&app, &app.token, body).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let quote: Quote = response.json();
    let bought: Vec<&str> = quote
        .shops
        .iter()
        .flat_map(|shop| shop.items.iter().map(|item| item.variant_id.as_str()))
        .collect();
    assert_eq!(bought, [SAMBAL], "one shop, one line");
    assert_eq!(quote.totals.items_subtotal, quote.shops[0].subtotal);

    let response = place(&app, &app.token, &quote.id, "some-lines").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let cart: Cart = app.get_json("/v1/cart").await;
    let left: Vec<&str> = cart
        .shops
        .iter()
        .flat_map(|shop| shop.items.iter().map(|item| item.variant_id.as_str()))
        .collect();
    assert_eq!(left, [SHIRT_M], "the line not bought stays");

    let stranger = json!({
        "address_id": address,
        "payment": { "method": "qris" },
        "variant_ids": [SHIRT_M, "var-none"],
    });
    let response = post_quote(&app, &app.token, stranger).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json();
    assert_eq!(error["error"]["field"], "variant_ids[1]");
}

#[tokio::test]
async fn a_stored_status_no_build_knows_is_an_error_never_a_default() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let checkout: Checkout = place(&app, &app.token, &quote.id, "key-1").await.json();
    let order = &checkout.orders[0].id;
    sqlx::query("INSERT INTO order_events (order_id, status, at) VALUES ($1, 'on_hold', $2)")
        .bind(order)
        .bind(Timestamp::now().to_string())
        .execute(&app.db)
        .await
        .unwrap();

    let response = app.get(&format!("/v1/orders/{order}")).await;
    assert_eq!(
        response.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        response.text()
    );
    assert_eq!(code(&response), "internal");
    assert!(
        !response.text().contains("on_hold"),
        "details stay in the logs"
    );
    // The other shop's order, with no such step, still reads.
    let other = app
        .get(&format!("/v1/orders/{}", checkout.orders[1].id))
        .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text());
}
