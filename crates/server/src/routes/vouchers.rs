//! `GET /v1/vouchers`: the vouchers the shopper can use now; and
//! `POST /v1/streams/{id}/vouchers/{code}/claim`: a viewer claims a live
//! voucher the stream's creator dropped. See [`crate::live_vouchers`].

use axum::extract::State;
use axum::Json;
use etalase_contract::{LiveVoucher, VoucherList};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Result;
use crate::extract::AppPath;
use crate::identity::Shopper;
use crate::store::checkout as store;
use crate::time::Timestamp;
use crate::{live_vouchers, AppState};

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(claim))
}

/// The vouchers the caller can use now, to offer at checkout; whether one
/// applies to a cart is the quote's to say.
#[utoipa::path(get, path = "/vouchers", tag = "checkout",
    security(("token" = [])),
    responses(
        (status = 200, description = "Started, unexpired vouchers with quota left (a live voucher once claimed; it applies only to its stream's showcase products): platform, free shipping, then shop vouchers", body = etalase_contract::VoucherList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody)
    ))]
async fn list(State(state): State<AppState>, shopper: Shopper) -> Result<Json<VoucherList>> {
    let mut conn = state.store.acquire().await?;
    let vouchers = store::offers(&mut conn, shopper.user_id, Timestamp::now()).await?;
    Ok(Json(VoucherList { vouchers }))
}

/// Claims a live voucher for the caller, once; then it applies at checkout
/// (by its code in the quote's `vouchers`) for one checkout, to the lines
/// of the products in the stream's showcase.
#[utoipa::path(post, path = "/streams/{id}/vouchers/{code}/claim", tag = "live",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "The stream"),
        ("code" = String, Path, description = "A live voucher the stream dropped")
    ),
    responses(
        (status = 200, description = "Claimed (claiming again answers the same), with the claims left", body = etalase_contract::LiveVoucher),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: the stream dropped no such voucher", body = etalase_contract::ErrorBody),
        (status = 409, description = "`voucher_exhausted`: every claim is taken", body = etalase_contract::ErrorBody),
        (status = 422, description = "`voucher_expired`: its countdown ended; `voucher_not_applicable`: the claimant runs the stream", body = etalase_contract::ErrorBody)
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
