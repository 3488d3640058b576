//! `GET /media/products/{id}/{n}.svg`: a product's generated illustrations.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::AppState;

/// The routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(product_image))
}

/// The number `n` in an image's file name, `{n}.svg`.
fn image_number(file: &str) -> Option<u32> {
    file.strip_suffix(".svg")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse().ok())
}

/// One illustration, cached by browsers for a day; 404 for an unknown
/// product or image number.
#[utoipa::path(get, path = "/media/products/{product_id}/{file}", tag = "catalogue",
    params(("product_id" = String, Path, description = "A listed product"), ("file" = String, Path, description = "`1.svg`, `2.svg`…")),
    responses(
        (status = 200, description = "A generated illustration", content_type = "image/svg+xml"),
        (status = 400, description = "`bad_request` naming `file`", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody)
    ))]
async fn product_image(
    State(state): State<AppState>,
    AppPath((product_id, file)): AppPath<(String, String)>,
) -> Result<impl IntoResponse> {
    let n = image_number(&file).ok_or_else(|| AppError::BadRequest {
        message: format!("expected an image name such as 1.svg, got {file:?}"),
        field: Some("file".to_owned()),
    })?;
    let art = state
        .store
        .product_art(&product_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no product has id {product_id:?}")))?;
    let svg = art
        .svg(n)
        .ok_or_else(|| AppError::NotFound(format!("product {product_id:?} has no image {n}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    ))
}
