//! The simulated Indonesian payment provider.
//!
//! It plays the part a real gateway plays: it answers payment instructions
//! for a new payment ([`instructions`]), takes card details on its own
//! hosted page ([`card_page`], [`submit_card`]) so they never reach the
//! marketplace, and tells the marketplace what became of a payment through
//! webhooks signed as [`crate::payments::webhook`] says ([`send`]).

mod card;
mod instructions;

pub use card::{card_page, submit_card, CardForm, CardQuery};
pub use instructions::instructions;

use axum::http::{HeaderMap, HeaderValue};
use etalase_contract::{PaymentEvent, PaymentEventKind, WebhookAck};

use secrecy::ExposeSecret;

use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::payments::webhook;
use crate::time::Timestamp;
use crate::AppState;

/// Sends event `kind` for payment `payment_id` to the marketplace the way
/// the provider's servers would: a new event id, the body signed with the
/// shared secret, through the same verification as `POST
/// /v1/payments/webhook`.
pub async fn send(
    state: &AppState,
    kind: PaymentEventKind,
    payment_id: &str,
) -> Result<WebhookAck> {
    let event = PaymentEvent {
        id: secret::new_id("evt_")?,
        kind,
        payment_id: payment_id.to_owned(),
    };
    let body = serde_json::to_vec(&event)
        .map_err(|error| AppError::Internal(format!("cannot encode an event: {error}")))?;
    let signature = webhook::sign(
        state.settings.webhook_secret.expose_secret(),
        Timestamp::now().unix_seconds(),
        &body,
    );
    let mut headers = HeaderMap::new();
    headers.insert(
        webhook::HEADER,
        HeaderValue::from_str(&signature)
            .map_err(|error| AppError::Internal(format!("bad signature header: {error}")))?,
    );
    crate::payments::receive(state, &headers, &body).await
}
