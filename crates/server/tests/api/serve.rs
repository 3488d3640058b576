//! The real server over TCP: `serve` in-process, and the binary the way
//! tools run it.

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use etalase_contract::StreamList;
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::Command;
use tokio::sync::oneshot;
use tokio::time::timeout;

use crate::addresses::bandung;
use crate::helpers::{on_postgres, TestApp, TestDb, HOST_KEY};

/// How long a test waits for the server before it fails.
const DEADLINE: Duration = Duration::from_secs(20);

/// `GET path` on a new HTTP/1.1 connection, closed before returning, with
/// `Authorization: Bearer {token}` when given.
async fn http_get(addr: SocketAddr, path: &str, token: Option<&str>) -> (StatusCode, Bytes) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    let connection = tokio::spawn(connection);
    let mut request = Request::get(path).header(header::HOST, addr.to_string());
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = request.body(Empty::<Bytes>::new()).unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    drop(sender);
    connection.await.unwrap().unwrap();
    (status, body)
}

#[tokio::test]
async fn serve_answers_over_tcp_and_stops_on_shutdown() {
    let app = TestApp::new().await;
    // An address of its own, so no other test's listener can take the port
    // once this one closes and make it look still open.
    let listener = TcpListener::bind("127.0.0.3:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(etalase_server::serve(listener, app.router(), async {
        stopped.await.ok();
    }));

    let (status, body) = http_get(addr, "/v1/streams", Some(&app.token)).await;
    assert_eq!(status, StatusCode::OK);
    let list: StreamList = serde_json::from_slice(&body).unwrap();
    assert_eq!(list.streams.len(), 3);

    stop.send(()).unwrap();
    timeout(DEADLINE, server)
        .await
        .expect("the server did not stop")
        .unwrap()
        .unwrap();
    // A process another test spawns holds a copy of every open socket
    // between its fork and its exec, so the port may answer for that
    // instant after the server closed it; it must not for long.
    let closed = timeout(DEADLINE, async {
        while TcpStream::connect(addr).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
    assert!(closed.await.is_ok(), "still listening after shutdown");
}

/// `method path` with `headers` and a JSON `body` on a new connection.
pub async fn http(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (StatusCode, Bytes) {
    try_http(addr, method, path, headers, body).await.unwrap()
}

/// The same, with the connection's failure (a server that died) as `Err`.
pub async fn try_http(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Result<(StatusCode, Bytes), Box<dyn std::error::Error + Send + Sync>> {
    let stream = TcpStream::connect(addr).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    let connection = tokio::spawn(connection);
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, addr.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(body) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Full::new(Bytes::from(serde_json::to_vec(&body).unwrap()))
        }
        None => Full::new(Bytes::new()),
    };
    let response = sender.send_request(request.body(body)?).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    drop(sender);
    connection.await??;
    Ok((status, body))
}

/// Starts the binary on `database` in demo mode with host key `HOST_KEY`;
/// answers the process and its address.
pub async fn start_binary(database: &TestDb) -> (tokio::process::Child, SocketAddr) {
    start_binary_with(database, &[]).await
}

/// The same, with the variables `env` added.
pub async fn start_binary_with(
    database: &TestDb,
    env: &[(&str, &str)],
) -> (tokio::process::Child, SocketAddr) {
    let dir = &database.dir;
    let mut server = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", &database.url)
        .env("ETALASE_WWW_DIR", dir.path())
        .env("ETALASE_PKG_DIR", dir.path())
        .env("ETALASE_DEMO", "1")
        .env("ETALASE_DEMO_HOST_KEY", HOST_KEY)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap()).lines();
    let line = timeout(DEADLINE, stdout.next_line())
        .await
        .expect("no line on stdout")
        .unwrap()
        .expect("stdout closed before the announcement");
    let addr = line
        .strip_prefix("etalase-server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .unwrap();
    (server, addr)
}

/// `POST /v1/orders` for `quote_id` under the key `restart-key`.
async fn place_order(addr: SocketAddr, bearer: &str, quote_id: &str) -> (StatusCode, Bytes) {
    http(
        addr,
        Method::POST,
        "/v1/orders",
        &[
            ("authorization", bearer),
            ("idempotency-key", "restart-key"),
        ],
        Some(json!({ "quote_id": quote_id })),
    )
    .await
}

#[cfg(unix)]
#[tokio::test]
async fn a_checkout_replays_identically_after_the_server_is_killed_and_restarted() {
    let database = TestDb::new().await;
    let (mut server, addr) = start_binary(&database).await;
    let (status, body) = http(
        addr,
        Method::POST,
        "/v1/host/sessions",
        &[("authorization", &format!("Bearer {HOST_KEY}"))],
        Some(json!({ "user_id": "restart-shopper", "role": "shopper" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let token = serde_json::from_slice::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {token}");
    let auth = [("authorization", bearer.as_str())];
    let (status, _) = http(
        addr,
        Method::PUT,
        "/v1/cart/items/var-kemeja-batik-parang-m",
        &auth,
        Some(json!({ "quantity": 1 })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, address) = http(addr, Method::POST, "/v1/addresses", &auth, Some(bandung())).await;
    let address: Value = serde_json::from_slice(&address).unwrap();
    let (status, quote) = http(
        addr,
        Method::POST,
        "/v1/checkout/quote",
        &auth,
        Some(json!({ "address_id": address["id"], "payment": { "method": "qris" } })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let quote: Value = serde_json::from_slice(&quote).unwrap();
    let quote_id = quote["id"].as_str().unwrap();
    let (first_status, first_body) = place_order(addr, &bearer, quote_id).await;
    assert_eq!(first_status, StatusCode::CREATED);

    server.kill().await.unwrap();
    let (mut server, addr) = start_binary(&database).await;
    for _ in 0..3 {
        let (status, body) = place_order(addr, &bearer, quote_id).await;
        assert_eq!(status, first_status);
        assert_eq!(body, first_body, "a different answer after the restart");
    }
    server.kill().await.unwrap();
    let db = sqlx::AnyPool::connect(&database.url).await.unwrap();
    let checkouts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkouts")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(checkouts, 1);
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_announces_its_address_and_stops_on_sigterm() {
    let database = TestDb::new().await;
    let dir = &database.dir;
    let mut server = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", &database.url)
        .env("ETALASE_WWW_DIR", dir.path())
        .env("ETALASE_PKG_DIR", dir.path())
        .env("ETALASE_DEMO", "1")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap()).lines();
    let line = timeout(DEADLINE, stdout.next_line())
        .await
        .expect("no line on stdout")
        .unwrap()
        .expect("stdout closed before the announcement");
    let addr: SocketAddr = line
        .strip_prefix("etalase-server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .unwrap();
    assert!(addr.ip().is_loopback() && addr.port() != 0, "{addr}");

    let (status, body) = http_get(addr, "/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!({ "status": "ok" })
    );

    let pid = server.id().unwrap().to_string();
    let signalled = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(signalled.success());
    let exit = timeout(DEADLINE, server.wait())
        .await
        .expect("no exit after SIGTERM")
        .unwrap();
    assert!(exit.success(), "{exit}");
    assert_eq!(
        stdout.next_line().await.unwrap(),
        None,
        "logs went to stdout"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn a_host_added_from_the_command_line_mints_tokens_outside_demo_mode() {
    let database = TestDb::new().await;
    let dir = &database.dir;
    let added = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(["add-host", "acme", "https://shop.acme.example"])
        .env("DATABASE_URL", &database.url)
        .env("ETALASE_DEMO", "0")
        .env("ETALASE_WEBHOOK_SECRET", "whsec")
        .output()
        .await
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let key = String::from_utf8(added.stdout).unwrap().trim().to_owned();
    assert!(key.starts_with("etk_") && key.len() == 68, "{key}");
    let refused = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(["add-host", "Bad Id", "https://x.example"])
        .env("DATABASE_URL", &database.url)
        .env("ETALASE_DEMO", "1")
        .output()
        .await
        .unwrap();
    assert!(!refused.status.success());

    let mut server = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", &database.url)
        .env("ETALASE_WWW_DIR", dir.path())
        .env("ETALASE_PKG_DIR", dir.path())
        .env("ETALASE_DEMO", "0")
        .env("ETALASE_WEBHOOK_SECRET", "whsec")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap()).lines();
    let line = timeout(DEADLINE, stdout.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let addr: SocketAddr = line
        .strip_prefix("etalase-server listening on http://")
        .unwrap()
        .parse()
        .unwrap();
    let body = json!({ "user_id": "u-1", "role": "shopper" });
    let (status, _) = http(
        addr,
        Method::POST,
        "/v1/host/sessions",
        &[
            ("authorization", &format!("Bearer {key}")),
            ("origin", "https://shop.acme.example"),
        ],
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // No demo host, no demo endpoints.
    let (status, _) = http(
        addr,
        Method::POST,
        "/v1/host/sessions",
        &[("authorization", "Bearer demo-host-key")],
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = http(addr, Method::POST, "/demo/session", &[], Some(body)).await;
    assert_ne!(status, StatusCode::CREATED);
    server.kill().await.unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish() {
    let database = TestDb::new().await;
    let dir = &database.dir;
    let mut server = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", &database.url)
        .env("ETALASE_WWW_DIR", dir.path())
        .env("ETALASE_PKG_DIR", dir.path())
        .env("ETALASE_DEMO", "1")
        .env("ETALASE_DEMO_HOST_KEY", HOST_KEY)
        .env("RUST_LOG", "tower_http=debug,etalase_server=warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap()).lines();
    let mut stderr = BufReader::new(server.stderr.take().unwrap()).lines();
    let line = timeout(DEADLINE, stdout.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let addr: SocketAddr = line
        .strip_prefix("etalase-server listening on http://")
        .unwrap()
        .parse()
        .unwrap();

    // Hold SQLite's write lock, or PostgreSQL's lock on the sessions
    // table, so minting a token waits inside the server.
    let db = sqlx::AnyPool::connect(&database.url).await.unwrap();
    let mut lock = db.acquire().await.unwrap();
    let holds = if on_postgres() {
        ["BEGIN", "LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE"].as_slice()
    } else {
        ["BEGIN IMMEDIATE"].as_slice()
    };
    for statement in holds {
        sqlx::query(statement).execute(&mut *lock).await.unwrap();
    }
    let in_flight = tokio::spawn(async move {
        http(
            addr,
            Method::POST,
            "/v1/host/sessions",
            &[("authorization", &format!("Bearer {HOST_KEY}"))],
            Some(json!({ "user_id": "late", "role": "shopper" })),
        )
        .await
    });
    // The server logs when the request enters its stack.
    timeout(DEADLINE, async {
        while let Some(line) = stderr.next_line().await.unwrap() {
            if line.contains("started processing request") {
                return;
            }
        }
        panic!("stderr closed");
    })
    .await
    .expect("the request never reached the server");

    let pid = server.id().unwrap().to_string();
    let signalled = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(signalled.success());
    sqlx::query("ROLLBACK").execute(&mut *lock).await.unwrap();
    let (status, body) = timeout(DEADLINE, in_flight).await.unwrap().unwrap();
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let drain = tokio::spawn(async move { while let Ok(Some(_)) = stderr.next_line().await {} });
    let exit = timeout(DEADLINE, server.wait()).await.unwrap().unwrap();
    assert!(exit.success(), "{exit}");
    drain.await.unwrap();
}
