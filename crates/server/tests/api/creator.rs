//! The creator's own streams: only the owner changes them, the showcase
//! keeps the creator's order, and every bad choice is a specific 422.

use axum::http::StatusCode;
use etalase_contract::{Showcase, MAX_SHOWCASE_PRODUCTS};
use serde_json::{json, Value};

use crate::helpers::{TestApp, TestResponse};
use crate::live::{creator_put, CREATOR, STREAM};

fn error(response: &TestResponse) -> (StatusCode, String, Option<String>) {
    let body: Value = response.json();
    (
        response.status,
        body["error"]["code"].as_str().unwrap().to_owned(),
        body["error"]["field"].as_str().map(str::to_owned),
    )
}

async fn showcase(app: &TestApp) -> Showcase {
    app.get_json(&format!("/v1/streams/{STREAM}/products"))
        .await
}

#[tokio::test]
async fn only_the_streams_own_creator_can_change_it() {
    let app = TestApp::new().await;
    let before = showcase(&app).await;
    let pin = json!({ "product_id": "prd-hoodie-fleece-oversize" });
    let products = json!({ "product_ids": ["prd-hoodie-fleece-oversize"] });

    let other = app.mint("crt-sari-masak", "creator").await;
    let stranger = app.mint("someone-new", "creator").await;
    for token in [&other, &stranger] {
        for (what, body) in [("pin", &pin), ("products", &products)] {
            let response = creator_put(&app, token, STREAM, what, body.clone()).await;
            assert_eq!(error(&response).0, StatusCode::NOT_FOUND, "{what}");
            assert_eq!(error(&response).1, "not_found");
        }
    }
    let shopper = creator_put(&app, &app.token, STREAM, "pin", pin.clone()).await;
    assert_eq!(
        error(&shopper),
        (StatusCode::FORBIDDEN, "wrong_role".into(), None)
    );
    let owner = app.mint(CREATOR, "creator").await;
    let unknown = creator_put(&app, &owner, "live-nobody", "pin", pin.clone()).await;
    assert_eq!(error(&unknown).0, StatusCode::NOT_FOUND);
    assert_eq!(showcase(&app).await, before, "nothing changed");

    let response = creator_put(&app, &owner, STREAM, "pin", pin).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let after: Showcase = response.json();
    assert_eq!(
        after.pinned_product_id.as_deref(),
        Some("prd-hoodie-fleece-oversize")
    );
    assert_eq!(after, showcase(&app).await);
}

#[tokio::test]
async fn the_showcase_keeps_the_creators_order_and_the_pin_follows_it() {
    let app = TestApp::new().await;
    let owner = app.mint(CREATOR, "creator").await;
    let order = [
        "prd-tas-totebag-kanvas",
        "prd-kopi-arabika-gayo",
        "prd-kemeja-batik-parang",
        "prd-sneakers-kanvas-classic",
    ];
    let response = creator_put(
        &app,
        &owner,
        STREAM,
        "products",
        json!({ "product_ids": order }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let answered: Showcase = response.json();
    let read = showcase(&app).await;
    assert_eq!(answered, read);
    let ids: Vec<&str> = read.products.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, order);
    // The pinned shirt is still in the showcase, so still pinned.
    assert_eq!(
        read.pinned_product_id.as_deref(),
        Some("prd-kemeja-batik-parang")
    );
    assert!(read.products[2].pinned);

    let response = creator_put(
        &app,
        &owner,
        STREAM,
        "products",
        json!({ "product_ids": order[..2] }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    let read = showcase(&app).await;
    assert_eq!(read.pinned_product_id, None, "left out, so unpinned");
    assert_eq!(read.products.len(), 2);

    let response = creator_put(
        &app,
        &owner,
        STREAM,
        "pin",
        json!({ "product_id": order[1] }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        showcase(&app).await.pinned_product_id.as_deref(),
        Some(order[1])
    );
    let response = creator_put(&app, &owner, STREAM, "pin", json!({ "product_id": null })).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(showcase(&app).await.pinned_product_id, None);

    let response = creator_put(
        &app,
        &owner,
        STREAM,
        "products",
        json!({ "product_ids": [] }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(showcase(&app).await.products.is_empty());
}

#[tokio::test]
async fn unknown_unlisted_repeated_and_too_many_products_are_refused() {
    let app = TestApp::new().await;
    let owner = app.mint(CREATOR, "creator").await;
    let before = showcase(&app).await;
    let put = |body: Value| creator_put(&app, &owner, STREAM, "products", body);
    let cases = [
        (
            json!({ "product_ids": ["prd-kemeja-batik-parang", "prd-nope"] }),
            "product_unavailable",
            "product_ids[1]",
        ),
        (
            json!({ "product_ids": ["prd-kaos-edisi-lebaran-2024"] }),
            "product_unavailable",
            "product_ids[0]",
        ),
        (
            json!({ "product_ids": ["prd-kemeja-batik-parang", "prd-kopi-arabika-gayo", "prd-kemeja-batik-parang"] }),
            "invalid_field",
            "product_ids[2]",
        ),
        (
            json!({ "product_ids": vec!["prd-kemeja-batik-parang"; MAX_SHOWCASE_PRODUCTS + 1] }),
            "invalid_field",
            "product_ids",
        ),
    ];
    for (body, code, field) in cases {
        let response = put(body.clone()).await;
        assert_eq!(
            error(&response),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                code.into(),
                Some(field.into())
            ),
            "{body}"
        );
    }
    // A product of the catalogue that is not in the showcase cannot be pinned.
    let response = creator_put(
        &app,
        &owner,
        STREAM,
        "pin",
        json!({ "product_id": "prd-kopi-arabika-gayo" }),
    )
    .await;
    assert_eq!(
        error(&response),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field".into(),
            Some("product_id".into())
        )
    );
    assert_eq!(showcase(&app).await, before, "nothing changed");
}
