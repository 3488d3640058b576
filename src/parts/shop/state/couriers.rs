//! A parcel's couriers beyond its options: the services the quote says it
//! is too heavy for, and the courier on screen that a new quote no longer
//! offers ([`Replaced`]), so the checkout says so instead of silently
//! showing another.

use etalase_contract::{Quote, ShippingOption, UnavailableShipping};

/// Why a courier on screen is no longer offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Because {
    /// The parcels go to another address.
    Address,
    /// The parcel changed (more units of a deal weigh more).
    Parcel,
}

/// A shop's courier that the quote before offered and the quote now does
/// not: the server ships the parcel with another (its cheapest), which the
/// checkout names beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The shop.
    pub shop_id: String,
    /// The courier service shown before.
    pub before: ShippingOption,
    /// Why it went.
    pub because: Because,
}

/// The couriers shown in `last` that `next` no longer offers, by shop: a
/// shop in both quotes whose courier in `last` is not among its options
/// in `next`.
pub fn replaced(last: &Quote, next: &Quote) -> Vec<Replaced> {
    let because = if last.address.id == next.address.id {
        Because::Parcel
    } else {
        Because::Address
    };
    next.shops
        .iter()
        .filter_map(|shop| {
            let before = &last
                .shops
                .iter()
                .find(|old| old.shop.id == shop.shop.id)?
                .shipping;
            let offered = shop.shipping_options.iter().any(|o| o.id == before.id);
            (!offered).then(|| Replaced {
                shop_id: shop.shop.id.clone(),
                before: before.clone(),
                because,
            })
        })
        .collect()
}

/// The services `shop_id`'s parcel is too heavy for, as `unavailable`
/// lists them.
pub fn too_heavy<'a>(
    unavailable: &'a [UnavailableShipping],
    shop_id: &'a str,
) -> impl Iterator<Item = &'a UnavailableShipping> {
    unavailable.iter().filter(move |u| u.shop_id == shop_id)
}

#[cfg(test)]
mod tests {
    use etalase_contract::{
        Address, PaymentMethod, Rupiah, ShippingRefusal, ShopQuote, ShopSummary, Totals,
    };

    use super::*;

    fn option(id: &str, courier: &str) -> ShippingOption {
        ShippingOption {
            id: id.into(),
            courier: courier.into(),
            service: "REG".into(),
            price: Rupiah(10_000),
            eta_days_min: 1,
            eta_days_max: 2,
        }
    }

    fn shop(id: &str, options: &[&str], chosen: &str) -> ShopQuote {
        ShopQuote {
            shop: ShopSummary {
                id: id.into(),
                name: id.into(),
                city: "Bandung".into(),
            },
            items: Vec::new(),
            subtotal: Rupiah(0),
            weight_grams: 300,
            shipping_options: options.iter().map(|o| option(o, "JNE")).collect(),
            shipping: option(chosen, "JNE"),
            insurance_fee: Rupiah(0),
            insured: false,
            shop_discount: Rupiah(0),
            platform_discount: Rupiah(0),
            shipping_discount: Rupiah(0),
            total: Rupiah(0),
        }
    }

    fn quote(address_id: &str, shops: Vec<ShopQuote>) -> Quote {
        Quote {
            id: "qt".into(),
            address: Address {
                id: address_id.into(),
                recipient: "Sari".into(),
                phone: "+6281234567890".into(),
                province: "Jawa Barat".into(),
                city: "Kota Bandung".into(),
                district: "Coblong".into(),
                postal_code: "40135".into(),
                street: "Jl. Dago 1".into(),
            },
            shops,
            vouchers: Vec::new(),
            payment: PaymentMethod::Qris,
            stream_id: None,
            totals: Totals::default(),
        }
    }

    #[test]
    fn a_courier_no_longer_offered_is_named_with_why() {
        let last = quote(
            "adr-1",
            vec![
                shop("shop-a", &["grab-sameday", "jne-reg"], "grab-sameday"),
                shop("shop-b", &["jne-reg", "jne-yes"], "jne-yes"),
            ],
        );
        let moved = quote(
            "adr-2",
            vec![
                shop("shop-a", &["jne-reg"], "jne-reg"),
                shop("shop-b", &["jne-reg", "jne-yes"], "jne-yes"),
            ],
        );
        assert_eq!(
            replaced(&last, &moved),
            vec![Replaced {
                shop_id: "shop-a".into(),
                before: option("grab-sameday", "JNE"),
                because: Because::Address,
            }],
            "shop-b's courier is still offered"
        );
        let heavier = quote("adr-1", moved.shops.clone());
        assert_eq!(replaced(&last, &heavier)[0].because, Because::Parcel);
        assert!(replaced(&moved, &last).is_empty(), "nothing went");
    }

    #[test]
    fn too_heavy_lists_one_shops_services() {
        let heavy = |shop_id: &str, id: &str| UnavailableShipping {
            shop_id: shop_id.into(),
            id: id.into(),
            courier: "GoSend".into(),
            service: "Same Day".into(),
            reason: ShippingRefusal::TooHeavy,
            max_kg: 7,
            parcel_kg: 9,
            message: "m".into(),
        };
        let list = [
            heavy("shop-a", "gosend-sameday"),
            heavy("shop-b", "grab-sameday"),
            heavy("shop-a", "grab-sameday"),
        ];
        let ids: Vec<&str> = too_heavy(&list, "shop-a").map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["gosend-sameday", "grab-sameday"]);
    }
}
