//! Shipping: zones from region codes (or, for an address typed before
//! regions, from province names), couriers' rates by weight, ETAs.
//!
//! A parcel is charged by the kilogram, its weight rounded up to the next
//! whole kilogram and at least one. Its [`Zone`] depends on where it goes
//! from and to: the same city, the same province, the same island group,
//! another island group, or to or from Maluku and Papua. The same city is
//! known from codes only: between a shop and an address typed before
//! regions, zones start at the same province, as they always did. Instant
//! and same-day couriers carry a parcel within a city only, up to their
//! weight; one a parcel is too heavy for is listed as unavailable, with why.

use etalase_contract::{Rupiah, ShippingOption, ShippingRefusal, UnavailableShipping};

/// Where a parcel leaves from or goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The province's name.
    pub province: String,
    /// The region's code (a city's, or finer); `None` for an address typed
    /// before regions or a shop without one.
    pub region_code: Option<String>,
}

/// How far a parcel travels, nearest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Zone {
    /// Within one regency or city.
    SameCity,
    /// Within one province.
    SameProvince,
    /// Within one island group.
    SameIslandGroup,
    /// Between two island groups, neither Maluku–Papua.
    OtherIslandGroup,
    /// To or from Maluku and Papua, from another island group.
    MalukuPapua,
}

/// Island groups of Indonesia, as couriers price them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IslandGroup {
    Sumatera,
    Jawa,
    BaliNusaTenggara,
    Kalimantan,
    Sulawesi,
    MalukuPapua,
}

/// The island group of a province code's first digit: 1x and 21 Sumatera,
/// 3x Jawa, 5x Bali and Nusa Tenggara, 6x Kalimantan, 7x Sulawesi, 8x
/// Maluku, 9x Papua.
fn group_of_code(code: &str) -> IslandGroup {
    match code.as_bytes().first() {
        Some(b'1' | b'2') => IslandGroup::Sumatera,
        Some(b'5') => IslandGroup::BaliNusaTenggara,
        Some(b'6') => IslandGroup::Kalimantan,
        Some(b'7') => IslandGroup::Sulawesi,
        Some(b'8' | b'9') => IslandGroup::MalukuPapua,
        _ => IslandGroup::Jawa,
    }
}

/// The island group of a canonical province name (see
/// `etalase_contract::PROVINCES`), for addresses typed before regions.
fn group_of_name(province: &str) -> IslandGroup {
    match province {
        "Aceh"
        | "Sumatera Utara"
        | "Sumatera Barat"
        | "Riau"
        | "Kepulauan Riau"
        | "Jambi"
        | "Bengkulu"
        | "Sumatera Selatan"
        | "Kepulauan Bangka Belitung"
        | "Lampung" => IslandGroup::Sumatera,
        "Bali" | "Nusa Tenggara Barat" | "Nusa Tenggara Timur" => IslandGroup::BaliNusaTenggara,
        "Kalimantan Barat" | "Kalimantan Tengah" | "Kalimantan Selatan" | "Kalimantan Timur"
        | "Kalimantan Utara" => IslandGroup::Kalimantan,
        "Sulawesi Utara" | "Gorontalo" | "Sulawesi Tengah" | "Sulawesi Barat"
        | "Sulawesi Selatan" | "Sulawesi Tenggara" => IslandGroup::Sulawesi,
        "Maluku" | "Maluku Utara" | "Papua" | "Papua Barat" | "Papua Barat Daya"
        | "Papua Tengah" | "Papua Pegunungan" | "Papua Selatan" => IslandGroup::MalukuPapua,
        // Banten, DKI Jakarta, Jawa Barat, Jawa Tengah, DI Yogyakarta, Jawa Timur.
        _ => IslandGroup::Jawa,
    }
}

/// The zone between two places of these provinces and island groups.
fn zone_between(same_province: bool, from: IslandGroup, to: IslandGroup) -> Zone {
    if same_province {
        Zone::SameProvince
    } else if from == to {
        Zone::SameIslandGroup
    } else if from == IslandGroup::MalukuPapua || to == IslandGroup::MalukuPapua {
        Zone::MalukuPapua
    } else {
        Zone::OtherIslandGroup
    }
}

/// The zone of a parcel from `origin` to `destination`: from their codes
/// when both have one (`32.73…` and `32.73…`: the same city), else from
/// their provinces' names.
pub fn zone(origin: &Place, destination: &Place) -> Zone {
    match (&origin.region_code, &destination.region_code) {
        (Some(from), Some(to)) => {
            let city = |code: &str| code.get(..5).map(str::to_owned);
            if city(from).is_some() && city(from) == city(to) {
                Zone::SameCity
            } else {
                zone_between(
                    from.get(..2) == to.get(..2),
                    group_of_code(from),
                    group_of_code(to),
                )
            }
        }
        _ => zone_between(
            origin.province == destination.province,
            group_of_name(&origin.province),
            group_of_name(&destination.province),
        ),
    }
}

/// How a courier service is priced.
enum Rate {
    /// By the kilogram and by zone, nearest first, with its ETA in days.
    PerKg {
        per_kg: [i64; 5],
        eta: [(u32, u32); 5],
    },
    /// Within one city only, the same day: a flat price up to `max_kg`.
    SameCity { price: i64, max_kg: u32 },
}

/// A courier service.
struct Service {
    id: &'static str,
    courier: &'static str,
    name: &'static str,
    rate: Rate,
}

/// The services offered, in no particular order.
const SERVICES: [Service; 9] = [
    Service {
        id: "jne-reg",
        courier: "JNE",
        name: "REG",
        rate: Rate::PerKg {
            per_kg: [7_000, 9_000, 14_000, 26_000, 48_000],
            eta: [(1, 1), (1, 2), (2, 3), (3, 5), (5, 8)],
        },
    },
    Service {
        id: "jne-yes",
        courier: "JNE",
        name: "YES",
        rate: Rate::PerKg {
            per_kg: [15_000, 18_000, 26_000, 45_000, 85_000],
            eta: [(1, 1), (1, 1), (1, 1), (1, 2), (2, 3)],
        },
    },
    Service {
        id: "sicepat-reg",
        courier: "SiCepat",
        name: "REG",
        rate: Rate::PerKg {
            per_kg: [6_500, 8_000, 13_000, 24_000, 45_000],
            eta: [(1, 1), (1, 2), (2, 3), (3, 4), (4, 7)],
        },
    },
    Service {
        id: "jnt-ez",
        courier: "J&T",
        name: "EZ",
        rate: Rate::PerKg {
            per_kg: [7_000, 9_000, 13_500, 25_000, 47_000],
            eta: [(1, 1), (1, 2), (2, 3), (3, 5), (5, 7)],
        },
    },
    Service {
        id: "anteraja-reg",
        courier: "AnterAja",
        name: "Reguler",
        rate: Rate::PerKg {
            per_kg: [6_500, 8_500, 12_500, 23_000, 44_000],
            eta: [(1, 2), (1, 3), (2, 4), (3, 5), (5, 8)],
        },
    },
    Service {
        id: "gosend-instant",
        courier: "GoSend",
        name: "Instant",
        rate: Rate::SameCity {
            price: 25_000,
            max_kg: 20,
        },
    },
    Service {
        id: "gosend-sameday",
        courier: "GoSend",
        name: "Same Day",
        rate: Rate::SameCity {
            price: 17_000,
            max_kg: 7,
        },
    },
    Service {
        id: "grab-instant",
        courier: "GrabExpress",
        name: "Instant",
        rate: Rate::SameCity {
            price: 24_000,
            max_kg: 20,
        },
    },
    Service {
        id: "grab-sameday",
        courier: "GrabExpress",
        name: "Same Day",
        rate: Rate::SameCity {
            price: 16_000,
            max_kg: 7,
        },
    },
];

/// Whether `id` names a courier service.
pub fn is_service(id: &str) -> bool {
    SERVICES.iter().any(|service| service.id == id)
}

/// Kilograms charged for `grams`: rounded up, at least one.
pub fn chargeable_kg(grams: u32) -> u32 {
    grams.div_ceil(1_000).max(1)
}

/// Every service for a parcel of `grams` from `origin` to `destination`,
/// cheapest first (then by id); instant and same-day ones within a city,
/// up to their weight.
pub fn options(grams: u32, origin: &Place, destination: &Place) -> Vec<ShippingOption> {
    let zone = zone(origin, destination);
    let kg = chargeable_kg(grams);
    let mut options: Vec<ShippingOption> = SERVICES
        .iter()
        .filter_map(|service| {
            let (price, eta) = match service.rate {
                Rate::PerKg { per_kg, eta } => {
                    (Rupiah(per_kg[zone as usize]).times(kg), eta[zone as usize])
                }
                Rate::SameCity { price, max_kg } if zone == Zone::SameCity && kg <= max_kg => {
                    (Rupiah(price), (0, 0))
                }
                Rate::SameCity { .. } => return None,
            };
            Some(ShippingOption {
                id: service.id.to_owned(),
                courier: service.courier.to_owned(),
                service: service.name.to_owned(),
                price,
                eta_days_min: eta.0,
                eta_days_max: eta.1,
            })
        })
        .collect();
    options.sort_by(|a, b| a.price.cmp(&b.price).then_with(|| a.id.cmp(&b.id)));
    options
}

/// Why a service does not carry a parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// It delivers within one regency or city, and the parcel leaves it
    /// (or either end's city is not known): why, in words.
    OutsideCity(&'static str),
    /// The parcel's chargeable `kg` are over the service's `max_kg`.
    TooHeavy { max_kg: u32, kg: u32 },
}

/// Why `service` does not carry a parcel of `grams` from `origin` to
/// `destination`; `None` when it does. Outside one city comes first: a
/// parcel leaving it is not made lighter by a shorter way.
fn refused(service: &Service, grams: u32, origin: &Place, destination: &Place) -> Option<Refusal> {
    let Rate::SameCity { max_kg, .. } = service.rate else {
        return None;
    };
    if zone(origin, destination) != Zone::SameCity {
        return Some(Refusal::OutsideCity(if destination.region_code.is_none() {
            "this address has no region code: pick its kelurahan or desa to know its city"
        } else if origin.region_code.is_none() {
            "the shop's city is not known"
        } else {
            "the shop and this address are in different regencies or cities"
        }));
    }
    let kg = chargeable_kg(grams);
    (kg > max_kg).then_some(Refusal::TooHeavy { max_kg, kg })
}

/// `refusal` of `service` in words for a field error.
fn message(service: &Service, refusal: Refusal) -> String {
    let name = format!("{} {}", service.courier, service.name);
    match refusal {
        Refusal::OutsideCity(why) => format!("{name} delivers within one regency or city: {why}"),
        Refusal::TooHeavy { max_kg, kg } => {
            format!("{name} carries at most {max_kg} kg; this parcel is {kg} kg")
        }
    }
}

/// Why service `id` is not among [`options`] for a parcel of `grams` from
/// `origin` to `destination`, in words for a field error: an instant or
/// same-day courier's weight limit (in kg), or the city it stays within;
/// `None` when it is offered or no service has the id.
pub fn refusal(id: &str, grams: u32, origin: &Place, destination: &Place) -> Option<String> {
    let service = SERVICES.iter().find(|service| service.id == id)?;
    refused(service, grams, origin, destination).map(|refusal| message(service, refusal))
}

/// The services that would carry `shop_id`'s parcel of `grams` from
/// `origin` to `destination` but for its weight, as [`options`] orders
/// them, each with why ([`refusal`]'s words). Services that leave no city
/// to the parcel (instant ones between two cities) are not listed: they
/// are not this parcel's to choose from.
pub fn too_heavy(
    shop_id: &str,
    grams: u32,
    origin: &Place,
    destination: &Place,
) -> Vec<UnavailableShipping> {
    let mut refused: Vec<(&Service, i64, u32, u32)> = SERVICES
        .iter()
        .filter_map(
            |service| match (&service.rate, refused(service, grams, origin, destination)) {
                (Rate::SameCity { price, .. }, Some(Refusal::TooHeavy { max_kg, kg })) => {
                    Some((service, *price, max_kg, kg))
                }
                _ => None,
            },
        )
        .collect();
    refused.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.id.cmp(b.0.id)));
    refused
        .into_iter()
        .map(|(service, _, max_kg, kg)| UnavailableShipping {
            shop_id: shop_id.to_owned(),
            id: service.id.to_owned(),
            courier: service.courier.to_owned(),
            service: service.name.to_owned(),
            reason: ShippingRefusal::TooHeavy,
            max_kg,
            parcel_kg: kg,
            message: message(service, Refusal::TooHeavy { max_kg, kg }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_rounds_up_to_the_kilogram_and_at_least_one() {
        assert_eq!(chargeable_kg(0), 1);
        assert_eq!(chargeable_kg(1), 1);
        assert_eq!(chargeable_kg(1_000), 1);
        assert_eq!(chargeable_kg(1_001), 2);
        assert_eq!(chargeable_kg(2_999), 3);
    }

    fn named(province: &str) -> Place {
        Place {
            province: province.to_owned(),
            region_code: None,
        }
    }

    fn coded(code: &str) -> Place {
        Place {
            province: String::new(),
            region_code: Some(code.to_owned()),
        }
    }

    #[test]
    fn zones_follow_provinces_and_island_groups_by_name() {
        let zone = |a: &str, b: &str| zone(&named(a), &named(b));
        assert_eq!(zone("Jawa Barat", "Jawa Barat"), Zone::SameProvince);
        assert_eq!(zone("Jawa Barat", "DKI Jakarta"), Zone::SameIslandGroup);
        assert_eq!(zone("Jawa Timur", "Sumatera Utara"), Zone::OtherIslandGroup);
        assert_eq!(zone("Bali", "Kalimantan Timur"), Zone::OtherIslandGroup);
        assert_eq!(zone("Jawa Barat", "Papua"), Zone::MalukuPapua);
        assert_eq!(zone("Maluku", "Papua"), Zone::SameIslandGroup);
        assert_eq!(zone("Papua", "Papua"), Zone::SameProvince);
    }

    #[test]
    fn zones_follow_codes_down_to_the_city() {
        let bandung = "32.73";
        let zone = |b: &str| zone(&coded(bandung), &coded(b));
        assert_eq!(zone("32.73.02.1004"), Zone::SameCity, "Dago, Kota Bandung");
        assert_eq!(
            zone("32.04.13.2001"),
            Zone::SameProvince,
            "Kabupaten Bandung"
        );
        assert_eq!(
            zone("31.74.01.1001"),
            Zone::SameIslandGroup,
            "Jakarta Selatan"
        );
        assert_eq!(zone("21.71.01.1001"), Zone::OtherIslandGroup, "Batam");
        assert_eq!(zone("64.71.01.1001"), Zone::OtherIslandGroup, "Balikpapan");
        assert_eq!(zone("81.71.01.1001"), Zone::MalukuPapua, "Ambon");
        assert_eq!(zone("94.71.01.1001"), Zone::MalukuPapua, "Jayapura");
        assert_eq!(
            super::zone(&coded("81.71"), &coded("91.01.01.2001")),
            Zone::SameIslandGroup,
            "Ambon to Merauke"
        );
    }

    #[test]
    fn a_place_without_a_code_is_zoned_by_its_province() {
        let shop = Place {
            province: "Jawa Barat".to_owned(),
            region_code: Some("32.73".to_owned()),
        };
        assert_eq!(zone(&shop, &named("Jawa Barat")), Zone::SameProvince);
    }

    #[test]
    fn options_are_priced_by_zone_and_kilograms_cheapest_first() {
        let options = options(1_200, &named("Jawa Barat"), &named("Sumatera Utara"));
        let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "anteraja-reg",
                "sicepat-reg",
                "jnt-ez",
                "jne-reg",
                "jne-yes"
            ]
        );
        let reg = options.iter().find(|o| o.id == "jne-reg").unwrap();
        assert_eq!(reg.price, Rupiah(52_000), "2 kg × Rp26.000 in zone 3");
        assert_eq!((reg.eta_days_min, reg.eta_days_max), (3, 5));
        assert_eq!((reg.courier.as_str(), reg.service.as_str()), ("JNE", "REG"));
    }

    #[test]
    fn instant_and_same_day_couriers_stay_within_a_city() {
        let ids = |grams, to: &str| {
            options(grams, &coded("32.73"), &coded(to))
                .into_iter()
                .map(|o| o.id)
                .filter(|id| id.starts_with("gosend") || id.starts_with("grab"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(1_200, "32.73.02.1004"),
            [
                "grab-sameday",
                "gosend-sameday",
                "grab-instant",
                "gosend-instant"
            ]
        );
        assert_eq!(
            ids(9_000, "32.73.02.1004"),
            ["grab-instant", "gosend-instant"]
        );
        assert!(ids(1_200, "32.04.13.2001").is_empty(), "another city");
        let legacy = options(1_200, &coded("32.73"), &named("Jawa Barat"));
        assert!(legacy
            .iter()
            .all(|o| !o.id.starts_with("go") && !o.id.starts_with("grab")));
        let instant = options(1_200, &coded("32.73"), &coded("32.73.02.1004"));
        assert_eq!(
            refusal(
                "gosend-instant",
                1_200,
                &coded("32.73"),
                &coded("32.73.02.1004")
            ),
            None
        );
        let gosend = instant.iter().find(|o| o.id == "gosend-instant").unwrap();
        assert_eq!(
            (gosend.price, gosend.eta_days_min, gosend.eta_days_max),
            (Rupiah(25_000), 0, 0)
        );
    }

    #[test]
    fn a_refused_courier_says_why() {
        let bandung = coded("32.73");
        let heavy = refusal("gosend-sameday", 9_000, &bandung, &coded("32.73.02.1004")).unwrap();
        assert_eq!(
            heavy,
            "GoSend Same Day carries at most 7 kg; this parcel is 9 kg"
        );
        let far = refusal("grab-instant", 1_200, &bandung, &coded("32.04.06.2003")).unwrap();
        assert!(far.contains("different regencies or cities"), "{far}");
        let legacy = refusal("grab-instant", 1_200, &bandung, &named("Jawa Barat")).unwrap();
        assert!(legacy.contains("no region code"), "{legacy}");
        assert_eq!(refusal("jne-reg", 90_000, &bandung, &named("Papua")), None);
        assert_eq!(refusal("pos-kilat", 1_000, &bandung, &bandung), None);
    }

    #[test]
    fn services_too_heavy_for_a_parcel_are_listed_with_why() {
        let bandung = coded("32.73");
        let dago = coded("32.73.02.1004");
        let heavy = too_heavy("shop-1", 9_000, &bandung, &dago);
        let listed: Vec<(&str, u32, u32)> = heavy
            .iter()
            .map(|u| (u.id.as_str(), u.max_kg, u.parcel_kg))
            .collect();
        assert_eq!(listed, [("grab-sameday", 7, 9), ("gosend-sameday", 7, 9)]);
        assert!(heavy
            .iter()
            .all(|u| u.shop_id == "shop-1" && u.reason == ShippingRefusal::TooHeavy));
        assert_eq!(
            heavy[1].message,
            refusal("gosend-sameday", 9_000, &bandung, &dago).unwrap()
        );
        // Neither listed nor offered: the same service for a lighter parcel.
        let offered = options(9_000, &bandung, &dago);
        assert!(heavy.iter().all(|u| offered.iter().all(|o| o.id != u.id)));
        assert!(too_heavy("shop-1", 7_000, &bandung, &dago).is_empty());
        let all = too_heavy("shop-1", 20_001, &bandung, &dago);
        assert_eq!(all.len(), 4, "{all:?}");
        assert_eq!((all[0].max_kg, all[0].parcel_kg), (7, 21));
        // Between two cities, the city is the reason, and none is listed.
        assert!(too_heavy("shop-1", 9_000, &bandung, &coded("32.04.06.2003")).is_empty());
        assert!(too_heavy("shop-1", 9_000, &bandung, &named("Jawa Barat")).is_empty());
    }
}
