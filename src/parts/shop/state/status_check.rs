//! [`StatusCheck`]: where the shopper's own "Check status" of a pending
//! payment stands, so a tap that found nothing new still gets a word.

/// The last "Check status" the shopper asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusCheck {
    /// None asked since the payment last changed.
    #[default]
    Idle,
    /// On its way: the button waits.
    Asking,
    /// The server still waits for the payment.
    Unchanged,
    /// The payment could not be read; the shopper may try again.
    Failed,
}
