//! The answers many routes share, said once: for the OpenAPI document, a
//! route lists `Unauthenticated` or `RateLimited` among its `responses`;
//! [`created`] answers what a keyed request made.

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_contract::ErrorBody;
use serde::Serialize;

/// 201 with `body`, saying `Idempotent-Replayed: true` when an earlier
/// request under the same `Idempotency-Key` made it.
pub fn created<T: Serialize>(body: T, replayed: bool) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if replayed {
        response.headers_mut().insert(
            HeaderName::from_static("idempotent-replayed"),
            HeaderValue::from_static("true"),
        );
    }
    response
}

/// 401 of every route that takes a token.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only its OpenAPI description is used")]
pub enum Unauthenticated {
    /// A missing, unknown or expired token.
    #[response(status = 401, description = "`unauthenticated` or `token_expired`")]
    Refused(ErrorBody),
}

/// 429 of every rate-limited route.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only its OpenAPI description is used")]
pub enum RateLimited {
    /// Over the token's or the client address's limit.
    #[response(status = 429, description = "`rate_limited`, with `Retry-After`")]
    Refused(ErrorBody),
}
