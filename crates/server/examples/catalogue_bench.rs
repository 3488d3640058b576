//! Catalogue throughput: `ETALASE_SERVER_BIN=target/release/etalase-server
//! cargo run --release -p etalase-server --example catalogue_bench
//! [connections] [seconds]` (default 64 connections for 10 s; at most 512
//! connections, 60 s and [`MAX_REQUESTS`] requests).
//!
//! Starts the server binary on 127.0.0.1 on a fresh seeded SQLite file,
//! with the rate limits raised out of the way, mints one shopper token, then
//! keeps `connections` keep-alive HTTP/1.1 connections busy with `GET
//! /v1/streams/{id}/products` (each sends its next request when the last
//! answer has been read), after one second of warming up. Every answer must
//! be a 200. Prints one Markdown line for BENCHMARKS.md: requests/s, p50,
//! p99 and the answer's size.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark's setup should panic"
)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::time::timeout;

const KEY: &str = "catalogue-bench-host-key";
/// The most requests one run makes, whatever its length.
const MAX_REQUESTS: usize = 5_000_000;
/// How long starting the server or one request may take.
const DEADLINE: Duration = Duration::from_secs(30);
/// Requests made before the measured ones, to warm up.
const WARM_UP: Duration = Duration::from_secs(1);

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let connections: usize = args.next().map_or(64, |n| n.parse().unwrap());
    let seconds: u64 = args.next().map_or(10, |n| n.parse().unwrap());
    assert!((1..=512).contains(&connections), "1 to 512 connections");
    assert!((1..=60).contains(&seconds), "1 to 60 seconds");
    let server = std::env::var("ETALASE_SERVER_BIN").expect("ETALASE_SERVER_BIN");

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("etalase.db").display());
    let (_child, addr) = support::start(&server, &url, dir.path(), KEY, &[]).await;
    let token = token(addr).await;
    let stream = first_stream(addr, &token).await;
    let path = format!("/v1/streams/{stream}/products");

    run(addr, &token, &path, connections, WARM_UP).await;
    let started = Instant::now();
    let mut took = run(
        addr,
        &token,
        &path,
        connections,
        Duration::from_secs(seconds),
    )
    .await;
    let elapsed = started.elapsed();
    took.sort_unstable();
    let size = one(addr, &token, &path).await.len();
    println!(
        "| {connections} | {seconds} s | {} | {:.0} | {:.2} ms | {:.2} ms | {size} B |",
        took.len(),
        took.len() as f64 / elapsed.as_secs_f64(),
        percentile(&took, 50).as_secs_f64() * 1000.0,
        percentile(&took, 99).as_secs_f64() * 1000.0,
    );
}

/// `connections` connections each asking for `path` one request after
/// another until `length` has passed; answers every request's time.
async fn run(
    addr: SocketAddr,
    token: &str,
    path: &str,
    connections: usize,
    length: Duration,
) -> Vec<Duration> {
    let end = Instant::now() + length;
    let made = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (token, path, made) = (token.to_owned(), path.to_owned(), made.clone());
            tokio::spawn(async move {
                let stream = TcpStream::connect(addr).await.unwrap();
                stream.set_nodelay(true).unwrap();
                let (mut sender, connection) =
                    hyper::client::conn::http1::handshake(TokioIo::new(stream))
                        .await
                        .unwrap();
                tokio::spawn(connection);
                let mut took = Vec::new();
                while Instant::now() < end && made.fetch_add(1, Ordering::Relaxed) < MAX_REQUESTS {
                    let request = Request::builder()
                        .uri(path.as_str())
                        .header(header::HOST, "127.0.0.1")
                        .header(header::AUTHORIZATION, format!("Bearer {token}"))
                        .body(Empty::<Bytes>::new())
                        .unwrap();
                    let sent = Instant::now();
                    let response = timeout(DEADLINE, sender.send_request(request))
                        .await
                        .unwrap()
                        .unwrap();
                    assert_eq!(response.status(), StatusCode::OK);
                    response.into_body().collect().await.unwrap();
                    took.push(sent.elapsed());
                }
                took
            })
        })
        .collect();
    let mut took = Vec::new();
    for task in tasks {
        took.extend(task.await.unwrap());
    }
    took
}

/// A shopper's token from the host's key.
async fn token(addr: SocketAddr) -> String {
    let body = json!({ "user_id": "catalogue-bench", "role": "shopper" });
    let request = Request::builder()
        .method(Method::POST)
        .uri("/v1/host/sessions")
        .header(header::HOST, "127.0.0.1")
        .header(header::AUTHORIZATION, format!("Bearer {KEY}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let session: Value = serde_json::from_slice(&send(addr, request).await).unwrap();
    session["token"].as_str().unwrap().to_owned()
}

/// The id of the first stream listed.
async fn first_stream(addr: SocketAddr, token: &str) -> String {
    let streams: Value = serde_json::from_slice(&one(addr, token, "/v1/streams").await).unwrap();
    streams["streams"][0]["id"].as_str().unwrap().to_owned()
}

/// `GET path` as the holder of `token`: the answer's body.
async fn one(addr: SocketAddr, token: &str, path: &str) -> Bytes {
    let request = Request::builder()
        .uri(path)
        .header(header::HOST, "127.0.0.1")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Full::new(Bytes::new()))
        .unwrap();
    send(addr, request).await
}

/// Sends `request` on a new connection; the body of its 2xx answer.
async fn send(addr: SocketAddr, request: Request<Full<Bytes>>) -> Bytes {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let response = timeout(DEADLINE, sender.send_request(request))
        .await
        .unwrap()
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    response.into_body().collect().await.unwrap().to_bytes()
}

/// The `p`th percentile of `sorted`.
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
