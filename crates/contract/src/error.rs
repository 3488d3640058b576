//! The API's error body: `{ "error": { "code", "message", "field" } }`.

use serde::{Deserialize, Serialize};

use crate::{Address, QuoteAnswer};

/// The JSON body of every non-2xx answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

crate::wire::from_js!(ErrorBody { error });

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

crate::wire::from_js!(ErrorDetail {
    code,
    message,
    field
});

/// The body of a 409 `quote_changed`: the error with the new quote, to show
/// and confirm.
///
/// A type of its own rather than a field of every [`ErrorDetail`], so a client
/// decoding ordinary errors does not carry the whole [`crate::Quote`] decoder
/// (14 KB of gzipped wasm in the widget). An [`ErrorBody`] reads this answer too; it
/// ignores the quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteChangedBody<A = Address> {
    /// What changed, and the new quote.
    pub error: QuoteChangedDetail<A>,
}

crate::wire::from_js!(QuoteChangedBody<A> { error });

/// The `error` of a [`QuoteChangedBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteChangedDetail<A = Address> {
    /// Always [`ErrorCode::QuoteChanged`].
    pub code: ErrorCode,
    /// A sentence for the developer reading logs; not localised.
    pub message: String,
    /// The quote as the server prices the checkout now, with the couriers
    /// its parcels are too heavy for, as `POST /v1/checkout/quote` answers.
    pub quote: QuoteAnswer<A>,
}

crate::wire::from_js!(QuoteChangedDetail<A> {
    code,
    message,
    quote
});

impl<A> QuoteChangedBody<A> {
    /// The `quote_changed` answer carrying `quote`.
    pub fn new(quote: QuoteAnswer<A>) -> Self {
        QuoteChangedBody {
            error: QuoteChangedDetail {
                code: ErrorCode::QuoteChanged,
                message:
                    "prices, shipping, vouchers or the address changed since the quote; confirm \
                     the new one"
                        .into(),
                quote,
            },
        }
    }
}

crate::wire::wire_enum! {
    /// A stable error code, written in snake_case.
    ///
    /// Clients must treat a code they do not know as [`ErrorCode::Unknown`], so the
    /// server can add codes without breaking older widgets.
    pub enum ErrorCode {
        /// The resource does not exist, or is not the caller's to see (404).
        NotFound = "not_found",
        /// The request is malformed: bad JSON, a bad path or query parameter (400).
        BadRequest = "bad_request",
        /// A field holds a value the server does not accept (422).
        InvalidField = "invalid_field",
        /// The method is not allowed on this path (405).
        MethodNotAllowed = "method_not_allowed",
        /// No valid credentials: a missing, malformed or unknown token or API key (401).
        Unauthenticated = "unauthenticated",
        /// The token was valid but has expired; ask the host for a new one (401).
        TokenExpired = "token_expired",
        /// The token's role may not use this endpoint (403).
        WrongRole = "wrong_role",
        /// A publishable key reads streams, showcases, products and live
        /// feeds only; this endpoint needs a token (a shopper's, to shop),
        /// which the message names (403).
        PublishableKeyForbidden = "publishable_key_forbidden",
        /// The publishable key was revoked by its host; use a current one (401).
        PublishableKeyRevoked = "publishable_key_revoked",
        /// The publishable key's host did not register the page's origin (403).
        OriginNotAllowed = "origin_not_allowed",
        /// Too many requests for this token; retry after `Retry-After` seconds (429).
        RateLimited = "rate_limited",
        /// A cart quantity is above the variant's stock (422, `field` is `quantity`).
        InsufficientStock = "insufficient_stock",
        /// Fewer units are in stock than the checkout needs (409).
        OutOfStock = "out_of_stock",
        /// No voucher has this code (422, `field` is `vouchers[i]`).
        VoucherNotFound = "voucher_not_found",
        /// The voucher has expired or has not started (422).
        VoucherExpired = "voucher_expired",
        /// The voucher does not apply: minimum spend, shop, or a second of its kind (422).
        VoucherNotApplicable = "voucher_not_applicable",
        /// The voucher's quota is used up (409).
        VoucherExhausted = "voucher_exhausted",
        /// The shopper already holds as much as one shopper may in orders not yet
        /// paid: units of a variant (`field` is `items[i]`), unpaid checkouts, or
        /// open cash-on-delivery checkouts (`field` is `payment`). Pay or cancel a
        /// pending order, or buy fewer (409).
        ReservationLimit = "reservation_limit",
        /// The flash deal has not opened yet: its price applies from its
        /// `starts_at` by the server's clock (409).
        DealNotStarted = "deal_not_started",
        /// The flash deal's time ran out or its creator ended it (409).
        DealEnded = "deal_ended",
        /// Every unit of the flash deal is sold, or fewer are left than
        /// asked (409).
        DealSoldOut = "deal_sold_out",
        /// The buyer already bought as many units at the deal price as one
        /// buyer may (409, `field` is `quantity`).
        DealLimitReached = "deal_limit_reached",
        /// The payment method cannot pay this checkout, e.g. COD over its limit (422).
        PaymentMethodUnavailable = "payment_method_unavailable",
        /// Prices, shipping, vouchers or the address changed since the quote; `quote` holds
        /// the new one (409).
        QuoteChanged = "quote_changed",
        /// This `Idempotency-Key` was used with a different body (422).
        IdempotencyKeyReused = "idempotency_key_reused",
        /// A request with this `Idempotency-Key` is still running; retry after `Retry-After` (409).
        IdempotencyInProgress = "idempotency_in_progress",
        /// The order cannot move to that status from where it is, e.g. cancelling a paid order (409).
        InvalidTransition = "invalid_transition",
        /// A webhook's signature is missing, wrong or too old (401).
        InvalidSignature = "invalid_signature",
        /// A browser posted to the payment provider's card page from another
        /// site's page (by `Sec-Fetch-Site` or `Origin`); nothing changed (403).
        CrossSiteRequest = "cross_site_request",
        /// No listed product has this id: it does not exist or was unlisted (422).
        ProductUnavailable = "product_unavailable",
        /// The server is overloaded or its database is unavailable; retry (503).
        Unavailable = "unavailable",
        /// The server failed; details are in its logs, never in the answer (500).
        Internal = "internal",
        /// A code this build does not know.
        #[serde(other)]
        Unknown = "unknown",
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
    fn reads_an_unknown_code_as_unknown() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"brand_new_code","message":"m"}}"#).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
        assert_eq!(body.error.field, None);
    }
}
