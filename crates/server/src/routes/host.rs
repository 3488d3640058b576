//! `POST /v1/host/sessions`: a host's back-end mints a token for its user.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_contract::{SessionRequest, SessionToken};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Result;
use crate::extract::AppJson;
use crate::identity::{self, HostKey};
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_session))
}

/// Mints a short-lived token for one of the calling host's users (201).
#[utoipa::path(post, path = "/host/sessions", tag = "identity",
    security(("host_key" = [])),
    request_body = etalase_contract::SessionRequest,
    responses(
        (status = 201, description = "A short-lived token for the user", body = etalase_contract::SessionToken),
        (status = 401, description = "`unauthenticated`: a missing or unknown host API key", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `user_id` or `role`", body = etalase_contract::ErrorBody)
    ))]
async fn create_session(
    State(state): State<AppState>,
    host: HostKey,
    AppJson(request): AppJson<SessionRequest>,
) -> Result<(StatusCode, Json<SessionToken>)> {
    let token = identity::mint(&state, &host.host_id, request).await?;
    Ok((StatusCode::CREATED, Json(token)))
}
