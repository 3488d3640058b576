//! `GET /media/products/{id}/{n}.svg`: generated product illustrations.

use axum::http::StatusCode;
use etalase_contract::ProductDetail;
use serde_json::{json, Value};

use crate::helpers::TestApp;

#[tokio::test]
async fn every_image_of_a_product_is_a_small_cacheable_svg() {
    let app = TestApp::new().await;
    let detail: ProductDetail = app.get_json("/v1/products/prd-kemeja-batik-parang").await;
    assert_eq!(detail.image_urls.len(), 3);
    let mut bodies = Vec::new();
    for url in &detail.image_urls {
        let response = app.get(url).await;
        assert_eq!(response.status, StatusCode::OK, "{url}");
        assert_eq!(response.header("content-type"), Some("image/svg+xml"));
        assert_eq!(
            response.header("cache-control"),
            Some("public, max-age=86400")
        );
        let svg = response.text();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 400\""),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"));
        assert!(svg.len() < 3 * 1024, "{url} is {} bytes", svg.len());
        assert_eq!(
            app.get(url).await.body,
            response.body,
            "{url} is not deterministic"
        );
        bodies.push(response.body);
    }
    assert!(
        bodies[0] != bodies[1] && bodies[1] != bodies[2],
        "the gallery repeats an image"
    );
}

#[tokio::test]
async fn text_in_an_image_is_escaped() {
    let app = TestApp::new().await;
    let response = app
        .get("/media/products/prd-sambal-roa-cakalang/1.svg")
        .await;
    let svg = response.text();
    assert!(
        svg.contains("<title>Sambal Roa &amp; Cakalang Asap</title>"),
        "{svg}"
    );
    assert!(!svg.contains("Roa & "), "{svg}");
}

#[tokio::test]
async fn missing_images_are_json_404s() {
    let app = TestApp::new().await;
    let cases = [
        ("prd-tidak-ada/1.svg", "no product has id \"prd-tidak-ada\""),
        (
            "prd-kaos-edisi-lebaran-2024/1.svg",
            "no product has id \"prd-kaos-edisi-lebaran-2024\"",
        ),
        (
            "prd-keripik-singkong-balado/3.svg",
            "product \"prd-keripik-singkong-balado\" has no image 3",
        ),
        (
            "prd-keripik-singkong-balado/999.svg",
            "product \"prd-keripik-singkong-balado\" has no image 999",
        ),
        (
            "prd-keripik-singkong-balado/0.svg",
            "product \"prd-keripik-singkong-balado\" has no image 0",
        ),
    ];
    for (path, message) in cases {
        let response = app.get(&format!("/media/products/{path}")).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.json::<Value>(),
            json!({ "error": { "code": "not_found", "message": message } }),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_bad_image_name_is_a_json_400_naming_the_file() {
    let app = TestApp::new().await;
    for file in ["1.png", "abc.svg", ".svg", "+1.svg", "99999999999.svg"] {
        let response = app
            .get(&format!(
                "/media/products/prd-keripik-singkong-balado/{file}"
            ))
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{file}");
        assert_eq!(
            response.json::<Value>(),
            json!({ "error": {
                "code": "bad_request",
                "message": format!("expected an image name such as 1.svg, got \"{file}\""),
                "field": "file",
            } })
        );
    }
}
