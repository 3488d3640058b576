//! `etalase-server`: the reference marketplace API behind the Etalase widget.
//!
//! One process serves the JSON API (`/v1/…`), the generated product images
//! (`/media/…`), health checks (`/health/live`, `/health/ready`,
//! `/healthz`) and the demo site (`/` and `/pkg/…`), with metrics
//! (`/metrics`) on a listener of their own when asked for, on an embedded SQLite database or a PostgreSQL server shared by any
//! number of instances, which it migrates and seeds itself.
//!
//! # Codemap
//! | module | what it owns |
//! | --- | --- |
//! | [`config`] | run-time settings from the environment, with their defaults |
//! | [`server`] | start-up ([`run`]), the listener ([`serve`]) and graceful shutdown |
//! | `routes` | one router per area: health, host sessions, catalogue, live events, creator, cart, regions, addresses, checkout, orders, payments, media, demo, site |
//! | [`checkout`] | pricing: rounding, shipping, fees, vouchers, quotes; the one place money is computed |
//! | [`creator`] | what creators do with their own streams: create, showcase, pin, tags by the second, sales |
//! | [`live`] | streams' live events: the in-process fan-out to viewers, each viewer's feed |
//! | [`deals`] | flash deals: starting and ending them, their quotes, opening and closing them on time |
//! | [`deal_board`] | the flash deals this instance knows are closed, from the live bus |
//! | [`showcases`] | showcases held in memory as their JSON answers, dropped by the live events that change them |
//! | [`live_vouchers`] | vouchers a creator drops during a stream: claims, and their use at checkout |
//! | [`identity`] | hosts' API keys and publishable keys, shopper and creator tokens, the extractors that check them |
//! | [`orders`] | placing a quote exactly once (idempotency keys), cancelling, expiring, the sweeper |
//! | [`key_waits`] | the order request running each key on this instance, and its duplicates waiting for it, woken when it finishes |
//! | [`payments`] | the provider's webhooks: signature, once-only events, their effects |
//! | [`provider`] | the simulated payment provider: instructions, webhooks, hosted card page |
//! | [`proxies`] | the load balancers whose `X-Forwarded-For` is believed, and the client address it gives |
//! | `rate_limit` | the request limits, per token and per client address |
//! | [`time`] | [`time::Timestamp`]: instants as the API and database write them |
//! | [`regions`] | Indonesia's official region list, compiled in, and the words regions are searched by |
//! | [`text`] | text people see: NFC, invisible and bidi characters refused, look-alike names keyed |
//! | `layers` | the one middleware stack every answer goes through |
//! | `request_id` | the id of each request, in its logs and its answer |
//! | [`metrics`] | counts for `GET /metrics`, in the OpenMetrics text format |
//! | [`error`] | [`AppError`]: how every failure becomes an [`etalase_contract::ErrorBody`] |
//! | `extract` | extractors whose rejections are our own error bodies |
//! | [`store`] | the database pool (SQLite or PostgreSQL), migrations and queries |
//! | [`seed`] | the demo catalogue, written once into an empty database |
//! | `art` | the deterministic SVG illustrations of products |
//!
//! # Invariants
//! - Every body the API sends is a type from `etalase-contract`; every error
//!   answer, including those made by axum or tower-http, is an `ErrorBody`.
//! - Database details never reach a client: they are logged, and the client
//!   gets an opaque `internal` or `unavailable` error.
//! - Ids are URL-safe slugs (the schema checks it), so they go into paths as
//!   they are.
//! - Free text from a request (user ids, titles, address fields) is stored
//!   only as [`text::Field::clean`] returns it: NFC, with no control,
//!   bidirectional or invisible character.

mod art;
pub mod checkout;
pub mod config;
pub mod creator;
pub mod deal_board;
pub mod deals;
pub mod error;
mod extract;
pub mod identity;
pub mod key_waits;
mod layers;
pub mod live;
pub mod live_vouchers;
pub mod metrics;
pub mod orders;
pub mod payments;
pub mod provider;
pub mod proxies;
mod rate_limit;
pub mod regions;
mod request_id;
mod routes;
pub mod seed;
pub mod server;
pub mod showcases;
mod state;
pub mod store;
pub mod text;
pub mod time;

use axum::Router;

pub use config::Config;
pub use config::Site;
pub use error::AppError;
pub use routes::demo::DEMO_HOST;
pub use server::{add_host, run, serve, AddHostError, StartupError};
pub use state::{AppState, Origins};

/// The whole application: every route behind the middleware stack, ready to
/// be served or driven in tests with `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    layers::apply(routes::router(&state), &state).with_state(state)
}
