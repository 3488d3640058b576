//! The creator's own streams: `PUT /v1/creator/streams/{id}/products` and
//! `PUT /v1/creator/streams/{id}/pin`.
//!
//! Only the stream's own creator may change it; another creator's stream is
//! a 404, and a shopper token a 403 `wrong_role`.

use axum::extract::State;
use axum::routing::put;
use axum::{Json, Router};
use etalase_contract::{SetPin, SetShowcase, Showcase};

use crate::creator::showcase;
use crate::error::Result;
use crate::extract::{AppJson, AppPath};
use crate::identity::Creator;
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/creator/streams/{id}/products", put(set_showcase))
        .route("/creator/streams/{id}/pin", put(set_pin))
}

/// Sets the stream's showcase, in order; viewers get `showcase` (and
/// `unpinned` when the pinned product was left out).
#[utoipa::path(put, path = "/v1/creator/streams/{id}/products", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    request_body = etalase_contract::SetShowcase,
    responses(
        (status = 200, description = "The showcase as shoppers now see it", body = etalase_contract::Showcase),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody),
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody),
        (status = 422, description = "`product_unavailable` (unknown or unlisted, naming `product_ids[i]`), or `invalid_field` (over 50 products, or one twice)", body = etalase_contract::ErrorBody)
    ))]
async fn set_showcase(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
    AppJson(request): AppJson<SetShowcase>,
) -> Result<Json<Showcase>> {
    showcase::set_showcase(&state, creator.user_id, &id, &request)
        .await
        .map(Json)
}

/// Pins a product of the showcase, or unpins with `{"product_id": null}`;
/// viewers get `pinned` or `unpinned`.
#[utoipa::path(put, path = "/v1/creator/streams/{id}/pin", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    request_body = etalase_contract::SetPin,
    responses(
        (status = 200, description = "The showcase as shoppers now see it", body = etalase_contract::Showcase),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody),
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `product_id`: not a listed product of the showcase", body = etalase_contract::ErrorBody)
    ))]
async fn set_pin(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
    AppJson(request): AppJson<SetPin>,
) -> Result<Json<Showcase>> {
    showcase::set_pin(&state, creator.user_id, &id, &request)
        .await
        .map(Json)
}
