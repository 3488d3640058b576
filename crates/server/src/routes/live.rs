//! `GET /v1/streams/{id}/events`: a stream's live changes as Server-Sent
//! Events, for any token or a host's publishable key.
//!
//! The first event is always a `snapshot`, followed by a `deal` event per
//! flash deal not yet ended and a `viewers` count; then `pinned`,
//! `unpinned`, `showcase`, `stock`, `voucher` and `deal` as they happen,
//! `viewers` when the count changes and `purchase` when an order from the
//! stream is paid (unless the viewer's host switched the ticker off; see
//! [`crate::live::social`]), `sales` to the stream's creator alone when
//! its sales change, and a comment line every 15 s of silence. The answer is never compressed (tower-http skips
//! `text/event-stream`) and the request timeout does not cut it (it bounds
//! only the time to the response's head). See [`crate::live`].
//!
//! One token (a publishable key with one client address), and one client
//! address, may hold only so many feeds open at once (`ETALASE_MAX_FEEDS_PER_TOKEN`, `ETALASE_MAX_FEEDS_PER_IP`); one
//! more is answered 429 `rate_limited` until one of them closes.

use std::time::Duration;

use axum::extract::{FromRequestParts, State};
use axum::http::header::{HeaderName, HeaderValue, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_contract::{ErrorBody, ErrorCode, SocialEvent};
use tokio::time::Instant;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::creator;
use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::identity::Reader;
use crate::live::{self, Full, Lifetime, Opening};
use crate::proxies::client_of;
use crate::time::Timestamp;
use crate::AppState;

/// The longest silence before a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a viewer refused for too many open feeds is told to wait.
const FULL_RETRY_AFTER_SECS: u32 = 10;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}

/// The stream's live events: a `snapshot` first, then each change.
#[utoipa::path(get, path = "/streams/{id}/events", tag = "live",
    security(("token" = []), ("publishable_key" = [])),
    params(("id" = String, Path, description = "The stream's id")),
    responses(
        (status = 200, description = "Server-Sent Events: `event: <type>` and `data: <FeedEvent as JSON>`, the first always a `snapshot`, then a `deal` per flash deal not yet ended and a `viewers` count (a `SocialEvent`: `viewers` when the count changes, at most every 5 s; `purchase` when an order from the stream is paid, at most one every 5 s, unless the viewer's host switched the ticker off); `sales` (no fields) to the stream's creator alone, when an order of the stream is paid or an unpaid one ends; a `:` comment every 15 s of silence. Ends when the token expires (a publishable key's feed after 15 minutes, or within 5 s of the key's revocation) or the server stops; reconnect for a new snapshot", content_type = "text/event-stream", body = etalase_contract::FeedEvent),
        (status = 401, description = "`unauthenticated`, `token_expired` or `publishable_key_revoked`", body = etalase_contract::ErrorBody),
        (status = 403, description = "`origin_not_allowed`: a publishable key sent from a page whose origin its host did not register (the answer has no CORS headers)", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`: too many requests, or the token or the client address already holds as many open feeds as allowed (`ETALASE_MAX_FEEDS_PER_TOKEN`, `ETALASE_MAX_FEEDS_PER_IP`)", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody),
        (status = 503, description = "`unavailable`: the server is stopping", body = etalase_contract::ErrorBody)
    ))]
async fn events(
    State(state): State<AppState>,
    reader: Reader,
    caller: Caller,
    AppPath(id): AppPath<String>,
) -> Result<Response> {
    let slot = match state.feeds.take(&reader.holder, caller.address.as_deref()) {
        Ok(slot) => slot,
        Err(full) => return Ok(too_many_feeds(full)),
    };
    // Subscribe before reading the snapshot, so nothing committed after
    // the snapshot is missed.
    let subscription = state.live.subscribe(&id).ok_or(AppError::Stopping)?;
    let snapshot = state
        .store
        .snapshot(&id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no stream has id {id:?}")))?;
    let mut events = vec![snapshot.into()];
    events.extend(state.store.deal_events(&id).await?);
    let purchases = state
        .store
        .purchase_ticker(reader.host_id.as_deref(), reader.user_id)
        .await?;
    let opening = Opening {
        events,
        social: vec![SocialEvent::Viewers {
            count: state.live.viewers(&id),
        }],
        purchases,
        sales: creator::runs_stream(&state.store, reader.user_id, &id).await?,
    };
    let lifetime = Lifetime {
        until: Instant::now() + Timestamp::now().until(reader.until),
        key_hash: reader.key_hash,
    };
    let feed = live::feed(
        state.store.clone(),
        subscription,
        slot,
        id,
        opening,
        lifetime,
    );
    let sse = Sse::new(feed).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    // Asks proxies such as nginx not to buffer the events.
    let no_buffering = [(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    )];
    Ok((no_buffering, sse).into_response())
}

/// Where the feed goes, for the cap per client address: its key, when
/// the request came over TCP.
struct Caller {
    address: Option<String>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self> {
        // The client as the per-address limit found it (behind a trusted
        // proxy, from `X-Forwarded-For`), else the TCP peer.
        Ok(Caller {
            address: client_of(parts),
        })
    }
}

/// 429 `rate_limited` for a feed over a cap, saying which.
fn too_many_feeds(full: Full) -> Response {
    let message = match full {
        Full::Token(cap) => format!(
            "this token already holds {cap} live feeds open, the most allowed; close one first"
        ),
        Full::Address(cap) => format!(
            "this client address already holds {cap} live feeds open, the most allowed; \
             close one first"
        ),
    };
    let body = ErrorBody::new(ErrorCode::RateLimited, message);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(RETRY_AFTER, HeaderValue::from(FULL_RETRY_AFTER_SECS))],
        Json(body),
    )
        .into_response()
}
