//! Hosts' publishable keys: minted, listed, revoked, and looked up by hash
//! with the host's origins.

use std::time::Instant;

use etalase_contract::PublishableKeySummary;

use super::identity::is_retired;
use super::{Json, Store};
use crate::time::Timestamp;

/// A publishable key found by its hash, with what a request needs to know.
#[derive(Debug, Clone)]
pub struct StoredPublishableKey {
    /// The host that minted it.
    pub host_id: String,
    /// Whether the host revoked it, or was retired.
    pub revoked: bool,
    /// The host's registered origins, the only ones it works from in a
    /// browser.
    pub origins: Vec<String>,
}

/// A publishable key's row: its host, when it was revoked, and its host's
/// origins and API key hash.
type KeyRow = (String, Option<String>, Json<Vec<String>>, String);

impl Store {
    /// Records publishable key `id` of `host_id`, whose text hashes to
    /// `key_hash` and ends with `ending`, minted at `at`.
    pub async fn insert_publishable_key(
        &self,
        id: &str,
        host_id: &str,
        key_hash: &str,
        ending: &str,
        at: Timestamp,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO publishable_keys (id, host_id, key_hash, ending, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(host_id)
        .bind(key_hash)
        .bind(ending)
        .bind(at.to_string())
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// The publishable keys of `host_id`, newest first, and the host's
    /// registered origins.
    pub async fn publishable_keys(
        &self,
        host_id: &str,
    ) -> Result<(Vec<PublishableKeySummary>, Vec<String>), sqlx::Error> {
        let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, ending, created_at, revoked_at FROM publishable_keys
              WHERE host_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(host_id)
        .fetch_all(&self.pool)
        .await?;
        let origins: Option<Json<Vec<String>>> =
            sqlx::query_scalar("SELECT origins FROM hosts WHERE id = $1")
                .bind(host_id)
                .fetch_optional(&self.pool)
                .await?;
        let keys = rows
            .into_iter()
            .map(
                |(id, ending, created_at, revoked_at)| PublishableKeySummary {
                    id,
                    ending,
                    created_at,
                    revoked_at,
                },
            )
            .collect();
        Ok((keys, origins.map(|list| list.0).unwrap_or_default()))
    }

    /// Revokes publishable key `id` of `host_id` at `at`, unless it was
    /// revoked already; whether the host has such a key. Every key this
    /// store holds is read again: the revoked one is refused at once here,
    /// and on other instances once their hold has passed.
    pub async fn revoke_publishable_key(
        &self,
        host_id: &str,
        id: &str,
        at: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE publishable_keys SET revoked_at = COALESCE(revoked_at, $3)
              WHERE host_id = $1 AND id = $2",
        )
        .bind(host_id)
        .bind(id)
        .bind(at.to_string())
        .execute(&self.pool)
        .await?;
        self.publishable_keys.clear();
        Ok(done.rows_affected() > 0)
    }

    /// The publishable key whose text hashes to `key_hash`, revoked or not,
    /// with its host's origins: held from a read less than
    /// [`Store::hold_publishable_keys`]'s hold ago, or read now.
    pub async fn publishable_key(
        &self,
        key_hash: &str,
    ) -> Result<Option<StoredPublishableKey>, sqlx::Error> {
        let read_at = Instant::now();
        if let Some(key) = self.publishable_keys.get(key_hash, read_at) {
            return Ok(Some(key));
        }
        let row: Option<KeyRow> = sqlx::query_as(
            "SELECT k.host_id, k.revoked_at, h.origins, h.api_key_hash
               FROM publishable_keys k JOIN hosts h ON h.id = k.host_id
              WHERE k.key_hash = $1",
        )
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some((host_id, revoked_at, origins, host_key_hash)) = row else {
            return Ok(None);
        };
        let key = StoredPublishableKey {
            host_id,
            revoked: revoked_at.is_some() || is_retired(&host_key_hash),
            origins: origins.0,
        };
        self.publishable_keys.keep(key_hash, key.clone(), read_at);
        Ok(Some(key))
    }
}
