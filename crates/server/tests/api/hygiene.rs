//! Connection hygiene: bounded metrics, timeouts, caps on connections and live feeds, and what every answer carries.
//!
//! Each test is a finding of an outside probe that spoke only HTTP, turned
//! into a regression test against the real server over TCP where it
//! matters: timeouts are a second or two here, so the tests stay fast.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use etalase_server::config::{Connections, FeedCaps};
use etalase_server::server::metrics_app;
use http_body_util::BodyExt;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::timeout;

use crate::figures;
use crate::helpers::{settings, TestApp, TestDb, HOST_KEY};
use crate::live::{open_feed, Served, Viewer, STREAM};
use crate::operations::metrics;
use crate::serve::{http, start_binary_with};

/// How long a test waits for anything before it fails.
const DEADLINE: Duration = Duration::from_secs(10);

/// Connections with generous timeouts and no caps, to change one at a time.
fn connections() -> Connections {
    Connections {
        header_read_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(30),
        ..Connections::uncapped()
    }
}

/// Reads `stream` until the server closes it (or resets it); answers what
/// was read. Fails after [`DEADLINE`].
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut read = Vec::new();
    let mut buffer = [0u8; 4096];
    timeout(DEADLINE, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => read.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await
    .expect("the server did not close the connection");
    read
}

/// `GET /healthz` on `stream`, asking to close after; answers all the
/// server sent.
async fn healthz_then_close(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    String::from_utf8(read_until_closed(stream).await).unwrap()
}

/// A connection to `addr` from the loopback address `from`.
async fn connect_from(from: &str, addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    socket.connect(addr).await.unwrap()
}

/// `GET /healthz` on new connections until one is answered 200: the
/// server gives a place back only once it has seen a connection close.
async fn served_again(addr: SocketAddr) {
    timeout(DEADLINE, async {
        loop {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            if healthz_then_close(&mut stream)
                .await
                .starts_with("HTTP/1.1 200")
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("no connection was served again");
}

// High: any HTTP method name became a permanent label of `/metrics`.
#[tokio::test]
async fn strangers_methods_and_paths_add_no_metrics_labels() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    assert_eq!(
        http(served.addr, Method::GET, "/healthz", &[], None)
            .await
            .0,
        StatusCode::OK
    );
    let before = metrics(&app).await.body.len();
    let paths = ["/healthz", "/v1/orders/ord-made-up-by-a-stranger"];
    for n in 0..figures::STRANGE_METHODS / paths.len() {
        // A 64 KiB method on a route that exists, and a raw path.
        let method = format!("M{n}{}", "X".repeat(64 * 1024));
        for path in paths {
            let mut stream = TcpStream::connect(served.addr).await.unwrap();
            stream
                .write_all(
                    format!("{method} {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
                        .as_bytes(),
                )
                .await
                .unwrap();
            let answer = String::from_utf8(read_until_closed(&mut stream).await).unwrap();
            assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
        }
    }
    let response = metrics(&app).await;
    let text = response.text();
    assert!(
        text.len() < before + 4096,
        "/metrics grew from {before} to {} bytes",
        text.len()
    );
    assert!(!text.contains("XXXX"), "a method became a label");
    assert!(!text.contains("made-up"), "a raw path became a label");
    let per_path = figures::STRANGE_METHODS / paths.len();
    for line in [
        r#"etalase_http_requests_total{method="GET",route="/healthz",status="2xx"} 1"#.to_owned(),
        format!(
            r#"etalase_http_requests_total{{method="other",route="/healthz",status="4xx"}} {per_path}"#
        ),
        format!(
            r#"etalase_http_requests_total{{method="other",route="/v1/orders/{{id}}",status="4xx"}} {per_path}"#
        ),
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} missing from\n{text}"
        );
    }
    served.stop().await;
}

// Low: `/metrics` answered anyone on the API port.
#[tokio::test]
async fn metrics_are_served_on_their_own_listener_only() {
    let app = TestApp::new().await;
    for token in [None, Some(app.token.as_str())] {
        let response = app.call(Method::GET, "/metrics", token, None).await;
        assert_eq!(
            response.status,
            StatusCode::NOT_FOUND,
            "{}",
            response.text()
        );
        assert_eq!(response.json::<Value>()["error"]["code"], "not_found");
    }
    let metrics = Served::serve(
        metrics_app(app.state.clone()),
        app.live.clone(),
        connections(),
    )
    .await;
    let (status, body) = http(metrics.addr, Method::GET, "/metrics", &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("etalase_checkouts_placed_total 0"));
    metrics.stop().await;

    // The binary: the API port never serves it; ETALASE_METRICS_ADDR does.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let metrics_addr = free.local_addr().unwrap();
    drop(free);
    let database = TestDb::new().await;
    let (mut server, addr) = start_binary_with(
        &database,
        &[("ETALASE_METRICS_ADDR", &metrics_addr.to_string())],
    )
    .await;
    let (status, _) = http(addr, Method::GET, "/metrics", &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = http(metrics_addr, Method::GET, "/metrics", &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("etalase_db_connections"));
    server.kill().await.unwrap();
}

// Medium: a connection that sent nothing was still open after a minute.
#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_read_timeout() {
    let app = TestApp::new().await;
    let served = Served::start_with(
        &app,
        Connections {
            header_read_timeout: Duration::from_secs(1),
            ..connections()
        },
    )
    .await;
    let started = Instant::now();
    let mut silent = TcpStream::connect(served.addr).await.unwrap();
    // Meanwhile others are served.
    let (status, _) = http(served.addr, Method::GET, "/healthz", &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read_until_closed(&mut silent).await, b"");
    let took = started.elapsed();
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(3)).contains(&took),
        "closed after {took:?}"
    );
    served.stop().await;
}

// Medium: one header line every 5 s kept a connection open indefinitely.
#[tokio::test]
async fn a_connection_that_trickles_its_headers_is_closed_after_the_header_read_timeout() {
    let app = TestApp::new().await;
    let served = Served::start_with(
        &app,
        Connections {
            header_read_timeout: Duration::from_secs(2),
            ..connections()
        },
    )
    .await;
    let stream = TcpStream::connect(served.addr).await.unwrap();
    let started = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let closed = tokio::spawn(async move {
        let mut buffer = [0u8; 1024];
        let read = reader.read(&mut buffer).await.unwrap_or(0);
        (read, started.elapsed())
    });
    writer
        .write_all(b"GET /healthz HTTP/1.1\r\n")
        .await
        .unwrap();
    // A line well within the timeout each time, never the blank line.
    let mut lines = 0;
    while !closed.is_finished() && started.elapsed() < DEADLINE {
        if writer
            .write_all(format!("x-trickle-{lines}: 1\r\n").as_bytes())
            .await
            .is_err()
        {
            break;
        }
        lines += 1;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    let (read, took) = timeout(DEADLINE, closed).await.unwrap().unwrap();
    assert_eq!(read, 0, "the server answered instead of closing");
    assert!(lines >= 4, "only {lines} lines sent before the close");
    assert!(
        (Duration::from_millis(1900)..Duration::from_secs(4)).contains(&took),
        "closed after {took:?}"
    );
    served.stop().await;
}

// Medium: no idle (keep-alive) timeout.
#[tokio::test]
async fn a_kept_alive_connection_is_closed_after_the_idle_timeout() {
    let app = TestApp::new().await;
    let served = Served::start_with(
        &app,
        Connections {
            header_read_timeout: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(3),
            ..connections()
        },
    )
    .await;
    let stream = TcpStream::connect(served.addr).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    let connection = tokio::spawn(connection);
    let get = || {
        axum::http::Request::get("/healthz")
            .header("host", "x")
            .body(http_body_util::Empty::<axum::body::Bytes>::new())
            .unwrap()
    };
    let first = sender.send_request(get()).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    first.into_body().collect().await.unwrap();
    // Waiting between requests is idling, not reading a head: longer than
    // the header-read timeout is fine.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let second = sender.send_request(get()).await.unwrap();
    assert_eq!(second.status(), StatusCode::OK);
    second.into_body().collect().await.unwrap();
    let idle = Instant::now();
    timeout(DEADLINE, connection)
        .await
        .expect("the server kept the idle connection")
        .unwrap()
        .unwrap();
    let took = idle.elapsed();
    assert!(
        (Duration::from_millis(2800)..Duration::from_secs(5)).contains(&took),
        "closed after {took:?} idle"
    );
    drop(sender);
    served.stop().await;
}

#[tokio::test]
async fn a_shutdown_closes_connections_with_no_request_in_flight_at_once() {
    let app = TestApp::new().await;
    let served = Served::start_with(&app, connections()).await;
    let silent = TcpStream::connect(served.addr).await.unwrap();
    let mut partial = TcpStream::connect(served.addr).await.unwrap();
    partial
        .write_all(b"GET /healthz HTTP/1.1\r\nx-half: ")
        .await
        .unwrap();
    let mut kept = TcpStream::connect(served.addr).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 12];
    kept.read_exact(&mut answer).await.unwrap();
    assert_eq!(&answer, b"HTTP/1.1 200");
    let started = Instant::now();
    served.stop().await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the shutdown waited {:?} for connections with nothing to finish",
        started.elapsed()
    );
    for mut stream in [silent, partial] {
        assert_eq!(read_until_closed(&mut stream).await, b"");
    }
    read_until_closed(&mut kept).await;
}

// Medium: 2,000 idle connections from one address were all held.
#[tokio::test]
async fn connections_past_the_cap_are_refused_and_the_others_still_served() {
    let app = TestApp::new().await;
    let served = Served::start_with(
        &app,
        Connections {
            max: 3,
            ..connections()
        },
    )
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(served.addr).await.unwrap());
    }
    for _ in 0..5 {
        let mut refused = TcpStream::connect(served.addr).await.unwrap();
        let answer = String::from_utf8(read_until_closed(&mut refused).await).unwrap();
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(answer.contains("retry-after: 1"), "{answer}");
        let body: Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
        assert_eq!(body["error"]["code"], "unavailable");
    }
    // The connections held are served, and one closed gives its place back.
    let answer = healthz_then_close(&mut held[0]).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    served_again(served.addr).await;
    drop(held);
    served.stop().await;
}

#[tokio::test]
async fn connections_past_the_per_address_cap_are_refused_and_other_addresses_served() {
    let app = TestApp::new().await;
    let served = Served::start_with(
        &app,
        Connections {
            max_per_ip: 2,
            max: 100,
            ..connections()
        },
    )
    .await;
    let mut held = vec![
        connect_from("127.0.0.1", served.addr).await,
        connect_from("127.0.0.1", served.addr).await,
    ];
    let mut refused = connect_from("127.0.0.1", served.addr).await;
    let answer = String::from_utf8(read_until_closed(&mut refused).await).unwrap();
    assert!(answer.starts_with("HTTP/1.1 429"), "{answer}");
    assert!(answer.contains("\"code\":\"rate_limited\""), "{answer}");
    let mut other = connect_from("127.0.0.2", served.addr).await;
    let answer = healthz_then_close(&mut other).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let answer = healthz_then_close(&mut held[1]).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    served_again(served.addr).await;
    drop(held);
    served.stop().await;
}

/// Opens a feed of [`STREAM`] with `token`, which must be refused 429
/// `rate_limited` with `Retry-After`, naming `which` cap.
async fn refused_feed(addr: SocketAddr, token: &str, which: &str) {
    // Without `Accept-Encoding`, so the error body comes plain.
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let request = axum::http::Request::get(format!("/v1/streams/{STREAM}/events"))
        .header("host", addr.to_string())
        .header("authorization", format!("Bearer {token}"))
        .body(http_body_util::Empty::<axum::body::Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after = response.headers()["retry-after"].to_str().unwrap();
    assert!(retry_after.parse::<u32>().unwrap() >= 1, "{retry_after}");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains(which), "{message}");
}

// Medium: 500 concurrent feeds on one token, each open until it expired.
#[tokio::test]
async fn live_feeds_are_capped_per_token_and_per_address_and_freed_on_close() {
    let app = TestApp::with_feed_caps(
        settings(),
        FeedCaps {
            per_token: 2,
            per_ip: 3,
        },
    )
    .await;
    let served = Served::start(&app).await;
    let first = Viewer::connect(served.addr, STREAM, &app.token).await;
    let _second = Viewer::connect(served.addr, STREAM, &app.token).await;
    refused_feed(served.addr, &app.token, "this token").await;
    let other = app.mint("shopper-b", "shopper").await;
    let _third = Viewer::connect(served.addr, STREAM, &other).await;
    let another = app.mint("shopper-c", "shopper").await;
    refused_feed(served.addr, &another, "this client address").await;
    let text = metrics(&app).await;
    assert!(text
        .text()
        .lines()
        .any(|l| l == "etalase_live_feeds_open 3"));

    // A viewer that disconnects gives its place back.
    drop(first);
    timeout(DEADLINE, async {
        loop {
            let response = open_feed(served.addr, STREAM, &app.token).await;
            if response.status() == StatusCode::OK {
                return response;
            }
            assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the closed feed's place never came back");
    served.stop().await;
    assert_eq!(app.state.feeds.open_feeds(), 0, "every place given back");
}

// Low: authenticated answers, token minting included, could be cached.
#[tokio::test]
async fn every_answer_to_a_request_with_authorization_is_no_store() {
    let app = TestApp::new().await;
    let minted = app
        .call(
            Method::POST,
            "/v1/host/sessions",
            Some(HOST_KEY),
            Some(serde_json::json!({ "user_id": "u-1", "role": "shopper" })),
        )
        .await;
    assert_eq!(minted.status, StatusCode::CREATED);
    assert_eq!(minted.header("cache-control"), Some("no-store"));
    for (method, path, bearer, status) in [
        (
            Method::GET,
            "/v1/cart",
            Some(app.token.as_str()),
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/v1/streams",
            Some("etl_unknown"),
            StatusCode::UNAUTHORIZED,
        ),
        (
            Method::GET,
            "/v1/nowhere",
            Some(app.token.as_str()),
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/v1/host/sessions",
            Some("wrong-key"),
            StatusCode::UNAUTHORIZED,
        ),
        (
            Method::GET,
            "/media/products/nothing/1.svg",
            Some(app.token.as_str()),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let response = app.call(method.clone(), path, bearer, None).await;
        assert_eq!(
            response.status,
            status,
            "{method} {path}: {}",
            response.text()
        );
        assert_eq!(
            response.header("cache-control"),
            Some("no-store"),
            "{method} {path}"
        );
    }
    let anonymous = app.call(Method::GET, "/healthz", None, None).await;
    assert_ne!(anonymous.header("cache-control"), Some("no-store"));
    // A product image is the same for everyone, and says so.
    let image = app
        .get("/media/products/prd-kemeja-batik-parang/1.svg")
        .await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.header("cache-control"), Some("public, max-age=86400"));
    // So are the public reads, kept only to be revalidated (`ETag`).
    let streams = app.get("/v1/streams").await;
    assert_eq!(streams.header("cache-control"), Some("public, no-cache"));

    // The live feed too, over TCP.
    let served = Served::start(&app).await;
    let feed = open_feed(served.addr, STREAM, &app.token).await;
    assert_eq!(feed.status(), StatusCode::OK);
    assert_eq!(feed.headers()["cache-control"], "no-store");
    drop(feed);
    served.stop().await;
}

// Low: request ids were a visible counter.
#[tokio::test]
async fn request_ids_are_random_not_a_counter() {
    let app = TestApp::new().await;
    let mut ids = Vec::new();
    for _ in 0..20 {
        let response = app.call(Method::GET, "/healthz", None, None).await;
        let id = response.header("x-request-id").unwrap().to_owned();
        assert_eq!(id.len(), 32, "{id}");
        assert!(
            id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
            "{id}"
        );
        ids.push(u128::from_str_radix(&id, 16).unwrap());
    }
    for pair in ids.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(a.abs_diff(b) > 1 << 64, "{a:032x} then {b:032x}");
        assert_ne!(a >> 96, b >> 96, "a shared prefix: {a:032x}, {b:032x}");
    }
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}
