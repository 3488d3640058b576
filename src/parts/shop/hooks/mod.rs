//! The shop part's hooks: the cart, checkout, claims, the host's commands,
//! a flash deal's clock, dialogs and dragging, the connection, orders (and
//! focus between their list and one order), the open product and the
//! other videos that feature it (`use_product_videos`), a new
//! address's place, the host's video by the second (`use_playback`) and
//! the purchase ticker's line going after its time (`use_ticker`), and the
//! streams still to come (`use_upcoming`).

mod use_cart;
mod use_checkout;
mod use_claims;
mod use_controls;
mod use_deal_clock;
mod use_dialog;
mod use_drag;
mod use_online;
mod use_order_focus;
mod use_orders;
mod use_place;
mod use_playback;
mod use_product;
mod use_product_videos;
mod use_task;
mod use_ticker;
mod use_upcoming;

pub use use_cart::use_cart;
pub use use_checkout::{use_checkout, Checkout};
pub use use_claims::{use_claims, Claim, Claims};
pub use use_controls::use_controls;
pub use use_deal_clock::use_deal_clock;
pub use use_dialog::{use_dialog, DialogRefs};
pub use use_drag::{use_drag, Drag};
pub use use_online::use_online;
pub use use_order_focus::use_order_focus;
pub use use_orders::use_orders;
pub use use_place::use_place;
pub use use_playback::{use_playback, Playback};
pub use use_product::use_product;
pub use use_product_videos::use_product_videos;
pub use use_task::{alive, use_task, Current};
pub use use_ticker::use_ticker;
pub use use_upcoming::use_upcoming;
