//! What shoppers browse: streams, a stream's showcase, a product's detail.
//!
//! Any valid token may read them (shoppers and creators alike).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use etalase_contract::{ProductDetail, Showcase, StreamList};

use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::identity::Viewer;
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/streams", get(streams))
        .route("/streams/{id}/products", get(showcase))
        .route("/products/{id}", get(product))
}

/// `GET /v1/streams`: every stream and video, live ones first.
#[utoipa::path(get, path = "/v1/streams", tag = "catalogue",
    security(("token" = [])),
    responses(
        (status = 200, description = "Streams and videos, live first", body = etalase_contract::StreamList),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody)
    ))]
async fn streams(State(state): State<AppState>, _viewer: Viewer) -> Result<Json<StreamList>> {
    Ok(Json(state.store.streams().await?))
}

/// `GET /v1/streams/{id}/products`: the stream's showcase.
#[utoipa::path(get, path = "/v1/streams/{id}/products", tag = "catalogue",
    security(("token" = [])),
    params(("id" = String, Path, description = "The stream's id")),
    responses(
        (status = 200, description = "The showcase in the creator's order", body = etalase_contract::Showcase),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody)
    ))]
async fn showcase(
    State(state): State<AppState>,
    _viewer: Viewer,
    AppPath(id): AppPath<String>,
) -> Result<Json<Showcase>> {
    state
        .store
        .showcase(&id)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("no stream has id {id:?}")))
}

/// `GET /v1/products/{id}`: a listed product with its options and variants.
#[utoipa::path(get, path = "/v1/products/{id}", tag = "catalogue",
    security(("token" = [])),
    params(("id" = String, Path, description = "The product's id")),
    responses(
        (status = 200, description = "Shop, images, options and variants", body = etalase_contract::ProductDetail),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for unlisted products", body = etalase_contract::ErrorBody)
    ))]
async fn product(
    State(state): State<AppState>,
    _viewer: Viewer,
    AppPath(id): AppPath<String>,
) -> Result<Json<ProductDetail>> {
    state
        .store
        .product(&id)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("no product has id {id:?}")))
}
