//! What a failed load tells the shopper: the words for it, and whether a
//! retry could help.

use etalase_contract::ErrorCode;

use crate::api::ApiError;
use crate::i18n::Text;

/// What failed to load, which decides the "not found" wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The stream's showcase.
    Showcase,
    /// One product's detail.
    Product,
    /// The shopper's cart.
    Cart,
    /// The checkout: addresses, quote, order or payment.
    Checkout,
}

/// Whether trying again could help: a product or a stream the server does
/// not know will not appear by asking again.
/// Nor will a page whose origin or publishable key the API refuses: its
/// host must register the origin, or mint a new key.
pub fn retryable(error: &ApiError, subject: Subject) -> bool {
    let refused = matches!(
        error,
        ApiError::OriginRefused { .. } | ApiError::KeyRefused { .. }
    );
    let gone = matches!(subject, Subject::Showcase | Subject::Product)
        && error.api_code() == Some(ErrorCode::NotFound);
    !(refused || gone)
}

/// The text explaining `error` to a shopper.
pub fn explain(error: &ApiError, subject: Subject) -> Text {
    match (error, error.api_code()) {
        (ApiError::Network(_), _) => Text::ErrorNetwork,
        (ApiError::OriginRefused { .. } | ApiError::KeyRefused { .. }, _) => {
            Text::ErrorOriginRefused
        }
        (_, Some(ErrorCode::Unauthenticated | ErrorCode::TokenExpired)) => Text::SessionEnded,
        (_, Some(ErrorCode::NotFound)) => match subject {
            Subject::Showcase => Text::ErrorShowcaseNotFound,
            Subject::Product => Text::ErrorProductNotFound,
            Subject::Cart | Subject::Checkout => Text::ErrorGeneric,
        },
        (_, Some(ErrorCode::Unavailable | ErrorCode::RateLimited)) => Text::ErrorBusy,
        _ => Text::ErrorGeneric,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::ErrorBody;

    fn api(code: ErrorCode) -> ApiError {
        ApiError::Api {
            status: 400,
            error: ErrorBody::new(code, "m").error,
            retry_after: None,
        }
    }

    #[test]
    fn offers_no_retry_for_a_product_or_stream_that_does_not_exist() {
        let missing = api(ErrorCode::NotFound);
        assert!(!retryable(&missing, Subject::Product));
        assert!(!retryable(&missing, Subject::Showcase));
        assert!(
            retryable(&missing, Subject::Cart),
            "a cart line gone: reload"
        );
        assert!(retryable(&api(ErrorCode::Unavailable), Subject::Product));
        assert!(retryable(
            &ApiError::Network("offline".into()),
            Subject::Product
        ));
    }

    #[test]
    fn a_refused_origin_is_not_called_offline_and_not_retried() {
        let refused = ApiError::OriginRefused {
            origin: "https://shop.example".into(),
            for_key: false,
        };
        assert_eq!(
            explain(&refused, Subject::Showcase),
            Text::ErrorOriginRefused
        );
        assert!(!retryable(&refused, Subject::Showcase));
        assert!(!retryable(&refused, Subject::Cart));
        // A refused publishable key: the page cannot open the shop either.
        for revoked in [true, false] {
            let refused = ApiError::KeyRefused { revoked };
            assert_eq!(
                explain(&refused, Subject::Showcase),
                Text::ErrorOriginRefused
            );
            assert!(!retryable(&refused, Subject::Showcase));
        }
    }

    #[test]
    fn explains_each_kind_of_failure() {
        let network = ApiError::Network("offline".into());
        assert_eq!(explain(&network, Subject::Showcase), Text::ErrorNetwork);
        assert_eq!(
            explain(&api(ErrorCode::NotFound), Subject::Showcase),
            Text::ErrorShowcaseNotFound
        );
        assert_eq!(
            explain(&api(ErrorCode::NotFound), Subject::Product),
            Text::ErrorProductNotFound
        );
        assert_eq!(
            explain(&api(ErrorCode::Unavailable), Subject::Product),
            Text::ErrorBusy
        );
        assert_eq!(
            explain(&api(ErrorCode::Internal), Subject::Product),
            Text::ErrorGeneric
        );
        assert_eq!(
            explain(&api(ErrorCode::TokenExpired), Subject::Cart),
            Text::SessionEnded
        );
        assert_eq!(
            explain(&api(ErrorCode::Unauthenticated), Subject::Showcase),
            Text::SessionEnded
        );
        let garbled = ApiError::BadResponse {
            status: 200,
            reason: "expected value".into(),
        };
        assert_eq!(explain(&garbled, Subject::Showcase), Text::ErrorGeneric);
    }
}
