//! Custom hooks: loading data and talking to the page, so components stay thin.

mod use_fetch;
mod use_live;
mod use_load_events;
mod use_part;
mod use_showcase;

pub use use_fetch::{use_fetch, Fetch};
pub use use_live::use_live;
pub use use_load_events::{ask_for_token, use_error_event, use_ready_event};
pub use use_part::{use_part, LoadedPart, Part};
pub use use_showcase::use_showcase;
