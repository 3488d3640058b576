//! `POST /v1/checkout/quote`: every amount of the checkout, from the server.

use axum::extract::State;
use axum::Json;
use etalase_contract::{QuoteAnswer, QuoteRequest, SavedAddress};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::checkout;
use crate::error::Result;
use crate::extract::AppJson;
use crate::identity::Shopper;
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(quote))
}

/// Prices the caller's whole cart with the choices in the body.
#[utoipa::path(post, path = "/checkout/quote", tag = "checkout",
    security(("token" = [])),
    request_body = etalase_contract::QuoteRequest,
    responses(
        (status = 200, description = "Every amount, computed by the server, and the couriers a shop's parcel is too heavy for (`unavailable_shipping`: shown disabled, with why)", body = etalase_contract::QuoteAnswer<etalase_contract::SavedAddress>),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: the address", body = etalase_contract::ErrorBody),
        (status = 409, description = "`out_of_stock` or `voucher_exhausted`", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field`, `voucher_not_found`, `voucher_expired`, `voucher_not_applicable` or `payment_method_unavailable`, naming the field", body = etalase_contract::ErrorBody)
    ))]
async fn quote(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<QuoteRequest>,
) -> Result<Json<QuoteAnswer<SavedAddress>>> {
    Ok(Json(
        checkout::quote(&state.store, shopper.user_id, &request).await?,
    ))
}
