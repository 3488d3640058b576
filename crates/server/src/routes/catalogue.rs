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
async fn streams(State(state): State<AppState>, _viewer: Viewer) -> Result<Json<StreamList>> {
    Ok(Json(state.store.streams().await?))
}

/// `GET /v1/streams/{id}/products`: the stream's showcase.
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
