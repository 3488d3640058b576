//! The host's theme: `config.theme`, `{ accent: "#fe2c55", dark: true }`.
//!
//! The widget's look is CSS custom properties on `:host` (`widget.css`).
//! Every mount adopts a second, per-mount constructable stylesheet after the
//! shared one, holding a `:host` rule with the host's accent, if any
//! (`--etalase-accent`, and what text needs around it at 4.5:1:
//! `--etalase-accent-fill`, `--etalase-on-accent`, `--etalase-accent-ink`
//! per theme), and a dragged sheet's offset
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
            Some(accent) => {
                let derived = Derived::from(accent);
                [
                    ":host{--etalase-accent:",
                    accent,
                    ";--etalase-accent-fill:",
                    &derived.fill,
                    ";--etalase-on-accent:",
                    derived.on,
                    ";--etalase-accent-ink:",
                    &derived.ink_dark,
                    "}:host([data-theme=\"light\"]){--etalase-accent-ink:",
                    &derived.ink_light,
                    "}",
                    GUARD,
                ]
                .concat()
            }
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
        // A field whose getter throws reads as a wrong value.
        let field = |name| RawValue::field(theme, name).unwrap_or(Some(RawValue::NotText));
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

/// The colours derived from an accent so that every text keeps WCAG AA
/// contrast (4.5:1) in both themes, the accent itself staying for borders
/// and marks (which need 3:1).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Derived {
    /// The fill behind text: the accent, or a darker shade of it.
    fill: String,
    /// The text on [`Derived::fill`]: `#fff` or `#000`.
    on: &'static str,
    /// The accent as text on the dark theme's sheet (lightened if needed).
    ink_dark: String,
    /// The accent as text on the light theme's white (darkened if needed).
    ink_light: String,
}

/// The dark theme's sheet, `--etalase-sheet` in `widget.css`.
const DARK_SHEET: Rgb = [0x18, 0x19, 0x1f];
/// The dark theme's `--etalase-surface-strong` over its sheet.
const DARK_SURFACE: Rgb = [0x34, 0x35, 0x3a];
/// The light theme's `--etalase-surface-strong` over white.
const LIGHT_SURFACE: Rgb = [0xea, 0xea, 0xeb];
/// WCAG AA's contrast for normal text.
const AA: f64 = 4.5;

/// A colour's red, green and blue, 0–255.
type Rgb = [u8; 3];

impl Derived {
    /// What `accent` (`#rrggbb…`, as [`hex`] makes it) needs around it.
    fn from(accent: &str) -> Derived {
        let channel = |at: usize| {
            accent
                .get(at..at + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .unwrap_or(0)
        };
        let rgb = [channel(1), channel(3), channel(5)];
        let (white, black) = ([255; 3], [0; 3]);
        let (fill, on) = if contrast(rgb, white) >= AA {
            (rgb, "#fff")
        } else if contrast(rgb, black) >= AA && contrast(rgb, black) > 2.0 * contrast(rgb, white) {
            (rgb, "#000")
        } else {
            (toward(rgb, black, &[white]), "#fff")
        };
        // Accent text sits on the sheet, on its stronger surface and on the
        // accent's own 16 % tint over either (a chosen chip, a secondary button).
        let tint = |under: Rgb| over(under, rgb, 0.16);
        let dark = [
            DARK_SHEET,
            DARK_SURFACE,
            tint(DARK_SHEET),
            tint(DARK_SURFACE),
        ];
        let light = [white, LIGHT_SURFACE, tint(white), tint(LIGHT_SURFACE)];
        Derived {
            fill: css(fill),
            on,
            ink_dark: css(toward(rgb, white, &dark)),
            ink_light: css(toward(rgb, black, &light)),
        }
    }
}

/// `colour` mixed toward `end` in 2 % steps (as CSS `color-mix` in sRGB)
/// until it reads on each of `backgrounds` at [`AA`]; `colour` if it
/// already does.
fn toward(colour: Rgb, end: Rgb, backgrounds: &[Rgb]) -> Rgb {
    let mut mixed = colour;
    for step in 0..=50u8 {
        mixed = over(colour, end, f64::from(step) / 50.0);
        if backgrounds
            .iter()
            .all(|&under| contrast(mixed, under) >= AA)
        {
            break;
        }
    }
    mixed
}

/// `top` at `opacity` over `under`.
fn over(under: Rgb, top: Rgb, opacity: f64) -> Rgb {
    [0, 1, 2].map(|at| {
        let (from, to) = (f64::from(under[at]), f64::from(top[at]));
        (from + (to - from) * opacity).round() as u8
    })
}

/// The WCAG contrast ratio of two colours, 1 to 21.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// WCAG's relative luminance of an sRGB colour.
fn luminance(rgb: Rgb) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            pow((c + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// `base` to the power `exponent`: the browser's `Math.pow`, which keeps
/// libm's `pow` (2 KB) out of the first part.
#[cfg(target_arch = "wasm32")]
fn pow(base: f64, exponent: f64) -> f64 {
    js_sys::Math::pow(base, exponent)
}

/// `base` to the power `exponent` (natively, for the unit tests).
#[cfg(not(target_arch = "wasm32"))]
fn pow(base: f64, exponent: f64) -> f64 {
    base.powf(exponent)
}

/// `#rrggbb`.
fn css(rgb: Rgb) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::from("#");
    for channel in rgb {
        text.push(char::from(DIGITS[usize::from(channel >> 4)]));
        text.push(char::from(DIGITS[usize::from(channel & 15)]));
    }
    text
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
    fn every_text_on_or_in_the_accent_reads_at_aa_in_both_themes() {
        for accent in [
            "#fe2c55", "#1e88e5", "#ffd400", "#ffffff", "#000000", "#888888", "#00ff00",
        ] {
            let derived = Derived::from(accent);
            let rgb = |hex: &str| {
                let at = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
                [at(1), at(3), at(5)]
            };
            let on = if derived.on == "#fff" {
                [255; 3]
            } else {
                [0; 3]
            };
            assert!(
                contrast(rgb(&derived.fill), on) >= AA,
                "{accent}: {derived:?}"
            );
            let (ink_dark, ink_light) = (rgb(&derived.ink_dark), rgb(&derived.ink_light));
            let tint = |under: Rgb| over(under, rgb(accent), 0.16);
            for under in [
                DARK_SHEET,
                DARK_SURFACE,
                tint(DARK_SHEET),
                tint(DARK_SURFACE),
            ] {
                assert!(
                    contrast(ink_dark, under) >= AA,
                    "{accent} on {under:?}: {derived:?}"
                );
            }
            for under in [[255; 3], LIGHT_SURFACE, tint([255; 3]), tint(LIGHT_SURFACE)] {
                assert!(
                    contrast(ink_light, under) >= AA,
                    "{accent} on {under:?}: {derived:?}"
                );
            }
        }
    }

    #[test]
    fn an_accent_that_reads_already_is_kept_and_a_light_one_takes_black_text() {
        let blue = Derived::from("#0a58ca");
        assert_eq!((blue.fill.as_str(), blue.on), ("#0a58ca", "#fff"));
        let yellow = Derived::from("#ffd400");
        assert_eq!((yellow.fill.as_str(), yellow.on), ("#ffd400", "#000"));
        assert_eq!(yellow.ink_dark, "#ffd400");
        // The default pink needs a shade darker behind white text and as text
        // in the light theme, and a lighter one as text in the dark theme.
        let pink = Derived::from("#fe2c55");
        assert_eq!((pink.fill.as_str(), pink.on), ("#e0274b", "#fff"));
        assert_eq!(
            (pink.ink_dark.as_str(), pink.ink_light.as_str()),
            ("#fe8099", "#ad1e3a")
        );
    }

    #[test]
    fn the_stylesheet_defaults_are_what_the_default_accent_derives() {
        let pink = Derived::from("#fe2c55");
        let css = crate::embed::style::CSS;
        for declaration in [
            format!("--etalase-accent-fill: {}", pink.fill),
            format!("--etalase-on-accent: {}", pink.on),
            format!("--etalase-accent-ink: {}", pink.ink_dark),
            format!("--etalase-accent-ink: {}", pink.ink_light),
        ] {
            assert!(css.contains(&declaration), "widget.css lacks {declaration}");
        }
    }

    #[test]
    fn the_host_rule_sets_the_accent_and_what_it_derives() {
        let theme = Theme {
            accent: Some("#ffd400".into()),
            dark: false,
        };
        assert_eq!(
            theme.host_rule(),
            [
                ":host{--etalase-accent:#ffd400;--etalase-accent-fill:#ffd400;\
                 --etalase-on-accent:#000;--etalase-accent-ink:#ffd400}\
                 :host([data-theme=\"light\"]){--etalase-accent-ink:#756200}",
                GUARD
            ]
            .concat()
        );
        assert_eq!(Theme::default().host_rule(), [":host{}", GUARD].concat());
        assert!(GUARD.starts_with(":host{all:initial!important;"));
    }
}
