//! Products on screen by the second: a creator's tags on a video (`POST`
//! and `GET /v1/creator/streams/{id}/tags`, `DELETE …/tags/{tag_id}`), a
//! video's or replay's tags for every viewer (`GET /v1/streams/{id}/tags`),
//! and the videos that feature a product (`GET /v1/products/{id}/videos`).
//!
//! Viewers' reads take a [`Reader`] (a token or a publishable key) and are
//! answered cacheable with an `ETag` ([`super::cache`]); a live stream's
//! replay is tagged by its pins (`store::tags`).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use etalase_contract::{NewVideoTag, VideoTag, VideoTagList};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::creator::tags;
use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath};
use crate::identity::{Creator, Reader};
use crate::AppState;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_tag, creator_tags))
        .routes(routes!(delete_tag))
        .routes(routes!(stream_tags))
        .routes(routes!(product_videos))
}

/// Tags a product of the video's showcase from one second to another.
#[utoipa::path(post, path = "/creator/streams/{id}/tags", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    request_body = etalase_contract::NewVideoTag,
    responses(
        (status = 201, description = "The tag", body = etalase_contract::VideoTag),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `start_second` or `end_second` (past `MAX_VIDEO_SECONDS`, 86 400: a day), `end_second` (not after `start_second`, or past the video's length), `product_id` (not a listed product of the showcase), or `tag` (the video holds `MAX_VIDEO_TAGS`, 100, tags already)", body = etalase_contract::ErrorBody)
    ))]
async fn add_tag(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
    AppJson(request): AppJson<NewVideoTag>,
) -> Result<(StatusCode, Json<VideoTag>)> {
    let tag = tags::add(&state, creator.user_id, &id, &request).await?;
    Ok((StatusCode::CREATED, Json(tag)))
}

/// The tags of one of the caller's streams, as viewers read them.
#[utoipa::path(get, path = "/creator/streams/{id}/tags", tag = "creator",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's streams")),
    responses(
        (status = 200, description = "The creator's tags and, for a live stream, its pins, by start second", body = etalase_contract::VideoTagList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another creator's stream", body = etalase_contract::ErrorBody)
    ))]
async fn creator_tags(
    State(state): State<AppState>,
    creator: Creator,
    AppPath(id): AppPath<String>,
) -> Result<Json<VideoTagList>> {
    Ok(Json(tags::list(&state, creator.user_id, &id).await?))
}

/// Deletes one of the creator's tags on one of the caller's streams.
#[utoipa::path(delete, path = "/creator/streams/{id}/tags/{tag_id}", tag = "creator",
    security(("token" = [])),
    params(
        ("id" = String, Path, description = "One of the caller's streams"),
        ("tag_id" = String, Path, description = "A tag the creator made on it")
    ),
    responses(
        (status = 204, description = "Deleted"),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: another creator's stream, or no such tag of the creator's on it (a pin is not a tag to delete)", body = etalase_contract::ErrorBody)
    ))]
async fn delete_tag(
    State(state): State<AppState>,
    creator: Creator,
    AppPath((id, tag_id)): AppPath<(String, String)>,
) -> Result<StatusCode> {
    tags::delete(&state, creator.user_id, &id, &tag_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A video's or a replay's products by the second.
#[utoipa::path(get, path = "/streams/{id}/tags", tag = "catalogue",
    security(("token" = []), ("publishable_key" = [])),
    params(("id" = String, Path, description = "The stream's id")),
    responses(
        (status = 200, description = "The creator's tags and, for a live stream, its pins (a pin still held has no `end_second`), by start second; only products listed in the showcase now", body = etalase_contract::VideoTagList),
        super::answers::PublicRead,
        super::answers::RateLimited,
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody)
    ))]
async fn stream_tags(
    State(state): State<AppState>,
    _reader: Reader,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
) -> Result<Response> {
    let tags = state
        .store
        .tags(&id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no stream has id {id:?}")))?;
    super::cache::public(&headers, &tags)
}

/// The videos and replays that feature a product.
#[utoipa::path(get, path = "/products/{id}/videos", tag = "catalogue",
    security(("token" = []), ("publishable_key" = [])),
    params(("id" = String, Path, description = "The product's id")),
    responses(
        (status = 200, description = "Each recorded video or replay whose tags hold the product, at its first second there, newest first, at most 20; a live stream on air (one pinning a product now) is left out", body = etalase_contract::ProductVideoList),
        super::answers::PublicRead,
        super::answers::RateLimited,
        (status = 404, description = "`not_found`, also for unlisted products", body = etalase_contract::ErrorBody)
    ))]
async fn product_videos(
    State(state): State<AppState>,
    _reader: Reader,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
) -> Result<Response> {
    let videos = state
        .store
        .product_videos(&id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no product has id {id:?}")))?;
    super::cache::public(&headers, &videos)
}
