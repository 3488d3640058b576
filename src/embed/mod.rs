//! Everything between the host page and the Yew app.
//!
//! [`mount`] reads the host's config, finds the target element and mounts the
//! widget in a Shadow DOM there; [`Mounted::unmount`] undoes it, and
//! [`preload`] does the work of a mount to come ahead of it. Events flow
//! back to the host through [`events`] (and native bridges, [`bridge`]), and
//! a panic is reported the same way; the host's handle reaches the app
//! through [`controls`] and the app's props ([`Mounted::reconfigure`]).

pub mod bridge;
pub mod config;
pub mod controls;
pub mod events;
mod mount;
mod panic;
pub mod style;
pub mod target;
pub mod theme;

use std::fmt;

use js_sys::{Function, Object, Reflect};
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

/// Does ahead of a mount with `config` what can be done before it: the
/// stream's showcase is asked for (the mount takes the answer) and the
/// widget's stylesheet is parsed. Throws as `mount` does on a bad config.
pub fn preload(config: &JsValue) -> Result<(), EmbedError> {
    let (config, _) = read_config(config).map_err(EmbedError::Config)?;
    mount::prepare().map_err(EmbedError::Dom)?;
    crate::api::ApiClient::new(&config.api_base, config.token.as_deref())
        .with_key(config.publishable_key.as_deref())
        .preload_showcase(&config.stream_id);
    Ok(())
}

/// Warns in the console about each field of `object` not in `known`
/// (`prefix` names where it is, e.g. `config.`): a typo such as `steamId`
/// shows at once instead of silently doing nothing.
fn warn_unknown(object: &JsValue, known: &[&str], prefix: &str) {
    let Some(object) = object.dyn_ref::<Object>() else {
        return;
    };
    let keys: Vec<String> = Object::keys(object)
        .iter()
        .filter_map(|key| key.as_string())
        .collect();
    for key in config::unknown(&keys, known) {
        let message = [
            "etalase: ",
            prefix,
            key,
            " is not a known field; it is ignored",
        ]
        .concat();
        web_sys::console::warn_1(&message.into());
    }
}

/// `value` as an error's `got …` shows it: a string quoted (`"12"`), a
/// number, `NaN`, `null`, `undefined` or `[1, 2]` as the console writes
/// them, and an object by its fields alone, `an object {"token":…}`, so no
/// value of it (a token, say) lands in a host's error log.
pub fn describe(value: &JsValue) -> String {
    if value.is_object() && !js_sys::Array::is_array(value) {
        // Joined in JS: the smallest code for the first part.
        let keys = Object::keys(value.unchecked_ref::<Object>());
        if keys.length() == 0 {
            return "an object {}".into();
        }
        let fields = String::from(keys.join("\":…,\""));
        return ["an object {\"", &fields, "\":…}"].concat();
    }
    // `JsValue("12")`, `JsValue(NaN)`: the value as the host wrote it.
    let text = format!("{value:?}");
    text.get(8..text.len() - 1).unwrap_or(&text).to_owned()
}

/// The theme `setTheme(value)` asks for, validated as `mount` validates
/// `config.theme`, with the same console warning for an unknown field: a
/// missing theme (`undefined`, `null`) is the default one.
pub fn read_theme(value: &JsValue) -> Result<theme::Theme, ConfigError> {
    if !js_sys::Array::is_array(value) {
        warn_unknown(value, &config::THEME_FIELDS, "setTheme: theme.");
    }
    match theme::RawTheme::of(value) {
        Some(theme) => theme.validate(),
        None => Ok(theme::Theme::default()),
    }
}

/// The validated config and the `onEvent` callback, if any.
fn read_config(value: &JsValue) -> Result<(WidgetConfig, Option<Function>), ConfigError> {
    if !value.is_object() {
        return Err(ConfigError::NotAnObject);
    }
    warn_unknown(value, &config::FIELDS, "config.");
    if let Ok(theme) = Reflect::get(value, &JsValue::from_str("theme")) {
        if !js_sys::Array::is_array(&theme) {
            warn_unknown(&theme, &config::THEME_FIELDS, "config.theme.");
        }
    }
    let config = RawConfig::read(value)?.validate()?;
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
