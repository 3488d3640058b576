//! Live vouchers: dropped by the stream's creator, pushed to viewers,
//! claimed once per viewer within the quota even under a rush, and used at
//! checkout by one order per claim.

use std::sync::Arc;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use etalase_contract::{
    Address, Checkout, CreatorVoucher, CreatorVoucherList, LiveVoucher, LiveVoucherKind, Quote,
    Rupiah, StreamEvent, VoucherKind, VoucherList,
};
use etalase_server::time::Timestamp;
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{put_item, SHIRT_M};
use crate::helpers::{TestApp, TestResponse};
use crate::live::{Served, Viewer, CREATOR, STREAM};
use crate::orders::place;
use crate::quote::post_quote;

/// 10% up to Rp25.000, `quota` claims, for five minutes.
fn ten_percent(quota: u32) -> Value {
    json!({
        "kind": "percent",
        "value": 10,
        "max_discount": 25_000,
        "quota": quota,
        "claimable_minutes": 5,
    })
}

async fn drop_voucher(app: &TestApp, token: &str, body: Value) -> TestResponse {
    let path = format!("/v1/creator/streams/{STREAM}/vouchers");
    app.call(Method::POST, &path, Some(token), Some(body)).await
}

async fn dropped(app: &TestApp, quota: u32) -> LiveVoucher {
    let creator = app.mint(CREATOR, "creator").await;
    let response = drop_voucher(app, &creator, ten_percent(quota)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn claim(app: &TestApp, token: &str, stream: &str, code: &str) -> TestResponse {
    let path = format!("/v1/streams/{stream}/vouchers/{code}/claim");
    app.call(Method::POST, &path, Some(token), None).await
}

fn code(response: &TestResponse) -> String {
    response.json::<Value>()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A quote of the shopper's cart (one batik shirt) with voucher `code`.
async fn quote_with(app: &TestApp, token: &str, address: &str, code: &str) -> TestResponse {
    let body = json!({
        "address_id": address,
        "vouchers": [code],
        "payment": { "method": "qris" },
        "stream_id": STREAM,
    });
    post_quote(app, token, body).await
}

#[tokio::test]
async fn a_dropped_voucher_reaches_viewers_is_claimed_and_applies_to_one_checkout() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;

    let voucher = dropped(&app, 5).await;
    assert!(voucher.code.starts_with("LIVE"), "{}", voucher.code);
    assert_eq!(
        (
            voucher.kind,
            voucher.value,
            voucher.max_discount,
            voucher.quota_left
        ),
        (LiveVoucherKind::Percent, 10, Some(Rupiah(25_000)), 5)
    );
    assert!(
        (299..=300).contains(&voucher.seconds_left),
        "{}",
        voucher.seconds_left
    );
    let StreamEvent::Voucher(heard) = viewer.expect("voucher").await else {
        unreachable!()
    };
    assert_eq!(heard, voucher);
    let mut late = Viewer::connect(served.addr, STREAM, &app.token).await;
    let StreamEvent::Snapshot { vouchers, .. } = late.expect("snapshot").await else {
        unreachable!()
    };
    assert_eq!(vouchers.len(), 1);
    assert_eq!(vouchers[0].code, voucher.code);

    // Not claimed yet: it does not apply.
    assert_eq!(
        put_item(&app, &app.token, SHIRT_M, json!(1)).await.status,
        StatusCode::OK
    );
    let address: Address = save(&app, &app.token, bandung()).await.json();
    let unclaimed = quote_with(&app, &app.token, &address.id, &voucher.code).await;
    assert_eq!(unclaimed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code(&unclaimed), "voucher_not_applicable");

    let response = claim(&app, &app.token, STREAM, &voucher.code.to_lowercase()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json::<LiveVoucher>().quota_left, 4);
    let StreamEvent::Voucher(heard) = viewer.expect("voucher").await else {
        unreachable!()
    };
    assert_eq!(heard.quota_left, 4, "viewers see the claims left");
    let again = claim(&app, &app.token, STREAM, &voucher.code).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.json::<LiveVoucher>().quota_left,
        4,
        "a second claim takes nothing"
    );

    let response = quote_with(&app, &app.token, &address.id, &voucher.code).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let quote: Quote = response.json();
    assert_eq!(quote.vouchers.len(), 1);
    assert_eq!(quote.vouchers[0].kind, VoucherKind::Platform);
    assert_eq!(
        quote.vouchers[0].discount,
        Rupiah(18_900),
        "10% of Rp189.000"
    );
    let response = place(&app, &app.token, &quote.id, "live-1").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();

    // The claim is spent: a second checkout cannot use it.
    assert_eq!(
        put_item(&app, &app.token, SHIRT_M, json!(1)).await.status,
        StatusCode::OK
    );
    let spent = quote_with(&app, &app.token, &address.id, &voucher.code).await;
    assert_eq!(code(&spent), "voucher_not_applicable");
    // Until the order that used it is cancelled.
    let path = format!("/v1/orders/{}/cancel", checkout.orders[0].id);
    let response = app.call(Method::POST, &path, Some(&app.token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let back = quote_with(&app, &app.token, &address.id, &voucher.code).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text());
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_viewers_claiming_at_once_never_exceed_the_quota() {
    let app = Arc::new(TestApp::new().await);
    let voucher = dropped(&app, 10).await;
    let mut tokens = Vec::new();
    for n in 0..64 {
        tokens.push(app.mint(&format!("viewer-{n}"), "shopper").await);
    }
    let start = Arc::new(tokio::sync::Barrier::new(tokens.len()));
    let mut tasks = Vec::new();
    for token in tokens {
        let (app, start, code) = (app.clone(), start.clone(), voucher.code.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let response = claim(&app, &token, STREAM, &code).await;
            (response.status, self::code(&response))
        }));
    }
    let mut claimed = 0;
    for task in tasks {
        match task.await.unwrap() {
            (StatusCode::OK, _) => claimed += 1,
            (status, code) => {
                assert_eq!(
                    (status, code.as_str()),
                    (StatusCode::CONFLICT, "voucher_exhausted")
                );
            }
        }
    }
    assert_eq!(claimed, 10);
    let (counted, rows): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT claimed FROM live_vouchers WHERE code = $1),
                (SELECT COUNT(*) FROM voucher_claims WHERE code = $1)",
    )
    .bind(&voucher.code)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((counted, rows), (10, 10));
}

#[tokio::test]
async fn claims_need_a_shopper_a_known_code_and_an_open_window() {
    let app = TestApp::new().await;
    let voucher = dropped(&app, 5).await;
    let creator = app.mint(CREATOR, "creator").await;
    assert_eq!(
        code(&claim(&app, &creator, STREAM, &voucher.code).await),
        "wrong_role"
    );
    let unknown = claim(&app, &app.token, STREAM, "LIVE0000").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let elsewhere = claim(&app, &app.token, "live-dapur-sari", &voucher.code).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::NOT_FOUND,
        "the code is this stream's"
    );

    sqlx::query(
        "UPDATE live_vouchers SET created_at = '2020-01-01T00:00:00.000Z',
                                  claimable_until = '2020-01-01T00:05:00.000Z' WHERE code = $1",
    )
    .bind(&voucher.code)
    .execute(&app.db)
    .await
    .unwrap();
    let late = claim(&app, &app.token, STREAM, &voucher.code).await;
    assert_eq!(
        (late.status, code(&late)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "voucher_expired".to_owned()
        )
    );
    let claims: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM voucher_claims")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(claims, 0, "a refused claim leaves nothing behind");
    let snapshot = app.store.snapshot(STREAM).await.unwrap().unwrap();
    let StreamEvent::Snapshot { vouchers, .. } = snapshot else {
        unreachable!()
    };
    assert!(vouchers.is_empty(), "no longer claimable, so not shown");
}

#[tokio::test]
async fn only_the_streams_creator_drops_vouchers_and_bad_terms_are_named() {
    let app = TestApp::new().await;
    let other = app.mint("crt-sari-masak", "creator").await;
    assert_eq!(
        drop_voucher(&app, &other, ten_percent(5)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        code(&drop_voucher(&app, &app.token, ten_percent(5)).await),
        "wrong_role"
    );
    let creator = app.mint(CREATOR, "creator").await;
    for (body, field) in [
        (
            json!({ "kind": "percent", "value": 95, "quota": 5, "claimable_minutes": 5 }),
            "value",
        ),
        (
            json!({ "kind": "amount", "value": 10_000, "max_discount": 5_000, "quota": 5, "claimable_minutes": 5 }),
            "max_discount",
        ),
        (
            json!({ "kind": "amount", "value": 10_000, "quota": 0, "claimable_minutes": 5 }),
            "quota",
        ),
        (
            json!({ "kind": "amount", "value": 10_000, "quota": 5, "claimable_minutes": 0 }),
            "claimable_minutes",
        ),
        (
            json!({ "kind": "gift", "value": 10_000, "quota": 5, "claimable_minutes": 5 }),
            "kind",
        ),
    ] {
        let response = drop_voucher(&app, &creator, body.clone()).await;
        let error: Value = response.json();
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {error}"
        );
        assert_eq!(error["error"]["field"], field, "{body}");
    }
    let amount = json!({ "kind": "amount", "value": 15_000, "min_spend": 100_000, "quota": 3, "claimable_minutes": 1 });
    let response = drop_voucher(&app, &creator, amount).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let voucher: LiveVoucher = response.json();
    assert_eq!(
        (
            voucher.kind,
            voucher.value,
            voucher.min_spend,
            voucher.max_discount
        ),
        (LiveVoucherKind::Amount, 15_000, Rupiah(100_000), None)
    );
}

fn codes(list: &VoucherList) -> Vec<&str> {
    list.vouchers.iter().map(|v| v.code.as_str()).collect()
}

#[tokio::test]
async fn the_voucher_list_offers_what_is_usable_now_and_live_vouchers_once_claimed() {
    let app = TestApp::new().await;
    let list: VoucherList = app.get_json("/v1/vouchers").await;
    assert_eq!(
        codes(&list),
        [
            "ETALASE10",
            "HEMAT20RB",
            "ONGKIRGRATIS",
            "BATIKHEMAT",
            "DAPURHEMAT"
        ],
        "platform, free shipping, then shop; the expired LEBARAN2024 left out"
    );
    let batik = &list.vouchers[3];
    assert_eq!(
        (
            batik.kind,
            batik.shop_id.as_deref(),
            batik.percent_bp,
            batik.amount,
            batik.max_discount,
            batik.min_spend
        ),
        (
            VoucherKind::Shop,
            Some("shop-batik-sekar"),
            Some(1_000),
            None,
            Some(Rupiah(25_000)),
            Rupiah(150_000)
        )
    );

    sqlx::query("UPDATE vouchers SET used = quota WHERE code = 'HEMAT20RB'")
        .execute(&app.db)
        .await
        .unwrap();
    let voucher = dropped(&app, 5).await;
    let list: VoucherList = app.get_json("/v1/vouchers").await;
    assert!(!codes(&list).contains(&"HEMAT20RB"), "quota used up");
    assert!(
        !codes(&list).contains(&voucher.code.as_str()),
        "not claimed"
    );

    let response = claim(&app, &app.token, STREAM, &voucher.code).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let list: VoucherList = app.get_json("/v1/vouchers").await;
    assert!(codes(&list).contains(&voucher.code.as_str()), "claimed");
    let other = app.mint("shopper-b", "shopper").await;
    let theirs = app
        .call(Method::GET, "/v1/vouchers", Some(&other), None)
        .await;
    assert!(!codes(&theirs.json()).contains(&voucher.code.as_str()));
}

#[tokio::test]
async fn a_percentage_far_out_of_range_is_refused_not_overflowed() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    for value in [i64::MAX, i64::MIN, 93_000_000_000_000_000] {
        let mut body = ten_percent(5);
        body["value"] = json!(value);
        let response = drop_voucher(&app, &creator, body).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{value}: {}",
            response.text()
        );
        assert_eq!(response.json::<Value>()["error"]["field"], "value");
    }
}

/// Drops `body` as `creator` under Idempotency-Key `key`.
async fn drop_keyed(app: &TestApp, creator: &str, key: &str, body: Value) -> TestResponse {
    let path = format!("/v1/creator/streams/{STREAM}/vouchers");
    let headers = [("Idempotency-Key", key)];
    app.call_with(Method::POST, &path, Some(creator), &headers, Some(body))
        .await
}

async fn listed(app: &TestApp, creator: &str) -> CreatorVoucherList {
    let path = format!("/v1/creator/streams/{STREAM}/vouchers");
    let response = app.call(Method::GET, &path, Some(creator), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

#[tokio::test]
async fn a_tap_sent_twice_drops_one_voucher() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let first = drop_keyed(&app, &creator, "tap-1", ten_percent(5)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = drop_keyed(&app, &creator, "tap-1", ten_percent(5)).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        again.json::<LiveVoucher>().code,
        first.json::<LiveVoucher>().code
    );
    // Twenty taps of one key at once: one voucher.
    let app = Arc::new(app);
    let mut taps = Vec::new();
    for _ in 0..20 {
        let (app, creator) = (Arc::clone(&app), creator.clone());
        taps.push(tokio::spawn(async move {
            drop_keyed(&app, &creator, "tap-2", ten_percent(5)).await
        }));
    }
    let mut codes = std::collections::HashSet::new();
    for tap in taps {
        let response = tap.await.unwrap();
        match response.status {
            StatusCode::CREATED => {
                codes.insert(response.json::<LiveVoucher>().code);
            }
            // The key's first request still running: the client tries again.
            StatusCode::CONFLICT => assert_eq!(code(&response), "idempotency_in_progress"),
            other => panic!("{other}: {}", response.text()),
        }
    }
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(listed(&app, &creator).await.vouchers.len(), 2);
    // The same key with other terms is refused, naming the key.
    let other = drop_keyed(&app, &creator, "tap-1", ten_percent(9)).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, error, field, _) = other.refusal();
    assert_eq!(
        (error.as_str(), field.as_deref()),
        ("idempotency_key_reused", Some("Idempotency-Key"))
    );
    // Without a key, each request drops its own.
    for _ in 0..2 {
        let response = drop_voucher(&app, &creator, ten_percent(5)).await;
        assert_eq!(response.status, StatusCode::CREATED);
    }
    assert_eq!(listed(&app, &creator).await.vouchers.len(), 4);
}

#[tokio::test]
async fn a_creator_lists_their_vouchers_with_claims_and_ends_one() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let creator = app.mint(CREATOR, "creator").await;
    let first = dropped(&app, 3).await;
    let second = dropped(&app, 10).await;
    let shopper = app.mint("claimer", "shopper").await;
    let response = claim(&app, &shopper, STREAM, &first.code).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());

    let list = listed(&app, &creator).await;
    let codes: Vec<&str> = list
        .vouchers
        .iter()
        .map(|v| v.voucher.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [second.code.as_str(), first.code.as_str()],
        "newest first"
    );
    let claimed = &list.vouchers[1];
    assert_eq!(
        (
            claimed.quota,
            claimed.voucher.quota_left,
            claimed.used,
            claimed.claimable
        ),
        (3, 2, 0, true)
    );
    assert!(claimed.voucher.seconds_left > 290, "{claimed:?}");

    // Ended: viewers hear it with no time left, nobody else may claim it,
    // and it stays listed, closed.
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    let path = format!("/v1/creator/streams/{STREAM}/vouchers/{}/end", first.code);
    let response = app.call(Method::POST, &path, Some(&creator), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let ended: CreatorVoucher = response.json();
    assert_eq!((ended.claimable, ended.voucher.seconds_left), (false, 0));
    let StreamEvent::Voucher(heard) = viewer.expect("voucher").await else {
        unreachable!()
    };
    assert_eq!((heard.code, heard.seconds_left), (first.code.clone(), 0));
    // The claim made before stays usable a day from the end, not from the
    // countdown's planned end.
    let offers = app
        .call(Method::GET, "/v1/vouchers", Some(&shopper), None)
        .await;
    let offers: VoucherList = offers.json();
    let offer = offers
        .vouchers
        .iter()
        .find(|offer| offer.code == first.code)
        .unwrap();
    let usable = Timestamp::parse(&offer.expires_at).unwrap();
    let day_from_now = Timestamp::now().plus(Duration::from_secs(24 * 60 * 60));
    assert!(
        usable <= day_from_now,
        "{} is past a day from the end",
        offer.expires_at
    );
    assert!(
        usable > day_from_now.minus(Duration::from_secs(60)),
        "{}",
        offer.expires_at
    );
    let late = app.mint("late-claimer", "shopper").await;
    assert_eq!(
        code(&claim(&app, &late, STREAM, &first.code).await),
        "voucher_expired"
    );
    let list = listed(&app, &creator).await;
    assert_eq!(
        list.vouchers
            .iter()
            .map(|v| v.claimable)
            .collect::<Vec<_>>(),
        [true, false]
    );
    // Ending again changes nothing and tells nobody.
    let again = app.call(Method::POST, &path, Some(&creator), None).await;
    assert_eq!(again.status, StatusCode::OK);
    // Another creator, or a code the stream never dropped: 404.
    let stranger = app.mint("crt-nadia-glow", "creator").await;
    let response = app.call(Method::POST, &path, Some(&stranger), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let unknown = format!("/v1/creator/streams/{STREAM}/vouchers/LIVE0000/end");
    let response = app.call(Method::POST, &unknown, Some(&creator), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let path = format!("/v1/creator/streams/{STREAM}/vouchers");
    let response = app.call(Method::GET, &path, Some(&stranger), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    served.stop().await;
}
