//! Demo-only endpoints, routed only in demo mode (`ETALASE_DEMO=1`).
//!
//! `POST /demo/session` plays the demo host's back-end: it mints a token for
//! the host `demo` with the demo host's key held server-side, so the demo
//! page never sees a host API key. A real host does this in its own back-end
//! with `POST /v1/host/sessions`. `POST /demo/publishable-key` hands the
//! page the demo host's publishable key, minted once per instance, as a
//! real host would put its key in its page (`POST
//! /v1/host/publishable-keys`).
//!
//! `POST /v1/demo/payments/{id}/pay` plays the shopper paying (the provider
//! then sends its signed `payment.paid` webhook), and `POST
//! /v1/demo/orders/{id}/advance` plays the shop and courier moving a paid
//! order one step on. Both take the shopper's token and touch only the
//! shopper's own payments and orders.

use axum::extract::State;
use axum::http::{header, HeaderName, StatusCode};
use axum::Json;
use etalase_contract::{
    Order, Payment, PaymentEventKind, PublishableKey, SavedAddress, SessionRequest, SessionToken,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath};
use crate::identity::{self, Shopper};
use crate::orders::lifecycle;
use crate::store::payments;
use crate::{provider, AppState};

/// The id of the host registered in demo mode.
pub const DEMO_HOST: &str = "demo";

/// The routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session))
        .routes(routes!(publishable_key))
}

/// The demo API routes, relative to `/v1`.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(pay))
        .routes(routes!(advance))
}

/// The demo host's publishable key for the demo page, minted on the first
/// request and the same after it.
#[utoipa::path(post, path = "/demo/publishable-key", tag = "demo",
    responses(
        (status = 200, description = "Demo mode only: the publishable key of the host `demo`", body = etalase_contract::PublishableKey)
    ))]
async fn publishable_key(
    State(state): State<AppState>,
) -> Result<([(HeaderName, &'static str); 1], Json<PublishableKey>)> {
    let key = state
        .demo_key
        .get_or_try_init(|| identity::publishable::mint(&state, DEMO_HOST))
        .await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(key.clone())))
}

/// Pays one of the caller's pending payments, as the shopper would in their
/// bank or wallet app; the provider's webhook does the rest.
#[utoipa::path(post, path = "/demo/payments/{id}/pay", tag = "demo",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's payments")),
    responses(
        (status = 200, description = "Demo mode only: paid through the provider's signed webhook", body = etalase_contract::Payment),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody)
    ))]
async fn pay(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<Payment>> {
    let not_found = || AppError::NotFound(format!("no payment has id {id:?}"));
    let mut conn = state.store.acquire().await?;
    let (_, owner) = payments::payment_owner(&mut conn, &id)
        .await?
        .ok_or_else(not_found)?;
    drop(conn);
    if owner != shopper.user_id {
        return Err(not_found());
    }
    provider::send(&state, PaymentEventKind::Paid, &id).await?;
    let mut conn = state.store.acquire().await?;
    payments::payment(&mut conn, &id)
        .await?
        .map(Json)
        .ok_or_else(not_found)
}

/// Moves one of the caller's paid orders one step on.
#[utoipa::path(post, path = "/demo/orders/{id}/advance", tag = "demo",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's paid orders")),
    responses(
        (status = 200, description = "Demo mode only: moved one step toward `completed`", body = etalase_contract::Order<etalase_contract::SavedAddress>),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody),
        (status = 409, description = "`invalid_transition`", body = etalase_contract::ErrorBody)
    ))]
async fn advance(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<Order<SavedAddress>>> {
    Ok(Json(
        lifecycle::advance(&state.store, shopper.user_id, &id).await?,
    ))
}

/// Mints a token for a user of the demo host (201).
#[utoipa::path(post, path = "/demo/session", tag = "demo",
    request_body = etalase_contract::SessionRequest,
    responses(
        (status = 201, description = "Demo mode only: a token for a user of the host `demo`", body = etalase_contract::SessionToken),
        (status = 422, description = "`invalid_field`", body = etalase_contract::ErrorBody)
    ))]
async fn session(
    State(state): State<AppState>,
    AppJson(request): AppJson<SessionRequest>,
) -> Result<(
    StatusCode,
    [(HeaderName, &'static str); 1],
    Json<SessionToken>,
)> {
    let token = identity::mint(&state, DEMO_HOST, request).await?;
    // A token, as minting's own answer: never kept by a cache.
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    Ok((StatusCode::CREATED, no_store, Json(token)))
}
