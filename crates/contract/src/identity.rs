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

crate::wire::from_js!(SessionRequest { user_id, role });

/// The answer to `POST /v1/host/sessions`: a bearer token and when it expires.
///
/// Its `Debug` prints the token redacted, so a log line never carries one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionToken {
    /// Sent as `Authorization: Bearer <token>`; opaque to clients.
    pub token: String,
    /// RFC 3339 UTC; after it the token is refused with `token_expired`.
    pub expires_at: String,
}

crate::wire::from_js!(SessionToken { token, expires_at });

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionToken")
            .field("token", &"[REDACTED]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_token() {
        let token = SessionToken {
            token: "etl_0123456789abcdef".to_owned(),
            expires_at: "2030-01-01T00:00:00Z".to_owned(),
        };
        let printed = format!("{token:?}");
        assert!(!printed.contains("etl_0123456789abcdef"), "{printed}");
        assert!(printed.contains("2030-01-01T00:00:00Z"), "{printed}");
    }
}

/// The answer to `GET /v1/origin`, readable from any page: whether the
/// page's origin belongs to a registered host, so a widget on a page no
/// host registered can say so instead of looking offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginCheck {
    /// The `Origin` the browser sent, if any.
    pub origin: Option<String>,
    /// Whether a registered host lists that origin.
    pub allowed: bool,
}

crate::wire::from_js!(OriginCheck { origin, allowed });

/// The answer to `POST /v1/host/publishable-keys`: a new publishable key,
/// shown whole this once (the server keeps only its hash).
///
/// A publishable key is not a secret: it goes into the host's pages and
/// apps, and reads streams, showcases, products and live feeds, from the
/// host's registered origins only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishableKey {
    /// Stable id, used to revoke it.
    pub id: String,
    /// Sent as `Authorization: Bearer <key>`: `etp_` and 64 hex digits.
    pub key: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// One of a host's publishable keys, as `GET /v1/host/publishable-keys`
/// lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishableKeySummary {
    /// Stable id, used to revoke it.
    pub id: String,
    /// The key's last four characters, to tell keys apart.
    pub ending: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// When it was revoked, RFC 3339 UTC; `null` while it works.
    pub revoked_at: Option<String>,
}

/// The body of `GET /v1/host/publishable-keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishableKeyList {
    /// The host's keys, newest first, revoked ones included.
    pub keys: Vec<PublishableKeySummary>,
    /// The origins the keys work from: the host's registered origins.
    pub origins: Vec<String>,
}

crate::wire::from_js!(PublishableKey {
    id,
    key,
    created_at
});

crate::wire::from_js!(PublishableKeySummary {
    id,
    ending,
    created_at,
    revoked_at
});

crate::wire::from_js!(PublishableKeyList { keys, origins });
