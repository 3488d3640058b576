//! The typed client of the marketplace API.
//!
//! One method per endpoint on [`ApiClient`], each returning
//! `Result<T, ApiError>` with contract types. No URL is built anywhere else,
//! and media paths in answers are resolved to absolute URLs here, so
//! components never see a relative one. A request refused for its token
//! waits for the host's next one ([`TokenGate`]); a showcase preloaded
//! before mounting is answered from `warm`.

mod addresses;
mod auth;
pub mod body;
mod client;
mod creator;
mod deals;
mod error;
mod live;
mod sse;
mod streams;
mod url;
mod vouchers;
mod warm;

pub use auth::TokenGate;
pub use client::{new_key, ApiClient, Placement};
pub use creator::Search;
pub use error::ApiError;
pub use etalase_contract::js::{from_js, DecodeError, FromJs};
pub use live::Heard;
