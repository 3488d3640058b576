//! The host's theme: `config.theme`, `{ accent: "#fe2c55", dark: true }`.
//!
//! The widget's look is CSS custom properties on `:host` (`widget.css`).
//! Every mount adopts a second, per-mount constructable stylesheet after the
//! shared one, holding a `:host` rule with the host's accent, if any
//! (`--etalase-accent`, `--etalase-on-accent`), and a dragged sheet's offset
//! while a finger drags it (set through the CSSOM by `use_drag`), then a
//! rule keeping the container's layout against the page's CSS; `dark:
//! false` sets `data-theme="light"` on the container,
//! which `widget.css` answers with its light palette. No `style` attribute
//! is involved, so a strict CSP still holds. The accent is validated as a
//! hex colour before it reaches CSS, so nothing but a colour can be written.

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

use super::config::{ConfigError, RawValue};

/// A validated theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The accent as `#rrggbb` (or `#rrggbbaa`) in lower case, if the host set one.
    pub accent: Option<String>,
    /// Dark surfaces (the default, for a widget over video) or light ones.
    pub dark: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            accent: None,
            dark: true,
        }
    }
}

/// The container's own layout, `!important`, as a second rule: the page's
/// styles reach the container (it sits in the host's DOM), and a page rule
/// such as `* { all: unset }` beats `widget.css`'s plain `:host` rule, but
/// never an important declaration from inside the shadow root.
const GUARD: &str = ":host{all:initial!important;position:absolute!important;inset:0!important;\
display:block!important;pointer-events:none!important;contain:strict!important}";

impl Theme {
    /// The per-mount rules: first the `:host` rule with the accent when the
    /// host set one (the rule a dragged sheet's offset is written to), then
    /// the container's guarded layout.
    pub fn host_rule(&self) -> String {
        match self.accent.as_deref() {
            Some(accent) => [
                ":host{--etalase-accent:",
                accent,
                ";--etalase-on-accent:",
                on(accent),
                "}",
                GUARD,
            ]
            .concat(),
            None => [":host{}", GUARD].concat(),
        }
    }
}

/// `theme` as the host passed it: an object with any values, or not an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawTheme {
    /// An object, with its two fields as given.
    Object {
        /// `theme.accent`.
        accent: Option<RawValue>,
        /// `theme.dark`.
        dark: Option<RawValue>,
    },
    /// A string, number, boolean or array.
    NotObject,
}

impl RawTheme {
    /// `config.theme` as the host passed it: `None` when absent or null.
    /// Read with `Reflect` rather than serde: two fields do not earn a
    /// `Deserialize` impl in the wasm.
    pub fn read(config: &JsValue) -> Option<RawTheme> {
        let theme = Reflect::get(config, &JsValue::from_str("theme")).ok()?;
        RawTheme::of(&theme)
    }

    /// `theme` as given (to `mount` or `setTheme`): `None` when undefined or null.
    pub fn of(theme: &JsValue) -> Option<RawTheme> {
        if theme.is_undefined() || theme.is_null() {
            return None;
        }
        if !theme.is_object() || Array::is_array(theme) {
            return Some(RawTheme::NotObject);
        }
        let field = |name: &str| {
            let value = Reflect::get(theme, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            if value.is_undefined() || value.is_null() {
                None
            } else if let Some(text) = value.as_string() {
                Some(RawValue::Text(text))
            } else if let Some(flag) = value.as_bool() {
                Some(RawValue::Flag(flag))
            } else {
                Some(RawValue::NotText)
            }
        };
        Some(RawTheme::Object {
            accent: field("accent"),
            dark: field("dark"),
        })
    }

    /// Checks both fields.
    pub fn validate(self) -> Result<Theme, ConfigError> {
        let RawTheme::Object { accent, dark } = self else {
            return Err(ConfigError::ThemeInvalid);
        };
        let accent = match accent {
            None => None,
            Some(RawValue::Text(text)) => Some(hex(&text).ok_or(ConfigError::AccentInvalid)?),
            Some(_) => return Err(ConfigError::AccentInvalid),
        };
        let dark = match dark {
            None => true,
            Some(RawValue::Flag(dark)) => dark,
            Some(_) => return Err(ConfigError::DarkInvalid),
        };
        Ok(Theme { accent, dark })
    }
}

/// `text` as a lower-case `#rrggbb` or `#rrggbbaa`: `#rgb`, `#rgba`,
/// `#rrggbb` and `#rrggbbaa` are accepted, nothing else.
fn hex(text: &str) -> Option<String> {
    let digits = text.trim().strip_prefix('#')?;
    if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let digits = digits.to_ascii_lowercase();
    let full = match digits.len() {
        3 | 4 => digits.chars().flat_map(|digit| [digit, digit]).collect(),
        6 | 8 => digits,
        _ => return None,
    };
    Some(["#", &full].concat())
}

/// The text colour that reads on `accent` (`#rrggbb…`): black on light
/// accents, white on dark ones, by the YIQ brightness of its red, green and blue.
fn on(accent: &str) -> &'static str {
    let channel = |at: usize| {
        accent
            .get(at..at + 2)
            .and_then(|pair| u32::from_str_radix(pair, 16).ok())
            .unwrap_or(0)
    };
    let brightness = (channel(1) * 299 + channel(3) * 587 + channel(5) * 114) / 1000;
    if brightness >= 160 {
        "#000"
    } else {
        "#fff"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_are_normalised_and_everything_else_refused() {
        assert_eq!(hex("#FE2C55").as_deref(), Some("#fe2c55"));
        assert_eq!(hex(" #f25 ").as_deref(), Some("#ff2255"));
        assert_eq!(hex("#f258").as_deref(), Some("#ff225588"));
        assert_eq!(hex("#fe2c5580").as_deref(), Some("#fe2c5580"));
        for bad in [
            "fe2c55",
            "#fe2c5",
            "#xyzxyz",
            "red",
            "#fe2c55;}",
            "#",
            "#ｆｆｆ",
        ] {
            assert_eq!(hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_on_the_accent_is_black_on_light_colours_and_white_on_dark_ones() {
        assert_eq!(on("#fe2c55"), "#fff");
        assert_eq!(on("#1e88e5"), "#fff");
        assert_eq!(on("#ffd400"), "#000");
        assert_eq!(on("#ffffff"), "#000");
    }

    #[test]
    fn the_host_rule_sets_both_accent_properties() {
        let theme = Theme {
            accent: Some("#ffd400".into()),
            dark: false,
        };
        assert_eq!(
            theme.host_rule(),
            [
                ":host{--etalase-accent:#ffd400;--etalase-on-accent:#000}",
                GUARD
            ]
            .concat()
        );
        assert_eq!(Theme::default().host_rule(), [":host{}", GUARD].concat());
        assert!(GUARD.starts_with(":host{all:initial!important;"));
    }
}
