//! The shop part: everything a shopper does after seeing the cards — the
//! product sheet, the cart, checkout and payment, orders, the live feed,
//! live vouchers and toasts. The first part prefetches it once the first
//! cards are shown, and fetches it at once when the shopper (or the host's
//! handle) asks for a sheet before that. Creator mode never fetches it.

mod app;
pub mod cart_storage;
pub mod checkout_storage;
pub mod components;
pub mod hooks;
pub mod state;

pub use app::Shop;
use yew::{html, Html};

use crate::parts::ShopProps;

/// The part's root, drawn by the first part's [`crate::app::App`]; its
/// texts and styles are there from its first drawing on.
pub fn render(props: &ShopProps) -> Html {
    super::arrived();
    html! {
        <Shop config={props.config.clone()} on_event={props.on_event.clone()}
            controls={props.controls.clone()} client={props.client.clone()}
            showcase={props.showcase.clone()} on_retry={props.on_retry.clone()}
            shown={props.shown} collapsed={props.collapsed}
            on_toggle={props.on_toggle.clone()} />
    }
}
