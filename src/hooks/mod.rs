//! Custom hooks: loading data and talking to the page, so components stay thin.

mod use_dialog_focus;
mod use_escape;
mod use_fetch;
mod use_load_events;
mod use_product;
mod use_showcase;

pub use use_dialog_focus::use_dialog_focus;
pub use use_escape::use_escape;
pub use use_fetch::{use_fetch, Fetch};
pub use use_load_events::{use_error_event, use_ready_event};
pub use use_product::use_product;
pub use use_showcase::use_showcase;
