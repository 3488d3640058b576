//! Demo-only endpoints, routed only in demo mode (`ETALASE_DEMO=1`).
//!
//! `POST /demo/session` plays the demo host's back-end: it mints a token for
//! the host `demo` with the demo host's key held server-side, so the demo
//! page never sees a host API key. A real host does this in its own back-end
//! with `POST /v1/host/sessions`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use etalase_contract::{SessionRequest, SessionToken};

use crate::error::Result;
use crate::extract::AppJson;
use crate::identity;
use crate::AppState;

/// The id of the host registered in demo mode.
pub const DEMO_HOST: &str = "demo";

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/demo/session", post(session))
}

/// Mints a token for a user of the demo host (201).
async fn session(
    State(state): State<AppState>,
    AppJson(request): AppJson<SessionRequest>,
) -> Result<(StatusCode, Json<SessionToken>)> {
    let token = identity::mint(&state, DEMO_HOST, request).await?;
    Ok((StatusCode::CREATED, Json(token)))
}
