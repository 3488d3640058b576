//! Creator mode's hooks.

mod use_creator;

pub use use_creator::use_creator;
