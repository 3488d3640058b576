//! Which origins a started binary lets call the API from a browser: the
//! demo host's extra origins (`ETALASE_DEMO_ORIGINS`), a malformed one
//! refused at start-up, and a host added with `etalase-server add-host`
//! on nothing but `DATABASE_URL`.

use std::net::SocketAddr;
use std::process::{Output, Stdio};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::process::Command;
use tokio::time::{sleep, timeout, Instant};

use crate::helpers::{TestDb, HOST_KEY};
use crate::serve::{http, start_binary_with};

/// How long a test waits for the binary before it fails.
const DEADLINE: Duration = Duration::from_secs(20);

/// A CORS preflight for `GET /v1/streams` with `Authorization`, from
/// `origin`: the status and the answer's headers.
async fn preflight(addr: SocketAddr, origin: &str) -> (StatusCode, HeaderMap) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    let connection = tokio::spawn(connection);
    let request = Request::builder()
        .method(Method::OPTIONS)
        .uri("/v1/streams")
        .header(header::HOST, addr.to_string())
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    response.into_body().collect().await.unwrap();
    drop(sender);
    connection.await.unwrap().unwrap();
    (status, headers)
}

/// The origin a preflight from `origin` is allowed for, if any.
async fn allowed_origin(addr: SocketAddr, origin: &str) -> Option<String> {
    let (_, headers) = preflight(addr, origin).await;
    headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .map(|value| value.to_str().unwrap().to_owned())
}

/// Runs `etalase-server` with `args` and only the variables `env` (plus
/// `PATH`), as a person would on a fresh shell.
async fn run_alone(args: &[&str], env: &[(&str, &str)]) -> Output {
    let run = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    timeout(DEADLINE, run)
        .await
        .expect("etalase-server did not finish")
        .unwrap()
}

#[tokio::test]
async fn demo_origins_get_cors_and_other_origins_do_not() {
    let database = TestDb::new().await;
    let (mut server, addr) = start_binary_with(
        &database,
        &[(
            "ETALASE_DEMO_ORIGINS",
            "http://localhost:3000, https://shop.example",
        )],
    )
    .await;
    for origin in ["http://localhost:3000", "https://shop.example"] {
        assert_eq!(
            allowed_origin(addr, origin).await.as_deref(),
            Some(origin),
            "{origin} is one of ETALASE_DEMO_ORIGINS"
        );
    }
    let own = format!("http://127.0.0.1:{}", addr.port());
    assert_eq!(
        allowed_origin(addr, &own).await.as_deref(),
        Some(own.as_str()),
        "the server's own address stays allowed"
    );
    for stranger in [
        "http://localhost:3001",
        "https://shop.example.evil",
        "http://shop.example",
    ] {
        let (_, headers) = preflight(addr, stranger).await;
        let cors: Vec<_> = headers
            .keys()
            .filter(|name| name.as_str().starts_with("access-control-"))
            .collect();
        assert!(cors.is_empty(), "{stranger} got {cors:?}");
    }

    // The demo host's token works from the extra origin, with CORS on the answer.
    let (status, body) = http(
        addr,
        Method::POST,
        "/v1/host/sessions",
        &[("authorization", &format!("Bearer {HOST_KEY}"))],
        Some(json!({ "user_id": "viewer-1", "role": "shopper" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let token = serde_json::from_slice::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = http(
        addr,
        Method::GET,
        "/v1/streams",
        &[
            ("authorization", &format!("Bearer {token}")),
            ("origin", "http://localhost:3000"),
        ],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    server.kill().await.unwrap();
}

#[tokio::test]
async fn a_malformed_demo_origin_stops_the_start_and_is_named() {
    let database = TestDb::new().await;
    let started = run_alone(
        &[],
        &[
            ("ETALASE_ADDR", "127.0.0.1:0"),
            ("DATABASE_URL", &database.url),
            ("ETALASE_DEMO", "1"),
            (
                "ETALASE_DEMO_ORIGINS",
                "http://localhost:3000, http://localhost:5173/",
            ),
        ],
    )
    .await;
    assert!(!started.status.success(), "the server started");
    assert!(started.stdout.is_empty(), "it announced an address");
    let stderr = String::from_utf8_lossy(&started.stderr);
    for named in [
        "ETALASE_DEMO_ORIGINS",
        "http://localhost:5173/",
        "is not an origin",
    ] {
        assert!(stderr.contains(named), "the error names {named}: {stderr}");
    }
    assert!(stderr.contains("trailing /"), "{stderr}");
}

#[cfg(unix)]
#[tokio::test]
async fn add_host_needs_only_the_database_and_prints_the_next_step() {
    let database = TestDb::new().await;
    let added = run_alone(
        &["add-host", "acme", "http://localhost:3000"],
        &[("DATABASE_URL", &database.url)],
    )
    .await;
    let stderr = String::from_utf8_lossy(&added.stderr);
    assert!(added.status.success(), "{stderr}");
    let key = String::from_utf8(added.stdout).unwrap().trim().to_owned();
    assert!(key.starts_with("etk_") && key.len() == 68, "stdout: {key}");
    assert!(!stderr.contains(&key), "the key is printed once, on stdout");
    for step in ["/v1/host/sessions", "Authorization: Bearer", "shopper"] {
        assert!(
            stderr.contains(step),
            "the next step names {step}: {stderr}"
        );
    }

    let refused = run_alone(
        &["add-host", "acme", "http://localhost:3000/"],
        &[("DATABASE_URL", &database.url)],
    )
    .await;
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("trailing /"), "{stderr}");

    // The host's key mints a token on the server, and its origin gets CORS.
    let (mut server, addr) = start_binary_with(&database, &[]).await;
    let (status, body) = http(
        addr,
        Method::POST,
        "/v1/host/sessions",
        &[("authorization", &format!("Bearer {key}"))],
        Some(json!({ "user_id": "viewer-1", "role": "shopper" })),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let deadline = Instant::now() + DEADLINE;
    while allowed_origin(addr, "http://localhost:3000")
        .await
        .is_none()
    {
        assert!(Instant::now() < deadline, "the host's origin got no CORS");
        sleep(Duration::from_millis(50)).await;
    }
    server.kill().await.unwrap();
}

#[tokio::test]
async fn any_page_may_ask_whether_its_origin_is_registered() {
    use axum::body::Body;
    use etalase_contract::OriginCheck;

    use crate::helpers::{TestApp, HOST_ORIGIN};

    let app = TestApp::new().await;
    for (origin, allowed) in [
        (Some(HOST_ORIGIN), true),
        (Some("https://stranger.example"), false),
        (None, false),
    ] {
        let mut request = Request::get("/v1/origin");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        let response = app.send(request.body(Body::empty()).unwrap()).await;
        assert_eq!(response.status, StatusCode::OK, "{origin:?}");
        assert_eq!(
            response.json::<OriginCheck>(),
            OriginCheck {
                origin: origin.map(Into::into),
                allowed
            }
        );
        // Readable by the page that asked, registered or not, and never kept.
        let readable = response.header("access-control-allow-origin");
        assert!(
            readable == Some("*") || (allowed && readable == origin),
            "{origin:?} got {readable:?}"
        );
        assert_eq!(response.header("cache-control"), Some("no-store"));
    }
}
