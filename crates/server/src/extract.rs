//! Extractors whose rejections are our own error bodies, never axum's text.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Path parameters, like [`axum::extract::Path`], rejected with an [`AppError`].
#[derive(Debug)]
pub struct AppPath<T>(pub T);

impl<S, T> FromRequestParts<S> for AppPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(AppPath(value)),
            Err(rejection) => Err(path_error(rejection)),
        }
    }
}

/// A bad path parameter is the client's fault (400, naming the parameter when
/// axum knows it); a parameter the route does not capture is ours (500).
fn path_error(rejection: PathRejection) -> AppError {
    match rejection {
        PathRejection::FailedToDeserializePathParams(error) if error.status().is_client_error() => {
            let field = match error.kind() {
                ErrorKind::ParseErrorAtKey { key, .. }
                | ErrorKind::InvalidUtf8InPathParam { key }
                | ErrorKind::DeserializeError { key, .. } => Some(key.clone()),
                _ => None,
            };
            AppError::BadRequest {
                message: error.kind().to_string(),
                field,
            }
        }
        other => AppError::Internal(format!("path extraction: {}", other.body_text())),
    }
}
