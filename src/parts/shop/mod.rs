//! The shop part: everything a shopper does after seeing the cards — the
//! product sheet, the cart, checkout and payment, orders, the live feed,
//! live vouchers and toasts. The first part prefetches it once the first
//! cards are shown, and fetches it at once when the shopper (or the host's
//! handle) asks for a sheet before that. Creator mode never fetches it.

mod app;
pub mod cart_storage;
pub mod checkout_storage;
pub mod components;
pub mod draft_storage;
pub mod hooks;
pub mod state;

pub use app::Shop;
use web_sys::Node;
use yew::html;

use crate::parts::{slot, Drawn, ShopProps};

/// The part's start: its app drawn into `host` (the widget's `.root`),
/// with its texts and styles there from its first drawing on.
pub fn start(host: &Node, props: ShopProps) -> Box<dyn Drawn<ShopProps>> {
    super::arrived();
    slot::draw(
        host,
        "shop",
        props,
        |props| html! { <Shop ..props.clone() /> },
    )
}
