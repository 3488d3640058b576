//! Pure state: data shapes and reducers with no DOM in sight, tested natively.

pub mod deal_view;
pub mod failure;
pub mod label;
pub mod live;
pub mod remote;
pub mod retry;
pub mod shelf;
pub mod social;
