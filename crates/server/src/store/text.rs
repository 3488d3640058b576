//! Enums stored as their wire names in `TEXT` columns.
//!
//! sqlx derives text enums per database, not for its `Any` driver, and the
//! contract's enums are not this crate's to implement sqlx's traits on, so
//! [`Stored`] wraps any [`WireName`] enum: written as its wire name, read
//! back from it. A stored name no value has is a decode error, never a
//! default.

use etalase_contract::WireName;
use sqlx::any::AnyTypeInfo;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

/// A [`WireName`] enum as a `TEXT` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stored<T>(pub T);

impl<T: WireName> Type<Any> for Stored<T> {
    fn type_info() -> AnyTypeInfo {
        <&str as Type<Any>>::type_info()
    }
}

impl<'q, T: WireName> Encode<'q, Any> for Stored<T> {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, BoxDynError> {
        <&str as Encode<'q, Any>>::encode(self.0.wire_name(), buf)
    }
}

impl<'r, T: WireName> Decode<'r, Any> for Stored<T> {
    fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Any>>::decode(value)?;
        T::from_wire_name(text).map(Stored).ok_or_else(|| {
            let what = std::any::type_name::<T>()
                .rsplit("::")
                .next()
                .unwrap_or("value");
            format!("{text:?} is not a stored {what}").into()
        })
    }
}
