//! The API's error body: `{ "error": { "code", "message", "field" } }`.

use serde::{Deserialize, Serialize};

use crate::Quote;

/// The JSON body of every non-2xx answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong, for programs (`code`, `field`) and for people (`message`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// A stable, machine-readable code.
    pub code: ErrorCode,
    /// A sentence for the developer reading logs; not localised.
    pub message: String,
    /// The request field at fault, as a path (`items[0].quantity`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The body of a 409 `quote_changed`: the error with the new quote, to show
/// and confirm.
///
/// A type of its own rather than a field of every [`ErrorDetail`], so a client
/// decoding ordinary errors does not carry the whole [`Quote`] decoder (14 KB
/// of gzipped wasm in the widget). An [`ErrorBody`] reads this answer too; it
/// ignores the quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteChangedBody {
    /// What changed, and the new quote.
    pub error: QuoteChangedDetail,
}

/// The `error` of a [`QuoteChangedBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteChangedDetail {
    /// Always [`ErrorCode::QuoteChanged`].
    pub code: ErrorCode,
    /// A sentence for the developer reading logs; not localised.
    pub message: String,
    /// The quote as the server prices the checkout now.
    pub quote: Quote,
}

impl QuoteChangedBody {
    /// The `quote_changed` answer carrying `quote`.
    pub fn new(quote: Quote) -> Self {
        QuoteChangedBody {
            error: QuoteChangedDetail {
                code: ErrorCode::QuoteChanged,
                message:
                    "prices, shipping or vouchers changed since the quote; confirm the new one"
                        .into(),
                quote,
            },
        }
    }
}

/// A stable error code, written in snake_case.
///
/// Clients must treat a code they do not know as [`ErrorCode::Unknown`], so the
/// server can add codes without breaking older widgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The resource does not exist, or is not the caller's to see (404).
    NotFound,
    /// The request is malformed: bad JSON, a bad path or query parameter (400).
    BadRequest,
    /// A field holds a value the server does not accept (422).
    InvalidField,
    /// The method is not allowed on this path (405).
    MethodNotAllowed,
    /// No valid credentials: a missing, malformed or unknown token or API key (401).
    Unauthenticated,
    /// The token was valid but has expired; ask the host for a new one (401).
    TokenExpired,
    /// The token's role may not use this endpoint (403).
    WrongRole,
    /// Too many requests for this token; retry after `Retry-After` seconds (429).
    RateLimited,
    /// A cart quantity is above the variant's stock (422, `field` is `quantity`).
    InsufficientStock,
    /// Fewer units are in stock than the checkout needs (409).
    OutOfStock,
    /// No voucher has this code (422, `field` is `vouchers[i]`).
    VoucherNotFound,
    /// The voucher has expired or has not started (422).
    VoucherExpired,
    /// The voucher does not apply: minimum spend, shop, or a second of its kind (422).
    VoucherNotApplicable,
    /// The voucher's quota is used up (409).
    VoucherExhausted,
    /// The shopper already holds as much as one shopper may in orders not yet
    /// paid: units of a variant (`field` is `items[i]`), unpaid checkouts, or
    /// open cash-on-delivery checkouts (`field` is `payment`). Pay or cancel a
    /// pending order, or buy fewer (409).
    ReservationLimit,
    /// The payment method cannot pay this checkout, e.g. COD over its limit (422).
    PaymentMethodUnavailable,
    /// Prices, shipping or vouchers changed since the quote; `quote` holds the new one (409).
    QuoteChanged,
    /// This `Idempotency-Key` was used with a different body (422).
    IdempotencyKeyReused,
    /// A request with this `Idempotency-Key` is still running; retry after `Retry-After` (409).
    IdempotencyInProgress,
    /// The order cannot move to that status from where it is, e.g. cancelling a paid order (409).
    InvalidTransition,
    /// A webhook's signature is missing, wrong or too old (401).
    InvalidSignature,
    /// A browser posted to the payment provider's card page from another
    /// site's page (by `Sec-Fetch-Site` or `Origin`); nothing changed (403).
    CrossSiteRequest,
    /// No listed product has this id: it does not exist or was unlisted (422).
    ProductUnavailable,
    /// The server is overloaded or its database is unavailable; retry (503).
    Unavailable,
    /// The server failed; details are in its logs, never in the answer (500).
    Internal,
    /// A code this build does not know.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The code as it is written on the wire, e.g. `"token_expired"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::TokenExpired => "token_expired",
            ErrorCode::WrongRole => "wrong_role",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::InsufficientStock => "insufficient_stock",
            ErrorCode::OutOfStock => "out_of_stock",
            ErrorCode::VoucherNotFound => "voucher_not_found",
            ErrorCode::VoucherExpired => "voucher_expired",
            ErrorCode::VoucherNotApplicable => "voucher_not_applicable",
            ErrorCode::VoucherExhausted => "voucher_exhausted",
            ErrorCode::ReservationLimit => "reservation_limit",
            ErrorCode::PaymentMethodUnavailable => "payment_method_unavailable",
            ErrorCode::QuoteChanged => "quote_changed",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::IdempotencyInProgress => "idempotency_in_progress",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::InvalidSignature => "invalid_signature",
            ErrorCode::CrossSiteRequest => "cross_site_request",
            ErrorCode::ProductUnavailable => "product_unavailable",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::Unknown => "unknown",
        }
    }
}

impl ErrorBody {
    /// An error body with `code` and `message` and no field.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
                field: None,
            },
        }
    }

    /// The same error, blaming `field`.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.error.field = Some(field.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_the_documented_shape() {
        let body =
            ErrorBody::new(ErrorCode::InvalidField, "limit must be 1 to 100").with_field("limit");
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":{"code":"invalid_field","message":"limit must be 1 to 100","field":"limit"}}"#
        );
    }

    #[test]
    fn omits_an_absent_field() {
        let body = ErrorBody::new(ErrorCode::NotFound, "no such product");
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":{"code":"not_found","message":"no such product"}}"#
        );
    }

    #[test]
    fn as_str_is_the_wire_name() {
        for code in [
            ErrorCode::NotFound,
            ErrorCode::BadRequest,
            ErrorCode::InvalidField,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Unauthenticated,
            ErrorCode::TokenExpired,
            ErrorCode::WrongRole,
            ErrorCode::RateLimited,
            ErrorCode::InsufficientStock,
            ErrorCode::OutOfStock,
            ErrorCode::VoucherNotFound,
            ErrorCode::VoucherExpired,
            ErrorCode::VoucherNotApplicable,
            ErrorCode::VoucherExhausted,
            ErrorCode::ReservationLimit,
            ErrorCode::PaymentMethodUnavailable,
            ErrorCode::QuoteChanged,
            ErrorCode::IdempotencyKeyReused,
            ErrorCode::IdempotencyInProgress,
            ErrorCode::InvalidTransition,
            ErrorCode::InvalidSignature,
            ErrorCode::CrossSiteRequest,
            ErrorCode::ProductUnavailable,
            ErrorCode::Unavailable,
            ErrorCode::Internal,
        ] {
            let wire = serde_json::to_string(&code).unwrap();
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&wire).unwrap(), code);
        }
    }

    #[test]
    fn reads_an_unknown_code_as_unknown() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"brand_new_code","message":"m"}}"#).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
        assert_eq!(body.error.field, None);
    }
}
