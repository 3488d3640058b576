//! Durable checkouts per second: `cargo run --release -p etalase-server
//! --example checkout_bench [checkouts] [concurrency]`.
//!
//! Builds the app on a fresh SQLite file in `target/` (a real disk, not a
//! tmpfs, so each commit's fsync is paid), prepares `checkouts` shoppers
//! with a cart, an address and a quote each, then places all their orders,
//! `concurrency` at a time, through the whole HTTP stack in process
//! (authentication, idempotency key, re-pricing, stock, payment). Every
//! order is committed with `synchronous=FULL` before it is acknowledged.
//! Prints one Markdown line for BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark's setup should panic"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use etalase_server::config::{Settings, KEY_HOLD, SESSION_HOLD};
use etalase_server::identity::secret;
use etalase_server::seed::seed_if_empty;
use etalase_server::store::Store;
use etalase_server::{app, AppState, Site, DEMO_HOST};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const KEY: &str = "bench-host-key";

async fn call(
    app: &Router,
    method: Method,
    path: &str,
    bearer: &str,
    extra: Option<(&str, &str)>,
    body: Value,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some((name, value)) = extra {
        request = request.header(name, value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let checkouts: usize = args.next().map_or(400, |n| n.parse().unwrap());
    let concurrency: usize = args.next().map_or(16, |n| n.parse().unwrap());

    std::fs::create_dir_all("target").unwrap();
    let dir = tempfile::Builder::new()
        .prefix("checkout-bench-")
        .tempdir_in("target")
        .unwrap();
    let url = format!("sqlite://{}", dir.path().join("etalase.db").display());
    let store = Store::open(&url).await.unwrap();
    seed_if_empty(&store).await.unwrap();
    store
        .register_host(DEMO_HOST, &secret::hash(KEY), &[])
        .await
        .unwrap();
    let settings = Settings {
        demo_host_key: Some(KEY.into()),
        token_ttl: Duration::from_secs(3600),
        rate_limit_per_minute: 1_000_000,
        rate_limit_per_ip_per_minute: 1_000_000,
        webhook_secret: "bench".into(),
        payment_window: Duration::from_secs(3600),
        sweep_interval: Duration::from_secs(3600),
        session_hold: SESSION_HOLD,
        key_hold: KEY_HOLD,
    };
    let site = Site {
        www_dir: dir.path().to_owned(),
        pkg_dir: dir.path().to_owned(),
    };
    let app = app(AppState::open(store.clone(), settings, site).await.unwrap());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE variants SET stock = 1000000")
        .execute(&pool)
        .await
        .unwrap();

    let mut ready = Vec::with_capacity(checkouts);
    for n in 0..checkouts {
        let (_, session) = call(
            &app,
            Method::POST,
            "/v1/host/sessions",
            KEY,
            None,
            json!({ "user_id": format!("bench-{n}"), "role": "shopper" }),
        )
        .await;
        let token = session["token"].as_str().unwrap().to_owned();
        for variant in [
            "var-kemeja-batik-parang-m",
            "var-sambal-bawang-pedas-sedang",
        ] {
            call(
                &app,
                Method::PUT,
                &format!("/v1/cart/items/{variant}"),
                &token,
                None,
                json!({ "quantity": 1 }),
            )
            .await;
        }
        let (_, address) = call(&app, Method::POST, "/v1/addresses", &token, None, json!({
            "recipient": "Bench", "phone": "081234567890", "province": "Jawa Barat",
            "city": "Bandung", "district": "Coblong", "postal_code": "40132", "street": "Jl. Ganesha 10",
        })).await;
        let (_, quote) = call(&app, Method::POST, "/v1/checkout/quote", &token, None, json!({
            "address_id": address["id"], "vouchers": ["ONGKIRGRATIS"], "payment": { "method": "qris" },
        })).await;
        ready.push((token, quote["id"].as_str().unwrap().to_owned()));
    }

    let app = Arc::new(app);
    let queue = Arc::new(std::sync::Mutex::new(ready));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (app, queue) = (app.clone(), queue.clone());
        workers.push(tokio::spawn(async move {
            let mut placed = 0;
            loop {
                let next = queue.lock().unwrap().pop();
                let Some((token, quote_id)) = next else {
                    return placed;
                };
                let key = format!("bench-{quote_id}");
                let (status, body) = call(
                    &app,
                    Method::POST,
                    "/v1/orders",
                    &token,
                    Some(("idempotency-key", &key)),
                    json!({ "quote_id": quote_id }),
                )
                .await;
                assert_eq!(status, StatusCode::CREATED, "{body}");
                placed += 1;
            }
        }));
    }
    let mut placed = 0;
    for worker in workers {
        placed += worker.await.unwrap();
    }
    let elapsed = started.elapsed();
    let durability = store.durability().await.unwrap();
    let rate = placed as f64 / elapsed.as_secs_f64();
    println!(
        "| {placed} two-shop checkouts, {concurrency} at a time, {durability} | {:.2} s | **{rate:.0} checkouts/s** |",
        elapsed.as_secs_f64()
    );
}
