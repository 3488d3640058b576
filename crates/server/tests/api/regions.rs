//! Indonesia's regions: the whole list loaded, searched and walked; addresses
//! keyed on a village; shipping zones and instant couriers from codes.

use std::time::Instant;

use axum::http::{Method, StatusCode};
use etalase_contract::{
    Checkout, Order, OrderList, Quote, QuoteAnswer, QuoteChangedBody, Region, RegionLevel,
    RegionList, RegionSearch, SavedAddress, SavedAddressList, ShippingRefusal,
};
use etalase_server::store::{RegionsLoad, Store};
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::put_item;
use crate::helpers::{on_postgres, TestApp, TestDb};
use crate::orders::place;
use crate::quote::post_quote;

/// A 180 g black T-shirt (S) of Kalcer Goods, a shop in Kota Bandung.
const TSHIRT: &str = "var-kaos-polos-combed-30s-hitam-s";
/// An 820 g pair of sneakers (41) of Kalcer Goods, 11 in stock.
const SNEAKERS: &str = "var-sneakers-kanvas-classic-41";
/// A 100 g serum (30 ml) of Glowlab Beauty, a shop in Jakarta Selatan.
const SERUM: &str = "var-serum-niacinamide-30-ml";

/// What `GET /v1/regions?q={q}` answers.
async fn search_all(app: &TestApp, q: &str) -> RegionSearch {
    let path = format!(
        "/v1/regions?q={}",
        form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
    );
    app.get_json::<RegionSearch>(&path).await
}

/// The regions `GET /v1/regions?q={q}` answers.
async fn search(app: &TestApp, q: &str) -> Vec<Region> {
    search_all(app, q).await.regions
}

/// The codes of `regions`.
fn codes(regions: &[Region]) -> Vec<&str> {
    regions.iter().map(|r| r.code.as_str()).collect()
}

/// An address at Dago, Coblong, Kota Bandung, keyed on its village.
pub fn dago() -> Value {
    json!({
        "recipient": "Siti Rahmawati",
        "phone": "0812-3456-7890",
        "region_code": "32.73.02.1004",
        "postal_code": "40135",
        "street": "Jl. Ir. H. Juanda No. 99"
    })
}

#[tokio::test]
async fn the_whole_official_list_is_loaded_with_postal_codes() {
    let app = TestApp::new().await;
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(&app.db);
    let levels = [
        count("SELECT COUNT(*) FROM regions WHERE level = 1")
            .await
            .unwrap(),
        count("SELECT COUNT(*) FROM regions WHERE level = 2")
            .await
            .unwrap(),
        count("SELECT COUNT(*) FROM regions WHERE level = 3")
            .await
            .unwrap(),
    ];
    assert_eq!(levels, [38, 514, 7_285]);
    let villages = count("SELECT COUNT(*) FROM regions WHERE level = 4")
        .await
        .unwrap();
    let with_postal =
        count("SELECT COUNT(*) FROM regions WHERE level = 4 AND postal_code IS NOT NULL")
            .await
            .unwrap();
    assert!(villages >= 83_000, "{villages} villages");
    assert!(
        with_postal * 100 >= villages * 99,
        "{with_postal} of {villages} with a postal code"
    );
}

#[tokio::test]
async fn a_first_start_loads_the_list_once_even_with_instances_starting_together() {
    let database = TestDb::empty().await;
    let started = Instant::now();
    let store = Store::open(&database.url).await.unwrap();
    eprintln!(
        "a first start loaded the region list in {:?}",
        started.elapsed()
    );
    assert_eq!(
        store.load_regions().await.unwrap(),
        RegionsLoad::AlreadyLoaded
    );
    store.close().await;
    let db = sqlx::AnyPool::connect(&database.url).await.unwrap();
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(&db);
    assert_eq!(count("SELECT COUNT(*) FROM region_lists").await.unwrap(), 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM regions").await.unwrap(),
        38 + 514 + 7_285 + 83_762
    );
    db.close().await;
    if !on_postgres() {
        // One SQLite file has one server (decision 0030).
        return;
    }
    // Three instances on one empty PostgreSQL database: one loads, the
    // others wait for its lock and find the list loaded.
    let database = TestDb::empty().await;
    let opened = futures_util::future::join_all((0..3).map(|_| Store::open(&database.url))).await;
    let db = sqlx::AnyPool::connect(&database.url).await.unwrap();
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(&db);
    assert_eq!(count("SELECT COUNT(*) FROM region_lists").await.unwrap(), 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM regions WHERE level = 3")
            .await
            .unwrap(),
        7_285
    );
    db.close().await;
    for store in opened {
        store.unwrap().close().await;
    }
}

#[tokio::test]
async fn a_district_is_found_by_its_name_in_any_case_and_punctuation() {
    let app = TestApp::new().await;
    for q in ["Coblong", "  COBLONG!! ", "kec. coblong", "cobl"] {
        let regions = search(&app, q).await;
        let first = &regions[0];
        assert_eq!(
            (first.code.as_str(), first.level, first.path.as_str()),
            (
                "32.73.02",
                RegionLevel::District,
                "Coblong, Kota Bandung, Jawa Barat"
            ),
            "{q}"
        );
        assert_eq!(first.postal_code, None);
    }
}

#[tokio::test]
async fn a_city_is_found_with_and_without_kota() {
    let app = TestApp::new().await;
    let regions = search(&app, "Kota Bandung").await;
    assert_eq!(regions[0].code, "32.73");
    assert_eq!(regions[0].name, "Kota Bandung");
    let regions = search(&app, "Kab. Bandung").await;
    assert_eq!(regions[0].code, "32.04");
    let regions = search(&app, "bandung").await;
    let codes = codes(&regions);
    assert_eq!(
        codes[..2],
        ["32.04", "32.73"],
        "Kabupaten and Kota Bandung first"
    );
    assert!(regions.len() <= 20);
    let regions = search(&app, "jakarta selatan").await;
    assert_eq!(
        regions[0].path,
        "Kota Administrasi Jakarta Selatan, DKI Jakarta"
    );
}

#[tokio::test]
async fn a_name_that_starts_with_a_type_word_is_found_by_it_first() {
    let app = TestApp::new().await;
    for (q, name, level) in [
        ("kota baru", "Kota Baru", None),
        ("Desa Baru", "Desa Baru", Some(RegionLevel::Village)),
        ("kota agung", "Kota Agung", Some(RegionLevel::District)),
        ("KOTA AGUNG", "Kota Agung", Some(RegionLevel::District)),
    ] {
        let regions = search(&app, q).await;
        assert_eq!(regions[0].name, name, "{q}: {:?}", codes(&regions));
        if let Some(level) = level {
            assert_eq!(regions[0].level, level, "{q}");
        }
        // Every region of exactly that name comes before any other.
        let named = regions.iter().take_while(|r| r.name == name).count();
        assert!(
            regions[named..].iter().all(|r| r.name != name),
            "{q}: {:?}",
            regions.iter().map(|r| &r.path).collect::<Vec<_>>()
        );
    }
    // The type words still name the level: a city, a regency.
    assert_eq!(search(&app, "kota bandung").await[0].code, "32.73");
    assert_eq!(search(&app, "kabupaten bandung").await[0].code, "32.04");
    let bandung = search(&app, "bandung").await;
    assert_eq!(codes(&bandung[..2]), ["32.04", "32.73"]);
}

#[tokio::test]
async fn several_words_find_the_region_whose_path_has_them_then_its_children() {
    let app = TestApp::new().await;
    let regions = search(&app, "jakarta selatan").await;
    assert_eq!(regions[0].code, "31.74", "the city first");
    let districts: RegionList = app.get_json("/v1/regions/31.74/children").await;
    let next = &regions[1..=districts.regions.len()];
    assert_eq!(
        codes(next),
        codes(&districts.regions),
        "then its districts, by name"
    );
    assert!(
        regions
            .iter()
            .take(1 + districts.regions.len())
            .all(|r| r.code.starts_with("31.74")),
        "{:?}",
        regions.iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    // The city's own name has both words: nothing else whose path merely
    // has them (Kepulauan Seribu Selatan, villages "… Selatan").
    assert_eq!(regions.len(), 1 + districts.regions.len());
    // With no region named by both, the words are looked for along paths.
    let regions = search(&app, "coblong bandung").await;
    assert_eq!(regions[0].code, "32.73.02");
    assert!(regions[1..].iter().all(|r| r.code.starts_with("32.73.02.")));
    assert_eq!(regions.len(), 7, "Coblong and its six villages");
}

#[tokio::test]
async fn jakarta_has_one_name_everywhere_and_is_found_by_dki() {
    let app = TestApp::new().await;
    let jakarta: Region = app.get_json("/v1/regions/31").await;
    assert_eq!(jakarta.name, "DKI Jakarta");
    let yogyakarta: Region = app.get_json("/v1/regions/34").await;
    assert_eq!(yogyakarta.name, "DI Yogyakarta");
    let regions = search(&app, "dki").await;
    assert!(regions.len() >= 6, "{:?}", codes(&regions));
    assert!(
        regions[..6]
            .iter()
            .all(|r| r.level == RegionLevel::City && r.code.starts_with("31.")),
        "{:?}",
        codes(&regions)
    );
    assert_eq!(search(&app, "dki jakarta selatan").await[0].code, "31.74");
    // A village of Jakarta and a typed address name the province alike.
    let kebayoran = json!({
        "recipient": "Rina", "phone": "081298765434", "region_code": "31.74.07.1001",
        "postal_code": postal_of(&app, "31.74.07.1001").await, "street": "Jl. Senopati No. 8"
    });
    let coded: SavedAddress = save(&app, &app.token, kebayoran).await.json();
    assert_eq!(coded.address.province, "DKI Jakarta");
    let mut typed = bandung();
    typed["province"] = json!("Daerah Khusus Ibukota Jakarta");
    typed["city"] = json!("Jakarta Selatan");
    let legacy: SavedAddress = save(&app, &app.token, typed).await.json();
    assert_eq!(legacy.address.province, "DKI Jakarta");
    // Glowlab Beauty ships from Jakarta Selatan: the typed address is in
    // its province, the coded one in its city.
    put_item(&app, &app.token, SERUM, json!(1)).await;
    for (address, reg_price) in [(&legacy, 8_000), (&coded, 6_500)] {
        let request = json!({ "address_id": address.address.id, "payment": { "method": "cod" } });
        let quote: Quote = post_quote(&app, &app.token, request).await.json();
        assert_eq!(
            quote.shops[0].shipping.price.0, reg_price,
            "{:?}",
            quote.shops[0].shipping
        );
    }
}

#[tokio::test]
async fn quotes_and_orders_carry_the_village_and_its_code() {
    let app = TestApp::new().await;
    let dago: SavedAddress = save(&app, &app.token, dago()).await.json();
    put_item(&app, &app.token, TSHIRT, json!(1)).await;
    let request = json!({ "address_id": dago.address.id, "payment": { "method": "cod" } });
    let quote: Quote<SavedAddress> = post_quote(&app, &app.token, request).await.json();
    assert_eq!(quote.address, dago);
    assert_eq!(
        (
            quote.address.village.as_deref(),
            quote.address.address.district.as_str(),
            quote.address.address.city.as_str(),
            quote.address.address.province.as_str(),
            quote.address.region_code.as_deref(),
            quote.address.address.postal_code.as_str(),
        ),
        (
            Some("Dago"),
            "Coblong",
            "Kota Bandung",
            "Jawa Barat",
            Some("32.73.02.1004"),
            "40135"
        )
    );
    let response = place(&app, &app.token, &quote.id, "snapshot-1").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout<SavedAddress> = response.json();
    let order = &checkout.orders[0];
    assert_eq!(order.address, dago);
    // The order keeps its copy when the address is forgotten.
    let forget = app
        .call(
            Method::DELETE,
            &format!("/v1/addresses/{}", dago.address.id),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(forget.status, StatusCode::NO_CONTENT);
    let one: Order<SavedAddress> = app.get_json(&format!("/v1/orders/{}", order.id)).await;
    assert_eq!(one.address, dago);
    let history: OrderList<SavedAddress> = app.get_json("/v1/orders").await;
    assert_eq!(history.orders[0].address, dago);
    // A legacy address travels as one: no village, `needs_region`.
    let legacy: SavedAddress = save(&app, &app.token, bandung()).await.json();
    put_item(&app, &app.token, TSHIRT, json!(1)).await;
    let request = json!({ "address_id": legacy.address.id, "payment": { "method": "cod" } });
    let quote: Quote<SavedAddress> = post_quote(&app, &app.token, request).await.json();
    assert_eq!(
        (
            quote.address.needs_region,
            quote.address.village,
            quote.address.region_code
        ),
        (true, None, None)
    );
}

#[tokio::test]
async fn an_order_or_quote_kept_before_snapshots_reads_as_a_legacy_address() {
    let app = TestApp::new().await;
    let dago: SavedAddress = save(&app, &app.token, dago()).await.json();
    put_item(&app, &app.token, TSHIRT, json!(1)).await;
    let request = json!({ "address_id": dago.address.id, "payment": { "method": "cod" } });
    let quote: Quote<SavedAddress> = post_quote(&app, &app.token, request).await.json();
    let checkout: Checkout<SavedAddress> = place(&app, &app.token, &quote.id, "old-1").await.json();
    // As an order placed before: its address the `Address` fields alone.
    let old = serde_json::to_string(&dago.address).unwrap();
    sqlx::query("UPDATE orders SET address = $1")
        .bind(&old)
        .execute(&app.db)
        .await
        .unwrap();
    let order: Order<SavedAddress> = app
        .get_json(&format!("/v1/orders/{}", checkout.orders[0].id))
        .await;
    assert_eq!(
        (
            order.address.address,
            order.address.needs_region,
            order.address.village
        ),
        (dago.address, true, None)
    );
}

#[tokio::test]
async fn a_refused_courier_says_whether_it_is_the_weight_or_the_city() {
    let app = TestApp::new().await;
    let dago: SavedAddress = save(&app, &app.token, dago()).await.json();
    put_item(&app, &app.token, SNEAKERS, json!(10)).await;
    let choose = |address: &SavedAddress, option: &str| {
        json!({
            "address_id": address.address.id,
            "shipping": [{ "shop_id": "shop-kalcer-goods", "option_id": option }],
            "payment": { "method": "cod" }
        })
    };
    // 10 pairs of 820 g, 9 kg charged: over same-day's 7 kg, within instant's 20.
    let (status, _, field, message) = post_quote(&app, &app.token, choose(&dago, "gosend-sameday"))
        .await
        .refusal();
    assert_eq!(
        (status, field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("shipping[0].option_id")
        )
    );
    assert!(message.contains("at most 7 kg"), "{message}");
    assert!(message.contains("9 kg"), "{message}");
    assert!(!message.contains("city"), "{message}");
    let instant = post_quote(&app, &app.token, choose(&dago, "gosend-instant")).await;
    assert_eq!(instant.status, StatusCode::OK, "{}", instant.text());
    // The quote lists the couriers too heavy for, with the same words.
    let answer: QuoteAnswer<SavedAddress> = instant.json();
    let listed: Vec<(&str, &str, ShippingRefusal, u32, u32)> = answer
        .unavailable_shipping
        .iter()
        .map(|u| {
            (
                u.shop_id.as_str(),
                u.id.as_str(),
                u.reason,
                u.max_kg,
                u.parcel_kg,
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (
                "shop-kalcer-goods",
                "grab-sameday",
                ShippingRefusal::TooHeavy,
                7,
                9
            ),
            (
                "shop-kalcer-goods",
                "gosend-sameday",
                ShippingRefusal::TooHeavy,
                7,
                9
            ),
        ]
    );
    let gosend = &answer.unavailable_shipping[1];
    assert_eq!(
        (gosend.courier.as_str(), gosend.service.as_str()),
        ("GoSend", "Same Day")
    );
    assert!(
        message.ends_with(&gosend.message),
        "{message} / {}",
        gosend.message
    );
    let offered = &answer.quote.shops[0].shipping_options;
    assert!(
        offered.iter().all(|o| !o.id.ends_with("-sameday")),
        "{offered:?}"
    );
    assert!(offered.iter().any(|o| o.id == "grab-instant"));
    let cimenyan = json!({
        "recipient": "Budi", "phone": "081298765432", "region_code": "32.04.06.2003",
        "postal_code": "40197", "street": "Jl. Cimenyan No. 1"
    });
    let cimenyan: SavedAddress = save(&app, &app.token, cimenyan).await.json();
    let (_, _, _, message) = post_quote(&app, &app.token, choose(&cimenyan, "gosend-instant"))
        .await
        .refusal();
    assert!(
        message.contains("different regencies or cities"),
        "{message}"
    );
    assert!(!message.contains("kg"), "{message}");
    // To another city no instant courier is the parcel's to choose from:
    // none is listed as unavailable.
    let request = json!({ "address_id": cimenyan.address.id, "payment": { "method": "cod" } });
    let answer: QuoteAnswer<SavedAddress> = post_quote(&app, &app.token, request).await.json();
    assert!(answer.unavailable_shipping.is_empty(), "{answer:?}");
    // Nor within the city when the parcel is light enough.
    put_item(&app, &app.token, SNEAKERS, json!(1)).await;
    let request = json!({ "address_id": dago.address.id, "payment": { "method": "cod" } });
    let answer: QuoteAnswer<SavedAddress> = post_quote(&app, &app.token, request).await.json();
    assert_eq!(answer.quote.shops[0].weight_grams, 820);
    assert!(answer.unavailable_shipping.is_empty(), "{answer:?}");
}

#[tokio::test]
async fn a_changed_quote_lists_the_couriers_too_heavy_for_its_parcels_as_a_quote_does() {
    let app = TestApp::new().await;
    let dago: SavedAddress = save(&app, &app.token, dago()).await.json();
    // 10 pairs of 820 g, 9 kg charged: over same-day's 7 kg.
    put_item(&app, &app.token, SNEAKERS, json!(10)).await;
    let request = json!({ "address_id": dago.address.id, "payment": { "method": "cod" } });
    let answer: QuoteAnswer<SavedAddress> = post_quote(&app, &app.token, request).await.json();
    sqlx::query("UPDATE variants SET price = price + 1000 WHERE id = $1")
        .bind(SNEAKERS)
        .execute(&app.db)
        .await
        .unwrap();
    let response = place(&app, &app.token, &answer.quote.id, "changed-heavy").await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.text());
    let changed: QuoteChangedBody<SavedAddress> = response.json();
    let fresh = changed.error.quote;
    assert!(fresh.quote.totals.grand_total > answer.quote.totals.grand_total);
    assert_eq!(fresh.unavailable_shipping, answer.unavailable_shipping);
    let ids: Vec<&str> = fresh
        .unavailable_shipping
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(ids, ["grab-sameday", "gosend-sameday"]);
    // Replayed under its key, byte for byte, with the list.
    let again = place(&app, &app.token, &answer.quote.id, "changed-heavy").await;
    assert_eq!(again.text(), response.text());
}

#[tokio::test]
async fn misshapen_codes_are_refused_naming_the_field_and_padded_ones_only_in_a_path() {
    let app = TestApp::new().await;
    for code in [
        "32.73.01.1001%20",
        "%2032.73",
        "032.73",
        "32.073",
        "32.73.01.01001",
        "32.73.001",
        "32.73.01.1001%0A",
        "%EF%BC%93%EF%BC%92.73",
    ] {
        for path in [
            format!("/v1/regions/{code}"),
            format!("/v1/regions/{code}/children"),
        ] {
            let response = app.get(&path).await;
            let (status, error, field, _) = response.refusal();
            assert_eq!(
                (status, error.as_str(), field.as_deref()),
                (StatusCode::BAD_REQUEST, "bad_request", Some("code")),
                "{path}: {}",
                response.text()
            );
        }
    }
    for code in [
        "032.73.02.1004",
        "32.73.02.01004",
        "32.73.002.1004",
        "32.73. 02.1004",
        " ",
    ] {
        let mut body = dago();
        body["region_code"] = json!(code);
        let (status, error, field, _) = save(&app, &app.token, body).await.refusal();
        assert_eq!(
            (status, error.as_str(), field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("region_code")
            ),
            "{code:?}"
        );
    }
    let saved: SavedAddressList = app.get_json("/v1/addresses").await;
    assert!(saved.addresses.is_empty());
    // In a body, a code is trimmed as the postal code beside it is.
    for (code, postal_code) in [
        ("32.73.02.1004 ", "40135"),
        (" 32.73.02.1004", " 40135"),
        ("\t32.73.02.1004\n", "40135 "),
    ] {
        let mut body = dago();
        body["region_code"] = json!(code);
        body["postal_code"] = json!(postal_code);
        let response = save(&app, &app.token, body).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{code:?}: {}",
            response.text()
        );
        let saved: SavedAddress = response.json();
        assert_eq!(
            (
                saved.region_code.as_deref(),
                saved.address.postal_code.as_str(),
                saved.village.as_deref()
            ),
            (Some("32.73.02.1004"), "40135", Some("Dago")),
            "{code:?}"
        );
    }
}

#[tokio::test]
async fn a_village_is_found_and_told_apart_by_the_words_above_it() {
    let app = TestApp::new().await;
    let regions = search(&app, "dago").await;
    let dago = regions.iter().find(|r| r.code == "32.73.02.1004").unwrap();
    assert_eq!(dago.level, RegionLevel::Village);
    assert_eq!(dago.path, "Dago, Coblong, Kota Bandung, Jawa Barat");
    assert_eq!(dago.postal_code.as_deref(), Some("40135"));
    assert!(
        regions.iter().any(|r| r.code == "32.01.20.2003"),
        "the Dago of Kabupaten Bogor"
    );
    let regions = search(&app, "dago bandung").await;
    assert_eq!(codes(&regions), ["32.73.02.1004"]);
    // A word of fewer than three letters narrows only.
    let regions = search(&app, "dago co").await;
    assert_eq!(codes(&regions), ["32.73.02.1004"]);
}

#[tokio::test]
async fn a_name_of_several_regions_finds_them_all_by_path() {
    let app = TestApp::new().await;
    let regions = search(&app, "Cisarua").await;
    let districts: Vec<&str> = regions[..3].iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        districts,
        [
            "Cisarua, Kabupaten Bogor, Jawa Barat",
            "Cisarua, Kabupaten Sumedang, Jawa Barat",
            "Cisarua, Kabupaten Bandung Barat, Jawa Barat",
        ]
    );
    assert!(regions[3..]
        .iter()
        .all(|r| r.level == RegionLevel::Village && r.name == "Cisarua"));
    let many = search_all(&app, "suka").await;
    assert_eq!(
        (many.regions.len(), many.more),
        (20, true),
        "at most 20, and more"
    );
    let cisarua = search_all(&app, "cisarua").await;
    assert!(
        !cisarua.more,
        "{} regions, all listed",
        cisarua.regions.len()
    );
}

#[tokio::test]
async fn more_says_whether_regions_were_left_out() {
    let app = TestApp::new().await;
    for (q, len, more) in [
        ("coblong bandung", 7, false),
        ("jakarta selatan", 11, false),
        ("kota bandung", 20, true),
        ("sumber", 20, true),
    ] {
        let found = search_all(&app, q).await;
        assert_eq!((found.regions.len(), found.more), (len, more), "{q}");
    }
}

#[tokio::test]
async fn a_word_one_letter_off_is_read_as_the_lists_word() {
    let app = TestApp::new().await;
    for (q, first) in [
        ("Cobong", "Coblong, Kota Bandung, Jawa Barat"),
        ("kec. coblng", "Coblong, Kota Bandung, Jawa Barat"),
        ("Surabya", "Kota Surabaya, Jawa Timur"),
        ("kota bandng", "Kota Bandung, Jawa Barat"),
        ("cobolng bandung", "Coblong, Kota Bandung, Jawa Barat"),
    ] {
        let regions = search(&app, q).await;
        assert_eq!(
            regions.first().map(|r| r.path.as_str()),
            Some(first),
            "{q}: {:?}",
            codes(&regions)
        );
    }
    // Both Bandungs first, as for the word spelt right.
    let regions = search(&app, "Bandng").await;
    assert_eq!(codes(&regions[..2]), ["32.04", "32.73"]);
    // A word the list's words start with is read as typed, never
    // corrected: the typed prefix's regions only.
    let regions = search(&app, "sukamaj").await;
    assert!(
        regions
            .iter()
            .all(|r| r.path.to_lowercase().contains("sukamaj")),
        "{:?}",
        regions.iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    // Short words are not guessed at; far words find nothing.
    assert!(search(&app, "dgao").await.is_empty());
    let nothing = search_all(&app, "qwertyuiop").await;
    assert_eq!((nothing.regions.len(), nothing.more), (0, false));
}

#[tokio::test]
async fn a_region_and_its_children_are_read_by_code() {
    let app = TestApp::new().await;
    let coblong: Region = app.get_json("/v1/regions/32.73.02").await;
    assert_eq!(coblong.name, "Coblong");
    let villages: RegionList = app.get_json("/v1/regions/32.73.02/children").await;
    assert_eq!(villages.regions.len(), 6);
    assert_eq!(villages.regions[0].name, "Cipaganti");
    assert!(villages.regions.iter().all(|v| v.postal_code.is_some()));
    let provinces_of_java: RegionList = app.get_json("/v1/regions/32/children").await;
    assert_eq!(provinces_of_java.regions.len(), 27);
    let none: RegionList = app.get_json("/v1/regions/32.73.02.1004/children").await;
    assert!(none.regions.is_empty());
}

#[tokio::test]
async fn bad_searches_and_codes_are_refused_naming_the_parameter() {
    let app = TestApp::new().await;
    for (path, status, field) in [
        ("/v1/regions", StatusCode::BAD_REQUEST, Some("q")),
        ("/v1/regions?q=", StatusCode::BAD_REQUEST, Some("q")),
        ("/v1/regions?q=ab", StatusCode::BAD_REQUEST, Some("q")),
        ("/v1/regions?q=k.+b", StatusCode::BAD_REQUEST, Some("q")),
        ("/v1/regions?q=a+b+c", StatusCode::BAD_REQUEST, Some("q")),
        (
            "/v1/regions?q=a+b+c+d+e+f+g",
            StatusCode::BAD_REQUEST,
            Some("q"),
        ),
        (
            &format!("/v1/regions?q={}", "a".repeat(61)),
            StatusCode::BAD_REQUEST,
            Some("q"),
        ),
        (
            "/v1/regions?q=dago&page=2",
            StatusCode::BAD_REQUEST,
            Some("page"),
        ),
        ("/v1/regions/32-73", StatusCode::BAD_REQUEST, Some("code")),
        (
            "/v1/regions/32.73.2/children",
            StatusCode::BAD_REQUEST,
            Some("code"),
        ),
        ("/v1/regions/99.99", StatusCode::NOT_FOUND, None),
        ("/v1/regions/99.99/children", StatusCode::NOT_FOUND, None),
    ] {
        let response = app.get(path).await;
        let (got, code, got_field, _) = response.refusal();
        assert_eq!(
            (got, got_field.as_deref()),
            (status, field),
            "{path}: {}",
            response.text()
        );
        let expected = if status == StatusCode::NOT_FOUND {
            "not_found"
        } else {
            "bad_request"
        };
        assert_eq!(code, expected, "{path}");
    }
    let anonymous = app
        .call(Method::GET, "/v1/regions?q=dago", None, None)
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_address_keyed_on_a_village_is_named_from_the_list() {
    let app = TestApp::new().await;
    let response = save(&app, &app.token, dago()).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let saved: SavedAddress = response.json();
    assert_eq!(
        (
            saved.address.province.as_str(),
            saved.address.city.as_str(),
            saved.address.district.as_str(),
            saved.village.as_deref(),
            saved.region_code.as_deref(),
            saved.needs_region,
        ),
        (
            "Jawa Barat",
            "Kota Bandung",
            "Coblong",
            Some("Dago"),
            Some("32.73.02.1004"),
            false
        )
    );
    let listed: SavedAddressList = app.get_json("/v1/addresses").await;
    assert_eq!(listed.addresses, std::slice::from_ref(&saved));
    let one: SavedAddress = app
        .get_json(&format!("/v1/addresses/{}", saved.address.id))
        .await;
    assert_eq!(one, saved);
}

#[tokio::test]
async fn a_postal_code_of_another_village_is_refused() {
    let app = TestApp::new().await;
    let mut body = dago();
    body["postal_code"] = json!("40132");
    let (status, code, field, message) = save(&app, &app.token, body).await.refusal();
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("postal_code")
        )
    );
    assert!(message.contains("40135"), "{message}");
    for (change, field) in [
        (json!({ "region_code": "32.73.02" }), "region_code"),
        (json!({ "region_code": "32.73.02.9999" }), "region_code"),
        (json!({ "region_code": "32/73" }), "region_code"),
        (json!({ "province": "Jawa Barat" }), "province"),
        (json!({ "city": "Bandung" }), "city"),
    ] {
        let mut body = dago();
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let (status, _, got, message) = save(&app, &app.token, body).await.refusal();
        assert_eq!(
            (status, got.as_deref()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{change}: {message}"
        );
    }
    let mut typed = bandung();
    typed.as_object_mut().unwrap().remove("district");
    let (_, _, field, _) = save(&app, &app.token, typed).await.refusal();
    assert_eq!(field.as_deref(), Some("district"));
}

#[tokio::test]
async fn an_address_typed_before_regions_still_ships_and_asks_for_its_district() {
    let app = TestApp::new().await;
    let saved: SavedAddress = save(&app, &app.token, bandung()).await.json();
    assert_eq!(
        (saved.needs_region, saved.region_code, saved.village),
        (true, None, None)
    );
    assert_eq!(saved.address.city, "Kota Bandung");
    put_item(&app, &app.token, TSHIRT, json!(1)).await;
    let request = json!({ "address_id": saved.address.id, "payment": { "method": "cod" } });
    let quote: Quote = post_quote(&app, &app.token, request).await.json();
    let ids: Vec<&str> = quote.shops[0]
        .shipping_options
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "sicepat-reg",
            "anteraja-reg",
            "jne-reg",
            "jnt-ez",
            "jne-yes"
        ]
    );
    assert_eq!(
        quote.shops[0].shipping.price.0, 8_000,
        "the same province, as before regions"
    );
}

#[tokio::test]
async fn zones_come_from_codes_and_instant_couriers_stay_within_a_city() {
    let app = TestApp::new().await;
    put_item(&app, &app.token, TSHIRT, json!(1)).await;
    let quote_to = |body: Value, option: Option<&'static str>| {
        let app = &app;
        async move {
            let saved: SavedAddress = save(app, &app.token, body).await.json();
            let shipping = option.map_or(
                json!([]),
                |id| json!([{ "shop_id": "shop-kalcer-goods", "option_id": id }]),
            );
            let request = json!({
                "address_id": saved.address.id,
                "shipping": shipping,
                "payment": { "method": "cod" }
            });
            post_quote(app, &app.token, request).await
        }
    };
    // Kalcer Goods (Kota Bandung) to Dago, Kota Bandung: the same city.
    let quote: Quote = quote_to(dago(), Some("gosend-instant")).await.json();
    let shop = &quote.shops[0];
    let ids: Vec<&str> = shop
        .shipping_options
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    for instant in [
        "gosend-instant",
        "gosend-sameday",
        "grab-instant",
        "grab-sameday",
    ] {
        assert!(ids.contains(&instant), "{instant} in {ids:?}");
    }
    assert_eq!(
        (shop.shipping.id.as_str(), shop.shipping.price.0),
        ("gosend-instant", 25_000)
    );
    let reg = shop
        .shipping_options
        .iter()
        .find(|o| o.id == "anteraja-reg")
        .unwrap();
    assert_eq!(reg.price.0, 6_500, "the same city");
    // To Cimenyan, Kabupaten Bandung: the same province, no instant courier.
    let cimenyan = json!({
        "recipient": "Budi", "phone": "081298765432", "region_code": "32.04.06.2003",
        "postal_code": "40197", "street": "Jl. Cimenyan No. 1"
    });
    let quote: Quote = quote_to(cimenyan.clone(), None).await.json();
    let shop = &quote.shops[0];
    assert!(
        shop.shipping_options.iter().all(|o| o.eta_days_max > 0),
        "{:?}",
        shop.shipping_options
    );
    assert_eq!(
        (shop.shipping.id.as_str(), shop.shipping.price.0),
        ("sicepat-reg", 8_000)
    );
    let refused = quote_to(cimenyan, Some("grab-instant")).await;
    let (status, _, field, _) = refused.refusal();
    assert_eq!(
        (status, field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("shipping[0].option_id")
        )
    );
    // To Namosain, Kota Kupang: another island group.
    let kupang = json!({
        "recipient": "Maria", "phone": "081298765433", "region_code": "53.71.01.1001",
        "postal_code": postal_of(&app, "53.71.01.1001").await, "street": "Jl. El Tari No. 5"
    });
    let quote: Quote = quote_to(kupang, None).await.json();
    assert_eq!(
        quote.shops[0].shipping.price.0, 23_000,
        "AnterAja, another island group"
    );
}

/// The postal code of village `code`, as the API answers it.
async fn postal_of(app: &TestApp, code: &str) -> String {
    let village: Region = app.get_json(&format!("/v1/regions/{code}")).await;
    village.postal_code.unwrap()
}

#[tokio::test]
async fn the_document_gives_the_search_s_more_and_the_quote_s_unavailable_couriers() {
    let app = TestApp::new().await;
    let doc: Value = app.get("/openapi.json").await.json();
    let answer = |path: &str, method: &str| {
        doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        answer("/v1/regions", "get"),
        "#/components/schemas/RegionSearch"
    );
    assert_eq!(
        schemas["RegionSearch"]["properties"]["more"]["type"],
        "boolean"
    );
    assert_eq!(
        answer("/v1/checkout/quote", "post"),
        "#/components/schemas/QuoteAnswer_SavedAddress"
    );
    // The quote's fields, and the couriers beside them.
    let parts = &schemas["QuoteAnswer_SavedAddress"]["allOf"];
    assert_eq!(parts[0]["$ref"], "#/components/schemas/Quote_SavedAddress");
    assert_eq!(
        parts[1]["properties"]["unavailable_shipping"]["items"]["$ref"],
        "#/components/schemas/UnavailableShipping"
    );
    let unavailable = schemas["UnavailableShipping"]["properties"].to_string();
    for field in ["reason", "max_kg", "parcel_kg", "message"] {
        assert!(unavailable.contains(field), "{field}: {unavailable}");
    }
}

#[tokio::test]
async fn jakartas_short_forms_find_their_cities() {
    let app = TestApp::new().await;
    for (short, code, name) in [
        ("jaksel", "31.74", "Kota Administrasi Jakarta Selatan"),
        ("JAKBAR", "31.73", "Kota Administrasi Jakarta Barat"),
        ("jaktim", "31.75", "Kota Administrasi Jakarta Timur"),
        ("jakut", "31.72", "Kota Administrasi Jakarta Utara"),
        ("Jakpus", "31.71", "Kota Administrasi Jakarta Pusat"),
    ] {
        let regions = search(&app, short).await;
        assert_eq!(
            (regions[0].code.as_str(), regions[0].name.as_str()),
            (code, name),
            "{short}"
        );
    }
    let regions = search(&app, "tebet jaksel").await;
    assert_eq!(
        regions[0].name, "Tebet",
        "a district by its city's short form"
    );
    assert_eq!(regions[0].code, "31.74.01");
}

#[tokio::test]
async fn a_postal_code_finds_its_villages() {
    let app = TestApp::new().await;
    let found = search_all(&app, "40135").await;
    assert!(!found.more);
    assert!(codes(&found.regions).contains(&"32.73.02.1004"), "Dago");
    assert!(found.regions.iter().all(|region| {
        region.level == RegionLevel::Village && region.postal_code.as_deref() == Some("40135")
    }));
    assert_eq!(
        found
            .regions
            .iter()
            .find(|r| r.code == "32.73.02.1004")
            .unwrap()
            .path,
        "Dago, Coblong, Kota Bandung, Jawa Barat"
    );
    assert!(search(&app, "00000").await.is_empty(), "no village has it");
}

#[tokio::test]
async fn full_width_letters_and_zero_width_characters_are_read_as_plain_ones() {
    let app = TestApp::new().await;
    let plain = codes(&search(&app, "bandung").await).join(" ");
    let wide = search(&app, "ｂａｎｄｕｎｇ").await;
    assert_eq!(codes(&wide).join(" "), plain, "full width, NFKC");
    let hidden = search(&app, "ban\u{200B}dung\u{FEFF}").await;
    assert_eq!(codes(&hidden).join(" "), plain, "zero-width ignored");
    let coblong = search(&app, "Ｃｏｂｌｏｎｇ").await;
    assert_eq!(coblong[0].code, "32.73.02");
}
