//! Creator mode's reducers.

pub mod creator;
