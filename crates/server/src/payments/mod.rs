//! Payment events: the provider's signed webhooks, verified and applied once.
//!
//! `POST /v1/payments/webhook` checks the `Etalase-Signature` header
//! (HMAC-SHA256 over the timestamp and the raw body, 300-second tolerance,
//! constant-time comparison): a missing, wrong or stale signature is 401
//! `invalid_signature` and changes nothing. A valid event is recorded in the
//! same transaction as its effect, so a replayed event id has no second
//! effect:
//!
//! | event | effect |
//! | --- | --- |
//! | `payment.paid` | the pending payment is paid; its orders move to `paid` |
//! | `payment.failed` | the payment fails; its orders are cancelled, stock and vouchers return |
//! | `payment.expired` | the payment expires; its orders expire, stock and vouchers return |
//!
//! An event for a payment that already ended (paid, expired, cancelled) is
//! acknowledged without effect. An applied event also tells the creator
//! of the checkout's stream that its sales changed (`sales`, on the
//! creator's live feed only).

pub mod webhook;

use axum::http::HeaderMap;

use etalase_contract::{
    ErrorCode, FeedEvent, OrderStatus, PaymentEvent, PaymentEventKind, PaymentStatus, WebhookAck,
};

use secrecy::ExposeSecret;

use crate::error::{AppError, Result};
use crate::extract::parse_json;
use crate::store::live as live_store;
use crate::store::{orders, payments, sales, social};
use crate::time::Timestamp;
use crate::AppState;

/// Verifies and applies the webhook whose raw body is `body`.
pub async fn receive(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<WebhookAck> {
    let header = headers
        .get(webhook::HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let now = Timestamp::now();
    webhook::verify(
        state.settings.webhook_secret.expose_secret(),
        header,
        body,
        now.unix_seconds(),
    )
    .map_err(|error| AppError::Unauthenticated {
        code: ErrorCode::InvalidSignature,
        message: format!("webhook refused: {error}"),
    })?;
    let event: PaymentEvent = parse_json(body)?;
    apply(state, &event, now).await
}

/// Applies `event` once.
async fn apply(state: &AppState, event: &PaymentEvent, now: Timestamp) -> Result<WebhookAck> {
    let mut tx = state.store.begin_write().await?;
    let (checkout_id, _) = payments::payment_owner(&mut tx, &event.payment_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no payment has id {:?}", event.payment_id)))?;
    let kind = match event.kind {
        PaymentEventKind::Paid => "payment.paid",
        PaymentEventKind::Failed => "payment.failed",
        PaymentEventKind::Expired => "payment.expired",
    };
    let fresh = payments::record_event(&mut tx, &event.id, kind, &event.payment_id, now).await?;
    let applied = fresh
        && match event.kind {
            PaymentEventKind::Paid => {
                let paid = payments::mark_paid(&mut tx, &event.payment_id, now).await?;
                if paid {
                    for order_id in payments::checkout_order_ids(&mut tx, &checkout_id).await? {
                        orders::transition(
                            &mut tx,
                            &order_id,
                            OrderStatus::AwaitingPayment,
                            OrderStatus::Paid,
                            now,
                        )
                        .await?;
                    }
                } else {
                    tracing::warn!(
                        payment = event.payment_id,
                        "a payment arrived after it ended"
                    );
                }
                paid
            }
            PaymentEventKind::Failed => {
                orders::release_checkout(
                    &mut tx,
                    &checkout_id,
                    OrderStatus::Cancelled,
                    PaymentStatus::Failed,
                    now,
                )
                .await?
            }
            PaymentEventKind::Expired => {
                orders::release_checkout(
                    &mut tx,
                    &checkout_id,
                    OrderStatus::Expired,
                    PaymentStatus::Expired,
                    now,
                )
                .await?
            }
        };
    // Failed and expired payments gave stock back: tell the streams. Any
    // applied event changed the sales of the checkout's stream: tell its
    // creator.
    let checkouts = std::slice::from_ref(&checkout_id);
    let released = applied && event.kind != PaymentEventKind::Paid;
    let mut events: Vec<(String, FeedEvent)> = if released {
        live_store::released_events(&mut tx, checkouts).await?
    } else {
        Vec::new()
    };
    if applied {
        events.extend(sales::sales_events(&mut tx, checkouts).await?);
    }
    // A paid checkout bought from a stream is the stream's ticker's line.
    let purchases = if applied && event.kind == PaymentEventKind::Paid {
        social::purchase(&mut tx, &checkout_id)
            .await?
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    state.live.commit_with_social(tx, events, purchases).await?;
    Ok(WebhookAck {
        event_id: event.id.clone(),
        applied,
    })
}
