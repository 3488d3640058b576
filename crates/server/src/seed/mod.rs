//! The demo catalogue, written into an empty database at first start.
//!
//! [`seed_if_empty`] writes every shop, creator, product, variant and stream
//! of the `data` module in one `BEGIN IMMEDIATE` transaction, and only when the
//! database has no shop yet: starting the server again, or two servers at
//! once, never duplicates it.
//!
//! | stream | kind | creator | pinned |
//! | --- | --- | --- | --- |
//! | `live-dapur-sari` | live | `@sari.masak` | `prd-sambal-roa-cakalang` |
//! | `live-gaya-raka` | live | `@rakagaya` | `prd-kemeja-batik-parang` |
//! | `vid-rutinitas-glow` | video | `@nadia.glow` | `prd-serum-niacinamide` |
//!
//! The video's products are tagged by the second over its first minute (the
//! demo plays it in a loop): `prd-facial-wash-centella` from 0 to 20,
//! `prd-serum-niacinamide` from 20 to 40, `prd-sunscreen-gel-spf50` from 40
//! to 60.
//!
//! The creators' ids are `crt-sari-masak`, `crt-raka-gaya` and
//! `crt-nadia-glow`; in demo mode the demo host's users of those names run
//! them (see [`crate::server::register_demo_host`]). Their names are keyed
//! against look-alikes like any creator's ([`crate::text::name_key`]); on
//! a database seeded before keys existed, every creator gets its key at
//! the next start.
//!
//! Vouchers: `BATIKHEMAT` (shop, 10% up to Rp25.000 from Rp150.000),
//! `DAPURHEMAT` (shop, Rp5.000 from Rp50.000), `ETALASE10` (platform, 10% up
//! to Rp50.000 from Rp100.000), `HEMAT20RB` (platform, Rp20.000 from
//! Rp200.000), `ONGKIRGRATIS` (free shipping up to Rp20.000 from Rp50.000)
//! and `LEBARAN2024` (expired).
//!
//! Commission rates for creators go by category (`data::commission_bp`):
//! 12% beauty, 10% textiles, 8% apparel and hijab, 7% footwear and bags,
//! 6% coffee and drinkware, 5% food.
//!
//! Products worth knowing: `prd-kaos-polos-combed-30s` (two options, twelve
//! variants), `prd-kerupuk-udang-sidoarjo` (no options, sold out),
//! `prd-keripik-singkong-balado` (its cheaper variant is sold out),
//! `prd-sambal-roa-cakalang` (an `&` in its name) and
//! `prd-kaos-edisi-lebaran-2024` (unlisted: shoppers get 404).

pub(crate) mod data;

use crate::store::{Flag, Json, SEED_LOCK};
use sqlx::AnyConnection;

use crate::store::{creator, Store, Stored};
use crate::text::name_key;
use data::{ProductSeed, StreamSeed, VoucherSeed, CREATORS, PRODUCTS, SHOPS, STREAMS, VOUCHERS};

/// What [`seed_if_empty`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The database was empty and now holds the demo catalogue.
    Seeded,
    /// The database already had shops; only what later versions seed
    /// (vouchers, creators' name keys, shops' region codes) was added.
    AlreadySeeded,
}

/// Writes the demo catalogue if the database has no shop yet.
pub async fn seed_if_empty(store: &Store) -> Result<SeedOutcome, sqlx::Error> {
    // The write lock (SQLite) or the seed's advisory lock (PostgreSQL) is
    // taken before the check, so two servers starting on one database
    // cannot both find it empty.
    let mut tx = store.begin_write().await?;
    store.lock_until_commit(&mut tx, SEED_LOCK).await?;
    let has_shops: Flag = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM shops)")
        .fetch_one(&mut *tx)
        .await?;
    if has_shops.0 {
        // A database seeded before vouchers existed gets them now.
        let has_vouchers: Flag = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM vouchers)")
            .fetch_one(&mut *tx)
            .await?;
        if !has_vouchers.0 {
            for voucher in VOUCHERS {
                insert_voucher(&mut tx, voucher).await?;
            }
        }
        // One written before creators' names were keyed gets the keys now.
        creator::key_names(&mut tx).await?;
        // One seeded before regions gets its shops' cities now.
        for shop in SHOPS {
            sqlx::query("UPDATE shops SET region_code = $1 WHERE id = $2 AND region_code IS NULL")
                .bind(shop.region_code)
                .bind(shop.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        return Ok(SeedOutcome::AlreadySeeded);
    }
    for shop in SHOPS {
        sqlx::query(
            "INSERT INTO shops (id, name, city, province, region_code) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(shop.id)
        .bind(shop.name)
        .bind(shop.city)
        .bind(shop.province)
        .bind(shop.region_code)
        .execute(&mut *tx)
        .await?;
    }
    for creator in CREATORS {
        sqlx::query("INSERT INTO creators (id, name, skeleton) VALUES ($1, $2, $3)")
            .bind(creator.id)
            .bind(creator.name)
            .bind(name_key(creator.name))
            .execute(&mut *tx)
            .await?;
    }
    for product in PRODUCTS {
        insert_product(&mut tx, product).await?;
    }
    for stream in STREAMS {
        insert_stream(&mut tx, stream).await?;
    }
    for voucher in VOUCHERS {
        insert_voucher(&mut tx, voucher).await?;
    }
    tx.commit().await?;
    Ok(SeedOutcome::Seeded)
}

async fn insert_voucher(
    conn: &mut AnyConnection,
    voucher: &VoucherSeed,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO vouchers (code, kind, shop_id, percent_bp, amount, max_discount, min_spend,
                               quota, starts_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(voucher.code)
    .bind(Stored(voucher.kind))
    .bind(voucher.shop)
    .bind(voucher.percent_bp.map(i64::from))
    .bind(voucher.amount)
    .bind(voucher.max_discount)
    .bind(voucher.min_spend)
    .bind(i64::from(voucher.quota))
    .bind(voucher.starts_at)
    .bind(voucher.expires_at)
    .execute(conn)
    .await
    .map(drop)
}

async fn insert_product(
    conn: &mut AnyConnection,
    product: &ProductSeed,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO products
             (id, shop_id, name, description, category, hue, image_count, sold_count, listed,
              commission_bp)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(product.id)
    .bind(product.shop)
    .bind(product.name)
    .bind(product.description)
    .bind(Stored(product.category))
    .bind(i64::from(product.hue))
    .bind(i64::from(product.images))
    .bind(i64::from(product.sold))
    .bind(i64::from(product.listed))
    .bind(i64::from(data::commission_bp(product.category)))
    .execute(&mut *conn)
    .await?;
    for (position, (name, choices)) in (0_i64..).zip(product.options) {
        sqlx::query(
            "INSERT INTO product_options (product_id, position, name, choices) VALUES ($1, $2, $3, $4)",
        )
        .bind(product.id)
        .bind(position)
        .bind(*name)
        .bind(Json(choices))
        .execute(&mut *conn)
        .await?;
    }
    for (position, variant) in (0_i64..).zip(product.variants) {
        sqlx::query(
            "INSERT INTO variants
                 (id, product_id, position, option_values, price, original_price, stock, weight_grams)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(variant_id(product.id, variant.values))
        .bind(product.id)
        .bind(position)
        .bind(Json(variant.values))
        .bind(variant.price)
        .bind(variant.original_price)
        .bind(i64::from(variant.stock))
        .bind(i64::from(variant.grams))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_stream(conn: &mut AnyConnection, stream: &StreamSeed) -> Result<(), sqlx::Error> {
    // The pin refers to the showcase written below; the foreign key is
    // checked at commit.
    sqlx::query(
        "INSERT INTO streams (id, title, kind, creator_id, started_at, pinned_product_id)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(stream.id)
    .bind(stream.title)
    .bind(Stored(stream.kind))
    .bind(stream.creator)
    .bind(stream.started_at)
    .bind(stream.pinned)
    .execute(&mut *conn)
    .await?;
    for (position, product_id) in (0_i64..).zip(stream.products) {
        sqlx::query(
            "INSERT INTO stream_products (stream_id, product_id, position) VALUES ($1, $2, $3)",
        )
        .bind(stream.id)
        .bind(*product_id)
        .bind(position)
        .execute(&mut *conn)
        .await?;
    }
    // The pin holds since the stream started: its replay's first tag.
    sqlx::query("INSERT INTO stream_pins (stream_id, product_id, pinned_at) VALUES ($1, $2, $3)")
        .bind(stream.id)
        .bind(stream.pinned)
        .bind(stream.started_at)
        .execute(&mut *conn)
        .await?;
    for (n, (product_id, start, end)) in stream.tags.iter().enumerate() {
        sqlx::query(
            "INSERT INTO video_tags (id, stream_id, product_id, start_second, end_second, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(format!("tag-{}-{n}", stream.id))
        .bind(stream.id)
        .bind(*product_id)
        .bind(i64::from(*start))
        .bind(i64::from(*end))
        .bind(stream.started_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A variant's id: `var-`, the product id without `prd-`, then each option
/// value as a slug: (`prd-kaos-polos-combed-30s`, `["Hitam", "XL"]`) gives
/// `var-kaos-polos-combed-30s-hitam-xl`.
fn variant_id(product_id: &str, values: &[&str]) -> String {
    let product = product_id.strip_prefix("prd-").unwrap_or(product_id);
    let mut id = format!("var-{product}");
    for value in values {
        id.push('-');
        id.push_str(&slug(value));
    }
    id
}

/// `value` in lower case with every run of other characters than ASCII
/// letters and digits turned into one `-`: `01 Nude Rose` gives `01-nude-rose`.
fn slug(value: &str) -> String {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use etalase_contract::StreamKind;

    use super::data::*;
    use super::*;
    use crate::art::MAX_IMAGES;

    fn product(id: &str) -> &'static ProductSeed {
        PRODUCTS.iter().find(|p| p.id == id).unwrap()
    }

    /// Every combination of `options`' values, the first option varying slowest.
    fn combinations(options: &[(&str, &[&'static str])]) -> Vec<Vec<&'static str>> {
        options.iter().fold(vec![vec![]], |acc, (_, values)| {
            acc.iter()
                .flat_map(|prefix| {
                    values.iter().map(move |value| {
                        let mut combination = prefix.clone();
                        combination.push(*value);
                        combination
                    })
                })
                .collect()
        })
    }

    fn is_slug(id: &str) -> bool {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }

    #[test]
    fn variant_ids_are_slugs_of_product_and_values() {
        assert_eq!(
            variant_id("prd-kaos-polos-combed-30s", &["Hitam", "XL"]),
            "var-kaos-polos-combed-30s-hitam-xl"
        );
        assert_eq!(
            variant_id("prd-sprei-katun-jepang", &["160 x 200"]),
            "var-sprei-katun-jepang-160-x-200"
        );
        assert_eq!(
            variant_id("prd-sambal-roa-cakalang", &[]),
            "var-sambal-roa-cakalang"
        );
        assert_eq!(slug(" 01  Nude--Rose "), "01-nude-rose");
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut ids = HashSet::new();
        let shops = SHOPS.iter().map(|s| s.id);
        let creators = CREATORS.iter().map(|c| c.id);
        let products = PRODUCTS.iter().map(|p| p.id);
        let streams = STREAMS.iter().map(|s| s.id);
        let variants = PRODUCTS
            .iter()
            .flat_map(|p| p.variants.iter().map(|v| variant_id(p.id, v.values)));
        for id in shops
            .chain(creators)
            .chain(products)
            .chain(streams)
            .map(String::from)
            .chain(variants)
        {
            assert!(is_slug(&id), "{id} is not a slug");
            assert!(ids.insert(id.clone()), "{id} is used twice");
        }
    }

    #[test]
    fn creators_names_are_clean_and_look_alike_none_other() {
        let name = crate::text::Field::line("name", 1, 128);
        let keys: HashSet<String> = CREATORS.iter().map(|c| name_key(c.name)).collect();
        assert_eq!(keys.len(), CREATORS.len());
        for creator in CREATORS {
            assert_eq!(name.clean(creator.name).unwrap(), creator.name);
        }
    }

    #[test]
    fn every_product_has_one_variant_per_combination_in_option_order() {
        for product in PRODUCTS {
            let values: Vec<Vec<&str>> =
                product.variants.iter().map(|v| v.values.to_vec()).collect();
            assert_eq!(values, combinations(product.options), "{}", product.id);
            assert!(
                SHOPS.iter().any(|shop| shop.id == product.shop),
                "{}",
                product.id
            );
        }
    }

    #[test]
    fn prices_are_round_rupiah_and_discounts_are_real() {
        for variant in PRODUCTS.iter().flat_map(|p| p.variants) {
            assert!((10_000..=1_000_000).contains(&variant.price));
            assert_eq!(variant.price % 1_000, 0);
            if let Some(original) = variant.original_price {
                assert!(original > variant.price && original % 1_000 == 0);
            }
            assert!(variant.grams > 0);
        }
    }

    #[test]
    fn the_catalogue_is_large_and_varied_enough_for_the_demo() {
        let listed = PRODUCTS.iter().filter(|p| p.listed).count();
        assert!(listed >= 24, "{listed} listed products");
        assert!(PRODUCTS.iter().filter(|p| p.options.is_empty()).count() >= 2);
        let stocks: Vec<u32> = PRODUCTS
            .iter()
            .flat_map(|p| p.variants)
            .map(|v| v.stock)
            .collect();
        assert!(stocks.contains(&0));
        assert!(stocks.iter().any(|s| (1..=3).contains(s)));
        let cities: HashSet<&str> = SHOPS.iter().map(|s| s.city).collect();
        assert!(cities.len() >= 3);
        for product in PRODUCTS {
            assert!((2..=MAX_IMAGES).contains(&product.images), "{}", product.id);
            assert!(product.hue < 360);
            let sentences = product
                .description
                .split_inclusive(['.', '!', '?'])
                .filter(|s| s.trim().len() > 1)
                .count();
            assert!(
                (2..=4).contains(&sentences),
                "{} has {sentences} sentences",
                product.id
            );
        }
    }

    #[test]
    fn streams_show_eight_to_twelve_listed_products_and_pin_one_of_them() {
        let kinds: Vec<StreamKind> = STREAMS.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [StreamKind::Live, StreamKind::Live, StreamKind::Video]
        );
        for stream in STREAMS {
            assert!((8..=12).contains(&stream.products.len()), "{}", stream.id);
            let unique: HashSet<_> = stream.products.iter().collect();
            assert_eq!(unique.len(), stream.products.len(), "{}", stream.id);
            assert!(stream.products.contains(&stream.pinned), "{}", stream.id);
            assert!(
                stream.products.iter().all(|id| product(id).listed),
                "{}",
                stream.id
            );
            assert!(CREATORS.iter().any(|c| c.id == stream.creator));
        }
    }
}
