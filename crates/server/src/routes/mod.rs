//! The routes, one module per area, each with its own `router()`.
//!
//! | path | module |
//! | --- | --- |
//! | `GET /health/live`, `/health/ready`, `/healthz` | [`health`] |
//! | `GET /openapi.json` | [`openapi`] |
//! | `POST /v1/host/sessions`, `/v1/host/publishable-keys`, `…/{id}`, `/v1/host/settings` | [`host`] |
//! | `GET /v1/origin` (any origin may read it) | [`origin`] |
//! | `GET /v1/streams`, `/v1/streams/upcoming`, `/v1/streams/{id}/products`, `/v1/products`, `/v1/products/{id}` | [`catalogue`] |
//! | `GET /v1/streams/{id}/events` (Server-Sent Events) | [`live`] |
//! | `POST /v1/streams/{id}/vouchers/{code}/claim` | [`vouchers`] |
//! | `/v1/creator/streams`, `/v1/creator/streams/{id}/…` | [`creator`] |
//! | `/v1/creator/streams/{id}/tags`, `…/tags/{tag_id}`, `GET /v1/streams/{id}/tags`, `/v1/products/{id}/videos` | [`tags`] |
//! | `/v1/creator/streams/{id}/deals`, `…/deals/{deal_id}/end`, `GET /v1/streams/{id}/deals`, `POST /v1/deals/{id}/quote` | [`deals`] |
//! | `/v1/cart`, `/v1/cart/items/{variant_id}` | [`cart`] |
//! | `GET /v1/regions`, `/v1/regions/{code}`, `/v1/regions/{code}/children` | [`regions`] |
//! | `/v1/addresses`, `/v1/addresses/{id}` | [`addresses`] |
//! | `POST /v1/checkout/quote` | [`checkout`] |
//! | `/v1/orders`, `/v1/orders/{id}`, `/v1/orders/{id}/cancel` | [`orders`] |
//! | `POST /v1/payments/webhook`, `/provider/card/{payment_id}` | [`payments`] |
//! | `POST /demo/session`, `/v1/demo/…` (demo mode only) | [`demo`] |
//! | `GET /media/products/{id}/{n}.svg` | [`media`] |
//! | `/pkg/…` and everything else | [`site`] |
//!
//! `GET /metrics` ([`metrics`]) is not among them: it is served on a
//! listener of its own ([`crate::server::metrics_app`]).

mod addresses;
mod answers;
mod cache;
mod cart;
mod catalogue;
mod checkout;
mod creator;
mod deals;
pub mod demo;
mod health;
mod host;
mod live;
mod media;
pub(crate) mod metrics;
pub mod openapi;
mod orders;
mod origin;
mod payments;
mod regions;
mod site;
mod tags;
mod vouchers;

use axum::extract::OriginalUri;
use axum::http::Method;
use axum::Router;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::AppState;

/// Every route of the server; the demo-only ones in demo mode only.
pub fn router(state: &AppState) -> Router<AppState> {
    let demo = state.settings.demo_host_key.is_some();
    let (router, _) = registry(demo).split_for_parts();
    router.merge(site::router(&state.site))
}

/// The OpenAPI document of every route, the demo-only ones included.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = registry(true).into_openapi();
    openapi::EventsOnTheWire.modify(&mut document);
    document
}

/// The one list of routes, each with its OpenAPI operation (the demo-only
/// ones when `demo`): the router and the document are both made from it.
fn registry(demo: bool) -> OpenApiRouter<AppState> {
    let registry = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .merge(health::router())
        .merge(openapi::router())
        .nest("/v1", api(demo))
        .merge(media::router())
        .merge(payments::provider_router());
    if demo {
        registry.merge(demo::router())
    } else {
        registry
    }
}

/// The API, under `/v1` (with the demo-only routes when `demo`). An unknown
/// path there is a 404 of the API, never a look-up in the demo site's files.
fn api(demo: bool) -> OpenApiRouter<AppState> {
    let api = if demo {
        demo::api_router()
    } else {
        OpenApiRouter::new()
    };
    api.merge(host::router())
        .merge(origin::router())
        .merge(catalogue::router())
        .merge(live::router())
        .merge(vouchers::router())
        .merge(creator::router())
        .merge(tags::router())
        .merge(deals::router())
        .merge(cart::router())
        .merge(regions::router())
        .merge(addresses::router())
        .merge(checkout::router())
        .merge(orders::router())
        .merge(payments::router())
        .fallback(no_route)
}

async fn no_route(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NotFound(format!("no API route for {method} {}", uri.path()))
}
