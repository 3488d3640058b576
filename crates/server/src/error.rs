//! How failures become answers: [`AppError`] and the contract's `ErrorBody`.
//!
//! Handlers return [`Result`]; whatever goes wrong turns into an HTTP status
//! and an [`ErrorBody`]. Database errors are logged here, with their causes,
//! and reach the client only as an opaque `internal` or `unavailable` code.

use std::error::Error as StdError;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_contract::{ErrorBody, ErrorCode};

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
    /// The database does not answer (503 `unavailable`).
    #[error("the database is unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A query failed (500 `internal`, or 503 `unavailable` when no
    /// connection could be had).
    #[error("a database query failed")]
    Database(#[from] sqlx::Error),
    /// A bug on our side that is not a database error (500 `internal`).
    #[error("{0}")]
    Internal(String),
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
            AppError::Unavailable(error)
            | AppError::Database(error @ (sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed)) => {
                tracing::warn!(error = &error as &dyn StdError, "database unavailable");
                unavailable()
            }
            AppError::Database(error) => {
                tracing::error!(error = &error as &dyn StdError, "database query failed");
                internal()
            }
            AppError::Internal(message) => {
                tracing::error!(message, "internal error");
                internal()
            }
        };
        (status, Json(body)).into_response()
    }
}

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

/// The answer when the server cannot serve now but a retry may succeed.
pub(crate) fn unavailable() -> (StatusCode, ErrorBody) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorBody::new(
            ErrorCode::Unavailable,
            "the service is unavailable; retry later",
        ),
    )
}
