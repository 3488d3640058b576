//! A creator's tags on a video: `POST`, `GET` and `DELETE
//! /v1/creator/streams/{id}/tags`. A product of the showcase, from one
//! second to another within the video's length when it is known.

use etalase_contract::{
    NewVideoTag, TagSource, VideoTag, VideoTagList, MAX_VIDEO_SECONDS, MAX_VIDEO_TAGS,
};

use super::check_owner;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::{creator as showcase, tags as store};
use crate::time::Timestamp;
use crate::AppState;

/// Tags `request`'s product on `user_id`'s stream `stream_id`.
///
/// 422 `invalid_field` naming `start_second` or `end_second` past
/// [`MAX_VIDEO_SECONDS`], `end_second` when it is not after `start_second`
/// or past the video's length, `product_id` when the product is not a
/// listed product of the showcase, or `tag` when the video holds
/// [`MAX_VIDEO_TAGS`] tags already (counted under a lock on the stream, so
/// tags added at once never pass it).
pub async fn add(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    request: &NewVideoTag,
) -> Result<VideoTag> {
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    let (_, duration) = store::stream_length(&mut tx, stream_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("stream {stream_id} vanished")))?;
    check_seconds(request, duration)?;
    if store::count_tags(&mut tx, stream_id).await? >= MAX_VIDEO_TAGS {
        return Err(AppError::invalid(
            "tag",
            format!("a video holds at most {MAX_VIDEO_TAGS} tags; delete one first"),
        ));
    }
    if !showcase::in_showcase(&mut tx, stream_id, &request.product_id).await? {
        return Err(AppError::invalid(
            "product_id",
            format!(
                "{:?} is not a listed product of the showcase",
                request.product_id
            ),
        ));
    }
    let id = secret::new_id("tag-")?;
    let seconds = (request.start_second, request.end_second);
    store::insert_tag(
        &mut tx,
        &id,
        stream_id,
        &request.product_id,
        seconds,
        Timestamp::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(VideoTag {
        id,
        product_id: request.product_id.clone(),
        start_second: request.start_second,
        end_second: Some(request.end_second),
        source: TagSource::Creator,
    })
}

/// The tags of `user_id`'s stream `stream_id`, as viewers read them.
pub async fn list(state: &AppState, user_id: i64, stream_id: &str) -> Result<VideoTagList> {
    let mut conn = state.store.acquire().await?;
    check_owner(&mut conn, user_id, stream_id).await?;
    drop(conn);
    state
        .store
        .tags(stream_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("stream {stream_id} vanished")))
}

/// Deletes tag `tag_id` of `user_id`'s stream `stream_id`; 404 when the
/// stream has no such tag of its creator's (a pin is not deleted).
pub async fn delete(state: &AppState, user_id: i64, stream_id: &str, tag_id: &str) -> Result<()> {
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    if !store::delete_tag(&mut tx, stream_id, tag_id).await? {
        return Err(AppError::NotFound(format!(
            "stream {stream_id:?} has no tag {tag_id:?}"
        )));
    }
    tx.commit().await?;
    Ok(())
}

/// 422 unless `request` starts and ends within [`MAX_VIDEO_SECONDS`], ends
/// after it starts, and within `duration` if known.
fn check_seconds(request: &NewVideoTag, duration: Option<u32>) -> Result<()> {
    for (field, second) in [
        ("start_second", request.start_second),
        ("end_second", request.end_second),
    ] {
        if second > MAX_VIDEO_SECONDS {
            return Err(AppError::invalid(
                field,
                format!("{field} ({second}) must be 0 to {MAX_VIDEO_SECONDS} (a day)"),
            ));
        }
    }
    if request.end_second <= request.start_second {
        return Err(AppError::invalid(
            "end_second",
            format!(
                "end_second ({}) must be after start_second ({})",
                request.end_second, request.start_second
            ),
        ));
    }
    if let Some(duration) = duration.filter(|&duration| request.end_second > duration) {
        return Err(AppError::invalid(
            "end_second",
            format!(
                "end_second ({}) is past the video's end ({duration} s)",
                request.end_second
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(start_second: u32, end_second: u32) -> NewVideoTag {
        NewVideoTag {
            product_id: "prd-x".into(),
            start_second,
            end_second,
        }
    }

    #[test]
    fn a_tag_ends_after_it_starts_and_within_the_video() {
        assert!(check_seconds(&tag(42, 90), Some(90)).is_ok());
        assert!(check_seconds(&tag(0, 1), None).is_ok());
        assert!(check_seconds(&tag(0, MAX_VIDEO_SECONDS), None).is_ok());
        for (bad, duration, named) in [
            (tag(5, 5), None, "end_second"),
            (tag(6, 5), None, "end_second"),
            (tag(42, 91), Some(90), "end_second"),
            (tag(0, MAX_VIDEO_SECONDS + 1), None, "end_second"),
            (tag(u32::MAX - 1, u32::MAX), None, "start_second"),
            (tag(1 << 31, 5), None, "start_second"),
        ] {
            let Err(AppError::Invalid { field, .. }) = check_seconds(&bad, duration) else {
                panic!("{bad:?} accepted");
            };
            assert_eq!(field.as_deref(), Some(named), "{bad:?}");
        }
    }
}
