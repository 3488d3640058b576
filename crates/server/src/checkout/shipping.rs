//! Shipping: zones from provinces, couriers' rates by weight, ETAs.
//!
//! A parcel is charged by the kilogram, its weight rounded up to the next
//! whole kilogram and at least one. Its zone depends on where it goes from
//! and to: the same province (zone 1), the same island group (2), another
//! island group (3), or to or from Maluku and Papua (4).

use etalase_contract::{Rupiah, ShippingOption};

/// Island groups of Indonesia, as couriers price them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Sumatera,
    Jawa,
    BaliNusaTenggara,
    Kalimantan,
    Sulawesi,
    MalukuPapua,
}

/// The region of a canonical province name (see `etalase_contract::PROVINCES`).
fn region(province: &str) -> Region {
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
        | "Lampung" => Region::Sumatera,
        "Bali" | "Nusa Tenggara Barat" | "Nusa Tenggara Timur" => Region::BaliNusaTenggara,
        "Kalimantan Barat" | "Kalimantan Tengah" | "Kalimantan Selatan" | "Kalimantan Timur"
        | "Kalimantan Utara" => Region::Kalimantan,
        "Sulawesi Utara" | "Gorontalo" | "Sulawesi Tengah" | "Sulawesi Barat"
        | "Sulawesi Selatan" | "Sulawesi Tenggara" => Region::Sulawesi,
        "Maluku" | "Maluku Utara" | "Papua" | "Papua Barat" | "Papua Barat Daya"
        | "Papua Tengah" | "Papua Pegunungan" | "Papua Selatan" => Region::MalukuPapua,
        // Banten, DKI Jakarta, Jawa Barat, Jawa Tengah, DI Yogyakarta, Jawa Timur.
        _ => Region::Jawa,
    }
}

/// The zone (1 to 4) of a parcel from `origin` to `destination` provinces.
pub fn zone(origin: &str, destination: &str) -> usize {
    let (from, to) = (region(origin), region(destination));
    if origin == destination {
        1
    } else if from == to {
        2
    } else if from == Region::MalukuPapua || to == Region::MalukuPapua {
        4
    } else {
        3
    }
}

/// A courier service: its price per kilogram and ETA in days, by zone.
struct Service {
    id: &'static str,
    courier: &'static str,
    name: &'static str,
    per_kg: [i64; 4],
    eta: [(u32, u32); 4],
}

/// The services offered, in no particular order.
const SERVICES: [Service; 5] = [
    Service {
        id: "jne-reg",
        courier: "JNE",
        name: "REG",
        per_kg: [9_000, 14_000, 26_000, 48_000],
        eta: [(1, 2), (2, 3), (3, 5), (5, 8)],
    },
    Service {
        id: "jne-yes",
        courier: "JNE",
        name: "YES",
        per_kg: [18_000, 26_000, 45_000, 85_000],
        eta: [(1, 1), (1, 1), (1, 2), (2, 3)],
    },
    Service {
        id: "sicepat-reg",
        courier: "SiCepat",
        name: "REG",
        per_kg: [8_000, 13_000, 24_000, 45_000],
        eta: [(1, 2), (2, 3), (3, 4), (4, 7)],
    },
    Service {
        id: "jnt-ez",
        courier: "J&T",
        name: "EZ",
        per_kg: [9_000, 13_500, 25_000, 47_000],
        eta: [(1, 2), (2, 3), (3, 5), (5, 7)],
    },
    Service {
        id: "anteraja-reg",
        courier: "AnterAja",
        name: "Reguler",
        per_kg: [8_500, 12_500, 23_000, 44_000],
        eta: [(1, 3), (2, 4), (3, 5), (5, 8)],
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
/// cheapest first (then by id).
pub fn options(grams: u32, origin: &str, destination: &str) -> Vec<ShippingOption> {
    let zone = zone(origin, destination) - 1;
    let kg = chargeable_kg(grams);
    let mut options: Vec<ShippingOption> = SERVICES
        .iter()
        .map(|service| ShippingOption {
            id: service.id.to_owned(),
            courier: service.courier.to_owned(),
            service: service.name.to_owned(),
            price: Rupiah(service.per_kg[zone]).times(kg),
            eta_days_min: service.eta[zone].0,
            eta_days_max: service.eta[zone].1,
        })
        .collect();
    options.sort_by(|a, b| a.price.cmp(&b.price).then_with(|| a.id.cmp(&b.id)));
    options
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

    #[test]
    fn zones_follow_provinces_and_island_groups() {
        assert_eq!(zone("Jawa Barat", "Jawa Barat"), 1);
        assert_eq!(zone("Jawa Barat", "DKI Jakarta"), 2);
        assert_eq!(zone("Jawa Timur", "Sumatera Utara"), 3);
        assert_eq!(zone("Bali", "Kalimantan Timur"), 3);
        assert_eq!(zone("Jawa Barat", "Papua"), 4);
        assert_eq!(zone("Maluku", "Papua"), 2);
        assert_eq!(zone("Papua", "Papua"), 1);
    }

    #[test]
    fn options_are_priced_by_zone_and_kilograms_cheapest_first() {
        let options = options(1_200, "Jawa Barat", "Sumatera Utara");
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
}
