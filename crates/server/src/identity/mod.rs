//! Who is calling: hosts by their API key, their users by short-lived tokens.
//!
//! A host's back-end calls `POST /v1/host/sessions` with its API key
//! ([`HostKey`]) to mint a token for one of its users ([`mint`]). Every
//! shopper endpoint takes a [`Shopper`], every creator endpoint a
//! [`Creator`] (and reads every role may make a [`Viewer`]): the extractor
//! checks the bearer token, its expiry, its role and the token's rate limit
//! before the handler runs. What every viewer sees (streams, showcases,
//! products, tags, live feeds) takes a [`Reader`], which also accepts a
//! host's publishable key ([`publishable`]); every other extractor refuses
//! one with 403 `publishable_key_forbidden`, naming what it needs.
//!
//! | failure | status | code |
//! | --- | --- | --- |
//! | no `Authorization`, not `Bearer`, malformed or unknown token | 401 | `unauthenticated` |
//! | the token has expired | 401 | `token_expired` |
//! | the token's role may not call the endpoint | 403 | `wrong_role` |
//! | a publishable key where a token or the host's API key is needed | 403 | `publishable_key_forbidden` |
//! | too many requests with the token | 429 (`Retry-After`) | `rate_limited` |

pub mod publishable;
pub mod secret;
mod user_id;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use etalase_contract::{ErrorCode, Role, SessionRequest, SessionToken};

pub use publishable::Reader;
pub use user_id::ExternalUserId;

use crate::error::{AppError, Result};
use crate::time::Timestamp;
use crate::AppState;

/// The prefix of every token.
const TOKEN_PREFIX: &str = "etl_";

/// A caller holding a valid shopper token: carts, addresses and orders are
/// this user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shopper {
    /// The user the token was minted for.
    pub user_id: i64,
}

/// A caller holding a valid creator token: the streams of the creator
/// this user runs are theirs to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Creator {
    /// The user the token was minted for.
    pub user_id: i64,
}

/// A caller holding any valid token, for reads every role may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// What the token may do.
    pub role: Role,
    /// When the token stops being valid (a live feed ends then).
    pub expires_at: Timestamp,
}

/// A host's back-end, authenticated by its API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostKey {
    /// The host's id.
    pub host_id: String,
}

impl FromRequestParts<AppState> for Shopper {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let session = authenticate(parts, state, "a shopper token").await?;
        if session.role != Role::Shopper {
            return Err(AppError::WrongRole(
                "this endpoint needs a shopper token".to_owned(),
            ));
        }
        Ok(Shopper {
            user_id: session.user_id,
        })
    }
}

impl FromRequestParts<AppState> for Creator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let session = authenticate(parts, state, "a creator token").await?;
        if session.role != Role::Creator {
            return Err(AppError::WrongRole(
                "this endpoint needs a creator token".to_owned(),
            ));
        }
        Ok(Creator {
            user_id: session.user_id,
        })
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let session = authenticate(parts, state, "a shopper or creator token").await?;
        Ok(Viewer {
            role: session.role,
            expires_at: session.expires_at,
        })
    }
}

impl FromRequestParts<AppState> for HostKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let key = bearer(parts, "a host API key")?;
        if key.starts_with(publishable::PREFIX) {
            return Err(publishable::refuse(state, key, "the host's secret API key").await);
        }
        state
            .store
            .host_by_key(&secret::hash(key))
            .await?
            .map(|host_id| HostKey { host_id })
            .ok_or_else(|| unauthenticated("unknown host API key"))
    }
}

/// Mints a token for the user `request` names, on behalf of `host_id`.
pub async fn mint(
    state: &AppState,
    host_id: &str,
    request: SessionRequest,
) -> Result<SessionToken> {
    let user = ExternalUserId::parse(request.user_id)?;
    let token = secret::generate(TOKEN_PREFIX)
        .map_err(|error| AppError::Internal(format!("no randomness for a token: {error}")))?;
    let now = Timestamp::now();
    let expires_at = now.plus(state.settings.token_ttl);
    state
        .store
        .create_session(
            host_id,
            user.as_str(),
            request.role,
            &secret::hash(&token),
            now,
            expires_at,
        )
        .await?;
    Ok(SessionToken {
        token,
        expires_at: expires_at.to_string(),
    })
}

/// The session of the request's bearer token, once it is known, unexpired
/// and within its rate limit; a publishable key is refused as not `needs`
/// (`a shopper token`).
async fn authenticate(
    parts: &Parts,
    state: &AppState,
    needs: &str,
) -> Result<crate::store::StoredSession> {
    let token = bearer(parts, needs)?;
    if token.starts_with(publishable::PREFIX) {
        return Err(publishable::refuse(state, token, needs).await);
    }
    if !secret::is_well_formed(token, TOKEN_PREFIX) {
        return Err(unauthenticated("the bearer token is malformed"));
    }
    let hash = secret::hash(token);
    let session = state
        .store
        .session(&hash)
        .await?
        .ok_or_else(|| unauthenticated("unknown token"))?;
    if session.expires_at <= Timestamp::now() {
        return Err(AppError::Unauthenticated {
            code: ErrorCode::TokenExpired,
            message: format!("the token expired at {}", session.expires_at),
        });
    }
    state
        .limiter
        .check(&hash)
        .map_err(|wait| AppError::RateLimited { retry_after: wait })?;
    Ok(session)
}

/// The credential of `Authorization: Bearer <credential>`.
fn bearer<'a>(parts: &'a Parts, what: &str) -> Result<&'a str> {
    let header = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or_else(|| unauthenticated(&format!("send {what} as Authorization: Bearer …")))?;
    header
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|credential| !credential.is_empty())
        .ok_or_else(|| unauthenticated("the Authorization header is not Bearer …"))
}

fn unauthenticated(message: &str) -> AppError {
    AppError::Unauthenticated {
        code: ErrorCode::Unauthenticated,
        message: message.to_owned(),
    }
}
