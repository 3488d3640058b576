//! The answers many routes share, said once for the OpenAPI document: a
//! route lists `Unauthenticated` or `RateLimited` among its `responses`.

use etalase_contract::ErrorBody;

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
