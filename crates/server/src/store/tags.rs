//! Products tagged on videos and replays by the second: creators' tags,
//! streams' pin history, and the videos that feature a product.
//!
//! A live stream's replay is tagged by its pins: each pin, from when it
//! was made until it was taken off, as seconds from the stream's start,
//! read whenever the tags are read (there is no end of a stream to write
//! them at). Only products listed in the showcase now are shown.

use etalase_contract::{
    CreatorSummary, ProductVideo, ProductVideoList, StreamKind, TagSource, VideoTag, VideoTagList,
};
use sqlx::AnyConnection;

use super::{narrow, Store, Stored};
use crate::time::Timestamp;

/// The most videos listed for a product.
const MAX_PRODUCT_VIDEOS: usize = 20;

/// Notes in stream `stream_id`'s pin history that `product_id` is pinned
/// from `at` (the pin before it ending then), or that nothing is when
/// `None`. Pinning the product already pinned changes nothing.
pub(crate) async fn record_pin(
    conn: &mut AnyConnection,
    stream_id: &str,
    product_id: Option<&str>,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE stream_pins SET unpinned_at = $3
          WHERE stream_id = $1 AND unpinned_at IS NULL AND ($2 IS NULL OR product_id <> $2)",
    )
    .bind(stream_id)
    .bind(product_id)
    .bind(at.to_string())
    .execute(&mut *conn)
    .await?;
    if let Some(product_id) = product_id {
        sqlx::query(
            "INSERT INTO stream_pins (stream_id, product_id, pinned_at)
             SELECT $1, $2, $3
              WHERE NOT EXISTS (SELECT 1 FROM stream_pins
                                 WHERE stream_id = $1 AND unpinned_at IS NULL)",
        )
        .bind(stream_id)
        .bind(product_id)
        .bind(at.to_string())
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Stream `stream_id`'s kind and length in seconds, if it exists.
pub(crate) async fn stream_length(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<Option<(StreamKind, Option<u32>)>, sqlx::Error> {
    let row: Option<(Stored<StreamKind>, Option<i64>)> =
        sqlx::query_as("SELECT kind, duration_seconds FROM streams WHERE id = $1")
            .bind(stream_id)
            .fetch_optional(conn)
            .await?;
    row.map(|(kind, duration)| Ok((kind.0, duration.map(narrow).transpose()?)))
        .transpose()
}

/// The creator's tags on stream `stream_id`, counted in write transaction
/// `conn` after locking the stream's row, so tags added at once are
/// counted one after the other.
pub(crate) async fn count_tags(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<u32, sqlx::Error> {
    sqlx::query("UPDATE streams SET title = title WHERE id = $1")
        .bind(stream_id)
        .execute(&mut *conn)
        .await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM video_tags WHERE stream_id = $1")
        .bind(stream_id)
        .fetch_one(&mut *conn)
        .await?;
    narrow(count)
}

/// Writes tag `id` of `product_id` on stream `stream_id`.
pub(crate) async fn insert_tag(
    conn: &mut AnyConnection,
    id: &str,
    stream_id: &str,
    product_id: &str,
    seconds: (u32, u32),
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO video_tags (id, stream_id, product_id, start_second, end_second, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(stream_id)
    .bind(product_id)
    .bind(i64::from(seconds.0))
    .bind(i64::from(seconds.1))
    .bind(at.to_string())
    .execute(conn)
    .await
    .map(drop)
}

/// Deletes tag `id` of stream `stream_id`; whether there was one.
pub(crate) async fn delete_tag(
    conn: &mut AnyConnection,
    stream_id: &str,
    id: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM video_tags WHERE stream_id = $1 AND id = $2")
        .bind(stream_id)
        .bind(id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected() > 0)
}

/// A tag as read: a creator's (seconds) or a pin (instants).
#[derive(Clone, sqlx::FromRow)]
struct TagRow {
    id: String,
    stream_id: String,
    product_id: String,
    /// `creator` or `pin`.
    source: Stored<TagSource>,
    start_second: Option<i64>,
    end_second: Option<i64>,
    pinned_at: Option<String>,
    unpinned_at: Option<String>,
}

/// Creators' tags and live streams' pins, of listed products of the
/// showcase now: `{filter}` chooses of which stream or product (`$1`).
const TAGS: &str = "SELECT t.id, t.stream_id, t.product_id, 'creator' AS source,
            t.start_second, t.end_second, NULL AS pinned_at, NULL AS unpinned_at
       FROM video_tags t
       JOIN stream_products sp ON sp.stream_id = t.stream_id AND sp.product_id = t.product_id
       JOIN listed_products p ON p.id = t.product_id
      WHERE t.{filter} = $1
     UNION ALL
     SELECT 'pin-' || CAST(k.id AS TEXT), k.stream_id, k.product_id, 'pin',
            NULL, NULL, k.pinned_at, k.unpinned_at
       FROM stream_pins k
       JOIN streams s ON s.id = k.stream_id AND s.kind = 'live'
       JOIN stream_products sp ON sp.stream_id = k.stream_id AND sp.product_id = k.product_id
       JOIN listed_products p ON p.id = k.product_id
      WHERE k.{filter} = $1";

impl TagRow {
    /// The tag, its pin's instants as seconds from `started_at`.
    fn tag(self, started_at: Option<Timestamp>) -> Result<VideoTag, sqlx::Error> {
        let (start_second, end_second) = match self.source.0 {
            TagSource::Creator => (
                narrow(self.start_second.unwrap_or_default())?,
                self.end_second.map(narrow).transpose()?,
            ),
            TagSource::Pin => {
                let start = started_at.unwrap_or(Timestamp::EPOCH);
                let second = |text: &str| {
                    let at = Timestamp::parse(text).unwrap_or(start);
                    u32::try_from(start.until(at).as_secs()).unwrap_or(u32::MAX)
                };
                let from = second(self.pinned_at.as_deref().unwrap_or_default());
                // A pin held less than a second still covers one.
                let to = self
                    .unpinned_at
                    .as_deref()
                    .map(|at| second(at).max(from.saturating_add(1)));
                (from, to)
            }
        };
        Ok(VideoTag {
            id: self.id,
            product_id: self.product_id,
            start_second,
            end_second,
            source: self.source.0,
        })
    }
}

impl Store {
    /// The tags of stream `stream_id` by start second, or `None` when there
    /// is no such stream.
    pub async fn tags(&self, stream_id: &str) -> Result<Option<VideoTagList>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let stream: Option<(Stored<StreamKind>, Option<i64>, String)> =
            sqlx::query_as("SELECT kind, duration_seconds, started_at FROM streams WHERE id = $1")
                .bind(stream_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((kind, duration, started_at)) = stream else {
            return Ok(None);
        };
        let rows: Vec<TagRow> = sqlx::query_as(&TAGS.replace("{filter}", "stream_id"))
            .bind(stream_id)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let started_at = Timestamp::parse_whole_seconds_too(&started_at);
        let mut tags = rows
            .into_iter()
            .map(|row| row.tag(started_at))
            .collect::<Result<Vec<_>, _>>()?;
        tags.sort_by(|a, b| (a.start_second, &a.id).cmp(&(b.start_second, &b.id)));
        Ok(Some(VideoTagList {
            stream_id: stream_id.to_owned(),
            kind: kind.0,
            duration_seconds: duration.map(narrow).transpose()?,
            tags,
        }))
    }

    /// The recorded videos and replays whose tags hold listed product
    /// `product_id`, newest first, each at the product's first tag in it;
    /// `None` when there is no such listed product. A live stream is a
    /// replay once it pins nothing: one pinning a product now is on air, and
    /// left out (nothing else in the API ends a stream).
    pub async fn product_videos(
        &self,
        product_id: &str,
    ) -> Result<Option<ProductVideoList>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let listed: Option<String> =
            sqlx::query_scalar("SELECT id FROM listed_products WHERE id = $1")
                .bind(product_id)
                .fetch_optional(&mut *tx)
                .await?;
        if listed.is_none() {
            return Ok(None);
        }
        let rows: Vec<TagRow> = sqlx::query_as(&TAGS.replace("{filter}", "product_id"))
            .bind(product_id)
            .fetch_all(&mut *tx)
            .await?;
        let mut stream_ids: Vec<String> = rows.iter().map(|row| row.stream_id.clone()).collect();
        stream_ids.sort();
        stream_ids.dedup();
        let mut videos = Vec::new();
        for stream_id in stream_ids {
            let found: Option<(String, Stored<StreamKind>, String, String, String)> =
                sqlx::query_as(
                    "SELECT s.title, s.kind, c.id, c.name, s.started_at
                       FROM streams s JOIN creators c ON c.id = s.creator_id
                      WHERE s.id = $1 AND (s.kind = 'video' OR s.pinned_product_id IS NULL)",
                )
                .bind(&stream_id)
                .fetch_optional(&mut *tx)
                .await?;
            // A stream on air is watched live, not from a second.
            let Some((title, kind, creator_id, creator_name, started_at)) = found else {
                continue;
            };
            let started = Timestamp::parse_whole_seconds_too(&started_at);
            let first = rows
                .iter()
                .filter(|row| row.stream_id == stream_id)
                .map(|row| row.clone().tag(started))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .min_by_key(|tag| tag.start_second);
            if let Some(first) = first {
                videos.push((
                    started_at,
                    ProductVideo {
                        stream_id,
                        title,
                        kind: kind.0,
                        creator: CreatorSummary {
                            id: creator_id,
                            name: creator_name,
                        },
                        start_second: first.start_second,
                        end_second: first.end_second,
                    },
                ));
            }
        }
        tx.commit().await?;
        videos.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.stream_id.cmp(&b.1.stream_id))
        });
        Ok(Some(ProductVideoList {
            product_id: product_id.to_owned(),
            videos: videos
                .into_iter()
                .take(MAX_PRODUCT_VIDEOS)
                .map(|(_, video)| video)
                .collect(),
        }))
    }
}
