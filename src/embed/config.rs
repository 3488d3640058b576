//! The host's `mount` config: read raw, then validated once into [`WidgetConfig`].
//!
//! [`RawConfig`] mirrors the JS object (`apiBase`, `streamId`, `token`,
//! `publishableKey`, `locale`, `mode`, `theme`) and accepts a value of any type in each field,
//! so a wrong type is reported by field name. `onEvent` is a function: the
//! embed layer reads it apart. Validation is pure Rust and tested natively.

use std::fmt;

use etalase_contract::Locale;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

use super::theme::{RawTheme, Theme};

/// The fields `mount` reads; any other is ignored with a console warning.
pub const FIELDS: [&str; 8] = [
    "apiBase",
    "streamId",
    "token",
    "publishableKey",
    "locale",
    "mode",
    "theme",
    "onEvent",
];

/// How every publishable key starts (decision 0061); 64 lower-case hex
/// digits follow.
const KEY_PREFIX: &str = "etp_";

/// The fields of `theme`.
pub const THEME_FIELDS: [&str; 2] = ["accent", "dark"];

/// The names in `keys` that are not in `known`, in their order.
pub fn unknown<'a>(keys: &'a [String], known: &[&str]) -> Vec<&'a str> {
    keys.iter()
        .map(String::as_str)
        .filter(|key| !known.contains(key))
        .collect()
}

/// A validated configuration: nothing past this point checks it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetConfig {
    /// The API root: an absolute http(s) URL without a trailing slash.
    pub api_base: String,
    /// The stream whose showcase the widget shows, trimmed and non-empty.
    pub stream_id: String,
    /// The shopper's bearer token, if the host has one.
    pub token: Option<String>,
    /// The host's publishable key (`etp_…`): the public reads go with it
    /// while there is no token.
    pub publishable_key: Option<String>,
    /// The language of every text and amount.
    pub locale: Locale,
    /// Shopper's checkout or creator's tools.
    pub mode: Mode,
    /// The host's colours.
    pub theme: Theme,
}

/// What the widget is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Product cards over the video and the checkout (`"shopper"`, the default).
    #[default]
    Shopper,
    /// A creator's tools for the stream: showcase, pin, sales (`"creator"`).
    Creator,
}

/// The config object as the host passed it, before validation.
#[derive(Debug, Default)]
pub struct RawConfig {
    /// `apiBase`.
    pub api_base: Option<RawValue>,
    /// `streamId`.
    pub stream_id: Option<RawValue>,
    /// `token`.
    pub token: Option<RawValue>,
    /// `publishableKey`.
    pub publishable_key: Option<RawValue>,
    /// `locale`.
    pub locale: Option<RawValue>,
    /// `mode`.
    pub mode: Option<RawValue>,
    /// `theme`.
    pub theme: Option<RawTheme>,
}

/// One config field: a string, or a value of some other type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    /// A string, as given.
    Text(String),
    /// A boolean.
    Flag(bool),
    /// A number, array or object.
    NotText,
}

impl RawValue {
    /// A value the host passed, as a config field.
    pub fn of(value: &JsValue) -> RawValue {
        match (value.as_string(), value.as_bool()) {
            (Some(text), _) => RawValue::Text(text),
            (None, Some(flag)) => RawValue::Flag(flag),
            (None, None) => RawValue::NotText,
        }
    }

    /// Field `name` of `object`: `None` when undefined or null.
    pub fn field(object: &JsValue, name: &'static str) -> Result<Option<RawValue>, ConfigError> {
        let value = Reflect::get(object, &JsValue::from_str(name))
            .map_err(|_| ConfigError::Unreadable(name))?;
        Ok(RawValue::given(&value))
    }

    /// A value the host passed where one may be left out: `None` when
    /// undefined or null.
    pub fn given(value: &JsValue) -> Option<RawValue> {
        (!value.is_undefined() && !value.is_null()).then(|| RawValue::of(value))
    }
}

/// Why a config was refused; its `Display` is the message thrown to the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// `config` is not an object.
    NotAnObject,
    /// `apiBase` is missing, null or blank.
    ApiBaseMissing,
    /// `apiBase` is not an absolute http(s) URL.
    ApiBaseInvalid,
    /// `streamId` is missing or null.
    StreamIdMissing,
    /// `streamId` is blank or not a string.
    StreamIdInvalid,
    /// `token` is not a string.
    TokenInvalid,
    /// `publishableKey` is not a string shaped as a key: `etp_` and 64
    /// lower-case hex digits.
    PublishableKeyInvalid,
    /// `locale` is not one of the supported tags.
    LocaleInvalid,
    /// `mode` is neither `"shopper"` nor `"creator"`.
    ModeInvalid,
    /// `theme` is not an object.
    ThemeInvalid,
    /// `theme.accent` is not a hex colour.
    AccentInvalid,
    /// `theme.dark` is not a boolean.
    DarkInvalid,
    /// `onEvent` is present but not a function.
    OnEventInvalid,
    /// Reading a field threw (a getter of the host's object); its name.
    Unreadable(&'static str),
}

impl ConfigError {
    /// What is wrong, after the field's path: `theme.accent must be …`;
    /// `None` when the config itself is not an object.
    fn detail(&self) -> Option<&'static str> {
        Some(match self {
            ConfigError::NotAnObject => return None,
            ConfigError::ApiBaseMissing => "apiBase is required",
            ConfigError::ApiBaseInvalid => {
                "apiBase must be an absolute http(s) URL without query or fragment"
            }
            ConfigError::StreamIdMissing => "streamId is required",
            ConfigError::StreamIdInvalid => "streamId must be a non-empty string",
            ConfigError::TokenInvalid => "token must be a string",
            ConfigError::PublishableKeyInvalid => {
                r#"publishableKey must be a publishable key: "etp_" and 64 lower-case hex digits"#
            }
            ConfigError::LocaleInvalid => r#"locale must be "id-ID" or "en-US""#,
            ConfigError::ModeInvalid => r#"mode must be "shopper" or "creator""#,
            ConfigError::ThemeInvalid => {
                r##"theme must be an object such as { accent: "#fe2c55", dark: true }"##
            }
            ConfigError::AccentInvalid => {
                r##"theme.accent must be a hex colour such as "#fe2c55""##
            }
            ConfigError::DarkInvalid => "theme.dark must be true or false",
            ConfigError::OnEventInvalid => "onEvent must be a function",
            ConfigError::Unreadable(_) => "",
        })
    }

    /// The error as thrown by the handle's `method` (`setTheme`, say),
    /// naming its argument rather than the config's field:
    /// `etalase: setTheme(): theme.accent must be …`.
    pub fn in_method(&self, method: &str) -> String {
        match (self, self.detail()) {
            (ConfigError::Unreadable(name), _) => [
                "etalase: ",
                method,
                "(): ",
                name,
                " could not be read (it threw)",
            ]
            .concat(),
            (_, Some(detail)) => ["etalase: ", method, "(): ", detail].concat(),
            (_, None) => ["etalase: ", method, "() needs an object"].concat(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, self.detail()) {
            (ConfigError::Unreadable(name), _) => {
                write!(f, "etalase: config.{name} could not be read (it threw)")
            }
            (_, Some(detail)) => write!(f, "etalase: config.{detail}"),
            (_, None) => f.write_str("etalase: config must be an object"),
        }
    }
}

impl RawConfig {
    /// Reads the fields of the host's `config` object.
    pub fn read(config: &JsValue) -> Result<RawConfig, ConfigError> {
        let field = |name: &'static str| RawValue::field(config, name);
        Ok(RawConfig {
            api_base: field("apiBase")?,
            stream_id: field("streamId")?,
            token: field("token")?,
            publishable_key: field("publishableKey")?,
            locale: field("locale")?,
            mode: field("mode")?,
            theme: RawTheme::read(config),
        })
    }

    /// Checks every field and builds the config the widget runs on.
    pub fn validate(self) -> Result<WidgetConfig, ConfigError> {
        let api_base = match self.api_base {
            None => return Err(ConfigError::ApiBaseMissing),
            Some(RawValue::Text(text)) if text.trim().is_empty() => {
                return Err(ConfigError::ApiBaseMissing)
            }
            Some(RawValue::Text(text)) => api_base(&text).ok_or(ConfigError::ApiBaseInvalid)?,
            Some(_) => return Err(ConfigError::ApiBaseInvalid),
        };
        let stream_id = match self.stream_id {
            None => return Err(ConfigError::StreamIdMissing),
            Some(value) => stream_id(value)?,
        };
        // A blank token means "no shopper signed in", as hosts often pass "".
        let token = optional_text(self.token, ConfigError::TokenInvalid)?;
        let publishable_key =
            optional_text(self.publishable_key, ConfigError::PublishableKeyInvalid)?;
        // Shaped as the server mints it: a token or the host's secret key put in
        // its place, or a key cut short in the copying, is refused at once.
        if publishable_key.as_deref().is_some_and(|key| {
            let digits = key.strip_prefix(KEY_PREFIX).unwrap_or_default().as_bytes();
            digits.len() != 64
                || !digits
                    .iter()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }) {
            return Err(ConfigError::PublishableKeyInvalid);
        }
        let locale = match self.locale {
            None => Locale::default(),
            Some(value) => locale(value)?,
        };
        let mode = match self.mode {
            None => Mode::Shopper,
            Some(RawValue::Text(text)) if text.trim() == "shopper" => Mode::Shopper,
            Some(RawValue::Text(text)) if text.trim() == "creator" => Mode::Creator,
            Some(_) => return Err(ConfigError::ModeInvalid),
        };
        let theme = match self.theme {
            None => Theme::default(),
            Some(theme) => theme.validate()?,
        };
        Ok(WidgetConfig {
            api_base,
            stream_id,
            token,
            publishable_key,
            locale,
            mode,
            theme,
        })
    }
}

/// An optional text field, trimmed: `None` when missing or blank, `error`
/// when not a string (for `token`, `publishableKey` and `setToken`).
pub fn optional_text(
    value: Option<RawValue>,
    error: ConfigError,
) -> Result<Option<String>, ConfigError> {
    match value {
        None => Ok(None),
        Some(RawValue::Text(text)) => {
            let text = text.trim();
            Ok((!text.is_empty()).then(|| text.to_owned()))
        }
        Some(_) => Err(error),
    }
}

/// `text` as an API base: absolute http(s) with a host, no whitespace, query
/// or fragment (paths are appended to it), trailing slashes trimmed.
fn api_base(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = strip_prefix_ignore_case(text, "https://")
        .or_else(|| strip_prefix_ignore_case(text, "http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let forbidden = |c: char| c.is_whitespace() || c == '?' || c == '#';
    if host.is_empty() || text.contains(forbidden) {
        return None;
    }
    Some(text.trim_end_matches('/').to_owned())
}

/// `text` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// A stream id: a non-empty string, trimmed (for `streamId` and `setStream`).
pub fn stream_id(value: RawValue) -> Result<String, ConfigError> {
    match value {
        RawValue::Text(text) if !text.trim().is_empty() => Ok(text.trim().to_owned()),
        _ => Err(ConfigError::StreamIdInvalid),
    }
}

/// The locale a BCP 47 tag names, ignoring case (tags are
/// case-insensitive), for `locale` and `setLocale`.
pub fn locale(value: RawValue) -> Result<Locale, ConfigError> {
    let RawValue::Text(tag) = value else {
        return Err(ConfigError::LocaleInvalid);
    };
    [Locale::IdId, Locale::EnUs]
        .into_iter()
        .find(|locale| locale.tag().eq_ignore_ascii_case(tag.trim()))
        .ok_or(ConfigError::LocaleInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The config `json` as [`RawConfig::read`] reads it from a JS object.
    fn raw(json: &str) -> RawConfig {
        let config: serde_json::Value = serde_json::from_str(json).unwrap();
        let field = |name: &str| match &config[name] {
            serde_json::Value::Null => None,
            serde_json::Value::String(text) => Some(RawValue::Text(text.clone())),
            serde_json::Value::Bool(flag) => Some(RawValue::Flag(*flag)),
            _ => Some(RawValue::NotText),
        };
        RawConfig {
            api_base: field("apiBase"),
            stream_id: field("streamId"),
            token: field("token"),
            publishable_key: field("publishableKey"),
            locale: field("locale"),
            mode: field("mode"),
            theme: None,
        }
    }

    fn validate(json: &str) -> Result<WidgetConfig, ConfigError> {
        raw(json).validate()
    }

    const GOOD: &str = r#"{"apiBase":"https://api.example.com/","streamId":"live-1"}"#;

    #[test]
    fn accepts_a_minimal_config_with_defaults() {
        assert_eq!(
            validate(GOOD),
            Ok(WidgetConfig {
                api_base: "https://api.example.com".into(),
                stream_id: "live-1".into(),
                token: None,
                publishable_key: None,
                locale: Locale::IdId,
                mode: Mode::Shopper,
                theme: Theme::default(),
            })
        );
    }

    #[test]
    fn reads_every_field_and_ignores_unknown_ones() {
        let config = validate(
            r#"{"apiBase":"http://localhost:8080/api//","streamId":" live-1 ",
                "token":"t0k","locale":"en-US","mode":"shopper","theme":{"dark":true}}"#,
        )
        .unwrap();
        assert_eq!(config.api_base, "http://localhost:8080/api");
        assert_eq!(config.stream_id, "live-1");
        assert_eq!(config.token.as_deref(), Some("t0k"));
        assert_eq!(config.locale, Locale::EnUs);
        assert_eq!(config.mode, Mode::Shopper);
        assert_eq!(config.theme, Theme::default(), "the theme is read apart");
    }

    #[test]
    fn the_mode_is_shopper_or_creator() {
        let with = |mode: &str| {
            validate(&format!(
                r#"{{"apiBase":"https://a.example","streamId":"s","mode":{mode}}}"#
            ))
            .map(|config| config.mode)
        };
        assert_eq!(with(r#""creator""#), Ok(Mode::Creator));
        assert_eq!(with(r#""shopper""#), Ok(Mode::Shopper));
        assert_eq!(with(r#""admin""#), Err(ConfigError::ModeInvalid));
        assert_eq!(with("1"), Err(ConfigError::ModeInvalid));
        assert_eq!(
            ConfigError::ModeInvalid.to_string(),
            r#"etalase: config.mode must be "shopper" or "creator""#
        );
    }

    #[test]
    fn the_theme_takes_a_hex_accent_and_a_dark_flag() {
        let with = |theme: Option<RawTheme>| {
            let mut config = raw(GOOD);
            config.theme = theme;
            config.validate()
        };
        let object = |accent: Option<RawValue>, dark: Option<RawValue>| {
            Some(RawTheme::Object { accent, dark })
        };
        let text = |text: &str| Some(RawValue::Text(text.into()));
        let theme = with(object(text("#FFD400"), Some(RawValue::Flag(false))))
            .unwrap()
            .theme;
        assert_eq!(theme.accent.as_deref(), Some("#ffd400"));
        assert!(!theme.dark);
        assert_eq!(with(None).unwrap().theme, Theme::default());
        assert_eq!(with(object(None, None)).unwrap().theme, Theme::default());
        assert_eq!(
            with(Some(RawTheme::NotObject)),
            Err(ConfigError::ThemeInvalid)
        );
        for bad in ["red", "#12", "#12345g", "#fe2c55;x"] {
            assert_eq!(
                with(object(text(bad), None)),
                Err(ConfigError::AccentInvalid),
                "{bad}"
            );
        }
        let number = object(Some(RawValue::NotText), None);
        assert_eq!(with(number), Err(ConfigError::AccentInvalid));
        assert_eq!(
            with(object(None, text("yes"))),
            Err(ConfigError::DarkInvalid)
        );
    }

    #[test]
    fn a_missing_or_blank_api_base_is_required() {
        assert_eq!(
            validate(r#"{"streamId":"s"}"#),
            Err(ConfigError::ApiBaseMissing)
        );
        assert_eq!(
            validate(r#"{"apiBase":null,"streamId":"s"}"#),
            Err(ConfigError::ApiBaseMissing)
        );
        assert_eq!(
            validate(r#"{"apiBase":"  ","streamId":"s"}"#),
            Err(ConfigError::ApiBaseMissing)
        );
    }

    #[test]
    fn an_api_base_must_be_an_absolute_http_url() {
        for bad in [
            r#""api.example.com""#,
            r#""/api""#,
            r#""ftp://example.com""#,
            r#""https://""#,
            r#""https:///path""#,
            r#""https://exa mple.com""#,
            r#""https://example.com/?v=1""#,
            r#""https://example.com/#x""#,
            "42",
            r#"["https://example.com"]"#,
        ] {
            let json = format!(r#"{{"apiBase":{bad},"streamId":"s"}}"#);
            assert_eq!(validate(&json), Err(ConfigError::ApiBaseInvalid), "{bad}");
        }
        let upper = validate(r#"{"apiBase":"HTTPS://Example.com","streamId":"s"}"#).unwrap();
        assert_eq!(upper.api_base, "HTTPS://Example.com");
    }

    #[test]
    fn a_stream_id_must_be_a_non_empty_string() {
        let base = r#""apiBase":"https://a.example""#;
        assert_eq!(
            validate(&format!("{{{base}}}")),
            Err(ConfigError::StreamIdMissing)
        );
        for bad in [r#""""#, r#""   ""#, "7", "true", "{}"] {
            let json = format!(r#"{{{base},"streamId":{bad}}}"#);
            assert_eq!(validate(&json), Err(ConfigError::StreamIdInvalid), "{bad}");
        }
    }

    #[test]
    fn a_blank_token_means_no_token_and_a_non_string_is_refused() {
        let base = r#""apiBase":"https://a.example","streamId":"s""#;
        assert_eq!(
            validate(&format!(r#"{{{base},"token":""}}"#))
                .unwrap()
                .token,
            None
        );
        assert_eq!(
            validate(&format!(r#"{{{base},"token":null}}"#))
                .unwrap()
                .token,
            None
        );
        assert_eq!(
            validate(&format!(r#"{{{base},"token":123}}"#)),
            Err(ConfigError::TokenInvalid)
        );
    }

    /// A publishable key as the server mints it: `etp_` and 64 hex digits.
    const KEY: &str = "etp_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_publishable_key_is_read_beside_or_without_a_token() {
        let base = r#""apiBase":"https://a.example","streamId":"s""#;
        let alone = validate(&format!(r#"{{{base},"publishableKey":" {KEY} "}}"#)).unwrap();
        assert_eq!(alone.publishable_key.as_deref(), Some(KEY), "trimmed");
        assert_eq!(alone.token, None, "a key needs no token");
        let both = validate(&format!(
            r#"{{{base},"token":"etl_x","publishableKey":"{KEY}"}}"#
        ))
        .unwrap();
        assert_eq!(both.token.as_deref(), Some("etl_x"));
        assert_eq!(both.publishable_key.as_deref(), Some(KEY));
        for blank in [r#""""#, r#""  ""#, "null"] {
            let json = format!(r#"{{{base},"publishableKey":{blank}}}"#);
            assert_eq!(validate(&json).unwrap().publishable_key, None, "{blank}");
        }
    }

    #[test]
    fn a_publishable_key_must_look_like_one() {
        let base = r#""apiBase":"https://a.example","streamId":"s""#;
        for bad in [
            r#""etl_0123abcd""#,
            r#""demo-host-key""#,
            r#""ETP_0123""#,
            r#""etp_0a1b""#,
            // One digit short, one too many, upper-case, not hex.
            r#""etp_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde""#,
            r#""etp_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0""#,
            r#""etp_0123456789abcdef0123456789abcdef0123456789ABCDEF0123456789abcdef""#,
            r#""etp_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg""#,
            "42",
            "true",
            r#"["etp_0123"]"#,
        ] {
            let json = format!(r#"{{{base},"publishableKey":{bad}}}"#);
            assert_eq!(
                validate(&json),
                Err(ConfigError::PublishableKeyInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_locale_is_one_of_two_tags() {
        let base = r#""apiBase":"https://a.example","streamId":"s""#;
        let with = |locale: &str| validate(&format!(r#"{{{base},"locale":{locale}}}"#));
        assert_eq!(with(r#""id-ID""#).unwrap().locale, Locale::IdId);
        assert_eq!(with(r#""en-us""#).unwrap().locale, Locale::EnUs);
        assert_eq!(with("null").unwrap().locale, Locale::IdId);
        for bad in [r#""en-GB""#, r#""""#, r#""id""#, "1"] {
            assert_eq!(with(bad), Err(ConfigError::LocaleInvalid), "{bad}");
        }
    }

    #[test]
    fn unknown_fields_are_named_in_order() {
        let keys = ["apiBase", "mode", "streamId", "publishableKey", "onEvnt"].map(String::from);
        assert_eq!(unknown(&keys, &FIELDS), ["onEvnt"]);
        let theme = ["accent", "dark"].map(String::from);
        assert!(unknown(&theme, &THEME_FIELDS).is_empty());
    }

    #[test]
    fn every_message_names_its_field() {
        let cases = [
            (ConfigError::ApiBaseMissing, "config.apiBase"),
            (ConfigError::ApiBaseInvalid, "config.apiBase"),
            (ConfigError::StreamIdMissing, "config.streamId"),
            (ConfigError::StreamIdInvalid, "config.streamId"),
            (ConfigError::TokenInvalid, "config.token"),
            (ConfigError::PublishableKeyInvalid, "config.publishableKey"),
            (ConfigError::LocaleInvalid, "config.locale"),
            (ConfigError::ThemeInvalid, "config.theme"),
            (ConfigError::AccentInvalid, "config.theme.accent"),
            (ConfigError::DarkInvalid, "config.theme.dark"),
            (ConfigError::OnEventInvalid, "config.onEvent"),
        ];
        for (error, field) in cases {
            let message = error.to_string();
            assert!(message.starts_with("etalase: "), "{message}");
            assert!(message.contains(field), "{message}");
        }
        assert_eq!(
            ConfigError::ApiBaseMissing.to_string(),
            "etalase: config.apiBase is required"
        );
        assert_eq!(
            ConfigError::LocaleInvalid.to_string(),
            r#"etalase: config.locale must be "id-ID" or "en-US""#
        );
        assert_eq!(
            ConfigError::StreamIdInvalid.to_string(),
            "etalase: config.streamId must be a non-empty string"
        );
        assert_eq!(
            ConfigError::PublishableKeyInvalid.to_string(),
            r#"etalase: config.publishableKey must be a publishable key: "etp_" and 64 lower-case hex digits"#
        );
    }

    #[test]
    fn a_handle_method_names_its_argument_not_the_config() {
        assert_eq!(
            ConfigError::StreamIdInvalid.in_method("setStream"),
            "etalase: setStream(): streamId must be a non-empty string"
        );
        assert_eq!(
            ConfigError::DarkInvalid.in_method("setTheme"),
            "etalase: setTheme(): theme.dark must be true or false"
        );
    }
}
