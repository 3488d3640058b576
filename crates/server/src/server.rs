//! Start-up and serving: open the database, seed it, bind, announce the
//! address, serve until SIGINT or SIGTERM, then drain and close.
//!
//! # Connections
//! The server accepts connections itself ([`serve_with`]) and serves each
//! with hyper's HTTP/1.1 connection (as `axum::serve` did, with axum's
//! default features), so that it can:
//! - refuse a connection past [`Connections::max`] (503 `unavailable`) or
//!   past [`Connections::max_per_ip`] from one client address (429
//!   `rate_limited`): a short canned answer, then the connection is closed,
//!   and everyone else is still served;
//! - close a connection that has not sent a whole request head within
//!   [`Connections::header_read_timeout`] of opening, or of its first byte
//!   after an idle wait: one that sends nothing, or trickles its headers;
//! - close a connection on which no byte moved either way for
//!   [`Connections::idle_timeout`]: a kept-alive connection waiting for its
//!   next request, or one whose client stopped reading or writing.
//!
//! `GET /metrics` is served on a listener of its own ([`metrics_app`],
//! `ETALASE_METRICS_ADDR`), never on the API's.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use axum::Router;
use etalase_contract::{ErrorBody, ErrorCode};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use secrecy::ExposeSecret;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{mpsc, watch, Notify, Semaphore};
use tokio::time::{Duration, Instant};
use tower::Service;

use crate::config::{check_origin, Config, Connections};
use crate::identity::secret;
use crate::orders::lifecycle;
use crate::proxies::client_key;
use crate::seed::{self, SeedOutcome};
use crate::store::{OpenError, Store};
use crate::{app, AppState, DEMO_HOST};

/// Why the server could not start, or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// The demo catalogue or the demo host could not be written.
    #[error("cannot write the demo catalogue or host")]
    Seed(#[source] sqlx::Error),
    /// The live events of other instances cannot be listened for.
    #[error("cannot listen for live events on the database")]
    Listen(#[source] sqlx::Error),
    /// The address could not be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why it failed.
        source: io::Error,
    },
    /// The signal handlers could not be installed.
    #[error("cannot listen for SIGINT and SIGTERM")]
    Signals(#[source] io::Error),
    /// Announcing the address or serving failed.
    #[error("serving failed")]
    Serve(#[from] io::Error),
}

/// Runs the server as configured until SIGINT or SIGTERM.
///
/// Once bound, prints exactly one line to stdout,
/// `etalase-server listening on http://ADDR`, with the real address (useful
/// when the port asked for is 0); tools read it to find the server. The
/// metrics listener, when there is one, is only logged.
pub async fn run(config: Config) -> Result<(), StartupError> {
    let store = Store::open_with_pool(
        config.database_url.expose_secret(),
        config.db_max_connections,
    )
    .await?;
    let durability = store.durability().await.map_err(StartupError::Seed)?;
    tracing::info!(backend = ?store.backend(), durability, "database open");
    let seeded = seed::seed_if_empty(&store)
        .await
        .map_err(StartupError::Seed)?;
    if seeded == SeedOutcome::Seeded {
        tracing::info!("seeded the demo catalogue");
    }
    let addr = config.addr;
    let listener = listen(addr).map_err(|source| StartupError::Bind { addr, source })?;
    let metrics_listener = match config.metrics_addr {
        Some(addr) => Some(listen(addr).map_err(|source| StartupError::Bind { addr, source })?),
        None => None,
    };
    let shutdown = shutdown_signal().map_err(StartupError::Signals)?;
    let bound = listener.local_addr()?;
    if let Some(key) = &config.settings.demo_host_key {
        register_demo_host(&store, key.expose_secret(), bound, &config.demo_origins)
            .await
            .map_err(StartupError::Seed)?;
        tracing::warn!(
            host = DEMO_HOST,
            "demo mode is on: the demo host and demo-only endpoints are enabled; \
             set ETALASE_DEMO=0 in production"
        );
    } else {
        if !config.demo_origins.is_empty() {
            tracing::warn!("ETALASE_DEMO_ORIGINS is ignored: demo mode is off (ETALASE_DEMO=0)");
        }
        if store
            .retire_host(DEMO_HOST)
            .await
            .map_err(StartupError::Seed)?
        {
            // A database that ran in demo mode keeps no open door in production.
            tracing::warn!(
                host = DEMO_HOST,
                "demo mode is off: the demo host this database had is retired (its key, origins and sessions)"
            );
        }
    }
    let state = AppState::open(store.clone(), config.settings, config.site)
        .await
        .map_err(StartupError::Listen)?
        .with_feed_caps(config.feeds)
        .with_trusted_proxies(config.trusted_proxies);
    state
        .origins
        .reload(&store)
        .await
        .map_err(StartupError::Seed)?;
    let sweeper = lifecycle::spawn_sweeper(
        store.clone(),
        state.live.clone(),
        state.origins.clone(),
        state.settings.sweep_interval,
    );
    let deal_ticker = crate::deals::ticker::spawn(store.clone(), state.live.clone());
    let viewer_counts = crate::live::social::spawn_viewer_counts(state.live.clone());
    let connections = config.connections;
    if connections.idle_timeout <= Duration::from_secs(15) {
        tracing::warn!(
            idle_timeout = ?connections.idle_timeout,
            "ETALASE_IDLE_TIMEOUT_SECS is 15 or less: quiet live feeds (a comment every 15 s) \
             and slow requests (up to 15 s) will be cut"
        );
    }
    tracing::info!(
        header_read_timeout = ?connections.header_read_timeout,
        idle_timeout = ?connections.idle_timeout,
        max_connections = connections.max,
        max_connections_per_ip = connections.max_per_ip,
        max_feeds_per_token = config.feeds.per_token,
        max_feeds_per_ip = config.feeds.per_ip,
        "connection limits"
    );
    let (stop, stopped) = watch::channel(false);
    let metrics = match metrics_listener {
        Some(metrics_listener) => {
            tracing::info!(addr = %metrics_listener.local_addr()?, "serving GET /metrics");
            let mut stopped = stopped.clone();
            let until_stopped = async move {
                // An error: the sender is gone, so the API server stopped.
                let _ = stopped.wait_for(|stop| *stop).await;
            };
            Some(tokio::spawn(serve_with(
                metrics_listener,
                metrics_app(state.clone()),
                connections,
                until_stopped,
            )))
        }
        None => None,
    };
    drop(stopped);
    announce(bound)?;
    // Live feeds never end by themselves: close them when the signal comes,
    // so the graceful shutdown can finish.
    let live = state.live.clone();
    let shutdown = async move {
        shutdown.await;
        live.close();
        let _ = stop.send(true);
    };
    serve_with(listener, app(state), connections, shutdown).await?;
    if let Some(metrics) = metrics {
        metrics.await.map_err(io::Error::other)??;
    }
    sweeper.abort();
    deal_ticker.abort();
    viewer_counts.abort();
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `GET /metrics` alone, for a listener of its own: the API's listener does
/// not serve it ([`crate::metrics`]).
pub fn metrics_app(state: AppState) -> Router {
    crate::routes::metrics::router().with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests
/// in flight finish, with the default timeouts and no cap on connections
/// ([`Connections::uncapped`]); [`run`] uses [`serve_with`] and the
/// configured limits. Close the app's live feeds
/// ([`crate::live::Live::close`]) when `shutdown` completes, or they hold
/// the server open.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    serve_with(listener, app, Connections::uncapped(), shutdown).await
}

/// Serves `app` on `listener` with the timeouts and caps of `limits` (see
/// the module's documentation) until `shutdown` completes; then stops
/// accepting, lets requests in flight finish (connections with none, idle
/// or still sending a head, are closed at once) and returns once every
/// connection has closed. Each request
/// carries its peer's [`ConnectInfo<SocketAddr>`], for the per-address
/// limits.
pub async fn serve_with(
    listener: TcpListener,
    app: Router,
    limits: Connections,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let mut builder = http1::Builder::new();
    // hyper's own header timer would also cut kept-alive connections that
    // wait for their next request; `Connection::serve` times both.
    builder.header_read_timeout(None);
    let builder = Arc::new(builder);
    let open = Arc::new(Semaphore::new(limits.max.min(Semaphore::MAX_PERMITS)));
    let per_address = PerAddress::new(limits.max_per_ip);
    let refusals = Refusals::default();
    // Every connection's task holds a sender: all are gone when all closed.
    let (connected, mut all_closed) = mpsc::channel::<()>(1);
    let (stop, stopping) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    on_accept_error(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            refusals.log(peer, "the server holds as many connections as allowed");
            refuse(&stream, Refusal::Server);
            continue;
        };
        let Some(address) = per_address.take(peer.ip()) else {
            refusals.log(peer, "its address holds as many connections as allowed");
            refuse(&stream, Refusal::Address);
            continue;
        };
        let connection = Connection {
            builder: builder.clone(),
            app: app.clone(),
            peer,
            limits,
            stopping: stopping.clone(),
        };
        let connected = connected.clone();
        tokio::spawn(async move {
            connection.serve(stream).await;
            drop((permit, address, connected));
        });
    }
    drop(listener);
    let _ = stop.send(true);
    drop(connected);
    // `None` once every sender is dropped: every connection has closed.
    let _ = all_closed.recv().await;
    Ok(())
}

/// A host could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddHostError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// The id or an origin is not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// Writing the host failed.
    #[error("cannot write the host")]
    Write(#[source] sqlx::Error),
    /// No randomness for the key.
    #[error("cannot generate an API key: {0}")]
    Key(getrandom::Error),
}

/// Registers host `id`, whose pages are served from `origins`
/// (`https://app.example`), with a new API key, and answers the key: it is
/// shown once and stored only hashed. Adding an existing host replaces its
/// key and origins.
pub async fn add_host(
    database_url: &str,
    id: &str,
    origins: &[String],
) -> Result<String, AddHostError> {
    let slug = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !slug {
        return Err(AddHostError::Invalid(format!(
            "host id {id:?} must be lower-case letters, digits and '-'"
        )));
    }
    if origins.is_empty() {
        return Err(AddHostError::Invalid("name at least one origin".to_owned()));
    }
    for origin in origins {
        check_origin(origin).map_err(|reason| {
            AddHostError::Invalid(format!(
                "{origin:?} is not an origin such as https://app.example: {reason}"
            ))
        })?;
    }
    let store = Store::open(database_url).await?;
    let key = secret::generate("etk_").map_err(AddHostError::Key)?;
    store
        .register_host(id, &secret::hash(&key), origins)
        .await
        .map_err(AddHostError::Write)?;
    store.close().await;
    Ok(key)
}

/// Registers the host `demo` with API key `key`, allowed to call the API from
/// the demo page's own origins (the address the server listens on) and from
/// `extra_origins` (`ETALASE_DEMO_ORIGINS`, already checked), and lets its
/// users named after the seeded creators (`crt-raka-gaya`) run them.
pub async fn register_demo_host(
    store: &Store,
    key: &str,
    bound: SocketAddr,
    extra_origins: &[String],
) -> Result<(), sqlx::Error> {
    let port = bound.port();
    let mut origins = vec![
        format!("http://{bound}"),
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}"),
    ];
    origins.extend_from_slice(extra_origins);
    origins.sort();
    origins.dedup();
    store
        .register_host(DEMO_HOST, &secret::hash(key), &origins)
        .await?;
    store.link_creators_to_host(DEMO_HOST).await
}

/// Prints the line that tells tools where the server listens.
fn announce(addr: SocketAddr) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "etalase-server listening on http://{addr}")?;
    stdout.flush()
}

/// Listens for SIGINT (Ctrl-C) and SIGTERM from now on, so that no signal
/// sent after the announcement is missed; the future completes on the first.
#[cfg(unix)]
fn shutdown_signal() -> io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => tracing::info!("SIGINT: shutting down"),
            _ = terminate.recv() => tracing::info!("SIGTERM: shutting down"),
        }
    })
}

/// Listens for Ctrl-C; the future completes when it is pressed.
#[cfg(not(unix))]
fn shutdown_signal() -> io::Result<impl Future<Output = ()>> {
    Ok(async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => tracing::info!("Ctrl-C: shutting down"),
            Err(error) => {
                tracing::error!(%error, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
        }
    })
}

/// Sleeps a little after an error accepting a connection, unless the error
/// was the peer's (as axum's `serve` does): running out of file
/// descriptors, for one, lasts until connections close.
async fn on_accept_error(error: io::Error) {
    if matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept a connection");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// Why a connection is refused as soon as it is accepted.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// [`Connections::max`] are open.
    Server,
    /// [`Connections::max_per_ip`] are open from the peer's address.
    Address,
}

/// Answers a refused connection with a short canned HTTP/1.1 error, in the
/// contract's error shape, as far as the socket takes it without waiting;
/// the connection is closed when `stream` is dropped.
fn refuse(stream: &TcpStream, refusal: Refusal) {
    let (status, body) = match refusal {
        Refusal::Server => (
            "503 Service Unavailable",
            ErrorBody::new(
                ErrorCode::Unavailable,
                "the server holds as many connections as it may; retry",
            ),
        ),
        Refusal::Address => (
            "429 Too Many Requests",
            ErrorBody::new(
                ErrorCode::RateLimited,
                "this client address holds as many connections as it may; close one first",
            ),
        ),
    };
    let body = serde_json::to_string(&body).unwrap_or_default();
    let answer = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         retry-after: 1\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.try_write(answer.as_bytes());
}

/// Logs refused connections, at most once a minute at `warn` (a client
/// refused in a loop must not flood the logs), otherwise at `debug`.
#[derive(Debug, Default)]
struct Refusals {
    last_warned: Mutex<Option<Instant>>,
}

impl Refusals {
    const EVERY: Duration = Duration::from_secs(60);

    fn log(&self, peer: SocketAddr, why: &str) {
        let now = Instant::now();
        let mut last = lock(&self.last_warned);
        if last.is_none_or(|last| now.duration_since(last) >= Self::EVERY) {
            *last = Some(now);
            tracing::warn!(%peer, "refused a connection: {why} (logged once a minute)");
        } else {
            tracing::debug!(%peer, "refused a connection: {why}");
        }
    }
}

/// Connections open per client address (an IPv4 address, an IPv6 /64).
#[derive(Debug, Clone)]
struct PerAddress {
    cap: usize,
    open: Arc<Mutex<HashMap<String, usize>>>,
}

/// One connection's place in [`PerAddress`]; given back when dropped.
#[derive(Debug)]
struct AddressSlot {
    counts: PerAddress,
    /// `None` when addresses are not counted.
    key: Option<String>,
}

impl PerAddress {
    fn new(cap: usize) -> Self {
        PerAddress {
            cap,
            open: Arc::default(),
        }
    }

    /// A place for one more connection from `ip`, or `None` when it holds
    /// the cap already.
    fn take(&self, ip: IpAddr) -> Option<AddressSlot> {
        if self.cap == usize::MAX {
            return Some(AddressSlot {
                counts: self.clone(),
                key: None,
            });
        }
        let key = client_key(ip);
        let mut open = lock(&self.open);
        let count = open.entry(key.clone()).or_default();
        if *count >= self.cap {
            return None;
        }
        *count += 1;
        Some(AddressSlot {
            counts: self.clone(),
            key: Some(key),
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let Some(key) = &self.key else {
            return;
        };
        let mut open = lock(&self.counts.open);
        if let Some(count) = open.get_mut(key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(key);
            }
        }
    }
}

/// One accepted connection, ready to be served.
struct Connection {
    builder: Arc<http1::Builder>,
    app: Router,
    peer: SocketAddr,
    limits: Connections,
    stopping: watch::Receiver<bool>,
}

impl Connection {
    /// Serves the connection until it closes, the server's shutdown has
    /// drained it, or it breaks a timeout ([`Clock`]).
    async fn serve(mut self, stream: TcpStream) {
        let clock = Arc::new(Clock::new(self.limits));
        let io = TokioIo::new(Watched {
            stream,
            clock: clock.clone(),
        });
        let service = Tracked {
            app: self.app,
            peer: self.peer,
            clock: clock.clone(),
        };
        let connection = self.builder.serve_connection(io, service);
        tokio::pin!(connection);
        let mut draining = false;
        if *self.stopping.borrow_and_update() {
            return;
        }
        loop {
            let (deadline, why) = clock.deadline();
            tokio::select! {
                served = connection.as_mut() => {
                    if let Err(error) = served {
                        tracing::debug!(peer = %self.peer, %error, "connection failed");
                    }
                    return;
                }
                // A sender dropped counts as a shutdown too.
                _ = self.stopping.changed(), if !draining => {
                    // No request in flight (idle, or a head still coming):
                    // nothing to finish. Otherwise hyper closes the
                    // connection once the answer is sent.
                    if clock.in_flight() == 0 {
                        return;
                    }
                    connection.as_mut().graceful_shutdown();
                    draining = true;
                }
                // Bytes after an idle wait: the header clock started.
                () = clock.armed.notified() => {}
                () = tokio::time::sleep_until(deadline) => {
                    if clock.deadline().0 <= Instant::now() {
                        tracing::debug!(peer = %self.peer, "closing a connection: {why}");
                        return;
                    }
                }
            }
        }
    }
}

/// The times that decide when a connection is closed.
///
/// - Idle: no byte read or written for `idle_timeout`, whatever the
///   connection is doing.
/// - Header: with no request in flight, a whole request head must arrive
///   within `header_read_timeout` of the connection opening, or of the
///   first byte read after the last answer.
#[derive(Debug)]
struct Clock {
    limits: Connections,
    times: Mutex<Times>,
    /// Woken when the header clock starts, which may bring the deadline
    /// forward.
    armed: Notify,
}

#[derive(Debug)]
struct Times {
    /// Requests whose answer has not been sent whole yet.
    in_flight: usize,
    /// When a byte last moved either way (or the connection opened, or the
    /// last answer ended).
    last_io: Instant,
    /// Since when a request head is awaited: from the connection's opening,
    /// or from the first byte after an answer; `None` while a request is in
    /// flight or the connection idles between requests.
    head_since: Option<Instant>,
}

/// Why a connection was closed.
const IDLE: &str = "no byte moved for the idle timeout";
const NO_HEAD: &str = "no whole request head within the header-read timeout";

impl Clock {
    fn new(limits: Connections) -> Self {
        let now = Instant::now();
        Clock {
            limits,
            times: Mutex::new(Times {
                in_flight: 0,
                last_io: now,
                head_since: Some(now),
            }),
            armed: Notify::new(),
        }
    }

    /// When the connection is to be closed, and why.
    fn deadline(&self) -> (Instant, &'static str) {
        let times = lock(&self.times);
        let idle = times.last_io + self.limits.idle_timeout;
        match times.head_since {
            Some(since) if times.in_flight == 0 => {
                let head = since + self.limits.header_read_timeout;
                if head < idle {
                    (head, NO_HEAD)
                } else {
                    (idle, IDLE)
                }
            }
            _ => (idle, IDLE),
        }
    }

    fn read(&self) {
        let now = Instant::now();
        let mut times = lock(&self.times);
        times.last_io = now;
        if times.in_flight == 0 && times.head_since.is_none() {
            times.head_since = Some(now);
            drop(times);
            self.armed.notify_one();
        }
    }

    fn wrote(&self) {
        lock(&self.times).last_io = Instant::now();
    }

    /// Requests whose answer has not been sent whole yet.
    fn in_flight(&self) -> usize {
        lock(&self.times).in_flight
    }

    /// A request's head has arrived.
    fn request_started(self: &Arc<Self>) -> InFlight {
        let mut times = lock(&self.times);
        times.in_flight += 1;
        times.head_since = None;
        InFlight(self.clone())
    }
}

/// A request in flight, until its answer has been sent whole or dropped.
#[derive(Debug)]
struct InFlight(Arc<Clock>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut times = lock(&self.0.times);
        times.in_flight = times.in_flight.saturating_sub(1);
        times.last_io = Instant::now();
    }
}

/// A connection's socket, telling its [`Clock`] when bytes move.
struct Watched {
    stream: TcpStream,
    clock: Arc<Clock>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.clock.read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            this.clock.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            this.clock.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// The app as one connection's hyper service: each request carries the
/// peer's address and counts as in flight until its answer's body is done.
#[derive(Clone)]
struct Tracked {
    app: Router,
    peer: SocketAddr,
    clock: Arc<Clock>,
}

impl hyper::service::Service<Request<Incoming>> for Tracked {
    type Response = Response<TrackedBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, mut request: Request<Incoming>) -> Self::Future {
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let in_flight = self.clock.request_started();
        // A `Router` is always ready: no `poll_ready` is needed.
        let answer = self.app.clone().call(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(response.map(|body| TrackedBody {
                body,
                _in_flight: in_flight,
            }))
        })
    }
}

/// An answer's body, holding its request's [`InFlight`] until it is done.
struct TrackedBody {
    body: Body,
    _in_flight: InFlight,
}

impl hyper::body::Body for TrackedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many connections the kernel may hold for us before we accept them:
/// a flash deal opens thousands at the same second. The standard library's
/// 128 drops the rest of such a burst, and each client dropped waits a
/// full second to try again; the kernel caps this at `net.core.somaxconn`.
const ACCEPT_BACKLOG: u32 = 4096;

/// A listener on `addr` with an [`ACCEPT_BACKLOG`]-deep queue.
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    // As `TcpListener::bind` does: a restarted server binds at once.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(ACCEPT_BACKLOG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_burst_of_connections_waits_in_the_queue_not_a_second_for_a_retry() {
        let listener = listen("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        // As many as the kernel lets any queue hold (`net.core.somaxconn`,
        // 4096 on current Linux), at most 600.
        let burst = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
            .ok()
            .and_then(|text| text.trim().parse::<usize>().ok())
            .map_or(600, |most| most.min(600));
        // Nobody accepts: each connection is made by the kernel's queue alone.
        let connects: Vec<_> = (0..burst)
            .map(|_| {
                tokio::spawn(tokio::time::timeout(
                    Duration::from_millis(700),
                    TcpStream::connect(addr),
                ))
            })
            .collect();
        let mut made = 0;
        for connect in connects {
            made += usize::from(matches!(connect.await, Ok(Ok(Ok(_)))));
        }
        assert_eq!(
            made, burst,
            "a connection past the queue waited for a retry"
        );
        drop(listener);
    }
}
