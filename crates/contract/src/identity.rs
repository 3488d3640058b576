//! Identity: the host back-end asks for a short-lived token for one of its users.

use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// What a token lets its holder do.
    pub enum Role {
        /// Browses, keeps a cart, addresses and orders.
        Shopper = "shopper",
        /// Runs streams and sees their sales.
        Creator = "creator",
    }
}

/// The body of `POST /v1/host/sessions`, sent by a host's back-end with its API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    /// The host's own id for its user: 1 to 128 printable characters.
    pub user_id: String,
    /// What the token may do.
    pub role: Role,
}

/// The answer to `POST /v1/host/sessions`: a bearer token and when it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionToken {
    /// Sent as `Authorization: Bearer <token>`; opaque to clients.
    pub token: String,
    /// RFC 3339 UTC; after it the token is refused with `token_expired`.
    pub expires_at: String,
}
