//! Payments: signed webhooks applied once, the demo "pay" button, the
//! hosted card page, and the order lifecycle after payment.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use etalase_contract::{Checkout, Order, OrderStatus, Payment, PaymentInstructions, PaymentStatus};
use etalase_server::config::Settings;
use etalase_server::payments::webhook;
use etalase_server::time::Timestamp;
use serde_json::{json, Value};
use sha2::Digest;

use crate::cart::SHIRT_M;
use crate::helpers::{on_postgres, settings, TestApp, TestResponse, HOST_ORIGIN, WEBHOOK_SECRET};
use crate::orders::place;
use crate::quote::{full_request, post_quote, two_shop_cart};

/// Places the two-shop cart of the app's shopper, paid with `payment`.
async fn checkout(app: &TestApp, payment: Value) -> Checkout {
    let address = two_shop_cart(app, &app.token).await;
    let mut body = full_request(&address);
    body["payment"] = payment;
    let quote: etalase_contract::Quote = post_quote(app, &app.token, body).await.json();
    let response = place(app, &app.token, &quote.id, "pay-key").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

/// Posts `event` to the webhook signed at `timestamp` with `secret`.
pub async fn deliver(app: &TestApp, event: &Value, secret: &str, timestamp: i64) -> TestResponse {
    let body = serde_json::to_vec(event).unwrap();
    let signature = webhook::sign(secret, timestamp, &body);
    app.send(
        Request::post("/v1/payments/webhook")
            .header(header::CONTENT_TYPE, "application/json")
            .header("etalase-signature", signature)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

fn now() -> i64 {
    Timestamp::now().unix_seconds()
}

async fn order(app: &TestApp, id: &str) -> Order {
    app.get_json(&format!("/v1/orders/{id}")).await
}

async fn stock(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT stock FROM variants WHERE id = $1")
        .bind(SHIRT_M)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_full_purchase_from_token_to_completed() {
    let app = TestApp::new().await;
    let checkout = checkout(&app, json!({ "method": "virtual_account", "bank": "bni" })).await;
    assert!(matches!(
        &checkout.payment.instructions,
        PaymentInstructions::VirtualAccount { account_number, .. } if account_number.starts_with("8808")
    ));
    let event = json!({ "id": "evt_1", "type": "payment.paid", "payment_id": checkout.payment.id });
    let response = deliver(&app, &event, WEBHOOK_SECRET, now()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(
        response.json::<Value>(),
        json!({ "event_id": "evt_1", "applied": true })
    );

    for placed in &checkout.orders {
        let order = order(&app, &placed.id).await;
        assert_eq!(order.status, OrderStatus::Paid);
    }
    let id = &checkout.orders[0].id;
    for expected in [
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
    ] {
        let response = app
            .call(
                Method::POST,
                &format!("/v1/demo/orders/{id}/advance"),
                Some(&app.token),
                None,
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        assert_eq!(response.json::<Order>().status, expected);
    }
    let done = order(&app, id).await;
    let steps: Vec<OrderStatus> = done.timeline.iter().map(|s| s.status).collect();
    assert_eq!(
        steps,
        [
            OrderStatus::AwaitingPayment,
            OrderStatus::Paid,
            OrderStatus::Processing,
            OrderStatus::Shipped,
            OrderStatus::Delivered,
            OrderStatus::Completed
        ]
    );
    let times: Vec<&str> = done.timeline.iter().map(|s| s.at.as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let at_end = app
        .call(
            Method::POST,
            &format!("/v1/demo/orders/{id}/advance"),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(at_end.status, StatusCode::CONFLICT);
    let cancel = app
        .call(
            Method::POST,
            &format!("/v1/orders/{id}/cancel"),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(
        cancel.json::<Value>()["error"]["code"],
        "invalid_transition"
    );
}

#[tokio::test]
async fn a_bad_stale_or_missing_signature_changes_nothing() {
    let app = TestApp::new().await;
    let checkout = checkout(&app, json!({ "method": "qris" })).await;
    let event = json!({ "id": "evt_x", "type": "payment.paid", "payment_id": checkout.payment.id });
    let cases = [
        deliver(&app, &event, "not-the-secret", now()).await,
        deliver(&app, &event, WEBHOOK_SECRET, now() - 301).await,
        deliver(&app, &event, WEBHOOK_SECRET, now() + 301).await,
        app.call(
            Method::POST,
            "/v1/payments/webhook",
            None,
            Some(event.clone()),
        )
        .await,
    ];
    for response in cases {
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "{}",
            response.text()
        );
        assert_eq!(
            response.json::<Value>()["error"]["code"],
            "invalid_signature"
        );
    }
    // A body changed after signing.
    let signature = webhook::sign(WEBHOOK_SECRET, now(), &serde_json::to_vec(&event).unwrap());
    let forged = json!({ "id": "evt_x", "type": "payment.paid", "payment_id": "pay-other" });
    let response = app
        .send(
            Request::post("/v1/payments/webhook")
                .header(header::CONTENT_TYPE, "application/json")
                .header("etalase-signature", signature)
                .body(Body::from(serde_json::to_vec(&forged).unwrap()))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    let order = order(&app, &checkout.orders[0].id).await;
    assert_eq!(order.status, OrderStatus::AwaitingPayment);
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(events, 0);
}

#[tokio::test]
async fn a_replayed_event_has_no_second_effect() {
    let app = TestApp::new().await;
    let checkout = checkout(&app, json!({ "method": "ewallet", "wallet": "gopay" })).await;
    let failed =
        json!({ "id": "evt_fail", "type": "payment.failed", "payment_id": checkout.payment.id });
    let before = stock(&app).await;
    let first = deliver(&app, &failed, WEBHOOK_SECRET, now()).await;
    assert_eq!(first.json::<Value>()["applied"], true);
    let after_first = stock(&app).await;
    assert_eq!(
        after_first,
        before + 1,
        "a failed payment releases the stock"
    );
    let again = deliver(&app, &failed, WEBHOOK_SECRET, now()).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.json::<Value>(),
        json!({ "event_id": "evt_fail", "applied": false })
    );
    assert_eq!(stock(&app).await, after_first, "no second release");
    let order = order(&app, &checkout.orders[0].id).await;
    assert_eq!(order.status, OrderStatus::Cancelled);
    // A payment that ended cannot be paid by a later event.
    let late =
        json!({ "id": "evt_late", "type": "payment.paid", "payment_id": checkout.payment.id });
    let response = deliver(&app, &late, WEBHOOK_SECRET, now()).await;
    assert_eq!(response.json::<Value>()["applied"], false);
    let unknown = json!({ "id": "evt_u", "type": "payment.paid", "payment_id": "pay-none" });
    assert_eq!(
        deliver(&app, &unknown, WEBHOOK_SECRET, now()).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_demo_pay_button_pays_only_the_callers_payment() {
    let app = TestApp::new().await;
    let checkout = checkout(&app, json!({ "method": "qris" })).await;
    let path = format!("/v1/demo/payments/{}/pay", checkout.payment.id);
    let other = app.mint("shopper-b", "shopper").await;
    let theirs = app.call(Method::POST, &path, Some(&other), None).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let response = app.call(Method::POST, &path, Some(&app.token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let payment: Payment = response.json();
    assert_eq!(payment.status, PaymentStatus::Paid);
    assert!(payment.paid_at.is_some());
    assert_eq!(
        order(&app, &checkout.orders[1].id).await.status,
        OrderStatus::Paid
    );
}

#[tokio::test]
async fn without_demo_mode_there_is_no_pay_button() {
    let app = TestApp::with_settings(Settings {
        demo_host_key: None,
        ..settings()
    })
    .await;
    let response = app
        .call(
            Method::POST,
            "/v1/demo/payments/pay-x/pay",
            Some("etl_x"),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_card_is_entered_on_the_providers_page_and_never_stored() {
    let app = TestApp::new().await;
    let checkout = checkout(&app, json!({ "method": "card" })).await;
    let PaymentInstructions::Card { hosted_url } = &checkout.payment.instructions else {
        panic!("{:?}", checkout.payment.instructions);
    };
    let page = app.get(hosted_url).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("name=\"number\""));
    // The page's address carries its token, and its form posts it back.
    let token = hosted_url.split_once("?token=").unwrap().1;
    assert!(
        page.text()
            .contains(&format!("name=\"token\" value=\"{token}\"")),
        "{}",
        page.text()
    );
    let action = format!("/provider/card/{}", checkout.payment.id);
    let policy = page.header("content-security-policy").unwrap();
    assert!(
        policy.contains(&format!("frame-ancestors 'self' {HOST_ORIGIN}")),
        "{policy}"
    );
    assert!(policy.contains("default-src 'none'"), "{policy}");
    // Its own style and script only: each allowed by the hash of what the page holds.
    for (open, close, directive) in [
        ("<style>", "</style>", "style-src"),
        ("<script>", "</script>", "script-src"),
    ] {
        let text = page.text();
        let inline = text
            .split_once(open)
            .and_then(|(_, rest)| rest.split_once(close))
            .map(|(inline, _)| inline)
            .unwrap_or_else(|| panic!("no {open} in {text}"));
        let hash = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(inline.as_bytes()));
        assert!(
            policy.contains(&format!("{directive} 'sha256-{hash}'")),
            "{directive} allows the page's own: {policy}"
        );
    }
    // A phone shows digits and fills the card from its keychain.
    for (field, autocomplete) in [
        ("number", "cc-number"),
        ("expiry", "cc-exp"),
        ("cvc", "cc-csc"),
    ] {
        let input =
            format!("name=\"{field}\" inputmode=\"numeric\" autocomplete=\"{autocomplete}\"");
        assert!(page.text().contains(&input), "{input} in {}", page.text());
    }

    let post = |form: &'static str| {
        Request::post(action.as_str())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("{form}&token={token}")))
            .unwrap()
    };
    let typo = app
        .send(post("number=4111111111111112&expiry=12%2F99&cvc=123"))
        .await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The page again, saying what is wrong at the field: never a JSON error.
    assert!(
        typo.header("content-type")
            .unwrap()
            .starts_with("text/html"),
        "{}",
        typo.text()
    );
    assert!(
        typo.text()
            .contains("<p role=\"alert\" id=\"problem\">Nomor kartu tidak valid.</p>"),
        "{}",
        typo.text()
    );
    assert!(
        typo.text().contains(
            "name=\"number\" inputmode=\"numeric\" autocomplete=\"cc-number\" \
             placeholder=\"1234 5678 9012 3456\" maxlength=\"23\" required aria-invalid=\"true\""
        ),
        "{}",
        typo.text()
    );
    assert_eq!(
        order(&app, &checkout.orders[0].id).await.status,
        OrderStatus::AwaitingPayment
    );
    let paid = app
        .send(post("number=4111+1111+1111+1111&expiry=12%2F99&cvc=123"))
        .await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text());
    assert!(paid.text().contains("Pembayaran berhasil"));
    assert_eq!(
        order(&app, &checkout.orders[0].id).await.status,
        OrderStatus::Paid
    );

    // The number is nowhere in the marketplace's database.
    if on_postgres() {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
              WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
        .fetch_all(&app.db)
        .await
        .unwrap();
        assert!(tables.len() > 10, "{tables:?}");
        for table in tables {
            let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT t::text FROM {table} t"))
                .fetch_all(&app.db)
                .await
                .unwrap();
            for row in rows {
                assert!(!row.contains("4111111111111111") && !row.contains("4111 1111"));
            }
        }
        return;
    }
    app.store.close().await;
    app.db.close().await;
    let files: Vec<_> = std::fs::read_dir(&app.database().dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("etalase.db")
        })
        .collect();
    assert!(!files.is_empty());
    for file in files {
        // The -wal and -shm files go when the last connection has closed,
        // possibly between the listing and the read: gone is clean too.
        let bytes = match std::fs::read(&file) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            read => read.unwrap(),
        };
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("4111111111111111") && !text.contains("4111 1111"));
    }
}

#[tokio::test]
async fn a_declined_card_cancels_the_checkout_and_releases_stock() {
    let app = TestApp::new().await;
    let before = stock(&app).await;
    let checkout = checkout(&app, json!({ "method": "card" })).await;
    assert_eq!(stock(&app).await, before - 1);
    let PaymentInstructions::Card { hosted_url } = &checkout.payment.instructions else {
        panic!("{:?}", checkout.payment.instructions);
    };
    let token = hosted_url.split_once("?token=").unwrap().1;
    let response = app
        .send(
            Request::post(format!("/provider/card/{}", checkout.payment.id))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "number=4000000000000002&expiry=12%2F99&cvc=123&token={token}"
                )))
                .unwrap(),
        )
        .await;
    assert!(response.text().contains("Kartu ditolak"));
    assert_eq!(
        order(&app, &checkout.orders[0].id).await.status,
        OrderStatus::Cancelled
    );
    assert_eq!(stock(&app).await, before);
    // Only card payments have a card page.
    let response = app.get("/provider/card/pay-none").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_shopper_follows_their_own_payment_from_pending_to_paid() {
    let app = TestApp::new().await;
    let checkout = checkout(&app, json!({ "method": "virtual_account", "bank": "bni" })).await;
    let path = format!("/v1/payments/{}", checkout.payment.id);
    let pending: Payment = app.get_json(&path).await;
    assert_eq!(pending, checkout.payment, "read back as placed");
    assert_eq!(pending.status, PaymentStatus::Pending);

    let other = app.mint("shopper-b", "shopper").await;
    let theirs = app.call(Method::GET, &path, Some(&other), None).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.text());
    let unknown = app
        .call(Method::GET, "/v1/payments/pay-none", Some(&app.token), None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let pay = format!("/v1/demo/payments/{}/pay", checkout.payment.id);
    let response = app.call(Method::POST, &pay, Some(&app.token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let paid: Payment = app.get_json(&path).await;
    assert_eq!(paid.status, PaymentStatus::Paid);
    assert!(paid.paid_at.is_some());
}
