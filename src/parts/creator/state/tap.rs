//! [`Tap`]: a creator's request and the `Idempotency-Key` it is sent under.
//!
//! Each tap makes a fresh key, so the server does each deliberate action
//! once; but a tap repeating the same terms within [`REPEAT_MS`] of the
//! last one sent takes that one's key, so a double tap makes one voucher or
//! one deal however fast the first was answered (the server answers the
//! second with the first's result).

/// How long after a tap the same terms count as the same tap, in
/// milliseconds: longer than any double tap, shorter than a deliberate
/// second action.
pub const REPEAT_MS: i64 = 5_000;

/// A request of a creator's and its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tap<T> {
    /// What is asked.
    pub terms: T,
    /// The `Idempotency-Key` it is sent under.
    pub key: String,
    /// When it was tapped, in milliseconds of the page's clock.
    pub at_ms: i64,
}

impl<T: PartialEq> Tap<T> {
    /// `terms` tapped at `at_ms` with a `fresh` key, after `last` (the tap
    /// sent before, if any): the same terms within [`REPEAT_MS`] keep its key.
    pub fn after(last: Option<&Tap<T>>, terms: T, fresh: String, at_ms: i64) -> Tap<T> {
        let key = match last {
            Some(last) if last.terms == terms && at_ms.saturating_sub(last.at_ms) < REPEAT_MS => {
                last.key.clone()
            }
            _ => fresh,
        };
        Tap { terms, key, at_ms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_tap_keeps_its_key_a_new_one_gets_its_own() {
        let first = Tap::after(None, 5, "k1".into(), 1_000);
        assert_eq!(first.key, "k1");
        let double = Tap::after(Some(&first), 5, "k2".into(), 1_300);
        assert_eq!(double.key, "k1", "a double tap is the same request");
        let other = Tap::after(Some(&first), 6, "k3".into(), 1_300);
        assert_eq!(other.key, "k3", "other terms are another request");
        let later = Tap::after(Some(&first), 5, "k4".into(), 1_000 + REPEAT_MS);
        assert_eq!(later.key, "k4", "the same terms later are another request");
    }
}
