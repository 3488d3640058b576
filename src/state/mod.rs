//! Pure state: data shapes and reducers with no DOM in sight, tested natively.

pub mod cart;
pub mod live;
pub mod remote;
pub mod sheet;
pub mod shelf;
pub mod variant;
