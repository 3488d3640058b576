//! Orders: placing a quote exactly once, and what happens to it after.
//!
//! - [`submit`]: `POST /v1/orders` under an idempotency key, so a retried
//!   or duplicated request never makes a second checkout.
//! - [`place`]: the checkout transaction itself: re-price, take stock and
//!   voucher quota with conditional updates, write the orders and payment.
//! - [`limits`]: what one shopper may hold in unpaid checkouts at once,
//!   checked inside the checkout transaction.
//! - [`lifecycle`]: cancelling, expiring unpaid checkouts, and moving
//!   orders along their allowed edges.

pub mod lifecycle;
pub mod limits;
mod place;
mod submit;

pub use submit::submit;
