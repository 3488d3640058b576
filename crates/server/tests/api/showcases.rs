//! Showcases held in memory: `GET /v1/streams/{id}/products` is answered
//! from memory until a live event changes the showcase, and every change
//! the API makes (pin, showcase, stock and sold counts taken by orders and
//! given back by cancellations, expiries and failed payments) is in the
//! next read. A lost `LISTEN` connection drops what is held (PostgreSQL).

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use etalase_contract::{Checkout, ProductCard, ProductDetail, Showcase, StreamSummary};
use etalase_server::orders::lifecycle;
use etalase_server::time::Timestamp;
use serde_json::{json, Value};

use crate::cart::SHIRT_M;
use crate::helpers::{on_postgres, TestApp, WEBHOOK_SECRET};
use crate::live::{creator_put, CREATOR, STREAM};
use crate::orders::{buyers, place};
use crate::payments::deliver;

/// The shirt `SHIRT_M` is a variant of, shown by [`STREAM`] alone.
const SHIRT: &str = "prd-kemeja-batik-parang";
/// A product shown by both [`STREAM`] and [`OTHER_STREAM`].
const TOTEBAG: &str = "prd-tas-totebag-kanvas";
/// Another creator's stream.
const OTHER_STREAM: &str = "live-dapur-sari";

async fn showcase(app: &TestApp, stream: &str) -> Showcase {
    app.get_json(&format!("/v1/streams/{stream}/products"))
        .await
}

/// `product`'s card in `showcase`.
fn card<'a>(showcase: &'a Showcase, product: &str) -> &'a ProductCard {
    showcase
        .products
        .iter()
        .find(|card| card.id == product)
        .unwrap_or_else(|| panic!("{product} is not in the showcase"))
}

/// (stock, sold count) of `product`'s card in `stream`'s showcase.
async fn counts(app: &TestApp, stream: &str, product: &str) -> (u32, u32) {
    let showcase = showcase(app, stream).await;
    let card = card(&showcase, product);
    (card.stock, card.sold_count)
}

/// Writes `sql` straight to the database, as no route does: no event.
async fn behind_the_apis_back(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(&app.db).await.unwrap();
}

/// The first variant of `product`.
async fn first_variant(app: &TestApp, product: &str) -> String {
    let detail: ProductDetail = app.get_json(&format!("/v1/products/{product}")).await;
    detail.variants[0].id.clone()
}

/// One unit of `variant` ordered by a new buyer, paid by QRIS; answers the
/// buyer's token and the checkout.
async fn ordered(app: &TestApp, variant: &str) -> (String, Checkout) {
    let (token, quote) = buyers(app, 1, variant, json!([])).await.remove(0);
    let response = place(app, &token, &quote, "showcase-order").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    (token, response.json())
}

#[tokio::test]
async fn a_showcase_is_answered_from_memory_until_an_event_changes_it() {
    let app = TestApp::new().await;
    let (_, sold) = counts(&app, STREAM, SHIRT).await;
    assert!(!app.state.showcases.is_empty(), "the read is held");
    behind_the_apis_back(
        &app,
        "UPDATE products SET sold_count = sold_count + 1000 WHERE id = 'prd-kemeja-batik-parang'",
    )
    .await;
    assert_eq!(
        counts(&app, STREAM, SHIRT).await.1,
        sold,
        "a write no event announces is not seen while held"
    );

    // The creator's pin is an event of the stream: the next read is new.
    let creator = app.mint(CREATOR, "creator").await;
    let body = json!({ "product_id": "prd-hoodie-fleece-oversize" });
    let response = creator_put(&app, &creator, STREAM, "pin", body).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(counts(&app, STREAM, SHIRT).await.1, sold + 1000);
}

#[tokio::test]
async fn a_stream_that_did_not_exist_is_never_held() {
    let app = TestApp::new().await;
    let unknown = app.get("/v1/streams/live-belum-ada/products").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(app.state.showcases.is_empty(), "a 404 holds nothing");

    let creator = app.mint("newcomer", "creator").await;
    let response = app
        .call(
            Method::POST,
            "/v1/creator/streams",
            Some(&creator),
            Some(json!({ "title": "Siaran baru", "kind": "live" })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let stream: StreamSummary = response.json();
    let created = showcase(&app, &stream.id).await;
    assert!(created.products.is_empty());
}

#[tokio::test]
async fn a_pin_and_an_unpin_are_in_the_next_read() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let before = showcase(&app, STREAM).await;
    assert_eq!(before.pinned_product_id.as_deref(), Some(SHIRT));

    let hoodie = "prd-hoodie-fleece-oversize";
    let body = json!({ "product_id": hoodie });
    assert_eq!(
        creator_put(&app, &creator, STREAM, "pin", body)
            .await
            .status,
        StatusCode::OK
    );
    let pinned = showcase(&app, STREAM).await;
    assert_eq!(pinned.pinned_product_id.as_deref(), Some(hoodie));
    assert!(card(&pinned, hoodie).pinned);
    assert!(!card(&pinned, SHIRT).pinned);

    let body = json!({ "product_id": null });
    assert_eq!(
        creator_put(&app, &creator, STREAM, "pin", body)
            .await
            .status,
        StatusCode::OK
    );
    let unpinned = showcase(&app, STREAM).await;
    assert_eq!(unpinned.pinned_product_id, None);
    assert!(unpinned.products.iter().all(|card| !card.pinned));
}

#[tokio::test]
async fn a_new_showcase_its_order_and_the_pin_it_drops_are_in_the_next_read() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let before = showcase(&app, STREAM).await;
    assert_eq!(before.products.len(), 12);

    // The pinned shirt leaves; one product of another stream arrives; the
    // order changes.
    let ids = [
        "prd-hoodie-fleece-oversize",
        "prd-kopi-arabika-gayo",
        "prd-blouse-batik-kawung",
    ];
    let body = json!({ "product_ids": ids });
    let response = creator_put(&app, &creator, STREAM, "products", body).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let after = showcase(&app, STREAM).await;
    let shown: Vec<&str> = after.products.iter().map(|card| card.id.as_str()).collect();
    assert_eq!(shown, ids);
    assert_eq!(after.pinned_product_id, None, "the shirt left, unpinned");
    assert_eq!(after, response.json::<Showcase>(), "as the change answered");
}

#[tokio::test]
async fn an_order_and_its_cancellation_are_in_the_next_read() {
    let app = TestApp::new().await;
    let (stock, sold) = counts(&app, STREAM, SHIRT).await;
    let (token, checkout) = ordered(&app, SHIRT_M).await;
    assert_eq!(counts(&app, STREAM, SHIRT).await, (stock - 1, sold + 1));

    let path = format!("/v1/orders/{}/cancel", checkout.orders[0].id);
    let cancelled = app.call(Method::POST, &path, Some(&token), None).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    assert_eq!(counts(&app, STREAM, SHIRT).await, (stock, sold));
}

#[tokio::test]
async fn an_order_changes_every_showcase_showing_the_product() {
    let app = TestApp::new().await;
    let totebag = first_variant(&app, TOTEBAG).await;
    let here = counts(&app, STREAM, TOTEBAG).await;
    let there = counts(&app, OTHER_STREAM, TOTEBAG).await;
    assert_eq!(here, there);
    ordered(&app, &totebag).await;
    for stream in [STREAM, OTHER_STREAM] {
        assert_eq!(
            counts(&app, stream, TOTEBAG).await,
            (here.0 - 1, here.1 + 1),
            "{stream}"
        );
    }
}

#[tokio::test]
async fn an_expired_checkout_is_in_the_next_read() {
    let app = TestApp::new().await;
    let (_, checkout) = ordered(&app, SHIRT_M).await;
    let (stock, sold) = counts(&app, STREAM, SHIRT).await;
    let due = Timestamp::parse(&checkout.payment.expires_at).unwrap();
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap(),
        1
    );
    assert_eq!(counts(&app, STREAM, SHIRT).await, (stock + 1, sold - 1));
}

#[tokio::test]
async fn a_failed_payment_is_in_the_next_read() {
    let app = TestApp::new().await;
    let (_, checkout) = ordered(&app, SHIRT_M).await;
    let (stock, sold) = counts(&app, STREAM, SHIRT).await;
    let failed =
        json!({ "id": "evt_fail", "type": "payment.failed", "payment_id": checkout.payment.id });
    let answer = deliver(
        &app,
        &failed,
        WEBHOOK_SECRET,
        Timestamp::now().unix_seconds(),
    )
    .await;
    assert_eq!(answer.json::<Value>()["applied"], true, "{}", answer.text());
    assert_eq!(counts(&app, STREAM, SHIRT).await, (stock + 1, sold - 1));
}

#[tokio::test]
async fn a_lost_live_connection_drops_every_held_showcase() {
    if !on_postgres() {
        // SQLite has no connection to lose: events stay in process.
        return;
    }
    let app = TestApp::new().await;
    let (_, sold) = counts(&app, STREAM, SHIRT).await;
    behind_the_apis_back(
        &app,
        "UPDATE products SET sold_count = sold_count + 1000 WHERE id = 'prd-kemeja-batik-parang'",
    )
    .await;
    assert_eq!(counts(&app, STREAM, SHIRT).await.1, sold, "held");

    let ended: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                WHERE datname = current_database()
                                  AND query LIKE 'LISTEN%') AS ended",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(ended, 1, "one listening connection");
    let deadline = Instant::now() + Duration::from_secs(5);
    while counts(&app, STREAM, SHIRT).await.1 == sold {
        assert!(Instant::now() < deadline, "still held after the loss");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(counts(&app, STREAM, SHIRT).await.1, sold + 1000);
}
