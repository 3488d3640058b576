//! `GET /v1/payments/{id}` (the shopper following a payment), `POST
//! /v1/payments/webhook` (the provider, HMAC-signed) and the provider's
//! hosted card page at `/provider/card/{payment_id}`.

use axum::body::Bytes;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::{Form, Json};
use etalase_contract::{Payment, WebhookAck};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::identity::Shopper;
use crate::provider::{self, CardForm, CardQuery};
use crate::store::payments as store;
use crate::{payments, AppState};

/// The webhook, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(one))
        .routes(routes!(webhook))
}

/// One of the caller's payments, as it is now: what the widget polls while
/// the shopper pays, and reads back after a reload.
#[utoipa::path(get, path = "/payments/{id}", tag = "orders",
    security(("token" = [])),
    params(("id" = String, Path, description = "One of the caller's payments")),
    responses(
        (status = 200, description = "The payment with its status and instructions", body = etalase_contract::Payment),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody)
    ))]
async fn one(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<Payment>> {
    let not_found = || AppError::NotFound(format!("no payment has id {id:?}"));
    let mut conn = state.store.acquire().await?;
    match store::payment_owner(&mut conn, &id).await? {
        Some((_, owner)) if owner == shopper.user_id => {}
        _ => return Err(not_found()),
    }
    store::payment(&mut conn, &id)
        .await?
        .map(Json)
        .ok_or_else(not_found)
}

/// The simulated provider's own pages.
pub fn provider_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(card_page, pay_by_card))
}

/// Verifies the signature over the raw body, then applies the event once.
#[utoipa::path(post, path = "/payments/webhook", tag = "payments",
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

/// The hosted card form, at the address the payment's instructions give
/// (`hosted_url`, with the payment's page token).
#[utoipa::path(get, path = "/provider/card/{payment_id}", tag = "provider",
    params(
        ("payment_id" = String, Path, description = "A card payment"),
        ("token" = Option<String>, Query, description = "The payment's page token, as its `hosted_url` carries it")
    ),
    responses(
        (status = 200, description = "The provider's hosted card form (HTML)", content_type = "text/html"),
        (status = 400, description = "`bad_request`: a malformed query, e.g. two tokens", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: no such card payment, or not with this token", body = etalase_contract::ErrorBody)
    ))]
async fn card_page(
    State(state): State<AppState>,
    AppPath(payment_id): AppPath<String>,
    AppQuery(query): AppQuery<CardQuery>,
) -> Result<Response> {
    provider::card_page(&state, &payment_id, query.token.as_deref()).await
}

/// The hosted card form, submitted. A post from another site's page is
/// refused, one without this payment's token finds no page; neither
/// changes anything.
#[utoipa::path(post, path = "/provider/card/{payment_id}", tag = "provider",
    params(("payment_id" = String, Path, description = "A card payment")),
    request_body(content_type = "application/x-www-form-urlencoded", description = "`number`, `expiry` (MM/YY), `cvc`, and `token`: the page's hidden field"),
    responses(
        (status = 200, description = "Charged; the provider sent its webhook (HTML)", content_type = "text/html"),
        (status = 400, description = "`bad_request`: not a form", body = etalase_contract::ErrorBody),
        (status = 403, description = "`cross_site_request`: posted from another site's page (by `Sec-Fetch-Site`, or `Origin`); nothing changed", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: no such card payment, or not with this token; nothing changed", body = etalase_contract::ErrorBody),
        (status = 409, description = "The payment has already ended (HTML)", content_type = "text/html"),
        (status = 422, description = "The card was refused before charging (HTML)", content_type = "text/html")
    ))]
async fn pay_by_card(
    State(state): State<AppState>,
    AppPath(payment_id): AppPath<String>,
    headers: HeaderMap,
    uri: Uri,
    form: Result<Form<CardForm>, FormRejection>,
) -> Result<Response> {
    let Form(card) = form.map_err(|rejection| AppError::BadRequest {
        message: rejection.body_text(),
        field: None,
    })?;
    provider::submit_card(&state, &headers, &uri, &payment_id, card).await
}
