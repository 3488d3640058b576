//! [`ApiError`]: every way a request can fail, held in state and shown with a retry.

use std::fmt;

use etalase_contract::{ErrorCode, ErrorDetail};

/// A failed API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: offline, DNS or TLS failure, CORS refusal.
    Network(String),
    /// A non-2xx answer carrying the API's error body.
    Api {
        /// The HTTP status.
        status: u16,
        /// The body's `error` object.
        error: ErrorDetail,
        /// The `Retry-After` header, in seconds, when the server sent one.
        retry_after: Option<u32>,
    },
    /// The browser refused the answer because this page's origin is not one
    /// a registered host lists, or, browsing, not one of the publishable
    /// key's host's (the API said so at `GET /v1/origin`): the host
    /// registers it (`etalase-server add-host`, or `ETALASE_DEMO_ORIGINS`
    /// in demo mode), or mounts with its own key.
    OriginRefused {
        /// The page's origin.
        origin: String,
        /// Whether it was refused for the publishable key browsed with.
        for_key: bool,
    },
    /// The API refused the publishable key the widget browses with (a 401
    /// before any shopper's token): revoked, or unknown to it. The host
    /// mints a new one (`POST /v1/host/publishable-keys`); no shopper's
    /// sign-in mends it.
    KeyRefused {
        /// Whether the key was revoked (else the API does not know it).
        revoked: bool,
    },
    /// An answer this build cannot read: an unexpected body, or a non-2xx
    /// status without the API's error body (a proxy's HTML page, say).
    BadResponse {
        /// The HTTP status.
        status: u16,
        /// What could not be read.
        reason: String,
    },
}

impl ApiError {
    /// The API's error code, when the server sent one.
    pub fn api_code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Api { error, .. } => Some(error.code),
            ApiError::Network(_)
            | ApiError::OriginRefused { .. }
            | ApiError::KeyRefused { .. }
            | ApiError::BadResponse { .. } => None,
        }
    }

    /// The seconds the server asked to wait before retrying, if it did.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Api { retry_after, .. } => *retry_after,
            ApiError::Network(_)
            | ApiError::OriginRefused { .. }
            | ApiError::KeyRefused { .. }
            | ApiError::BadResponse { .. } => None,
        }
    }

    /// A stable snake_case code for hosts: the API's code, `network`,
    /// `origin_refused`, `publishable_key_revoked`, `publishable_key_unknown`
    /// or `bad_response`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Network(_) => "network",
            ApiError::OriginRefused { .. } => "origin_refused",
            ApiError::KeyRefused { revoked: true } => "publishable_key_revoked",
            ApiError::KeyRefused { revoked: false } => "publishable_key_unknown",
            ApiError::BadResponse { .. } => "bad_response",
            ApiError::Api { error, .. } => error.code.as_str(),
        }
    }
}

impl fmt::Display for ApiError {
    /// A sentence for developers (logs, `error` events); shoppers see `i18n` text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(reason) => write!(f, "network error: {reason}"),
            ApiError::OriginRefused {
                origin,
                for_key: false,
            } => write!(
                f,
                "the API refuses this page's origin {origin}: register it for your host \
                 (etalase-server add-host, or ETALASE_DEMO_ORIGINS in demo mode)"
            ),
            ApiError::OriginRefused {
                origin,
                for_key: true,
            } => write!(
                f,
                "this page's origin {origin} is not one of the publishable key's host's: \
                 mount with your own host's key, or register the origin for the key's host \
                 (etalase-server add-host, or ETALASE_DEMO_ORIGINS in demo mode)"
            ),
            ApiError::KeyRefused { revoked: true } => f.write_str(
                "the API refuses the publishable key: it was revoked; mint a new one \
                 (POST /v1/host/publishable-keys) and mount with it",
            ),
            ApiError::KeyRefused { revoked: false } => f.write_str(
                "the API does not know the publishable key (was it copied whole?); mint \
                 a new one (POST /v1/host/publishable-keys) and mount with it",
            ),
            ApiError::Api { status, error, .. } => write!(f, "HTTP {status}: {}", error.message),
            ApiError::BadResponse { status, reason } => {
                write!(f, "unreadable response (HTTP {status}): {reason}")
            }
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::ErrorBody;

    #[test]
    fn codes_match_the_contracts_wire_names() {
        for code in [
            ErrorCode::NotFound,
            ErrorCode::BadRequest,
            ErrorCode::InvalidField,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Unavailable,
            ErrorCode::Internal,
            ErrorCode::Unknown,
        ] {
            let error = ApiError::Api {
                status: 400,
                error: ErrorBody::new(code, "m").error,
                retry_after: None,
            };
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(Some(error.code()), wire.as_str());
        }
        assert_eq!(ApiError::Network("offline".into()).code(), "network");
        let key = |revoked| ApiError::KeyRefused { revoked };
        assert_eq!(key(true).code(), "publishable_key_revoked");
        assert_eq!(key(false).code(), "publishable_key_unknown");
        assert!(key(true).to_string().contains("revoked"));
        let refused = |for_key| ApiError::OriginRefused {
            origin: "https://shop.example".into(),
            for_key,
        };
        assert_eq!(refused(false).code(), "origin_refused");
        assert!(refused(false).to_string().contains("https://shop.example"));
        assert_eq!(refused(true).code(), "origin_refused");
        assert!(refused(true).to_string().contains("publishable key's host"));
        let bad = ApiError::BadResponse {
            status: 502,
            reason: "expected value".into(),
        };
        assert_eq!(bad.code(), "bad_response");
    }

    #[test]
    fn messages_read_as_sentences() {
        let not_found = ApiError::Api {
            status: 404,
            error: ErrorBody::new(ErrorCode::NotFound, "no stream live-9").error,
            retry_after: None,
        };
        assert_eq!(not_found.to_string(), "HTTP 404: no stream live-9");
        assert_eq!(
            ApiError::Network("Failed to fetch".into()).to_string(),
            "network error: Failed to fetch"
        );
    }
}
