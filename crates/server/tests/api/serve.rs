//! The real server over TCP: `serve` in-process, and the binary the way
//! tools run it.

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, Request, StatusCode};
use etalase_contract::StreamList;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::Command;
use tokio::sync::oneshot;
use tokio::time::timeout;

use crate::helpers::{database_url, TestApp};

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
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
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
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "still listening after shutdown"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_announces_its_address_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", database_url(&dir))
        .env("ETALASE_WWW_DIR", dir.path())
        .env("ETALASE_PKG_DIR", dir.path())
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
