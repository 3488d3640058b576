//! `POST /v1/checkout/quote`: every amount of the checkout, from the server.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use etalase_contract::{Quote, QuoteRequest};

use crate::checkout;
use crate::error::Result;
use crate::extract::AppJson;
use crate::identity::Shopper;
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/checkout/quote", post(quote))
}

/// Prices the caller's whole cart with the choices in the body.
async fn quote(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<QuoteRequest>,
) -> Result<Json<Quote>> {
    Ok(Json(
        checkout::quote(&state.store, shopper.user_id, &request).await?,
    ))
}
