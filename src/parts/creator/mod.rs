//! The creator part: creator mode, loaded when a widget mounts with
//! `mode: "creator"`. A shopper never fetches it.

mod app;
pub mod components;
pub mod hooks;
pub mod state;

pub use app::CreatorApp;
use yew::{html, Html};

use crate::app::AppProps;

/// The part's root, drawn by the first part's [`crate::app::App`]; its
/// texts and styles are there from its first drawing on.
pub fn render(props: &AppProps) -> Html {
    super::arrived();
    html! {
        <CreatorApp config={props.config.clone()} on_event={props.on_event.clone()}
            controls={props.controls.clone()} />
    }
}
