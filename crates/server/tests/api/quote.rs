//! `POST /v1/checkout/quote`: the server prices the whole cart.

use axum::http::{Method, StatusCode};
use etalase_contract::{Address, Cart, Checkout, Quote, Rupiah};
use serde_json::{json, Value};

use crate::addresses::{bandung, save};
use crate::cart::{put_item, SAMBAL, SHIRT_M, SHIRT_XL};
use crate::helpers::{TestApp, TestResponse};
use crate::orders::place;

/// A cart with a batik shirt (Yogyakarta) and two sambal jars (Surabaya),
/// and a saved Bandung address; answers the address id.
pub async fn two_shop_cart(app: &TestApp, token: &str) -> String {
    assert_eq!(
        put_item(app, token, SHIRT_M, json!(1)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        put_item(app, token, SAMBAL, json!(2)).await.status,
        StatusCode::OK
    );
    let address: Address = save(app, token, bandung()).await.json();
    address.id
}

/// The quote body with every kind of voucher, JNE YES and insurance for the
/// batik shop, and a BCA virtual account.
pub fn full_request(address_id: &str) -> Value {
    json!({
        "address_id": address_id,
        "shipping": [{ "shop_id": "shop-batik-sekar", "option_id": "jne-yes", "insurance": true }],
        "vouchers": ["batikhemat", "DAPURHEMAT", "ETALASE10", "ONGKIRGRATIS"],
        "payment": { "method": "virtual_account", "bank": "bca" },
        "stream_id": "live-gaya-raka"
    })
}

/// `POST /v1/checkout/quote` with `body` as the holder of `token`.
pub async fn post_quote(app: &TestApp, token: &str, body: Value) -> TestResponse {
    app.call(Method::POST, "/v1/checkout/quote", Some(token), Some(body))
        .await
}

fn error(response: &TestResponse) -> (StatusCode, String, Option<String>) {
    let (status, code, field, _) = response.refusal();
    (status, code, field)
}

#[tokio::test]
async fn a_two_shop_quote_with_every_voucher_kind_is_priced_to_the_rupiah() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let response = post_quote(&app, &app.token, full_request(&address)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let quote: Quote = response.json();
    assert!(quote.id.starts_with("qt-"), "{}", quote.id);
    let [batik, dapur] = [&quote.shops[0], &quote.shops[1]];
    assert_eq!(batik.shop.id, "shop-batik-sekar");
    assert!(batik.shipping_options.len() >= 5);
    // Yogyakarta → Bandung is zone 2; 300 g is charged as 1 kg.
    assert_eq!(
        (batik.shipping.id.as_str(), batik.shipping.price),
        ("jne-yes", Rupiah(26_000))
    );
    assert_eq!(
        (dapur.shipping.id.as_str(), dapur.shipping.price),
        ("anteraja-reg", Rupiah(12_500))
    );
    assert_eq!((batik.insured, batik.insurance_fee), (true, Rupiah(5_378)));
    assert_eq!(batik.shop_discount, Rupiah(18_900), "10% of 189 000");
    assert_eq!(dapur.shop_discount, Rupiah(5_000));
    // ETALASE10: 10% of 170 100 + 65 000, shared in proportion.
    assert_eq!(
        (batik.platform_discount, dapur.platform_discount),
        (Rupiah(17_010), Rupiah(6_500))
    );
    // ONGKIRGRATIS: up to 20 000 of 38 500 shipping, first shop first.
    assert_eq!(
        (batik.shipping_discount, dapur.shipping_discount),
        (Rupiah(20_000), Rupiah(0))
    );
    assert_eq!(batik.total, Rupiah(164_468));
    assert_eq!(dapur.total, Rupiah(71_000));
    assert_eq!(quote.totals.payment_fee, Rupiah(4_000));
    assert_eq!(quote.totals.grand_total, Rupiah(239_468));
    assert_eq!(
        quote.totals.discount,
        Rupiah(18_900 + 5_000 + 23_510 + 20_000)
    );
    let codes: Vec<&str> = quote.vouchers.iter().map(|v| v.code.as_str()).collect();
    assert_eq!(
        codes,
        ["BATIKHEMAT", "DAPURHEMAT", "ETALASE10", "ONGKIRGRATIS"]
    );
    assert_eq!(quote.stream_id.as_deref(), Some("live-gaya-raka"));

    let stored: String = sqlx::query_scalar("SELECT answer FROM quotes WHERE id = $1")
        .bind(&quote.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(serde_json::from_str::<Quote>(&stored).unwrap(), quote);
}

#[tokio::test]
async fn a_client_cannot_send_a_price_total_or_discount() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let tampered = [
        ("grand_total", json!(1), "grand_total"),
        ("totals", json!({ "grand_total": 1 }), "totals"),
        ("discount", json!(999_999), "discount"),
    ];
    for (key, value, field) in tampered {
        let mut body = full_request(&address);
        body[key] = value;
        let response = post_quote(&app, &app.token, body).await;
        assert_eq!(
            error(&response),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field".into(),
                Some(field.into())
            )
        );
    }
    let mut body = full_request(&address);
    body["shipping"][0]["price"] = json!(0);
    let response = post_quote(&app, &app.token, body).await;
    assert_eq!(error(&response).2.as_deref(), Some("shipping[0].price"));
}

#[tokio::test]
async fn bad_quote_requests_get_specific_codes_and_fields() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let other = app.mint("shopper-b", "shopper").await;
    let theirs: Address = save(&app, &other, bandung()).await.json();
    sqlx::query("UPDATE vouchers SET min_spend = 1000000 WHERE code = 'HEMAT20RB'")
        .execute(&app.db)
        .await
        .unwrap();
    let with = |key: &str, value: Value| {
        let mut body = full_request(&address);
        body[key] = value;
        body
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let cases: Vec<(Value, StatusCode, &str, Option<&str>)> = vec![
        (
            with("address_id", json!(theirs.id)),
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        ),
        (
            with("address_id", json!(42)),
            unprocessable,
            "invalid_field",
            Some("address_id"),
        ),
        (
            with("vouchers", json!(["TIDAKADA"])),
            unprocessable,
            "voucher_not_found",
            Some("vouchers[0]"),
        ),
        (
            with("vouchers", json!(["ETALASE10", "LEBARAN2024"])),
            unprocessable,
            "voucher_expired",
            Some("vouchers[1]"),
        ),
        (
            with("vouchers", json!(["ETALASE10", "HEMAT20RB"])),
            unprocessable,
            "voucher_not_applicable",
            Some("vouchers[1]"),
        ),
        (
            with("vouchers", json!(["HEMAT20RB"])),
            unprocessable,
            "voucher_not_applicable",
            Some("vouchers[0]"),
        ),
        (
            with("vouchers", json!(vec!["ETALASE10"; 11])),
            unprocessable,
            "invalid_field",
            Some("vouchers"),
        ),
        (
            with("vouchers", json!("ETALASE10")),
            unprocessable,
            "invalid_field",
            Some("vouchers"),
        ),
        (
            with("payment", json!({ "method": "paypal" })),
            unprocessable,
            "invalid_field",
            Some("payment.method"),
        ),
        (
            with(
                "payment",
                json!({ "method": "virtual_account", "bank": "citibank" }),
            ),
            unprocessable,
            "invalid_field",
            Some("payment"),
        ),
        (
            with("payment", json!({ "method": "virtual_account" })),
            unprocessable,
            "invalid_field",
            Some("payment.bank"),
        ),
        (
            with("stream_id", json!("live-tidak-ada")),
            unprocessable,
            "invalid_field",
            Some("stream_id"),
        ),
        (
            with(
                "shipping",
                json!([{ "shop_id": "shop-glowlab", "option_id": "jne-reg" }]),
            ),
            unprocessable,
            "invalid_field",
            Some("shipping[0].shop_id"),
        ),
        (
            with(
                "shipping",
                json!([{ "shop_id": "shop-batik-sekar", "option_id": "gojek-instan" }]),
            ),
            unprocessable,
            "invalid_field",
            Some("shipping[0].option_id"),
        ),
        (
            with(
                "shipping",
                json!([{ "shop_id": "shop-batik-sekar", "option_id": "jne-reg", "insurance": "ya" }]),
            ),
            unprocessable,
            "invalid_field",
            Some("shipping[0].insurance"),
        ),
    ];
    for (body, status, code, field) in cases {
        let response = post_quote(&app, &app.token, body.clone()).await;
        assert_eq!(
            error(&response),
            (status, code.to_owned(), field.map(str::to_owned)),
            "{body}: {}",
            response.text()
        );
    }
    let mut missing = full_request(&address);
    missing.as_object_mut().unwrap().remove("payment");
    assert_eq!(
        error(&post_quote(&app, &app.token, missing).await)
            .2
            .as_deref(),
        Some("payment")
    );

    sqlx::query("UPDATE vouchers SET used = quota WHERE code = 'ETALASE10'")
        .execute(&app.db)
        .await
        .unwrap();
    let response = post_quote(&app, &app.token, with("vouchers", json!(["ETALASE10"]))).await;
    assert_eq!(
        error(&response),
        (
            StatusCode::CONFLICT,
            "voucher_exhausted".into(),
            Some("vouchers[0]".into())
        )
    );
}

#[tokio::test]
async fn cash_on_delivery_has_a_fee_and_a_limit() {
    let app = TestApp::new().await;
    let address = two_shop_cart(&app, &app.token).await;
    let mut body = full_request(&address);
    body["payment"] = json!({ "method": "cod" });
    body["vouchers"] = json!([]);
    let quote: Quote = post_quote(&app, &app.token, body.clone()).await.json();
    let due = quote.totals.grand_total - quote.totals.payment_fee;
    assert_eq!(quote.totals.payment_fee, Rupiah((due.0 * 2 + 99) / 100));
    sqlx::query(
        "UPDATE variants SET price = 2600000, original_price = NULL, stock = 5 WHERE id = $1",
    )
    .bind(SHIRT_M)
    .execute(&app.db)
    .await
    .unwrap();
    put_item(&app, &app.token, SHIRT_M, json!(2)).await;
    let response = post_quote(&app, &app.token, body).await;
    assert_eq!(
        error(&response),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "payment_method_unavailable".into(),
            Some("payment.method".into())
        )
    );
}

#[tokio::test]
async fn an_empty_or_oversold_cart_cannot_be_quoted() {
    let app = TestApp::new().await;
    let address: Address = save(&app, &app.token, bandung()).await.json();
    let response = post_quote(&app, &app.token, full_request(&address.id)).await;
    assert_eq!(
        error(&response),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field".into(),
            Some("cart".into())
        )
    );
    put_item(&app, &app.token, SAMBAL, json!(3)).await;
    sqlx::query("UPDATE variants SET stock = 2 WHERE id = $1")
        .bind(SAMBAL)
        .execute(&app.db)
        .await
        .unwrap();
    let mut body = full_request(&address.id);
    body["vouchers"] = json!([]);
    body["shipping"] = json!([]);
    let response = post_quote(&app, &app.token, body).await;
    assert_eq!(
        error(&response),
        (
            StatusCode::CONFLICT,
            "out_of_stock".into(),
            Some(format!("cart[{SAMBAL}]"))
        )
    );
}

/// The probe's overcharge: three sizes of one shirt from one shop in the
/// cart, and "Buy now" of size S alone. The quote, the order and the
/// payment hold S's price only, and M and XL stay in the cart, unpaid.
#[tokio::test]
async fn buying_one_line_of_a_shop_charges_that_line_only() {
    let app = TestApp::new().await;
    const SHIRT_S: &str = "var-kemeja-batik-parang-s";
    for variant in [SHIRT_S, SHIRT_M, SHIRT_XL] {
        assert_eq!(
            put_item(&app, &app.token, variant, json!(1)).await.status,
            StatusCode::OK
        );
    }
    let address: Address = save(&app, &app.token, bandung()).await.json();
    let response = post_quote(
        &app,
        &app.token,
        json!({
            "address_id": address.id,
            "variant_ids": [SHIRT_S],
            "payment": { "method": "virtual_account", "bank": "bca" }
        }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let quote: Quote = response.json();
    let [batik] = &quote.shops[..] else {
        panic!("one shop: {:?}", quote.shops)
    };
    assert_eq!(batik.items.len(), 1);
    assert_eq!(batik.subtotal, Rupiah(189_000));
    assert_eq!(quote.totals.items_subtotal, Rupiah(189_000));
    // Yogyakarta → Bandung, 1 kg with AnterAja (Rp12.500), and the BCA
    // virtual account's Rp4.000.
    assert_eq!(quote.totals.shipping, Rupiah(12_500));
    assert_eq!(quote.totals.grand_total, Rupiah(189_000 + 12_500 + 4_000));

    let placed = place(&app, &app.token, &quote.id, "buy-now-s").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    let checkout: Checkout = placed.json();
    assert_eq!(checkout.payment.amount, quote.totals.grand_total);
    assert_eq!(checkout.orders[0].subtotal, Rupiah(189_000));
    let cart: Cart = app.get_json("/v1/cart").await;
    let left: Vec<&str> = cart.shops[0]
        .items
        .iter()
        .map(|i| i.variant_id.as_str())
        .collect();
    assert_eq!(left, [SHIRT_M, SHIRT_XL]);
    assert_eq!(cart.subtotal, Rupiah(189_000 + 199_000));
}
