//! What creators change: their streams, showcases and pins, and which user
//! runs which creator.

use etalase_contract::{CreatorSummary, StreamKind};
use sqlx::AnyConnection;

use super::{Store, Stored};
use crate::time::Timestamp;

/// The creator user `user_id` runs, if any.
pub(crate) async fn creator_of(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Option<CreatorSummary>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, name FROM creators WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(id, name)| CreatorSummary { id, name }))
}

/// The host's own id for user `user_id`.
pub(crate) async fn external_id(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT external_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// Writes creator `creator`, run by user `user_id`, its name keyed `key`
/// ([`crate::text::name_key`]); `false`, writing nothing, when a creator's
/// name already has that key or the user already runs a creator. The
/// unique indexes decide, so this is race-free on PostgreSQL too: a
/// concurrent insert of the same key waits for the first to commit, then
/// yields.
pub(crate) async fn insert_creator(
    conn: &mut AnyConnection,
    creator: &CreatorSummary,
    key: &str,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO creators (id, name, skeleton, user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(&creator.id)
    .bind(&creator.name)
    .bind(key)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keys the names of creators written before names were keyed (migration
/// `0012_names` on SQLite, `0004_names` on PostgreSQL), inside the
/// caller's write transaction; answers how many. Creators go in the order
/// of their first stream, so the first to stream under a name keeps it and
/// a later look-alike gets its id appended, as a new one would.
pub(crate) async fn key_names(conn: &mut AnyConnection) -> Result<usize, sqlx::Error> {
    let unkeyed: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.id, c.name FROM creators c WHERE c.skeleton IS NULL
          ORDER BY (SELECT COALESCE(MIN(s.started_at), '~') FROM streams s
                     WHERE s.creator_id = c.id), c.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (id, name) in &unkeyed {
        let key = crate::text::name_key(name);
        let keyed = sqlx::query(
            "UPDATE creators SET skeleton = $1
              WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM creators WHERE skeleton = $1)",
        )
        .bind(&key)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        if keyed.rows_affected() == 0 {
            let name = format!("{name} ({id})");
            sqlx::query("UPDATE creators SET name = $1, skeleton = $2 WHERE id = $3")
                .bind(&name)
                .bind(crate::text::name_key(&name))
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(unkeyed.len())
}

/// A new stream's row: what `POST /v1/creator/streams` writes.
pub(crate) struct NewStreamRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: StreamKind,
    pub creator_id: &'a str,
    /// When it started.
    pub at: Timestamp,
    /// A video's length in seconds, if known.
    pub duration_seconds: Option<u32>,
    /// A live stream's start when scheduled ahead (then also `at`).
    pub scheduled_for: Option<Timestamp>,
}

/// Writes stream `stream`, with an empty showcase.
pub(crate) async fn insert_stream(
    conn: &mut AnyConnection,
    stream: &NewStreamRow<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO streams (id, title, kind, creator_id, started_at, duration_seconds,
                              scheduled_for)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(stream.id)
    .bind(stream.title)
    .bind(Stored(stream.kind))
    .bind(stream.creator_id)
    .bind(stream.at.to_string())
    .bind(stream.duration_seconds.map(i64::from))
    .bind(stream.scheduled_for.map(|at| at.to_string()))
    .execute(conn)
    .await
    .map(drop)
}

/// Whether stream `stream_id` exists and is run by user `user_id`.
pub(crate) async fn owns_stream(
    conn: &mut AnyConnection,
    user_id: i64,
    stream_id: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, super::Flag>(
        "SELECT EXISTS (SELECT 1 FROM streams s JOIN creators c ON c.id = s.creator_id
                         WHERE s.id = $1 AND c.user_id = $2)",
    )
    .bind(stream_id)
    .bind(user_id)
    .fetch_one(conn)
    .await
    .map(bool::from)
}

/// Whether product `product_id` is listed: `None` when there is no such
/// product.
pub(crate) async fn is_listed(
    conn: &mut AnyConnection,
    product_id: &str,
) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar::<_, super::Flag>("SELECT listed FROM products WHERE id = $1")
        .bind(product_id)
        .fetch_optional(conn)
        .await
        .map(|listed| listed.map(bool::from))
}

/// Replaces stream `stream_id`'s showcase with `product_ids`, in that
/// order, unpinning a pinned product left out; `true` when it did.
pub(crate) async fn replace_showcase(
    conn: &mut AnyConnection,
    stream_id: &str,
    product_ids: &[String],
) -> Result<bool, sqlx::Error> {
    // Locks the stream's row (PostgreSQL runs writers side by side), so a
    // second replacement waits, then deletes what this one wrote.
    sqlx::query("UPDATE streams SET id = id WHERE id = $1")
        .bind(stream_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM stream_products WHERE stream_id = $1")
        .bind(stream_id)
        .execute(&mut *conn)
        .await?;
    for (position, product_id) in (0_i64..).zip(product_ids) {
        sqlx::query(
            "INSERT INTO stream_products (stream_id, product_id, position) VALUES ($1, $2, $3)",
        )
        .bind(stream_id)
        .bind(product_id)
        .bind(position)
        .execute(&mut *conn)
        .await?;
    }
    let unpinned = sqlx::query(
        "UPDATE streams SET pinned_product_id = NULL
          WHERE id = $1 AND pinned_product_id IS NOT NULL
            AND pinned_product_id NOT IN (SELECT product_id FROM stream_products
                                           WHERE stream_id = $1)",
    )
    .bind(stream_id)
    .execute(conn)
    .await?;
    Ok(unpinned.rows_affected() == 1)
}

/// Whether listed product `product_id` is in stream `stream_id`'s showcase.
pub(crate) async fn in_showcase(
    conn: &mut AnyConnection,
    stream_id: &str,
    product_id: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, super::Flag>(
        "SELECT EXISTS (SELECT 1 FROM stream_products sp
                          JOIN listed_products p ON p.id = sp.product_id
                         WHERE sp.stream_id = $1 AND sp.product_id = $2)",
    )
    .bind(stream_id)
    .bind(product_id)
    .fetch_one(conn)
    .await
    .map(bool::from)
}

/// Pins `product_id` on stream `stream_id`, or unpins with `None`.
pub(crate) async fn set_pin(
    conn: &mut AnyConnection,
    stream_id: &str,
    product_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE streams SET pinned_product_id = $1 WHERE id = $2")
        .bind(product_id)
        .bind(stream_id)
        .execute(conn)
        .await
        .map(drop)
}

impl Store {
    /// Gives every creator that no user runs yet to the user of host
    /// `host_id` whose id is the creator's (`crt-raka-gaya`), creating the
    /// user if needed. Demo mode does this for the demo host, so the demo
    /// can run the seeded streams.
    pub async fn link_creators_to_host(&self, host_id: &str) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let unlinked: Vec<String> =
            sqlx::query_scalar("SELECT id FROM creators WHERE user_id IS NULL ORDER BY id")
                .fetch_all(&mut *tx)
                .await?;
        for creator_id in unlinked {
            let user_id: i64 = sqlx::query_scalar(
                "INSERT INTO users (host_id, external_id) VALUES ($1, $2)
                 ON CONFLICT (host_id, external_id) DO UPDATE SET external_id = excluded.external_id
                 RETURNING id",
            )
            .bind(host_id)
            .bind(&creator_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("UPDATE creators SET user_id = $1 WHERE id = $2")
                .bind(user_id)
                .bind(&creator_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }
}
