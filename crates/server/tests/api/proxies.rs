//! Behind a load balancer (`ETALASE_TRUSTED_PROXIES`): a request from a
//! trusted proxy is counted against the client its `X-Forwarded-For`
//! names, the right-most hop not in a trusted network; from anyone else the
//! header is ignored and the TCP peer is the client.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use etalase_server::config::Settings;
use etalase_server::proxies::TrustedProxies;
use tower::ServiceExt;

use crate::helpers::{settings, TestApp};

/// Requests one client address may make a minute in these tests.
const PER_CLIENT: u32 = 3;

/// The app, its per-address limit [`PER_CLIENT`], believing `proxies`.
async fn behind(proxies: &str) -> (TestApp, Router) {
    let app = TestApp::with_settings(Settings {
        rate_limit_per_ip_per_minute: PER_CLIENT,
        ..settings()
    })
    .await;
    let state = app
        .state
        .clone()
        .with_trusted_proxies(TrustedProxies::parse(proxies).unwrap());
    let router = etalase_server::app(state);
    (app, router)
}

/// `GET /healthz` from TCP peer `peer` carrying `X-Forwarded-For: forwarded`.
async fn from(router: &Router, peer: &str, forwarded: Option<&str>) -> StatusCode {
    let mut request = Request::get("/healthz");
    if let Some(forwarded) = forwarded {
        request = request.header("x-forwarded-for", forwarded);
    }
    let mut request = request.body(Body::empty()).unwrap();
    let peer = SocketAddr::new(peer.parse::<IpAddr>().unwrap(), 40000);
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = router.clone().oneshot(request).await.unwrap();
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        assert!(response.headers().contains_key(header::RETRY_AFTER));
    }
    response.status()
}

#[tokio::test]
async fn behind_a_trusted_balancer_each_shopper_has_their_own_allowance() {
    let (_app, router) = behind("10.0.0.0/8").await;
    // Many shoppers through one balancer address: each its own limit.
    for shopper in 1..=10 {
        let client = format!("203.0.113.{shopper}");
        for _ in 0..PER_CLIENT {
            assert_eq!(
                from(&router, "10.0.0.2", Some(&client)).await,
                StatusCode::OK
            );
        }
    }
    // One shopper over their limit is refused, wherever they come through.
    assert_eq!(
        from(&router, "10.9.9.9", Some("203.0.113.1")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // A forged hop to the left of the balancer's is not believed: still
    // shopper 1.
    assert_eq!(
        from(&router, "10.0.0.2", Some("198.51.100.77, 203.0.113.1")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Through two trusted hops, the client is the first untrusted one.
    assert_eq!(
        from(&router, "10.0.0.2", Some("198.51.100.8, 10.0.0.3")).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn from_an_untrusted_peer_the_header_is_ignored() {
    for proxies in ["", "10.0.0.0/8"] {
        let (_app, router) = behind(proxies).await;
        // Every request names another client; all share the peer's limit.
        for n in 0..PER_CLIENT {
            let forged = format!("198.51.100.{n}");
            assert_eq!(
                from(&router, "192.0.2.50", Some(&forged)).await,
                StatusCode::OK,
                "{proxies:?}"
            );
        }
        assert_eq!(
            from(&router, "192.0.2.50", Some("198.51.100.200")).await,
            StatusCode::TOO_MANY_REQUESTS,
            "{proxies:?}"
        );
    }
}
