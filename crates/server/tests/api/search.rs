//! `GET /v1/products`: the creator's catalogue search by words, shop,
//! price and stock, a page at a time.

use std::collections::HashSet;

use axum::http::{Method, StatusCode};
use etalase_contract::ProductPage;
use serde_json::Value;

use crate::helpers::{TestApp, TestResponse};

async fn search(app: &TestApp, token: &str, query: &str) -> TestResponse {
    app.call(
        Method::GET,
        &format!("/v1/products?{query}"),
        Some(token),
        None,
    )
    .await
}

async fn page(app: &TestApp, token: &str, query: &str) -> ProductPage {
    let response = search(app, token, query).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{query}: {}",
        response.text()
    );
    response.json()
}

fn names(page: &ProductPage) -> Vec<&str> {
    page.products.iter().map(|p| p.name.as_str()).collect()
}

#[tokio::test]
async fn the_creator_finds_products_by_words_shop_price_and_stock() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-raka-gaya", "creator").await;

    let batik = page(&app, &creator, "q=BATIK").await;
    assert_eq!(batik.total, 5, "{:?}", names(&batik));
    assert!(names(&batik)
        .iter()
        .all(|n| n.to_lowercase().contains("batik")));
    let sold: Vec<u32> = batik.products.iter().map(|p| p.sold_count).collect();
    assert!(
        sold.windows(2).all(|w| w[0] >= w[1]),
        "best sellers first: {sold:?}"
    );

    let kemeja = page(&app, &creator, "q=batik%20kemeja").await;
    let mut found = names(&kemeja);
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "Kemeja Batik Mega Mendung Lengan Pendek",
            "Kemeja Batik Parang Lengan Panjang"
        ],
        "every word must appear, in any order"
    );

    // `%` is a character to find, not a wildcard ("100 ml" has no "10%").
    let serum = page(&app, &creator, "q=10%25").await;
    assert_eq!(names(&serum), ["Serum Niacinamide 10% Brightening"]);
    assert_eq!(serum.products[0].commission_bp, 1200, "beauty pays 12%");

    let glowlab = page(&app, &creator, "shop=shop-glowlab&per_page=50").await;
    assert!(glowlab.total >= 3);
    assert!(glowlab.products.iter().all(|p| p.shop.id == "shop-glowlab"));
    // A shop by the words of its name, in any case and order, or by its id.
    let by_id = page(&app, &creator, "shop=shop-kalcer-goods&per_page=50").await;
    assert!(by_id.total >= 3, "{:?}", names(&by_id));
    for shop in ["Kalcer%20Goods", "goods%20KALCER", "kalc"] {
        let by_name = page(&app, &creator, &format!("shop={shop}&per_page=50")).await;
        assert_eq!(names(&by_name), names(&by_id), "{shop}");
    }
    let none = page(&app, &creator, "shop=kalcer%20nope").await;
    assert_eq!(none.total, 0, "every word of the name must match");

    let ranged = page(
        &app,
        &creator,
        "min_price=100000&max_price=200000&per_page=50",
    )
    .await;
    assert!(ranged.total > 0);
    assert!(ranged
        .products
        .iter()
        .all(|p| (100_000..=200_000).contains(&p.price.0)));

    let kerupuk = page(&app, &creator, "q=kerupuk").await;
    assert_eq!(
        (kerupuk.total, kerupuk.products[0].stock),
        (1, 0),
        "sold out, still found"
    );
    assert_eq!(
        page(&app, &creator, "q=kerupuk&in_stock=true").await.total,
        0
    );
    assert_eq!(page(&app, &creator, "q=lebaran").await.total, 0, "unlisted");
}

#[tokio::test]
async fn pages_cover_every_listed_product_once() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-raka-gaya", "creator").await;
    let listed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE listed = 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let mut seen = Vec::new();
    for number in 1.. {
        let page = page(&app, &creator, &format!("per_page=7&page={number}")).await;
        assert_eq!((page.page, page.per_page), (number, 7));
        assert_eq!(i64::from(page.total), listed);
        if page.products.is_empty() {
            break;
        }
        assert!(page.products.len() <= 7);
        seen.extend(page.products.into_iter().map(|p| p.id));
    }
    assert_eq!(seen.len() as i64, listed);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "no product twice"
    );
    let first = page(&app, &creator, "").await;
    assert_eq!(
        (first.page, first.per_page, first.products.len()),
        (1, 20, 20)
    );
}

#[tokio::test]
async fn bad_parameters_are_400_naming_them_and_shoppers_are_refused() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-raka-gaya", "creator").await;
    let long = format!("q={}", "a".repeat(101));
    for (query, field) in [
        ("min_price=abc", "min_price"),
        ("min_price=-1", "min_price"),
        ("min_price=5000&max_price=10", "max_price"),
        ("per_page=0", "per_page"),
        ("per_page=51", "per_page"),
        ("page=0", "page"),
        ("in_stock=maybe", "in_stock"),
        ("sort=price", "sort"),
        (long.as_str(), "q"),
    ] {
        let response = search(&app, &creator, query).await;
        let body: Value = response.json();
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{query}");
        assert_eq!(body["error"]["field"], field, "{query}: {body}");
    }
    let response = search(&app, &app.token, "q=batik").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}
