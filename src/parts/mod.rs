//! The widget's later parts: code the first cards do not need, loaded on
//! intent.
//!
//! Everything outside this folder is the first part, which mounts the
//! widget and draws the stream's cards. Each folder here is one later part,
//! split off the compiled module by `cargo xtask build` (decision 0007):
//! [`shop`] holds the shopper's sheets, cart, checkout, orders and live
//! feed; [`creator`] holds creator mode. The first part reaches a part only
//! through its entry below, an `async` function that fetches the part's
//! wasm before the first call; a shopper never fetches the creator part and
//! a creator never fetches the shop. `tests/layers.rs` keeps the first part
//! from naming a part's code any other way, and one part from naming
//! another's.
//!
//! Without the `split` feature (the unit and browser tests) every part is
//! in the one module and an entry answers at once.

pub mod creator;
pub mod monotonic;
pub mod shop;
pub mod slot;

use std::future::Future;
use std::pin::Pin;

use std::rc::Rc;

use web_sys::Node;
use yew::{Callback, Properties};

use crate::api::ApiClient;
use crate::embed::config::WidgetConfig;
use crate::embed::controls::Controls;
use crate::embed::events::WidgetEvent;
use crate::state::remote::Remote;
use crate::state::shelf::Shelf;
use crate::view::dock::Dock;

/// A later part drawn in the widget, as the first part holds it.
pub trait Drawn<P> {
    /// Draws the part again with `props`.
    fn show(&mut self, props: P);
    /// Takes the part down: its app unmounts and its element goes.
    fn remove(self: Box<Self>);
}

/// How a part starts: drawn into `host` with its first props. A plain
/// function, which crosses from one part to another as an index in their
/// shared function table.
pub type Start<P> = fn(&Node, P) -> Box<dyn Drawn<P>>;

/// Props of creator mode's root: the mount's.
#[derive(Properties, PartialEq, Clone)]
pub struct CreatorProps {
    /// The validated config the host mounted with.
    pub config: Rc<WidgetConfig>,
    /// Where events for the host go.
    pub on_event: Callback<WidgetEvent>,
    /// Where the host's handle sends its commands.
    pub controls: Rc<Controls>,
}

/// Props of the shop part's root: the mount's, and what the first part
/// has loaded.
#[derive(Properties, PartialEq, Clone)]
pub struct ShopProps {
    /// The validated config the host mounted with.
    pub config: Rc<WidgetConfig>,
    /// Where events for the host go.
    pub on_event: Callback<WidgetEvent>,
    /// Where the host's handle sends its commands.
    pub controls: Rc<Controls>,
    /// The mount's API client.
    pub client: Rc<ApiClient>,
    /// The stream's showcase, as the first part loaded it.
    pub showcase: Remote<Shelf>,
    /// Loads the showcase again.
    pub on_retry: Callback<()>,
    /// Whether the first cards have been shown (`ready` was sent).
    pub shown: bool,
    /// The dock the first part drew, which the shop keeps up to date.
    pub dock: Rc<Dock>,
}

/// A part's wasm could not be fetched or compiled (offline, a 404, a CSP
/// that refuses it). Nothing is cached: the next load tries afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartError;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for PartError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        PartError
    }
}

/// A part on its way: its start once fetched.
pub type Loading<P> = Pin<Box<dyn Future<Output = Result<Start<P>, PartError>>>>;

/// A part's entry.
#[derive(Clone, Copy)]
pub struct Entry<P: 'static> {
    /// Fetches the part (once it has arrived, at once) and answers its start.
    pub load: fn() -> Loading<P>,
    /// The part's start when it is linked into the first part's module (a
    /// build without the `split` feature, as the unit and browser tests
    /// run): there is nothing to fetch, and it starts with the widget.
    pub linked: Option<Start<P>>,
}

/// What every later part brings besides its code, made readable as it
/// first draws: the later parts' texts and styles. Only the parts call it.
fn arrived() {
    crate::i18n::later::register();
    crate::embed::style::later::register();
}

/// Declares a part's split point: `$name` is the entry, and `$root` the
/// part's start, which only the part's wasm holds.
macro_rules! entry {
    ($(#[doc = $doc:literal])+ $part:ident: $name:ident -> $props:ty = $root:path) => {
        $(#[doc = $doc])+
        pub const $name: Entry<$props> = Entry {
            load: || {
                #[cfg(feature = "split")]
                #[wasm_split_helpers::wasm_split($part, fallible)]
                fn root() -> Result<Start<$props>, PartError> {
                    Ok($root)
                }
                #[cfg(not(feature = "split"))]
                async fn root() -> Result<Start<$props>, PartError> {
                    Ok($root)
                }
                Box::pin(root())
            },
            #[cfg(feature = "split")]
            linked: None,
            #[cfg(not(feature = "split"))]
            linked: Some($root),
        };
    };
}

entry! {
    /// The shop: product sheet, cart, checkout, payment, orders, live feed.
    shop: SHOP -> ShopProps = shop::start
}

entry! {
    /// Creator mode: the stream's showcase, catalogue, pin, vouchers, sales.
    creator: CREATOR -> CreatorProps = creator::start
}
