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

    #[test]
    fn an_origin_answer_is_an_origin_check_with_the_key_beside_it() {
        let check = OriginCheck {
            origin: Some("https://shop.example".to_owned()),
            allowed: true,
        };
        let plain = OriginAnswer {
            check: check.clone(),
            key: None,
        };
        // No key asked about: the answer is exactly the check, as before.
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            serde_json::to_value(&check).unwrap()
        );
        let keyed = OriginAnswer {
            check: check.clone(),
            key: Some(KeyStanding::Revoked),
        };
        let text = serde_json::to_string(&keyed).unwrap();
        assert_eq!(
            text,
            r#"{"origin":"https://shop.example","allowed":true,"key":"revoked"}"#
        );
        // An older client reads it as the check; this one reads it back.
        assert_eq!(serde_json::from_str::<OriginCheck>(&text).unwrap(), check);
        assert_eq!(serde_json::from_str::<OriginAnswer>(&text).unwrap(), keyed);
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

crate::wire::wire_enum! {
    /// Where a publishable key stands, as `GET /v1/origin?key=…` says it.
    pub enum KeyStanding {
        /// A key the API knows and has not revoked.
        Ok = "ok",
        /// A key its host revoked: mint a new one.
        Revoked = "revoked",
        /// A key the API does not know: check it was copied whole.
        Unknown = "unknown",
    }
}

/// The answer to `GET /v1/origin`: the [`OriginCheck`] and, when the page
/// asked about a publishable key (`?key=etp_…`), where that key stands.
/// The check's fields are its own, so a client may read the answer as an
/// `OriginCheck`.
///
/// With a key, `allowed` says whether the origin is one of the key's
/// host's (a revoked key's host too; an unknown key has none): a page that
/// got no answer with its key learns whether the key (`key` other than
/// `ok`) or the origin (`allowed: false`) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginAnswer {
    /// The origin, and whether it may use the API (with the key, if one
    /// was asked about).
    #[serde(flatten)]
    pub check: OriginCheck,
    /// Where the key asked about stands; absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<KeyStanding>,
}

#[cfg(feature = "js")]
impl crate::js::FromJs for OriginAnswer {
    fn from_js(value: crate::js::JsValue) -> Result<Self, crate::js::DecodeError> {
        let object = crate::js::object(value)?;
        Ok(OriginAnswer {
            key: crate::js::field(&object, "key")?,
            check: OriginCheck::from_js(object)?,
        })
    }
}

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
