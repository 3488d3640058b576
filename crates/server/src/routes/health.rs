//! `GET /healthz`: whether the server and its database answer.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::error::{AppError, Result};
use crate::AppState;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

/// The body of a healthy answer: `{"status":"ok"}`.
#[derive(Serialize)]
struct Health {
    status: &'static str,
}

/// 200 when the database answers a query, 503 `unavailable` otherwise.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses(
        (status = 200, description = "The server and its database answer"),
        (status = 503, description = "`unavailable`", body = etalase_contract::ErrorBody)
    ))]
async fn health(State(state): State<AppState>) -> Result<Json<Health>> {
    state.store.ping().await.map_err(AppError::Unavailable)?;
    Ok(Json(Health { status: "ok" }))
}
