//! Everything between the host page and the Yew app.
//!
//! [`mount`] reads the host's config, finds the target element and mounts the
//! widget in a Shadow DOM there; [`Mounted::unmount`] undoes it. Events flow
//! back to the host through [`events`], and a panic is reported the same way;
//! the host's handle reaches the app through [`controls`]. [`storage`] keeps
//! the cart in the page's `localStorage`.

pub mod checkout_storage;
pub mod config;
pub mod controls;
pub mod events;
mod mount;
mod panic;
pub mod storage;
mod style;
pub mod target;
pub mod theme;

use std::fmt;

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use config::{ConfigError, RawConfig, WidgetConfig};
use events::Emitter;
pub use mount::{DomError, Mounted};
use target::TargetError;

/// Why `mount` refused; its `Display` is the message thrown to the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedError {
    /// The config is missing a field or holds a bad one.
    Config(ConfigError),
    /// The target element could not be found.
    Target(TargetError),
    /// The browser refused a DOM step.
    Dom(DomError),
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedError::Config(error) => error.fmt(f),
            EmbedError::Target(error) => error.fmt(f),
            EmbedError::Dom(error) => error.fmt(f),
        }
    }
}

/// Reads `config`, finds `target` and mounts the widget there.
pub fn mount(target: &JsValue, config: &JsValue) -> Result<Mounted, EmbedError> {
    let (config, on_event) = read_config(config).map_err(EmbedError::Config)?;
    let target = target::resolve(target).map_err(EmbedError::Target)?;
    let document = target
        .owner_document()
        .ok_or(EmbedError::Target(TargetError::NoDocument))?;
    let emitter = Emitter::new(target.clone(), on_event);
    mount::mount(&document, &target, config, emitter).map_err(EmbedError::Dom)
}

/// The validated config and the `onEvent` callback, if any.
fn read_config(value: &JsValue) -> Result<(WidgetConfig, Option<Function>), ConfigError> {
    if !value.is_object() {
        return Err(ConfigError::NotAnObject);
    }
    let mut raw: RawConfig = crate::api::from_js(value.clone())
        .map_err(|error| ConfigError::Unreadable(error.to_string()))?;
    raw.theme = theme::RawTheme::read(value);
    let config = raw.validate()?;
    let on_event = Reflect::get(value, &JsValue::from_str("onEvent"))
        .map_err(|_| ConfigError::OnEventInvalid)?;
    let on_event = if on_event.is_undefined() || on_event.is_null() {
        None
    } else {
        Some(
            on_event
                .dyn_into::<Function>()
                .map_err(|_| ConfigError::OnEventInvalid)?,
        )
    };
    Ok((config, on_event))
}
