//! Saved Indonesian addresses: validated field by field, private to their owner.

use axum::http::{Method, StatusCode};
use etalase_contract::{Address, AddressList, SavedAddressList};
use serde_json::{json, Value};

use crate::helpers::{TestApp, TestResponse};

/// A valid address body.
pub fn bandung() -> Value {
    json!({
        "recipient": "Siti Rahmawati",
        "phone": "0812-3456-7890",
        "province": "jawa barat",
        "city": "Kota Bandung",
        "district": "Coblong",
        "postal_code": "40132",
        "street": "Jl. Ganesha No. 10, RT 02/RW 05, dekat masjid"
    })
}

/// Saves `body` as the holder of `token`.
pub async fn save(app: &TestApp, token: &str, body: Value) -> TestResponse {
    app.call(Method::POST, "/v1/addresses", Some(token), Some(body))
        .await
}

#[tokio::test]
async fn an_address_is_saved_normalised_and_listed() {
    let app = TestApp::new().await;
    let response = save(&app, &app.token, bandung()).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let saved: Address = response.json();
    assert!(
        saved.id.starts_with("adr-") && saved.id.len() == 20,
        "{}",
        saved.id
    );
    assert_eq!(saved.phone, "+6281234567890");
    assert_eq!(saved.province, "Jawa Barat");
    assert_eq!(saved.postal_code, "40132");
    let list: AddressList = app.get_json("/v1/addresses").await;
    assert_eq!(list.addresses.as_slice(), std::slice::from_ref(&saved));
    let one: Address = app.get_json(&format!("/v1/addresses/{}", saved.id)).await;
    assert_eq!(one, saved);
    let deleted = app
        .call(
            Method::DELETE,
            &format!("/v1/addresses/{}", saved.id),
            Some(&app.token),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let list: AddressList = app.get_json("/v1/addresses").await;
    assert!(list.addresses.is_empty());
}

#[tokio::test]
async fn another_shoppers_address_is_not_found() {
    let app = TestApp::new().await;
    let saved: Address = save(&app, &app.token, bandung()).await.json();
    let other = app.mint("shopper-b", "shopper").await;
    for method in [Method::GET, Method::DELETE] {
        let response = app
            .call(
                method.clone(),
                &format!("/v1/addresses/{}", saved.id),
                Some(&other),
                None,
            )
            .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{method}");
    }
    let theirs: AddressList = app
        .call(Method::GET, "/v1/addresses", Some(&other), None)
        .await
        .json();
    assert!(theirs.addresses.is_empty());
}

#[tokio::test]
async fn the_list_names_its_owner_the_same_for_each_token_of_one_shopper_alone() {
    let app = TestApp::new().await;
    let list = |token: String| {
        let app = &app;
        async move {
            let response = app
                .call(Method::GET, "/v1/addresses", Some(&token), None)
                .await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.text());
            response.json::<SavedAddressList>().owner
        }
    };
    let first = list(app.token.clone()).await;
    let again = list(app.mint("shopper-a", "shopper").await).await;
    let other = list(app.mint("shopper-b", "shopper").await).await;
    assert_eq!(first, again, "another token of the same shopper");
    assert_ne!(first, other, "another shopper");
    assert_eq!(first.len(), 32, "{first}");
    assert!(!first.contains("shopper-a"), "names no one: {first}");
}

#[tokio::test]
async fn every_bad_field_is_named() {
    let app = TestApp::new().await;
    let with = |field: &str, value: Value| {
        let mut body = bandung();
        body[field] = value;
        body
    };
    let without = |field: &str| {
        let mut body = bandung();
        body.as_object_mut().unwrap().remove(field);
        body
    };
    let cases = [
        (with("recipient", json!("")), "recipient"),
        (with("recipient", json!("   ")), "recipient"),
        (with("recipient", json!("x".repeat(101))), "recipient"),
        (with("recipient", json!("Siti\u{7}")), "recipient"),
        (with("recipient", json!("\u{200B}\u{200B}")), "recipient"),
        (
            with("recipient", json!("Siti \u{202E}itawhamR")),
            "recipient",
        ),
        (with("recipient", json!(7)), "recipient"),
        (without("recipient"), "recipient"),
        (with("phone", json!("021-555-1234")), "phone"),
        (with("phone", json!("+1 415 555 0100")), "phone"),
        (with("phone", json!("0812")), "phone"),
        (with("phone", json!("08１２３４５６７８９")), "phone"),
        (with("phone", json!(81234567890u64)), "phone"),
        (without("phone"), "phone"),
        (with("province", json!("Jawa")), "province"),
        (with("province", json!("")), "province"),
        (with("city", json!("")), "city"),
        (with("city", json!("k".repeat(101))), "city"),
        (with("district", json!(null)), "district"),
        (with("district", json!("Coblong\u{2066}")), "district"),
        (with("city", json!("\u{FEFF}\u{2060}")), "city"),
        (with("postal_code", json!("4013")), "postal_code"),
        (with("postal_code", json!("04013")), "postal_code"),
        (with("postal_code", json!("４０１３２")), "postal_code"),
        (with("postal_code", json!(40132)), "postal_code"),
        (with("street", json!("Jl.")), "street"),
        (with("street", json!("s".repeat(301))), "street"),
        (
            with("street", json!("\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}")),
            "street",
        ),
        (with("street", json!("Jl. Ganesha\u{AD} 10")), "street"),
        (with("is_default", json!(true)), "is_default"),
    ];
    for (body, field) in cases {
        let response = save(&app, &app.token, body.clone()).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error: Value = response.json();
        assert_eq!(error["error"]["code"], "invalid_field", "{body}");
        assert_eq!(error["error"]["field"], field, "{body}");
    }
    // Unicode in names and streets is welcome, emoji sequences included.
    let mut body = bandung();
    body["recipient"] = json!("Nyoman Ayu Ñ 王");
    body["street"] = json!("Gg. Melati No. 3 ☕ ❤\u{FE0F}\nRT 01/RW 02");
    assert_eq!(
        save(&app, &app.token, body).await.status,
        StatusCode::CREATED
    );
    let list: AddressList = app.get_json("/v1/addresses").await;
    assert_eq!(list.addresses.len(), 1, "no bad body was saved");
}

#[tokio::test]
async fn a_shopper_saves_at_most_twenty_addresses() {
    let app = TestApp::new().await;
    for _ in 0..20 {
        assert_eq!(
            save(&app, &app.token, bandung()).await.status,
            StatusCode::CREATED
        );
    }
    let response = save(&app, &app.token, bandung()).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json::<Value>()["error"]["field"], "address");
}

#[tokio::test]
async fn an_address_is_corrected_in_place_and_orders_keep_their_copy() {
    let app = TestApp::new().await;
    let address = crate::quote::two_shop_cart(&app, &app.token).await;
    let quote = crate::orders::quoted(&app, &app.token, &address).await;
    let placed = crate::orders::place(&app, &app.token, &quote.id, "before-the-fix").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    let path = format!("/v1/addresses/{address}");

    // The legacy address, keyed on its village from now on, with a new street.
    let fixed = json!({
        "recipient": "Siti Rahmawati",
        "phone": "0812-3456-7890",
        "region_code": "32.73.02.1004",
        "postal_code": "40135",
        "street": "Jl. Ir. H. Juanda No. 99"
    });
    let response = app
        .call(Method::PUT, &path, Some(&app.token), Some(fixed.clone()))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let saved: Value = response.json();
    assert_eq!(saved["id"], address.as_str(), "it keeps its id");
    assert_eq!(saved["street"], "Jl. Ir. H. Juanda No. 99");
    assert_eq!(saved["region_code"], "32.73.02.1004");
    assert_eq!(saved["village"], "Dago");
    assert_eq!(saved["needs_region"], false);
    let listed: Value = app.get("/v1/addresses").await.json();
    assert_eq!(listed["addresses"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["addresses"][0], saved);

    // The order placed before ships where it was placed to.
    let orders: Value = app.get("/v1/orders").await.json();
    assert_eq!(
        orders["orders"][0]["address"]["street"],
        "Jl. Ganesha No. 10, RT 02/RW 05, dekat masjid"
    );

    // Each field checked as when saved; another shopper's is not found.
    let mut wrong = fixed.clone();
    wrong["postal_code"] = json!("40132");
    let refused = app
        .call(Method::PUT, &path, Some(&app.token), Some(wrong))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json::<Value>()["error"]["field"], "postal_code");
    let stranger = app.mint("shopper-b", "shopper").await;
    let hidden = app
        .call(Method::PUT, &path, Some(&stranger), Some(fixed))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let unchanged: Value = app.get(&path).await.json();
    assert_eq!(unchanged["postal_code"], "40135");
}

#[tokio::test]
async fn a_keyed_address_stays_keyed_when_corrected_with_the_older_form() {
    let app = TestApp::new().await;
    let keyed = json!({
        "recipient": "Siti Rahmawati",
        "phone": "0812-3456-7890",
        "region_code": "32.73.02.1004",
        "postal_code": "40135",
        "street": "Jl. Ir. H. Juanda No. 99"
    });
    let created = save(&app, &app.token, keyed).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let before: Value = created.json();
    let path = format!(
        "/v1/addresses/{}",
        before["id"].as_str().unwrap_or_default()
    );

    // The older form, typed names and no code: refused, naming the code.
    let refused = app
        .call(Method::PUT, &path, Some(&app.token), Some(bandung()))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text()
    );
    let error = &refused.json::<Value>()["error"];
    assert_eq!(error["code"], "invalid_field");
    assert_eq!(error["field"], "region_code");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Dago") && message.contains("32.73.02.1004"),
        "{message}"
    );
    let kept: Value = app.get(&path).await.json();
    assert_eq!(kept, before, "nothing written: still keyed on Dago");

    // Another shopper's keyed address is still not found, never refused.
    let stranger = app.mint("shopper-b", "shopper").await;
    let hidden = app
        .call(Method::PUT, &path, Some(&stranger), Some(bandung()))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);

    // A legacy address is still corrected with the older form.
    let legacy: Value = save(&app, &app.token, bandung()).await.json();
    let mut typed = bandung();
    typed["street"] = json!("Jl. Dipatiukur No. 35");
    let corrected = app
        .call(
            Method::PUT,
            &format!(
                "/v1/addresses/{}",
                legacy["id"].as_str().unwrap_or_default()
            ),
            Some(&app.token),
            Some(typed),
        )
        .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.text());
    let corrected: Value = corrected.json();
    assert_eq!(corrected["street"], "Jl. Dipatiukur No. 35");
    assert_eq!(corrected["needs_region"], true);
}
