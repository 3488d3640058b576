//! The creator's own streams: `POST` and `GET /v1/creator/streams`, `PUT
//! /v1/creator/streams/{id}/products` and `…/pin`, `POST` and `GET
//! …/vouchers`, `POST …/vouchers/{code}/end`, `GET …/sales`.
//!
//! Only the stream's own creator may change it or see its sales; another
//! creator's stream is a 404, and a shopper token a 403 `wrong_role`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use etalase_contract::{
    CreatorStream, CreatorStreamList, CreatorVoucher, CreatorVoucherList, DropVoucher, NewStream,
    SetPin, SetShowcase, Showcase, StreamSales,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::creator::{sales, showcase, streams};
use crate::error::Result;
use crate::extract::{AppJson, AppPath, RequestKey};
use crate::identity::Creator;
use crate::{live_vouchers, AppState};

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(stream_sales))
        .routes(routes!(set_showcase))
        .routes(routes!(set_pin))
        .routes(routes!(drop_voucher, stream_vouchers))
        .routes(routes!(close_voucher))
}

/// Creates a live stream or a video of the caller's, with an empty
/// showcase; answers it with its scheduled start.
#[utoipa::path(post, path = "/creator/streams", tag = "creator",
    security(("token" = [])),
    request_body = etalase_contract::NewStream,
    responses(
        (status = 201, description = "The new stream, with `starts_at` as scheduled (`null` when not); the caller became a creator if they were not one", body = etalase_contract::CreatorStream),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `title`, `kind`, `duration_seconds` (a video's, 1 to `MAX_VIDEO_SECONDS`, 86 400; none for a live stream) or `starts_at`", body = etalase_contract::ErrorBody)
    ))]
async fn create(
    State(state): State<AppState>,
    creator: Creator,
    AppJson(request): AppJson<NewStream>,
) -> Result<(StatusCode, Json<CreatorStream>)> {
    let stream = streams::create(&state, creator.user_id, &request).await?;
    Ok((StatusCode::CREATED, Json(stream)))
}

/// The caller's streams and videos, live ones first, each with its
/// scheduled start.
#[utoipa::path(get, path = "/creator/streams", tag = "creator",
    security(("token" = [])),
    responses(
        (status = 200, description = "The caller's streams, live first, newest first, scheduled ones included, each with the `starts_at` it was scheduled for (`null` when not); empty before their first", body = etalase_contract::CreatorStreamList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody)
    ))]
async fn list(State(state): State<AppState>, creator: Creator) -> Result<Json<CreatorStreamList>> {
    Ok(Json(state.store.creator_streams(creator.user_id).await?))
}

/// What the stream sold: paid orders, units, GMV and commission of the
/// lines added to carts from it while it showed their product.
#[utoipa::path(get, path = "/creator/streams/{id}/sales", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    responses(
        (status = 200, description = "Paid orders only (cancelled and expired ones do not count; unpaid ones are counted apart), and of them only the lines added to the cart from this stream while its showcase held the product; with what the live vouchers dropped on the stream took off paid orders and each product's latest commission rate", body = etalase_contract::StreamSales),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody)
    ))]
async fn stream_sales(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
) -> Result<Json<StreamSales>> {
    sales::sales(&state, creator.user_id, &id).await.map(Json)
}

/// Sets the stream's showcase, in order; viewers get `showcase` (and
/// `unpinned` when the pinned product was left out).
#[utoipa::path(put, path = "/creator/streams/{id}/products", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    request_body = etalase_contract::SetShowcase,
    responses(
        (status = 200, description = "The showcase as shoppers now see it", body = etalase_contract::Showcase),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
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
#[utoipa::path(put, path = "/creator/streams/{id}/pin", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    request_body = etalase_contract::SetPin,
    responses(
        (status = 200, description = "The showcase as shoppers now see it", body = etalase_contract::Showcase),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
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

/// Drops a live voucher on the stream; viewers get a `voucher` event. It
/// applies only to the products of the stream's showcase, within the
/// platform's bounds: 1–50 % with a cap of Rp1.000–Rp100.000, or
/// Rp1.000–Rp100.000 off. Sent again with the same `Idempotency-Key`, it
/// answers the voucher that key dropped.
#[utoipa::path(post, path = "/creator/streams/{id}/vouchers", tag = "creator",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "One of the caller's streams"),
        ("Idempotency-Key" = Option<String>, Header, description = "One per tap (1 to 255 visible ASCII characters, e.g. a UUID): a request sent twice drops one voucher, and the second answer says `Idempotent-Replayed: true`")
    ),
    request_body = etalase_contract::DropVoucher,
    responses(
        (status = 201, description = "The voucher with its code, claimable from now; at checkout it applies to the stream's showcase products only", body = etalase_contract::LiveVoucher),
        (status = 400, description = "`bad_request`: a malformed `Idempotency-Key`", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody),
        (status = 409, description = "`idempotency_in_progress`: the same key's first request has not finished", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `value` (a percent 1 to 50, an amount Rp1.000 to Rp100.000), `max_discount` (required for a percent, Rp1.000 to Rp100.000; none for an amount), `min_spend`, `quota` or `claimable_minutes`, its message stating the range allowed; or `idempotency_key_reused` for a key sent before with other terms", body = etalase_contract::ErrorBody)
    ))]
async fn drop_voucher(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
    RequestKey(key): RequestKey,
    AppJson(request): AppJson<DropVoucher>,
) -> Result<Response> {
    let (voucher, replayed) =
        live_vouchers::drop_voucher(&state, creator.user_id, &id, &request, key.as_ref()).await?;
    Ok(super::answers::created(voucher, replayed))
}

/// The stream's live vouchers, claimable or closed in the last hour, with
/// their claims and uses.
#[utoipa::path(get, path = "/creator/streams/{id}/vouchers", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    responses(
        (status = 200, description = "Newest first", body = etalase_contract::CreatorVoucherList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody)
    ))]
async fn stream_vouchers(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
) -> Result<Json<CreatorVoucherList>> {
    live_vouchers::stream_vouchers(&state, creator.user_id, &id)
        .await
        .map(Json)
}

/// Closes a live voucher's claiming now; viewers get its `voucher` event
/// with no time left. Claims already made stay good at checkout.
#[utoipa::path(post, path = "/creator/streams/{id}/vouchers/{code}/end", tag = "creator",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "One of the caller's streams"),
        ("code" = String, Path, description = "A voucher the stream dropped")
    ),
    responses(
        (status = 200, description = "The voucher, no longer claimable; ending it again changes nothing", body = etalase_contract::CreatorVoucher),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: another creator's stream, or a code it never dropped (or closed over an hour ago)", body = etalase_contract::ErrorBody)
    ))]
async fn close_voucher(
    State(state): State<AppState>,
    creator: Creator,
    AppPath((id, code)): AppPath<(String, String)>,
) -> Result<Json<CreatorVoucher>> {
    live_vouchers::close(&state, creator.user_id, &id, &code)
        .await
        .map(Json)
}
