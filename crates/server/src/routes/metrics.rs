//! `GET /metrics`: this instance's counts in Prometheus' text format, on
//! the metrics listener only (`ETALASE_METRICS_ADDR`, see
//! [`crate::server::metrics_app`]); the API's listener does not serve it.

use axum::extract::State;
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::metrics::Gauges;
use crate::AppState;

/// The OpenMetrics text format, which Prometheus scrapes.
const TEXT_FORMAT: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(metrics))
}

/// The metrics listed in [`crate::metrics`], with the gauges read now.
async fn metrics(State(state): State<AppState>) -> Response {
    let (db_idle, db_size) = state.store.pool_connections();
    let text = state.metrics.render(Gauges {
        streams_watched: state.live.watched_streams(),
        feeds_open: state.feeds.open_feeds(),
        db_idle,
        db_in_use: db_size.saturating_sub(db_idle),
    });
    let mut response = text.into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(TEXT_FORMAT));
    response
}
