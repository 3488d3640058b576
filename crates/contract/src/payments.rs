//! What the payment provider tells the marketplace: signed webhook events.

use serde::{Deserialize, Serialize};

/// What happened to a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PaymentEventKind {
    /// The shopper paid.
    #[serde(rename = "payment.paid")]
    Paid,
    /// The provider refused the payment (e.g. a declined card).
    #[serde(rename = "payment.failed")]
    Failed,
    /// The provider's payment window closed unpaid.
    #[serde(rename = "payment.expired")]
    Expired,
}

/// The body of `POST /v1/payments/webhook`, signed by the provider in the
/// `Etalase-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<raw body>">`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentEvent {
    /// The event's id; an id already processed has no second effect.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: PaymentEventKind,
    /// The payment it happened to.
    pub payment_id: String,
}

/// The answer to a webhook (200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookAck {
    /// The event's id.
    pub event_id: String,
    /// Whether it changed anything: `false` for a replayed event, or one
    /// that came after the payment had ended.
    pub applied: bool,
}

crate::wire::from_js!(WebhookAck { event_id, applied });
