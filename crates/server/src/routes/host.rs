//! What a host's back-end calls with its secret API key: `POST
//! /v1/host/sessions` mints a token for one of its users; `POST` and `GET
//! /v1/host/publishable-keys` and `DELETE …/{id}` mint, list and revoke its
//! publishable keys; `GET` and `PUT /v1/host/settings` read and set what it
//! chose for its viewers (the purchase ticker).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_contract::{
    HostSettings, PublishableKey, PublishableKeyList, SessionRequest, SessionToken,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath, NoFields};
use crate::identity::{self, publishable, HostKey};
use crate::time::Timestamp;
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_session))
        .routes(routes!(mint_publishable_key, list_publishable_keys))
        .routes(routes!(revoke_publishable_key))
        .routes(routes!(settings, set_settings))
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

/// Mints a publishable key for the calling host's pages and apps (201): it
/// reads streams, showcases, products, tags and live feeds, from the host's
/// registered origins, and is shown whole this once. It takes no fields:
/// no body, or `{}`.
#[utoipa::path(post, path = "/host/publishable-keys", tag = "identity",
    security(("host_key" = [])),
    responses(
        (status = 201, description = "The new key, whole; the server keeps only its hash", body = etalase_contract::PublishableKey),
        (status = 400, description = "`bad_request`: a body that is not JSON", body = etalase_contract::ErrorBody),
        (status = 401, description = "`unauthenticated`: a missing or unknown host API key", body = etalase_contract::ErrorBody),
        (status = 403, description = "`publishable_key_forbidden`: a publishable key instead of the host's API key", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming a field of the body (the request takes none; send no body or `{}`), or `body` for JSON that is not an object", body = etalase_contract::ErrorBody)
    ))]
async fn mint_publishable_key(
    State(state): State<AppState>,
    host: HostKey,
    _: NoFields,
) -> Result<(StatusCode, Json<PublishableKey>)> {
    let key = publishable::mint(&state, &host.host_id).await?;
    Ok((StatusCode::CREATED, Json(key)))
}

/// The calling host's publishable keys, revoked ones included, and the
/// origins they work from.
#[utoipa::path(get, path = "/host/publishable-keys", tag = "identity",
    security(("host_key" = [])),
    responses(
        (status = 200, description = "Newest first; each key by its id and last four characters", body = etalase_contract::PublishableKeyList),
        (status = 401, description = "`unauthenticated`: a missing or unknown host API key", body = etalase_contract::ErrorBody),
        (status = 403, description = "`publishable_key_forbidden`: a publishable key instead of the host's API key", body = etalase_contract::ErrorBody)
    ))]
async fn list_publishable_keys(
    State(state): State<AppState>,
    host: HostKey,
) -> Result<Json<PublishableKeyList>> {
    let (keys, origins) = state.store.publishable_keys(&host.host_id).await?;
    Ok(Json(PublishableKeyList { keys, origins }))
}

/// Revokes one of the calling host's publishable keys (204, also when it
/// was revoked already): from then on it is refused with 401
/// `publishable_key_revoked`.
#[utoipa::path(delete, path = "/host/publishable-keys/{id}", tag = "identity",
    security(("host_key" = [])),
    params(("id" = String, Path, description = "The key's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "`unauthenticated`: a missing or unknown host API key", body = etalase_contract::ErrorBody),
        (status = 403, description = "`publishable_key_forbidden`: a publishable key instead of the host's API key", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another host's key", body = etalase_contract::ErrorBody)
    ))]
async fn revoke_publishable_key(
    State(state): State<AppState>,
    host: HostKey,
    AppPath(id): AppPath<String>,
) -> Result<StatusCode> {
    if state
        .store
        .revoke_publishable_key(&host.host_id, &id, Timestamp::now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound(format!(
            "this host has no publishable key {id:?}"
        )))
    }
}

/// What the calling host chose for its viewers.
#[utoipa::path(get, path = "/host/settings", tag = "identity",
    security(("host_key" = [])),
    responses(
        (status = 200, description = "The host's settings", body = etalase_contract::HostSettings),
        (status = 401, description = "`unauthenticated`: a missing or unknown host API key", body = etalase_contract::ErrorBody),
        (status = 403, description = "`publishable_key_forbidden`: a publishable key instead of the host's API key", body = etalase_contract::ErrorBody)
    ))]
async fn settings(State(state): State<AppState>, host: HostKey) -> Result<Json<HostSettings>> {
    state
        .store
        .host_settings(&host.host_id)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::Internal(format!("host {} vanished", host.host_id)))
}

/// Sets what the calling host chose for its viewers: `purchase_ticker:
/// false` keeps `purchase` events off their live feeds (feeds opened from
/// then on).
#[utoipa::path(put, path = "/host/settings", tag = "identity",
    security(("host_key" = [])),
    request_body = etalase_contract::HostSettings,
    responses(
        (status = 200, description = "The host's settings as set", body = etalase_contract::HostSettings),
        (status = 401, description = "`unauthenticated`: a missing or unknown host API key", body = etalase_contract::ErrorBody),
        (status = 403, description = "`publishable_key_forbidden`: a publishable key instead of the host's API key", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field`: not a boolean, or an unknown field", body = etalase_contract::ErrorBody)
    ))]
async fn set_settings(
    State(state): State<AppState>,
    host: HostKey,
    AppJson(request): AppJson<HostSettings>,
) -> Result<Json<HostSettings>> {
    state
        .store
        .set_host_settings(&host.host_id, &request)
        .await?;
    Ok(Json(request))
}
