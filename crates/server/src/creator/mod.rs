//! What creators do to their own streams.
//!
//! - [`streams`]: create a live stream or a video (the caller becomes a
//!   creator with their first).
//! - [`showcase`]: set the ordered showcase, pin and unpin, each change
//!   pushed to the stream's viewers.
//! - [`sales`]: what a stream sold, and the creator's commission.
//! - [`tags`]: products tagged on a video from one second to another.
//!
//! A creator token's user runs at most one creator (`creators.user_id`);
//! a stream of any other creator, or none, is a 404 to it.

pub mod sales;
pub mod showcase;
pub mod streams;
pub mod tags;

use sqlx::AnyConnection;

use crate::error::{AppError, Result};
use crate::store::creator as store;
use crate::store::Store;

/// Whether user `user_id` (none for a publishable key) runs stream
/// `stream_id`: its live feed then carries the stream's `sales` events.
pub async fn runs_stream(store: &Store, user_id: Option<i64>, stream_id: &str) -> Result<bool> {
    let Some(user_id) = user_id else {
        return Ok(false);
    };
    let mut conn = store.acquire().await?;
    Ok(store::owns_stream(&mut conn, user_id, stream_id).await?)
}

/// 404 unless stream `stream_id` is run by user `user_id`.
pub(crate) async fn check_owner(
    conn: &mut AnyConnection,
    user_id: i64,
    stream_id: &str,
) -> Result<()> {
    if store::owns_stream(conn, user_id, stream_id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound(format!(
            "you have no stream with id {stream_id:?}"
        )))
    }
}
