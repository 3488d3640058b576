//! Run-time configuration, read once from the environment at start-up.
//!
//! | variable | default | meaning |
//! | --- | --- | --- |
//! | `ETALASE_ADDR` | `127.0.0.1:8080` | the address to listen on; port `0` picks a free port |
//! | `DATABASE_URL` | `sqlite://etalase.db` | the database: a SQLite file (`sqlite://path`, created when missing) or a PostgreSQL server (`postgres://user:password@host:port/database`) |
//! | `ETALASE_DB_MAX_CONNECTIONS` | `8` on SQLite, `16` on PostgreSQL | connections in this instance's pool; on PostgreSQL, instances × this must stay below the server's `max_connections` |
//! | `ETALASE_WWW_DIR` | `www` | the demo site's static files, served at `/` |
//! | `ETALASE_PKG_DIR` | `pkg` | the widget's package, served at `/pkg/` |
//! | `ETALASE_DEMO` | `0` | demo mode (`1` or `0`): registers the host `demo`, and serves the demo-only endpoints |
//! | `ETALASE_DEMO_HOST_KEY` | `demo-host-key` | the API key of the host `demo`, in demo mode |
//! | `ETALASE_DEMO_ORIGINS` | unset: none | comma-separated origins (`http://localhost:3000, https://shop.example`) the host `demo` may also call the API from, in demo mode, besides the server's own address; each is checked at start-up |
//! | `ETALASE_TOKEN_TTL_SECS` | `3600` | how long a minted token lives |
//! | `ETALASE_RATE_LIMIT_PER_MINUTE` | `600` | requests one token may make per minute (bursts up to as many) |
//! | `ETALASE_RATE_LIMIT_PER_IP_PER_MINUTE` | `6000` | requests one client address (an IPv6 /64) may make per minute, with or without a token |
//! | `ETALASE_TRUSTED_PROXIES` | unset: none | comma-separated networks (`10.0.0.0/8, 2001:db8::/32`, or single addresses) of the load balancers in front: a request from one of them is counted against the right-most address of its `X-Forwarded-For` not in these networks; from anywhere else, against its TCP peer |
//! | `ETALASE_WEBHOOK_SECRET` | `demo-webhook-secret` in demo mode; required otherwise | the secret the payment provider signs webhooks with |
//! | `ETALASE_PAYMENT_WINDOW_SECS` | `3600` | how long an unpaid checkout holds its stock before it expires |
//! | `ETALASE_SWEEP_INTERVAL_SECS` | `30` | how often expired checkouts are released and old keys forgotten |
//! | `ETALASE_METRICS_ADDR` | unset: no metrics | the address `GET /metrics` is served on, apart from the API (`127.0.0.1:9090`); never on the API's address |
//! | `ETALASE_HEADER_READ_TIMEOUT_SECS` | `10` | how long a connection has to send a whole request head, from when it opens, or from its first byte after an idle wait |
//! | `ETALASE_IDLE_TIMEOUT_SECS` | `75` | a connection on which no byte moved either way for this long is closed: a kept-alive connection waiting for its next request, or a stalled one; keep it above 15 (the live feed's keep-alive comment and the request timeout) |
//! | `ETALASE_MAX_CONNECTIONS` | `4096` | open connections the server holds at once; more are answered 503 and closed. Keep it under the process's open-file limit |
//! | `ETALASE_MAX_CONNECTIONS_PER_IP` | `1024` | open connections from one client address (an IPv6 /64); more are answered 429 and closed |
//! | `ETALASE_MAX_FEEDS_PER_TOKEN` | `8` | live feeds (`GET /v1/streams/{id}/events`) one token may hold open; more are answered 429 |
//! | `ETALASE_MAX_FEEDS_PER_IP` | `256` | live feeds one client address may hold open; more are answered 429 |
//! | `RUST_LOG` | `etalase_server=info,tower_http=info` | the log filter, in `tracing-subscriber`'s `EnvFilter` syntax |
//!
//! Demo mode is off unless `ETALASE_DEMO=1`, which `cargo xtask demo` and the
//! browser tests set, so a deployment that forgets the variable never serves a
//! host with a published key (the server logs a warning while demo mode is on).
//!
//! A variable set to the empty string counts as unset. Relative paths are
//! relative to the working directory. Logs go to stderr: stdout carries only
//! the line announcing the bound address.

use std::env::{self, VarError};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;

use crate::proxies::TrustedProxies;
use crate::store::Backend;

/// The log filter used when `RUST_LOG` is unset.
pub const DEFAULT_LOG_FILTER: &str = "etalase_server=info,tower_http=info";

const DEFAULT_ADDR: &str = "127.0.0.1:8080";
const DEFAULT_DATABASE_URL: &str = "sqlite://etalase.db";
const DEFAULT_WWW_DIR: &str = "www";
const DEFAULT_PKG_DIR: &str = "pkg";
const DEFAULT_DEMO_HOST_KEY: &str = "demo-host-key";
const DEFAULT_TOKEN_TTL_SECS: u64 = 3600;
const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 600;
const DEFAULT_RATE_LIMIT_PER_IP_PER_MINUTE: u32 = 6000;
const DEFAULT_DEMO_WEBHOOK_SECRET: &str = "demo-webhook-secret";
const DEFAULT_PAYMENT_WINDOW_SECS: u64 = 3600;
const DEFAULT_SWEEP_INTERVAL_SECS: u64 = 30;
/// How long a token's session, once read, is used again without reading
/// it: the longest a session deleted on another instance (a host retired)
/// still opens its requests here. Long enough to span a shopper's quote
/// and order, so a flash deal's stampede reads no session
/// (docs/decisions/0070-sessions-held-a-minute.md).
pub const SESSION_HOLD: Duration = Duration::from_secs(60);
/// How long a publishable key, once read, is used again without reading
/// it: the longest a key revoked on another instance still opens its
/// requests here (docs/decisions/0061-publishable-keys.md).
pub const KEY_HOLD: Duration = Duration::from_secs(1);
const DEFAULT_HEADER_READ_TIMEOUT_SECS: u64 = 10;
const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 75;
const DEFAULT_MAX_CONNECTIONS: usize = 4096;
const DEFAULT_MAX_CONNECTIONS_PER_IP: usize = 1024;
const DEFAULT_MAX_FEEDS_PER_TOKEN: usize = 8;
const DEFAULT_MAX_FEEDS_PER_IP: usize = 256;

/// Everything the server needs to know before it starts.
///
/// Its `Debug` never shows a secret: the database URL (which may hold a
/// password), the webhook secret and the demo host's key print redacted.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on (`ETALASE_ADDR`).
    pub addr: SocketAddr,
    /// The database to open (`DATABASE_URL`): a secret, as it may hold a
    /// password.
    pub database_url: SecretString,
    /// Connections in the database pool (`ETALASE_DB_MAX_CONNECTIONS`);
    /// `None` for the backend's default.
    pub db_max_connections: Option<u32>,
    /// Where the demo site's files live (`ETALASE_WWW_DIR`, `ETALASE_PKG_DIR`).
    pub site: Site,
    /// How the API behaves.
    pub settings: Settings,
    /// Where `GET /metrics` is served (`ETALASE_METRICS_ADDR`); `None`: nowhere.
    pub metrics_addr: Option<SocketAddr>,
    /// Timeouts and caps of connections (`ETALASE_HEADER_READ_TIMEOUT_SECS`,
    /// `ETALASE_IDLE_TIMEOUT_SECS`, `ETALASE_MAX_CONNECTIONS`,
    /// `ETALASE_MAX_CONNECTIONS_PER_IP`).
    pub connections: Connections,
    /// Caps on open live feeds (`ETALASE_MAX_FEEDS_PER_TOKEN`,
    /// `ETALASE_MAX_FEEDS_PER_IP`).
    pub feeds: FeedCaps,
    /// The load balancers whose `X-Forwarded-For` is believed
    /// (`ETALASE_TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// Origins the demo host may call the API from besides the server's own
    /// address (`ETALASE_DEMO_ORIGINS`), each a valid origin; used in demo
    /// mode only.
    pub demo_origins: Vec<String>,
}

/// The directories the demo site is served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Static files served at `/` (`/` itself answers `index.html`).
    pub www_dir: PathBuf,
    /// The widget's package, served at `/pkg/`.
    pub pkg_dir: PathBuf,
}

/// How long connections may dawdle and how many may be open: see
/// [`crate::server::serve_with`]. The default is the configuration's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connections {
    /// How long a connection has to send a whole request head, counted from
    /// when it opens, or from the first byte after an idle wait.
    pub header_read_timeout: Duration,
    /// How long no byte may move either way before the connection is closed.
    pub idle_timeout: Duration,
    /// Connections open at once, from everyone.
    pub max: usize,
    /// Connections open at once from one client address (an IPv6 /64).
    pub max_per_ip: usize,
}

impl Default for Connections {
    fn default() -> Self {
        Connections {
            header_read_timeout: Duration::from_secs(DEFAULT_HEADER_READ_TIMEOUT_SECS),
            idle_timeout: Duration::from_secs(DEFAULT_IDLE_TIMEOUT_SECS),
            max: DEFAULT_MAX_CONNECTIONS,
            max_per_ip: DEFAULT_MAX_CONNECTIONS_PER_IP,
        }
    }
}

impl Connections {
    /// The default timeouts with no cap on connections: what
    /// [`crate::serve`] uses, for benchmarks and embedding.
    pub fn uncapped() -> Self {
        Connections {
            max: usize::MAX,
            max_per_ip: usize::MAX,
            ..Connections::default()
        }
    }
}

/// How many live feeds may be open at once. The default is the
/// configuration's; [`crate::AppState::open`] starts with
/// [`FeedCaps::uncapped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedCaps {
    /// Feeds one token may hold open.
    pub per_token: usize,
    /// Feeds one client address (an IPv6 /64) may hold open.
    pub per_ip: usize,
}

impl Default for FeedCaps {
    fn default() -> Self {
        FeedCaps {
            per_token: DEFAULT_MAX_FEEDS_PER_TOKEN,
            per_ip: DEFAULT_MAX_FEEDS_PER_IP,
        }
    }
}

impl FeedCaps {
    /// No cap at all.
    pub fn uncapped() -> Self {
        FeedCaps {
            per_token: usize::MAX,
            per_ip: usize::MAX,
        }
    }
}

/// How the API behaves: demo mode, token lifetime, limits.
///
/// Its `Debug` prints the secrets redacted.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Demo mode, with the demo host's API key; `None` when off.
    pub demo_host_key: Option<SecretString>,
    /// How long a minted token lives (`ETALASE_TOKEN_TTL_SECS`).
    pub token_ttl: Duration,
    /// Requests one token may make per minute (`ETALASE_RATE_LIMIT_PER_MINUTE`).
    pub rate_limit_per_minute: u32,
    /// Requests one client address may make per minute
    /// (`ETALASE_RATE_LIMIT_PER_IP_PER_MINUTE`).
    pub rate_limit_per_ip_per_minute: u32,
    /// The secret webhooks are signed with (`ETALASE_WEBHOOK_SECRET`).
    pub webhook_secret: SecretString,
    /// How long an unpaid checkout holds its stock (`ETALASE_PAYMENT_WINDOW_SECS`).
    pub payment_window: Duration,
    /// How often the sweeper runs (`ETALASE_SWEEP_INTERVAL_SECS`).
    pub sweep_interval: Duration,
    /// How long a token's session, once read, is used again without
    /// reading it ([`SESSION_HOLD`]; zero reads it on every request).
    pub session_hold: Duration,
    /// How long a publishable key, once read, is used again without
    /// reading it ([`KEY_HOLD`]; zero reads it on every request).
    pub key_hold: Duration,
}

/// A variable of the environment holds a value the server cannot use.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// `ETALASE_ADDR` is not an `ip:port` pair.
    #[error("ETALASE_ADDR={0:?} is not an address such as 127.0.0.1:8080")]
    Addr(String),
    /// `ETALASE_METRICS_ADDR` is not an `ip:port` pair.
    #[error("ETALASE_METRICS_ADDR={0:?} is not an address such as 127.0.0.1:9090")]
    MetricsAddr(String),
    /// `DATABASE_URL` is neither a SQLite nor a PostgreSQL URL; the error
    /// names only what stands before `://` (the rest may hold a password).
    #[error(
        "DATABASE_URL (starting {0:?}) is neither a SQLite URL such as sqlite://etalase.db \
         nor a PostgreSQL URL such as postgres://etalase@localhost/etalase"
    )]
    DatabaseUrl(String),
    /// A variable that must be a positive whole number is not one.
    #[error("{0}={1:?} is not a positive whole number")]
    Number(&'static str, String),
    /// A variable required outside demo mode is unset.
    #[error("{0} must be set when ETALASE_DEMO=0")]
    Missing(&'static str),
    /// `ETALASE_DEMO` is neither `1` nor `0`.
    #[error("ETALASE_DEMO={0:?} is neither 1 nor 0")]
    Demo(String),
    /// `ETALASE_TRUSTED_PROXIES` holds an entry that is not a network.
    #[error("ETALASE_TRUSTED_PROXIES: {0}")]
    TrustedProxies(String),
    /// `ETALASE_DEMO_ORIGINS` holds an entry that is not an origin.
    #[error(
        "ETALASE_DEMO_ORIGINS: {origin:?} is not an origin such as http://localhost:3000: {reason}"
    )]
    DemoOrigin {
        /// The entry, as written.
        origin: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A variable is not valid Unicode.
    #[error("{0} is not valid Unicode")]
    NotUnicode(&'static str),
}

/// Checks that `text` is an origin as a browser sends it in `Origin`:
/// `http://` or `https://`, a lower-case host (a name, an IPv4 address or
/// an IPv6 address in brackets) and an optional port, and nothing else, not
/// even a trailing `/`. The error says what is wrong, for a person to read.
pub fn check_origin(text: &str) -> Result<(), &'static str> {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return Err("it must start with http:// or https://");
    };
    if rest.contains(['/', '?', '#']) {
        return Err("an origin has no path, query or fragment, not even a trailing /");
    }
    if rest.contains('@') {
        return Err("an origin has no user name or password");
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && !port.contains(']') => (host, Some(port)),
        _ => (rest, None),
    };
    if let Some(port) = port {
        let number = port.parse::<u16>().ok().filter(|&n| n > 0);
        if number.is_none() || port.starts_with('0') {
            return Err("its port must be a number from 1 to 65535");
        }
    }
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err("browsers send the host in lower case");
    }
    let ipv6 = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .is_some_and(|inner| inner.parse::<std::net::Ipv6Addr>().is_ok());
    let name = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if ipv6 || name {
        Ok(())
    } else {
        Err("its host must be a name such as shop.example, an IPv4 address or an IPv6 address in brackets")
    }
}

/// Reads `ETALASE_DEMO_ORIGINS`: comma-separated origins, spaces around
/// each ignored, each checked by [`check_origin`], repeats dropped.
fn demo_origins(text: &str) -> Result<Vec<String>, ConfigError> {
    let mut origins = Vec::new();
    for origin in text.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        check_origin(origin).map_err(|reason| ConfigError::DemoOrigin {
            origin: origin.to_owned(),
            reason,
        })?;
        if !origins.iter().any(|known| known == origin) {
            origins.push(origin.to_owned());
        }
    }
    Ok(origins)
}

/// A variable's value from the process environment, or `None` when unset.
fn from_process(name: &'static str) -> Result<Option<String>, ConfigError> {
    match env::var(name) {
        Ok(value) => Ok(Some(value)),
        Err(VarError::NotPresent) => Ok(None),
        Err(VarError::NotUnicode(_)) => Err(ConfigError::NotUnicode(name)),
    }
}

/// `DATABASE_URL` through `lookup`, or the default, checked to name SQLite
/// or PostgreSQL (the error shows only the scheme: the rest may hold a
/// password).
fn database_url(
    lookup: &impl Fn(&'static str) -> Result<Option<String>, ConfigError>,
) -> Result<String, ConfigError> {
    let database_url = lookup("DATABASE_URL")?
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    if Backend::of_url(&database_url).is_none() {
        let scheme = database_url.split("://").next().unwrap_or_default();
        let shown = if scheme.len() < database_url.len() && scheme.len() <= 16 {
            format!("{scheme}://")
        } else {
            "…".to_owned()
        };
        return Err(ConfigError::DatabaseUrl(shown));
    }
    Ok(database_url)
}

/// The database `etalase-server add-host` writes to: `DATABASE_URL` alone
/// from the process environment, as [`Config::from_env`] reads it, so the
/// command needs no other setting.
pub fn database_url_from_env() -> Result<SecretString, ConfigError> {
    database_url(&from_process).map(SecretString::from)
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(from_process)
    }

    /// Reads the configuration through `lookup`, which answers a variable's
    /// value, or `None` when it is unset.
    fn from_lookup(
        lookup: impl Fn(&'static str) -> Result<Option<String>, ConfigError>,
    ) -> Result<Self, ConfigError> {
        let var = |name, default: &str| -> Result<String, ConfigError> {
            Ok(lookup(name)?
                .filter(|value| !value.is_empty())
                .unwrap_or_else(|| default.to_owned()))
        };
        let addr = var("ETALASE_ADDR", DEFAULT_ADDR)?;
        let database_url = database_url(&lookup)?;
        let number = |name| -> Result<u64, ConfigError> {
            let text = var(name, "")?;
            match text.parse::<u64>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(ConfigError::Number(name, text)),
            }
        };
        let number_or = |name, default: u64| -> Result<u64, ConfigError> {
            match lookup(name)?.filter(|value| !value.is_empty()) {
                Some(_) => number(name),
                None => Ok(default),
            }
        };
        let demo = match var("ETALASE_DEMO", "0")?.as_str() {
            "1" => true,
            "0" => false,
            other => return Err(ConfigError::Demo(other.to_owned())),
        };
        let webhook_secret = match lookup("ETALASE_WEBHOOK_SECRET")?.filter(|v| !v.is_empty()) {
            Some(secret) => SecretString::from(secret),
            None if demo => SecretString::from(DEFAULT_DEMO_WEBHOOK_SECRET),
            None => return Err(ConfigError::Missing("ETALASE_WEBHOOK_SECRET")),
        };
        let db_max_connections =
            match lookup("ETALASE_DB_MAX_CONNECTIONS")?.filter(|value| !value.is_empty()) {
                Some(_) => {
                    let n = number("ETALASE_DB_MAX_CONNECTIONS")?;
                    Some(u32::try_from(n).map_err(|_| {
                        ConfigError::Number("ETALASE_DB_MAX_CONNECTIONS", n.to_string())
                    })?)
                }
                None => None,
            };
        let per_minute = |name, default: u32| -> Result<u32, ConfigError> {
            let limit = number_or(name, default.into())?;
            u32::try_from(limit).map_err(|_| ConfigError::Number(name, limit.to_string()))
        };
        let count = |name, default: usize| -> Result<usize, ConfigError> {
            let n = number_or(name, default as u64)?;
            usize::try_from(n).map_err(|_| ConfigError::Number(name, n.to_string()))
        };
        let seconds = |name, default: u64| -> Result<Duration, ConfigError> {
            Ok(Duration::from_secs(number_or(name, default)?))
        };
        let metrics_addr = match lookup("ETALASE_METRICS_ADDR")?.filter(|v| !v.is_empty()) {
            Some(text) => Some(text.parse().map_err(|_| ConfigError::MetricsAddr(text))?),
            None => None,
        };
        let connections = Connections {
            header_read_timeout: seconds(
                "ETALASE_HEADER_READ_TIMEOUT_SECS",
                DEFAULT_HEADER_READ_TIMEOUT_SECS,
            )?,
            idle_timeout: seconds("ETALASE_IDLE_TIMEOUT_SECS", DEFAULT_IDLE_TIMEOUT_SECS)?,
            max: count("ETALASE_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS)?,
            max_per_ip: count(
                "ETALASE_MAX_CONNECTIONS_PER_IP",
                DEFAULT_MAX_CONNECTIONS_PER_IP,
            )?,
        };
        let feeds = FeedCaps {
            per_token: count("ETALASE_MAX_FEEDS_PER_TOKEN", DEFAULT_MAX_FEEDS_PER_TOKEN)?,
            per_ip: count("ETALASE_MAX_FEEDS_PER_IP", DEFAULT_MAX_FEEDS_PER_IP)?,
        };
        let trusted_proxies =
            TrustedProxies::parse(&lookup("ETALASE_TRUSTED_PROXIES")?.unwrap_or_default())
                .map_err(ConfigError::TrustedProxies)?;
        let demo_origins = demo_origins(&lookup("ETALASE_DEMO_ORIGINS")?.unwrap_or_default())?;
        Ok(Config {
            demo_origins,
            metrics_addr,
            connections,
            feeds,
            trusted_proxies,
            addr: addr.parse().map_err(|_| ConfigError::Addr(addr))?,
            database_url: SecretString::from(database_url),
            db_max_connections,
            site: Site {
                www_dir: PathBuf::from(var("ETALASE_WWW_DIR", DEFAULT_WWW_DIR)?),
                pkg_dir: PathBuf::from(var("ETALASE_PKG_DIR", DEFAULT_PKG_DIR)?),
            },
            settings: Settings {
                demo_host_key: if demo {
                    Some(SecretString::from(var(
                        "ETALASE_DEMO_HOST_KEY",
                        DEFAULT_DEMO_HOST_KEY,
                    )?))
                } else {
                    None
                },
                token_ttl: Duration::from_secs(number_or(
                    "ETALASE_TOKEN_TTL_SECS",
                    DEFAULT_TOKEN_TTL_SECS,
                )?),
                rate_limit_per_minute: per_minute(
                    "ETALASE_RATE_LIMIT_PER_MINUTE",
                    DEFAULT_RATE_LIMIT_PER_MINUTE,
                )?,
                rate_limit_per_ip_per_minute: per_minute(
                    "ETALASE_RATE_LIMIT_PER_IP_PER_MINUTE",
                    DEFAULT_RATE_LIMIT_PER_IP_PER_MINUTE,
                )?,
                webhook_secret,
                payment_window: Duration::from_secs(number_or(
                    "ETALASE_PAYMENT_WINDOW_SECS",
                    DEFAULT_PAYMENT_WINDOW_SECS,
                )?),
                sweep_interval: Duration::from_secs(number_or(
                    "ETALASE_SWEEP_INTERVAL_SECS",
                    DEFAULT_SWEEP_INTERVAL_SECS,
                )?),
                session_hold: SESSION_HOLD,
                key_hold: KEY_HOLD,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    /// The demo host's key, as text.
    fn host_key(settings: &Settings) -> Option<&str> {
        settings
            .demo_host_key
            .as_ref()
            .map(ExposeSecret::expose_secret)
    }

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|name| {
            Ok(vars
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned()))
        })
    }

    #[test]
    fn defaults_apply_in_demo_mode() {
        let config = config(&[("ETALASE_DEMO", "1")]).unwrap();
        assert_eq!(config.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.database_url.expose_secret(), "sqlite://etalase.db");
        assert_eq!(config.site.www_dir, PathBuf::from("www"));
        assert_eq!(config.site.pkg_dir, PathBuf::from("pkg"));
        let settings = &config.settings;
        assert_eq!(host_key(settings), Some("demo-host-key"));
        assert_eq!(settings.token_ttl, Duration::from_secs(3600));
        assert_eq!(settings.rate_limit_per_minute, 600);
        assert_eq!(settings.rate_limit_per_ip_per_minute, 6000);
        assert_eq!(
            settings.webhook_secret.expose_secret(),
            "demo-webhook-secret"
        );
        assert_eq!(settings.payment_window, Duration::from_secs(3600));
        assert_eq!(settings.sweep_interval, Duration::from_secs(30));
        assert_eq!(settings.session_hold, Duration::from_secs(60));
        assert_eq!(settings.key_hold, Duration::from_secs(1));
    }

    #[test]
    fn debug_never_prints_a_secret() {
        let config = config(&[
            ("ETALASE_DEMO", "1"),
            ("DATABASE_URL", "postgres://etalase:pg-pass-3141@db/etalase"),
            ("ETALASE_WEBHOOK_SECRET", "whsec-2718"),
            ("ETALASE_DEMO_HOST_KEY", "host-key-1618"),
        ])
        .unwrap();
        assert_eq!(config.settings.webhook_secret.expose_secret(), "whsec-2718");
        assert_eq!(host_key(&config.settings), Some("host-key-1618"));
        for printed in [
            format!("{:?}", config.settings),
            format!("{:#?}", config.settings),
            format!("{config:?}"),
        ] {
            assert!(printed.contains("token_ttl"), "{printed}");
            for secret in ["pg-pass-3141", "whsec-2718", "host-key-1618"] {
                assert!(!printed.contains(secret), "{secret} in {printed}");
            }
        }
    }

    #[test]
    fn demo_mode_is_off_by_default_and_limits_can_change() {
        assert_eq!(
            self::config(&[]).unwrap_err(),
            ConfigError::Missing("ETALASE_WEBHOOK_SECRET"),
            "outside demo mode the webhook secret is required"
        );
        let production = self::config(&[("ETALASE_WEBHOOK_SECRET", "whsec-0")]).unwrap();
        assert_eq!(host_key(&production.settings), None);
        let config = config(&[
            ("ETALASE_DEMO", "0"),
            ("ETALASE_WEBHOOK_SECRET", "whsec-1"),
            ("ETALASE_DEMO_HOST_KEY", "ignored"),
            ("ETALASE_TOKEN_TTL_SECS", "60"),
            ("ETALASE_RATE_LIMIT_PER_MINUTE", "5"),
            ("ETALASE_RATE_LIMIT_PER_IP_PER_MINUTE", "50"),
        ])
        .unwrap();
        assert_eq!(host_key(&config.settings), None);
        assert_eq!(config.settings.token_ttl, Duration::from_secs(60));
        assert_eq!(config.settings.rate_limit_per_minute, 5);
        assert_eq!(config.settings.rate_limit_per_ip_per_minute, 50);
        assert_eq!(config.settings.webhook_secret.expose_secret(), "whsec-1");
        assert_eq!(
            self::config(&[("ETALASE_DEMO", "0")]).unwrap_err(),
            ConfigError::Missing("ETALASE_WEBHOOK_SECRET")
        );
        let keyed =
            self::config(&[("ETALASE_DEMO", "1"), ("ETALASE_DEMO_HOST_KEY", "k-123")]).unwrap();
        assert_eq!(host_key(&keyed.settings), Some("k-123"));
    }

    #[test]
    fn bad_flags_and_numbers_name_their_variable() {
        assert_eq!(
            config(&[("ETALASE_DEMO", "yes")]).unwrap_err(),
            ConfigError::Demo("yes".into())
        );
        for bad in ["0", "-5", "1.5", "lots", "99999999999"] {
            let error = config(&[
                ("ETALASE_DEMO", "1"),
                ("ETALASE_RATE_LIMIT_PER_MINUTE", bad),
            ])
            .unwrap_err();
            assert!(
                matches!(
                    error,
                    ConfigError::Number("ETALASE_RATE_LIMIT_PER_MINUTE", _)
                ),
                "{bad}: {error:?}"
            );
        }
    }

    #[test]
    fn variables_override_defaults_and_empty_counts_as_unset() {
        let config = config(&[
            ("ETALASE_DEMO", "1"),
            ("ETALASE_ADDR", "0.0.0.0:0"),
            ("DATABASE_URL", "sqlite:///tmp/x.db"),
            ("ETALASE_WWW_DIR", ""),
            ("ETALASE_PKG_DIR", "/srv/pkg"),
        ])
        .unwrap();
        assert_eq!(config.addr, "0.0.0.0:0".parse().unwrap());
        assert_eq!(config.database_url.expose_secret(), "sqlite:///tmp/x.db");
        assert_eq!(config.site.www_dir, PathBuf::from("www"));
        assert_eq!(config.site.pkg_dir, PathBuf::from("/srv/pkg"));
    }

    #[test]
    fn sqlite_and_postgres_databases_are_supported() {
        for url in [
            "sqlite://etalase.db",
            "postgres://etalase@db/etalase",
            "postgresql://db/etalase",
        ] {
            let config = config(&[("ETALASE_DEMO", "1"), ("DATABASE_URL", url)]).unwrap();
            assert_eq!(config.database_url.expose_secret(), url);
            assert_eq!(config.db_max_connections, None);
        }
        let error = config(&[
            ("ETALASE_DEMO", "1"),
            ("DATABASE_URL", "mysql://db/etalase"),
        ])
        .unwrap_err();
        assert_eq!(error, ConfigError::DatabaseUrl("mysql://".into()));
        for leaky in [
            "POSTGRES://u:secretpw@db/etalase",
            "secretpw",
            " postgres://u:secretpw@db/x",
        ] {
            let error = config(&[("ETALASE_DEMO", "1"), ("DATABASE_URL", leaky)]).unwrap_err();
            assert!(
                !error.to_string().contains("secretpw"),
                "{error} shows the password"
            );
        }
        let sized = config(&[("ETALASE_DEMO", "1"), ("ETALASE_DB_MAX_CONNECTIONS", "40")]);
        assert_eq!(sized.unwrap().db_max_connections, Some(40));
        let bad = config(&[("ETALASE_DEMO", "1"), ("ETALASE_DB_MAX_CONNECTIONS", "0")]);
        assert!(matches!(
            bad.unwrap_err(),
            ConfigError::Number("ETALASE_DB_MAX_CONNECTIONS", _)
        ));
    }

    #[test]
    fn trusted_proxies_are_none_by_default_and_a_bad_network_is_named() {
        let none = config(&[("ETALASE_DEMO", "1")]).unwrap();
        assert_eq!(none.trusted_proxies, TrustedProxies::default());
        let set = config(&[
            ("ETALASE_DEMO", "1"),
            ("ETALASE_TRUSTED_PROXIES", "10.0.0.0/8, 2001:db8::/32"),
        ])
        .unwrap();
        assert!(set.trusted_proxies.trusts("10.1.2.3".parse().unwrap()));
        assert!(!set.trusted_proxies.trusts("192.0.2.1".parse().unwrap()));
        let error = config(&[
            ("ETALASE_DEMO", "1"),
            ("ETALASE_TRUSTED_PROXIES", "10.0.0.0/40"),
        ])
        .unwrap_err();
        assert!(error.to_string().contains("10.0.0.0/40"), "{error}");
    }

    #[test]
    fn connections_and_feeds_are_capped_by_default_and_can_change() {
        let config = config(&[("ETALASE_DEMO", "1")]).unwrap();
        assert_eq!(config.metrics_addr, None, "no metrics unless asked for");
        assert_eq!(config.connections, Connections::default());
        assert_eq!(
            config.connections.header_read_timeout,
            Duration::from_secs(10)
        );
        assert_eq!(config.connections.idle_timeout, Duration::from_secs(75));
        assert_eq!(
            (config.connections.max, config.connections.max_per_ip),
            (4096, 1024)
        );
        assert_eq!(
            config.feeds,
            FeedCaps {
                per_token: 8,
                per_ip: 256
            }
        );
        let config = self::config(&[
            ("ETALASE_DEMO", "1"),
            ("ETALASE_METRICS_ADDR", "127.0.0.1:9090"),
            ("ETALASE_HEADER_READ_TIMEOUT_SECS", "3"),
            ("ETALASE_IDLE_TIMEOUT_SECS", "30"),
            ("ETALASE_MAX_CONNECTIONS", "100"),
            ("ETALASE_MAX_CONNECTIONS_PER_IP", "10"),
            ("ETALASE_MAX_FEEDS_PER_TOKEN", "2"),
            ("ETALASE_MAX_FEEDS_PER_IP", "5"),
        ])
        .unwrap();
        assert_eq!(config.metrics_addr, Some("127.0.0.1:9090".parse().unwrap()));
        assert_eq!(
            config.connections,
            Connections {
                header_read_timeout: Duration::from_secs(3),
                idle_timeout: Duration::from_secs(30),
                max: 100,
                max_per_ip: 10,
            }
        );
        assert_eq!(
            config.feeds,
            FeedCaps {
                per_token: 2,
                per_ip: 5
            }
        );
        let error = self::config(&[("ETALASE_DEMO", "1"), ("ETALASE_METRICS_ADDR", "9090")]);
        assert_eq!(error.unwrap_err(), ConfigError::MetricsAddr("9090".into()));
        let error = self::config(&[("ETALASE_DEMO", "1"), ("ETALASE_MAX_CONNECTIONS", "0")]);
        assert!(matches!(
            error.unwrap_err(),
            ConfigError::Number("ETALASE_MAX_CONNECTIONS", _)
        ));
    }

    #[test]
    fn demo_origins_are_none_by_default_and_read_as_a_list() {
        assert!(config(&[("ETALASE_DEMO", "1")])
            .unwrap()
            .demo_origins
            .is_empty());
        let config = config(&[
            ("ETALASE_DEMO", "1"),
            (
                "ETALASE_DEMO_ORIGINS",
                " http://localhost:3000,https://shop.example , http://[::1]:5173,,http://localhost:3000",
            ),
        ])
        .unwrap();
        assert_eq!(
            config.demo_origins,
            [
                "http://localhost:3000",
                "https://shop.example",
                "http://[::1]:5173"
            ]
        );
    }

    #[test]
    fn a_malformed_demo_origin_is_named_with_what_is_wrong() {
        for (bad, says) in [
            ("http://localhost:3000/", "trailing /"),
            ("localhost:3000", "http:// or https://"),
            ("ftp://shop.example", "http:// or https://"),
            ("https://shop.example/app", "no path"),
            ("http://localhost:99999", "port"),
            ("http://localhost:", "port"),
            ("https://Shop.example", "lower case"),
            ("https://", "host"),
            ("https://shop example", "host"),
            ("https://user@shop.example", "user name"),
        ] {
            let error = config(&[
                ("ETALASE_DEMO", "1"),
                (
                    "ETALASE_DEMO_ORIGINS",
                    &format!("http://localhost:8081, {bad}"),
                ),
            ])
            .unwrap_err();
            let ConfigError::DemoOrigin { origin, .. } = &error else {
                panic!("{bad}: {error:?}");
            };
            assert_eq!(origin, bad);
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("ETALASE_DEMO_ORIGINS: {bad:?} is not an origin")),
                "{message}"
            );
            assert!(message.contains(says), "{bad}: {message}");
        }
    }

    #[test]
    fn the_database_url_is_checked_alone() {
        let url = database_url(&|name| {
            Ok((name == "DATABASE_URL").then(|| "sqlite:///tmp/hosts.db".to_owned()))
        });
        assert_eq!(url.unwrap(), "sqlite:///tmp/hosts.db");
        assert_eq!(database_url(&|_| Ok(None)).unwrap(), "sqlite://etalase.db");
        let bad = database_url(&|_| Ok(Some("mysql://db/x".to_owned())));
        assert_eq!(
            bad.unwrap_err(),
            ConfigError::DatabaseUrl("mysql://".into())
        );
    }

    #[test]
    fn a_bad_address_names_the_variable() {
        let error = config(&[("ETALASE_DEMO", "1"), ("ETALASE_ADDR", "localhost")]).unwrap_err();
        assert_eq!(error, ConfigError::Addr("localhost".into()));
        assert!(error.to_string().starts_with("ETALASE_ADDR=\"localhost\""));
    }
}
