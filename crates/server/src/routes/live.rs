//! `GET /v1/streams/{id}/events`: a stream's live changes as Server-Sent
//! Events, for any token.
//!
//! The first event is always a `snapshot`; then `pinned`, `unpinned`,
//! `showcase`, `stock` and `voucher` as they happen, and a comment line
//! every 15 s of silence. The answer is never compressed (tower-http skips
//! `text/event-stream`) and the request timeout does not cut it (it bounds
//! only the time to the response's head). See [`crate::live`].

use std::time::Duration;

use axum::extract::State;
use axum::http::header::{HeaderName, HeaderValue};
use axum::response::sse::{KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::time::Instant;

use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::identity::Viewer;
use crate::live;
use crate::time::Timestamp;
use crate::AppState;

/// The longest silence before a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The routes of this module, relative to `/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/streams/{id}/events", get(events))
}

/// The stream's live events: a `snapshot` first, then each change.
#[utoipa::path(get, path = "/v1/streams/{id}/events", tag = "live",
    security(("token" = [])),
    params(("id" = String, Path, description = "The stream's id")),
    responses(
        (status = 200, description = "Server-Sent Events: `event: <type>` and `data: <StreamEvent as JSON>`, the first always a `snapshot`; a `:` comment every 15 s of silence. Ends when the token expires or the server stops; reconnect for a new snapshot", content_type = "text/event-stream", body = etalase_contract::StreamEvent),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody),
        (status = 503, description = "`unavailable`: the server is stopping", body = etalase_contract::ErrorBody)
    ))]
async fn events(
    State(state): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<String>,
) -> Result<impl IntoResponse> {
    // Subscribe before reading the snapshot, so nothing committed after
    // the snapshot is missed.
    let subscription = state.live.subscribe(&id).ok_or(AppError::Stopping)?;
    let snapshot = state
        .store
        .snapshot(&id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no stream has id {id:?}")))?;
    let until = Instant::now() + Timestamp::now().until(viewer.expires_at);
    let feed = live::feed(state.store.clone(), subscription, id, snapshot, until);
    let sse = Sse::new(feed).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    // Asks proxies such as nginx not to buffer the events.
    let no_buffering = [(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    )];
    Ok((no_buffering, sse))
}
