//! The creator's own streams: created by them, changed only by them, the
//! showcase in their order, and every bad choice a specific 422.

use axum::http::{Method, StatusCode};
use etalase_contract::{Showcase, StreamKind, StreamList, StreamSummary, MAX_SHOWCASE_PRODUCTS};
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

#[tokio::test]
async fn a_creator_creates_streams_and_videos_and_lists_their_own() {
    let app = TestApp::new().await;
    let newcomer = app.mint("rina.ootd", "creator").await;
    let empty: StreamList = creator_get(&app, &newcomer, "/v1/creator/streams")
        .await
        .json();
    assert!(empty.streams.is_empty(), "not a creator yet");

    let response = creator_post(
        &app,
        &newcomer,
        json!({ "title": "  OOTD kondangan ", "kind": "video" }),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let video: StreamSummary = response.json();
    assert!(video.id.starts_with("vid-"), "{}", video.id);
    assert_eq!(video.title, "OOTD kondangan");
    assert_eq!(video.kind, StreamKind::Video);
    assert_eq!(video.creator.name, "rina.ootd");
    assert_eq!(
        (video.product_count, video.pinned_product_id.as_deref()),
        (0, None)
    );

    let response = creator_post(
        &app,
        &newcomer,
        json!({ "title": "Live sore", "kind": "live" }),
    )
    .await;
    let live: StreamSummary = response.json();
    assert!(live.id.starts_with("live-"));
    assert_eq!(live.creator, video.creator, "one creator per user");

    let mine: StreamList = creator_get(&app, &newcomer, "/v1/creator/streams")
        .await
        .json();
    let ids: Vec<&str> = mine.streams.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [live.id.as_str(), video.id.as_str()], "live first");
    let everyone: StreamList = app.get_json("/v1/streams").await;
    assert!(everyone.streams.contains(&video));
    let raka: StreamList = creator_get(
        &app,
        &app.mint(CREATOR, "creator").await,
        "/v1/creator/streams",
    )
    .await
    .json();
    let ids: Vec<&str> = raka.streams.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [STREAM]);

    // The new video is the newcomer's to fill, and no one else's.
    let products = json!({ "product_ids": ["prd-kaos-grafis-kota-kembang"] });
    let response = creator_put(&app, &newcomer, &video.id, "products", products.clone()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let other = app.mint(CREATOR, "creator").await;
    assert_eq!(
        creator_put(&app, &other, &video.id, "products", products)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_new_creator_named_like_another_gets_a_distinct_name() {
    let app = TestApp::new().await;
    let seeded: String = sqlx::query_scalar("SELECT name FROM creators WHERE id = $1")
        .bind(CREATOR)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let twin = app.mint(&seeded, "creator").await;
    let stream: StreamSummary =
        creator_post(&app, &twin, json!({ "title": "Kembar", "kind": "live" }))
            .await
            .json();
    assert_ne!(stream.creator.id, CREATOR);
    assert_eq!(
        stream.creator.name,
        format!("{seeded} ({})", stream.creator.id)
    );
    // A name that only looks the same (a Cyrillic "а") is told apart too.
    let look_alike = seeded.replacen('a', "\u{430}", 1);
    let lookalike = app.mint(&look_alike, "creator").await;
    let stream: StreamSummary = creator_post(
        &app,
        &lookalike,
        json!({ "title": "Kembar", "kind": "live" }),
    )
    .await
    .json();
    assert_eq!(
        stream.creator.name,
        format!("{look_alike} ({})", stream.creator.id)
    );
}

#[tokio::test]
async fn bad_new_streams_name_the_field_and_shoppers_cannot_create() {
    let app = TestApp::new().await;
    let creator = app.mint("rina.ootd", "creator").await;
    for (body, field) in [
        (json!({ "title": "   ", "kind": "live" }), "title"),
        (json!({ "title": "x".repeat(121), "kind": "live" }), "title"),
        (json!({ "title": "Tab\there", "kind": "live" }), "title"),
        (
            json!({ "title": "\u{200B}\u{2060}", "kind": "live" }),
            "title",
        ),
        (
            json!({ "title": "Sale \u{202E}%05", "kind": "live" }),
            "title",
        ),
        (json!({ "title": "Ok", "kind": "podcast" }), "kind"),
        (
            json!({ "title": "Ok", "kind": "live", "id": "live-mine" }),
            "id",
        ),
    ] {
        let response = creator_post(&app, &creator, body.clone()).await;
        assert_eq!(
            error(&response),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field".into(),
                Some(field.into())
            ),
            "{body}"
        );
    }
    let response = creator_post(&app, &app.token, json!({ "title": "Ok", "kind": "live" })).await;
    assert_eq!(error(&response).1, "wrong_role");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM streams")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 3, "nothing was created");
}

async fn creator_post(app: &TestApp, token: &str, body: Value) -> TestResponse {
    app.call(Method::POST, "/v1/creator/streams", Some(token), Some(body))
        .await
}

async fn creator_get(app: &TestApp, token: &str, path: &str) -> TestResponse {
    let response = app.call(Method::GET, path, Some(token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response
}
