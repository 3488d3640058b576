//! `GET /v1/streams/{id}/events` over a real listener: the snapshot first,
//! then pins, showcases and stock as they change; reconnection, shutdown,
//! token expiry, and a viewer that falls behind.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, Response, StatusCode};
use axum::Router;
use etalase_contract::{Checkout, FeedEvent, Showcase, StreamEvent};
use etalase_server::config::Connections;
use etalase_server::live;
use etalase_server::orders::lifecycle;
use etalase_server::server::serve_with;
use etalase_server::time::Timestamp;
use futures_util::StreamExt;
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio::time::timeout;

use crate::cart::SHIRT_M;
use crate::helpers::{settings, TestApp, TestResponse};
use crate::orders::{place, quoted};
use crate::quote::two_shop_cart;

/// The seeded live stream the tests watch, and its creator.
pub const STREAM: &str = "live-gaya-raka";
pub const CREATOR: &str = "crt-raka-gaya";
/// How long a test waits for anything before it fails.
const DEADLINE: Duration = Duration::from_secs(10);

/// The app served on a free port of loopback, until `stop` is sent; the
/// shutdown closes the live feeds, as `etalase_server::run` does.
pub struct Served {
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<()>>,
}

impl Served {
    pub async fn start(app: &TestApp) -> Served {
        Self::start_with(app, Connections::uncapped()).await
    }

    /// The same, with the timeouts and caps of `limits`.
    pub async fn start_with(app: &TestApp, limits: Connections) -> Served {
        Self::serve(app.router(), app.live.clone(), limits).await
    }

    /// `router` served with `limits`; the shutdown closes `live`.
    pub async fn serve(router: Router, live: live::Live, limits: Connections) -> Served {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve_with(listener, router, limits, async move {
            stopped.await.ok();
            live.close();
        }));
        Served { addr, stop, server }
    }

    /// Shuts the server down and waits until it has stopped.
    pub async fn stop(self) {
        self.stop.send(()).unwrap();
        timeout(DEADLINE, self.server)
            .await
            .expect("the server did not stop")
            .unwrap()
            .unwrap();
    }
}

/// A viewer reading a stream's events over HTTP/1.1.
pub struct Viewer {
    body: Incoming,
    buffer: String,
}

impl Viewer {
    /// Opens `GET /v1/streams/{stream}/events` with `token`, which must
    /// answer 200 with `text/event-stream`.
    pub async fn connect(addr: SocketAddr, stream: &str, token: &str) -> Viewer {
        let (status, content_type, body) = open(addr, stream, token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type.as_deref(), Some("text/event-stream"));
        Viewer {
            body,
            buffer: String::new(),
        }
    }

    /// The next event as (name, data), skipping comments and the social
    /// proof (`viewers`, `purchase`); `None` when the server ended the
    /// stream. Fails after [`DEADLINE`].
    pub async fn next(&mut self) -> Option<(String, Value)> {
        loop {
            let event = self.next_with_social().await;
            match &event {
                Some((name, _)) if name == "viewers" || name == "purchase" => {}
                _ => return event,
            }
        }
    }

    /// The next event, the social proof's included.
    pub async fn next_with_social(&mut self) -> Option<(String, Value)> {
        timeout(DEADLINE, self.read())
            .await
            .expect("no event in time")
    }

    /// The next event, which must be `name`, decoded as the contract's type.
    pub async fn expect(&mut self, name: &str) -> StreamEvent {
        let (got, data) = self.next().await.expect("the stream ended");
        assert_eq!(got, name, "{data}");
        assert_eq!(data["type"], name, "the data repeats the name");
        serde_json::from_value(data).unwrap()
    }

    /// The next event, whatever its name, decoded as the contract's type.
    pub async fn expect_any(&mut self) -> FeedEvent {
        let (_, data) = self.next().await.expect("the stream ended");
        serde_json::from_value(data).unwrap()
    }

    async fn read(&mut self) -> Option<(String, Value)> {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = None;
                let mut data = None;
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event: ") {
                        name = Some(value.to_owned());
                    } else if let Some(value) = line.strip_prefix("data: ") {
                        data = Some(serde_json::from_str(value).unwrap());
                    } else {
                        assert!(
                            line.is_empty() || line.starts_with(':'),
                            "unexpected line {line:?}"
                        );
                    }
                }
                if let (Some(name), Some(data)) = (name, data) {
                    return Some((name, data));
                }
            }
            let frame = self.body.frame().await?.unwrap();
            if let Ok(bytes) = frame.into_data() {
                self.buffer.push_str(std::str::from_utf8(&bytes).unwrap());
            }
        }
    }
}

/// `GET /v1/streams/{stream}/events` on a new connection: the status, the
/// content type and the body, unread.
async fn open(
    addr: SocketAddr,
    stream: &str,
    token: &str,
) -> (StatusCode, Option<String>, Incoming) {
    let response = open_feed(addr, stream, token).await;
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    (response.status(), content_type, response.into_body())
}

/// `GET /v1/streams/{stream}/events` on a new connection: the answer, its
/// body unread; the connection closes when the body is dropped.
pub async fn open_feed(addr: SocketAddr, stream: &str, token: &str) -> Response<Incoming> {
    let tcp = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = Request::get(format!("/v1/streams/{stream}/events"))
        .header(header::HOST, addr.to_string())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    if response.status() == StatusCode::OK {
        assert_eq!(
            response.headers().get(header::CONTENT_ENCODING),
            None,
            "events are never compressed"
        );
    }
    response
}

/// `PUT /v1/creator/streams/{stream}/{what}` with `body` as `token`.
pub async fn creator_put(
    app: &TestApp,
    token: &str,
    stream: &str,
    what: &str,
    body: Value,
) -> TestResponse {
    app.call(
        Method::PUT,
        &format!("/v1/creator/streams/{stream}/{what}"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn viewers_get_the_snapshot_first_then_each_change_within_a_second() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let showcase: Showcase = app
        .get_json(&format!("/v1/streams/{STREAM}/products"))
        .await;
    let ids: Vec<String> = showcase.products.iter().map(|p| p.id.clone()).collect();

    // More viewers than the pool has connections: a feed holds none.
    let mut viewers = Vec::new();
    for _ in 0..17 {
        viewers.push(Viewer::connect(served.addr, STREAM, &app.token).await);
    }
    for viewer in &mut viewers {
        let StreamEvent::Snapshot {
            pinned_product_id,
            product_ids,
            stock,
            vouchers,
        } = viewer.expect("snapshot").await
        else {
            unreachable!()
        };
        assert_eq!(
            pinned_product_id.as_deref(),
            Some("prd-kemeja-batik-parang")
        );
        assert_eq!(product_ids, ids);
        let stocks: Vec<(String, u32)> =
            stock.into_iter().map(|s| (s.product_id, s.stock)).collect();
        let cards: Vec<(String, u32)> = showcase
            .products
            .iter()
            .map(|p| (p.id.clone(), p.stock))
            .collect();
        assert_eq!(stocks, cards);
        assert!(vouchers.is_empty());
    }

    let creator = app.mint(CREATOR, "creator").await;
    let started = Instant::now();
    let response = creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": "prd-hoodie-fleece-oversize" }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    for viewer in &mut viewers {
        assert_eq!(
            viewer.expect("pinned").await,
            StreamEvent::Pinned {
                product_id: "prd-hoodie-fleece-oversize".into()
            }
        );
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(1),
        "the last viewer waited {elapsed:?}"
    );

    // A viewer connecting now is current at once.
    let mut late = Viewer::connect(served.addr, STREAM, &app.token).await;
    let StreamEvent::Snapshot {
        pinned_product_id, ..
    } = late.expect("snapshot").await
    else {
        unreachable!()
    };
    assert_eq!(
        pinned_product_id.as_deref(),
        Some("prd-hoodie-fleece-oversize")
    );

    // A new showcase without the pinned product unpins it first.
    let reordered: Vec<String> = ids
        .iter()
        .rev()
        .filter(|id| *id != "prd-hoodie-fleece-oversize")
        .cloned()
        .collect();
    let response = creator_put(
        &app,
        &creator,
        STREAM,
        "products",
        json!({ "product_ids": reordered }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    for viewer in [&mut viewers[0], &mut late] {
        assert_eq!(viewer.expect("unpinned").await, StreamEvent::Unpinned);
        assert_eq!(
            viewer.expect("showcase").await,
            StreamEvent::Showcase {
                product_ids: reordered.clone()
            }
        );
    }
    served.stop().await;
}

#[tokio::test]
async fn orders_cancellations_and_expiry_send_the_new_stock() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    let stock = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let (variant, product) = sqlx::query_as::<_, (i64, i64)>(
                "SELECT v.stock,
                        (SELECT CAST(SUM(stock) AS BIGINT) FROM variants w
                          WHERE w.product_id = v.product_id)
                   FROM variants v WHERE v.id = $1",
            )
            .bind(SHIRT_M)
            .fetch_one(&db)
            .await
            .unwrap();
            (
                u32::try_from(variant).unwrap(),
                u32::try_from(product).unwrap(),
            )
        }
    };
    let expected = |(variant_stock, product_stock)| StreamEvent::Stock {
        product_id: "prd-kemeja-batik-parang".into(),
        variant_id: SHIRT_M.into(),
        variant_stock,
        product_stock,
    };
    let before = stock(&app).await;

    // The cart holds the shirt (shown on this stream) and a sambal (not).
    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let response = place(&app, &app.token, &quote.id, "k-1").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();
    let taken = stock(&app).await;
    assert_eq!(taken, (before.0 - 1, before.1 - 1));
    assert_eq!(viewer.expect("stock").await, expected(taken));

    let response = app
        .call(
            Method::POST,
            &format!("/v1/orders/{}/cancel", checkout.orders[0].id),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(viewer.expect("stock").await, expected(before));

    let address = two_shop_cart(&app, &app.token).await;
    let quote = quoted(&app, &app.token, &address).await;
    let checkout: Checkout = place(&app, &app.token, &quote.id, "k-2").await.json();
    assert_eq!(viewer.expect("stock").await, expected(taken));
    let due = Timestamp::parse(&checkout.payment.expires_at).unwrap();
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap(),
        1
    );
    assert_eq!(viewer.expect("stock").await, expected(before));
    served.stop().await;
}

#[tokio::test]
async fn a_shutdown_ends_open_feeds_and_refuses_new_ones() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    served.stop().await;
    assert_eq!(viewer.next().await, None, "the feed ended");

    let response = app.get(&format!("/v1/streams/{STREAM}/events")).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.json::<Value>()["error"]["code"], "unavailable");
}

#[tokio::test]
async fn a_feed_ends_when_its_token_expires() {
    let app = TestApp::with_settings(etalase_server::config::Settings {
        token_ttl: Duration::from_secs(2),
        ..settings()
    })
    .await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    assert_eq!(viewer.next().await, None, "the feed ended at expiry");
    served.stop().await;
}

#[tokio::test]
async fn unknown_streams_and_missing_tokens_are_refused() {
    let app = TestApp::new().await;
    let served = Served::start(&app).await;
    let (status, _, _) = open(served.addr, "live-nobody", &app.token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = open(served.addr, STREAM, "etl_nope").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    served.stop().await;
    assert_eq!(app.live.watched_streams(), 0, "no channel left behind");
}

#[tokio::test]
async fn a_viewer_that_falls_behind_gets_a_fresh_snapshot() {
    let app = TestApp::new().await;
    let subscription = app.live.subscribe(STREAM).unwrap();
    let snapshot = app.store.snapshot(STREAM).await.unwrap().unwrap();
    let lifetime = live::Lifetime {
        until: tokio::time::Instant::now() + DEADLINE,
        key_hash: None,
    };
    let slot = app.state.feeds.take("a-token", None).unwrap();
    let feed = live::feed(
        app.store.clone(),
        subscription,
        slot,
        STREAM.to_owned(),
        live::Opening {
            events: vec![snapshot.clone().into()],
            social: Vec::new(),
            purchases: true,
            sales: false,
        },
        lifetime,
    );
    let mut feed = Box::pin(feed);
    // Far more events than the backlog, while the viewer reads nothing.
    for _ in 0..1_000 {
        app.live.deliver(STREAM, &StreamEvent::Unpinned.into());
    }
    let mut names = Vec::new();
    for _ in 0..2 {
        let event = timeout(DEADLINE, feed.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        names.push(format!("{event:?}"));
    }
    assert!(names[0].contains("event: snapshot"), "{}", names[0]);
    assert!(
        names[1].contains("event: snapshot"),
        "after falling behind: {}",
        names[1]
    );
    // Then it reads on from where the backlog is.
    let next = timeout(DEADLINE, feed.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(format!("{next:?}").contains("event: unpinned"));
}
