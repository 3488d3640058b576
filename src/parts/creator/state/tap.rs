//! [`Tap`]: a creator's request and the `Idempotency-Key` it is sent under.
//!
//! Each tap makes a fresh key, so the server does each deliberate action
//! once; but a tap repeating the same terms within [`REPEAT_MS`] of the
//! last one sent takes that one's key, so a double tap makes one voucher or
//! one deal however fast the first was answered (the server answers the
//! second with the first's result). A deliberate second tap, later, is a
//! second action.

/// How long after a tap another counts as the same tap, in milliseconds:
/// longer than any double tap (two taps some 80 to 400 ms apart), shorter
/// than a deliberate second action. "Pin next" keeps it too.
pub const REPEAT_MS: i64 = 1_000;

/// Whether a tap at `at_ms` comes within [`REPEAT_MS`] of one at `last_ms`.
pub fn repeats(last_ms: Option<i64>, at_ms: i64) -> bool {
    last_ms.is_some_and(|last| (0..REPEAT_MS).contains(&at_ms.saturating_sub(last)))
}

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
            Some(last) if last.terms == terms && repeats(Some(last.at_ms), at_ms) => {
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
        let deliberate = Tap::after(Some(&first), 5, "k5".into(), 3_000);
        assert_eq!(deliberate.key, "k5", "a deliberate second tap, 2 s on");
        assert!(repeats(Some(1_000), 1_080));
        assert!(!repeats(None, 1_080));
        assert!(!repeats(Some(1_000), 2_000));
    }
}
