//! Enums with a fixed name per value, the same in JSON and in the server's
//! store: each name is written once, in [`wire_enum!`]'s list, which makes
//! both the serde names and [`WireName`].

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
    };
}

pub(crate) use wire_enum;

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
