//! Two server processes on one database, as behind a load balancer:
//! buyers racing through both never oversell, one `Idempotency-Key` sent to
//! both makes one checkout, and (on PostgreSQL, whose `LISTEN/NOTIFY`
//! carries live events between instances) a pin made on one reaches a
//! viewer of the other within a second, and a change made on one is in the
//! other's next showcase read once it heard the change's event.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use etalase_contract::{Showcase, StreamEvent};
use serde_json::{json, Value};
use tokio::sync::Barrier;

use crate::cart::SHIRT_M;
use crate::helpers::{on_postgres, TestApp};
use crate::live::{Viewer, CREATOR, STREAM};
use crate::orders::buyers;
use crate::serve::{http, start_binary};

/// Buyers racing through the two instances, and units left for them.
const BUYERS: usize = 24;
const UNITS: i64 = 5;

/// `POST /v1/orders` of `quote_id` under `key` on the instance at `addr`.
async fn place_on(addr: SocketAddr, token: &str, quote_id: &str, key: &str) -> (StatusCode, Value) {
    let (status, body) = http(
        addr,
        Method::POST,
        "/v1/orders",
        &[
            ("authorization", &format!("Bearer {token}")),
            ("idempotency-key", key),
        ],
        Some(json!({ "quote_id": quote_id })),
    )
    .await;
    (status, serde_json::from_slice(&body).unwrap())
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn buyers_through_two_instances_never_oversell_and_one_key_makes_one_checkout() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE variants SET stock = $1 WHERE id = $2")
        .bind(i64::try_from(BUYERS).unwrap())
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let mut ready = buyers(&app, BUYERS + 1, SHIRT_M, json!([])).await;
    sqlx::query("UPDATE variants SET stock = $1 WHERE id = $2")
        .bind(UNITS)
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let (_first, a) = start_binary(app.database()).await;
    let (_second, b) = start_binary(app.database()).await;

    // One buyer sends the same key and body to both instances at once.
    let (token, quote_id) = ready.pop().unwrap();
    let (to_a, to_b) = tokio::join!(
        place_on(a, &token, &quote_id, "twice"),
        place_on(b, &token, &quote_id, "twice")
    );
    assert_eq!(to_a.0, StatusCode::CREATED, "{to_a:?}");
    assert_eq!(to_a, to_b, "both instances answer the one checkout");

    // The others race, alternating between the instances.
    let start = Arc::new(Barrier::new(ready.len()));
    let mut tasks = Vec::new();
    for (n, (token, quote_id)) in ready.into_iter().enumerate() {
        let addr = if n % 2 == 0 { a } else { b };
        let start = start.clone();
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            place_on(addr, &token, &quote_id, &format!("race-{n}")).await
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    let won = outcomes
        .iter()
        .filter(|(status, _)| *status == StatusCode::CREATED)
        .count();
    let lost: Vec<_> = outcomes
        .iter()
        .filter(|(status, _)| *status != StatusCode::CREATED)
        .collect();
    // The key's checkout took one unit.
    assert_eq!(won, usize::try_from(UNITS - 1).unwrap(), "{outcomes:?}");
    assert!(
        lost.iter()
            .all(|(status, body)| *status == StatusCode::CONFLICT
                && body["error"]["code"] == "out_of_stock"),
        "{lost:?}"
    );
    let left: i64 = sqlx::query_scalar("SELECT stock FROM variants WHERE id = $1")
        .bind(SHIRT_M)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        count(
            &app,
            "SELECT CAST(SUM(quantity) AS BIGINT) FROM order_items"
        )
        .await,
        UNITS,
        "exactly the units in stock were sold"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM checkouts").await, UNITS);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM (SELECT user_id FROM checkouts GROUP BY user_id
                                    HAVING COUNT(*) > 1) duplicated"
        )
        .await,
        0,
        "no buyer got two checkouts"
    );
}

#[tokio::test]
async fn a_pin_on_one_instance_reaches_a_viewer_on_the_other_within_a_second() {
    if !on_postgres() {
        // SQLite is one machine, one process: live events stay in process.
        return;
    }
    let app = TestApp::new().await;
    let (_first, a) = start_binary(app.database()).await;
    let (_second, b) = start_binary(app.database()).await;
    let mut viewer = Viewer::connect(b, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    let creator = app.mint(CREATOR, "creator").await;
    let started = Instant::now();
    let (status, body) = http(
        a,
        Method::PUT,
        &format!("/v1/creator/streams/{STREAM}/pin"),
        &[("authorization", &format!("Bearer {creator}"))],
        Some(json!({ "product_id": "prd-hoodie-fleece-oversize" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(
        viewer.expect("pinned").await,
        StreamEvent::Pinned {
            product_id: "prd-hoodie-fleece-oversize".into()
        }
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "the pin took {took:?}");
}

#[tokio::test]
async fn a_change_made_on_one_instance_is_in_the_others_next_read_after_its_event() {
    if !on_postgres() {
        // SQLite is one machine, one process: live events stay in process.
        return;
    }
    let app = TestApp::new().await;
    let (_first, a) = start_binary(app.database()).await;
    let (_second, b) = start_binary(app.database()).await;
    let bearer = format!("Bearer {}", app.token);
    let read_on_b = || async {
        let path = format!("/v1/streams/{STREAM}/products");
        let (status, body) = http(b, Method::GET, &path, &[("authorization", &bearer)], None).await;
        assert_eq!(status, StatusCode::OK);
        serde_json::from_slice::<Showcase>(&body).unwrap()
    };
    let before = read_on_b().await;
    let shirt = |showcase: &Showcase| {
        let card = showcase
            .products
            .iter()
            .find(|card| card.id == "prd-kemeja-batik-parang")
            .unwrap();
        (card.stock, card.sold_count)
    };
    let mut viewer = Viewer::connect(b, STREAM, &app.token).await;
    viewer.expect("snapshot").await;

    // A pin through A: B's next read after B heard of it shows it.
    let creator = app.mint(CREATOR, "creator").await;
    let (status, body) = http(
        a,
        Method::PUT,
        &format!("/v1/creator/streams/{STREAM}/pin"),
        &[("authorization", &format!("Bearer {creator}"))],
        Some(json!({ "product_id": "prd-hoodie-fleece-oversize" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    viewer.expect("pinned").await;
    let pinned = read_on_b().await;
    assert_eq!(
        pinned.pinned_product_id.as_deref(),
        Some("prd-hoodie-fleece-oversize")
    );

    // An order through A: its stock and sold count.
    let (token, quote_id) = buyers(&app, 1, SHIRT_M, json!([])).await.remove(0);
    let (status, placed) = place_on(a, &token, &quote_id, "on-a").await;
    assert_eq!(status, StatusCode::CREATED, "{placed}");
    viewer.expect("stock").await;
    let (stock, sold) = shirt(&before);
    assert_eq!(shirt(&read_on_b().await), (stock - 1, sold + 1));
}
