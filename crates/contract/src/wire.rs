//! Names on the wire, each written once. Enums with a fixed name per value,
//! the same in JSON and in the server's store: [`wire_enum!`]'s list makes
//! the serde names, [`WireName`] and the widget's reader. Structs: the
//! widget's reader of each is made by [`from_js!`] from its fields' names,
//! which serde also writes (checked by a test the macro makes).

/// An enum whose every value has one fixed name on the wire.
pub trait WireName: Copy + PartialEq + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The value's name on the wire, e.g. `"awaiting_payment"`.
    fn wire_name(self) -> &'static str;

    /// The value named `name`; `None` for a name no value has.
    fn from_wire_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.wire_name() == name)
    }
}

/// Declares a unit-only enum with its wire names: `#[serde(rename)]` on each
/// variant, an inherent `as_str` and [`WireName`].
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:tt, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl $crate::WireName for $name {
            const ALL: &'static [Self] = &[$( $name::$variant ),+];

            fn wire_name(self) -> &'static str {
                self.as_str()
            }
        }

        #[cfg(feature = "js")]
        impl $crate::js::FromJs for $name {
            fn from_js(value: $crate::js::JsValue) -> Result<Self, $crate::js::DecodeError> {
                $crate::js::wire_name(value)
            }
        }
    };
}

pub(crate) use wire_enum;

/// Makes the widget's reader (`FromJs`, with the `js` feature) of a struct
/// with named fields, each read by its own name: `from_js!(Shop { id, name });`
/// after the struct. The reader is a struct literal, so a field left out
/// does not compile; in tests, the macro also checks the list is exactly
/// the fields serde reads (a test named after the struct).
macro_rules! from_js {
    // Generic in its address (`Order<A>`), or not.
    ($name:ident $(<$param:ident>)? { $($field:ident),* $(,)? }) => {
        #[cfg(feature = "js")]
        impl$(<$param: $crate::js::FromJs>)? $crate::js::FromJs for $name$(<$param>)? {
            fn from_js(value: $crate::js::JsValue) -> Result<Self, $crate::js::DecodeError> {
                let object = $crate::js::object(value)?;
                Ok($name {
                    $( $field: $crate::js::field(&object, stringify!($field))?, )*
                })
            }
        }

        /// `from_js!` reads the fields serde reads.
        #[cfg(test)]
        #[test]
        #[allow(non_snake_case)]
        fn $name() {
            $crate::wire::assert_reads_serde_fields::<$name>(&[$(stringify!($field)),*]);
        }
    };
}

pub(crate) use from_js;

/// Asserts that `read` is the set of fields serde's derived `Deserialize`
/// of `T` reads, learnt by asking it to read a probe.
#[cfg(test)]
pub(crate) fn assert_reads_serde_fields<T: serde::de::DeserializeOwned>(read: &[&str]) {
    let mut serde_fields = match T::deserialize(probe::Probe) {
        Err(probe::Seen(Some(fields))) => fields.to_vec(),
        _ => panic!("{} is no serde struct", std::any::type_name::<T>()),
    };
    let mut read = read.to_vec();
    serde_fields.sort_unstable();
    read.sort_unstable();
    assert_eq!(read, serde_fields, "{}", std::any::type_name::<T>());
}

/// A serde `Deserializer` that only notes the fields a struct asks for.
#[cfg(test)]
mod probe {
    use serde::de::{self, Visitor};
    use std::fmt;

    /// The deserializer.
    pub struct Probe;

    /// Its one answer: the fields asked for (`None`: not a struct).
    #[derive(Debug)]
    pub struct Seen(pub Option<&'static [&'static str]>);

    impl fmt::Display for Seen {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    impl std::error::Error for Seen {}

    impl de::Error for Seen {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Seen(None)
        }
    }

    impl<'de> de::Deserializer<'de> for Probe {
        type Error = Seen;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Seen> {
            Err(Seen(None))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Seen> {
            Err(Seen(Some(fields)))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WireName;
    use crate::{
        Bank, ErrorCode, LiveVoucherKind, OrderStatus, PaymentStatus, Role, StreamKind,
        VoucherKind, Wallet,
    };

    /// Every value serialises to its wire name and reads back from it.
    fn round_trips<T>()
    where
        T: WireName + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
    {
        for &value in T::ALL {
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{}\"", value.wire_name()));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
            assert_eq!(T::from_wire_name(value.wire_name()), Some(value));
        }
    }

    #[test]
    fn every_wire_name_is_the_serde_name() {
        round_trips::<OrderStatus>();
        round_trips::<PaymentStatus>();
        round_trips::<StreamKind>();
        round_trips::<Role>();
        round_trips::<ErrorCode>();
        round_trips::<Bank>();
        round_trips::<Wallet>();
        round_trips::<VoucherKind>();
        round_trips::<LiveVoucherKind>();
        round_trips::<crate::FlashDealState>();
    }

    #[test]
    fn an_unknown_name_is_no_value() {
        assert_eq!(OrderStatus::from_wire_name("awaiting"), None);
        assert_eq!(PaymentStatus::from_wire_name(""), None);
        assert_eq!(OrderStatus::ALL.len(), 8);
    }
}
