//! Attribution and sales: orders remember the stream, its creator and a
//! video's playback second; `GET /v1/creator/streams/{id}/sales` counts
//! paid orders only, and of them the lines added from the stream while it
//! showed their product, with each line's commission rate as ordered; the
//! creator's live feed, and only theirs, hears when those figures change.

use std::collections::HashMap;

use axum::http::{Method, StatusCode};
use etalase_contract::{Address, Checkout, Rupiah, ShopQuote, StreamSales};
use etalase_server::orders::lifecycle;
use etalase_server::store::Json;
use etalase_server::time::Timestamp;
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{SAMBAL, SHIRT_M};
use crate::helpers::{TestApp, TestResponse};
use crate::live::{creator_put, Served, Viewer, CREATOR, STREAM};
use crate::orders::place;

const KAOS_M: &str = "var-kaos-grafis-kota-kembang-m";
const HOODIE_L: &str = "var-hoodie-fleece-oversize-abu-misty-l";
const VIDEO: &str = "vid-rutinitas-glow";
const SERUM: &str = "var-serum-niacinamide-20-ml";
const SUNSCREEN: &str = "var-sunscreen-gel-spf50-30-ml";

/// A cart line: the variant, how many, where it was opened and at which
/// second of a video.
type Line<'a> = (&'a str, u32, Option<&'a str>, Option<u32>);

/// A new shopper `user` puts `lines` in the cart and checks out (QRIS,
/// cheapest shipping, no voucher) from `stream`.
pub async fn buy(
    app: &TestApp,
    user: &str,
    lines: &[Line<'_>],
    stream: Option<&str>,
) -> (String, Checkout) {
    buy_with(app, user, lines, stream, None).await
}

/// As [`buy`], with live voucher `voucher` of `stream` claimed and used.
async fn buy_with(
    app: &TestApp,
    user: &str,
    lines: &[Line<'_>],
    stream: Option<&str>,
    voucher: Option<&str>,
) -> (String, Checkout) {
    let token = app.mint(user, "shopper").await;
    for (variant, quantity, opened_on, second) in lines {
        let mut body = json!({ "quantity": quantity });
        if let Some(opened_on) = opened_on {
            body["stream_id"] = json!(opened_on);
        }
        if let Some(second) = second {
            body["playback_second"] = json!(second);
        }
        let path = format!("/v1/cart/items/{variant}");
        let response = app.call(Method::PUT, &path, Some(&token), Some(body)).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    }
    if let (Some(code), Some(stream)) = (voucher, stream) {
        let path = format!("/v1/streams/{stream}/vouchers/{code}/claim");
        let claimed = app.call(Method::POST, &path, Some(&token), None).await;
        assert_eq!(claimed.status, StatusCode::OK, "{}", claimed.text());
    }
    let address: Address = save(app, &token, bandung()).await.json();
    let quote = app
        .call(
            Method::POST,
            "/v1/checkout/quote",
            Some(&token),
            Some(json!({
                "address_id": address.id,
                "payment": { "method": "qris" },
                "stream_id": stream,
                "vouchers": voucher.into_iter().collect::<Vec<_>>(),
            })),
        )
        .await;
    assert_eq!(quote.status, StatusCode::OK, "{}", quote.text());
    let quote_id = quote.json::<Value>()["id"].as_str().unwrap().to_owned();
    let response = place(app, &token, &quote_id, user).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    (token, response.json())
}

async fn post(app: &TestApp, token: &str, path: &str) -> TestResponse {
    let response = app.call(Method::POST, path, Some(token), None).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{path}: {}",
        response.text()
    );
    response
}

async fn sales(app: &TestApp, token: &str, stream: &str) -> TestResponse {
    let path = format!("/v1/creator/streams/{stream}/sales");
    app.call(Method::GET, &path, Some(token), None).await
}

#[tokio::test]
async fn orders_record_the_stream_its_creator_and_a_videos_playback_second() {
    let app = TestApp::new().await;
    let lines = [
        (SERUM, 1, Some(VIDEO), Some(42)),
        (SUNSCREEN, 2, Some(VIDEO), Some(95)),
        // Opened on another stream: neither its second nor its sale belongs
        // to this video.
        (SHIRT_M, 1, Some(STREAM), None),
    ];
    let (token, checkout) = buy(&app, "viewer-1", &lines, Some(VIDEO)).await;
    for order in &checkout.orders {
        assert_eq!(order.stream_id.as_deref(), Some(VIDEO));
        assert_eq!(order.creator_id.as_deref(), Some("crt-nadia-glow"));
    }
    let recorded: Vec<(String, Option<i64>, i64, i64)> = sqlx::query_as(
        "SELECT variant_id, playback_second, commission_bp, attributed FROM order_items
          ORDER BY variant_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        recorded,
        [
            (SHIRT_M.to_owned(), None, 0, 0),
            (SERUM.to_owned(), Some(42), 1200, 1),
            (SUNSCREEN.to_owned(), Some(95), 1200, 1),
        ]
    );

    post(
        &app,
        &token,
        &format!("/v1/demo/payments/{}/pay", checkout.payment.id),
    )
    .await;
    let nadia = app.mint("crt-nadia-glow", "creator").await;
    let report: StreamSales = sales(&app, &nadia, VIDEO).await.json();
    let seconds: HashMap<&str, Option<u32>> = report
        .products
        .iter()
        .map(|p| (p.product_id.as_str(), p.median_playback_second))
        .collect();
    assert_eq!(seconds["prd-serum-niacinamide"], Some(42));
    assert_eq!(seconds["prd-sunscreen-gel-spf50"], Some(95));
    assert!(
        !seconds.contains_key("prd-kemeja-batik-parang"),
        "the video never showed the shirt"
    );
}

#[tokio::test]
async fn a_cart_line_names_an_existing_stream_and_a_second_only_for_a_video() {
    let app = TestApp::new().await;
    for (body, field) in [
        (
            json!({ "quantity": 1, "playback_second": 3 }),
            "playback_second",
        ),
        (
            json!({ "quantity": 1, "stream_id": STREAM, "playback_second": 3 }),
            "playback_second",
        ),
        (
            json!({ "quantity": 1, "stream_id": "vid-nope" }),
            "stream_id",
        ),
        (
            json!({ "quantity": 1, "stream_id": VIDEO, "playback_second": -1 }),
            "playback_second",
        ),
    ] {
        let path = format!("/v1/cart/items/{SERUM}");
        let response = app
            .call(Method::PUT, &path, Some(&app.token), Some(body.clone()))
            .await;
        let error: Value = response.json();
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {error}"
        );
        assert_eq!(error["error"]["field"], field, "{body}");
    }
}

/// Sales recomputed from the `orders` table: each sold order's lines, as
/// placed (its `detail`), at the commission rate each product had when the
/// test ordered it; `rates` names only the products the test added from the
/// stream while it showed them, so the others' lines, and an order of only
/// such lines, are left out.
async fn recompute(app: &TestApp, rates: &HashMap<&str, i64>) -> (u32, u32, i64, i64) {
    let rows: Vec<(String, Json<ShopQuote>)> = sqlx::query_as(
        "SELECT o.status, o.detail FROM orders o JOIN checkouts c ON c.id = o.checkout_id
          WHERE c.stream_id = $1",
    )
    .bind(STREAM)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let (mut orders, mut units, mut gmv, mut commission) = (0, 0, 0, 0);
    for (status, detail) in rows {
        if !["paid", "processing", "shipped", "delivered", "completed"].contains(&status.as_str()) {
            continue;
        }
        let mut counted = false;
        for item in &detail.0.items {
            let Some(rate) = rates.get(item.product_id.as_str()) else {
                continue;
            };
            counted = true;
            units += item.quantity;
            gmv += item.line_total.0;
            commission += item.line_total.0 * rate / 10_000;
        }
        orders += u32::from(counted);
    }
    (orders, units, gmv, commission)
}

#[tokio::test]
async fn sales_equal_a_recomputation_from_the_orders_table() {
    let app = TestApp::new().await;
    // A rate that does not divide evenly, so rounding down per line shows.
    sqlx::query(
        "UPDATE products SET commission_bp = 333 WHERE id = 'prd-kaos-grafis-kota-kembang'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let rates = HashMap::from([
        ("prd-kemeja-batik-parang", 800),
        ("prd-kaos-grafis-kota-kembang", 333),
        ("prd-hoodie-fleece-oversize", 800),
    ]);
    let on_stream = Some(STREAM);
    let opened = Some(STREAM);
    // Paid, two shops: two orders; the sambal, which the stream does not
    // show, is a third order and no sale of the stream's.
    let (a, paid) = buy(
        &app,
        "a",
        &[
            (SHIRT_M, 1, opened, None),
            (KAOS_M, 2, opened, None),
            (SAMBAL, 1, opened, None),
        ],
        on_stream,
    )
    .await;
    assert_eq!(paid.orders.len(), 3);
    post(
        &app,
        &a,
        &format!("/v1/demo/payments/{}/pay", paid.payment.id),
    )
    .await;
    // Paid, then moving on.
    let (b, processing) = buy(&app, "b", &[(KAOS_M, 1, opened, None)], on_stream).await;
    post(
        &app,
        &b,
        &format!("/v1/demo/payments/{}/pay", processing.payment.id),
    )
    .await;
    post(
        &app,
        &b,
        &format!("/v1/demo/orders/{}/advance", processing.orders[0].id),
    )
    .await;
    // Unpaid.
    buy(&app, "c", &[(SHIRT_M, 2, opened, None)], on_stream).await;
    // Cancelled.
    let (d, cancelled) = buy(&app, "d", &[(HOODIE_L, 1, opened, None)], on_stream).await;
    post(
        &app,
        &d,
        &format!("/v1/orders/{}/cancel", cancelled.orders[0].id),
    )
    .await;
    // Expired.
    let (_, expired) = buy(&app, "e", &[(KAOS_M, 1, opened, None)], on_stream).await;
    sqlx::query("UPDATE payments SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&expired.payment.id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, Timestamp::now())
            .await
            .unwrap(),
        1
    );
    // Paid, but from another stream, and from no stream.
    let (f, elsewhere) = buy(
        &app,
        "f",
        &[(SHIRT_M, 1, opened, None)],
        Some("live-dapur-sari"),
    )
    .await;
    post(
        &app,
        &f,
        &format!("/v1/demo/payments/{}/pay", elsewhere.payment.id),
    )
    .await;
    let (g, nowhere) = buy(&app, "g", &[(SHIRT_M, 1, None, None)], None).await;
    post(
        &app,
        &g,
        &format!("/v1/demo/payments/{}/pay", nowhere.payment.id),
    )
    .await;
    // A later rate change does not rewrite past commission.
    sqlx::query("UPDATE products SET commission_bp = 9999")
        .execute(&app.db)
        .await
        .unwrap();

    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT o.status FROM orders o JOIN checkouts c ON c.id = o.checkout_id
          WHERE c.stream_id = $1 ORDER BY o.status",
    )
    .bind(STREAM)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        statuses,
        [
            "awaiting_payment",
            "cancelled",
            "expired",
            "paid",
            "processing"
        ],
        "every kind of order is there to be left out or counted"
    );

    let owner = app.mint(CREATOR, "creator").await;
    let response = sales(&app, &owner, STREAM).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let report: StreamSales = response.json();
    let (orders, units, gmv, commission) = recompute(&app, &rates).await;
    assert_eq!(
        (
            report.orders,
            report.units,
            report.gmv.0,
            report.commission.0
        ),
        (orders, units, gmv, commission)
    );
    // Known by hand: the shirt and 2 + 1 kaos, in three orders.
    assert_eq!((orders, units), (3, 4));
    assert_eq!(gmv, 189_000 + 3 * 99_000);
    assert_eq!(
        commission,
        15_120 + 6_593 + 3_296,
        "333 bp rounds down per line"
    );
    let per_product: HashMap<&str, (u32, u32, i64, i64)> = report
        .products
        .iter()
        .map(|p| {
            (
                p.product_id.as_str(),
                (p.orders, p.units, p.gmv.0, p.commission.0),
            )
        })
        .collect();
    assert_eq!(per_product.len(), 2, "the cancelled hoodie sold nothing");
    assert_eq!(
        per_product["prd-kaos-grafis-kota-kembang"],
        (2, 3, 297_000, 9_889)
    );
    assert_eq!(
        per_product["prd-kemeja-batik-parang"],
        (1, 1, 189_000, 15_120)
    );
    assert_eq!(
        report.products[0].product_id, "prd-kaos-grafis-kota-kembang",
        "by value"
    );

    // Only the stream's own creator sees its sales.
    let other = app.mint("crt-sari-masak", "creator").await;
    assert_eq!(
        sales(&app, &other, STREAM).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sales(&app, &a, STREAM).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn unpaid_orders_stand_apart_and_a_live_vouchers_cost_and_the_latest_rate_are_told() {
    let app = TestApp::new().await;
    let owner = app.mint(CREATOR, "creator").await;
    let path = format!("/v1/creator/streams/{STREAM}/vouchers");
    let terms = json!({
        "kind": "percent", "value": 10, "max_discount": 25_000, "quota": 5, "claimable_minutes": 5,
    });
    let dropped = app
        .call(Method::POST, &path, Some(&owner), Some(terms))
        .await;
    assert_eq!(dropped.status, StatusCode::CREATED, "{}", dropped.text());
    let code = dropped.json::<Value>()["code"].as_str().unwrap().to_owned();
    let opened = Some(STREAM);

    // Paid with the stream's voucher: 10 % of Rp189.000.
    let (a, paid) = buy_with(
        &app,
        "a",
        &[(SHIRT_M, 1, opened, None)],
        opened,
        Some(&code),
    )
    .await;
    assert_eq!(paid.totals.discount, Rupiah(18_900));
    post(
        &app,
        &a,
        &format!("/v1/demo/payments/{}/pay", paid.payment.id),
    )
    .await;
    // Placed, not paid: apart, in no other figure.
    let (b, unpaid) = buy(&app, "b", &[(KAOS_M, 2, opened, None)], opened).await;
    // Paid later at a new rate: the product's rate is its latest line's.
    sqlx::query("UPDATE products SET commission_bp = 1000 WHERE id = 'prd-kemeja-batik-parang'")
        .execute(&app.db)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (c, later) = buy(&app, "c", &[(SHIRT_M, 1, opened, None)], opened).await;
    post(
        &app,
        &c,
        &format!("/v1/demo/payments/{}/pay", later.payment.id),
    )
    .await;

    let response = sales(&app, &owner, STREAM).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let report: StreamSales = response.json();
    assert_eq!(
        (report.orders, report.units, report.gmv, report.commission),
        (2, 2, Rupiah(2 * 189_000), Rupiah(15_120 + 18_900)),
        "only the paid orders, each line at its own rate"
    );
    assert_eq!(report.voucher_cost, Rupiah(18_900));
    assert_eq!(
        (report.unpaid_orders, report.unpaid_gmv),
        (1, Rupiah(2 * 99_000))
    );
    assert_eq!(
        report.products.len(),
        1,
        "the unpaid kaos is no product sold"
    );
    assert_eq!(report.products[0].commission_bp, 1000);

    // Once paid, the kaos leaves the unpaid figures for the sold ones.
    post(
        &app,
        &b,
        &format!("/v1/demo/payments/{}/pay", unpaid.payment.id),
    )
    .await;
    let report: StreamSales = sales(&app, &owner, STREAM).await.json();
    assert_eq!(
        (
            report.orders,
            report.gmv,
            report.unpaid_orders,
            report.unpaid_gmv
        ),
        (3, Rupiah(2 * 189_000 + 2 * 99_000), 0, Rupiah::ZERO)
    );
}

/// The next event of `feed` other than a flash deal's.
async fn next_change(feed: &mut Viewer) -> String {
    loop {
        let (name, _) = feed.next().await.expect("the feed ended");
        if name != "deal" {
            return name;
        }
    }
}

#[tokio::test]
async fn the_creators_feed_alone_hears_its_sales_change_and_reads_them_at_once() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let owner = app.mint(CREATOR, "creator").await;
    let mut studio = Viewer::connect(served.addr, STREAM, &owner).await;
    studio.expect("snapshot").await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    let opened = Some(STREAM);

    let (buyer, checkout) = buy(&app, "a", &[(SHIRT_M, 2, opened, None)], opened).await;
    assert_eq!(next_change(&mut studio).await, "stock");
    assert_eq!(next_change(&mut viewer).await, "stock");
    post(
        &app,
        &buyer,
        &format!("/v1/demo/payments/{}/pay", checkout.payment.id),
    )
    .await;
    assert_eq!(next_change(&mut studio).await, "sales", "the payment");
    // Read as soon as it is heard, the figures hold the payment.
    let report: StreamSales = sales(&app, &owner, STREAM).await.json();
    assert_eq!(
        (
            report.orders,
            report.units,
            report.gmv,
            report.unpaid_orders
        ),
        (1, 2, Rupiah(2 * 189_000), 0)
    );

    // An unpaid order placed and cancelled: its end is a change of the
    // unpaid figures.
    let (other, unpaid) = buy(&app, "b", &[(SHIRT_M, 1, opened, None)], opened).await;
    assert_eq!(next_change(&mut studio).await, "stock");
    assert_eq!(next_change(&mut viewer).await, "stock");
    let report: StreamSales = sales(&app, &owner, STREAM).await.json();
    assert_eq!(report.unpaid_orders, 1);
    post(
        &app,
        &other,
        &format!("/v1/orders/{}/cancel", unpaid.orders[0].id),
    )
    .await;
    assert_eq!(next_change(&mut studio).await, "stock");
    assert_eq!(next_change(&mut studio).await, "sales", "the cancellation");
    assert_eq!(next_change(&mut viewer).await, "stock");
    let report: StreamSales = sales(&app, &owner, STREAM).await.json();
    assert_eq!((report.orders, report.unpaid_orders), (1, 0));

    // The viewer heard no `sales`: its next event after the stock is the
    // creator's pin.
    creator_put(
        &app,
        &owner,
        STREAM,
        "pin",
        json!({ "product_id": "prd-blouse-batik-kawung" }),
    )
    .await;
    assert_eq!(next_change(&mut viewer).await, "pinned");
    assert_eq!(next_change(&mut studio).await, "pinned");
    drop((studio, viewer));
    served.stop().await;
}
