//! Checkout pricing: the one place money is computed.
//!
//! [`price::price`] is a pure function from the cart, the destination, the
//! shopper's choices and the vouchers to every amount of the checkout; the
//! rules it follows live in [`money`] (rounding), [`shipping`] (zones,
//! couriers, weight), [`fees`] (insurance, payment fees, COD limit) and
//! [`vouchers`]. [`quote`] reads those inputs from the database and stores
//! the answer, so an order can later check that nothing changed.

pub mod fees;
pub mod money;
pub mod price;
mod quote;
pub mod shipping;
pub mod vouchers;

pub use quote::{compute, price_lines, quote};
