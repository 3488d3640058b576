//! Creator mode's hooks.

use std::cell::Cell;
use std::rc::Rc;

mod use_creator;
mod use_deals;
mod use_vouchers;

pub use use_creator::use_creator;
pub use use_deals::use_deals;
pub use use_vouchers::use_vouchers;

/// A flag cleared when an effect is cleaned up: its task's answers are moot.
fn alive() -> Rc<Cell<bool>> {
    Rc::new(Cell::new(true))
}
