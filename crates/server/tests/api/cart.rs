//! The server-side cart: grouped by shop, live prices and stock, per shopper.

use axum::http::{Method, StatusCode};
use etalase_contract::{Cart, Rupiah};
use serde_json::{json, Value};

use crate::helpers::{TestApp, TestResponse};

pub const SHIRT_M: &str = "var-kemeja-batik-parang-m";
pub const SHIRT_XL: &str = "var-kemeja-batik-parang-xl";
pub const SAMBAL: &str = "var-sambal-bawang-pedas-sedang";

/// `PUT /v1/cart/items/{variant}` with `quantity`, as the holder of `token`.
pub async fn put_item(app: &TestApp, token: &str, variant: &str, quantity: Value) -> TestResponse {
    app.call(
        Method::PUT,
        &format!("/v1/cart/items/{variant}"),
        Some(token),
        Some(json!({ "quantity": quantity })),
    )
    .await
}

fn code_and_field(response: &TestResponse) -> (StatusCode, String, Option<String>) {
    let body: Value = response.json();
    (
        response.status,
        body["error"]["code"].as_str().unwrap().to_owned(),
        body["error"]["field"].as_str().map(str::to_owned),
    )
}

#[tokio::test]
async fn lines_from_two_shops_are_grouped_with_live_prices_and_stock() {
    let app = TestApp::new().await;
    assert_eq!(
        put_item(&app, &app.token, SHIRT_M, json!(2)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        put_item(&app, &app.token, SAMBAL, json!(3)).await.status,
        StatusCode::OK
    );
    let response = put_item(&app, &app.token, SHIRT_XL, json!(1)).await;
    let cart: Cart = response.json();
    let shops: Vec<(&str, usize)> = cart
        .shops
        .iter()
        .map(|s| (s.shop.id.as_str(), s.items.len()))
        .collect();
    assert_eq!(
        shops,
        [("shop-batik-sekar", 2), ("shop-dapur-nusantara", 1)]
    );
    let batik = &cart.shops[0];
    assert_eq!(batik.items[0].variant_id, SHIRT_M);
    assert_eq!(batik.items[0].line_total, Rupiah(378_000));
    assert_eq!(batik.subtotal, Rupiah(378_000 + 199_000));
    assert_eq!(cart.item_count, 6);
    assert_eq!(cart.subtotal, Rupiah(378_000 + 199_000 + 105_000));

    // Prices and stock are the variant's now, not when it was added.
    sqlx::query("UPDATE variants SET price = 150000, stock = 1 WHERE id = $1")
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
    let cart: Cart = app.get_json("/v1/cart").await;
    let line = &cart.shops[0].items[0];
    assert_eq!(
        (line.price, line.stock, line.quantity),
        (Rupiah(150_000), 1, 2)
    );
    assert_eq!(line.line_total, Rupiah(300_000));

    // Setting a quantity again replaces it; removing answers the cart without the line.
    let cart: Cart = put_item(&app, &app.token, SAMBAL, json!(1)).await.json();
    assert_eq!(cart.shops[1].items[0].quantity, 1);
    let response = app
        .call(
            Method::DELETE,
            &format!("/v1/cart/items/{SAMBAL}"),
            Some(&app.token),
            None,
        )
        .await;
    let cart: Cart = response.json();
    assert_eq!(cart.shops.len(), 1);
}

#[tokio::test]
async fn bad_quantities_and_variants_are_refused_with_the_field() {
    let app = TestApp::new().await;
    let cases = [
        (
            SHIRT_XL,
            json!(3),
            StatusCode::UNPROCESSABLE_ENTITY,
            "insufficient_stock",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!(-1),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!(1.5),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!(10_000_000_000u64),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!("2"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!(null),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("quantity"),
        ),
        (
            SHIRT_M,
            json!(u32::MAX),
            StatusCode::UNPROCESSABLE_ENTITY,
            "insufficient_stock",
            Some("quantity"),
        ),
        (
            "var-kemeja-batik-parang-l",
            json!(1),
            StatusCode::UNPROCESSABLE_ENTITY,
            "insufficient_stock",
            Some("quantity"),
        ),
        (
            "var-tidak-ada",
            json!(1),
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        ),
        (
            "var-ñandú-☕",
            json!(1),
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        ),
    ];
    for (variant, quantity, status, code, field) in cases {
        let response = put_item(&app, &app.token, variant, quantity.clone()).await;
        assert_eq!(
            code_and_field(&response),
            (status, code.to_owned(), field.map(str::to_owned)),
            "{variant} {quantity}"
        );
    }
    let extra = app
        .call(
            Method::PUT,
            &format!("/v1/cart/items/{SHIRT_M}"),
            Some(&app.token),
            Some(json!({ "quantity": 1, "price": 1 })),
        )
        .await;
    assert_eq!(
        code_and_field(&extra),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field".into(),
            Some("price".into())
        )
    );
    let missing = app
        .call(
            Method::PUT,
            &format!("/v1/cart/items/{SHIRT_M}"),
            Some(&app.token),
            Some(json!({})),
        )
        .await;
    assert_eq!(code_and_field(&missing).2.as_deref(), Some("quantity"));
    // Nothing was added by any of them.
    let cart: Cart = app.get_json("/v1/cart").await;
    assert!(cart.shops.is_empty());
}

#[tokio::test]
async fn an_unlisted_products_variant_cannot_be_added() {
    let app = TestApp::new().await;
    let variant: String = sqlx::query_scalar(
        "SELECT id FROM variants WHERE product_id = 'prd-kaos-edisi-lebaran-2024' LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query("UPDATE variants SET stock = 10 WHERE id = $1")
        .bind(&variant)
        .execute(&app.db)
        .await
        .unwrap();
    let response = put_item(&app, &app.token, &variant, json!(1)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_shopper_never_sees_or_touches_another_shoppers_cart() {
    let app = TestApp::new().await;
    let other = app.mint("shopper-b", "shopper").await;
    put_item(&app, &app.token, SHIRT_M, json!(1)).await;
    let theirs: Cart = app
        .call(Method::GET, "/v1/cart", Some(&other), None)
        .await
        .json();
    assert!(theirs.shops.is_empty());
    let response = app
        .call(
            Method::DELETE,
            &format!("/v1/cart/items/{SHIRT_M}"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(code_and_field(&response).0, StatusCode::NOT_FOUND);
    let mine: Cart = app.get_json("/v1/cart").await;
    assert_eq!(mine.item_count, 1);
}

#[tokio::test]
async fn a_creator_token_may_not_keep_a_cart() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-1", "creator").await;
    let response = app
        .call(Method::GET, "/v1/cart", Some(&creator), None)
        .await;
    assert_eq!(
        code_and_field(&response),
        (StatusCode::FORBIDDEN, "wrong_role".into(), None)
    );
    let anonymous = app.call(Method::GET, "/v1/cart", None, None).await;
    assert_eq!(code_and_field(&anonymous).1, "unauthenticated");
}
