//! Faults with nothing lost: the database held busy, the database gone, and
//! the server killed with SIGKILL in the middle of a stream of checkouts.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use etalase_contract::{Address, Checkout, Quote};
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{put_item, SHIRT_XL};
use crate::figures;
use crate::helpers::{on_postgres, TestApp, TestDb, TestResponse, HOST_KEY};
use crate::orders::{place, quoted};
use crate::quote::two_shop_cart;
use crate::serve::{http, start_binary_with, try_http};

/// How long a fault test may wait for a condition before it fails.
const DEADLINE: Duration = Duration::from_secs(30);

fn code(response: &TestResponse) -> String {
    response.json::<Value>()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn count(db: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn a_database_held_busy_answers_503_with_retry_after_and_keeps_nothing() {
    if on_postgres() {
        // SQLite's one writer lock is the fault here; PostgreSQL locks rows.
        return;
    }
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let stock_before = count(&app.db, "SELECT CAST(SUM(stock) AS BIGINT) FROM variants").await;

    // Another process holds SQLite's write lock past the busy timeout.
    let mut lock = app.db.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *lock)
        .await
        .unwrap();
    let started = Instant::now();
    let (order, cart, saved) = tokio::join!(
        place(&app, &app.token, &quote.id, "busy-key"),
        put_item(&app, &app.token, SHIRT_XL, json!(1)),
        save(&app, &app.token, bandung()),
    );
    let held = started.elapsed();
    sqlx::query("ROLLBACK").execute(&mut *lock).await.unwrap();
    drop(lock);
    for (what, response) in [("order", &order), ("cart", &cart), ("address", &saved)] {
        assert_eq!(
            (response.status, code(response).as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            "{what}: {}",
            response.text()
        );
        assert_eq!(response.header("retry-after"), Some("1"), "{what}");
    }
    assert!(held >= Duration::from_secs(4), "waited {held:?} only");
    // Nothing half-done: no checkout, no stock taken, no key held.
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM checkouts").await, 0);
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM idempotency_keys").await,
        0
    );
    assert_eq!(
        count(&app.db, "SELECT CAST(SUM(stock) AS BIGINT) FROM variants").await,
        stock_before
    );
    // The retry, with the same key, places the checkout once.
    let retried = place(&app, &app.token, &quote.id, "busy-key").await;
    assert_eq!(retried.status, StatusCode::CREATED, "{}", retried.text());
    let replayed = place(&app, &app.token, &quote.id, "busy-key").await;
    assert_eq!(replayed.body, retried.body);
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM checkouts").await, 1);
}

#[tokio::test]
async fn a_lost_database_answers_503_with_retry_after() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    app.store.close().await;
    let order = place(&app, &app.token, &quote.id, "lost-key").await;
    let cart = app.get("/v1/cart").await;
    for response in [&order, &cart] {
        assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(code(response), "unavailable");
        assert_eq!(response.header("retry-after"), Some("1"));
    }
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM checkouts").await, 0);
}

/// One shopper of the checkout stream, over HTTP to the binary.
struct Shopper {
    bearer: String,
    address_id: String,
}

/// An order request: who sent it, its key and quote.
#[derive(Clone)]
struct OrderRequest {
    bearer: String,
    key: String,
    quote_id: String,
}

/// What the stream saw: acknowledged order requests with the answer's
/// bytes, the checkouts paid, and order requests whose answer never came.
#[derive(Default)]
struct Ledger {
    acknowledged: Vec<(OrderRequest, Bytes)>,
    paid: Vec<String>,
    in_doubt: Vec<OrderRequest>,
    requests: usize,
}

/// Sends `request` (again), waiting out `idempotency_in_progress` as a
/// client would, honouring `Retry-After`; answers the final answer.
async fn send_order(addr: SocketAddr, request: &OrderRequest) -> (StatusCode, Bytes) {
    let started = Instant::now();
    loop {
        let (status, body) = json_call(
            addr,
            Method::POST,
            "/v1/orders",
            &request.bearer,
            Some(&request.key),
            Some(json!({ "quote_id": request.quote_id })),
        )
        .await
        .unwrap();
        let in_progress = status == StatusCode::CONFLICT
            && serde_json::from_slice::<Value>(&body).unwrap()["error"]["code"]
                == "idempotency_in_progress";
        if !in_progress {
            return (status, body);
        }
        assert!(started.elapsed() < DEADLINE, "the key stayed in progress");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn json_call(
    addr: SocketAddr,
    method: Method,
    path: &str,
    bearer: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> Result<(StatusCode, Bytes), Box<dyn std::error::Error + Send + Sync>> {
    let mut headers = vec![("authorization", bearer)];
    if let Some(key) = key {
        headers.push(("idempotency-key", key));
    }
    try_http(addr, method, path, &headers, body).await
}

/// One shopper's loop: add a unit to the cart, quote, place, and pay every
/// other checkout; until `stop`, the server dies, or `rounds` are done.
async fn shop(
    addr: SocketAddr,
    n: usize,
    shopper: Shopper,
    variants: Arc<[String]>,
    stop: Arc<AtomicBool>,
    ledger: Arc<Mutex<Ledger>>,
) {
    let bearer = shopper.bearer.as_str();
    for round in 0..figures::CRASH_ROUNDS {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let variant = &variants[(n + round) % variants.len()];
        let put = json_call(
            addr,
            Method::PUT,
            &format!("/v1/cart/items/{variant}"),
            bearer,
            None,
            Some(json!({ "quantity": 1 })),
        )
        .await;
        let quote = json_call(
            addr,
            Method::POST,
            "/v1/checkout/quote",
            bearer,
            None,
            Some(json!({ "address_id": shopper.address_id, "payment": { "method": "qris" } })),
        )
        .await;
        ledger.lock().unwrap().requests += 2;
        let (Ok(_), Ok((StatusCode::OK, quote))) = (put, quote) else {
            return;
        };
        let quote: Quote = serde_json::from_slice(&quote).unwrap();
        let request = OrderRequest {
            bearer: bearer.to_owned(),
            key: format!("crash-{n}-{round}"),
            quote_id: quote.id,
        };
        let placed = json_call(
            addr,
            Method::POST,
            "/v1/orders",
            bearer,
            Some(&request.key),
            Some(json!({ "quote_id": request.quote_id })),
        )
        .await;
        ledger.lock().unwrap().requests += 1;
        let body = match placed {
            Ok((StatusCode::CREATED, body)) => body,
            Ok((status, body)) => panic!("{status}: {}", String::from_utf8_lossy(&body)),
            Err(_) => {
                ledger.lock().unwrap().in_doubt.push(request);
                return;
            }
        };
        let checkout: Checkout = serde_json::from_slice(&body).unwrap();
        ledger.lock().unwrap().acknowledged.push((request, body));
        if round % 2 == 0 {
            let paid = json_call(
                addr,
                Method::POST,
                &format!("/v1/demo/payments/{}/pay", checkout.payment.id),
                bearer,
                None,
                None,
            )
            .await;
            ledger.lock().unwrap().requests += 1;
            match paid {
                Ok((StatusCode::OK, _)) => ledger.lock().unwrap().paid.push(checkout.id),
                Ok((status, body)) => panic!("{status}: {}", String::from_utf8_lossy(&body)),
                Err(_) => return,
            }
        }
    }
}

/// Checks that each variant's stock is its `initial` stock less the units
/// held by orders in `statuses`, both read in one statement (one snapshot,
/// while the sweeper may be expiring orders).
async fn stock_accounts_for(db: &sqlx::AnyPool, initial: &HashMap<String, i64>, statuses: &str) {
    for (variant, initial) in initial {
        let (stock, held): (i64, i64) = sqlx::query_as(&format!(
            "SELECT v.stock, CAST(COALESCE((SELECT SUM(i.quantity) FROM order_items i
                                                  JOIN orders o ON o.id = i.order_id
                                                 WHERE i.variant_id = v.id
                                                   AND o.status IN ({statuses})), 0) AS BIGINT)
               FROM variants v WHERE v.id = $1"
        ))
        .bind(variant)
        .fetch_one(db)
        .await
        .unwrap();
        assert_eq!(stock, initial - held, "{variant} with {statuses} orders");
    }
}

#[cfg(unix)]
#[tokio::test]
async fn sigkill_in_a_stream_of_checkouts_loses_nothing() {
    let database = TestDb::new().await;
    let env = [
        ("ETALASE_PAYMENT_WINDOW_SECS", "6"),
        ("ETALASE_SWEEP_INTERVAL_SECS", "1"),
    ];
    let (mut server, addr) = start_binary_with(&database, &env).await;
    let db = sqlx::AnyPool::connect(&database.url).await.unwrap();
    // The three listed variants with the most stock, so none sells out.
    let plenty: Vec<(String, i64)> = sqlx::query_as(
        "SELECT v.id, v.stock FROM variants v JOIN listed_products p ON p.id = v.product_id
          ORDER BY v.stock DESC, v.id LIMIT 3",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let initial: HashMap<String, i64> = plenty.iter().cloned().collect();
    let variants: Arc<[String]> = plenty.into_iter().map(|(id, _)| id).collect();

    let mut shoppers = Vec::new();
    for n in 0..figures::CRASH_SHOPPERS {
        let (status, body) = http(
            addr,
            Method::POST,
            "/v1/host/sessions",
            &[("authorization", &format!("Bearer {HOST_KEY}"))],
            Some(json!({ "user_id": format!("crash-{n}"), "role": "shopper" })),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        let token = serde_json::from_slice::<Value>(&body).unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let bearer = format!("Bearer {token}");
        let (status, body) = http(
            addr,
            Method::POST,
            "/v1/addresses",
            &[("authorization", &bearer)],
            Some(bandung()),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        let address: Address = serde_json::from_slice(&body).unwrap();
        shoppers.push(Shopper {
            bearer,
            address_id: address.id,
        });
    }

    // The stream runs; the server is killed once enough checkouts were
    // acknowledged, while the others are in flight.
    let stop = Arc::new(AtomicBool::new(false));
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let workers: Vec<_> = shoppers
        .into_iter()
        .enumerate()
        .map(|(n, shopper)| {
            tokio::spawn(shop(
                addr,
                n,
                shopper,
                variants.clone(),
                stop.clone(),
                ledger.clone(),
            ))
        })
        .collect();
    let started = Instant::now();
    while ledger.lock().unwrap().acknowledged.len() < figures::CRASH_KILL_AFTER {
        assert!(started.elapsed() < DEADLINE, "the stream stalled");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.start_kill().unwrap(); // SIGKILL
    server.wait().await.unwrap();
    stop.store(true, Ordering::SeqCst);
    for worker in workers {
        worker.await.unwrap();
    }

    let (mut server, addr) = start_binary_with(&database, &env).await;
    let mut ledger = Arc::try_unwrap(ledger).ok().unwrap().into_inner().unwrap();
    // Every acknowledged answer replays byte for byte.
    for (request, body) in &ledger.acknowledged {
        let (status, replay) = send_order(addr, request).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(&replay, body, "{} answered otherwise", request.key);
    }
    // Requests whose answer was lost are sent again with their key: each
    // is placed now or replays what committed before the kill.
    let in_doubt = std::mem::take(&mut ledger.in_doubt);
    for request in in_doubt {
        let (status, body) = send_order(addr, &request).await;
        assert_eq!(
            status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&body)
        );
        ledger.acknowledged.push((request, body));
    }

    // Every acknowledged checkout exists exactly once, and nothing else.
    let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM checkouts ORDER BY id")
        .fetch_all(&db)
        .await
        .unwrap();
    let mut acknowledged: Vec<String> = ledger
        .acknowledged
        .iter()
        .map(|(_, body)| serde_json::from_slice::<Checkout>(body).unwrap().id)
        .collect();
    acknowledged.sort();
    assert_eq!(stored, acknowledged);
    // Stock is the initial stock less what the live orders hold.
    stock_accounts_for(&db, &initial, "'awaiting_payment','paid'").await;
    // Once the payment window passes, every unpaid reservation is released.
    let started = Instant::now();
    while count(
        &db,
        "SELECT COUNT(*) FROM payments WHERE status = 'pending'",
    )
    .await
        > 0
    {
        assert!(started.elapsed() < DEADLINE, "reservations outlived expiry");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stock_accounts_for(&db, &initial, "'paid'").await;
    // Every payment acknowledged as paid stayed paid.
    for checkout in &ledger.paid {
        let status: String =
            sqlx::query_scalar("SELECT status FROM payments WHERE checkout_id = $1")
                .bind(checkout)
                .fetch_one(&db)
                .await
                .unwrap();
        assert_eq!(status, "paid", "{checkout}");
    }
    assert!(ledger.requests <= figures::CRASH_SHOPPERS * figures::CRASH_ROUNDS * 4);
    server.start_kill().unwrap();
    server.wait().await.unwrap();
}
