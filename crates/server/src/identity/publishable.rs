//! Publishable keys: what a host's pages and apps read the catalogue with
//! before a viewer signs in (docs/decisions/0061-publishable-keys.md).
//!
//! A host's back-end mints, lists and revokes them with its secret API key.
//! A key reads streams, showcases, products, videos' tags and live feeds
//! (the routes taking a [`Reader`]) and nothing else; from a browser, only
//! on its host's registered origins. Requests count against the limit of
//! the key and the client together, as all of a host's viewers share the
//! key.
//!
//! | failure | status | code |
//! | --- | --- | --- |
//! | a key on a route that needs a token | 403 | `publishable_key_forbidden` |
//! | a revoked key | 401 | `publishable_key_revoked` |
//! | a key sent from a page of an origin its host did not register | 403, no CORS headers | `origin_not_allowed` |
//!
//! A page refused without CORS headers cannot read why; `GET
//! /v1/origin?key=…` ([`check_origin`]), which every page may read, tells
//! it whether the key or the origin was refused.

use axum::extract::FromRequestParts;
use axum::http::header::ORIGIN;
use axum::http::request::Parts;
use etalase_contract::{ErrorCode, KeyStanding, OriginAnswer, OriginCheck, PublishableKey};

use super::{bearer, secret, unauthenticated};
use crate::error::{AppError, Result};
use crate::proxies::client_of;
use crate::store::StoredPublishableKey;
use crate::time::Timestamp;
use crate::AppState;

/// The prefix of every publishable key.
pub const PREFIX: &str = "etp_";

/// How long a live feed opened with a publishable key lasts before the
/// client reconnects (and its key is checked again on the way).
const FEED_LIFE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// A caller that may read what every viewer sees (streams, showcases,
/// products, tags, live feeds): any valid token, or a publishable key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// When the credential stops opening a live feed: the token's expiry,
    /// or a while from now for a publishable key.
    pub until: Timestamp,
    /// Whose requests these are, for caps on open feeds: the token's hash,
    /// or the publishable key's hash with the client's address.
    pub holder: String,
    /// The publishable key's host.
    pub host_id: Option<String>,
    /// The token's user.
    pub user_id: Option<i64>,
    /// The publishable key's hash, for a live feed to end once it is
    /// revoked.
    pub key_hash: Option<String>,
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let credential = bearer(parts, "a token or a publishable key")?;
        if credential.starts_with(PREFIX) {
            return publishable_reader(parts, state, credential).await;
        }
        let session = super::authenticate(parts, state, "a token").await?;
        Ok(Reader {
            until: session.expires_at,
            holder: secret::hash(credential),
            host_id: None,
            user_id: Some(session.user_id),
            key_hash: None,
        })
    }
}

/// The [`Reader`] of publishable key `key`, once it is known, not revoked,
/// sent from one of its host's origins (or from no page) and within the
/// limit of the key and the client.
async fn publishable_reader(parts: &Parts, state: &AppState, key: &str) -> Result<Reader> {
    let hash = secret::hash(key);
    let stored = known(state, key, &hash).await?;
    if let Some(origin) = parts.headers.get(ORIGIN) {
        let origin = origin.to_str().unwrap_or_default();
        if !serves(&stored, origin) {
            return Err(AppError::OriginRefused(format!(
                "this publishable key works only on its host's registered origins, \
                 and {origin:?} is not one of them"
            )));
        }
    }
    let client = client_of(parts).unwrap_or_default();
    let holder = format!("{hash}|{client}");
    state
        .limiter
        .check(&holder)
        .map_err(|wait| AppError::RateLimited { retry_after: wait })?;
    Ok(Reader {
        until: Timestamp::now().plus(FEED_LIFE),
        holder,
        host_id: Some(stored.host_id),
        user_id: None,
        key_hash: Some(hash),
    })
}

/// Whether `stored`'s host registered `origin`.
fn serves(stored: &StoredPublishableKey, origin: &str) -> bool {
    stored.origins.iter().any(|allowed| allowed == origin)
}

/// `GET /v1/origin?key=…`: where publishable key `key` stands, and whether
/// `origin` is one of its host's origins (a revoked key's host still has
/// them; an unknown key has no host, so no origin is). A page whose
/// request with the key got no answer learns from it which was refused.
/// 422 `invalid_field` naming `key` when `key` is not shaped as a key.
pub async fn check_origin(
    state: &AppState,
    key: &str,
    origin: Option<String>,
) -> Result<OriginAnswer> {
    if !secret::is_well_formed(key, PREFIX) {
        return Err(AppError::invalid(
            "key",
            format!("key must be a publishable key: {PREFIX} and 64 lower-case hex digits"),
        ));
    }
    let stored = state.store.publishable_key(&secret::hash(key)).await?;
    let standing = match &stored {
        None => KeyStanding::Unknown,
        Some(stored) if stored.revoked => KeyStanding::Revoked,
        Some(_) => KeyStanding::Ok,
    };
    let allowed = origin
        .as_deref()
        .zip(stored.as_ref())
        .is_some_and(|(origin, stored)| serves(stored, origin));
    Ok(OriginAnswer {
        check: OriginCheck { origin, allowed },
        key: Some(standing),
    })
}

/// The stored key `key` (hashed `hash`), known and not revoked.
async fn known(state: &AppState, key: &str, hash: &str) -> Result<StoredPublishableKey> {
    if !secret::is_well_formed(key, PREFIX) {
        return Err(unauthenticated("the publishable key is malformed"));
    }
    let stored = state
        .store
        .publishable_key(hash)
        .await?
        .ok_or_else(|| unauthenticated("unknown publishable key"))?;
    if stored.revoked {
        return Err(AppError::Unauthenticated {
            code: ErrorCode::PublishableKeyRevoked,
            message: "this publishable key was revoked by its host; use a current one".to_owned(),
        });
    }
    Ok(stored)
}

/// The refusal of publishable key `key` on a route that needs `needs` (`a
/// shopper token`): 403 `publishable_key_forbidden` for a working key, as
/// for an unknown or revoked one [`Reader`] would be refused.
pub(super) async fn refuse(state: &AppState, key: &str, needs: &str) -> AppError {
    match known(state, key, &secret::hash(key)).await {
        Ok(_) => AppError::Forbidden {
            code: ErrorCode::PublishableKeyForbidden,
            message: format!(
                "a publishable key reads streams, showcases, products, tags and live feeds only; \
                 this endpoint needs {needs}"
            ),
        },
        Err(error) => error,
    }
}

/// Mints a publishable key for `host_id`.
pub async fn mint(state: &AppState, host_id: &str) -> Result<PublishableKey> {
    let key = secret::generate(PREFIX)
        .map_err(|error| AppError::Internal(format!("no randomness for a key: {error}")))?;
    let id = secret::new_id("pk-")?;
    let now = Timestamp::now();
    let ending = &key[key.len() - 4..];
    state
        .store
        .insert_publishable_key(&id, host_id, &secret::hash(&key), ending, now)
        .await?;
    Ok(PublishableKey {
        id,
        key,
        created_at: now.to_string(),
    })
}
