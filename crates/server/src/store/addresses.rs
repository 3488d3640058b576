//! Saved addresses, always read through their owner.

use etalase_contract::Address;

use sqlx::AnyConnection;

use super::Store;
use crate::time::Timestamp;

/// An address whose fields have been checked and normalised, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAddress {
    /// Who receives the parcel.
    pub recipient: String,
    /// `+628…`.
    pub phone: String,
    /// Canonical province name.
    pub province: String,
    /// City or regency.
    pub city: String,
    /// District.
    pub district: String,
    /// Five digits.
    pub postal_code: String,
    /// Street and details.
    pub street: String,
}

const COLUMNS: &str = "id, recipient, phone, province, city, district, postal_code, street";

#[derive(sqlx::FromRow)]
struct AddressRow {
    id: String,
    recipient: String,
    phone: String,
    province: String,
    city: String,
    district: String,
    postal_code: String,
    street: String,
}

impl From<AddressRow> for Address {
    fn from(row: AddressRow) -> Self {
        Address {
            id: row.id,
            recipient: row.recipient,
            phone: row.phone,
            province: row.province,
            city: row.city,
            district: row.district,
            postal_code: row.postal_code,
            street: row.street,
        }
    }
}

impl Store {
    /// Saves `address` for `user_id` under the new id `id`, unless they
    /// already have `limit` addresses: `None` then, and nothing is written.
    ///
    /// The count and the insert run in one write transaction holding the
    /// user's row: SQLite's write transaction excludes every other, and on
    /// PostgreSQL (READ COMMITTED, writers side by side) the `UPDATE` locks
    /// the row, so a concurrent save of the same user waits for this
    /// commit and then counts this address.
    pub async fn insert_address(
        &self,
        user_id: i64,
        id: &str,
        address: &ValidAddress,
        limit: u32,
    ) -> Result<Option<Address>, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET host_id = host_id WHERE id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM addresses WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        if count >= i64::from(limit) {
            tx.rollback().await?;
            return Ok(None);
        }
        let row: AddressRow = sqlx::query_as(&format!(
            "INSERT INTO addresses (id, user_id, recipient, phone, province, city, district,
                                    postal_code, street, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {COLUMNS}"
        ))
        .bind(id)
        .bind(user_id)
        .bind(&address.recipient)
        .bind(&address.phone)
        .bind(&address.province)
        .bind(&address.city)
        .bind(&address.district)
        .bind(&address.postal_code)
        .bind(&address.street)
        .bind(Timestamp::now().to_string())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(row.into()))
    }

    /// `user_id`'s addresses, newest first.
    pub async fn addresses(&self, user_id: i64) -> Result<Vec<Address>, sqlx::Error> {
        let rows: Vec<AddressRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM addresses WHERE user_id = $1 ORDER BY created_at DESC, id"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Address::from).collect())
    }

    /// Address `id`, when it is `user_id`'s.
    pub async fn address(&self, user_id: i64, id: &str) -> Result<Option<Address>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        read_address(&mut conn, user_id, id).await
    }

    /// Deletes address `id` when it is `user_id`'s; `false` when it is not.
    pub async fn delete_address(&self, user_id: i64, id: &str) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM addresses WHERE user_id = $1 AND id = $2")
            .bind(user_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// Address `id`, when it is `user_id`'s, read on `conn`.
pub(crate) async fn read_address(
    conn: &mut AnyConnection,
    user_id: i64,
    id: &str,
) -> Result<Option<Address>, sqlx::Error> {
    let row: Option<AddressRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM addresses WHERE user_id = $1 AND id = $2"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Address::from))
}
