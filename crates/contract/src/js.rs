//! [`FromJs`]: the contract's types read from JS values, for the widget.
//!
//! The widget receives each answer as a JS value parsed by the browser
//! (`Response.json()`), and reads it field by field into the contract's
//! type. Each struct's reader is made by [`from_js!`](crate::from_js) next
//! to the struct, as a struct literal, so a field the reader forgets does
//! not compile; a test made by the same macro checks that it reads exactly
//! the fields serde writes. No serde `Deserializer` is involved: serde's
//! derived visitors cost the wasm about five times as much code.
//!
//! JS has one number type: an integral number within ±(2⁵³ − 1) reads as an
//! integer; any other number is refused where an integer is expected.

use std::fmt;

use js_sys::{Array, Number, Reflect};
pub use wasm_bindgen::JsValue;

use crate::{Address, PaymentInstructions, PaymentMethod, Rupiah, SavedAddress};

/// A type read from a JS value.
pub trait FromJs: Sized {
    /// Reads `value` as `Self`.
    fn from_js(value: JsValue) -> Result<Self, DecodeError>;
}

/// Reads `value` as a `T`.
pub fn from_js<T: FromJs>(value: JsValue) -> Result<T, DecodeError> {
    T::from_js(value)
}

/// Why a JS value did not read as the type asked for: a sentence for
/// developers, naming the field's path (`products.price: …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The field's path from the value read, `a.b`; empty for the value itself.
    path: String,
    /// What was wrong there.
    message: String,
}

impl DecodeError {
    /// A value of the wrong kind: `expected {expected}, found {what value is}`.
    pub fn expected(expected: &str, found: &JsValue) -> Self {
        DecodeError::new(["expected ", expected, ", found ", kind_of(found)].concat())
    }

    /// An error saying `message`.
    pub fn new(message: String) -> Self {
        DecodeError {
            path: String::new(),
            message,
        }
    }

    /// This error, found inside field `name`.
    fn at(mut self, name: &str) -> Self {
        self.path = if self.path.is_empty() {
            name.to_owned()
        } else {
            [name, ".", &self.path].concat()
        };
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            f.write_str(&self.path)?;
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// What kind of value `value` is, for an error message (never the value
/// itself, so the wasm carries no float formatting).
fn kind_of(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "nothing"
    } else if value.is_null() {
        "null"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "a string"
    } else if Array::is_array(value) {
        "an array"
    } else if value.is_object() {
        "an object"
    } else {
        "a function, symbol or bigint"
    }
}

/// `value` when it is an object (arrays included), for reading its fields.
pub fn object(value: JsValue) -> Result<JsValue, DecodeError> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(DecodeError::expected("an object", &value))
    }
}

/// Field `name` of `object` read as a `T`; an absent field reads as
/// `undefined`, which only an `Option` accepts.
pub fn field<T: FromJs>(object: &JsValue, name: &str) -> Result<T, DecodeError> {
    let value = raw_field(object, name)?;
    let absent = value.is_undefined();
    T::from_js(value).map_err(|error| field_error(error, name, absent))
}

/// Field `name` of `object` as it is: what every [`field`] shares, kept
/// out of its many instances (one per type read).
#[inline(never)]
fn raw_field(object: &JsValue, name: &str) -> Result<JsValue, DecodeError> {
    Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| DecodeError::new("reading the field threw".to_owned()).at(name))
}

/// The error of field `name`: `missing field` when it was `absent`, else
/// `error` with the field's name in its path.
#[inline(never)]
fn field_error(error: DecodeError, name: &str, absent: bool) -> DecodeError {
    if absent {
        DecodeError::new(["missing field `", name, "`"].concat())
    } else {
        error.at(name)
    }
}

/// `value` as a safe integer (within ±(2⁵³ − 1)).
fn integer(value: &JsValue) -> Result<i64, DecodeError> {
    match value.as_f64() {
        // Exact: a safe integer fits an i64 without rounding.
        Some(number) if Number::is_safe_integer(value) => Ok(number as i64),
        _ => Err(DecodeError::expected("an integer", value)),
    }
}

impl FromJs for String {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        value
            .as_string()
            .ok_or_else(|| DecodeError::expected("a string", &value))
    }
}

impl FromJs for bool {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        value
            .as_bool()
            .ok_or_else(|| DecodeError::expected("a boolean", &value))
    }
}

impl FromJs for i64 {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        integer(&value)
    }
}

impl FromJs for u32 {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        u32::try_from(integer(&value)?)
            .map_err(|_| DecodeError::new("expected an integer from 0 to 4294967295".to_owned()))
    }
}

impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        if value.is_null() || value.is_undefined() {
            Ok(None)
        } else {
            T::from_js(value).map(Some)
        }
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        if !Array::is_array(&value) {
            return Err(DecodeError::expected("an array", &value));
        }
        let array: Array = value.into();
        array.iter().map(T::from_js).collect()
    }
}

/// Reads a [`WireName`](crate::WireName) enum from its name. A name this
/// build does not know reads as the value named `unknown` where the enum has
/// one (an error code the server added later), and is refused otherwise.
pub fn wire_name<T: crate::WireName>(value: JsValue) -> Result<T, DecodeError> {
    let name = String::from_js(value)?;
    T::from_wire_name(&name)
        .or_else(|| T::from_wire_name("unknown"))
        .ok_or_else(|| DecodeError::new(["unknown value `", &name, "`"].concat()))
}

// Readers of the shapes `from_js!` does not make: a newtype, a flattened
// struct and the internally tagged enums (serde's derive would buffer
// these through its `Content` type first).

impl FromJs for Rupiah {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        integer(&value).map(Rupiah)
    }
}

impl FromJs for SavedAddress {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let object = object(value)?;
        Ok(SavedAddress {
            village: field(&object, "village")?,
            region_code: field(&object, "region_code")?,
            needs_region: field(&object, "needs_region")?,
            address: Address::from_js(object)?,
        })
    }
}

/// The value of `object`'s tag field `tag`.
fn tag(object: &JsValue, tag: &str) -> Result<String, DecodeError> {
    field(object, tag)
}

/// An error for a tag no variant has.
fn unknown_tag(name: &str, tag: String) -> DecodeError {
    DecodeError::new(["unknown value `", &tag, "`"].concat()).at(name)
}

impl FromJs for PaymentMethod {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let object = object(value)?;
        let method = tag(&object, "method")?;
        Ok(match method.as_str() {
            "virtual_account" => PaymentMethod::VirtualAccount {
                bank: field(&object, "bank")?,
            },
            "qris" => PaymentMethod::Qris,
            "ewallet" => PaymentMethod::Ewallet {
                wallet: field(&object, "wallet")?,
            },
            "cod" => PaymentMethod::Cod,
            "card" => PaymentMethod::Card,
            _ => return Err(unknown_tag("method", method)),
        })
    }
}

impl FromJs for PaymentInstructions {
    fn from_js(value: JsValue) -> Result<Self, DecodeError> {
        let object = object(value)?;
        let kind = tag(&object, "type")?;
        Ok(match kind.as_str() {
            "virtual_account" => PaymentInstructions::VirtualAccount {
                bank: field(&object, "bank")?,
                account_number: field(&object, "account_number")?,
            },
            "qris" => PaymentInstructions::Qris {
                qr_payload: field(&object, "qr_payload")?,
            },
            "ewallet" => PaymentInstructions::Ewallet {
                wallet: field(&object, "wallet")?,
                deeplink: field(&object, "deeplink")?,
            },
            "cod" => PaymentInstructions::Cod {
                amount_to_collect: field(&object, "amount_to_collect")?,
            },
            "card" => PaymentInstructions::Card {
                hosted_url: field(&object, "hosted_url")?,
            },
            _ => return Err(unknown_tag("type", kind)),
        })
    }
}
