//! Enums stored as their lower-case names in `TEXT` columns.
//!
//! sqlx derives text enums per database, not for its `Any` driver, so
//! [`stored_as_text!`] writes the `Any` impls from the list of names.

/// Implements `Type`, `Encode` and `Decode` for the `Any` driver on an enum
/// stored as text: `stored_as_text!(Kind { Live => "live", Video => "video" })`.
macro_rules! stored_as_text {
    ($enum:ty { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl sqlx::Type<sqlx::Any> for $enum {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Any> for $enum {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                let text = match self {
                    $(<$enum>::$variant => $text,)+
                };
                <String as sqlx::Encode<'q, sqlx::Any>>::encode(text.to_owned(), buf)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $enum {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                match <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)? {
                    $($text => Ok(<$enum>::$variant),)+
                    other => Err(format!("{other:?} is not a stored {}", stringify!($enum)).into()),
                }
            }
        }
    };
}

pub(crate) use stored_as_text;
