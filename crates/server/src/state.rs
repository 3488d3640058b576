//! The state every handler can reach.

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};

use secrecy::ExposeSecret;

use crate::config::{FeedCaps, Settings, Site};
use crate::key_waits::KeyWaits;
use crate::live::{FeedSlots, Live};
use crate::metrics::Metrics;
use crate::proxies::TrustedProxies;
use crate::rate_limit::RateLimiter;
use crate::showcases::Showcases;
use crate::store::{Backend, Store};

/// What the routes share: the database, the settings, the rate limiter, the
/// registered origins, the streams' live events, the showcases held in
/// memory, the metrics and where the demo site's files live.
///
/// Cloned for every request, so it holds only handles.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// How the API behaves.
    pub settings: Arc<Settings>,
    /// The per-token rate limiter.
    pub limiter: Arc<RateLimiter>,
    /// The origins CORS allows: every registered host's.
    pub origins: Origins,
    /// The streams' live events and their viewers.
    pub live: Live,
    /// The showcases held in memory, which `live` keeps fresh.
    pub showcases: Showcases,
    /// The open live feeds, counted against their caps.
    pub feeds: FeedSlots,
    /// Duplicate order requests waiting for the request holding their key.
    pub key_waits: KeyWaits,
    /// What this instance has done, for `GET /metrics`.
    pub metrics: Arc<Metrics>,
    /// The demo site's directories.
    pub site: Arc<Site>,
    /// The load balancers whose `X-Forwarded-For` is believed.
    pub proxies: Arc<TrustedProxies>,
    /// The demo page's publishable key, minted on its first request (demo
    /// mode only): one per instance, not one per page load.
    pub demo_key: Arc<tokio::sync::OnceCell<etalase_contract::PublishableKey>>,
}

/// The origins of every registered host, kept in memory for CORS.
#[derive(Debug, Clone, Default)]
pub struct Origins(Arc<RwLock<BTreeSet<String>>>);

impl Origins {
    /// Whether `origin` (`https://app.example`) belongs to a registered host.
    pub fn allows(&self, origin: &str) -> bool {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(origin)
    }

    /// Every registered origin, sorted.
    pub fn list(&self) -> Vec<String> {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    /// Reads the registered origins again from `store`.
    pub async fn reload(&self, store: &Store) -> Result<(), sqlx::Error> {
        let origins = store.registered_origins().await?;
        *self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = origins.into_iter().collect();
        Ok(())
    }
}

impl AppState {
    /// State over `store`, behaving as `settings` say, serving the demo site
    /// from `site`; on PostgreSQL, listening for the live events of every
    /// instance. Call [`Origins::reload`] after registering hosts. Live
    /// feeds are not capped until [`AppState::with_feed_caps`].
    pub async fn open(store: Store, settings: Settings, site: Site) -> Result<Self, sqlx::Error> {
        let live = match store.backend() {
            Backend::Sqlite => Live::default(),
            Backend::Postgres => Live::over_postgres(store.url().expose_secret()).await?,
        };
        store.hold_sessions(settings.session_hold);
        store.hold_publishable_keys(settings.key_hold);
        Ok(AppState {
            store,
            limiter: Arc::new(RateLimiter::per_minute(settings.rate_limit_per_minute)),
            settings: Arc::new(settings),
            origins: Origins::default(),
            showcases: live.showcases().clone(),
            live,
            feeds: FeedSlots::default(),
            key_waits: KeyWaits::default(),
            metrics: Arc::default(),
            site: Arc::new(site),
            proxies: Arc::default(),
            demo_key: Arc::default(),
        })
    }

    /// The same state, believing the `X-Forwarded-For` of requests from
    /// `proxies` for the client's address (none may have been served).
    #[must_use]
    pub fn with_trusted_proxies(self, proxies: TrustedProxies) -> Self {
        AppState {
            proxies: Arc::new(proxies),
            ..self
        }
    }

    /// The same state, with live feeds capped by `caps` (none may be open).
    #[must_use]
    pub fn with_feed_caps(self, caps: FeedCaps) -> Self {
        AppState {
            feeds: FeedSlots::new(caps),
            ..self
        }
    }
}
