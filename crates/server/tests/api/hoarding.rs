//! Stock hoarding: reservations bounded per shopper (decision 0045), and
//! the hosted card page's anti-forgery checks. Each test runs on SQLite and,
//! in `cargo xtask test`'s second pass, on PostgreSQL.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use etalase_contract::{
    Address, Checkout, Order, OrderStatus, Payment, PaymentInstructions, PaymentStatus, Quote,
};
use etalase_server::orders::lifecycle;
use etalase_server::orders::limits::{
    COD_WINDOW, MAX_OPEN_COD_CHECKOUTS, MAX_UNITS_HELD, MAX_UNITS_PER_VARIANT, MAX_UNPAID_CHECKOUTS,
};
use etalase_server::time::Timestamp;
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{put_item, SHIRT_M};
use crate::figures;
use crate::helpers::{TestApp, TestResponse};
use crate::orders::place;
use crate::quote::post_quote;

/// A shopper: their token and a saved address.
struct Shopper {
    token: String,
    address: String,
}

async fn shopper(app: &TestApp, name: &str) -> Shopper {
    let token = app.mint(name, "shopper").await;
    let address: Address = save(app, &token, bandung()).await.json();
    Shopper {
        token,
        address: address.id,
    }
}

async fn set_stock(app: &TestApp, variant: &str, stock: i64) {
    sqlx::query("UPDATE variants SET stock = $1 WHERE id = $2")
        .bind(stock)
        .bind(variant)
        .execute(&app.db)
        .await
        .unwrap();
}

async fn stock(app: &TestApp, variant: &str) -> i64 {
    sqlx::query_scalar("SELECT stock FROM variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// A quote of `quantity` × `variant` alone, paid with `payment`: the line is
/// put in the cart first.
async fn quote(
    app: &TestApp,
    who: &Shopper,
    variant: &str,
    quantity: u32,
    payment: &Value,
) -> Quote {
    let put = put_item(app, &who.token, variant, json!(quantity)).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    let body = json!({
        "address_id": who.address,
        "payment": payment,
        "variant_ids": [variant],
    });
    let response = post_quote(app, &who.token, body).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

/// Buys `quantity` × `variant` with `payment` under a new key.
async fn buy(
    app: &TestApp,
    who: &Shopper,
    variant: &str,
    quantity: u32,
    payment: &Value,
) -> TestResponse {
    let quote = quote(app, who, variant, quantity, payment).await;
    place(app, &who.token, &quote.id, &quote.id).await
}

fn qris() -> Value {
    json!({ "method": "qris" })
}

fn cod() -> Value {
    json!({ "method": "cod" })
}

/// Listed variants other than [`SHIRT_M`], each given 50 units, and cheap
/// enough for cash on delivery.
async fn variants(app: &TestApp, count: usize) -> Vec<String> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id
          WHERE p.listed = 1 AND v.price <= 500000 AND v.id <> $1 ORDER BY v.id",
    )
    .bind(SHIRT_M)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(ids.len() >= count, "{ids:?}");
    let chosen: Vec<String> = ids.into_iter().take(count).collect();
    for id in &chosen {
        set_stock(app, id, 50).await;
    }
    chosen
}

/// Units of `variant` `who` holds in orders awaiting payment.
async fn held(app: &TestApp, external_id: &str, variant: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(i.quantity), 0) AS BIGINT)
           FROM order_items i JOIN orders o ON o.id = i.order_id
           JOIN users u ON u.id = o.user_id
          WHERE u.external_id = $1 AND o.status = 'awaiting_payment' AND i.variant_id = $2",
    )
    .bind(external_id)
    .bind(variant)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn pay(app: &TestApp, who: &Shopper, payment_id: &str) {
    let response = app
        .call(
            Method::POST,
            &format!("/v1/demo/payments/{payment_id}/pay"),
            Some(&who.token),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

async fn cancel(app: &TestApp, who: &Shopper, order_id: &str) {
    let response = app
        .call(
            Method::POST,
            &format!("/v1/orders/{order_id}/cancel"),
            Some(&who.token),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

/// `token` with its last digit changed: always another token.
fn another_token(token: &str) -> String {
    let (head, last) = token.split_at(token.len() - 1);
    format!("{head}{}", if last == "0" { "1" } else { "0" })
}

/// The second probe's hoard: the last few units of many variants in one
/// checkout, each within its own bound, together past the bound on all.
#[tokio::test]
async fn many_variants_in_one_checkout_are_bounded_in_all() {
    let app = TestApp::new().await;
    let buyer = shopper(&app, "collector").await;
    let per_variant = MAX_UNITS_PER_VARIANT;
    let lines = MAX_UNITS_HELD / per_variant + 1;
    let picks = variants(&app, lines as usize).await;
    for pick in &picks {
        let put = put_item(&app, &buyer.token, pick, json!(per_variant)).await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    }
    let whole = json!({ "address_id": buyer.address, "payment": qris() });
    let quote: Quote = post_quote(&app, &buyer.token, whole.clone()).await.json();
    let (status, code, field, message) = place(&app, &buyer.token, &quote.id, "all-1")
        .await
        .refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (StatusCode::CONFLICT, "reservation_limit", Some("items")),
        "{message}"
    );
    assert!(
        message.contains(&format!("at most {MAX_UNITS_HELD} units")),
        "{message}"
    );
    // One line fewer is within the bound.
    let last = picks.last().unwrap();
    let removed = app
        .call(
            Method::DELETE,
            &format!("/v1/cart/items/{last}"),
            Some(&buyer.token),
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text());
    let quote: Quote = post_quote(&app, &buyer.token, whole).await.json();
    let placed = place(&app, &buyer.token, &quote.id, "all-2").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
}

#[tokio::test]
async fn the_probes_cod_hoard_of_a_whole_stock_is_refused_with_the_limit() {
    let app = TestApp::new().await;
    set_stock(&app, SHIRT_M, 20).await;
    let hoarder = shopper(&app, "hoarder").await;

    // The probe: the variant's whole stock, cash on delivery, never paid.
    let response = buy(&app, &hoarder, SHIRT_M, 20, &cod()).await;
    let (status, code, field, message) = response.refusal();
    assert_eq!(status, StatusCode::CONFLICT, "{}", response.text());
    assert_eq!(code, "reservation_limit");
    assert_eq!(field.as_deref(), Some("items[0]"));
    assert!(
        message.contains(&format!("at most {MAX_UNITS_PER_VARIANT} units"))
            && message.contains("asks for 20"),
        "{message}"
    );
    assert_eq!(stock(&app, SHIRT_M).await, 20, "nothing taken");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 0);

    // Up to the limit is fine…
    let allowed = buy(&app, &hoarder, SHIRT_M, MAX_UNITS_PER_VARIANT, &cod()).await;
    assert_eq!(allowed.status, StatusCode::CREATED, "{}", allowed.text());
    // …and one more, by any method, in another checkout, is not.
    let more = buy(&app, &hoarder, SHIRT_M, 1, &qris()).await;
    let (status, code, field, message) = more.refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (StatusCode::CONFLICT, "reservation_limit", Some("items[0]")),
        "{}",
        more.text()
    );
    assert!(
        message.contains("already hold 5 units") && message.contains("pay or cancel"),
        "{message}"
    );
    assert_eq!(
        stock(&app, SHIRT_M).await,
        20 - i64::from(MAX_UNITS_PER_VARIANT)
    );

    // Everyone else can still buy the rest.
    let other = shopper(&app, "someone-else").await;
    let response = buy(&app, &other, SHIRT_M, 3, &qris()).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

#[tokio::test]
async fn paying_or_cancelling_frees_the_allowance() {
    let app = TestApp::new().await;
    set_stock(&app, SHIRT_M, 50).await;
    let picks = variants(&app, 2).await;
    let buyer = shopper(&app, "buyer").await;

    // Units: five held in two checkouts; a sixth is refused until one is paid.
    let first: Checkout = buy(&app, &buyer, SHIRT_M, 3, &qris()).await.json();
    let second: Checkout = buy(&app, &buyer, SHIRT_M, 2, &qris()).await.json();
    let refused = buy(&app, &buyer, SHIRT_M, 1, &qris()).await;
    assert_eq!(
        refused.refusal().1,
        "reservation_limit",
        "{}",
        refused.text()
    );
    pay(&app, &buyer, &first.payment.id).await;
    let after_paying = buy(&app, &buyer, SHIRT_M, 3, &qris()).await;
    assert_eq!(
        after_paying.status,
        StatusCode::CREATED,
        "{}",
        after_paying.text()
    );
    let third: Checkout = after_paying.json();
    assert_eq!(held(&app, "buyer", SHIRT_M).await, 5);

    // Checkouts: the second and third wait for payment; with a fourth that
    // makes three, and a fifth is refused, naming the limit, until one is
    // cancelled.
    let fourth = buy(&app, &buyer, &picks[0], 1, &qris()).await;
    assert_eq!(fourth.status, StatusCode::CREATED, "{}", fourth.text());
    let fifth = buy(&app, &buyer, &picks[1], 1, &qris()).await;
    let (status, code, field, message) = fifth.refusal();
    assert_eq!(
        (status, code.as_str(), field),
        (StatusCode::CONFLICT, "reservation_limit", None),
        "{}",
        fifth.text()
    );
    assert!(
        message.contains(&format!("({MAX_UNPAID_CHECKOUTS})")) && message.contains("pay or cancel"),
        "{message}"
    );
    assert_eq!(stock(&app, &picks[1]).await, 50, "nothing taken");
    cancel(&app, &buyer, &second.orders[0].id).await;
    let after_cancelling = buy(&app, &buyer, &picks[1], 1, &qris()).await;
    assert_eq!(
        after_cancelling.status,
        StatusCode::CREATED,
        "{}",
        after_cancelling.text()
    );
    assert_eq!(held(&app, "buyer", SHIRT_M).await, 3);

    // The end of a window frees it too.
    let due = Timestamp::parse(&third.payment.expires_at).unwrap();
    assert!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap()
            >= 1
    );
    assert_eq!(held(&app, "buyer", SHIRT_M).await, 0);
    let after_expiry = buy(&app, &buyer, SHIRT_M, MAX_UNITS_PER_VARIANT, &qris()).await;
    assert_eq!(
        after_expiry.status,
        StatusCode::CREATED,
        "{}",
        after_expiry.text()
    );
}

#[tokio::test]
async fn a_refused_attempt_goes_through_with_its_key_once_the_shopper_has_cancelled() {
    let app = TestApp::new().await;
    set_stock(&app, SHIRT_M, 50).await;
    let buyer = shopper(&app, "buyer").await;
    let pending: Checkout = buy(&app, &buyer, SHIRT_M, MAX_UNITS_PER_VARIANT, &qris())
        .await
        .json();
    let quote = quote(&app, &buyer, SHIRT_M, 1, &qris()).await;
    // The refusal is not kept under the key: it wrote nothing, and what
    // causes it is the shopper's to change.
    for _ in 0..2 {
        let refused = place(&app, &buyer.token, &quote.id, "attempt-1").await;
        assert_eq!(
            refused.refusal().1,
            "reservation_limit",
            "{}",
            refused.text()
        );
        assert_eq!(refused.header("idempotent-replayed"), None);
    }
    cancel(&app, &buyer, &pending.orders[0].id).await;
    let placed = place(&app, &buyer.token, &quote.id, "attempt-1").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    // From then on, exactly once.
    let replayed = place(&app, &buyer.token, &quote.id, "attempt-1").await;
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    assert_eq!(replayed.body, placed.body);
    assert_eq!(held(&app, "buyer", SHIRT_M).await, 1);
}

#[tokio::test]
async fn cash_on_delivery_is_confirmed_at_once_and_capped_per_shopper() {
    let app = TestApp::new().await;
    let picks = variants(&app, 4).await;
    let buyer = shopper(&app, "cod-buyer").await;
    let placed_at = Timestamp::now();
    let first: Checkout = buy(&app, &buyer, &picks[0], 2, &cod()).await.json();
    assert_eq!(first.orders[0].status, OrderStatus::AwaitingPayment);
    assert_eq!(stock(&app, &picks[0]).await, 48, "the stock is taken");

    // No payment window: the checkout stays open for the delivery.
    let due = Timestamp::parse(&first.payment.expires_at).unwrap();
    assert!(due >= placed_at.plus(COD_WINDOW), "{due:?}");
    assert!(due <= Timestamp::now().plus(COD_WINDOW));
    let after_the_payment_window = Timestamp::now().plus(Duration::from_secs(2 * 3600));
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, after_the_payment_window)
            .await
            .unwrap(),
        0
    );
    let order: Order = app
        .call(
            Method::GET,
            &format!("/v1/orders/{}", first.orders[0].id),
            Some(&buyer.token),
            None,
        )
        .await
        .json();
    assert_eq!(order.status, OrderStatus::AwaitingPayment);

    // Open COD checkouts are capped; the refusal names the payment method.
    let mut open = vec![first];
    for pick in &picks[1..MAX_OPEN_COD_CHECKOUTS] {
        let response = buy(&app, &buyer, pick, 1, &cod()).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        open.push(response.json());
    }
    let refused = buy(&app, &buyer, &picks[3], 1, &cod()).await;
    let (status, code, field, message) = refused.refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (StatusCode::CONFLICT, "reservation_limit", Some("payment")),
        "{}",
        refused.text()
    );
    assert!(
        message.contains("cash-on-delivery") && message.contains("cancel"),
        "{message}"
    );
    // Another method is still open to the shopper: COD is not an unpaid
    // checkout waiting online.
    let by_qris = buy(&app, &buyer, &picks[3], 1, &qris()).await;
    assert_eq!(by_qris.status, StatusCode::CREATED, "{}", by_qris.text());
    // COD units count against the per-variant limit like any others.
    let over = buy(&app, &buyer, &picks[0], MAX_UNITS_PER_VARIANT - 1, &qris()).await;
    assert_eq!(over.refusal().1, "reservation_limit", "{}", over.text());

    // Collected on delivery (the courier's payment), or cancelled, it frees
    // its place.
    pay(&app, &buyer, &open[1].payment.id).await;
    let again = buy(&app, &buyer, &picks[1], 1, &cod()).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    cancel(&app, &buyer, &open[0].orders[0].id).await;
    assert_eq!(
        stock(&app, &picks[0]).await,
        50,
        "cancelled: the stock is back"
    );
    let again: Checkout = buy(&app, &buyer, &picks[2], 1, &cod()).await.json();

    // Never collected, it lapses at the end of its window, stock back.
    let before = stock(&app, &picks[2]).await;
    let due = Timestamp::parse(&again.payment.expires_at).unwrap();
    assert!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap()
            >= 1
    );
    assert_eq!(stock(&app, &picks[2]).await, before + 1);
    let payment: Payment = app
        .call(
            Method::GET,
            &format!("/v1/payments/{}", again.payment.id),
            Some(&buyer.token),
            None,
        )
        .await
        .json();
    assert_eq!(payment.status, PaymentStatus::Expired);
}

/// Every `(token, quote id)` placed at once; the answers' statuses, codes
/// and fields.
async fn race(
    app: &Arc<TestApp>,
    placements: Vec<(String, String)>,
    refill: Option<(&'static str, u32)>,
) -> Vec<(StatusCode, String, Option<String>)> {
    let start = Arc::new(tokio::sync::Barrier::new(placements.len()));
    let mut tasks = Vec::new();
    for (token, quote_id) in placements {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            if let Some((variant, quantity)) = refill {
                // A second tab puts the line back in the cart the moment
                // a checkout took it out.
                let put = put_item(&app, &token, variant, json!(quantity)).await;
                assert_eq!(put.status, StatusCode::OK, "{}", put.text());
            }
            let (status, code, field, _) =
                place(&app, &token, &quote_id, &quote_id).await.refusal();
            (status, code, field)
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_checkouts_of_one_shopper_cannot_pass_the_checkout_limits() {
    let app = TestApp::new().await;
    let picks = variants(&app, figures::CHECKOUT_RACE).await;
    let buyer = shopper(&app, "racer").await;
    // Ten single-line quotes at once: five to pay online, five COD.
    let mut placements = Vec::new();
    for (n, pick) in picks.iter().enumerate() {
        let payment = if n % 2 == 0 { qris() } else { cod() };
        let quote = quote(&app, &buyer, pick, 1, &payment).await;
        placements.push((buyer.token.clone(), quote.id));
    }
    let app = Arc::new(app);
    let outcomes = race(&app, placements, None).await;
    let placed = outcomes
        .iter()
        .filter(|(status, _, _)| *status == StatusCode::CREATED)
        .count();
    assert_eq!(
        placed,
        MAX_UNPAID_CHECKOUTS + MAX_OPEN_COD_CHECKOUTS,
        "{outcomes:?}"
    );
    let refused: Vec<_> = outcomes
        .iter()
        .filter(|(status, _, _)| *status != StatusCode::CREATED)
        .collect();
    assert!(
        refused
            .iter()
            .all(|(status, code, _)| *status == StatusCode::CONFLICT
                && code == "reservation_limit"),
        "{outcomes:?}"
    );
    let cod_refusals = refused
        .iter()
        .filter(|(_, _, field)| field.as_deref() == Some("payment"))
        .count();
    assert_eq!(cod_refusals, 5 - MAX_OPEN_COD_CHECKOUTS, "{outcomes:?}");
    let (cod_open, online_open): (i64, i64) = (
        scalar(
            &app,
            "SELECT COUNT(*) FROM payments WHERE status = 'pending' AND method LIKE '%cod%'",
        )
        .await,
        scalar(
            &app,
            "SELECT COUNT(*) FROM payments WHERE status = 'pending' AND method NOT LIKE '%cod%'",
        )
        .await,
    );
    assert_eq!(
        (cod_open, online_open),
        (
            i64::try_from(MAX_OPEN_COD_CHECKOUTS).unwrap(),
            i64::try_from(MAX_UNPAID_CHECKOUTS).unwrap()
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_checkouts_of_one_variant_cannot_pass_the_unit_limit() {
    let app = TestApp::new().await;
    set_stock(&app, SHIRT_M, 100).await;
    let buyer = shopper(&app, "racer").await;
    // Eight quotes of three units each, from one cart line; each placement
    // puts the line back first, as a second tab would.
    let mut placements = Vec::new();
    for _ in 0..8 {
        let quote = quote(&app, &buyer, SHIRT_M, 3, &qris()).await;
        placements.push((buyer.token.clone(), quote.id));
    }
    let app = Arc::new(app);
    let outcomes = race(&app, placements, Some((SHIRT_M, 3))).await;
    let placed = outcomes
        .iter()
        .filter(|(status, _, _)| *status == StatusCode::CREATED)
        .count();
    // Three and three would be six, past five.
    assert_eq!(placed, 1, "{outcomes:?}");
    for (status, code, field) in &outcomes {
        match (*status, code.as_str()) {
            (StatusCode::CREATED, _) => {}
            (StatusCode::CONFLICT, "reservation_limit") => {
                assert_eq!(field.as_deref(), Some("items[0]"));
            }
            // A checkout that committed first took the line out of the cart.
            (StatusCode::UNPROCESSABLE_ENTITY, _) => {}
            other => panic!("{other:?} in {outcomes:?}"),
        }
    }
    assert_eq!(held(&app, "racer", SHIRT_M).await, 3);
    assert_eq!(stock(&app, SHIRT_M).await, 97);
}

/// A card checkout of `who`: the payment, and its page's address and token.
async fn card_checkout(app: &TestApp, who: &Shopper) -> (Checkout, String, String) {
    let response = buy(app, who, SHIRT_M, 1, &json!({ "method": "card" })).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();
    let PaymentInstructions::Card { hosted_url } = checkout.payment.instructions.clone() else {
        panic!("{:?}", checkout.payment.instructions);
    };
    let token = hosted_url.split_once("?token=").unwrap().1.to_owned();
    (checkout, hosted_url, token)
}

/// A forged post: its headers, its form, and the status and code it gets.
type Forgery<'a> = (&'a [(&'a str, &'a str)], String, (StatusCode, &'a str));

/// `POST /provider/card/{payment_id}` with `form` and `headers`.
async fn post_card(
    app: &TestApp,
    payment_id: &str,
    headers: &[(&str, &str)],
    form: &str,
) -> TestResponse {
    let mut request = Request::post(format!("/provider/card/{payment_id}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request.body(Body::from(form.to_owned())).unwrap())
        .await
}

#[tokio::test]
async fn a_forged_post_to_the_card_page_changes_nothing() {
    let app = TestApp::new().await;
    let victim = shopper(&app, "victim").await;
    let (checkout, hosted_url, token) = card_checkout(&app, &victim).await;
    let payment_id = checkout.payment.id.as_str();
    let stock_before = stock(&app, SHIRT_M).await;
    // The declined test card: posted, it would cancel the order.
    let decline =
        |token: &str| format!("number=4000000000000002&expiry=12%2F99&cvc=123&token={token}");
    let without_token = "number=4000000000000002&expiry=12%2F99&cvc=123".to_owned();
    let cross_site = (StatusCode::FORBIDDEN, "cross_site_request");
    let no_page = (StatusCode::NOT_FOUND, "not_found");
    let forgeries: [Forgery; 6] = [
        // An attacker's page, in a current browser: refused even with the
        // token.
        (
            &[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://evil.example"),
                ("host", "api.example"),
            ],
            decline(&token),
            cross_site,
        ),
        (
            &[("sec-fetch-site", "same-site")],
            decline(&token),
            cross_site,
        ),
        // In a browser that sends no Sec-Fetch-Site: by its Origin.
        (
            &[("origin", "https://evil.example"), ("host", "api.example")],
            decline(&token),
            cross_site,
        ),
        (
            &[("origin", "null"), ("host", "api.example")],
            decline(&token),
            cross_site,
        ),
        // Knowing the payment id only: no token, or a made-up one.
        (&[], without_token, no_page),
        (&[], decline(&another_token(&token)), no_page),
    ];
    for (headers, form, expected) in &forgeries {
        let response = post_card(&app, payment_id, headers, form).await;
        let (status, code, _, message) = response.refusal();
        assert_eq!(
            (status, code.as_str()),
            *expected,
            "{headers:?}: {}",
            response.text()
        );
        assert!(!message.contains(&token), "{message}");
    }
    let (_, _, _, message) = post_card(&app, payment_id, forgeries[0].0, &forgeries[0].1)
        .await
        .refusal();
    assert!(
        message.contains("another site") && message.contains("nothing was changed"),
        "{message}"
    );
    // Nor does the page open without its token.
    for path in [
        format!("/provider/card/{payment_id}"),
        format!("/provider/card/{payment_id}?token="),
        format!("/provider/card/{payment_id}?token=cpt_{}", "0".repeat(64)),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.refusal().1, "not_found", "{path}");
        assert!(!response.text().contains(&token), "{path}");
    }
    let order: Order = app
        .call(
            Method::GET,
            &format!("/v1/orders/{}", checkout.orders[0].id),
            Some(&victim.token),
            None,
        )
        .await
        .json();
    assert_eq!(
        order.status,
        OrderStatus::AwaitingPayment,
        "nothing changed"
    );
    assert_eq!(stock(&app, SHIRT_M).await, stock_before);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM webhook_events").await, 0);

    // The real page: opened at its address, posted from itself.
    let page = app.get(&hosted_url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert!(
        page.text()
            .contains(&format!("name=\"token\" value=\"{token}\"")),
        "{}",
        page.text()
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let paid = post_card(
        &app,
        payment_id,
        &[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://api.example"),
            ("host", "api.example"),
        ],
        &format!("number=4111111111111111&expiry=12%2F99&cvc=123&token={token}"),
    )
    .await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text());
    assert!(
        paid.text().contains("Pembayaran berhasil"),
        "{}",
        paid.text()
    );
    // In an older browser, by its Origin alone.
    let (other, _, other_token) = card_checkout(&app, &shopper(&app, "other").await).await;
    let declined = post_card(
        &app,
        &other.payment.id,
        &[("origin", "http://api.example"), ("host", "api.example")],
        &decline(&other_token),
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.text());
    assert!(
        declined.text().contains("Kartu ditolak"),
        "{}",
        declined.text()
    );
}

#[tokio::test]
async fn one_payments_token_does_not_open_anothers_page() {
    let app = TestApp::new().await;
    let (mine, _, my_token) = card_checkout(&app, &shopper(&app, "a").await).await;
    let (theirs, _, _) = card_checkout(&app, &shopper(&app, "b").await).await;
    let response = app
        .get(&format!(
            "/provider/card/{}?token={my_token}",
            theirs.payment.id
        ))
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let response = post_card(
        &app,
        &theirs.payment.id,
        &[],
        &format!("number=4000000000000002&expiry=12%2F99&cvc=123&token={my_token}"),
    )
    .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let payment: Payment = app
        .call(
            Method::GET,
            &format!("/v1/payments/{}", mine.payment.id),
            Some(&app.mint("a", "shopper").await),
            None,
        )
        .await
        .json();
    assert_eq!(payment.status, PaymentStatus::Pending);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM payments WHERE status = 'pending'"
        )
        .await,
        2
    );
}
