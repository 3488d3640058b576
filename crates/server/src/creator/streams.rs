//! New streams and videos: `POST /v1/creator/streams`.
//!
//! A creator token's user who runs no creator yet becomes one with their
//! first stream: a new creator named after the host's id for them (with the
//! creator's id appended if another creator already has that name).

use etalase_contract::{CreatorSummary, NewStream, StreamKind, StreamSummary};
use sqlx::AnyConnection;

use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::creator as store;
use crate::time::Timestamp;
use crate::AppState;

/// The longest stream title, in characters.
const MAX_TITLE_CHARS: usize = 120;

/// A stream's title: 1 to 120 characters, not blank, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamTitle(String);

impl StreamTitle {
    /// Checks `text` (trimmed), blaming the field `title`.
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let problem = if text.is_empty() {
            Some("title must not be blank".to_owned())
        } else if text.chars().count() > MAX_TITLE_CHARS {
            Some(format!("title is at most {MAX_TITLE_CHARS} characters"))
        } else if text.chars().any(char::is_control) {
            Some("title must not contain control characters".to_owned())
        } else {
            None
        };
        match problem {
            Some(message) => Err(AppError::invalid("title", message)),
            None => Ok(StreamTitle(text.to_owned())),
        }
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Creates `request`'s stream or video for user `user_id`, with an empty
/// showcase; it starts now.
pub async fn create(state: &AppState, user_id: i64, request: &NewStream) -> Result<StreamSummary> {
    let title = StreamTitle::parse(&request.title)?;
    let prefix = match request.kind {
        StreamKind::Live => "live-",
        StreamKind::Video => "vid-",
    };
    let stream_id = secret::new_id(prefix)?;
    let mut tx = state.store.begin_write().await?;
    let creator = match store::creator_of(&mut tx, user_id).await? {
        Some(creator) => creator,
        None => become_creator(&mut tx, user_id).await?,
    };
    store::insert_stream(
        &mut tx,
        &stream_id,
        title.as_str(),
        request.kind,
        &creator.id,
        Timestamp::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(StreamSummary {
        id: stream_id,
        title: title.0,
        kind: request.kind,
        creator,
        product_count: 0,
        pinned_product_id: None,
    })
}

/// Makes user `user_id` a creator, inside the caller's write transaction.
async fn become_creator(conn: &mut AnyConnection, user_id: i64) -> Result<CreatorSummary> {
    let id = secret::new_id("crt-")?;
    let external = store::external_id(&mut *conn, user_id).await?;
    let name = if store::name_taken(&mut *conn, &external).await? {
        format!("{external} ({id})")
    } else {
        external
    };
    let creator = CreatorSummary { id, name };
    store::insert_creator(conn, &creator, user_id).await?;
    Ok(creator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_checked() {
        assert_eq!(
            StreamTitle::parse("  Live batik sale ").unwrap().as_str(),
            "Live batik sale"
        );
        assert!(StreamTitle::parse(&"é".repeat(120)).is_ok());
        for bad in ["", "   ", "a\nb", &"x".repeat(121)] {
            assert!(StreamTitle::parse(bad).is_err(), "{bad:?}");
        }
    }
}
