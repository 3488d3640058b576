//! Pure state: data shapes and reducers with no DOM in sight, tested natively.

pub mod cart;
pub mod checkout;
pub mod clock;
pub mod creator;
pub mod live;
pub mod remote;
pub mod retry;
pub mod sheet;
pub mod shelf;
pub mod variant;
