//! `POST /v1/orders` exactly once per idempotency key.
//!
//! After Stripe and the IETF Idempotency-Key draft: the key is scoped to the
//! shopper; the first request claims it (with a lease) and its answer is
//! stored in the same transaction as the checkout it made, so the answer
//! and the checkout commit together or not at all. Later requests with the
//! key and the same body replay that answer byte for byte; with another body
//! they get 422 `idempotency_key_reused`; while the first still runs they
//! wait for it (up to [`WAIT`], woken when it finishes: [`crate::key_waits`])
//! and replay it, or get 409 `idempotency_in_progress` with `Retry-After`;
//! on the same instance they wait before anything else, so the deal board
//! never refuses a duplicate of a request that may be buying. A key whose server died
//! mid-request is taken over once its lease ends: its transaction never
//! committed, so no checkout exists for it. Client errors are stored and
//! replayed too; our own failures free the key, so a retry runs again, and
//! so does a `reservation_limit` refusal: it wrote nothing and asks the
//! shopper to pay or cancel a pending order, after which the same attempt
//! should go through.
//! Once a checkout commits, the streams showing what it bought are told
//! the new stock.

use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use etalase_contract::{ErrorCode, FeedEvent, IdempotencyKey, PlaceOrder};
use sqlx::{Any, Transaction};

use super::place::{place, Placed};
use crate::deal_board::{Admission, Turn};
use crate::deals;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::key_waits::Waiter;
use crate::metrics::Refusal;
use crate::store::deals as deal_store;
use crate::store::live as live_store;
use crate::store::{idempotency, KeyState};
use crate::time::Timestamp;
use crate::AppState;

/// How long a duplicate waits for the first request before 409.
const WAIT: Duration = Duration::from_secs(5);
/// How long a claim holds a key before another server may take it over.
const LEASE: Duration = Duration::from_secs(10);

/// Places `request` for `user_id` under `key`, or replays what the first
/// request with `key` answered.
pub async fn submit(
    state: &AppState,
    user_id: i64,
    key: &IdempotencyKey,
    request: &PlaceOrder,
) -> Result<Response> {
    let give_up = Instant::now() + WAIT;
    // Registered once the key is found running, then armed before each look.
    let mut waiter: Option<Waiter> = None;
    // Held to the end: a duplicate arriving here meanwhile waits for it.
    let _running = loop {
        if let Some(waiter) = &mut waiter {
            waiter.arm();
        }
        if let Some(running) = state.key_waits.run(user_id, key.as_str()) {
            break running;
        }
        wait(state, &mut waiter, user_id, key, give_up).await?;
    };
    // Held until the checkout commits or fails: the deal's next checkout waits for it.
    let turn = deal_turn(state, user_id, key, request).await?;
    let fingerprint = secret::fingerprint(request)?;
    loop {
        if let Some(waiter) = &mut waiter {
            waiter.arm();
        }
        let now = Timestamp::now();
        let claim = state
            .store
            .claim_key(user_id, key.as_str(), &fingerprint, now, now.plus(LEASE))
            .await?;
        match claim {
            KeyState::Claimed => break,
            KeyState::OtherRequest => {
                return Err(AppError::Invalid {
                    code: ErrorCode::IdempotencyKeyReused,
                    message: "this Idempotency-Key was used with a different request".to_owned(),
                    field: Some("Idempotency-Key".to_owned()),
                })
            }
            KeyState::Done { status, body } => return Ok(answer(status, body, true)),
            // Run by another instance.
            KeyState::Running { .. } => wait(state, &mut waiter, user_id, key, give_up).await?,
        }
    }
    drop(waiter);
    match run(state, user_id, key, request, turn).await {
        Ok((status, body)) => Ok(answer(status, body, false)),
        Err(error) => {
            if let Err(forget) = state.store.forget_key(user_id, key.as_str()).await {
                tracing::error!(error = %forget, "cannot free an idempotency key");
            }
            Err(error)
        }
    }
}

/// Waits for the request running key `key` of `user_id` to finish, once
/// `waiter` is registered (the first call only registers it, and the
/// caller looks again); 409 `idempotency_in_progress` after `give_up`.
async fn wait(
    state: &AppState,
    waiter: &mut Option<Waiter>,
    user_id: i64,
    key: &IdempotencyKey,
    give_up: Instant,
) -> Result<()> {
    if Instant::now() >= give_up {
        return Err(AppError::InProgress);
    }
    match waiter {
        Some(waiter) => waiter.wait().await,
        None => *waiter = Some(state.key_waits.watch(user_id, key.as_str())),
    }
    Ok(())
}

/// For an order at a flash deal's price under a key never sent before,
/// what this instance's [`DealBoard`] allows (decision 0057): refused at
/// once when it knows the deal is sold out or ended, or every unit left is
/// spoken for by its checkouts on their way, before anything durable is
/// written or the key claimed, so an answer stored under a key is still
/// replayed; otherwise a turn among the deal's checkouts, held until the
/// checkout commits or fails. No turn for any other order, and no
/// query at all while this instance knows of no deal.
async fn deal_turn<'a>(
    state: &'a AppState,
    user_id: i64,
    key: &IdempotencyKey,
    request: &PlaceOrder,
) -> Result<Option<Turn<'a>>> {
    let board = state.live.deals();
    if board.is_empty() {
        return Ok(None);
    }
    let deal_id = state
        .store
        .deal_of_new_order(user_id, &request.quote_id, key.as_str())
        .await?;
    let Some(deal_id) = deal_id else {
        return Ok(None);
    };
    match board.turn(&deal_id).await {
        Admission::Closed(closed) => Err(deals::buy::Refusal::closed(closed).into_error()),
        Admission::SpokenFor => Err(deals::buy::Refusal::spoken_for().into_error()),
        Admission::Turn(turn) => Ok(Some(turn)),
        Admission::Ask => Ok(None),
    }
}

/// Runs the checkout holding the key and records its answer; `Err` for
/// failures on our side and for `reservation_limit`, whose key the caller
/// frees. A deal's `turn` is let go as the checkout commits, whose event
/// tells the board of the units it took, or once it failed.
async fn run(
    state: &AppState,
    user_id: i64,
    key: &IdempotencyKey,
    request: &PlaceOrder,
    turn: Option<Turn<'_>>,
) -> Result<(u16, Vec<u8>)> {
    let mut tx = state.store.begin_write().await?;
    let placed = place(
        &mut tx,
        user_id,
        &request.quote_id,
        Timestamp::now(),
        state.settings.payment_window,
    )
    .await;
    // The variants whose stock the checkout took, for the streams' viewers.
    let mut taken: Vec<String> = Vec::new();
    // The flash deal whose units the checkout buys, taken last.
    let mut deal_sale = None;
    let (status, body, keep) = match placed {
        Ok(Placed {
            checkout,
            deal_sale: sale,
        }) => {
            deal_sale = sale;
            let body = serde_json::to_vec(&checkout).map_err(|error| {
                AppError::Internal(format!("cannot encode a checkout: {error}"))
            })?;
            taken = checkout
                .orders
                .iter()
                .flat_map(|order| &order.items)
                .map(|item| item.variant_id.clone())
                .collect();
            (StatusCode::CREATED.as_u16(), body, true)
        }
        // Ours (the database busy or gone): the transaction rolls back as it
        // drops, and the key is freed for a retry.
        Err(error) if error.is_server_side() => return Err(error),
        // The shopper holds too much unpaid: nothing was written, and the
        // key is freed, so the same attempt runs again once they have paid
        // or cancelled (decision 0045).
        Err(
            error @ AppError::Conflict {
                code: ErrorCode::ReservationLimit,
                ..
            },
        ) => {
            tx.rollback().await?;
            return Err(error);
        }
        // A flash deal's refusal changed nothing and is not stored: the key
        // is freed, and a retry is refused again at once (decision 0057).
        Err(error @ AppError::Conflict { code, .. }) if is_deal_refusal(code) => {
            return Err(refuse_deal(state, tx, request, error).await?);
        }
        Err(error) => {
            if let AppError::Conflict { code, .. } = &error {
                match code {
                    ErrorCode::OutOfStock => state.metrics.checkout_refused(Refusal::OutOfStock),
                    ErrorCode::VoucherExhausted => {
                        state.metrics.checkout_refused(Refusal::VoucherExhausted);
                    }
                    _ => {}
                }
            }
            // A new quote written by `place` is kept; any other write is not.
            let keep = matches!(error, AppError::QuoteChanged(_));
            let (status, body) = render(error).await?;
            (status, body, keep)
        }
    };
    if keep {
        idempotency::finish_key(&mut tx, user_id, key.as_str(), status, &body).await?;
        let mut events: Vec<(String, FeedEvent)> = live_store::stock_events(&mut tx, &taken)
            .await?
            .into_iter()
            .map(|(stream_id, event)| (stream_id, event.into()))
            .collect();
        if let Some((deal, units)) = &deal_sale {
            // Last: the deal's row stays locked until the commit.
            let now = Timestamp::now();
            match deals::buy::take(&mut tx, deal, *units, now).await {
                Ok(()) => {}
                Err(error @ AppError::Conflict { .. }) => {
                    return Err(refuse_deal(state, tx, request, error).await?);
                }
                Err(error) => return Err(error),
            }
            events.extend(deals::events(&mut tx, &deal.id, now, false).await?);
        }
        // Before the event lowers the units left: for a moment the board
        // counts a unit too few spoken for, never one too many.
        drop(turn);
        state.live.commit_feed(tx, events).await?;
        if status == StatusCode::CREATED.as_u16() {
            state.metrics.checkout_placed();
        }
    } else {
        tx.rollback().await?;
        state
            .store
            .finish_key(user_id, key.as_str(), status, &body)
            .await?;
    }
    Ok((status, body))
}

/// Rolls back `tx`, refused by a flash deal for `error`, so nothing is
/// stored under the key; a `deal_sold_out` found by the database is noted
/// on the board, so later buyers on this instance are refused before they
/// write (decision 0057). Answers the error to return.
async fn refuse_deal(
    state: &AppState,
    mut tx: Transaction<'_, Any>,
    request: &PlaceOrder,
    error: AppError,
) -> Result<AppError> {
    if let AppError::Conflict {
        code: ErrorCode::DealSoldOut,
        ..
    } = error
    {
        if let Some(deal_id) = deal_store::quote_deal(&mut tx, &request.quote_id).await? {
            state.live.deals().note_sold_out(&deal_id, Timestamp::now());
        }
    }
    tx.rollback().await?;
    Ok(error)
}

/// Whether `code` is a flash deal's refusal, which is never stored.
fn is_deal_refusal(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::DealNotStarted
            | ErrorCode::DealEnded
            | ErrorCode::DealSoldOut
            | ErrorCode::DealLimitReached
    )
}

/// The status and body of a client error.
async fn render(error: AppError) -> Result<(u16, Vec<u8>)> {
    let response = error.into_response();
    let status = response.status();
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|error| AppError::Internal(format!("cannot read an error body: {error}")))?;
    Ok((status.as_u16(), body.to_vec()))
}

/// The stored answer as a response; replays say so in a header.
fn answer(status: u16, body: Vec<u8>, replayed: bool) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if replayed {
        headers.insert(
            HeaderName::from_static("idempotent-replayed"),
            HeaderValue::from_static("true"),
        );
    }
    response
}
