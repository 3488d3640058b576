//! Social proof on the live feed: the count of viewers now, and the
//! purchase ticker from paid orders of the stream only, masked, at most one
//! every few seconds, switchable off by the host.

use axum::http::{Method, StatusCode};
use etalase_contract::HostSettings;
use serde_json::{json, Value};

use crate::cart::SHIRT_M;
use crate::helpers::{TestApp, HOST_KEY};
use crate::live::{creator_put, Served, Viewer, CREATOR, STREAM};
use crate::publishable::mint_key;
use crate::sales::buy;

/// The next event of `viewer` other than a `viewers` count or a `deal`.
async fn next_change(viewer: &mut Viewer) -> (String, Value) {
    loop {
        let (name, data) = viewer.next_with_social().await.expect("the feed ended");
        if name != "viewers" && name != "deal" {
            return (name, data);
        }
    }
}

/// Opens a feed of [`STREAM`] with `credential`, past its snapshot; the
/// count of viewers it opened with.
async fn watch(addr: std::net::SocketAddr, credential: &str) -> (Viewer, u64) {
    let mut viewer = Viewer::connect(addr, STREAM, credential).await;
    viewer.expect("snapshot").await;
    loop {
        let (name, data) = viewer.next_with_social().await.unwrap();
        if name == "viewers" {
            return (viewer, data["count"].as_u64().unwrap());
        }
    }
}

#[tokio::test]
async fn viewers_are_counted_as_they_come() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let (mut first, count) = watch(served.addr, &key).await;
    assert_eq!(count, 1);
    let (second, count) = watch(served.addr, &app.token).await;
    assert_eq!(count, 2);
    app.live.tell_viewer_counts();
    let (name, data) = first.next_with_social().await.unwrap();
    assert_eq!(
        (name.as_str(), data),
        ("viewers", json!({ "type": "viewers", "count": 2 }))
    );
    drop(second);
    // The feed's end is noticed as its connection closes.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    while app.live.viewers(STREAM) != 1 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the second viewer never left"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.live.tell_viewer_counts();
    let (_, data) = first.next_with_social().await.unwrap();
    assert_eq!(data["count"], 1);
    drop(first);
    served.stop().await;
}

#[tokio::test]
async fn a_paid_order_of_the_stream_is_ticked_masked_and_an_unpaid_one_is_not() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let (mut viewer, _) = watch(served.addr, &key).await;

    let (buyer, checkout) = buy(
        &app,
        "viewer-9",
        &[(SHIRT_M, 1, Some(STREAM), None)],
        Some(STREAM),
    )
    .await;
    // Placing it takes stock; nothing is ticked before it is paid.
    let (name, _) = next_change(&mut viewer).await;
    assert_eq!(name, "stock");
    let paid = app
        .call(
            Method::POST,
            &format!("/v1/demo/payments/{}/pay", checkout.payment.id),
            Some(&buyer),
            None,
        )
        .await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text());
    let (name, data) = next_change(&mut viewer).await;
    assert_eq!(name, "purchase");
    assert_eq!(
        data,
        json!({
            "type": "purchase",
            "buyer": "S***i",
            "product_id": "prd-kemeja-batik-parang",
            "product_name": data["product_name"],
        })
    );
    assert!(data["product_name"].as_str().unwrap().starts_with("Kemeja"));

    // A second paid order within the few seconds is not ticked: the next
    // event the viewer hears is the creator's pin.
    let (other, checkout) = buy(
        &app,
        "viewer-10",
        &[(SHIRT_M, 1, Some(STREAM), None)],
        Some(STREAM),
    )
    .await;
    assert_eq!(next_change(&mut viewer).await.0, "stock");
    app.call(
        Method::POST,
        &format!("/v1/demo/payments/{}/pay", checkout.payment.id),
        Some(&other),
        None,
    )
    .await;
    let creator = app.mint(CREATOR, "creator").await;
    creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": "prd-blouse-batik-kawung" }),
    )
    .await;
    let (name, _) = next_change(&mut viewer).await;
    assert_eq!(name, "pinned", "the second purchase was not ticked");
    drop(viewer);
    served.stop().await;
}

#[tokio::test]
async fn a_host_switches_the_ticker_off_for_its_viewers() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let settings: HostSettings = app
        .call(Method::GET, "/v1/host/settings", Some(HOST_KEY), None)
        .await
        .json();
    assert!(settings.purchase_ticker, "on unless switched off");
    let key = mint_key(&app, HOST_KEY).await.key;
    let (mut before, _) = watch(served.addr, &key).await;
    let off = app
        .call(
            Method::PUT,
            "/v1/host/settings",
            Some(HOST_KEY),
            Some(json!({ "purchase_ticker": false })),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    let (mut after, _) = watch(served.addr, &key).await;
    let (mut shopper, _) = watch(served.addr, &app.token).await;

    let (buyer, checkout) = buy(
        &app,
        "viewer-9",
        &[(SHIRT_M, 1, Some(STREAM), None)],
        Some(STREAM),
    )
    .await;
    app.call(
        Method::POST,
        &format!("/v1/demo/payments/{}/pay", checkout.payment.id),
        Some(&buyer),
        None,
    )
    .await;
    let creator = app.mint(CREATOR, "creator").await;
    creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": "prd-blouse-batik-kawung" }),
    )
    .await;
    // Opened before the switch: ticked.
    let names = [
        next_change(&mut before).await.0,
        next_change(&mut before).await.0,
    ];
    assert_eq!(names, ["stock", "purchase"]);
    // Opened after, with the host's key or its shopper's token: not.
    for viewer in [&mut after, &mut shopper] {
        let names = [next_change(viewer).await.0, next_change(viewer).await.0];
        assert_eq!(names, ["stock", "pinned"]);
    }
    // Only with the host's key, and only a boolean.
    let refused = app
        .call(
            Method::PUT,
            "/v1/host/settings",
            Some(&key),
            Some(json!({ "purchase_ticker": true })),
        )
        .await;
    assert_eq!(refused.refusal().1, "publishable_key_forbidden");
    let bad = app
        .call(
            Method::PUT,
            "/v1/host/settings",
            Some(HOST_KEY),
            Some(json!({ "purchase_ticker": "no" })),
        )
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad.text()
    );
    drop((before, after, shopper));
    served.stop().await;
}
