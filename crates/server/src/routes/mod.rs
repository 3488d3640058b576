//! The routes, one module per area, each with its own `router()`.
//!
//! | path | module |
//! | --- | --- |
//! | `GET /healthz` | [`health`] |
//! | `GET /v1/streams`, `/v1/streams/{id}/products`, `/v1/products/{id}` | [`catalogue`] |
//! | `GET /media/products/{id}/{n}.svg` | [`media`] |
//! | `/pkg/…` and everything else | [`site`] |

mod catalogue;
mod health;
mod media;
mod site;

use axum::extract::OriginalUri;
use axum::http::Method;
use axum::Router;

use crate::error::AppError;
use crate::{AppState, Site};

/// Every route of the server.
pub fn router(site: &Site) -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .nest("/v1", api())
        .merge(media::router())
        .merge(site::router(site))
}

/// The API, under `/v1`. An unknown path there is a 404 of the API, never a
/// look-up in the demo site's files.
fn api() -> Router<AppState> {
    Router::new().merge(catalogue::router()).fallback(no_route)
}

async fn no_route(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NotFound(format!("no API route for {method} {}", uri.path()))
}
