//! A parcel's couriers beyond its options: the services the quote says it
//! is too heavy for, and the courier the shopper chose that the server
//! refused ([`Refused`]) and the next quote replaced ([`Replaced`]), so the
//! checkout says so, and why, instead of silently showing another. A
//! courier the server picked by itself (the cheapest) and later picks
//! another for is not the shopper's: nothing is said.
//!
//! A courier chosen is also kept for the rest of the visit ([`Kept`]):
//! closing the checkout and opening it again chooses it again for its shop
//! ([`resume`]), or says why it no longer can.

use etalase_contract::{Quote, ShippingChoice, ShippingOption, UnavailableShipping};

/// Why a courier chosen is no longer offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Because {
    /// Not to this address, which has no region code.
    Address,
    /// Only within the shop's city: an instant or same-day courier, the
    /// address (on the region list) outside it.
    City,
    /// Not this parcel: over the courier's weight (more units of a deal
    /// weigh more).
    Parcel,
}

/// A courier the shopper chose that the server refused
/// (`shipping[i].option_id`), until the next quote names the one shipping
/// the parcel instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The shop.
    pub shop_id: String,
    /// The courier service chosen, as the quote on screen offered it.
    pub before: ShippingOption,
}

/// A shop's courier that the shopper chose and the quote now does not
/// offer: the server ships the parcel with another (its cheapest), which
/// the checkout names beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The shop.
    pub shop_id: String,
    /// The courier service chosen before.
    pub before: ShippingOption,
    /// Why it went.
    pub because: Because,
}

/// The notes for the couriers `refused` once `next` has priced their
/// shops with another, each with why: the parcel when `unavailable` (the
/// couriers `next`'s parcels are too heavy for) lists the courier for its
/// shop, else the address, as the server only lists couriers a parcel is
/// too heavy for within its city; an address `keyed` on the region list
/// is outside the shop's city, one not keyed has no region code.
pub fn replaced(
    refused: &[Refused],
    next: &Quote,
    unavailable: &[UnavailableShipping],
    keyed: bool,
) -> Vec<Replaced> {
    refused
        .iter()
        .filter(|gone| {
            next.shops
                .iter()
                .any(|shop| shop.shop.id == gone.shop_id && shop.shipping.id != gone.before.id)
        })
        .map(|gone| {
            let heavy = too_heavy(unavailable, &gone.shop_id).any(|u| u.id == gone.before.id);
            Replaced {
                shop_id: gone.shop_id.clone(),
                before: gone.before.clone(),
                because: match (heavy, keyed) {
                    (true, _) => Because::Parcel,
                    (false, true) => Because::City,
                    (false, false) => Because::Address,
                },
            }
        })
        .collect()
}

/// A shop's courier the shopper chose in an earlier checkout of this
/// visit, as that checkout's quote offered it: chosen again when a later
/// checkout ships that shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The choice, with its insurance.
    pub choice: ShippingChoice,
    /// The courier service as it was offered, to name it if it is gone.
    pub before: ShippingOption,
}

/// What the couriers `kept` from earlier checkouts become once `quote`
/// prices a new one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Resumed {
    /// Chosen again: the quote offers them for their shops.
    pub choices: Vec<ShippingChoice>,
    /// Their shops are shipped, but not by them any more (another address,
    /// a heavier parcel): said beside each, with why.
    pub replaced: Vec<Replaced>,
    /// Of shops this checkout does not ship: kept for a later one.
    pub kept: Vec<Kept>,
}

/// Sorts the couriers `kept` by `quote` (with the couriers `unavailable`
/// to its parcels); a shop the shopper already chose for in this
/// checkout (`chosen`) keeps that choice, and its kept courier is dropped;
/// `keyed` as for [`replaced`].
pub fn resume(
    kept: Vec<Kept>,
    chosen: &[ShippingChoice],
    quote: &Quote,
    unavailable: &[UnavailableShipping],
    keyed: bool,
) -> Resumed {
    let mut resumed = Resumed::default();
    let mut gone = Vec::new();
    for kept in kept {
        let shop_id = &kept.choice.shop_id;
        if chosen.iter().any(|choice| &choice.shop_id == shop_id) {
            continue;
        }
        match quote.shops.iter().find(|shop| &shop.shop.id == shop_id) {
            None => resumed.kept.push(kept),
            Some(shop)
                if shop
                    .shipping_options
                    .iter()
                    .any(|option| option.id == kept.choice.option_id) =>
            {
                resumed.choices.push(kept.choice);
            }
            Some(_) => gone.push(Refused {
                shop_id: kept.choice.shop_id,
                before: kept.before,
            }),
        }
    }
    resumed.replaced = replaced(&gone, quote, unavailable, keyed);
    resumed
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

    fn heavy(shop_id: &str, id: &str) -> UnavailableShipping {
        UnavailableShipping {
            shop_id: shop_id.into(),
            id: id.into(),
            courier: "GoSend".into(),
            service: "Same Day".into(),
            reason: ShippingRefusal::TooHeavy,
            max_kg: 7,
            parcel_kg: 9,
            message: "m".into(),
        }
    }

    #[test]
    fn a_courier_refused_is_named_with_why_once_another_ships() {
        let refused = [Refused {
            shop_id: "shop-a".into(),
            before: option("gosend-instant", "GoSend"),
        }];
        let next = quote(
            "adr-1",
            vec![
                shop("shop-a", &["sicepat-reg", "jne-reg"], "sicepat-reg"),
                shop("shop-b", &["jne-reg"], "jne-reg"),
            ],
        );
        // Not listed as too heavy: outside the city, the address's doing,
        // whether the address is another or the same one corrected.
        assert_eq!(
            replaced(&refused, &next, &[], true)[0].because,
            Because::City,
            "an address on the region list: outside the shop's city"
        );
        assert_eq!(
            replaced(&refused, &next, &[], false),
            vec![Replaced {
                shop_id: "shop-a".into(),
                before: option("gosend-instant", "GoSend"),
                because: Because::Address,
            }]
        );
        // Listed as too heavy for this shop: the parcel's.
        let listed = [
            heavy("shop-b", "gosend-instant"),
            heavy("shop-a", "gosend-instant"),
        ];
        assert_eq!(
            replaced(&refused, &next, &listed, true)[0].because,
            Because::Parcel
        );
        let elsewhere = [heavy("shop-b", "gosend-instant")];
        assert_eq!(
            replaced(&refused, &next, &elsewhere, false)[0].because,
            Because::Address
        );
        // Still shipped by it (refused for another reason): nothing to say.
        let same = quote(
            "adr-1",
            vec![shop("shop-a", &["gosend-instant"], "gosend-instant")],
        );
        assert!(replaced(&refused, &same, &[], true).is_empty());
    }

    #[test]
    fn too_heavy_lists_one_shops_services() {
        let list = [
            heavy("shop-a", "gosend-sameday"),
            heavy("shop-b", "grab-sameday"),
            heavy("shop-a", "grab-sameday"),
        ];
        let ids: Vec<&str> = too_heavy(&list, "shop-a").map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["gosend-sameday", "grab-sameday"]);
    }
}
