//! New streams and videos: `POST /v1/creator/streams`.
//!
//! A creator token's user who runs no creator yet becomes one with their
//! first stream: a new creator named after the host's id for them, with the
//! creator's id appended when another creator's name looks the same (their
//! [`text::name_key`]s are equal: decision 0043).

use etalase_contract::{
    CreatorStream, CreatorSummary, NewStream, StreamKind, StreamSummary, MAX_VIDEO_SECONDS,
};
use sqlx::AnyConnection;

use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::creator as store;
use crate::text::{self, Field};
use crate::time::Timestamp;
use crate::AppState;

/// How far ahead a live stream may be scheduled.
const MAX_SCHEDULE_AHEAD: std::time::Duration = std::time::Duration::from_secs(90 * 86_400);

/// The longest stream title, in characters.
const MAX_TITLE_CHARS: usize = 120;

/// A stream's title field.
const TITLE: Field = Field::line("title", 1, MAX_TITLE_CHARS);

/// A creator's name, made from a host's user id (at most 128 characters).
const CREATOR_NAME: Field = Field::line("name", 1, 128);

/// A stream's title: 1 to 120 characters, not blank, in NFC, with no
/// control, bidirectional or invisible characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamTitle(String);

impl StreamTitle {
    /// Checks `text` (trimmed), blaming the field `title`.
    pub fn parse(text: &str) -> Result<Self> {
        TITLE.clean(text).map(StreamTitle)
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Creates `request`'s stream or video for user `user_id`, with an empty
/// showcase; it starts now. A video may say its length; a live stream may
/// not (422 `invalid_field` naming `duration_seconds`). A live stream
/// may be scheduled to start later (`starts_at`): it starts then, and is
/// upcoming until.
pub async fn create(state: &AppState, user_id: i64, request: &NewStream) -> Result<CreatorStream> {
    let title = StreamTitle::parse(&request.title)?;
    match (request.kind, request.duration_seconds) {
        (StreamKind::Live, Some(_)) => {
            return Err(AppError::invalid(
                "duration_seconds",
                "a live stream has no length yet; give one for a video only",
            ))
        }
        (_, Some(seconds)) if !(1..=MAX_VIDEO_SECONDS).contains(&seconds) => {
            return Err(AppError::invalid(
                "duration_seconds",
                format!("duration_seconds must be 1 to {MAX_VIDEO_SECONDS} (a day)"),
            ))
        }
        _ => {}
    }
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
    let scheduled_for = scheduled_start(request, Timestamp::now())?;
    let row = store::NewStreamRow {
        id: &stream_id,
        title: title.as_str(),
        kind: request.kind,
        creator_id: &creator.id,
        at: scheduled_for.unwrap_or_else(Timestamp::now),
        duration_seconds: request.duration_seconds,
        scheduled_for,
    };
    store::insert_stream(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(CreatorStream {
        stream: StreamSummary {
            id: stream_id,
            title: title.0,
            kind: request.kind,
            creator,
            product_count: 0,
            pinned_product_id: None,
        },
        starts_at: scheduled_for.map(|at| at.to_string()),
    })
}

/// The start `request` schedules its live stream for, if any: 422
/// `invalid_field` naming `starts_at` unless it is RFC 3339 UTC
/// (`2026-06-14T19:00:00.000Z` or `…:00Z`) in the [`MAX_SCHEDULE_AHEAD`]
/// after `now`, for a live stream.
fn scheduled_start(request: &NewStream, now: Timestamp) -> Result<Option<Timestamp>> {
    let Some(text) = &request.starts_at else {
        return Ok(None);
    };
    let bad = |message: String| AppError::invalid("starts_at", message);
    if request.kind != StreamKind::Live {
        return Err(bad(
            "only a live stream is scheduled; a video is there at once".into(),
        ));
    }
    let at = Timestamp::parse_whole_seconds_too(text).ok_or_else(|| {
        bad(format!(
            "{text:?} is not RFC 3339 UTC, such as 2026-06-14T19:00:00Z"
        ))
    })?;
    if at <= now || at > now.plus(MAX_SCHEDULE_AHEAD) {
        return Err(bad(format!(
            "starts_at ({text}) must be after now and at most {} days ahead",
            MAX_SCHEDULE_AHEAD.as_secs() / 86_400
        )));
    }
    Ok(Some(at))
}

/// Makes user `user_id` a creator, inside the caller's write transaction.
///
/// The creator is named after the host's id for the user, or, when
/// another creator's name looks the same, that name with the new
/// creator's id appended: the name is not the user's choice here, so a
/// look-alike is told apart rather than refused. The unique key on
/// creators' names makes the check and the write one statement, so two
/// look-alikes created at once on PostgreSQL cannot both keep the name.
async fn become_creator(conn: &mut AnyConnection, user_id: i64) -> Result<CreatorSummary> {
    let id = secret::new_id("crt-")?;
    let external = store::external_id(&mut *conn, user_id).await?;
    // Ids are checked when a token is minted; one stored before that check
    // existed which fails it is not shown: the creator goes by its id.
    let name = CREATOR_NAME.clean(&external).unwrap_or_else(|_| id.clone());
    for name in [name.clone(), format!("{name} ({id})")] {
        let creator = CreatorSummary {
            id: id.clone(),
            name,
        };
        let key = text::name_key(&creator.name);
        if store::insert_creator(&mut *conn, &creator, &key, user_id).await? {
            return Ok(creator);
        }
        // Not written: a creator's name looks the same, or another request
        // of this user's made them a creator meanwhile (PostgreSQL).
        if let Some(creator) = store::creator_of(&mut *conn, user_id).await? {
            return Ok(creator);
        }
    }
    Err(AppError::Internal(format!(
        "no name left for creator {id} of user {user_id}"
    )))
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
        assert_eq!(
            StreamTitle::parse("Cafe\u{301} ☕").unwrap().as_str(),
            "Café ☕"
        );
        for bad in [
            "",
            "   ",
            "a\nb",
            &"x".repeat(121),
            "\u{200B}\u{200B}",
            "Sale\u{202E}elas",
            "Sale\u{2060}",
        ] {
            assert!(StreamTitle::parse(bad).is_err(), "{bad:?}");
        }
    }
}
