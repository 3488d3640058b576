//! Hosts, their users and the tokens minted for them.
//!
//! Keys and tokens are looked up by their SHA-256 (see
//! [`crate::identity::secret`]); the database never holds one in clear.

use crate::store::{Json, Stored};
use etalase_contract::Role;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::Store;
use crate::time::Timestamp;

/// How a retired host's API key hash begins; padded to the column's 64
/// characters, it is a hash no key has (a SHA-256 digest is hex, and this
/// holds `r`, `t`, `i` and `:`).
const RETIRED: &str = "retired:";

/// Whether the host whose API key hash is `api_key_hash` was retired: its
/// users' sessions and its publishable keys open nothing, even those a
/// demo-mode instance still mints for it.
pub(super) fn is_retired(api_key_hash: &str) -> bool {
    api_key_hash.starts_with(RETIRED)
}

/// A valid token's session, as read from the database.
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// The user the token was minted for.
    pub user_id: i64,
    /// What the token may do.
    pub role: Role,
    /// When it stops being valid.
    pub expires_at: Timestamp,
}

impl Store {
    /// Registers host `host_id` with the API key whose hash is `key_hash` and
    /// the origins its pages are served from, replacing both if it exists.
    pub async fn register_host(
        &self,
        host_id: &str,
        key_hash: &str,
        origins: &[String],
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO hosts (id, api_key_hash, origins) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET api_key_hash = excluded.api_key_hash,
                                            origins = excluded.origins",
        )
        .bind(host_id)
        .bind(key_hash)
        .bind(Json(origins))
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Retires host `host_id`: no key opens it any more, its publishable
    /// keys are revoked, no origin is allowed for it, and its users'
    /// sessions end, and those minted for it later never open: those this
    /// store holds or is reading at once, those another instance holds
    /// within the hold. Whether it existed.
    pub async fn retire_host(&self, host_id: &str) -> Result<bool, sqlx::Error> {
        let retired_hash: String = format!("{RETIRED}{host_id}").chars().take(64).collect();
        let retired_hash = format!("{retired_hash:x<64}");
        let mut tx = self.pool.begin().await?;
        let retired = sqlx::query(
            "UPDATE hosts SET api_key_hash = $2, origins = '[]'
             WHERE id = $1 AND api_key_hash <> $2",
        )
        .bind(host_id)
        .bind(&retired_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        sqlx::query(
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE host_id = $1)",
        )
        .bind(host_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE publishable_keys SET revoked_at = $2 WHERE host_id = $1 AND revoked_at IS NULL",
        )
        .bind(host_id)
        .bind(Timestamp::now().to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.sessions.clear();
        self.publishable_keys.clear();
        Ok(retired)
    }

    /// The id of the host whose API key hashes to `key_hash`.
    pub async fn host_by_key(&self, key_hash: &str) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT id FROM hosts WHERE api_key_hash = $1")
            .bind(key_hash)
            .fetch_optional(&self.pool)
            .await
    }

    /// Every origin any host registered, sorted, each once.
    pub async fn registered_origins(&self) -> Result<Vec<String>, sqlx::Error> {
        let lists: Vec<Json<Vec<String>>> = sqlx::query_scalar("SELECT origins FROM hosts")
            .fetch_all(&self.pool)
            .await?;
        let origins: BTreeSet<String> = lists.into_iter().flat_map(|list| list.0).collect();
        Ok(origins.into_iter().collect())
    }

    /// Records a session for `external_id` of `host_id` (creating the user at
    /// its first session) under the token whose hash is `token_hash`.
    pub async fn create_session(
        &self,
        host_id: &str,
        external_id: &str,
        role: Role,
        token_hash: &str,
        created_at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (host_id, external_id) VALUES ($1, $2)
             ON CONFLICT (host_id, external_id) DO UPDATE SET external_id = excluded.external_id
             RETURNING id",
        )
        .bind(host_id)
        .bind(external_id)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, role, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(Stored(role))
        .bind(created_at.to_string())
        .bind(expires_at.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// The session of the token whose hash is `token_hash`, expired or not,
    /// none when its host was retired: held from a read less than
    /// [`Store::hold_sessions`]'s hold ago, or read now.
    pub async fn session(&self, token_hash: &str) -> Result<Option<StoredSession>, sqlx::Error> {
        let read_at = Instant::now();
        if let Some(session) = self.sessions.get(token_hash, read_at) {
            return Ok(Some(session));
        }
        let row: Option<(i64, Stored<Role>, String, String)> = sqlx::query_as(
            "SELECT s.user_id, s.role, s.expires_at, h.api_key_hash
               FROM sessions s JOIN users u ON u.id = s.user_id JOIN hosts h ON h.id = u.host_id
              WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some((user_id, role, expires_at, host_key_hash)) = row else {
            return Ok(None);
        };
        if is_retired(&host_key_hash) {
            return Ok(None);
        }
        let session = StoredSession {
            user_id,
            role: role.0,
            // Written by this module; an unreadable one counts as long expired.
            expires_at: Timestamp::parse(&expires_at).unwrap_or(Timestamp::EPOCH),
        };
        self.sessions.keep(token_hash, session.clone(), read_at);
        Ok(Some(session))
    }

    /// Uses each session read by [`Store::session`] again for `hold` after
    /// the read began, in every clone of this store, instead of reading it
    /// again; zero (as opened) reads every time. A session deleted in the
    /// database meanwhile is still used until then, unless this store
    /// deleted it ([`Store::retire_host`]).
    pub fn hold_sessions(&self, hold: Duration) {
        self.sessions.set_hold(hold);
    }

    /// Uses each publishable key read by [`Store::publishable_key`] again
    /// for `hold` after the read began, as [`Store::hold_sessions`] does
    /// sessions. A key revoked meanwhile is still used until then, unless
    /// this store revoked it ([`Store::revoke_publishable_key`]).
    pub fn hold_publishable_keys(&self, hold: Duration) {
        self.publishable_keys.set_hold(hold);
    }

    /// Deletes sessions that expired before `before`.
    pub async fn delete_sessions_expired_before(
        &self,
        before: Timestamp,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(before.to_string())
            .execute(&self.pool)
            .await
            .map(drop)
    }
}
