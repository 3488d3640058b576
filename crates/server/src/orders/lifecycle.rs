//! After an order is placed: cancelling it, expiring it unpaid, and the
//! sweeper that does the expiring.
//!
//! An order moves only along [`OrderStatus::can_become`]'s edges, each
//! move a conditional update that records the step with its time. Ending
//! an unpaid checkout (cancelled or expired) gives its stock and voucher
//! quota back in the same transaction, and the streams showing those
//! products hear of the new stock once it commits (the creator of the
//! checkout's stream hears that its sales changed: the unpaid orders).

use std::time::Duration;

use etalase_contract::{ErrorCode, Order, OrderStatus, PaymentStatus, SavedAddress};
use tokio::task::JoinHandle;

use crate::error::{AppError, Result};
use crate::live::Live;
use crate::store::live as live_store;
use crate::store::orders as store;
use crate::store::sales;
use crate::store::{Store, SWEEP_LOCK};
use crate::time::Timestamp;
use crate::Origins;

/// How long idempotency keys and unused quotes are kept.
pub const RETENTION: Duration = Duration::from_secs(24 * 60 * 60);

/// Cancels order `order_id` of `user_id` before it is paid, with the rest
/// of its checkout (one payment covers them all); stock and voucher quota
/// come back. 404 for someone else's order, 409 `invalid_transition` once
/// it is paid or ended.
pub async fn cancel(
    store: &Store,
    live: &Live,
    user_id: i64,
    order_id: &str,
) -> Result<Order<SavedAddress>> {
    let mut tx = store.begin_write().await?;
    let (checkout_id, status) = store::order_checkout(&mut tx, user_id, order_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no order has id {order_id:?}")))?;
    let cancelled = status.can_become(OrderStatus::Cancelled)
        && store::release_checkout(
            &mut tx,
            &checkout_id,
            OrderStatus::Cancelled,
            PaymentStatus::Cancelled,
            Timestamp::now(),
        )
        .await?;
    if !cancelled {
        return Err(AppError::Conflict {
            code: ErrorCode::InvalidTransition,
            message: format!("an order that is {} cannot be cancelled", status.as_str()),
            field: None,
        });
    }
    let order = store::read_order(&mut tx, user_id, order_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("order {order_id} vanished")))?;
    let checkouts = std::slice::from_ref(&checkout_id);
    let mut events = live_store::released_events(&mut tx, checkouts).await?;
    events.extend(sales::sales_events(&mut tx, checkouts).await?);
    live.commit_feed(tx, events).await?;
    Ok(order)
}

/// Moves order `order_id` of `user_id` one step along the happy path
/// (`paid → processing → shipped → delivered → completed`), as the shop and
/// courier would. 409 `invalid_transition` before payment or at the end.
pub async fn advance(store: &Store, user_id: i64, order_id: &str) -> Result<Order<SavedAddress>> {
    let mut tx = store.begin_write().await?;
    let (_, status) = store::order_checkout(&mut tx, user_id, order_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no order has id {order_id:?}")))?;
    let next = status
        .next()
        .filter(|_| status != OrderStatus::AwaitingPayment);
    let moved = match next {
        Some(next) => store::transition(&mut tx, order_id, status, next, Timestamp::now()).await?,
        None => false,
    };
    if !moved {
        return Err(AppError::Conflict {
            code: ErrorCode::InvalidTransition,
            message: format!(
                "an order that is {} does not move on without a payment or at its end",
                status.as_str()
            ),
            field: None,
        });
    }
    let order = store::read_order(&mut tx, user_id, order_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("order {order_id} vanished")))?;
    tx.commit().await?;
    Ok(order)
}

/// Expires every checkout whose payment was due by `now`, releasing its
/// stock and voucher quota and telling the streams' viewers; answers how
/// many. On PostgreSQL one instance sweeps at a time, under an advisory
/// lock; an instance that finds it taken leaves the sweep to its holder.
pub async fn expire_due(store: &Store, live: &Live, now: Timestamp) -> Result<usize, sqlx::Error> {
    let mut expired = 0;
    loop {
        let mut tx = store.begin_write().await?;
        if !store.try_lock_until_commit(&mut tx, SWEEP_LOCK).await? {
            // Another instance is sweeping.
            tx.rollback().await?;
            return Ok(expired);
        }
        let due = store::due_checkouts(&mut tx, now).await?;
        if due.is_empty() {
            // Ended now, not when the connection is next used, so the lock
            // is free for the next sweep.
            tx.rollback().await?;
            return Ok(expired);
        }
        let mut released = Vec::new();
        for checkout_id in &due {
            if store::release_checkout(
                &mut tx,
                checkout_id,
                OrderStatus::Expired,
                PaymentStatus::Expired,
                now,
            )
            .await?
            {
                expired += 1;
                released.push(checkout_id.clone());
            }
        }
        let mut events = live_store::released_events(&mut tx, &released).await?;
        events.extend(sales::sales_events(&mut tx, &released).await?);
        live.commit_feed(tx, events).await?;
    }
}

/// Runs the sweeper every `interval` until the task is aborted: expires
/// unpaid checkouts; forgets idempotency keys and quotes older than
/// [`RETENTION`] and sessions expired longer ago than that; and reads the
/// registered hosts' origins again into `origins` (so a host added with
/// `etalase-server add-host` is allowed without a restart).
pub fn spawn_sweeper(
    store: Store,
    live: Live,
    origins: Origins,
    interval: Duration,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let now = Timestamp::now();
            match expire_due(&store, &live, now).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "expired unpaid checkouts"),
                Err(error) => tracing::error!(%error, "cannot expire unpaid checkouts"),
            }
            if let Err(error) = store
                .delete_keys_and_quotes_before(now.minus(RETENTION))
                .await
            {
                tracing::error!(%error, "cannot forget old idempotency keys and quotes");
            }
            if let Err(error) = store
                .delete_sessions_expired_before(now.minus(RETENTION))
                .await
            {
                tracing::error!(%error, "cannot forget expired sessions");
            }
            if let Err(error) = origins.reload(&store).await {
                tracing::error!(%error, "cannot reload the registered origins");
            }
        }
    })
}
