//! [`from_js`]: a JS value (a parsed API body, the host's config object)
//! decoded into a Rust type through its serde `Deserialize`.
//!
//! A small serde `Deserializer` over `JsValue`, written for size rather than
//! reach. One non-generic step sorts a value into a [`Kind`], so each
//! `Deserialize` impl adds only a short match; and errors name the kind of
//! value found ("a string", "a number") without printing it, so the wasm
//! carries no float formatting. Structs are read field by field (`obj[name]`,
//! getters included), other objects through `Object.entries`.
//!
//! JS has one number type: an integral number within ±(2⁵³ − 1) decodes as
//! an integer, any other number as an `f64`.

use std::fmt;

use js_sys::{Array, Number, Object, Reflect};
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Expected, MapAccess, SeqAccess, Unexpected, Visitor,
};
use wasm_bindgen::{JsCast, JsValue};

/// Decodes `value` as a `T`.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, DecodeError> {
    T::deserialize(Js(value))
}

/// Why a JS value did not decode as the type asked for: a sentence for developers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DecodeError(message.to_string())
    }

    // serde's defaults print the value found; these name its kind instead.
    fn invalid_type(found: Unexpected<'_>, expected: &dyn Expected) -> Self {
        mismatch("invalid type: ", &found, expected)
    }

    fn invalid_value(found: Unexpected<'_>, expected: &dyn Expected) -> Self {
        mismatch("invalid value: ", &found, expected)
    }
}

/// `{what}{kind of found}, expected {expected}`.
fn mismatch(what: &str, found: &Unexpected<'_>, expected: &dyn Expected) -> DecodeError {
    let found = match found {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "an integer",
        Unexpected::Float(_) => "a number",
        Unexpected::Char(_) | Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Seq => "an array",
        Unexpected::Map => "an object",
        Unexpected::Other(other) => other,
        Unexpected::Option
        | Unexpected::NewtypeStruct
        | Unexpected::Enum
        | Unexpected::UnitVariant
        | Unexpected::NewtypeVariant
        | Unexpected::TupleVariant
        | Unexpected::StructVariant => "a value of another shape",
    };
    DecodeError([what, found, ", expected ", &expected.to_string()].concat())
}

/// What a thrown JS value says, for a [`DecodeError`].
fn thrown(error: &JsValue) -> DecodeError {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()));
    DecodeError(message.unwrap_or_else(|| "reading the value threw".to_owned()))
}

/// A JS value being decoded.
struct Js(JsValue);

/// A JS value sorted by what a visitor is told it is.
enum Kind {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integral number within ±(2⁵³ − 1).
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Text(String),
    /// An array.
    Array(Array),
    /// Any other object.
    Object(Object),
    /// A function, symbol or bigint.
    Other,
}

impl Js {
    /// What kind of value this is (non-generic, so it is compiled once).
    fn kind(self) -> Kind {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            Kind::Null
        } else if let Some(flag) = value.as_bool() {
            Kind::Bool(flag)
        } else if let Some(number) = value.as_f64() {
            if Number::is_safe_integer(&value) {
                // Exact: a safe integer fits an i64 without rounding.
                Kind::Int(number as i64)
            } else {
                Kind::Float(number)
            }
        } else if let Some(text) = value.as_string() {
            Kind::Text(text)
        } else if Array::is_array(&value) {
            Kind::Array(value.unchecked_into())
        } else if value.is_object() {
            Kind::Object(value.unchecked_into())
        } else {
            Kind::Other
        }
    }
}

impl Kind {
    /// This value as serde's [`Unexpected`], for error messages.
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Kind::Null => Unexpected::Unit,
            Kind::Bool(flag) => Unexpected::Bool(*flag),
            Kind::Int(number) => Unexpected::Signed(*number),
            Kind::Float(number) => Unexpected::Float(*number),
            Kind::Text(text) => Unexpected::Str(text),
            Kind::Array(_) => Unexpected::Seq,
            Kind::Object(_) => Unexpected::Map,
            Kind::Other => Unexpected::Other("a function, symbol or bigint"),
        }
    }
}

impl<'de> de::Deserializer<'de> for Js {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.kind() {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(flag) => visitor.visit_bool(flag),
            Kind::Int(number) => visitor.visit_i64(number),
            Kind::Float(number) => visitor.visit_f64(number),
            Kind::Text(text) => visitor.visit_string(text),
            Kind::Array(array) => visitor.visit_seq(Items::new(array)),
            Kind::Object(object) => visitor.visit_map(Entries::new(&object)),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        // Any object, arrays included (their named fields are simply missing).
        let object = match self.kind() {
            Kind::Object(object) => object,
            Kind::Array(array) => array.unchecked_into(),
            other => return Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        visitor.visit_map(Fields {
            object,
            fields: fields.iter(),
            value: None,
        })
    }

    /// Unit variants only, written as their name: all the contract has.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.kind() {
            Kind::Text(text) => visitor.visit_enum(StringDeserializer::<DecodeError>::new(text)),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// The elements of an array.
struct Items {
    array: Array,
    next: u32,
}

impl Items {
    fn new(array: Array) -> Self {
        Items { array, next: 0 }
    }
}

impl<'de> SeqAccess<'de> for Items {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let item = self.array.get(self.next);
        self.next += 1;
        seed.deserialize(Js(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.array.length().saturating_sub(self.next)).ok()
    }
}

/// The own enumerable properties of an object, as `[key, value]` pairs.
struct Entries {
    pairs: Items,
    value: Option<JsValue>,
}

impl Entries {
    fn new(object: &Object) -> Self {
        Entries {
            pairs: Items::new(Object::entries(object)),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let pairs = &mut self.pairs;
        if pairs.next >= pairs.array.length() {
            return Ok(None);
        }
        let pair: Array = pairs.array.get(pairs.next).unchecked_into();
        pairs.next += 1;
        self.value = Some(pair.get(1));
        seed.deserialize(Js(pair.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        seed.deserialize(Js(self.value.take().unwrap_or(JsValue::UNDEFINED)))
    }
}

/// The named fields of a struct, read from an object one by one; a field
/// the object does not have is skipped, so serde reports it if required.
struct Fields {
    object: Object,
    fields: std::slice::Iter<'static, &'static str>,
    value: Option<JsValue>,
}

impl Fields {
    /// The next field the object has, and its value.
    fn next_present(&mut self) -> Result<Option<&'static str>, DecodeError> {
        for &field in self.fields.by_ref() {
            let key = JsValue::from_str(field);
            let value = Reflect::get(&self.object, &key).map_err(|error| thrown(&error))?;
            if !value.is_undefined() || Reflect::has(&self.object, &key).unwrap_or(false) {
                self.value = Some(value);
                return Ok(Some(field));
            }
        }
        Ok(None)
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        match self.next_present()? {
            Some(field) => seed
                .deserialize(BorrowedStrDeserializer::<DecodeError>::new(field))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        seed.deserialize(Js(self.value.take().unwrap_or(JsValue::UNDEFINED)))
    }
}
