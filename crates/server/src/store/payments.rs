//! Payments as the provider's events change them, and the events seen.

use etalase_contract::{Payment, PaymentStatus};
use sqlx::AnyConnection;

use crate::store::Stored;

use crate::time::Timestamp;

/// Records webhook event `event_id`; `false` when it was recorded before.
pub(crate) async fn record_event(
    conn: &mut AnyConnection,
    event_id: &str,
    kind: &str,
    payment_id: &str,
    at: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO webhook_events (id, kind, payment_id, received_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(event_id)
    .bind(kind)
    .bind(payment_id)
    .bind(at.to_string())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The checkout and shopper of payment `payment_id`.
pub(crate) async fn payment_owner(
    conn: &mut AnyConnection,
    payment_id: &str,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.user_id FROM payments p JOIN checkouts c ON c.id = p.checkout_id
          WHERE p.id = $1",
    )
    .bind(payment_id)
    .fetch_optional(conn)
    .await
}

/// Marks pending payment `payment_id` paid at `at`; `false` when it was no
/// longer pending.
pub(crate) async fn mark_paid(
    conn: &mut AnyConnection,
    payment_id: &str,
    at: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE payments SET status = $3, paid_at = $1 WHERE id = $2 AND status = $4")
            .bind(at.to_string())
            .bind(payment_id)
            .bind(Stored(PaymentStatus::Paid))
            .bind(Stored(PaymentStatus::Pending))
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The ids of checkout `checkout_id`'s orders.
pub(crate) async fn checkout_order_ids(
    conn: &mut AnyConnection,
    checkout_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM orders WHERE checkout_id = $1 ORDER BY rowid")
        .bind(checkout_id)
        .fetch_all(conn)
        .await
}

/// Payment `payment_id`, when it exists.
pub(crate) async fn payment(
    conn: &mut AnyConnection,
    payment_id: &str,
) -> Result<Option<Payment>, sqlx::Error> {
    let checkout: Option<String> =
        sqlx::query_scalar("SELECT checkout_id FROM payments WHERE id = $1")
            .bind(payment_id)
            .fetch_optional(&mut *conn)
            .await?;
    match checkout {
        Some(checkout) => Ok(Some(
            super::orders::checkout_payment(conn, &checkout).await?,
        )),
        None => Ok(None),
    }
}
