//! Region search latency and the region list's load: `ETALASE_SERVER_BIN=
//! target/release/etalase-server cargo run --release -p etalase-server
//! --example region_search [database_url | sqlite] [rounds]` (default: a
//! new SQLite file, 20 rounds); `cargo xtask bench regions` runs it on
//! both stores.
//!
//! Starts the server binary on 127.0.0.1 on `database_url`, which must be
//! empty (a new SQLite file, or a new PostgreSQL database), timing the
//! first start (migrations and the region list's load), then starts it
//! again on the same database, timing a start that finds the list loaded.
//! Then, on one keep-alive connection as one typing shopper, asks `GET
//! /v1/regions?q=…` for each of [`SEARCHES`] (districts, cities, villages,
//! several words, three-letter prefixes, the widest, and words one letter
//! off) `rounds` times, after one round of warming up. Every answer must
//! be a 200 with at least one region. Prints one Markdown line for BENCHMARKS.md: the two starts,
//! the searches made, p50, p99 and the slowest.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark's setup should panic"
)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Empty, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::time::timeout;

const KEY: &str = "region-bench-host-key";
/// How long one request may take.
const DEADLINE: Duration = Duration::from_secs(30);
/// What shoppers type: whole names, names with a designator or a second
/// word, the three-letter prefixes that find the most regions, and names
/// one letter off.
const SEARCHES: [&str; 19] = [
    "coblong",
    "kota bandung",
    "bandung",
    "kab bogor",
    "jakarta selatan",
    "kec. tebet",
    "dago",
    "dago bandung",
    "cisarua",
    "sukamaju",
    "lebak siliwangi",
    "sumber",
    "kar",
    "suk",
    "tan",
    "mekar",
    "cobong",
    "surabya",
    "kota bandng",
];

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let dir = tempfile::tempdir().unwrap();
    let url = args
        .next()
        .filter(|url| url != "sqlite")
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("etalase.db").display()));
    let rounds: usize = args.next().map_or(20, |n| n.parse().unwrap());
    let server = std::env::var("ETALASE_SERVER_BIN").expect("ETALASE_SERVER_BIN");

    let started = Instant::now();
    let (first, _) = support::start(&server, &url, dir.path(), KEY, &[]).await;
    let first_start = started.elapsed();
    drop(first);
    let started = Instant::now();
    let (_child, addr) = support::start(&server, &url, dir.path(), KEY, &[]).await;
    let second_start = started.elapsed();

    let token = token(addr).await;
    let mut sender = connect(addr).await;
    for q in SEARCHES {
        search(&mut sender, &token, q).await;
    }
    let mut took = Vec::with_capacity(rounds * SEARCHES.len());
    for _ in 0..rounds {
        for q in SEARCHES {
            took.push(search(&mut sender, &token, q).await);
        }
    }
    took.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {:.2} s | {:.2} s | {} | {:.2} ms | {:.2} ms | {:.2} ms |",
        first_start.as_secs_f64(),
        second_start.as_secs_f64(),
        took.len(),
        ms(percentile(&took, 50)),
        ms(percentile(&took, 99)),
        ms(took[took.len() - 1]),
    );
}

/// One keep-alive connection to `addr`.
async fn connect(addr: SocketAddr) -> SendRequest<Empty<Bytes>> {
    let stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    sender
}

/// `GET /v1/regions?q={q}` on `sender`: how long the answer took.
async fn search(sender: &mut SendRequest<Empty<Bytes>>, token: &str, q: &str) -> Duration {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let request = Request::builder()
        .uri(format!("/v1/regions?q={q}"))
        .header(header::HOST, "127.0.0.1")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Empty::<Bytes>::new())
        .unwrap();
    sender.ready().await.unwrap();
    let sent = Instant::now();
    let response = timeout(DEADLINE, sender.send_request(request))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{q}");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let took = sent.elapsed();
    let answer: Value = serde_json::from_slice(&body).unwrap();
    assert!(!answer["regions"].as_array().unwrap().is_empty(), "{q}");
    took
}

/// A shopper's token from the host's key.
async fn token(addr: SocketAddr) -> String {
    let body = json!({ "user_id": "region-bench", "role": "shopper" });
    let request = Request::builder()
        .method(Method::POST)
        .uri("/v1/host/sessions")
        .header(header::HOST, "127.0.0.1")
        .header(header::AUTHORIZATION, format!("Bearer {KEY}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
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
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let session: Value = serde_json::from_slice(&body).unwrap();
    session["token"].as_str().unwrap().to_owned()
}

/// The `p`th percentile of `sorted`.
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
