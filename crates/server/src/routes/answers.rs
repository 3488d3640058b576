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

/// The answers of every route a publishable key may read, besides its 200:
/// the cached copy still good, and the key's refusals.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only its OpenAPI description is used")]
pub enum PublicRead {
    /// The request's `If-None-Match` names the answer's `ETag`.
    #[response(
        status = 304,
        description = "Not modified: the `ETag` sent in `If-None-Match` is the answer's"
    )]
    NotModified,
    /// A missing, unknown, expired or revoked credential.
    #[response(
        status = 401,
        description = "`unauthenticated`, `token_expired` or `publishable_key_revoked`"
    )]
    Refused(ErrorBody),
    /// A publishable key from a page its host did not register.
    #[response(
        status = 403,
        description = "`origin_not_allowed`: a publishable key sent from a page whose origin its host did not register (the answer has no CORS headers)"
    )]
    Origin(ErrorBody),
}

/// 429 of every rate-limited route.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only its OpenAPI description is used")]
pub enum RateLimited {
    /// Over the token's or the client address's limit.
    #[response(status = 429, description = "`rate_limited`, with `Retry-After`")]
    Refused(ErrorBody),
}
