//! Custom hooks: loading data and talking to the page, so components stay thin.

mod use_fetch;
mod use_live;
mod use_load_events;

pub use use_fetch::{use_fetch, Fetch};
pub use use_live::use_live;
pub use use_load_events::use_error_event;
