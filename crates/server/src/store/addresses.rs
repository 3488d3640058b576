//! Saved addresses, always read through their owner, with the village
//! they are keyed on; and the copies quotes and orders keep.

use etalase_contract::{Address, SavedAddress};
use serde::Deserialize;

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

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
    /// The village's code and name; `None` for the older, typed form.
    pub village: Option<(String, String)>,
}

/// An address's columns, `a` the address and `v` its village.
const COLUMNS: &str = "a.id, a.recipient, a.phone, a.province, a.city, a.district,
    a.postal_code, a.street, a.region_code, v.name AS village";
/// The addresses, each with its village.
const FROM: &str = "addresses a LEFT JOIN regions v ON v.code = a.region_code";

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
    region_code: Option<String>,
    village: Option<String>,
}

impl AddressRow {
    /// `query` with the address's fields bound as `$3` to `$10`, in the
    /// order of the table's columns (`$1` and `$2` are the id and the user).
    fn bind_fields<'q>(
        &'q self,
        query: Query<'q, Any, AnyArguments<'q>>,
    ) -> Query<'q, Any, AnyArguments<'q>> {
        query
            .bind(&self.recipient)
            .bind(&self.phone)
            .bind(&self.province)
            .bind(&self.city)
            .bind(&self.district)
            .bind(&self.postal_code)
            .bind(&self.street)
            .bind(&self.region_code)
    }

    /// The row `address` is saved as under `id`.
    fn of(id: &str, address: &ValidAddress) -> AddressRow {
        let (region_code, village) = address.village.clone().unzip();
        AddressRow {
            id: id.to_owned(),
            recipient: address.recipient.clone(),
            phone: address.phone.clone(),
            province: address.province.clone(),
            city: address.city.clone(),
            district: address.district.clone(),
            postal_code: address.postal_code.clone(),
            street: address.street.clone(),
            region_code,
            village,
        }
    }
}

impl From<AddressRow> for SavedAddress {
    fn from(row: AddressRow) -> Self {
        SavedAddress {
            address: Address {
                id: row.id,
                recipient: row.recipient,
                phone: row.phone,
                province: row.province,
                city: row.city,
                district: row.district,
                postal_code: row.postal_code,
                street: row.street,
            },
            needs_region: row.region_code.is_none(),
            region_code: row.region_code,
            village: row.village,
        }
    }
}

/// An address as a quote or an order keeps it: a [`SavedAddress`]'s JSON,
/// or, kept before regions reached quotes and orders, an [`Address`]'s
/// alone (then a legacy one: no village, `needs_region`).
#[derive(Debug, Deserialize)]
pub(crate) struct StoredAddress {
    #[serde(flatten)]
    address: Address,
    #[serde(default)]
    village: Option<String>,
    #[serde(default)]
    region_code: Option<String>,
}

impl StoredAddress {
    /// What a copy of `address` reads back as.
    pub(crate) fn of(address: &SavedAddress) -> Self {
        StoredAddress {
            address: address.address.clone(),
            village: address.village.clone(),
            region_code: address.region_code.clone(),
        }
    }
}

impl From<StoredAddress> for SavedAddress {
    fn from(stored: StoredAddress) -> Self {
        SavedAddress {
            address: stored.address,
            village: stored.village,
            needs_region: stored.region_code.is_none(),
            region_code: stored.region_code,
        }
    }
}

/// What [`Store::update_address`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressUpdate {
    /// Written: the address as now saved.
    Saved(SavedAddress),
    /// The user has no such address.
    Missing,
    /// Left as it is: it is keyed on a village and the new one is not.
    Keyed(SavedAddress),
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
    ) -> Result<Option<SavedAddress>, sqlx::Error> {
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
        let row = AddressRow::of(id, address);
        let insert = sqlx::query(
            "INSERT INTO addresses (id, user_id, recipient, phone, province, city, district,
                                    postal_code, street, region_code, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(user_id);
        row.bind_fields(insert)
            .bind(Timestamp::now().to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(row.into()))
    }

    /// Writes `address` over address `id` of `user_id`, which keeps its id
    /// and its place in the list. An address keyed on a village is only
    /// ever written over by one keyed on a village: the condition is part
    /// of the `UPDATE`, so a concurrent correction cannot slip between a
    /// check and the write. Orders keep the copy of the address they were
    /// placed with.
    pub async fn update_address(
        &self,
        user_id: i64,
        id: &str,
        address: &ValidAddress,
    ) -> Result<AddressUpdate, sqlx::Error> {
        let row = AddressRow::of(id, address);
        let keyed_only = if row.region_code.is_none() {
            " AND region_code IS NULL"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE addresses SET recipient = $3, phone = $4, province = $5, city = $6,
                    district = $7, postal_code = $8, street = $9, region_code = $10
              WHERE id = $1 AND user_id = $2{keyed_only}"
        );
        let update = sqlx::query(&sql).bind(id).bind(user_id);
        let done = row.bind_fields(update).execute(&self.pool).await?;
        if done.rows_affected() > 0 {
            return Ok(AddressUpdate::Saved(row.into()));
        }
        // Nothing written: not this user's, or keyed and left so.
        Ok(match self.address(user_id, id).await? {
            Some(kept) => AddressUpdate::Keyed(kept),
            None => AddressUpdate::Missing,
        })
    }

    /// `user_id`'s addresses, newest first.
    pub async fn addresses(&self, user_id: i64) -> Result<Vec<SavedAddress>, sqlx::Error> {
        let rows: Vec<AddressRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE a.user_id = $1 ORDER BY a.created_at DESC, a.id"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(SavedAddress::from).collect())
    }

    /// Address `id`, when it is `user_id`'s.
    pub async fn address(
        &self,
        user_id: i64,
        id: &str,
    ) -> Result<Option<SavedAddress>, sqlx::Error> {
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
) -> Result<Option<SavedAddress>, sqlx::Error> {
    let row: Option<AddressRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE a.user_id = $1 AND a.id = $2"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(SavedAddress::from))
}
