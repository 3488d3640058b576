//! What a creator may do to other people's money: live vouchers bounded to the stream's showcase, commission only for what the stream showed.
//!
//! The probe's findings, replayed: a fresh user becomes a creator and drops
//! a voucher (refused beyond 50 % or Rp100.000, and then good only for the
//! products the stream shows), and a quote naming a stream earns commission
//! only for the lines added from it while it showed their product.

use axum::http::{Method, StatusCode};
use etalase_contract::{Address, Checkout, LiveVoucher, Quote, Rupiah, StreamSales, StreamSummary};
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{SAMBAL, SHIRT_M, SHIRT_XL};
use crate::helpers::{TestApp, TestResponse};
use crate::live::{creator_put, CREATOR, STREAM};
use crate::orders::place;
use crate::quote::post_quote;

/// The batik shirt (Rp189.000 in M, apparel: 8 % commission), which
/// [`STREAM`] shows.
const SHIRT: &str = "prd-kemeja-batik-parang";
/// The sambal (Rp35.000, food), which [`STREAM`] does not show.
const SAMBAL_PRODUCT: &str = "prd-sambal-bawang-pedas";
const BATIK_SHOP: &str = "shop-batik-sekar";
const DAPUR_SHOP: &str = "shop-dapur-nusantara";
/// A stream of another creator, which does not show the shirt.
const OTHER_STREAM: &str = "live-dapur-sari";

/// A user the demo host has never seen becomes a creator by creating a live
/// stream, and shows `products` on it; answers their token and the stream.
pub async fn newcomer_stream(app: &TestApp, user: &str, products: &[&str]) -> (String, String) {
    let token = app.mint(user, "creator").await;
    let response = app
        .call(
            Method::POST,
            "/v1/creator/streams",
            Some(&token),
            Some(json!({ "title": "Siaran baru", "kind": "live" })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let stream: StreamSummary = response.json();
    show(app, &token, &stream.id, products).await;
    (token, stream.id)
}

/// Sets `stream`'s showcase to `products`.
async fn show(app: &TestApp, token: &str, stream: &str, products: &[&str]) {
    let body = json!({ "product_ids": products });
    let response = creator_put(app, token, stream, "products", body).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

async fn drop_voucher(app: &TestApp, token: &str, stream: &str, body: Value) -> TestResponse {
    let path = format!("/v1/creator/streams/{stream}/vouchers");
    app.call(Method::POST, &path, Some(token), Some(body)).await
}

/// Drops `body` on `stream` as `creator`, and claims it as `shopper`.
async fn dropped_and_claimed(
    app: &TestApp,
    creator: &str,
    stream: &str,
    body: Value,
    shopper: &str,
) -> String {
    let response = drop_voucher(app, creator, stream, body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let code = response.json::<LiveVoucher>().code;
    let path = format!("/v1/streams/{stream}/vouchers/{code}/claim");
    let response = app.call(Method::POST, &path, Some(shopper), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    code
}

/// Sets `variant` to `quantity` in `token`'s cart, opened on `stream`.
async fn add(app: &TestApp, token: &str, variant: &str, quantity: u32, stream: Option<&str>) {
    let mut body = json!({ "quantity": quantity });
    if let Some(stream) = stream {
        body["stream_id"] = json!(stream);
    }
    let path = format!("/v1/cart/items/{variant}");
    let response = app.call(Method::PUT, &path, Some(token), Some(body)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

/// A new shopper `user` with a saved address: their token and address id.
async fn shopper(app: &TestApp, user: &str) -> (String, String) {
    let token = app.mint(user, "shopper").await;
    let address: Address = save(app, &token, bandung()).await.json();
    (token, address.id)
}

/// A QRIS quote of `token`'s cart with `vouchers`, naming `stream`.
async fn quote(
    app: &TestApp,
    token: &str,
    address: &str,
    vouchers: &[&str],
    stream: Option<&str>,
) -> TestResponse {
    let body = json!({
        "address_id": address,
        "vouchers": vouchers,
        "payment": { "method": "qris" },
        "stream_id": stream,
    });
    post_quote(app, token, body).await
}

/// Quotes `token`'s whole cart naming `stream`, places it and pays it.
async fn buy_and_pay(app: &TestApp, token: &str, address: &str, stream: &str) -> Checkout {
    let response = quote(app, token, address, &[], Some(stream)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let quote: Quote = response.json();
    let response = place(app, token, &quote.id, &quote.id).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();
    let path = format!("/v1/demo/payments/{}/pay", checkout.payment.id);
    let paid = app.call(Method::POST, &path, Some(token), None).await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text());
    checkout
}

/// Each line of `checkout` as stored: variant, commission rate, attributed.
async fn lines(app: &TestApp, checkout: &Checkout) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT i.variant_id, i.commission_bp, i.attributed
           FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE o.checkout_id = $1 ORDER BY i.variant_id",
    )
    .bind(&checkout.id)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn sales(app: &TestApp, token: &str, stream: &str) -> StreamSales {
    let path = format!("/v1/creator/streams/{stream}/sales");
    let response = app.call(Method::GET, &path, Some(token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

fn totals(sales: &StreamSales) -> (u32, u32, Rupiah, Rupiah) {
    (sales.orders, sales.units, sales.gmv, sales.commission)
}

/// The platform discount each shop of `quote` gets, by shop id.
fn platform_shares(quote: &Quote) -> Vec<(&str, Rupiah)> {
    quote
        .shops
        .iter()
        .map(|shop| (shop.shop.id.as_str(), shop.platform_discount))
        .collect()
}

#[tokio::test]
async fn a_fresh_creators_voucher_is_bounded_and_takes_off_only_the_showcases_products() {
    let app = TestApp::new().await;
    let (creator, stream) = newcomer_stream(&app, "probe-creator", &[SHIRT]).await;

    // The probe's drop: 90 % and no cap. Refused, and so is half off uncapped.
    let greedy = json!({ "kind": "percent", "value": 90, "quota": 100, "claimable_minutes": 60 });
    let response = drop_voucher(&app, &creator, &stream, greedy).await;
    assert_eq!(
        response.refusal(),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field".into(),
            Some("value".into()),
            "percent must be 1 to 50".into()
        )
    );
    let uncapped = json!({ "kind": "percent", "value": 50, "quota": 100, "claimable_minutes": 60 });
    let response = drop_voucher(&app, &creator, &stream, uncapped).await;
    assert_eq!(response.refusal().2.as_deref(), Some("max_discount"));

    // The most the platform allows: half off, at most Rp100.000.
    let (token, address) = shopper(&app, "probe-shopper").await;
    let most = json!({ "kind": "percent", "value": 50, "max_discount": 100_000, "quota": 100, "claimable_minutes": 60 });
    let code = dropped_and_claimed(&app, &creator, &stream, most, &token).await;

    // The shirt is shown, the sambal is not: half of one shirt, nothing off
    // the sambal's shop.
    add(&app, &token, SHIRT_M, 1, None).await;
    add(&app, &token, SAMBAL, 2, None).await;
    let response = quote(&app, &token, &address, &[&code], None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let priced: Quote = response.json();
    assert_eq!(
        priced.vouchers[0].discount,
        Rupiah(94_500),
        "50 % of 189 000"
    );
    assert_eq!(
        platform_shares(&priced),
        [(BATIK_SHOP, Rupiah(94_500)), (DAPUR_SHOP, Rupiah::ZERO)]
    );

    // Two shirts: half is 189 000, the cap is 100 000.
    add(&app, &token, SHIRT_M, 2, None).await;
    let priced: Quote = quote(&app, &token, &address, &[&code], None).await.json();
    assert_eq!(priced.vouchers[0].discount, Rupiah(100_000));
    assert_eq!(
        platform_shares(&priced),
        [(BATIK_SHOP, Rupiah(100_000)), (DAPUR_SHOP, Rupiah::ZERO)]
    );

    // Buying only the sambal: nothing from the showcase, so it does not apply.
    let body = json!({
        "address_id": address,
        "variant_ids": [SAMBAL],
        "vouchers": [code],
        "payment": { "method": "qris" },
    });
    let (status, error, field, message) = post_quote(&app, &token, body).await.refusal();
    assert_eq!(
        (status, error.as_str(), field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "voucher_not_applicable",
            Some("vouchers[0]")
        )
    );
    assert!(message.contains(&stream), "{message}");

    // The showcase as it is when priced: emptied, it covers nothing.
    show(&app, &creator, &stream, &[]).await;
    let response = quote(&app, &token, &address, &[&code], None).await;
    assert_eq!(response.refusal().1, "voucher_not_applicable");
    assert_eq!(response.refusal().2.as_deref(), Some("vouchers[0]"));
}

#[tokio::test]
async fn every_term_beyond_the_platforms_bounds_is_refused_stating_the_range() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let percent = |value: i64, cap: Option<i64>| {
        let mut body =
            json!({ "kind": "percent", "value": value, "quota": 5, "claimable_minutes": 5 });
        if let Some(cap) = cap {
            body["max_discount"] = json!(cap);
        }
        body
    };
    let amount = |value: i64| json!({ "kind": "amount", "value": value, "quota": 5, "claimable_minutes": 5 });
    let cap_range = "Rp1.000 to Rp100.000";
    for (body, field, message) in [
        (
            percent(51, Some(10_000)),
            "value",
            "percent must be 1 to 50".to_owned(),
        ),
        (
            percent(0, Some(10_000)),
            "value",
            "percent must be 1 to 50".to_owned(),
        ),
        (
            percent(10, None),
            "max_discount",
            format!("a percentage voucher needs a cap: max_discount must be {cap_range}"),
        ),
        (
            percent(10, Some(100_001)),
            "max_discount",
            format!("max_discount must be {cap_range}"),
        ),
        (
            percent(10, Some(999)),
            "max_discount",
            format!("max_discount must be {cap_range}"),
        ),
        (
            amount(100_001),
            "value",
            format!("an amount must be {cap_range}"),
        ),
        (
            amount(999),
            "value",
            format!("an amount must be {cap_range}"),
        ),
    ] {
        let response = drop_voucher(&app, &creator, STREAM, body.clone()).await;
        assert_eq!(
            response.refusal(),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field".into(),
                Some(field.into()),
                message
            ),
            "{body}"
        );
    }
    for body in [
        percent(50, Some(100_000)),
        percent(1, Some(1_000)),
        amount(100_000),
        amount(1_000),
    ] {
        let response = drop_voucher(&app, &creator, STREAM, body.clone()).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{body}: {}",
            response.text()
        );
    }
    // Ownership first: another creator learns nothing from the bounds.
    let other = app.mint("crt-sari-masak", "creator").await;
    let response = drop_voucher(&app, &other, STREAM, percent(90, None)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let dropped: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM live_vouchers")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(dropped, 4, "only the drops within the bounds");
}

#[tokio::test]
async fn a_quote_naming_an_empty_stream_earns_no_commission() {
    let app = TestApp::new().await;
    let (creator, stream) = newcomer_stream(&app, "probe-creator", &[]).await;
    let (token, address) = shopper(&app, "probe-shopper").await;
    // Even "opened" on the empty stream: it showed nothing.
    add(&app, &token, SHIRT_M, 1, Some(&stream)).await;
    add(&app, &token, SAMBAL, 1, None).await;
    let checkout = buy_and_pay(&app, &token, &address, &stream).await;
    assert_eq!(
        lines(&app, &checkout).await,
        [(SHIRT_M.to_owned(), 0, 0), (SAMBAL.to_owned(), 0, 0)]
    );
    assert_eq!(
        totals(&sales(&app, &creator, &stream).await),
        (0, 0, Rupiah::ZERO, Rupiah::ZERO)
    );
}

#[tokio::test]
async fn only_a_line_added_from_the_stream_showing_it_earns_the_stated_rate() {
    let app = TestApp::new().await;
    let (token, address) = shopper(&app, "viewer").await;
    // Shown on the stream: attributed. Not shown there, or added from no
    // stream: not.
    add(&app, &token, SHIRT_M, 1, Some(STREAM)).await;
    add(&app, &token, SAMBAL, 2, Some(STREAM)).await;
    add(&app, &token, SHIRT_XL, 1, None).await;
    let checkout = buy_and_pay(&app, &token, &address, STREAM).await;
    assert_eq!(
        lines(&app, &checkout).await,
        [
            (SHIRT_M.to_owned(), 800, 1),
            (SHIRT_XL.to_owned(), 0, 0),
            (SAMBAL.to_owned(), 0, 0),
        ]
    );
    let owner = app.mint(CREATOR, "creator").await;
    let report = sales(&app, &owner, STREAM).await;
    assert_eq!(
        totals(&report),
        (1, 1, Rupiah(189_000), Rupiah(15_120)),
        "one shirt at 8 %; the sambal's order is no sale of the stream's"
    );
    let products: Vec<&str> = report
        .products
        .iter()
        .map(|p| p.product_id.as_str())
        .collect();
    assert_eq!(products, [SHIRT]);
}

#[tokio::test]
async fn attribution_is_settled_when_the_line_is_added() {
    let app = TestApp::new().await;
    let owner = app.mint(CREATOR, "creator").await;
    let showcase: Vec<String> = sqlx::query_scalar(
        "SELECT product_id FROM stream_products WHERE stream_id = $1 ORDER BY position",
    )
    .bind(STREAM)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let showcase: Vec<&str> = showcase.iter().map(String::as_str).collect();
    assert!(showcase.contains(&SHIRT) && !showcase.contains(&SAMBAL_PRODUCT));

    // Added while not shown, then shown: still not the stream's.
    let (early, early_address) = shopper(&app, "early").await;
    add(&app, &early, SAMBAL, 1, Some(STREAM)).await;
    let mut with_sambal = showcase.clone();
    with_sambal.push(SAMBAL_PRODUCT);
    show(&app, &owner, STREAM, &with_sambal).await;
    // Added while shown, then taken off the showcase, and its quantity
    // changed while watching a stream that does not show it: still the
    // stream's, for both units.
    let (late, late_address) = shopper(&app, "late").await;
    add(&app, &late, SHIRT_M, 1, Some(STREAM)).await;
    let without_shirt: Vec<&str> = with_sambal
        .iter()
        .copied()
        .filter(|p| *p != SHIRT)
        .collect();
    show(&app, &owner, STREAM, &without_shirt).await;
    add(&app, &late, SHIRT_M, 2, Some(OTHER_STREAM)).await;

    let early_checkout = buy_and_pay(&app, &early, &early_address, STREAM).await;
    assert_eq!(
        lines(&app, &early_checkout).await,
        [(SAMBAL.to_owned(), 0, 0)]
    );
    let late_checkout = buy_and_pay(&app, &late, &late_address, STREAM).await;
    assert_eq!(
        lines(&app, &late_checkout).await,
        [(SHIRT_M.to_owned(), 800, 1)]
    );
    assert_eq!(
        totals(&sales(&app, &owner, STREAM).await),
        (1, 2, Rupiah(378_000), Rupiah(30_240))
    );
}

/// The second probe's self-dealing: a creator buying through their own
/// stream (a shopper token for the same user) earns no commission.
#[tokio::test]
async fn a_creator_earns_nothing_from_buying_through_their_own_stream() {
    let app = TestApp::new().await;
    let (token, address) = shopper(&app, CREATOR).await;
    add(&app, &token, SHIRT_M, 1, Some(STREAM)).await;
    let checkout = buy_and_pay(&app, &token, &address, STREAM).await;
    assert_eq!(lines(&app, &checkout).await, [(SHIRT_M.to_owned(), 0, 0)]);
    let owner = app.mint(CREATOR, "creator").await;
    let report = sales(&app, &owner, STREAM).await;
    assert_eq!(totals(&report), (0, 0, Rupiah(0), Rupiah(0)));
    // Nor may they claim their own stream's voucher.
    let body = json!({ "kind": "amount", "value": 100_000, "quota": 10, "claimable_minutes": 5 });
    let dropped = drop_voucher(&app, &owner, STREAM, body).await;
    assert_eq!(dropped.status, StatusCode::CREATED, "{}", dropped.text());
    let code = dropped.json::<LiveVoucher>().code;
    let path = format!("/v1/streams/{STREAM}/vouchers/{code}/claim");
    let (status, error, _, message) = app
        .call(Method::POST, &path, Some(&token), None)
        .await
        .refusal();
    assert_eq!(
        (status, error.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "voucher_not_applicable"),
        "{message}"
    );
}
