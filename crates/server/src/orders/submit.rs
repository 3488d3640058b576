//! `POST /v1/orders` exactly once per idempotency key.
//!
//! After Stripe and the IETF Idempotency-Key draft: the key is scoped to the
//! shopper and kept with its answer, which is written in the same
//! transaction as the checkout it made, so the answer and the checkout
//! commit together or not at all (decision 0067). Later requests with the
//! key and the same body replay that answer byte for byte; with another
//! body they get 422 `idempotency_key_reused`. A duplicate on this instance
//! waits for the first before anything else (up to [`WAIT`], woken when it
//! finishes: [`crate::key_waits`]), so the deal board never refuses a
//! duplicate of a request that may be buying, and replays its answer, or
//! gets 409 `idempotency_in_progress` with `Retry-After`. A duplicate on
//! another instance meets the first at the key's unique index, which
//! PostgreSQL makes it wait on until the first commits: it then rolls back
//! and replays the first's answer. A request that dies leaves nothing, so
//! its retry runs at once. Client errors are stored and replayed too; our
//! own failures store nothing, so a retry runs again, and neither does a
//! `reservation_limit` refusal: it wrote nothing and asks the shopper to
//! pay or cancel a pending order, after which the same attempt should go
//! through. Once a checkout commits, the streams showing what it bought
//! are told the new stock.

use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use etalase_contract::{ErrorCode, FeedEvent, IdempotencyKey, PlaceOrder};
use sqlx::{Any, Transaction};

use super::place::{place, Placed};
use crate::deal_board::{Admission, Buyer, Turn};
use crate::deals;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::key_waits::Waiter;
use crate::metrics::Refusal;
use crate::store::deals as deal_store;
use crate::store::idempotency;
use crate::store::live as live_store;
use crate::store::{NewAnswer, StoredAnswer};
use crate::time::Timestamp;
use crate::AppState;

/// How long a duplicate waits for the first request on this instance
/// before 409.
const WAIT: Duration = Duration::from_secs(5);

/// One order request: its shopper, key and body, and the body's fingerprint.
struct Attempt<'a> {
    user_id: i64,
    key: &'a IdempotencyKey,
    request: &'a PlaceOrder,
    fingerprint: String,
}

impl Attempt<'_> {
    /// `status` and `body` as the answer to keep under the key.
    fn answer<'b>(&'b self, status: u16, body: &'b [u8]) -> NewAnswer<'b> {
        NewAnswer {
            user_id: self.user_id,
            key: self.key.as_str(),
            fingerprint: &self.fingerprint,
            status,
            body,
        }
    }

    /// The answer stored under the key, replayed, or 422 when it answered
    /// another body.
    fn replay(&self, stored: StoredAnswer) -> Result<Response> {
        if stored.fingerprint != self.fingerprint {
            return Err(AppError::Invalid {
                code: ErrorCode::IdempotencyKeyReused,
                message: "this Idempotency-Key was used with a different request".to_owned(),
                field: Some("Idempotency-Key".to_owned()),
            });
        }
        Ok(answer(stored.status, stored.body, true))
    }
}

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
        if Instant::now() >= give_up {
            return Err(AppError::InProgress);
        }
        match &mut waiter {
            Some(waiter) => waiter.wait(give_up.into()).await,
            None => waiter = Some(state.key_waits.watch(user_id, key.as_str())),
        }
    };
    drop(waiter);
    let attempt = Attempt {
        user_id,
        key,
        request,
        fingerprint: secret::fingerprint(request)?,
    };
    // A deal's checkout under a key never sent is refused at once by the
    // board, or takes a turn held until it commits or fails; any other
    // order looks for the key's answer first.
    let turn = match deal_turn(state, &attempt).await? {
        DealTurn::Turn(turn) => turn,
        DealTurn::NotNew => {
            if let Some(stored) = state.store.stored_answer(user_id, key.as_str()).await? {
                return attempt.replay(stored);
            }
            None
        }
    };
    run(state, &attempt, turn).await
}

/// What the deal board says of an order before its transaction.
enum DealTurn<'a> {
    /// A deal's checkout under a key never sent: its turn, if the board
    /// gave one.
    Turn(Option<Turn<'a>>),
    /// Not a deal's checkout under a key never sent.
    NotNew,
}

/// For an order at a flash deal's price under a key never sent before,
/// what this instance's [`DealBoard`] allows (decision 0057): refused at
/// once when it knows the deal is sold out or ended, or every unit left is
/// spoken for by its checkouts on their way, or the buyer's units bought
/// and on their way leave this order none within the limit, before
/// anything durable is written, so an answer stored under a key is still
/// replayed; otherwise a turn among the deal's checkouts, held until the
/// checkout commits or fails. No turn for any other order, and no query at
/// all while this instance knows of no deal.
///
/// [`DealBoard`]: crate::deal_board::DealBoard
async fn deal_turn<'a>(state: &'a AppState, attempt: &Attempt<'_>) -> Result<DealTurn<'a>> {
    let board = state.live.deals();
    if board.is_empty() {
        return Ok(DealTurn::NotNew);
    }
    let order = state
        .store
        .deal_of_new_order(
            attempt.user_id,
            &attempt.request.quote_id,
            attempt.key.as_str(),
        )
        .await?;
    let Some(order) = order else {
        return Ok(DealTurn::NotNew);
    };
    let buyer = Buyer {
        user_id: attempt.user_id,
        quantity: order.quantity,
        bought: order.bought,
    };
    match board.turn(&order.deal_id, buyer).await {
        Admission::Closed(closed) => Err(deals::buy::Refusal::closed(closed).into_error()),
        Admission::SpokenFor => Err(deals::buy::Refusal::spoken_for().into_error()),
        Admission::LimitReached { limit, held } => {
            Err(deals::buy::Refusal::limit_held(limit, held).into_error())
        }
        Admission::Turn(turn) => Ok(DealTurn::Turn(Some(turn))),
        Admission::Ask => Ok(DealTurn::Turn(None)),
    }
}

/// Runs the checkout and keeps its answer under the key in the same
/// transaction, or replays the answer a duplicate on another instance
/// kept first. Our own failures and the refusals that are not kept
/// (`reservation_limit`, a flash deal's) are `Err`, replayed instead when
/// the key holds an answer by then. A deal's `turn` is let go as the
/// checkout commits, whose event tells the board of the units it took, or
/// once it failed.
async fn run(state: &AppState, attempt: &Attempt<'_>, turn: Option<Turn<'_>>) -> Result<Response> {
    let mut tx = state.store.begin_write().await?;
    let placed = place(
        &mut tx,
        attempt.user_id,
        &attempt.request.quote_id,
        Timestamp::now(),
        state.settings.payment_window,
    )
    .await;
    let (status, body, deal_sale, taken) = match placed {
        Ok(Placed {
            checkout,
            deal_sale,
        }) => {
            let body = serde_json::to_vec(&checkout).map_err(|error| {
                AppError::Internal(format!("cannot encode a checkout: {error}"))
            })?;
            // The variants whose stock the checkout took, for the streams'
            // viewers; a deal's units are not the variant's stock.
            let taken: Vec<String> = match deal_sale {
                Some(_) => Vec::new(),
                None => checkout
                    .orders
                    .iter()
                    .flat_map(|order| &order.items)
                    .map(|item| item.variant_id.clone())
                    .collect(),
            };
            (StatusCode::CREATED.as_u16(), body, deal_sale, taken)
        }
        // Ours (the database busy or gone): the transaction rolls back as it
        // drops, and nothing is kept, so a retry runs again.
        Err(error) if error.is_server_side() => return Err(error),
        // The shopper holds too much unpaid: nothing is kept, so the same
        // attempt runs again once they have paid or cancelled (decision
        // 0045). A flash deal's refusal changed nothing and is not kept
        // either: a retry is refused again at once (decision 0057).
        Err(
            error @ AppError::Conflict {
                code: ErrorCode::ReservationLimit,
                ..
            },
        ) => return refused(state, attempt, tx, error).await,
        Err(error @ AppError::Conflict { code, .. }) if is_deal_refusal(code) => {
            return refused(state, attempt, tx, error).await;
        }
        // A new quote written by `place` is kept with the refusal.
        Err(error @ AppError::QuoteChanged(_)) => {
            let (status, body) = render(error).await?;
            (status, body, None, Vec::new())
        }
        // Any other refusal is kept, and nothing `place` wrote.
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
            tx.rollback().await?;
            let (status, body) = render(error).await?;
            if !state
                .store
                .store_answer(attempt.answer(status, &body))
                .await?
            {
                return replay_kept(state, attempt).await;
            }
            return Ok(answer(status, body, false));
        }
    };
    if !idempotency::store_answer(&mut tx, attempt.answer(status, &body)).await? {
        tx.rollback().await?;
        return replay_kept(state, attempt).await;
    }
    let mut events: Vec<(String, FeedEvent)> = if taken.is_empty() {
        Vec::new()
    } else {
        live_store::stock_events(&mut tx, &taken)
            .await?
            .into_iter()
            .map(|(stream_id, event)| (stream_id, event.into()))
            .collect()
    };
    if let Some((deal, units)) = &deal_sale {
        // Last: the deal's row stays locked until the commit.
        let now = Timestamp::now();
        let sold = match deals::buy::take(&mut tx, deal, *units, now).await {
            Ok(sold) => sold,
            Err(error @ AppError::Conflict { .. }) => {
                return refused(state, attempt, tx, error).await;
            }
            Err(error) => return Err(error),
        };
        events.push((sold.stream_id.clone(), sold.at(now).into()));
    }
    // Before the event lowers the units left: for a moment the board
    // counts a unit too few spoken for, never one too many. The buyer's
    // units stay theirs on the board until the commit counts them.
    let _bought = turn.and_then(Turn::hand_on);
    state.live.commit_feed(tx, events).await?;
    if status == StatusCode::CREATED.as_u16() {
        state.metrics.checkout_placed();
    }
    Ok(answer(status, body, false))
}

/// The answer a duplicate on another instance kept under the key first,
/// replayed.
async fn replay_kept(state: &AppState, attempt: &Attempt<'_>) -> Result<Response> {
    let stored = state
        .store
        .stored_answer(attempt.user_id, attempt.key.as_str())
        .await?
        .ok_or_else(|| AppError::Internal("a kept answer vanished".to_owned()))?;
    attempt.replay(stored)
}

/// Rolls back `tx`, refused for `error`, which is not kept under the key:
/// replays the answer the key holds if a duplicate kept one meanwhile,
/// and answers `error` otherwise. A `deal_sold_out` found by the database
/// is noted on the board, so later buyers on this instance are refused
/// before they write (decision 0057).
async fn refused(
    state: &AppState,
    attempt: &Attempt<'_>,
    mut tx: Transaction<'_, Any>,
    error: AppError,
) -> Result<Response> {
    if let AppError::Conflict {
        code: ErrorCode::DealSoldOut,
        ..
    } = error
    {
        if let Some(deal_id) = deal_store::quote_deal(&mut tx, &attempt.request.quote_id).await? {
            state.live.deals().note_sold_out(&deal_id, Timestamp::now());
        }
    }
    tx.rollback().await?;
    match state
        .store
        .stored_answer(attempt.user_id, attempt.key.as_str())
        .await?
    {
        Some(stored) => attempt.replay(stored),
        None => Err(error),
    }
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
