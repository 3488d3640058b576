//! What one shopper holds in checkouts not yet paid: the figures the
//! per-shopper reservation limits (`orders::limits`, decision 0045) are
//! checked against, inside the checkout's own transaction.
//!
//! A checkout is *open* while its payment is pending and its window has not
//! ended (`expires_at > now`): one the sweeper has yet to expire no longer
//! counts, so the allowance frees at the due time, not at the next sweep.

use std::collections::HashMap;

use etalase_contract::{OrderStatus, PaymentMethod, PaymentStatus};
use sqlx::AnyConnection;

use crate::store::{Json, Stored};
use crate::time::Timestamp;

/// The high 32 bits of every shopper's reservation lock ("RSRV"); the low
/// 32 are the shopper's id. Distinct from the store's other advisory
/// locks, whose high bits are `0x0000_4554`.
const LOCK_SPACE: i64 = 0x5253_5256 << 32;

/// The advisory lock key of shopper `user_id`'s reservations. Two shoppers
/// whose ids agree in their low 32 bits share a key: their checkouts then
/// wait for each other, which costs time but never correctness.
fn lock_key(user_id: i64) -> i64 {
    LOCK_SPACE | (user_id & 0xFFFF_FFFF)
}

/// Makes transaction `conn` the only one counting or adding to shopper
/// `user_id`'s reservations until it ends, so two checkouts of one shopper
/// running side by side cannot both see room for one more and both take it.
///
/// On PostgreSQL (READ COMMITTED, writers side by side) a transaction-level
/// advisory lock, released at commit or rollback; the statements after it
/// see what the previous holder committed. A SQLite write transaction
/// (`BEGIN IMMEDIATE`) already excludes every other writer, so there it
/// does nothing.
pub(crate) async fn lock_shopper(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    if conn.backend_name() == "PostgreSQL" {
        // The function returns `void`, which the `Any` driver cannot read.
        sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS locked")
            .bind(lock_key(user_id))
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// The payment methods of shopper `user_id`'s checkouts open at `now`, one
/// per checkout.
pub(crate) async fn open_checkouts(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<Vec<PaymentMethod>, sqlx::Error> {
    let methods: Vec<Json<PaymentMethod>> = sqlx::query_scalar(
        "SELECT p.method FROM payments p
          WHERE p.status = $3 AND p.expires_at > $2
            AND p.checkout_id IN (SELECT o.checkout_id FROM orders o
                                   WHERE o.user_id = $1 AND o.status = $4)",
    )
    .bind(user_id)
    .bind(now.to_string())
    .bind(Stored(PaymentStatus::Pending))
    .bind(Stored(OrderStatus::AwaitingPayment))
    .fetch_all(conn)
    .await?;
    Ok(methods.into_iter().map(|method| method.0).collect())
}

/// Units of each variant shopper `user_id` holds in checkouts open at `now`;
/// a variant not held is absent.
pub(crate) async fn held_units(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT i.variant_id, CAST(SUM(i.quantity) AS BIGINT)
           FROM orders o
           JOIN order_items i ON i.order_id = o.id
           JOIN payments p ON p.checkout_id = o.checkout_id
          WHERE o.user_id = $1 AND o.status = $3
            AND p.status = $4 AND p.expires_at > $2
          GROUP BY i.variant_id",
    )
    .bind(user_id)
    .bind(now.to_string())
    .bind(Stored(OrderStatus::AwaitingPayment))
    .bind(Stored(PaymentStatus::Pending))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_keys_are_positive_and_apart_from_the_stores_other_locks() {
        for user_id in [0, 1, 42, i64::from(u32::MAX), i64::MAX] {
            let key = lock_key(user_id);
            assert!(key > 0, "{key:#x}");
            assert_eq!(key >> 32, 0x5253_5256);
            assert_ne!(key, crate::store::SEED_LOCK);
            assert_ne!(key, crate::store::SWEEP_LOCK);
        }
        assert_ne!(lock_key(1), lock_key(2));
    }
}
