//! The creator part: creator mode, loaded when a widget mounts with
//! `mode: "creator"`. A shopper never fetches it.

mod app;
pub mod components;
pub mod hooks;
pub mod state;

pub use app::CreatorApp;
use web_sys::Node;
use yew::html;

use crate::parts::{slot, CreatorProps, Drawn};

/// The part's start: its app drawn into `host` (the widget's shadow root),
/// with its texts and styles there from its first drawing on.
pub fn start(host: &Node, props: CreatorProps) -> Box<dyn Drawn<CreatorProps>> {
    super::arrived();
    crate::embed::style::later::register_studio();
    slot::draw(
        host,
        "creator",
        props,
        |props| html! { <CreatorApp ..props.clone() /> },
    )
}
