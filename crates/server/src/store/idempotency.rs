//! Idempotency keys of `POST /v1/orders`: each kept with its answer, the
//! answer written in the order's own transaction (decision 0067).
//!
//! A key is stored once, with the request's fingerprint and the answer, by
//! an `INSERT` that does nothing when the key is there already: the unique
//! key decides a race between two requests of one key, which PostgreSQL
//! makes the second wait for until the first commits or rolls back. There
//! is no claim and no lease: a request that dies leaves nothing, and the
//! same key sent again runs at once.

use sqlx::AnyConnection;

use super::Store;
use crate::time::Timestamp;

/// The answer stored under a key, and the request it answered.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredAnswer {
    /// The fingerprint of the request that stored it.
    pub fingerprint: String,
    /// The HTTP status.
    #[sqlx(try_from = "i64")]
    pub status: u16,
    /// The body, byte for byte.
    pub body: Vec<u8>,
}

/// The answer to keep under key `key` of `user_id`.
#[derive(Debug, Clone, Copy)]
pub struct NewAnswer<'a> {
    /// The shopper.
    pub user_id: i64,
    /// The key's text.
    pub key: &'a str,
    /// The fingerprint of the request.
    pub fingerprint: &'a str,
    /// The HTTP status.
    pub status: u16,
    /// The body, byte for byte.
    pub body: &'a [u8],
}

impl Store {
    /// The answer stored under key `key` of `user_id`, if any.
    pub async fn stored_answer(
        &self,
        user_id: i64,
        key: &str,
    ) -> Result<Option<StoredAnswer>, sqlx::Error> {
        sqlx::query_as(
            "SELECT fingerprint, status, body FROM idempotency_keys
              WHERE user_id = $1 AND key = $2",
        )
        .bind(user_id)
        .bind(key)
        .fetch_optional(&self.pool)
        .await
    }

    /// Keeps `answer` in a write of its own, for a refusal whose
    /// transaction rolled back; `false` when the key holds an answer
    /// already.
    pub async fn store_answer(&self, answer: NewAnswer<'_>) -> Result<bool, sqlx::Error> {
        let mut conn = self.writer.acquire().await?;
        store_answer(&mut conn, answer).await
    }

    /// Deletes keys and quotes created before `before`.
    pub async fn delete_keys_and_quotes_before(
        &self,
        before: Timestamp,
    ) -> Result<(), sqlx::Error> {
        let before = before.to_string();
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(&before)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "DELETE FROM quotes WHERE created_at < $1
                AND id NOT IN (SELECT quote_id FROM checkouts)",
        )
        .bind(&before)
        .execute(&self.pool)
        .await
        .map(drop)
    }
}

/// Keeps `answer` on `conn`; inside an order's transaction, the answer and
/// the checkout commit together or not at all. `false` when the key holds
/// an answer already (on PostgreSQL, once the transaction that wrote it
/// has committed).
pub(crate) async fn store_answer(
    conn: &mut AnyConnection,
    answer: NewAnswer<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, key) DO NOTHING",
    )
    .bind(answer.user_id)
    .bind(answer.key)
    .bind(answer.fingerprint)
    .bind(i64::from(answer.status))
    .bind(answer.body)
    .bind(Timestamp::now().to_string())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
