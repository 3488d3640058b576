//! When to send a failed request again: exponential backoff with full
//! jitter, honouring the server's `Retry-After`.
//!
//! Only failures that a second try can cure are retried: no answer at all,
//! a 5xx, a 429, and a 409 `idempotency_in_progress` (the first try is still
//! running on the server). Anything else is the answer, a page whose origin
//! the API refuses included.

use etalase_contract::ErrorCode;

use crate::api::ApiError;

/// The first backoff ceiling, in milliseconds; it doubles per try.
const BASE_MS: u32 = 500;
/// The ceiling never grows past this, in milliseconds.
const CAP_MS: u32 = 8_000;
/// Tries after the first before the shopper is asked to retry.
pub const MAX_RETRIES: u32 = 4;

/// Whether `error` may be cured by sending the same request again.
pub fn is_retryable(error: &ApiError) -> bool {
    match error {
        ApiError::Network(_) => true,
        ApiError::OriginRefused { .. } | ApiError::KeyRefused { .. } => false,
        ApiError::BadResponse { status, .. } => *status >= 500,
        ApiError::Api { status, error, .. } => {
            *status >= 500 || *status == 429 || error.code == ErrorCode::IdempotencyInProgress
        }
    }
}

/// How long to wait before retry number `retry` (0 for the first) of a
/// request that failed with `error`, in milliseconds, or `None` when it must
/// not be retried (not retryable, or out of tries). `random` is uniform in
/// `[0, 1)`: the wait is drawn from the whole window ("full jitter"), and is
/// never shorter than the server's `Retry-After`.
pub fn delay_ms(error: &ApiError, retry: u32, random: f64) -> Option<u32> {
    if retry >= MAX_RETRIES || !is_retryable(error) {
        return None;
    }
    let ceiling = BASE_MS.saturating_mul(1 << retry.min(16)).min(CAP_MS);
    // Truncation is the intent: a whole number of milliseconds in the window.
    let jittered = (f64::from(ceiling) * random.clamp(0.0, 1.0)) as u32;
    let floor = error.retry_after().unwrap_or(0).saturating_mul(1_000);
    Some(jittered.max(floor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::ErrorBody;

    fn api(status: u16, code: ErrorCode, retry_after: Option<u32>) -> ApiError {
        ApiError::Api {
            status,
            error: ErrorBody::new(code, "m").error,
            retry_after,
        }
    }

    #[test]
    fn only_failures_a_second_try_can_cure_are_retried() {
        assert!(is_retryable(&ApiError::Network("offline".into())));
        assert!(is_retryable(&api(503, ErrorCode::Unavailable, None)));
        assert!(is_retryable(&api(500, ErrorCode::Internal, None)));
        assert!(is_retryable(&api(429, ErrorCode::RateLimited, Some(2))));
        assert!(is_retryable(&api(
            409,
            ErrorCode::IdempotencyInProgress,
            Some(1)
        )));
        assert!(is_retryable(&ApiError::BadResponse {
            status: 502,
            reason: "html".into()
        }));
        for (status, code) in [
            (409, ErrorCode::OutOfStock),
            (409, ErrorCode::QuoteChanged),
            (422, ErrorCode::InvalidField),
            (401, ErrorCode::TokenExpired),
            (404, ErrorCode::NotFound),
        ] {
            assert!(!is_retryable(&api(status, code, None)), "{code:?}");
        }
        let unreadable = ApiError::BadResponse {
            status: 200,
            reason: "x".into(),
        };
        assert!(!is_retryable(&unreadable));
    }

    #[test]
    fn the_window_doubles_up_to_its_cap_and_the_wait_is_drawn_from_all_of_it() {
        let offline = ApiError::Network("offline".into());
        let ceilings: Vec<u32> = (0..MAX_RETRIES)
            .map(|retry| delay_ms(&offline, retry, 0.999_999).unwrap())
            .collect();
        assert_eq!(ceilings, [499, 999, 1_999, 3_999]);
        for retry in 0..MAX_RETRIES {
            assert_eq!(delay_ms(&offline, retry, 0.0), Some(0), "full jitter");
            let half = delay_ms(&offline, retry, 0.5).unwrap();
            assert_eq!(half, BASE_MS * (1 << retry) / 2);
        }
        assert_eq!(delay_ms(&offline, MAX_RETRIES, 0.5), None, "out of tries");
    }

    #[test]
    fn retry_after_is_a_floor_and_answers_are_not_retried() {
        let limited = api(429, ErrorCode::RateLimited, Some(3));
        assert_eq!(delay_ms(&limited, 0, 0.1), Some(3_000));
        let running = api(409, ErrorCode::IdempotencyInProgress, Some(1));
        assert_eq!(delay_ms(&running, 3, 0.0), Some(1_000));
        assert_eq!(
            delay_ms(&api(409, ErrorCode::OutOfStock, None), 0, 0.5),
            None
        );
    }
}
