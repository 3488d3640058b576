//! Health: `GET /health/live` (the process answers: restart it if not),
//! `GET /health/ready` (it can serve: send it traffic if so) and
//! `GET /healthz` (the database answers; kept for older checks).

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::AppState;

/// The routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(live))
        .routes(routes!(ready))
}

/// The body of a healthy answer: `{"status":"ok"}`.
#[derive(Serialize)]
struct Health {
    status: &'static str,
}

const OK: Health = Health { status: "ok" };

/// 200 when the database answers a query, 503 `unavailable` otherwise.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses(
        (status = 200, description = "The server and its database answer"),
        (status = 503, description = "`unavailable`", body = etalase_contract::ErrorBody)
    ))]
async fn health(State(state): State<AppState>) -> Result<Json<Health>> {
    state.store.ping().await.map_err(AppError::Unavailable)?;
    Ok(Json(OK))
}

/// Liveness: 200 whenever the process serves HTTP; it touches nothing else,
/// so a database outage never gets healthy instances restarted.
#[utoipa::path(get, path = "/health/live", tag = "health",
    responses((status = 200, description = "The process serves HTTP")))]
async fn live() -> Json<Health> {
    Json(OK)
}

/// Readiness: 200 when the database answers and the server is not shutting
/// down; 503 `unavailable` otherwise, so a load balancer stops sending it
/// requests.
#[utoipa::path(get, path = "/health/ready", tag = "health",
    responses(
        (status = 200, description = "The instance can serve requests"),
        (status = 503, description = "`unavailable`: no database, or shutting down", body = etalase_contract::ErrorBody)
    ))]
async fn ready(State(state): State<AppState>) -> Result<Json<Health>> {
    if state.live.is_closed() {
        return Err(AppError::Stopping);
    }
    state.store.ping().await.map_err(AppError::Unavailable)?;
    Ok(Json(OK))
}
