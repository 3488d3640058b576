//! Custom hooks: loading data and talking to the page, so components stay thin.

mod use_cart;
mod use_checkout;
mod use_claims;
mod use_controls;
mod use_creator;
mod use_dialog;
mod use_drag;
mod use_fetch;
mod use_live;
mod use_load_events;
mod use_online;
mod use_orders;
mod use_part;
mod use_product;
mod use_showcase;

pub use use_cart::use_cart;
pub use use_checkout::{use_checkout, Checkout};
pub use use_claims::{use_claims, Claim, Claims};
pub use use_controls::use_controls;
pub use use_creator::use_creator;
pub use use_dialog::{use_dialog, DialogRefs};
pub use use_drag::{use_drag, Drag};
pub use use_fetch::{use_fetch, Fetch};
pub use use_live::use_live;
pub use use_load_events::{use_error_event, use_ready_event};
pub use use_online::use_online;
pub use use_orders::use_orders;
pub use use_part::{use_part, LoadedPart, Part};
pub use use_product::use_product;
pub use use_showcase::use_showcase;
