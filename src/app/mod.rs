//! [`App`]: the first part's root — all a page runs before the first cards.
//!
//! It draws without a component framework (decision 0010): a shopper's
//! widget ([`shopper`]) is the API client, the stream's showcase in the
//! dock and the host's first events; creator mode ([`creator`]) fetches its
//! part at once. Everything else arrives as a later part (`crate::parts`),
//! which draws with Yew.

mod creator;
mod idle;
mod shopper;

use std::rc::Rc;

use web_sys::{Document, Node};
use yew::Callback;

use crate::embed::config::{Mode, WidgetConfig};
use crate::embed::controls::Controls;
use crate::embed::events::WidgetEvent;
use crate::parts::CreatorProps;
use creator::Creator;
use shopper::Shopper;

/// A mounted widget's first part.
#[derive(Clone)]
pub enum App {
    /// A shopper's cards, and the shop once it has arrived.
    Shopper(Rc<Shopper>),
    /// Creator mode.
    Creator(Rc<Creator>),
}

impl App {
    /// Starts the widget for `config` in `host` (its shadow root).
    pub fn start(
        host: &Node,
        document: &Document,
        config: Rc<WidgetConfig>,
        on_event: Callback<WidgetEvent>,
        controls: Rc<Controls>,
    ) -> App {
        if config.mode == Mode::Creator {
            let props = CreatorProps {
                config,
                on_event,
                controls,
            };
            return App::Creator(Creator::start(host.clone(), document, props));
        }
        let shopper = Shopper::start(document, config, on_event, controls);
        let _ = host.append_child(shopper.root());
        App::Shopper(shopper)
    }

    /// Takes a changed config (the mode never changes).
    pub fn reconfigure(&self, config: Rc<WidgetConfig>) {
        match self {
            App::Shopper(shopper) => shopper.reconfigure(config),
            App::Creator(creator) => creator.reconfigure(config),
        }
    }

    /// Whether `self` and `other` are the same widget.
    pub fn is(&self, other: &App) -> bool {
        match (self, other) {
            (App::Shopper(a), App::Shopper(b)) => Rc::ptr_eq(a, b),
            (App::Creator(a), App::Creator(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The host destroyed the widget.
    pub fn end(&self) {
        match self {
            App::Shopper(shopper) => shopper.end(),
            App::Creator(creator) => creator.end(),
        }
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            App::Shopper(_) => "App::Shopper",
            App::Creator(_) => "App::Creator",
        })
    }
}
