//! Start-up and serving: open the database, seed it, bind, announce the
//! address, serve until SIGINT or SIGTERM, then drain and close.

use std::future::Future;
use std::io::{self, Write};
use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::identity::secret;
use crate::orders::lifecycle;
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
/// when the port asked for is 0); tools read it to find the server.
pub async fn run(config: Config) -> Result<(), StartupError> {
    let store = Store::open_with_pool(&config.database_url, config.db_max_connections).await?;
    let durability = store.durability().await.map_err(StartupError::Seed)?;
    tracing::info!(backend = ?store.backend(), durability, "database open");
    let seeded = seed::seed_if_empty(&store)
        .await
        .map_err(StartupError::Seed)?;
    if seeded == SeedOutcome::Seeded {
        tracing::info!("seeded the demo catalogue");
    }
    let addr = config.addr;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Bind { addr, source })?;
    let shutdown = shutdown_signal().map_err(StartupError::Signals)?;
    let bound = listener.local_addr()?;
    if let Some(key) = &config.settings.demo_host_key {
        register_demo_host(&store, key, bound)
            .await
            .map_err(StartupError::Seed)?;
        tracing::warn!(
            host = DEMO_HOST,
            "demo mode is on: the demo host and demo-only endpoints are enabled; \
             set ETALASE_DEMO=0 in production"
        );
    }
    let state = AppState::open(store.clone(), config.settings, config.site)
        .await
        .map_err(StartupError::Listen)?;
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
    announce(bound)?;
    // Live feeds never end by themselves: close them when the signal comes,
    // so the graceful shutdown can finish.
    let live = state.live.clone();
    let shutdown = async move {
        shutdown.await;
        live.close();
    };
    serve(listener, app(state), shutdown).await?;
    sweeper.abort();
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests
/// in flight finish. Close the app's live feeds ([`crate::live::Live::close`])
/// when `shutdown` completes, or they hold the server open.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    // Made into a service once: `axum::serve` given the `Router` itself
    // would rebuild its whole route table for every connection (about
    // 90 KiB each with this app's routes and layers).
    // With the peer's address, for the per-IP rate limit.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
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
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .unwrap_or_default();
        if rest.is_empty() || rest.contains('/') || rest.contains(char::is_whitespace) {
            return Err(AddHostError::Invalid(format!(
                "{origin:?} is not an origin such as https://app.example"
            )));
        }
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
/// the demo page's own origins (the address the server listens on), and
/// lets its users named after the seeded creators (`crt-raka-gaya`) run
/// them.
pub async fn register_demo_host(
    store: &Store,
    key: &str,
    bound: SocketAddr,
) -> Result<(), sqlx::Error> {
    let port = bound.port();
    let mut origins = vec![
        format!("http://{bound}"),
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}"),
    ];
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
