//! `POST /v1/streams/{id}/vouchers/{code}/claim`: a viewer claims a live
//! voucher the stream's creator dropped. See [`crate::live_vouchers`].

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use etalase_contract::LiveVoucher;

use crate::error::Result;
use crate::extract::AppPath;
use crate::identity::Shopper;
use crate::{live_vouchers, AppState};

/// The routes of this module, relative to `/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/streams/{id}/vouchers/{code}/claim", post(claim))
}

/// Claims a live voucher for the caller, once; then it applies at checkout
/// (by its code in the quote's `vouchers`) for one checkout.
#[utoipa::path(post, path = "/v1/streams/{id}/vouchers/{code}/claim", tag = "live",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "The stream"),
        ("code" = String, Path, description = "A live voucher the stream dropped")
    ),
    responses(
        (status = 200, description = "Claimed (claiming again answers the same), with the claims left", body = etalase_contract::LiveVoucher),
        (status = 401, description = "`unauthenticated` or `token_expired`", body = etalase_contract::ErrorBody),
        (status = 429, description = "`rate_limited`, with `Retry-After`", body = etalase_contract::ErrorBody),
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: the stream dropped no such voucher", body = etalase_contract::ErrorBody),
        (status = 409, description = "`voucher_exhausted`: every claim is taken", body = etalase_contract::ErrorBody),
        (status = 422, description = "`voucher_expired`: its countdown ended", body = etalase_contract::ErrorBody)
    ))]
async fn claim(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath((stream_id, code)): AppPath<(String, String)>,
) -> Result<Json<LiveVoucher>> {
    live_vouchers::claim(&state, shopper.user_id, &stream_id, &code)
        .await
        .map(Json)
}
