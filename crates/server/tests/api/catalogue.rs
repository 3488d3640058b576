//! `GET /v1/streams`, `/v1/streams/{id}/products` and `/v1/products/{id}`.

use axum::http::StatusCode;
use etalase_contract::{ProductDetail, Rupiah, Showcase, StreamKind, StreamList};
use serde_json::{json, Value};

use crate::helpers::TestApp;

async fn showcases(app: &TestApp) -> Vec<Showcase> {
    let list: StreamList = app.get_json("/v1/streams").await;
    let mut showcases = Vec::new();
    for stream in &list.streams {
        showcases.push(
            app.get_json(&format!("/v1/streams/{}/products", stream.id))
                .await,
        );
    }
    showcases
}

/// Every combination of the options' values, the first option varying slowest.
fn combinations(detail: &ProductDetail) -> Vec<Vec<String>> {
    detail.options.iter().fold(vec![vec![]], |acc, option| {
        acc.iter()
            .flat_map(|prefix| {
                option.values.iter().map(move |value| {
                    let mut combination = prefix.clone();
                    combination.push(value.clone());
                    combination
                })
            })
            .collect()
    })
}

#[tokio::test]
async fn streams_are_listed_live_first() {
    let app = TestApp::new().await;
    let list: StreamList = app.get_json("/v1/streams").await;
    let ids: Vec<&str> = list.streams.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["live-dapur-sari", "live-gaya-raka", "vid-rutinitas-glow"]
    );
    let kinds: Vec<StreamKind> = list.streams.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [StreamKind::Live, StreamKind::Live, StreamKind::Video]
    );
    assert_eq!(list.streams[0].creator.name, "@sari.masak");
    for (stream, showcase) in list.streams.iter().zip(showcases(&app).await) {
        assert_eq!(
            stream.product_count as usize,
            showcase.products.len(),
            "{}",
            stream.id
        );
        assert_eq!(
            stream.pinned_product_id, showcase.pinned_product_id,
            "{}",
            stream.id
        );
    }
}

#[tokio::test]
async fn showcases_follow_the_stored_order_and_pin_exactly_one_product() {
    let app = TestApp::new().await;
    for showcase in showcases(&app).await {
        let stored: Vec<String> = sqlx::query_scalar(
            "SELECT product_id FROM stream_products WHERE stream_id = $1 ORDER BY position",
        )
        .bind(&showcase.stream_id)
        .fetch_all(&app.db)
        .await
        .unwrap();
        let shown: Vec<String> = showcase.products.iter().map(|p| p.id.clone()).collect();
        assert_eq!(shown, stored);
        assert!((8..=12).contains(&shown.len()), "{}", showcase.stream_id);

        let pinned: Vec<&str> = showcase
            .products
            .iter()
            .filter(|p| p.pinned)
            .map(|p| p.id.as_str())
            .collect();
        let stored_pin: String =
            sqlx::query_scalar("SELECT pinned_product_id FROM streams WHERE id = $1")
                .bind(&showcase.stream_id)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!(pinned, [stored_pin.as_str()]);
        assert_eq!(showcase.pinned_product_id, Some(stored_pin));
    }
}

#[tokio::test]
async fn a_card_shows_the_cheapest_variant_in_stock_and_the_total_stock() {
    let app = TestApp::new().await;
    let (mut cheaper_sold_out, mut all_sold_out) = (false, false);
    for card in showcases(&app).await.into_iter().flat_map(|s| s.products) {
        let detail: ProductDetail = app.get_json(&format!("/v1/products/{}", card.id)).await;
        let in_stock: Vec<_> = detail.variants.iter().filter(|v| v.stock > 0).collect();
        let candidates = if in_stock.is_empty() {
            detail.variants.iter().collect()
        } else {
            in_stock
        };
        let cheapest = candidates.iter().min_by_key(|v| v.price).unwrap();
        let cheapest_of_all = detail.variants.iter().map(|v| v.price).min().unwrap();
        cheaper_sold_out |= card.price > cheapest_of_all;
        all_sold_out |= detail.total_stock() == 0;

        assert_eq!(card.price, cheapest.price, "{}", card.id);
        assert_eq!(card.original_price, cheapest.original_price, "{}", card.id);
        assert_eq!(card.stock, detail.total_stock(), "{}", card.id);
        assert_eq!(card.name, detail.name);
        assert_eq!(card.shop, detail.shop);
        assert_eq!(card.sold_count, detail.sold_count);
        assert_eq!(Some(&card.image_url), detail.image_urls.first());
    }
    assert!(
        cheaper_sold_out,
        "no card whose cheapest variant is sold out"
    );
    assert!(all_sold_out, "no sold-out card");
}

#[tokio::test]
async fn a_sold_out_product_without_options_shows_its_only_price() {
    let app = TestApp::new().await;
    let showcase: Showcase = app.get_json("/v1/streams/live-dapur-sari/products").await;
    let card = showcase
        .products
        .iter()
        .find(|p| p.id == "prd-kerupuk-udang-sidoarjo")
        .unwrap();
    assert_eq!(
        (card.price, card.original_price, card.stock),
        (Rupiah(42_000), Some(Rupiah(50_000)), 0)
    );
    let detail: ProductDetail = app
        .get_json("/v1/products/prd-kerupuk-udang-sidoarjo")
        .await;
    assert!(detail.options.is_empty());
    assert_eq!(detail.variants.len(), 1);
    assert!(detail.variants[0].option_values.is_empty());
}

#[tokio::test]
async fn product_detail_round_trips_through_the_contract_type() {
    let app = TestApp::new().await;
    let raw: Value = app
        .get("/v1/products/prd-kaos-polos-combed-30s")
        .await
        .json();
    let detail: ProductDetail = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&detail).unwrap(),
        raw,
        "a field the contract does not know"
    );

    assert_eq!(detail.name, "Kaos Polos Cotton Combed 30s");
    assert_eq!(detail.shop.city, "Bandung");
    let options: Vec<(&str, Vec<&str>)> = detail
        .options
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.values.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        options,
        [
            ("Warna", vec!["Hitam", "Putih", "Navy"]),
            ("Ukuran", vec!["S", "M", "L", "XL"])
        ]
    );
    assert_eq!(detail.variants.len(), 12);
    let navy_xl = detail.variant_for(&["Navy".into(), "XL".into()]).unwrap();
    assert_eq!(navy_xl.id, "var-kaos-polos-combed-30s-navy-xl");
    assert_eq!((navy_xl.price, navy_xl.stock), (Rupiah(65_000), 1));
    assert_eq!(
        detail.image_urls,
        [1, 2, 3].map(|n| format!("/media/products/prd-kaos-polos-combed-30s/{n}.svg"))
    );
    assert!(detail.description.split(". ").count() >= 2);
}

#[tokio::test]
async fn every_listed_product_lists_its_variants_in_option_order() {
    let app = TestApp::new().await;
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM products WHERE listed = 1")
        .fetch_all(&app.db)
        .await
        .unwrap();
    for id in ids {
        let detail: ProductDetail = app.get_json(&format!("/v1/products/{id}")).await;
        let values: Vec<Vec<String>> = detail
            .variants
            .iter()
            .map(|v| v.option_values.clone())
            .collect();
        assert_eq!(values, combinations(&detail), "{id}");
        assert!((2..=3).contains(&detail.image_urls.len()), "{id}");
    }
}

#[tokio::test]
async fn unknown_and_unlisted_products_are_not_found() {
    let app = TestApp::new().await;
    for id in ["prd-tidak-ada", "prd-kaos-edisi-lebaran-2024"] {
        let response = app.get(&format!("/v1/products/{id}")).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND);
        assert_eq!(
            response.json::<Value>(),
            json!({ "error": { "code": "not_found", "message": format!("no product has id \"{id}\"") } })
        );
    }
}

#[tokio::test]
async fn an_unknown_stream_is_not_found() {
    let app = TestApp::new().await;
    let response = app.get("/v1/streams/live-tidak-ada/products").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json::<Value>(),
        json!({ "error": { "code": "not_found", "message": "no stream has id \"live-tidak-ada\"" } })
    );
}

#[tokio::test]
async fn unlisting_a_product_hides_it_from_showcases_and_pins() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE products SET listed = 0 WHERE id = 'prd-sambal-roa-cakalang'")
        .execute(&app.db)
        .await
        .unwrap();
    let showcase: Showcase = app.get_json("/v1/streams/live-dapur-sari/products").await;
    assert_eq!(showcase.pinned_product_id, None);
    assert_eq!(showcase.products.len(), 8);
    assert!(showcase
        .products
        .iter()
        .all(|p| p.id != "prd-sambal-roa-cakalang" && !p.pinned));
    let list: StreamList = app.get_json("/v1/streams").await;
    let stream = list
        .streams
        .iter()
        .find(|s| s.id == "live-dapur-sari")
        .unwrap();
    assert_eq!(
        (stream.product_count, stream.pinned_product_id.as_deref()),
        (8, None)
    );
    let image = app
        .get("/media/products/prd-sambal-roa-cakalang/1.svg")
        .await;
    assert_eq!(image.status, StatusCode::NOT_FOUND);
}
