//! Live fan-out: `cargo run --release -p etalase-server --example live_bench
//! [viewers] [pins]` (default 1000 viewers, 20 pins; at most 10 000 and 1 000).
//!
//! Starts the server in a child process (this program again, with
//! `--serve`) on loopback, on a fresh seeded SQLite file in `target/`, so
//! its memory can be read from `/proc/<pid>/status` apart from the viewers'.
//! Then opens `viewers` HTTP/1.1 connections to `GET
//! /v1/streams/live-gaya-raka/events`, waits for every snapshot, and has
//! the stream's creator pin a product `pins` times, alternating between two;
//! for each pin it times, from just before the `PUT` is sent, the moment
//! each viewer has read the `pinned` event. Every wait has a deadline, and
//! closing the child's stdin shuts it down gracefully with the feeds open.
//! Prints a Markdown section for BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark's setup should panic"
)]

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use etalase_server::config::{Settings, KEY_HOLD, SESSION_HOLD};
use etalase_server::identity::secret;
use etalase_server::seed::seed_if_empty;
use etalase_server::store::Store;
use etalase_server::{app, AppState, Site, DEMO_HOST};
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::Command;
use tokio::sync::mpsc;
use tokio::time::timeout;

const KEY: &str = "bench-host-key";
const STREAM: &str = "live-gaya-raka";
const CREATOR: &str = "crt-raka-gaya";
/// The two products the pin alternates between.
const PINS: [&str; 2] = ["prd-hoodie-fleece-oversize", "prd-kemeja-batik-parang"];
/// How long any one step may take before the benchmark gives up.
const DEADLINE: Duration = Duration::from_secs(60);
/// Connections opened at once while the viewers join.
const JOINING: usize = 100;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = args.as_slice() {
        if flag == "--serve" {
            return serve(Path::new(dir)).await;
        }
    }
    let viewers: usize = args.first().map_or(1000, |n| n.parse().unwrap());
    let pins: usize = args.get(1).map_or(20, |n| n.parse().unwrap());
    assert!((1..=10_000).contains(&viewers), "1 to 10000 viewers");
    assert!((1..=1_000).contains(&pins), "1 to 1000 pins");
    check_open_files(viewers);
    measure(viewers, pins).await;
}

/// The child: serves the app on loopback until its stdin closes.
async fn serve(dir: &Path) {
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
        webhook_secret: "bench".into(),
        payment_window: Duration::from_secs(3600),
        sweep_interval: Duration::from_secs(3600),
        session_hold: SESSION_HOLD,
        key_hold: KEY_HOLD,
    };
    let site = Site {
        www_dir: dir.to_owned(),
        pkg_dir: dir.to_owned(),
    };
    let state = AppState::open(store.clone(), settings, site).await.unwrap();
    let live = state.live.clone();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening {}", listener.local_addr().unwrap());
    let shutdown = async move {
        let mut rest = Vec::new();
        tokio::io::stdin().read_to_end(&mut rest).await.ok();
        live.close();
    };
    etalase_server::serve(listener, app(state), shutdown)
        .await
        .unwrap();
    store.close().await;
}

/// The parent: starts the child, joins the viewers, pins, reports.
async fn measure(viewers: usize, pins: usize) {
    std::fs::create_dir_all("target").unwrap();
    let dir = tempfile::Builder::new()
        .prefix("live-bench-")
        .tempdir_in("target")
        .unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .arg("--serve")
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = timeout(DEADLINE, lines.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let addr: SocketAddr = line.strip_prefix("listening ").unwrap().parse().unwrap();

    let shopper = mint(addr, "bench-viewer", "shopper").await;
    let creator = mint(addr, CREATOR, "creator").await;
    let idle = memory(pid);

    let (received, mut receipts) = mpsc::unbounded_channel::<Instant>();
    let joined = Instant::now();
    let mut tasks = Vec::with_capacity(viewers);
    for batch in (0..viewers).collect::<Vec<_>>().chunks(JOINING) {
        let mut ready = Vec::with_capacity(batch.len());
        for _ in batch {
            let (shopper, received) = (shopper.clone(), received.clone());
            let (is_ready, ready_rx) = tokio::sync::oneshot::channel();
            ready.push(ready_rx);
            tasks.push(tokio::spawn(async move {
                watch(addr, &shopper, is_ready, received).await;
            }));
        }
        for ready in ready {
            timeout(DEADLINE, ready).await.unwrap().unwrap();
        }
    }
    let join_time = joined.elapsed();
    let watching = memory(pid);

    let mut every = Vec::with_capacity(viewers * pins);
    let mut last = Vec::with_capacity(pins);
    for round in 0..pins {
        let product = PINS[round % 2];
        let started = Instant::now();
        let status = put_pin(addr, &creator, product).await;
        assert_eq!(status, StatusCode::OK);
        let mut slowest = Duration::ZERO;
        for _ in 0..viewers {
            let at = timeout(DEADLINE, receipts.recv()).await.unwrap().unwrap();
            let latency = at.duration_since(started);
            slowest = slowest.max(latency);
            every.push(latency);
        }
        last.push(slowest);
    }
    let after = memory(pid);

    drop(child.stdin.take());
    let stopping = Instant::now();
    let exit = timeout(DEADLINE, child.wait()).await.unwrap().unwrap();
    assert!(exit.success(), "the server stopped with {exit}");
    let stop_time = stopping.elapsed();
    for task in tasks {
        timeout(DEADLINE, task).await.unwrap().unwrap();
    }

    every.sort_unstable();
    last.sort_unstable();
    let per_viewer = |kib: u64| (kib.saturating_sub(idle.rss_kib) * 1024) as f64 / viewers as f64;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("## Live fan-out\n");
    println!(
        "`cargo run --release -p etalase-server --example live_bench {viewers} {pins}`: the server in its own\n\
         process on loopback, {viewers} viewers on `GET /v1/streams/{STREAM}/events` (HTTP/1.1, one\n\
         connection each), {pins} pins by the stream's creator. Latency runs from just before the\n\
         `PUT …/pin` is sent to a viewer having read its `pinned` event; it includes the pin's\n\
         durable commit (`synchronous=FULL`). The viewers run in the benchmark's own process on the\n\
         same {cores} cores as the server.\n"
    );
    println!("| measure | median | p99 | max |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| pin → each viewer has it ({} deliveries) | {} | {} | {} |",
        every.len(),
        ms(percentile(&every, 50)),
        ms(percentile(&every, 99)),
        ms(*every.last().unwrap())
    );
    println!(
        "| pin → the last of {viewers} viewers has it ({pins} pins) | {} | {} | {} |",
        ms(percentile(&last, 50)),
        ms(percentile(&last, 99)),
        ms(*last.last().unwrap())
    );
    println!();
    println!("| server memory | RSS |");
    println!("| --- | ---: |");
    println!("| idle, seeded | {} |", mib(idle.rss_kib));
    println!(
        "| {viewers} viewers connected | {} (+{:.1} KiB a viewer) |",
        mib(watching.rss_kib),
        per_viewer(watching.rss_kib) / 1024.0
    );
    println!("| after {pins} pins | {} |", mib(after.rss_kib));
    println!("| peak (VmHWM) | {} |", mib(after.peak_kib));
    println!();
    println!(
        "{viewers} viewers joined in {:.2} s ({JOINING} at a time, each until its snapshot). With all\n\
         of them connected, the server shut down gracefully (its live feeds closed, as on SIGTERM)\n\
         in {}.",
        join_time.as_secs_f64(),
        ms(stop_time)
    );
}

/// One viewer: connects, reports ready after the snapshot, then sends the
/// instant it read each `pinned` event, until the server ends the feed.
async fn watch(
    addr: SocketAddr,
    token: &str,
    ready: tokio::sync::oneshot::Sender<()>,
    received: mpsc::UnboundedSender<Instant>,
) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = Request::get(format!("/v1/streams/{STREAM}/events"))
        .header(header::HOST, addr.to_string())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let mut buffer = String::new();
    let mut ready = Some(ready);
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.unwrap().into_data() else {
            continue;
        };
        buffer.push_str(std::str::from_utf8(&data).unwrap());
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.starts_with("event: snapshot") {
                if let Some(ready) = ready.take() {
                    ready.send(()).unwrap();
                }
            } else if event.starts_with("event: pinned") {
                received.send(Instant::now()).unwrap();
            }
        }
    }
}

/// A token for `user` of the bench host.
async fn mint(addr: SocketAddr, user: &str, role: &str) -> String {
    let body = json!({ "user_id": user, "role": role });
    let (status, answer) = call(addr, Method::POST, "/v1/host/sessions", KEY, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED);
    answer["token"].as_str().unwrap().to_owned()
}

async fn put_pin(addr: SocketAddr, creator: &str, product: &str) -> StatusCode {
    let path = format!("/v1/creator/streams/{STREAM}/pin");
    let body = json!({ "product_id": product });
    call(addr, Method::PUT, &path, creator, Some(body)).await.0
}

/// `method path` on a new connection, with a bearer and a JSON body.
async fn call(
    addr: SocketAddr,
    method: Method,
    path: &str,
    bearer: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, addr.to_string())
        .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(
            body.map(|b| b.to_string()).unwrap_or_default(),
        )))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// A process's resident memory now and at its peak.
struct Memory {
    rss_kib: u64,
    peak_kib: u64,
}

/// The memory of process `pid`, from `/proc/<pid>/status`.
fn memory(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap()
            .parse()
            .unwrap()
    };
    Memory {
        rss_kib: field("VmRSS:"),
        peak_kib: field("VmHWM:"),
    }
}

/// Fails early, with the fix, when this process may not open a connection
/// per viewer (the server, a separate process, needs as many).
fn check_open_files(viewers: usize) {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let soft: usize = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .and_then(|line| line.split_whitespace().nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    assert!(
        soft >= viewers + 64,
        "{viewers} viewers need `ulimit -n` of at least {} (it is {soft})",
        viewers + 64
    );
}

/// The `p`th percentile of `sorted` (nearest rank).
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
