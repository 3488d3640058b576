//! The element the host mounts the widget in: an `Element`, or a CSS
//! selector string naming one.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// Why the mount target could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// The selector is valid but matches nothing.
    NoMatch(String),
    /// The browser rejected the selector.
    BadSelector(String),
    /// The target is neither an Element nor a string.
    WrongType,
    /// There is no `document` (not running in a page).
    NoDocument,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::NoMatch(selector) => {
                write!(f, "etalase: mount target \"{selector}\" matches no element")
            }
            TargetError::BadSelector(selector) => {
                write!(
                    f,
                    "etalase: mount target \"{selector}\" is not a valid CSS selector"
                )
            }
            TargetError::WrongType => {
                f.write_str("etalase: mount target must be an Element or a CSS selector string")
            }
            TargetError::NoDocument => f.write_str("etalase: mount needs a browser document"),
        }
    }
}

/// The element `target` is, or the first element its selector matches.
pub fn resolve(target: &JsValue) -> Result<Element, TargetError> {
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let selector = target.as_string().ok_or(TargetError::WrongType)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or(TargetError::NoDocument)?;
    match document.query_selector(&selector) {
        Ok(Some(element)) => Ok(element),
        Ok(None) => Err(TargetError::NoMatch(selector)),
        Err(_) => Err(TargetError::BadSelector(selector)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quote_the_selector() {
        assert_eq!(
            TargetError::NoMatch("#x".into()).to_string(),
            r##"etalase: mount target "#x" matches no element"##
        );
        assert_eq!(
            TargetError::BadSelector("##".into()).to_string(),
            r###"etalase: mount target "##" is not a valid CSS selector"###
        );
        assert!(TargetError::WrongType
            .to_string()
            .starts_with("etalase: mount target"));
    }
}
