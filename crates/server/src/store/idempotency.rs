//! Idempotency keys of `POST /v1/orders`: claimed, leased, finished, replayed.

use sqlx::AnyConnection;

use super::Store;
use crate::time::Timestamp;

/// What a key holds when a request claims it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    /// The key was free; the caller now runs the request, leased until then.
    Claimed,
    /// A request with another body used the key.
    OtherRequest,
    /// The first request finished; its answer, to replay.
    Done {
        /// The HTTP status.
        status: u16,
        /// The body, byte for byte.
        body: Vec<u8>,
    },
    /// The first request is running; its lease ends at `until`.
    Running {
        /// When the lease ends.
        until: Timestamp,
    },
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    fingerprint: String,
    state: String,
    status: Option<i64>,
    body: Option<Vec<u8>>,
    locked_until: String,
}

impl Store {
    /// Claims key `key` of `user_id` for a request whose fingerprint is
    /// `fingerprint`, leased until `lease_until`. A running key whose lease
    /// ended before `now` is taken over (its server died mid-request; its
    /// transaction never committed).
    pub async fn claim_key(
        &self,
        user_id: i64,
        key: &str,
        fingerprint: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<KeyState, sqlx::Error> {
        let mut conn = self.writer.acquire().await?;
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (user_id, key, fingerprint, state, locked_until, created_at)
             VALUES ($1, $2, $3, 'running', $4, $5) ON CONFLICT (user_id, key) DO NOTHING",
        )
        .bind(user_id)
        .bind(key)
        .bind(fingerprint)
        .bind(lease_until.to_string())
        .bind(now.to_string())
        .execute(&mut *conn)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(KeyState::Claimed);
        }
        let row: Option<KeyRow> = sqlx::query_as(
            "SELECT fingerprint, state, status, body, locked_until FROM idempotency_keys
              WHERE user_id = $1 AND key = $2",
        )
        .bind(user_id)
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(KeyRow {
            fingerprint: stored_fingerprint,
            state,
            status,
            body,
            locked_until,
        }) = row
        else {
            // Forgotten between the insert and the read: claim it afresh,
            // on a connection of its own (SQLite has one writer).
            drop(conn);
            return Box::pin(self.claim_key(user_id, key, fingerprint, now, lease_until)).await;
        };
        if stored_fingerprint != fingerprint {
            return Ok(KeyState::OtherRequest);
        }
        if let (Some(status), Some(body)) = (status, body) {
            return Ok(KeyState::Done {
                status: super::narrow(status)?,
                body,
            });
        }
        if state == "running" && locked_until.as_str() <= now.to_string().as_str() {
            let taken = sqlx::query(
                "UPDATE idempotency_keys SET locked_until = $1
                  WHERE user_id = $2 AND key = $3 AND state = 'running' AND locked_until = $4",
            )
            .bind(lease_until.to_string())
            .bind(user_id)
            .bind(key)
            .bind(&locked_until)
            .execute(&mut *conn)
            .await?;
            if taken.rows_affected() == 1 {
                return Ok(KeyState::Claimed);
            }
        }
        Ok(KeyState::Running {
            until: Timestamp::parse(&locked_until).unwrap_or(now),
        })
    }

    /// Records the answer of the request holding key `key` of `user_id`.
    pub async fn finish_key(
        &self,
        user_id: i64,
        key: &str,
        status: u16,
        body: &[u8],
    ) -> Result<(), sqlx::Error> {
        let mut conn = self.writer.acquire().await?;
        finish_key(&mut conn, user_id, key, status, body).await
    }

    /// Frees key `key` of `user_id` after a failure on our side, so a retry
    /// runs again.
    pub async fn forget_key(&self, user_id: i64, key: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'running'",
        )
        .bind(user_id)
        .bind(key)
        .execute(&self.writer)
        .await
        .map(drop)
    }

    /// Deletes finished keys and quotes created before `before`.
    pub async fn delete_keys_and_quotes_before(
        &self,
        before: Timestamp,
    ) -> Result<(), sqlx::Error> {
        let before = before.to_string();
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1 AND state = 'done'")
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

/// Records the answer of the request holding key `key` of `user_id` on
/// `conn`: inside the order's own transaction, the answer and the checkout
/// commit together or not at all.
pub(crate) async fn finish_key(
    conn: &mut AnyConnection,
    user_id: i64,
    key: &str,
    status: u16,
    body: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE idempotency_keys SET state = 'done', status = $1, body = $2
          WHERE user_id = $3 AND key = $4",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(user_id)
    .bind(key)
    .execute(conn)
    .await
    .map(drop)
}
