//! Flash deals: `POST /v1/creator/streams/{id}/deals` and
//! `…/deals/{deal_id}/end` for the stream's creator, `GET
//! /v1/streams/{id}/deals` for any token, `POST /v1/deals/{id}/quote` for
//! shoppers. The quote is placed with `POST /v1/orders` as any other.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use etalase_contract::{
    DealQuote, DealQuoteRequest, FlashDeal, FlashDealList, SavedAddress, StartFlashDeal,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::deals::{buy, start};
use crate::error::Result;
use crate::extract::{AppJson, AppPath, RequestKey};
use crate::identity::{Creator, Shopper, Viewer};
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_deal))
        .routes(routes!(end_deal))
        .routes(routes!(stream_deals))
        .routes(routes!(deal_quote))
}

/// Starts a flash deal on a product of the stream's showcase: its units
/// leave the variant's stock now; it opens in 10–300 s and lasts 1–20
/// minutes. Viewers get a `deal` event and a `stock` event.
#[utoipa::path(post, path = "/creator/streams/{id}/deals", tag = "creator",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "One of the caller's streams"),
        ("Idempotency-Key" = Option<String>, Header, description = "One per tap (1 to 255 visible ASCII characters, e.g. a UUID): a request sent twice starts one deal, and the second answer says `Idempotent-Replayed: true`")
    ),
    request_body = etalase_contract::StartFlashDeal,
    responses(
        (status = 201, description = "The deal, `upcoming`, with its times by the server's clock", body = etalase_contract::FlashDeal),
        (status = 400, description = "`bad_request`: a malformed `Idempotency-Key`", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `product_id` (not in the showcase, or already in a deal not ended), `variant_id`, `price` (at least Rp1, below the normal price), `units` (1 to 10 000, at most the stock), `per_buyer_limit` (1 to 5, the most of a variant one shopper may hold in unpaid orders, and at most `units`), `starts_in_seconds` (10 to 300) or `minutes` (1 to 20), or `stream_id` (a recorded video); or `idempotency_key_reused` for a key sent before with other terms", body = etalase_contract::ErrorBody)
    ))]
async fn start_deal(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
    RequestKey(key): RequestKey,
    AppJson(request): AppJson<StartFlashDeal>,
) -> Result<Response> {
    let (deal, replayed) =
        start::start(&state, creator.user_id, &id, &request, key.as_ref()).await?;
    Ok(super::answers::created(deal, replayed))
}

/// Ends a flash deal now; its unsold units go back to stock and viewers
/// get a `deal` event (`ended`, or `sold_out`) and a `stock` event.
#[utoipa::path(post, path = "/creator/streams/{id}/deals/{deal_id}/end", tag = "creator",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "One of the caller's streams"),
        ("deal_id" = String, Path, description = "A deal of that stream")
    ),
    responses(
        (status = 200, description = "The deal as it is now; ending an ended deal changes nothing", body = etalase_contract::FlashDeal),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream or another stream's deal", body = etalase_contract::ErrorBody)
    ))]
async fn end_deal(
    State(state): State<AppState>,
    creator: Creator,
    AppPath((id, deal_id)): AppPath<(String, String)>,
) -> Result<Json<FlashDeal>> {
    start::end(&state, creator.user_id, &id, &deal_id)
        .await
        .map(Json)
}

/// The stream's flash deals: those not yet ended, soonest first, then
/// those ended in the last hour.
#[utoipa::path(get, path = "/streams/{id}/deals", tag = "live",
    security(("token" = [])),
    params(("id" = String, Path, description = "The stream's id")),
    responses(
        (status = 200, description = "Each deal with its state and countdowns by the server's clock", body = etalase_contract::FlashDealList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody)
    ))]
async fn stream_deals(
    State(state): State<AppState>,
    _viewer: Viewer,
    AppPath(id): AppPath<String>,
) -> Result<Json<FlashDealList>> {
    start::list(&state, &id).await.map(Json)
}

/// Quotes buying the deal's variant straight away: at the deal price when
/// it applies, at the normal price with the reason in `refusal` otherwise.
#[utoipa::path(post, path = "/deals/{id}/quote", tag = "checkout",
    security(("token" = [])),
    params(("id" = String, Path, description = "A flash deal")),
    request_body = etalase_contract::DealQuoteRequest,
    responses(
        (status = 200, description = "The quote (place it with `POST /v1/orders`) with the couriers its parcel is too heavy for (`unavailable_shipping`, as in `POST /v1/checkout/quote`), the deal now, and why the deal price does not apply if it does not: `deal_not_started`, `deal_ended`, `deal_sold_out` or `deal_limit_reached`", body = etalase_contract::DealQuote<etalase_contract::SavedAddress>),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: the deal or the address", body = etalase_contract::ErrorBody),
        (status = 409, description = "The deal price does not apply and the ordinary stock cannot serve the line either (the deal may hold it all): the deal's reason, `deal_not_started`, `deal_ended`, `deal_sold_out` or `deal_limit_reached`", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `quantity` (1 to 99) or another field, `product_unavailable`, a voucher's or the payment method's code", body = etalase_contract::ErrorBody)
    ))]
async fn deal_quote(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
    AppJson(request): AppJson<DealQuoteRequest>,
) -> Result<Json<DealQuote<SavedAddress>>> {
    buy::quote(&state, shopper.user_id, &id, &request)
        .await
        .map(Json)
}
