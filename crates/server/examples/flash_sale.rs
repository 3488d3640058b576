//! Flash sale: `cargo xtask bench flash-sale [--buyers N] [--units K]`
//! (default 2,000 buyers for 100 units; at most 10,000 buyers), which
//! builds the server, starts a throwaway PostgreSQL and runs this program
//! with `ETALASE_SERVER_BIN` (the server binary) and
//! `ETALASE_POSTGRES_URL` (that server's `postgres` database) set.
//!
//! For each setup, 2 server instances on PostgreSQL (with the default pool
//! of database connections, then with `docs/deploy.md`'s: about twice the
//! database server's cores each) and 1 on SQLite, on a fresh seeded
//! database: starts the instances on loopback; the stream's
//! creator starts a flash deal of all the variant's units, one per buyer
//! (decision 0057), opened at once; gives every buyer a token, an address
//! and a deal quote at the deal price (spread over the instances); then
//! releases every buyer at once, each placing its checkout on an instance
//! in turn, with at most [`IN_FLIGHT`] requests open. It times each
//! `POST /v1/orders`, the last sale and the whole race, then checks the outcome: as many
//! `201` as units, every other buyer `409 deal_sold_out`, no deal unit or
//! stock left, exactly the units on order lines, one checkout per winner,
//! and no key stored for a refusal.
//!
//! The floor is the same conditional stock update with no HTTP: the same
//! number of attempts, as many at once as the instances have database
//! connections, each its own write transaction. Where Linux's `/proc`
//! tells it, the processor time the race took is split between the server
//! instances, the rest of the machine (the database) and the buyers. Every
//! wait has a deadline. Prints a Markdown section for BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark's setup should panic"
)]

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use etalase_server::identity::secret;
use etalase_server::store::{Backend, Store};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use sqlx::{AnyPool, Connection};
use tokio::net::TcpStream;
use tokio::process::Child;
use tokio::sync::{Barrier, Semaphore};
use tokio::time::timeout;

const KEY: &str = "flash-sale-host-key";
/// The variant on sale: a batik shirt, size M.
const VARIANT: &str = "var-kemeja-batik-parang-m";
/// Its product, in the showcase of [`STREAM`].
const PRODUCT: &str = "prd-kemeja-batik-parang";
/// The seeded live stream the deal runs on, and its creator.
const STREAM: &str = "live-gaya-raka";
const CREATOR: &str = "crt-raka-gaya";
/// The deal price, below the shirt's Rp189.000.
const DEAL_PRICE: i64 = 49_000;
/// Requests open at once, while preparing and while racing.
const IN_FLIGHT: usize = 256;
/// Requests open at once while the buyers get ready.
const PREPARING: usize = 32;
/// How long any one step may take before the benchmark gives up.
const DEADLINE: Duration = Duration::from_secs(120);

/// One setup to measure.
struct Setup {
    backend: Backend,
    instances: usize,
    /// Database connections per instance.
    pool: u32,
}

/// What one setup measured.
struct Outcome {
    setup: Setup,
    answered_per_second: f64,
    latencies: Vec<Duration>,
    race: Duration,
    /// From the release to the last winner's answer.
    sold_out: Duration,
    floor_per_second: f64,
    /// The processor time the race took, where the system tells it.
    cpu: Option<CpuUse>,
}

/// Processor time over the race, in seconds of one core.
struct CpuUse {
    /// The server instances' processes.
    servers: f64,
    /// This program: the buyers.
    buyers: f64,
    /// Everything else the machine ran: PostgreSQL's processes, and other
    /// work.
    rest: f64,
}

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let buyers: usize = args.first().map_or(2_000, |n| n.parse().unwrap());
    let units: usize = args.get(1).map_or(100, |n| n.parse().unwrap());
    assert!((1..=10_000).contains(&buyers), "1 to 10000 buyers");
    assert!((1..=buyers).contains(&units), "1 to {buyers} units");
    let server = std::env::var("ETALASE_SERVER_BIN").expect("ETALASE_SERVER_BIN");
    let postgres = std::env::var("ETALASE_POSTGRES_URL").expect("ETALASE_POSTGRES_URL");
    let mut outcomes = Vec::new();
    // The deploy guide's pool for PostgreSQL: about twice the database
    // server's cores per instance, here the machine's own.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sized = u32::try_from(2 * cores).unwrap();
    for setup in [
        Setup {
            backend: Backend::Postgres,
            instances: 2,
            pool: Backend::Postgres.default_pool_size(),
        },
        Setup {
            backend: Backend::Postgres,
            instances: 2,
            pool: sized,
        },
        Setup {
            backend: Backend::Sqlite,
            instances: 1,
            pool: Backend::Sqlite.default_pool_size(),
        },
    ] {
        let dir = tempfile::tempdir().unwrap();
        let url = match setup.backend {
            Backend::Postgres => new_postgres_database(&postgres).await,
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("etalase.db").display()),
        };
        eprintln!(
            "{:?} × {}, {} connections each: {url}",
            setup.backend, setup.instances, setup.pool
        );
        let outcome = timeout(
            DEADLINE * 4,
            measure(setup, &server, &url, dir.path(), buyers, units),
        )
        .await
        .expect("the flash sale did not finish in time");
        outcomes.push(outcome);
    }
    report(&outcomes, buyers, units, cores);
}

/// A new database on the PostgreSQL server whose `postgres` database is
/// at `admin`; answers its URL.
async fn new_postgres_database(admin: &str) -> String {
    sqlx::any::install_default_drivers();
    let name = secret::generate("etalase_flash_").unwrap();
    let mut conn = sqlx::AnyConnection::connect(admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

async fn measure(
    setup: Setup,
    server: &str,
    url: &str,
    dir: &std::path::Path,
    buyers: usize,
    units: usize,
) -> Outcome {
    let mut children = Vec::new();
    let mut addrs = Vec::new();
    for _ in 0..setup.instances {
        let pool = [("ETALASE_DB_MAX_CONNECTIONS", setup.pool.to_string())];
        let (child, addr) = support::start(server, url, dir, KEY, &pool).await;
        children.push(child);
        addrs.push(addr);
    }
    let db = AnyPool::connect(url).await.unwrap();
    set_stock(&db, units).await;
    let deal_id = start_deal(addrs[0], &db, units).await;
    let ready = prepare(&addrs, buyers, &deal_id).await;

    // The race.
    let start = Arc::new(Barrier::new(buyers + 1));
    let open = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = Vec::with_capacity(buyers);
    for (n, (token, quote_id)) in ready.into_iter().enumerate() {
        let addr = addrs[n % addrs.len()];
        let (start, open) = (start.clone(), open.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let _open = open.acquire().await.unwrap();
            let sent = Instant::now();
            let (status, body) = request(
                addr,
                Method::POST,
                "/v1/orders",
                &token,
                &[("idempotency-key", "flash-sale")],
                json!({ "quote_id": quote_id }),
            )
            .await;
            (status, body, sent.elapsed(), Instant::now())
        }));
    }
    let pids: Vec<u32> = children.iter().filter_map(Child::id).collect();
    let cpu_before = CpuTimes::now(&pids);
    start.wait().await;
    let began = Instant::now();
    let mut latencies = Vec::with_capacity(buyers);
    let mut checkouts = BTreeSet::new();
    let mut sold_out = Duration::ZERO;
    for task in tasks {
        let (status, body, took, answered) = timeout(DEADLINE, task).await.unwrap().unwrap();
        latencies.push(took);
        match status {
            StatusCode::CREATED => {
                sold_out = sold_out.max(answered.duration_since(began));
                assert!(
                    checkouts.insert(body["id"].as_str().unwrap().to_owned()),
                    "a checkout answered twice"
                );
            }
            StatusCode::CONFLICT => assert_eq!(body["error"]["code"], "deal_sold_out", "{body}"),
            other => panic!("{other}: {body}"),
        }
    }
    let race = began.elapsed();
    let cpu = cpu_before
        .zip(CpuTimes::now(&pids))
        .map(|(before, after)| after.since(&before));
    for mut child in children {
        child.kill().await.unwrap();
    }
    verify(&db, &checkouts, units, &deal_id).await;

    // The floor: the conditional update alone, as many at once as the
    // instances have database connections.
    set_stock(&db, units).await;
    let store = Store::open_with_pool(
        url,
        Some(setup.pool * u32::try_from(setup.instances).unwrap()),
    )
    .await
    .unwrap();
    let began = Instant::now();
    let mut attempts = Vec::with_capacity(buyers);
    for _ in 0..buyers {
        let store = store.clone();
        attempts.push(tokio::spawn(async move {
            store.take_units(VARIANT, 1).await.unwrap()
        }));
    }
    let mut taken = 0;
    for attempt in attempts {
        taken += usize::from(timeout(DEADLINE, attempt).await.unwrap().unwrap());
    }
    let floor = began.elapsed();
    assert_eq!(taken, units, "the floor sold other than the units");
    store.close().await;
    db.close().await;
    latencies.sort();
    Outcome {
        setup,
        answered_per_second: buyers as f64 / race.as_secs_f64(),
        latencies,
        race,
        sold_out,
        floor_per_second: buyers as f64 / floor.as_secs_f64(),
        cpu,
    }
}

/// Processor time used so far, in clock ticks, from Linux's `/proc`.
struct CpuTimes {
    /// The whole machine's, every core's, idle and stolen time left out.
    machine: u64,
    /// The server instances' processes', every thread's.
    servers: u64,
    /// This program's.
    own: u64,
}

impl CpuTimes {
    /// Clock ticks per second in `/proc` (`USER_HZ`, 100 on Linux).
    const TICKS: f64 = 100.0;

    /// The times now, with the processes `servers`; none where `/proc`
    /// cannot tell.
    fn now(servers: &[u32]) -> Option<CpuTimes> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let ticks: Vec<u64> = stat
            .lines()
            .next()?
            .split_whitespace()
            .skip(1)
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        // user, nice, system, idle, iowait, irq, softirq, steal, …
        let machine = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6];
        let mut times = 0;
        for pid in servers {
            times += process_ticks(&pid.to_string())?;
        }
        Some(CpuTimes {
            machine,
            servers: times,
            own: process_ticks("self")?,
        })
    }

    /// What was used from `before` to these times.
    fn since(&self, before: &CpuTimes) -> CpuUse {
        let seconds = |after: u64, before: u64| after.saturating_sub(before) as f64 / Self::TICKS;
        let servers = seconds(self.servers, before.servers);
        let buyers = seconds(self.own, before.own);
        let machine = seconds(self.machine, before.machine);
        CpuUse {
            servers,
            buyers,
            rest: (machine - servers - buyers).max(0.0),
        }
    }
}

/// The user and system clock ticks process `pid` (or `self`) used so far,
/// every thread's.
fn process_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the name in parentheses: state, then fields 4 to 13, then
    // utime and stime (fields 14 and 15 of proc(5)).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

async fn set_stock(db: &AnyPool, stock: usize) {
    sqlx::query("UPDATE variants SET stock = $1 WHERE id = $2")
        .bind(i64::try_from(stock).unwrap())
        .bind(VARIANT)
        .execute(db)
        .await
        .unwrap();
}

/// The stream's creator starts a flash deal of `units` (all the variant's
/// stock), one per buyer, through the instance at `addr`; it is opened at
/// once (its start moved into the past in `db`, as if its countdown had
/// run). Answers its id.
async fn start_deal(addr: SocketAddr, db: &AnyPool, units: usize) -> String {
    let body = json!({ "user_id": CREATOR, "role": "creator" });
    let (status, session) = request(addr, Method::POST, "/v1/host/sessions", KEY, &[], body).await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    let token = session["token"].as_str().unwrap();
    let terms = json!({
        "product_id": PRODUCT,
        "variant_id": VARIANT,
        "price": DEAL_PRICE,
        "units": units,
        "per_buyer_limit": 1,
        "starts_in_seconds": 10,
        "minutes": 20,
    });
    let path = format!("/v1/creator/streams/{STREAM}/deals");
    let (status, deal) = request(addr, Method::POST, &path, token, &[], terms).await;
    assert_eq!(status, StatusCode::CREATED, "{deal}");
    let deal_id = deal["id"].as_str().unwrap().to_owned();
    let started = etalase_server::time::Timestamp::now().minus(Duration::from_secs(1));
    sqlx::query("UPDATE flash_deals SET starts_at = $1 WHERE id = $2")
        .bind(started.to_string())
        .bind(&deal_id)
        .execute(db)
        .await
        .unwrap();
    deal_id
}

/// Every buyer's token and quote id, prepared on the instances in turn.
async fn prepare(addrs: &[SocketAddr], buyers: usize, deal_id: &str) -> Vec<(String, String)> {
    let open = Arc::new(Semaphore::new(PREPARING));
    let mut tasks = Vec::with_capacity(buyers);
    for n in 0..buyers {
        let addr = addrs[n % addrs.len()];
        let (open, deal_id) = (open.clone(), deal_id.to_owned());
        tasks.push(tokio::spawn(async move {
            let _open = open.acquire().await.unwrap();
            buyer(addr, n, &deal_id).await
        }));
    }
    let mut ready = Vec::with_capacity(buyers);
    for task in tasks {
        ready.push(timeout(DEADLINE, task).await.unwrap().unwrap());
    }
    ready
}

/// Buyer `n`: a token, an address and a quote of the deal at its price.
async fn buyer(addr: SocketAddr, n: usize, deal_id: &str) -> (String, String) {
    let body = json!({ "user_id": format!("flash-buyer-{n}"), "role": "shopper" });
    let (status, session) = request(addr, Method::POST, "/v1/host/sessions", KEY, &[], body).await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    let token = session["token"].as_str().unwrap().to_owned();
    let address = json!({
        "recipient": "Siti Rahmawati",
        "phone": "0812-3456-7890",
        "province": "jawa barat",
        "city": "Kota Bandung",
        "district": "Coblong",
        "postal_code": "40132",
        "street": "Jl. Ganesha No. 10"
    });
    let (status, address) =
        request(addr, Method::POST, "/v1/addresses", &token, &[], address).await;
    assert_eq!(status, StatusCode::CREATED, "{address}");
    let body = json!({
        "address_id": address["id"],
        "payment": { "method": "qris" },
    });
    let path = format!("/v1/deals/{deal_id}/quote");
    let (status, quote) = request(addr, Method::POST, &path, &token, &[], body).await;
    assert_eq!(status, StatusCode::OK, "{quote}");
    assert_eq!(quote["refusal"], Value::Null, "{quote}");
    (token, quote["quote"]["id"].as_str().unwrap().to_owned())
}

/// `method path` with a JSON `body` as the holder of `bearer`, on a new
/// HTTP/1.1 connection to `addr`; answers the status and the JSON body.
async fn request(
    addr: SocketAddr,
    method: Method,
    path: &str,
    bearer: &str,
    headers: &[(&str, &str)],
    body: Value,
) -> (StatusCode, Value) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    let connection = tokio::spawn(connection);
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, addr.to_string())
        .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
        .header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(Bytes::from(serde_json::to_vec(&body).unwrap())))
        .unwrap();
    let response = timeout(DEADLINE, sender.send_request(request))
        .await
        .unwrap()
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    drop(sender);
    connection.await.unwrap().unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

/// Exactly `units` sold at the deal's price, each to one checkout of its
/// own; no deal unit or stock left; no key stored but the winners'.
async fn verify(db: &AnyPool, checkouts: &BTreeSet<String>, units: usize, deal_id: &str) {
    let units = i64::try_from(units).unwrap();
    let count = |sql: String| async move {
        let n: i64 = sqlx::query_scalar(&sql).fetch_one(db).await.unwrap();
        n
    };
    assert_eq!(
        i64::try_from(checkouts.len()).unwrap(),
        units,
        "201 answers"
    );
    let left = count(format!(
        "SELECT units_left FROM flash_deals WHERE id = '{deal_id}'"
    ))
    .await;
    assert_eq!(left, 0, "deal units left");
    let stock = count(format!("SELECT stock FROM variants WHERE id = '{VARIANT}'")).await;
    assert_eq!(stock, 0, "stock left");
    let sold = count(format!(
        "SELECT CAST(SUM(quantity) AS BIGINT) FROM order_items WHERE price = {DEAL_PRICE}"
    ))
    .await;
    assert_eq!(sold, units, "units on order lines at the deal price");
    assert_eq!(count("SELECT COUNT(*) FROM checkouts".into()).await, units);
    let buyers = count("SELECT COUNT(DISTINCT user_id) FROM checkouts".into()).await;
    assert_eq!(buyers, units, "a buyer with two checkouts");
    let keys = count("SELECT COUNT(*) FROM idempotency_keys".into()).await;
    assert_eq!(keys, units, "a key stored for a refusal");
}

/// The `p`th percentile of `sorted` (nearest rank).
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn report(outcomes: &[Outcome], buyers: usize, units: usize, cores: usize) {
    println!("## Flash sale: {buyers} buyers, {units} units\n");
    let method = format!(
        "`cargo xtask bench flash-sale [--buyers {buyers}] [--units {units}]` builds the server \
         and `crates/server/examples/flash_sale.rs` (release), starts a throwaway PostgreSQL 15 \
         with its durable defaults (`initdb` in a temporary directory, `fsync` and \
         `synchronous_commit` on) and runs the sale. For each setup, on a fresh seeded database, \
         with the pool of connections per instance its row names (the defaults, 16 on \
         PostgreSQL and 8 on SQLite, and on PostgreSQL also `docs/deploy.md`'s size, about \
         twice the database server's cores): the stream's creator starts a flash deal of {units} batik shirts (all their stock) at \
         Rp49.000, one per buyer, opened at once; every buyer gets a token, an address and a \
         deal quote at the deal price; then all {buyers} buyers place their checkout at once \
         over loopback (a new connection each, at most {IN_FLIGHT} open), alternating between \
         the instances. *Answered/s* is checkouts answered (`201` or `409`) per second over the \
         race; latencies are each `POST /v1/orders` from connecting to the answer, the \
         server's queueing included (a buyer held back by the cap of {IN_FLIGHT} is timed from \
         when it connects); \
         *sold out* is when the last winner was answered, from the buyers' release. \
         Checked every run: exactly {units} `201` with distinct checkouts, every other buyer \
         `409 deal_sold_out`, no deal unit or stock left, {units} units on order lines at the \
         deal price, no buyer with two checkouts, and no `Idempotency-Key` stored but the \
         winners' (decision 0057). The floor runs the conditional stock update \
         (`Store::take_units`, its own write transaction) {buyers} times with no HTTP, as many \
         at once as the instances have database connections; the ratio is answered/s over \
         floor attempts/s, in the same run. *CPU per answer* is the processor time the race \
         took (from Linux's `/proc`) over the checkouts answered: the server instances' \
         processes, the rest of the machine (PostgreSQL's processes, and other work; on SQLite \
         the database runs inside the server) and this program's buyers; *cores busy* is all \
         of it over the race's length on the {cores} cores. Measured on {}, {cores} cores \
         shared by the servers, the database, the {buyers} buyers and other work.",
        today()
    );
    println!("{}\n", wrap(&method, 96));
    println!(
        "| store | instances | pool | answered/s | p50 | p95 | p99 | sold out | race | floor/s | ratio to floor | CPU per answer: servers + rest + buyers | cores busy |"
    );
    println!(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for outcome in outcomes {
        let store = match outcome.setup.backend {
            Backend::Postgres => "PostgreSQL",
            Backend::Sqlite => "SQLite (WAL, synchronous=FULL)",
        };
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        let (per_answer, busy) = match &outcome.cpu {
            Some(cpu) => {
                let answers = buyers as f64;
                let per = |seconds: f64| seconds * 1000.0 / answers;
                let all = cpu.servers + cpu.rest + cpu.buyers;
                (
                    format!(
                        "{:.2} + {:.2} + {:.2} ms",
                        per(cpu.servers),
                        per(cpu.rest),
                        per(cpu.buyers)
                    ),
                    format!(
                        "{:.0} %",
                        100.0 * all / (cores as f64 * outcome.race.as_secs_f64())
                    ),
                )
            }
            None => ("–".to_owned(), "–".to_owned()),
        };
        println!(
            "| {store} | {} | {} | {:.0} | {} | {} | {} | {} | {:.2} s | {:.0} | {:.2} | {per_answer} | {busy} |",
            outcome.setup.instances,
            outcome.setup.pool,
            outcome.answered_per_second,
            ms(percentile(&outcome.latencies, 50)),
            ms(percentile(&outcome.latencies, 95)),
            ms(percentile(&outcome.latencies, 99)),
            ms(outcome.sold_out),
            outcome.race.as_secs_f64(),
            outcome.floor_per_second,
            outcome.answered_per_second / outcome.floor_per_second,
        );
    }
}

/// `text` with its words on lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// Today's date (UTC), as `YYYY-MM-DD`.
fn today() -> String {
    etalase_server::time::Timestamp::now().to_string()[..10].to_owned()
}
