//! How many queries a request costs: order history and releasing a
//! checkout take as many queries for many orders and lines as for one, and
//! a flash deal's checkout and its refusal stay within their budgets.
//!
//! A binary of its own, so the statements counted (sqlx's `sqlx::query`
//! events, from every thread, its SQLite worker's included) are its tests'
//! alone; they run one at a time ([`one_at_a_time`]).

#![allow(clippy::unwrap_used, reason = "a test should panic")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use etalase_server::config::Settings;
use etalase_server::identity::secret;
use etalase_server::seed::seed_if_empty;
use etalase_server::store::Store;
use etalase_server::{app, AppState, Site, DEMO_HOST};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tokio::sync::{Mutex, MutexGuard};
use tower::ServiceExt;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

const KEY: &str = "queries-host-key";
/// Two shops' variants: a shirt and a sambal.
const SHIRT: &str = "var-kemeja-batik-parang-m";
const SAMBAL: &str = "var-sambal-bawang-pedas-sedang";

/// Idempotency keys used so far: each request has its own.
static KEYS: AtomicUsize = AtomicUsize::new(0);
/// Statements run so far.
static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

/// Counts sqlx's statement events run for a request: inside the middleware
/// stack's `request` span, so the work of background tasks (the live bus,
/// the sweeper) never lands in a request's count; nor does a new pooled
/// connection's set-up (SQLite's `PRAGMA`s), made once per connection.
struct Statements;

/// Whether `event`'s statement sets up a connection.
fn sets_up(event: &tracing::Event<'_>) -> bool {
    struct Summary(bool);
    impl tracing::field::Visit for Summary {
        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            if field.name() == "summary" {
                self.0 = format!("{value:?}").starts_with("\"PRAGMA ");
            }
        }
    }
    let mut summary = Summary(false);
    event.record(&mut summary);
    summary.0
}

impl<S> Layer<S> for Statements
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_event(&self, event: &tracing::Event<'_>, context: Context<'_, S>) {
        let for_a_request = context
            .event_scope(event)
            .is_some_and(|mut scope| scope.any(|span| span.name() == "request"));
        if event.metadata().target() == "sqlx::query" && for_a_request && !sets_up(event) {
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// Counts statements from here on, and holds every other test of this
/// binary off until the guard drops, so no count takes in another test's.
async fn one_at_a_time() -> MutexGuard<'static, ()> {
    static INSTALL: Once = Once::new();
    static RUNNING: Mutex<()> = Mutex::const_new(());
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Statements))
            .unwrap();
    });
    RUNNING.lock().await
}

/// The app on a fresh seeded SQLite database, with the demo host.
async fn start(dir: &std::path::Path) -> Router {
    let url = format!("sqlite://{}", dir.join("etalase.db").display());
    let store = Store::open(&url).await.unwrap();
    seed_if_empty(&store).await.unwrap();
    store
        .register_host(DEMO_HOST, &secret::hash(KEY), &[])
        .await
        .unwrap();
    store.link_creators_to_host(DEMO_HOST).await.unwrap();
    let settings = Settings {
        demo_host_key: Some(KEY.into()),
        token_ttl: Duration::from_secs(3600),
        rate_limit_per_minute: 1_000_000,
        rate_limit_per_ip_per_minute: 1_000_000,
        webhook_secret: "queries".into(),
        payment_window: Duration::from_secs(3600),
        sweep_interval: Duration::from_secs(3600),
        // Every request reads its token's session, so each count is the
        // same whenever the token was last used.
        session_hold: Duration::ZERO,
        key_hold: Duration::ZERO,
    };
    let site = Site {
        www_dir: dir.to_owned(),
        pkg_dir: dir.to_owned(),
    };
    app(AppState::open(store, settings, site).await.unwrap())
}

/// `method path` as the holder of `bearer`, under a new `Idempotency-Key`:
/// the status, the JSON answer and the statements it ran.
async fn call(
    app: &Router,
    method: Method,
    path: &str,
    bearer: &str,
    body: Option<Value>,
) -> (StatusCode, Value, usize) {
    let key = format!("key-{}", KEYS.fetch_add(1, Ordering::SeqCst));
    send(app, method, path, bearer, &key, body).await
}

/// The same under `Idempotency-Key: key`.
async fn send(
    app: &Router,
    method: Method,
    path: &str,
    bearer: &str,
    key: &str,
    body: Option<Value>,
) -> (StatusCode, Value, usize) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(body.map_or_else(Body::empty, |body| Body::from(body.to_string())))
        .unwrap();
    let before = settled().await;
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let ran = STATEMENTS.load(Ordering::SeqCst) - before;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ran,
    )
}

/// The statement count once nothing has been counted for 50 ms: work an
/// earlier request left running (a live event it published) is over, and
/// does not land in the next request's count.
async fn settled() -> usize {
    let mut last = STATEMENTS.load(Ordering::SeqCst);
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let now = STATEMENTS.load(Ordering::SeqCst);
        if now == last {
            return now;
        }
        last = now;
    }
}

/// A shopper `user`'s token.
async fn shopper(app: &Router, user: &str) -> String {
    shopper_as(app, user, "shopper").await
}

/// User `user`'s token for `role`.
async fn shopper_as(app: &Router, user: &str, role: &str) -> String {
    let body = json!({ "user_id": user, "role": role });
    let (status, session, _) = call(app, Method::POST, "/v1/host/sessions", KEY, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    session["token"].as_str().unwrap().to_owned()
}

/// Places one checkout of `lines` (variant, quantity) as `token`; answers it.
async fn checkout(app: &Router, token: &str, lines: &[(&str, u32)]) -> Value {
    for (variant, quantity) in lines {
        let path = format!("/v1/cart/items/{variant}");
        let body = json!({ "quantity": quantity });
        let (status, cart, _) = call(app, Method::PUT, &path, token, Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{cart}");
    }
    let body = json!({
        "address_id": address(app, token).await, "vouchers": [], "payment": { "method": "qris" },
    });
    let (status, quote, _) = call(app, Method::POST, "/v1/checkout/quote", token, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{quote}");
    let body = json!({ "quote_id": quote["id"] });
    let (status, placed, _) = call(app, Method::POST, "/v1/orders", token, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{placed}");
    placed
}

#[tokio::test]
async fn history_and_release_cost_the_same_queries_for_one_order_as_for_many() {
    let _alone = one_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;

    // One order of one line, against four orders of two lines each.
    let one = shopper(&app, "one-order").await;
    let few = checkout(&app, &one, &[(SHIRT, 1)]).await;
    let many = shopper(&app, "many-orders").await;
    checkout(&app, &many, &[(SHIRT, 1), (SAMBAL, 2)]).await;
    let last = checkout(&app, &many, &[(SHIRT, 2), (SAMBAL, 1)]).await;

    let (status, history, for_one) = call(&app, Method::GET, "/v1/orders", &one, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(history["orders"].as_array().unwrap().len(), 1);
    let (status, history, for_many) = call(&app, Method::GET, "/v1/orders", &many, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(history["orders"].as_array().unwrap().len(), 4);
    assert!(for_one > 0, "no statement was counted");
    assert_eq!(for_many, for_one, "order history: queries per order");

    let cancel = |placed: &Value| {
        format!(
            "/v1/orders/{}/cancel",
            placed["orders"][0]["id"].as_str().unwrap()
        )
    };
    let (status, _, release_one) = call(&app, Method::POST, &cancel(&few), &one, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, cancelled, release_many) =
        call(&app, Method::POST, &cancel(&last), &many, None).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(
        release_many, release_one,
        "releasing a checkout: queries per order and line"
    );
}

/// A saved address of `token`'s shopper, in Bandung.
async fn address(app: &Router, token: &str) -> Value {
    let address = json!({
        "recipient": "Siti Rahmawati", "phone": "0812-3456-7890", "province": "jawa barat",
        "city": "Kota Bandung", "district": "Coblong", "postal_code": "40132",
        "street": "Jl. Ganesha No. 10",
    });
    let (status, address, _) = call(app, Method::POST, "/v1/addresses", token, Some(address)).await;
    assert_eq!(status, StatusCode::CREATED, "{address}");
    address["id"].clone()
}

/// `POST /v1/orders` of a (token, quote id) under `key`.
async fn place(
    app: &Router,
    (token, quote_id): &(String, Value),
    key: &str,
) -> (StatusCode, Value, usize) {
    let body = json!({ "quote_id": quote_id });
    send(app, Method::POST, "/v1/orders", token, key, Some(body)).await
}

#[tokio::test]
async fn a_flash_deals_checkout_and_its_refusal_stay_within_their_statements() {
    let _alone = one_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let creator = shopper_as(&app, "crt-raka-gaya", "creator").await;
    let terms = json!({
        "product_id": "prd-kemeja-batik-parang", "variant_id": SHIRT, "price": 49_000,
        "units": 1, "per_buyer_limit": 1, "starts_in_seconds": 10, "minutes": 5,
    });
    let path = "/v1/creator/streams/live-gaya-raka/deals";
    let (status, deal, _) = call(&app, Method::POST, path, &creator, Some(terms)).await;
    assert_eq!(status, StatusCode::CREATED, "{deal}");
    // Opened now, as if its countdown had run.
    let url = format!("sqlite://{}", dir.path().join("etalase.db").display());
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE flash_deals SET starts_at = '2000-01-01T00:00:00Z' WHERE id = $1")
        .bind(deal["id"].as_str().unwrap())
        .execute(&db)
        .await
        .unwrap();

    let mut quotes = Vec::new();
    for buyer in ["deal-winner", "deal-loser"] {
        let token = shopper(&app, buyer).await;
        let body =
            json!({ "address_id": address(&app, &token).await, "payment": { "method": "qris" } });
        let path = format!("/v1/deals/{}/quote", deal["id"].as_str().unwrap());
        let (status, quote, _) = call(&app, Method::POST, &path, &token, Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{quote}");
        assert_eq!(quote["refusal"], Value::Null, "{quote}");
        quotes.push((token, quote["quote"]["id"].clone()));
    }
    let (winner, loser) = (&quotes[0], &quotes[1]);
    let (status, placed, bought) = place(&app, winner, "won").await;
    assert_eq!(status, StatusCode::CREATED, "{placed}");
    let (status, refused, refusal) = place(&app, loser, "lost").await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["error"]["code"], "deal_sold_out");
    let (status, replayed, replay) = place(&app, winner, "won").await;
    assert_eq!((status, &replayed), (StatusCode::CREATED, &placed));
    // The token's session, the quote's deal and whether its key was sent,
    // then the transaction (decision 0068).
    assert!(bought <= 20, "a deal's checkout ran {bought} statements");
    // A buyer refused at once writes nothing (decision 0057).
    assert!(
        refusal <= 2,
        "a sold-out deal's refusal ran {refusal} statements"
    );
    assert!(replay <= 3, "a replay ran {replay} statements");
}
