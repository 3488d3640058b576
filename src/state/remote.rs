//! [`Remote`]: where a value loaded from the API stands.

use std::rc::Rc;

use crate::api::ApiError;

/// A value loaded from the API, from "not asked" to loaded or failed.
#[derive(Debug, PartialEq, Eq)]
pub enum Remote<T> {
    /// Nothing has been asked for.
    Idle,
    /// The request is on its way.
    Loading,
    /// The value arrived.
    Ready(Rc<T>),
    /// The request failed; a retry may help.
    Failed(ApiError),
}

// By hand: a derive would demand `T: Clone`, but only the `Rc` is cloned.
impl<T> Clone for Remote<T> {
    fn clone(&self) -> Self {
        match self {
            Remote::Idle => Remote::Idle,
            Remote::Loading => Remote::Loading,
            Remote::Ready(value) => Remote::Ready(Rc::clone(value)),
            Remote::Failed(error) => Remote::Failed(error.clone()),
        }
    }
}

impl<T> From<Result<Rc<T>, ApiError>> for Remote<T> {
    fn from(result: Result<Rc<T>, ApiError>) -> Self {
        match result {
            Ok(value) => Remote::Ready(value),
            Err(error) => Remote::Failed(error),
        }
    }
}
