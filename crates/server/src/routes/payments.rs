//! `POST /v1/payments/webhook` (the provider, HMAC-signed) and the
//! provider's hosted card page at `/provider/card/{payment_id}`.

use axum::body::Bytes;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use etalase_contract::WebhookAck;

use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::provider::{self, CardForm};
use crate::{payments, AppState};

/// The webhook, relative to `/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/payments/webhook", post(webhook))
}

/// The simulated provider's own pages.
pub fn provider_router() -> Router<AppState> {
    Router::new().route(
        "/provider/card/{payment_id}",
        get(card_page).post(pay_by_card),
    )
}

/// Verifies the signature over the raw body, then applies the event once.
#[utoipa::path(post, path = "/v1/payments/webhook", tag = "payments",
    security(("webhook_signature" = [])),
    request_body = etalase_contract::PaymentEvent,
    responses(
        (status = 200, description = "Acknowledged; `applied` is false for a replayed event", body = etalase_contract::WebhookAck),
        (status = 401, description = "`invalid_signature`: missing, wrong or outside 300 s", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: no such payment", body = etalase_contract::ErrorBody)
    ))]
async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<WebhookAck>> {
    Ok(Json(payments::receive(&state, &headers, &body).await?))
}

/// The hosted card form.
#[utoipa::path(get, path = "/provider/card/{payment_id}", tag = "provider",
    params(("payment_id" = String, Path, description = "A card payment")),
    responses(
        (status = 200, description = "The provider's hosted card form (HTML)", content_type = "text/html"),
        (status = 404, description = "`not_found`: no such card payment", body = etalase_contract::ErrorBody)
    ))]
async fn card_page(
    State(state): State<AppState>,
    AppPath(payment_id): AppPath<String>,
) -> Result<Response> {
    provider::card_page(&state, &payment_id).await
}

/// The hosted card form, submitted.
#[utoipa::path(post, path = "/provider/card/{payment_id}", tag = "provider",
    params(("payment_id" = String, Path, description = "A card payment")),
    request_body(content_type = "application/x-www-form-urlencoded", description = "`number`, `expiry` (MM/YY), `cvc`"),
    responses(
        (status = 200, description = "Charged; the provider sent its webhook (HTML)", content_type = "text/html"),
        (status = 422, description = "The card was refused before charging (HTML)", content_type = "text/html"),
        (status = 404, description = "`not_found`: no such card payment", body = etalase_contract::ErrorBody)
    ))]
async fn pay_by_card(
    State(state): State<AppState>,
    AppPath(payment_id): AppPath<String>,
    form: Result<Form<CardForm>, FormRejection>,
) -> Result<Response> {
    let Form(card) = form.map_err(|rejection| AppError::BadRequest {
        message: rejection.body_text(),
        field: None,
    })?;
    provider::submit_card(&state, &payment_id, card).await
}
