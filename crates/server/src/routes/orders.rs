//! Orders: `POST /v1/orders` (with `Idempotency-Key`), `GET /v1/orders`,
//! `GET /v1/orders/{id}` and `POST /v1/orders/{id}/cancel`. Another
//! shopper's order is a 404.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use etalase_contract::{Order, OrderList, PlaceOrder, SavedAddress};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath, RequestKey};
use crate::identity::Shopper;
use crate::orders::{self, lifecycle};
use crate::store::orders as store;
use crate::AppState;

/// The most orders `GET /v1/orders` answers.
const HISTORY_LIMIT: u32 = 100;

/// The longest `quote_id` looked up: the ids quotes get are 19 characters,
/// and a longer one, echoed by the 404 kept under its key, would let one
/// request store most of its body's 64 KiB.
const MAX_QUOTE_ID: usize = 64;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(place, list))
        .routes(routes!(one))
        .routes(routes!(cancel))
}

/// Places a quote (201 with the checkout), exactly once per key.
#[utoipa::path(post, path = "/orders", tag = "orders",
    security(("token" = [])),
    params(("Idempotency-Key" = String, Header, description = "1 to 255 visible ASCII characters, e.g. a UUID; scoped to the shopper, kept 24 h")),
    request_body = etalase_contract::PlaceOrder,
    responses(
        (status = 201, description = "The checkout: one order per shop, one payment. A retry with the same key and body replays this byte for byte", body = etalase_contract::Checkout<etalase_contract::SavedAddress>),
        (status = 400, description = "`bad_request`: no or a malformed `Idempotency-Key`", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: the quote, or the address it was quoted to (deleted since)", body = etalase_contract::ErrorBody),
        (status = 409, description = "`quote_changed` (a `QuoteChangedBody` carrying the new quote as `POST /v1/checkout/quote` answers it, with `unavailable_shipping`), `out_of_stock`, `voucher_exhausted`, `reservation_limit` (the shopper already holds as much unpaid as one shopper may: units of a variant, naming `items[i]`; checkouts awaiting an online payment; or open cash-on-delivery checkouts, naming `payment`; not kept under the key, so the same key may be sent again once a pending order is paid or cancelled), a flash deal's price refused (`deal_not_started`, `deal_ended`, `deal_sold_out`, or `deal_limit_reached` naming `quantity`, counting the buyer's other checkouts on their way; not kept under the key), or `idempotency_in_progress` (with `Retry-After`)", body = etalase_contract::ErrorBody),
        (status = 422, description = "`idempotency_key_reused`, or `invalid_field` naming `quote_id` (a quote placed already; or an id longer than 64 characters, refused before the key is looked up and not kept under it)", body = etalase_contract::ErrorBody)
    ))]
async fn place(
    State(state): State<AppState>,
    shopper: Shopper,
    key: RequestKey,
    AppJson(request): AppJson<PlaceOrder>,
) -> Result<Response> {
    let key = key.required("POST /v1/orders needs an Idempotency-Key header (a UUID is ideal)")?;
    if request.quote_id.len() > MAX_QUOTE_ID {
        return Err(AppError::invalid(
            "quote_id",
            format!("no quote has an id longer than {MAX_QUOTE_ID} characters"),
        ));
    }
    orders::submit(&state, shopper.user_id, &key, &request).await
}

/// The caller's orders, newest first, each with its timeline.
#[utoipa::path(get, path = "/orders", tag = "orders",
    security(("token" = [])),
    responses(
        (status = 200, description = "The caller's orders, newest first", body = etalase_contract::OrderList<etalase_contract::SavedAddress>),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody)
    ))]
async fn list(
    State(state): State<AppState>,
    shopper: Shopper,
) -> Result<Json<OrderList<SavedAddress>>> {
    let mut conn = state.store.acquire().await?;
    let orders = store::user_orders(&mut conn, shopper.user_id, HISTORY_LIMIT).await?;
    Ok(Json(OrderList { orders }))
}

/// One of the caller's orders, with its timeline.
#[utoipa::path(get, path = "/orders/{id}", tag = "orders",
    security(("token" = [])),
    params(("id" = String, Path, description = "The order")),
    responses(
        (status = 200, description = "The order with its status timeline", body = etalase_contract::Order<etalase_contract::SavedAddress>),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody)
    ))]
async fn one(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<Order<SavedAddress>>> {
    let mut conn = state.store.acquire().await?;
    store::read_order(&mut conn, shopper.user_id, &id)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("no order has id {id:?}")))
}

/// Cancels one of the caller's orders before payment, with its checkout.
#[utoipa::path(post, path = "/orders/{id}/cancel", tag = "orders",
    security(("token" = [])),
    params(("id" = String, Path, description = "The order")),
    responses(
        (status = 200, description = "Cancelled with its checkout; stock and vouchers returned", body = etalase_contract::Order<etalase_contract::SavedAddress>),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody),
        (status = 409, description = "`invalid_transition`: already paid or ended", body = etalase_contract::ErrorBody)
    ))]
async fn cancel(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<Order<SavedAddress>>> {
    Ok(Json(
        lifecycle::cancel(&state.store, &state.live, shopper.user_id, &id).await?,
    ))
}
