//! How failures become answers: [`AppError`] and the contract's `ErrorBody`.
//!
//! Handlers return [`Result`]; whatever goes wrong turns into an HTTP status
//! and an [`ErrorBody`]. Database errors are logged here, with their causes,
//! and reach the client only as an opaque `internal` or `unavailable` code.

use std::error::Error as StdError;
use std::time::Duration;

use sqlx::error::DatabaseError as _;

use axum::http::header::{HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_contract::{ErrorBody, ErrorCode, QuoteAnswer, QuoteChangedBody, SavedAddress};

/// Marks an answer no page may read: the CORS layer sends it without CORS
/// headers, whatever the request's origin.
#[derive(Debug, Clone, Copy)]
pub struct NoCors;

/// The result of a handler.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The resource does not exist, or is not shown (404 `not_found`).
    #[error("{0}")]
    NotFound(String),
    /// The request is malformed (400 `bad_request`).
    #[error("{message}")]
    BadRequest {
        /// What is wrong, for the developer.
        message: String,
        /// The parameter at fault, if known.
        field: Option<String>,
    },
    /// No valid credentials (401 `unauthenticated` or `token_expired`).
    #[error("{message}")]
    Unauthenticated {
        /// `unauthenticated` or `token_expired`.
        code: ErrorCode,
        /// What is wrong, for the developer.
        message: String,
    },
    /// The token's role may not call the endpoint (403 `wrong_role`).
    #[error("{0}")]
    WrongRole(String),
    /// The credential may not call the endpoint (403 with `code`, such as
    /// `publishable_key_forbidden`).
    #[error("{message}")]
    Forbidden {
        /// The specific code.
        code: ErrorCode,
        /// What is wrong and what is needed, for the developer.
        message: String,
    },
    /// A publishable key sent from a page its host did not register (403
    /// `origin_not_allowed`); the answer carries [`NoCors`], so the page
    /// cannot read it.
    #[error("{0}")]
    OriginRefused(String),
    /// Too many requests for the token (429 `rate_limited`, `Retry-After`).
    #[error("rate limited; retry after {retry_after:?}")]
    RateLimited {
        /// How long until a request would be allowed.
        retry_after: Duration,
    },
    /// A field holds a value the server does not accept (422, with a code
    /// more specific than `invalid_field` when there is one).
    #[error("{message}")]
    Invalid {
        /// `invalid_field` or a more specific code.
        code: ErrorCode,
        /// What is wrong, for the developer.
        message: String,
        /// The field at fault, as a path (`items[0].quantity`).
        field: Option<String>,
    },
    /// The request conflicts with the state of things now (409), e.g.
    /// `out_of_stock` or `voucher_exhausted`.
    #[error("{message}")]
    Conflict {
        /// The specific code.
        code: ErrorCode,
        /// What is wrong, for the developer.
        message: String,
        /// The field at fault, if any.
        field: Option<String>,
    },
    /// The quote's prices, shipping, vouchers or address changed (409 `quote_changed`,
    /// with the new quote in the body).
    #[error("the quote changed")]
    QuoteChanged(Box<QuoteAnswer<SavedAddress>>),
    /// A request with the same idempotency key is still running (409
    /// `idempotency_in_progress`, `Retry-After: 1`).
    #[error("a request with this Idempotency-Key is still running")]
    InProgress,
    /// The request body is over the limit (413 `bad_request`).
    #[error("the request body is too large")]
    TooLarge,
    /// The server is shutting down and takes no new live feeds (503
    /// `unavailable`).
    #[error("the server is stopping")]
    Stopping,
    /// The database does not answer (503 `unavailable`).
    #[error("the database is unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A query failed (500 `internal`; 503 `unavailable` when no connection
    /// could be had, the connection was lost, or the database stayed busy or
    /// locked past the busy timeout: see [`is_transient`]).
    #[error("a database query failed")]
    Database(#[from] sqlx::Error),
    /// A bug on our side that is not a database error (500 `internal`).
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// Whether the failure is on our side (a 5xx answer): nothing of such a
    /// request is kept, so a retry runs it again.
    pub fn is_server_side(&self) -> bool {
        matches!(
            self,
            AppError::Stopping
                | AppError::Unavailable(_)
                | AppError::Database(_)
                | AppError::Internal(_)
        )
    }

    /// A 422 `invalid_field` blaming `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            code: ErrorCode::InvalidField,
            message: message.into(),
            field: Some(field.into()),
        }
    }
}

impl IntoResponse for AppError {
    /// The status and error body for this error. Server-side failures are
    /// logged here, with their causes, so every handler logs them alike.
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::NotFound(message) => (
                StatusCode::NOT_FOUND,
                ErrorBody::new(ErrorCode::NotFound, message),
            ),
            AppError::BadRequest { message, field } => {
                let body = ErrorBody::new(ErrorCode::BadRequest, message);
                let body = match field {
                    Some(field) => body.with_field(field),
                    None => body,
                };
                (StatusCode::BAD_REQUEST, body)
            }
            AppError::Unauthenticated { code, message } => {
                let mut response = (
                    StatusCode::UNAUTHORIZED,
                    Json(ErrorBody::new(code, message)),
                )
                    .into_response();
                response.headers_mut().insert(
                    WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"etalase\""),
                );
                return response;
            }
            AppError::WrongRole(message) => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(ErrorCode::WrongRole, message),
            ),
            AppError::Forbidden { code, message } => {
                (StatusCode::FORBIDDEN, ErrorBody::new(code, message))
            }
            AppError::OriginRefused(message) => {
                let body = ErrorBody::new(ErrorCode::OriginNotAllowed, message);
                let mut response = (StatusCode::FORBIDDEN, Json(body)).into_response();
                response.extensions_mut().insert(NoCors);
                return response;
            }
            AppError::RateLimited { retry_after } => {
                // Whole seconds, rounded up, so a client that waits is allowed.
                let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                let body = ErrorBody::new(
                    ErrorCode::RateLimited,
                    format!("too many requests; retry after {seconds} s"),
                );
                let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
                return response;
            }
            AppError::Invalid {
                code,
                message,
                field,
            } => {
                let body = ErrorBody::new(code, message);
                let body = match field {
                    Some(field) => body.with_field(field),
                    None => body,
                };
                (StatusCode::UNPROCESSABLE_ENTITY, body)
            }
            AppError::Conflict {
                code,
                message,
                field,
            } => {
                let body = ErrorBody::new(code, message);
                let body = match field {
                    Some(field) => body.with_field(field),
                    None => body,
                };
                (StatusCode::CONFLICT, body)
            }
            AppError::QuoteChanged(quote) => {
                return (StatusCode::CONFLICT, Json(QuoteChangedBody::new(*quote))).into_response();
            }
            AppError::InProgress => {
                let body = ErrorBody::new(
                    ErrorCode::IdempotencyInProgress,
                    "a request with this Idempotency-Key is still running; retry shortly",
                );
                let mut response = (StatusCode::CONFLICT, Json(body)).into_response();
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from_static("1"));
                return response;
            }
            AppError::TooLarge => too_large(),
            AppError::Stopping => unavailable(),
            AppError::Database(error) if !is_transient(&error) => {
                tracing::error!(error = &error as &dyn StdError, "database query failed");
                internal()
            }
            AppError::Unavailable(error) | AppError::Database(error) => {
                tracing::warn!(error = &error as &dyn StdError, "database unavailable");
                unavailable()
            }
            AppError::Internal(message) => {
                tracing::error!(message, "internal error");
                internal()
            }
        };
        (status, Json(body)).into_response()
    }
}

/// Whether a database error may pass if the request is tried again: no
/// connection to be had or the connection lost, or SQLite still busy or
/// locked (`SQLITE_BUSY`, `SQLITE_LOCKED` and their extended codes) after
/// the busy timeout. Such a request is answered 503 `unavailable` with
/// `Retry-After`; its transaction rolled back, so nothing of it was kept.
pub fn is_transient(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(error) => error
            .try_downcast_ref::<sqlx::sqlite::SqliteError>()
            .and_then(|error| error.code())
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED)),
        _ => false,
    }
}

/// SQLite's primary result codes for a database another connection holds.
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;

/// The answer to a server-side failure: opaque, details are in the logs.
pub(crate) fn internal() -> (StatusCode, ErrorBody) {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorBody::new(
            ErrorCode::Internal,
            "internal server error; details are in the server's logs",
        ),
    )
}

/// The largest request body accepted: the middleware stack answers 413
/// beyond it, with [`too_large`].
pub(crate) const BODY_LIMIT: usize = 64 * 1024;

/// The answer to a body over the limit.
pub(crate) fn too_large() -> (StatusCode, ErrorBody) {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorBody::new(
            ErrorCode::BadRequest,
            format!("the request body is over {} bytes", BODY_LIMIT),
        ),
    )
}

/// The answer when the server cannot serve now but a retry may succeed
/// (the middleware stack adds `Retry-After` to every 503).
pub(crate) fn unavailable() -> (StatusCode, ErrorBody) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorBody::new(
            ErrorCode::Unavailable,
            "the service is unavailable; retry later",
        ),
    )
}
