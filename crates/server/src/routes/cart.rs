//! The shopper's cart: `GET /v1/cart`, `PUT` and `DELETE /v1/cart/items/{variant_id}`.
//!
//! Changes answer the whole cart, so the widget redraws from one answer. A
//! line remembers the stream (and for a video the playback second) its
//! product was opened from, for the order's attribution, when that stream's
//! showcase holds the product at that moment (decision 0021).

use axum::extract::State;
use axum::Json;
use etalase_contract::{Cart, ErrorCode, SetQuantity, StreamKind, MAX_VIDEO_SECONDS};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath};
use crate::identity::Shopper;
use crate::store::LineSource;
use crate::AppState;

/// The most lines a cart may hold.
const MAX_LINES: u32 = 100;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(cart))
        .routes(routes!(set_item, remove_item))
}

/// `GET /v1/cart`: the caller's cart, grouped by shop.
#[utoipa::path(get, path = "/cart", tag = "cart",
    security(("token" = [])),
    responses(
        (status = 200, description = "The cart, grouped by shop", body = etalase_contract::Cart),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody)
    ))]
async fn cart(State(state): State<AppState>, shopper: Shopper) -> Result<Json<Cart>> {
    Ok(Json(state.store.cart(shopper.user_id).await?))
}

/// `PUT /v1/cart/items/{variant_id}`: sets a line's quantity, adding it when new.
#[utoipa::path(put, path = "/cart/items/{variant_id}", tag = "cart",
    security(("token" = [])),
    params(("variant_id" = String, Path, description = "The variant")),
    request_body = etalase_contract::SetQuantity,
    responses(
        (status = 200, description = "The whole cart after the change", body = etalase_contract::Cart),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: no such listed variant", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` (naming `quantity`, `stream_id` or `playback_second`: 0 to `MAX_VIDEO_SECONDS`, 86 400) or `insufficient_stock` (naming `quantity`)", body = etalase_contract::ErrorBody)
    ))]
async fn set_item(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(variant_id): AppPath<String>,
    AppJson(body): AppJson<SetQuantity>,
) -> Result<Json<Cart>> {
    if body.quantity < 1 {
        return Err(AppError::invalid("quantity", "quantity must be at least 1"));
    }
    let buyable = state
        .store
        .buyable(&variant_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no variant has id {variant_id:?}")))?;
    if body.quantity > buyable.stock {
        return Err(AppError::Invalid {
            code: ErrorCode::InsufficientStock,
            message: format!(
                "only {} in stock; asked for {}",
                buyable.stock, body.quantity
            ),
            field: Some("quantity".to_owned()),
        });
    }
    let source = source(&state, &body).await?;
    let others = state
        .store
        .other_cart_lines(shopper.user_id, &variant_id)
        .await?;
    if others >= MAX_LINES {
        return Err(AppError::invalid(
            "variant_id",
            format!("a cart holds at most {MAX_LINES} lines"),
        ));
    }
    state
        .store
        .set_cart_item(shopper.user_id, &variant_id, body.quantity, source)
        .await?;
    Ok(Json(state.store.cart(shopper.user_id).await?))
}

/// Where the line's product was opened, checked: a stream that exists, and
/// a playback second only with a video. `None` keeps the line's own; so
/// does a stream whose showcase lacks the product, which the store sees to
/// in the write itself.
async fn source<'a>(state: &AppState, body: &'a SetQuantity) -> Result<Option<LineSource<'a>>> {
    if body
        .playback_second
        .is_some_and(|second| second > MAX_VIDEO_SECONDS)
    {
        return Err(AppError::invalid(
            "playback_second",
            format!("playback_second must be 0 to {MAX_VIDEO_SECONDS}"),
        ));
    }
    let Some(stream_id) = &body.stream_id else {
        return match body.playback_second {
            Some(_) => Err(AppError::invalid(
                "playback_second",
                "a playback second needs the video's stream_id",
            )),
            None => Ok(None),
        };
    };
    let kind =
        state.store.stream_kind(stream_id).await?.ok_or_else(|| {
            AppError::invalid("stream_id", format!("no stream has id {stream_id:?}"))
        })?;
    if body.playback_second.is_some() && kind != StreamKind::Video {
        return Err(AppError::invalid(
            "playback_second",
            "only a video has a playback second",
        ));
    }
    Ok(Some(LineSource {
        stream_id,
        playback_second: body.playback_second,
    }))
}

/// `DELETE /v1/cart/items/{variant_id}`: removes a line; 404 when it is not
/// in the caller's cart.
#[utoipa::path(delete, path = "/cart/items/{variant_id}", tag = "cart",
    security(("token" = [])),
    params(("variant_id" = String, Path, description = "The variant")),
    responses(
        (status = 200, description = "The whole cart after the change", body = etalase_contract::Cart),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: not in the caller's cart", body = etalase_contract::ErrorBody)
    ))]
async fn remove_item(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(variant_id): AppPath<String>,
) -> Result<Json<Cart>> {
    if !state
        .store
        .remove_cart_item(shopper.user_id, &variant_id)
        .await?
    {
        return Err(AppError::NotFound(format!(
            "variant {variant_id:?} is not in the cart"
        )));
    }
    Ok(Json(state.store.cart(shopper.user_id).await?))
}
