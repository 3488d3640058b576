//! Flash deals: started and ended by the stream's creator only, each bad
//! term named; seen by viewers through the list and the live feed; bought
//! at the deal price only inside the window, for deal units, up to the
//! buyer's limit, race-free under a stampede; refusals not stored under
//! their key (decision 0057); unsold units back in stock when it ends.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use etalase_contract::{
    Address, AddressList, Checkout, DealQuote, ErrorCode, FlashDeal, FlashDealList, FlashDealState,
    Order, QuoteAnswer, QuoteChangedBody, Rupiah, SavedAddress, ShippingRefusal, Showcase,
    StreamEvent, StreamSales, MAX_UNITS_PER_VARIANT,
};
use etalase_server::deals::ticker;
use etalase_server::orders::lifecycle;
use etalase_server::time::Timestamp;
use serde_json::{json, Value};
use tokio::sync::Barrier;

use crate::addresses::{bandung, save};
use crate::cart::SHIRT_M;
use crate::helpers::{on_postgres, TestApp, TestResponse};
use crate::live::{Served, Viewer, CREATOR, STREAM};
use crate::orders::place;
use crate::powers::newcomer_stream;
use crate::regions::dago;
use crate::serve::{http, start_binary, try_http};

/// The product of [`SHIRT_M`], in [`STREAM`]'s showcase.
const SHIRT: &str = "prd-kemeja-batik-parang";
/// The deal price used throughout: below the shirt's normal price.
const DEAL_PRICE: i64 = 49_000;

fn terms(units: u32, limit: u32) -> Value {
    json!({
        "product_id": SHIRT,
        "variant_id": SHIRT_M,
        "price": DEAL_PRICE,
        "units": units,
        "per_buyer_limit": limit,
        "starts_in_seconds": 10,
        "minutes": 5,
    })
}

async fn start_deal(app: &TestApp, token: &str, body: Value) -> TestResponse {
    let path = format!("/v1/creator/streams/{STREAM}/deals");
    app.call(Method::POST, &path, Some(token), Some(body)).await
}

/// A deal of `units` on the shirt, `limit` each, opened at once (its start
/// moved into the past, as if its 10 s countdown had run).
async fn open_deal(app: &TestApp, units: u32, limit: u32) -> FlashDeal {
    let creator = app.mint(CREATOR, "creator").await;
    let response = start_deal(app, &creator, terms(units, limit)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let deal: FlashDeal = response.json();
    open_now(app, &deal.id).await;
    deal
}

async fn open_now(app: &TestApp, deal_id: &str) {
    sqlx::query("UPDATE flash_deals SET starts_at = $1 WHERE id = $2")
        .bind(Timestamp::now().minus(Duration::from_secs(1)).to_string())
        .bind(deal_id)
        .execute(&app.db)
        .await
        .unwrap();
}

async fn set_stock(app: &TestApp, stock: i64) {
    sqlx::query("UPDATE variants SET stock = $1 WHERE id = $2")
        .bind(stock)
        .bind(SHIRT_M)
        .execute(&app.db)
        .await
        .unwrap();
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

async fn stock(app: &TestApp) -> i64 {
    scalar(
        app,
        &format!("SELECT stock FROM variants WHERE id = '{SHIRT_M}'"),
    )
    .await
}

/// A shopper's token and saved address.
async fn shopper(app: &TestApp, name: &str) -> (String, String) {
    let token = app.mint(name, "shopper").await;
    let address: Address = save(app, &token, bandung()).await.json();
    (token, address.id)
}

async fn deal_quote(app: &TestApp, token: &str, address: &str, deal_id: &str) -> DealQuote {
    let path = format!("/v1/deals/{deal_id}/quote");
    let body = json!({ "address_id": address, "payment": { "method": "qris" } });
    let response = app.call(Method::POST, &path, Some(token), Some(body)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

/// The viewer's next `deal` event, past any `stock` events.
async fn next_deal(viewer: &mut Viewer) -> FlashDeal {
    loop {
        if let Some(deal) = viewer.expect_any().await.deal() {
            return deal.clone();
        }
    }
}

fn line_price(quote: &DealQuote) -> Rupiah {
    quote.quote.quote.shops[0].items[0].price
}

fn code(response: &TestResponse) -> String {
    response.refusal().1
}

/// `count` buyers, each with a deal-price quote of one unit.
async fn buyers(app: &TestApp, count: usize, deal_id: &str) -> Vec<(String, String)> {
    let mut ready = Vec::with_capacity(count);
    for n in 0..count {
        let (token, address) = shopper(app, &format!("deal-buyer-{n}")).await;
        let quote = deal_quote(app, &token, &address, deal_id).await;
        assert_eq!(quote.refusal, None);
        ready.push((token, quote.quote.quote.id));
    }
    ready
}

#[tokio::test]
async fn a_deal_reaches_viewers_sells_at_its_price_within_the_limit_and_gives_back_the_rest() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;

    let creator = app.mint(CREATOR, "creator").await;
    let response = start_deal(&app, &creator, terms(5, 1)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let deal: FlashDeal = response.json();
    assert_eq!(deal.state, FlashDealState::Upcoming);
    assert_eq!(
        (deal.units, deal.units_left, deal.per_buyer_limit),
        (5, 5, 1)
    );
    assert!((9..=10).contains(&deal.starts_in_seconds), "{deal:?}");
    assert!((309..=310).contains(&deal.seconds_left), "{deal:?}");
    assert_eq!(deal.price, Rupiah(DEAL_PRICE));
    assert_eq!(stock(&app).await, 25, "the deal's units left the stock");
    // Viewers hear of the stock and of the deal.
    let StreamEvent::Stock { variant_stock, .. } = viewer.expect("stock").await else {
        unreachable!()
    };
    assert_eq!(variant_stock, 25);
    assert_eq!(next_deal(&mut viewer).await.id, deal.id);
    // A viewer joining later gets it after the snapshot.
    let mut late = Viewer::connect(served.addr, STREAM, &app.token).await;
    late.expect("snapshot").await;
    assert_eq!(next_deal(&mut late).await.id, deal.id);
    let list: FlashDealList = app.get_json(&format!("/v1/streams/{STREAM}/deals")).await;
    assert_eq!(list.deals.len(), 1);
    assert_eq!(list.deals[0].id, deal.id);

    // Before it opens: the normal price, and why.
    let (token, address) = shopper(&app, "early-bird").await;
    let early = deal_quote(&app, &token, &address, &deal.id).await;
    let refusal = early.refusal.clone().expect("refused");
    assert_eq!(refusal.code, ErrorCode::DealNotStarted);
    assert!(refusal.message.contains("opens at"), "{}", refusal.message);
    assert!(line_price(&early) > Rupiah(DEAL_PRICE));

    // Open: the deal price.
    open_now(&app, &deal.id).await;
    let quote = deal_quote(&app, &token, &address, &deal.id).await;
    assert_eq!(quote.refusal, None);
    assert_eq!(line_price(&quote), Rupiah(DEAL_PRICE));
    assert_eq!(quote.quote.quote.totals.items_subtotal, Rupiah(DEAL_PRICE));
    let response = place(&app, &token, &quote.quote.quote.id, "deal-1").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let checkout: Checkout = response.json();
    assert_eq!(checkout.orders[0].items[0].price, Rupiah(DEAL_PRICE));
    let path = format!("/v1/orders/{}", checkout.orders[0].id);
    let order: Order = app
        .call(Method::GET, &path, Some(&token), None)
        .await
        .json();
    assert_eq!(order, checkout.orders[0], "answered as it reads back");
    let sold = next_deal(&mut viewer).await;
    assert_eq!(sold.units_left, 4, "viewers see the units left");
    assert_eq!(
        stock(&app).await,
        25,
        "a deal sale takes deal units, not stock"
    );

    // Past the limit: the normal price, and why, naming the quantity.
    let again = deal_quote(&app, &token, &address, &deal.id).await;
    let refusal = again.refusal.clone().expect("refused");
    assert_eq!(
        (refusal.code, refusal.field.as_deref()),
        (ErrorCode::DealLimitReached, Some("quantity"))
    );
    assert!(line_price(&again) > Rupiah(DEAL_PRICE));
    // That normal-price quote buys from the ordinary stock.
    let response = place(&app, &token, &again.quote.quote.id, "deal-2").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(stock(&app).await, 24);

    // Ended early: the 4 unsold units are back.
    let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", deal.id);
    let response = app.call(Method::POST, &path, Some(&creator), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let ended: FlashDeal = response.json();
    assert_eq!((ended.state, ended.units_left), (FlashDealState::Ended, 0));
    assert_eq!(stock(&app).await, 28);
    // Viewers hear it, and a deal quote of it now says it ended.
    assert_eq!(next_deal(&mut viewer).await.state, FlashDealState::Ended);
    let (other, other_address) = shopper(&app, "too-late").await;
    let late_quote = deal_quote(&app, &other, &other_address, &deal.id).await;
    assert_eq!(late_quote.refusal.unwrap().code, ErrorCode::DealEnded);
    // Ending again changes nothing.
    let response = app.call(Method::POST, &path, Some(&creator), None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(stock(&app).await, 28);
    served.stop().await;
}

#[tokio::test]
async fn a_deal_ending_on_time_gives_its_unsold_units_back_once() {
    let app = TestApp::new().await;
    // The deal sets aside the whole stock: its units sell all the same.
    set_stock(&app, 6).await;
    let deal = open_deal(&app, 6, 1).await;
    let ready = buyers(&app, 2, &deal.id).await;
    for (n, (token, quote_id)) in ready.iter().enumerate() {
        let response = place(&app, token, quote_id, &format!("k{n}")).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    assert_eq!(stock(&app).await, 0);
    let after = Timestamp::now().plus(Duration::from_secs(6 * 60));
    assert_eq!(ticker::tick(&app.store, &app.live, after).await.unwrap(), 1);
    assert_eq!(stock(&app).await, 4, "the 4 unsold units are back");
    assert_eq!(ticker::tick(&app.store, &app.live, after).await.unwrap(), 0);
    assert_eq!(stock(&app).await, 4, "and only once");
    let list: FlashDealList = app.get_json(&format!("/v1/streams/{STREAM}/deals")).await;
    assert_eq!(list.deals[0].state, FlashDealState::Ended);
}

/// The shirt's card in [`STREAM`]'s showcase: (stock, units held by deals).
async fn shirt_card(app: &TestApp) -> (u32, u32) {
    let showcase: Showcase = app
        .get_json(&format!("/v1/streams/{STREAM}/products"))
        .await;
    let card = showcase
        .products
        .iter()
        .find(|card| card.id == SHIRT)
        .expect("the shirt is in the showcase");
    (card.stock, card.deal_units)
}

#[tokio::test]
async fn a_deal_holding_a_products_last_units_shows_on_its_card_until_it_ends() {
    let app = TestApp::new().await;
    // Two units of the shirt left, both of one variant, both set aside.
    sqlx::query("UPDATE variants SET stock = 0 WHERE product_id = $1")
        .bind(SHIRT)
        .execute(&app.db)
        .await
        .unwrap();
    set_stock(&app, 2).await;
    let creator = app.mint(CREATOR, "creator").await;
    let started = start_deal(&app, &creator, terms(2, 1)).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.text());
    let deal: FlashDeal = started.json();
    assert_eq!(
        shirt_card(&app).await,
        (0, 2),
        "announced: held, not sold out"
    );
    open_now(&app, &deal.id).await;
    let ready = buyers(&app, 1, &deal.id).await;
    let (token, quote_id) = &ready[0];
    let placed = place(&app, token, quote_id, "one").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    assert_eq!(
        shirt_card(&app).await,
        (0, 1),
        "one sold: one left in the deal"
    );
    let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", deal.id);
    let ended = app.call(Method::POST, &path, Some(&creator), None).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.text());
    assert_eq!(
        shirt_card(&app).await,
        (1, 0),
        "ended: the unit is back in stock"
    );
}

/// The shirt's sold count, as stored.
async fn product_sold_count(app: &TestApp) -> i64 {
    scalar(
        app,
        &format!("SELECT sold_count FROM products WHERE id = '{SHIRT}'"),
    )
    .await
}

/// The deal's units left and the buyer's count, as stored.
async fn deal_row(app: &TestApp, deal_id: &str, buyer: &str) -> (i64, i64) {
    let left = scalar(
        app,
        &format!("SELECT units_left FROM flash_deals WHERE id = '{deal_id}'"),
    )
    .await;
    let counted = scalar(
        app,
        &format!(
            "SELECT CAST(COALESCE(SUM(b.units), 0) AS BIGINT) FROM flash_deal_buyers b
               JOIN users u ON u.id = b.user_id
              WHERE b.deal_id = '{deal_id}' AND u.external_id = '{buyer}'"
        ),
    )
    .await;
    (left, counted)
}

/// The id of the shopper's first saved address.
async fn shopper_address(app: &TestApp, token: &str) -> String {
    let response = app
        .call(Method::GET, "/v1/addresses", Some(token), None)
        .await;
    let list: AddressList = response.json();
    list.addresses[0].id.clone()
}

async fn cancel(app: &TestApp, token: &str, order_id: &str) {
    let path = format!("/v1/orders/{order_id}/cancel");
    let response = app.call(Method::POST, &path, Some(token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

#[tokio::test]
async fn a_deal_checkout_left_unpaid_gives_its_units_back_to_the_running_deal() {
    let app = TestApp::new().await;
    set_stock(&app, 2).await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    // The deal holds the whole stock: two buyers sell it out.
    let deal = open_deal(&app, 2, 1).await;
    let ready = buyers(&app, 3, &deal.id).await;
    let mut checkouts = Vec::new();
    for (n, (token, quote_id)) in ready[..2].iter().enumerate() {
        let response = place(&app, token, quote_id, &format!("k{n}")).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let checkout: Checkout = response.json();
        // Deal units wait ten minutes for their payment, not the hour.
        let due = Timestamp::parse(&checkout.payment.expires_at).unwrap();
        let placed = Timestamp::parse(&checkout.created_at).unwrap();
        assert_eq!(due, placed.plus(Duration::from_secs(10 * 60)));
        checkouts.push(checkout);
    }
    while next_deal(&mut viewer).await.state != FlashDealState::SoldOut {}
    let (late, late_quote) = &ready[2];
    let refused = place(&app, late, late_quote, "late").await;
    assert_eq!(code(&refused), "deal_sold_out");

    // The first buyer cancels: the unit goes back to the deal, not to the
    // stock, the deal opens again for everyone at once, and the buyer may
    // buy again.
    cancel(&app, &ready[0].0, &checkouts[0].orders[0].id).await;
    assert_eq!(deal_row(&app, &deal.id, "deal-buyer-0").await, (1, 0));
    assert_eq!(stock(&app).await, 0);
    let reopened = next_deal(&mut viewer).await;
    assert_eq!(
        (reopened.state, reopened.units_left),
        (FlashDealState::Open, 1)
    );
    let token = &ready[2].0;
    let quote = deal_quote(&app, token, &shopper_address(&app, token).await, &deal.id).await;
    assert_eq!(quote.refusal, None);
    let bought = place(&app, token, &quote.quote.quote.id, "late-again").await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    assert_eq!(deal_row(&app, &deal.id, "deal-buyer-2").await, (0, 1));

    // The second buyer's payment lapses after the deal's time ran out but
    // before the ticker ended it: straight back to the stock, not to a deal
    // that can no longer sell it, and the ticker finds nothing to return.
    let due = Timestamp::parse(&checkouts[1].payment.expires_at).unwrap();
    assert_eq!(
        lifecycle::expire_due(&app.store, &app.live, due)
            .await
            .unwrap(),
        1
    );
    assert_eq!(deal_row(&app, &deal.id, "deal-buyer-1").await.0, 0);
    assert_eq!(stock(&app).await, 1);
    assert_eq!(ticker::tick(&app.store, &app.live, due).await.unwrap(), 1);
    assert_eq!(stock(&app).await, 1);
    // A deal checkout ending after its deal ended leaves the units in stock.
    cancel(&app, token, &bought.json::<Checkout>().orders[0].id).await;
    assert_eq!(stock(&app).await, 2);
    assert_eq!(deal_row(&app, &deal.id, "deal-buyer-2").await.0, 0);
    served.stop().await;
}

/// The deal `deal_id` as the stream's list has it.
async fn listed(app: &TestApp, deal_id: &str) -> FlashDeal {
    let list: FlashDealList = app.get_json(&format!("/v1/streams/{STREAM}/deals")).await;
    list.deals
        .into_iter()
        .find(|deal| deal.id == deal_id)
        .expect("listed")
}

#[tokio::test]
async fn a_deals_units_sold_count_its_orders_not_ended_unpaid_and_stay_after_it_ends() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let served = Served::start(&app).await;
    let mut viewer = Viewer::connect(served.addr, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    let sold_count = || product_sold_count(&app);
    let sold_before = sold_count().await;
    let deal = open_deal(&app, 4, 1).await;
    assert_eq!(deal.units_sold, 0);
    let ready = buyers(&app, 4, &deal.id).await;
    let mut orders = Vec::new();
    for (n, (token, quote_id)) in ready[..3].iter().enumerate() {
        let response = place(&app, token, quote_id, &format!("sold-{n}")).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        orders.push(response.json::<Checkout>().orders[0].id.clone());
        // Past any other news of the deal (its opening announced).
        let sold = n as u32 + 1;
        let told = loop {
            let told = next_deal(&mut viewer).await;
            if told.units_sold == sold {
                break told;
            }
        };
        assert_eq!(told.units_left, 4 - sold, "viewers see what is left");
    }
    let sold = listed(&app, &deal.id).await;
    assert_eq!((sold.units_left, sold.units_sold), (1, 3));
    assert_eq!(
        sold_count().await,
        sold_before + 3,
        "the product's sold count"
    );
    // Cancelled while the deal runs: the unit is no longer sold.
    cancel(&app, &ready[0].0, &orders[0]).await;
    let sold = listed(&app, &deal.id).await;
    assert_eq!((sold.units_left, sold.units_sold), (2, 2));
    assert_eq!(sold_count().await, sold_before + 2);
    // Sold again: viewers are told what the deal sold, the cancelled unit
    // not counted.
    let response = place(&app, &ready[3].0, &ready[3].1, "sold-3").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let told = loop {
        let told = next_deal(&mut viewer).await;
        if told.units_left == 1 {
            break told;
        }
    };
    assert_eq!((told.state, told.units_sold), (FlashDealState::Open, 3));
    assert_eq!(sold_count().await, sold_before + 3);
    cancel(&app, &ready[3].0, &response.json::<Checkout>().orders[0].id).await;
    // Ended: the units left go back to stock, what was sold is still said.
    let creator = app.mint(CREATOR, "creator").await;
    let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", deal.id);
    let ended: FlashDeal = app
        .call(Method::POST, &path, Some(&creator), None)
        .await
        .json();
    assert_eq!(
        (ended.state, ended.units_left, ended.units_sold),
        (FlashDealState::Ended, 0, 2)
    );
    // An order cancelled after the end is not sold either.
    cancel(&app, &ready[1].0, &orders[1]).await;
    let sold = listed(&app, &deal.id).await;
    assert_eq!((sold.state, sold.units_sold), (FlashDealState::Ended, 1));
}

#[tokio::test]
async fn a_deals_per_buyer_limit_is_at_most_what_one_shopper_may_hold_unpaid() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let creator = app.mint(CREATOR, "creator").await;
    let over = start_deal(&app, &creator, terms(10, MAX_UNITS_PER_VARIANT + 1)).await;
    let (status, error, field, message) = over.refusal();
    assert_eq!(
        (status, error.as_str(), field.as_deref()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("per_buyer_limit")
        )
    );
    assert!(
        message.contains(&format!("1 to {MAX_UNITS_PER_VARIANT}")),
        "{message}"
    );
    let most = start_deal(&app, &creator, terms(10, MAX_UNITS_PER_VARIANT)).await;
    assert_eq!(most.status, StatusCode::CREATED, "{}", most.text());
    let deal: FlashDeal = most.json();
    assert_eq!(deal.per_buyer_limit, MAX_UNITS_PER_VARIANT);
    // A buyer allowed the deal's most is not refused by the reservation
    // limit first.
    open_now(&app, &deal.id).await;
    let (token, address) = shopper(&app, "most-buyer").await;
    let path = format!("/v1/deals/{}/quote", deal.id);
    let body = json!({ "address_id": address, "quantity": MAX_UNITS_PER_VARIANT, "payment": { "method": "qris" } });
    let quote: DealQuote = app
        .call(Method::POST, &path, Some(&token), Some(body))
        .await
        .json();
    assert_eq!(quote.refusal, None);
    let response = place(&app, &token, &quote.quote.quote.id, "most").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(
        listed(&app, &deal.id).await.units_sold,
        MAX_UNITS_PER_VARIANT
    );
}

#[tokio::test]
async fn a_buyer_at_the_limit_of_a_deal_holding_the_whole_stock_hears_of_the_limit() {
    let app = TestApp::new().await;
    set_stock(&app, 3).await;
    let deal = open_deal(&app, 3, 1).await;
    let ready = buyers(&app, 1, &deal.id).await;
    let (token, quote_id) = &ready[0];
    let response = place(&app, token, quote_id, "first").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let path = format!("/v1/deals/{}/quote", deal.id);
    let address = shopper_address(&app, token).await;
    let body = json!({ "address_id": address, "payment": { "method": "qris" } });
    let again = app.call(Method::POST, &path, Some(token), Some(body)).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
    let (_, code, field, message) = again.refusal();
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("deal_limit_reached", Some("quantity"))
    );
    assert!(
        message.contains("at the normal price 0 of the 1 asked are in stock"),
        "{message}"
    );
}

#[tokio::test]
async fn a_tap_sent_twice_starts_one_deal() {
    let app = Arc::new(TestApp::new().await);
    set_stock(&app, 30).await;
    let creator = app.mint(CREATOR, "creator").await;
    let path = format!("/v1/creator/streams/{STREAM}/deals");
    let mut taps = Vec::new();
    for _ in 0..10 {
        let (app, creator, path) = (Arc::clone(&app), creator.clone(), path.clone());
        taps.push(tokio::spawn(async move {
            let headers = [("Idempotency-Key", "deal-tap")];
            app.call_with(
                Method::POST,
                &path,
                Some(&creator),
                &headers,
                Some(terms(5, 1)),
            )
            .await
        }));
    }
    let mut ids = HashSet::new();
    let mut replayed = 0;
    for tap in taps {
        let response = tap.await.unwrap();
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        replayed += usize::from(response.header("idempotent-replayed") == Some("true"));
        ids.insert(response.json::<FlashDeal>().id);
    }
    assert_eq!((ids.len(), replayed), (1, 9), "{ids:?}");
    assert_eq!(stock(&app).await, 25, "one deal's units set aside");
    let other = app
        .call_with(
            Method::POST,
            &path,
            Some(&creator),
            &[("Idempotency-Key", "deal-tap")],
            Some(terms(6, 1)),
        )
        .await;
    let (_, error, field, _) = other.refusal();
    assert_eq!(
        (error.as_str(), field.as_deref()),
        ("idempotency_key_reused", Some("Idempotency-Key"))
    );
}

#[tokio::test]
async fn creators_showing_one_product_each_run_their_own_deal() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let deal = open_deal(&app, 5, 1).await;
    let (other, stream) = newcomer_stream(&app, "crt-other-creator", &[SHIRT]).await;
    let path = format!("/v1/creator/streams/{stream}/deals");
    let response = app
        .call(Method::POST, &path, Some(&other), Some(terms(5, 1)))
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let theirs: FlashDeal = response.json();
    assert_ne!(theirs.id, deal.id);
    assert_eq!(stock(&app).await, 20, "each deal set its own units aside");
    // A second deal on one stream's product is still refused, in its words.
    let again = app
        .call(Method::POST, &path, Some(&other), Some(terms(5, 1)))
        .await;
    let (_, error, field, message) = again.refusal();
    assert_eq!(
        (error.as_str(), field.as_deref()),
        ("invalid_field", Some("product_id"))
    );
    assert!(message.contains("on this stream"), "{message}");
}

#[tokio::test]
async fn a_deal_ended_before_it_opened_never_ends_before_its_start() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let creator = app.mint(CREATOR, "creator").await;
    let started: FlashDeal = start_deal(&app, &creator, terms(5, 1)).await.json();
    let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", started.id);
    let ended: FlashDeal = app
        .call(Method::POST, &path, Some(&creator), None)
        .await
        .json();
    assert_eq!(ended.state, FlashDealState::Ended);
    assert!(ended.ends_at >= ended.starts_at, "{ended:?}");
}

#[tokio::test]
async fn a_deal_paid_counts_in_its_streams_sales_with_the_creators_commission() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let deal = open_deal(&app, 5, 1).await;
    let ready = buyers(&app, 1, &deal.id).await;
    let (token, quote_id) = &ready[0];
    let response = place(&app, token, quote_id, "deal-paid").await;
    let checkout: Checkout = response.json();
    let path = format!("/v1/demo/payments/{}/pay", checkout.payment.id);
    let paid = app.call(Method::POST, &path, Some(token), None).await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text());
    let creator = app.mint(CREATOR, "creator").await;
    let path = format!("/v1/creator/streams/{STREAM}/sales");
    let sales: StreamSales = app
        .call(Method::GET, &path, Some(&creator), None)
        .await
        .json();
    assert_eq!(
        (sales.orders, sales.units, sales.gmv),
        (1, 1, Rupiah(DEAL_PRICE))
    );
    assert!(sales.commission > Rupiah::ZERO, "{sales:?}");
}

#[tokio::test]
async fn a_deal_runs_in_a_live_stream_never_in_a_recorded_video() {
    let app = TestApp::new().await;
    let creator = app.mint("crt-nadia-glow", "creator").await;
    let path = "/v1/creator/streams/vid-rutinitas-glow/deals";
    let mut body = terms(1, 1);
    body["product_id"] = json!("prd-serum-glow");
    body["variant_id"] = Value::Null;
    let response = app
        .call(Method::POST, path, Some(&creator), Some(body))
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, code, field, message) = response.refusal();
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_field", Some("stream_id"))
    );
    assert!(message.contains("recorded video"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_hundred_buyers_for_twenty_units_get_twenty_units_one_each() {
    const BUYERS: usize = 500;
    let app = Arc::new(TestApp::new().await);
    set_stock(&app, 100).await;
    let deal = open_deal(&app, 20, 1).await;
    let ready = buyers(&app, BUYERS, &deal.id).await;
    let start = Arc::new(Barrier::new(BUYERS));
    let mut tasks = Vec::new();
    for (n, (token, quote_id)) in ready.into_iter().enumerate() {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let response = place(&app, &token, &quote_id, &format!("stampede-{n}")).await;
            (response.status, code(&response))
        }));
    }
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            (StatusCode::CREATED, _) => created += 1,
            (StatusCode::CONFLICT, code) => assert_eq!(code, "deal_sold_out"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(created, 20);
    let sold = "SELECT CAST(COALESCE(SUM(i.quantity), 0) AS BIGINT) FROM order_items i
                  JOIN orders o ON o.id = i.order_id WHERE i.variant_id = 'var-kemeja-batik-parang-m'";
    assert_eq!(scalar(&app, sold).await, 20, "exactly the deal's units");
    let buyers = "SELECT COUNT(DISTINCT user_id) FROM orders";
    assert_eq!(scalar(&app, buyers).await, 20, "to 20 distinct buyers");
    let left = format!(
        "SELECT units_left FROM flash_deals WHERE id = '{}'",
        deal.id
    );
    assert_eq!(scalar(&app, &left).await, 0);
    assert_eq!(stock(&app).await, 80, "the ordinary stock is untouched");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_buyer_firing_ten_keys_at_once_gets_one_unit() {
    let app = Arc::new(TestApp::new().await);
    set_stock(&app, 50).await;
    let deal = open_deal(&app, 20, 1).await;
    let (token, address) = shopper(&app, "eager").await;
    let mut quotes = Vec::new();
    for _ in 0..10 {
        quotes.push(
            deal_quote(&app, &token, &address, &deal.id)
                .await
                .quote
                .quote
                .id,
        );
    }
    let start = Arc::new(Barrier::new(quotes.len()));
    let mut tasks = Vec::new();
    for (n, quote_id) in quotes.into_iter().enumerate() {
        let (app, start, token) = (app.clone(), start.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let response = place(&app, &token, &quote_id, &format!("eager-{n}")).await;
            (response.status, code(&response))
        }));
    }
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            (StatusCode::CREATED, _) => created += 1,
            (StatusCode::CONFLICT, code) => assert_eq!(code, "deal_limit_reached"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(created, 1);
    let left = format!(
        "SELECT units_left FROM flash_deals WHERE id = '{}'",
        deal.id
    );
    assert_eq!(scalar(&app, &left).await, 19);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);
}

/// The answer one request of a mixed stampede must get.
#[derive(Debug)]
enum Expected {
    /// Its first order, replayed.
    Replay(axum::body::Bytes),
    /// `deal_limit_reached`: the buyer has their unit.
    Limit,
    /// A new order.
    Sale,
    /// 404: the quote is another shopper's.
    NotTheirs,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stampede_of_replays_buyers_at_their_limit_and_newcomers_answers_each_its_own() {
    // The deal's checkouts first ask together which deal their quotes hold,
    // whether their keys were sent and what their buyers bought (decision
    // 0071): each must get its own answer back.
    const EARLIER: usize = 15;
    let app = Arc::new(TestApp::new().await);
    set_stock(&app, 100).await;
    let deal = open_deal(&app, 40, 1).await;
    let mut sends = Vec::new();
    for n in 0..EARLIER {
        let (token, address) = shopper(&app, &format!("earlier-{n}")).await;
        let quote_id = deal_quote(&app, &token, &address, &deal.id)
            .await
            .quote
            .quote
            .id;
        // A second quote at the deal's price, taken before the first buys.
        let again = deal_quote(&app, &token, &address, &deal.id)
            .await
            .quote
            .quote
            .id;
        let first = place(&app, &token, &quote_id, "first").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
        sends.push((
            token.clone(),
            quote_id,
            "first",
            Expected::Replay(first.body),
        ));
        sends.push((token, again, "again", Expected::Limit));
    }
    for n in 0..EARLIER {
        let (token, address) = shopper(&app, &format!("newcomer-{n}")).await;
        let quote_id = deal_quote(&app, &token, &address, &deal.id)
            .await
            .quote
            .quote
            .id;
        sends.push((token, quote_id.clone(), "new", Expected::Sale));
        // Someone else sending the newcomer's quote id.
        let (stranger, _) = shopper(&app, &format!("stranger-{n}")).await;
        sends.push((stranger, quote_id, "new", Expected::NotTheirs));
    }
    let start = Arc::new(Barrier::new(sends.len()));
    let mut tasks = Vec::new();
    for (token, quote_id, key, expected) in sends {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            (expected, place(&app, &token, &quote_id, key).await)
        }));
    }
    for task in tasks {
        let (expected, response) = task.await.unwrap();
        match expected {
            Expected::Replay(first) => {
                assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
                assert_eq!(response.header("idempotent-replayed"), Some("true"));
                assert_eq!(response.body, first, "the buyer's own order");
            }
            Expected::Limit => {
                assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.text());
                assert_eq!(code(&response), "deal_limit_reached");
            }
            Expected::Sale => {
                assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
                assert_eq!(response.header("idempotent-replayed"), None);
            }
            Expected::NotTheirs => {
                assert_eq!(
                    response.status,
                    StatusCode::NOT_FOUND,
                    "{}",
                    response.text()
                );
            }
        }
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 30);
    let left = format!(
        "SELECT units_left FROM flash_deals WHERE id = '{}'",
        deal.id
    );
    assert_eq!(scalar(&app, &left).await, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_buyer_at_the_limit_sending_stale_quotes_never_keeps_units_from_others() {
    let app = Arc::new(TestApp::new().await);
    set_stock(&app, 50).await;
    let deal = open_deal(&app, 10, 1).await;
    // One shopper takes thirty quotes at the deal price and buys with one.
    let (greedy, address) = shopper(&app, "greedy").await;
    let mut stale = Vec::new();
    for _ in 0..30 {
        let quote = deal_quote(&app, &greedy, &address, &deal.id).await;
        stale.push((greedy.clone(), quote.quote.quote.id));
    }
    let (_, bought) = stale.pop().unwrap();
    let response = place(&app, &greedy, &bought, "greedy-first").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    // Then sends the other twenty-nine at once with nine other buyers.
    let honest = buyers(&app, 9, &deal.id).await;
    let everyone: Vec<_> = stale.into_iter().chain(honest.iter().cloned()).collect();
    let start = Arc::new(Barrier::new(everyone.len()));
    let mut tasks = Vec::new();
    for (n, (token, quote_id)) in everyone.into_iter().enumerate() {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let response = place(&app, &token, &quote_id, &format!("rush-{n}")).await;
            (token, response.status, code(&response))
        }));
    }
    let mut winners = HashSet::new();
    for task in tasks {
        match task.await.unwrap() {
            (token, StatusCode::CREATED, _) => assert!(winners.insert(token)),
            (token, StatusCode::CONFLICT, code) => {
                assert_eq!(token, greedy, "another buyer was refused {code}");
                assert_eq!(code, "deal_limit_reached");
            }
            other => panic!("{other:?}"),
        }
    }
    let honest: HashSet<_> = honest.into_iter().map(|(token, _)| token).collect();
    assert_eq!(winners, honest, "every other buyer gets a unit");
    let (left, greedy_bought) = deal_row(&app, &deal.id, "greedy").await;
    assert_eq!(
        (left, greedy_bought),
        (0, 1),
        "sold out, one unit to the first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_key_sent_again_while_it_buys_a_deals_last_unit_replays_that_order() {
    let app = Arc::new(TestApp::new().await);
    set_stock(&app, 30).await;
    let creator = app.mint(CREATOR, "creator").await;
    for round in 0..8 {
        let deal = open_deal(&app, 1, 1).await;
        let (token, address) = shopper(&app, &format!("twice-{round}")).await;
        let quote_id = deal_quote(&app, &token, &address, &deal.id)
            .await
            .quote
            .quote
            .id;
        let start = Arc::new(Barrier::new(4));
        let mut sends = Vec::new();
        for _ in 0..4 {
            let (app, start) = (app.clone(), start.clone());
            let (token, quote_id) = (token.clone(), quote_id.clone());
            sends.push(tokio::spawn(async move {
                start.wait().await;
                place(&app, &token, &quote_id, "the-same-tap").await
            }));
        }
        let mut bodies = HashSet::new();
        for send in sends {
            let response = send.await.unwrap();
            assert_eq!(
                response.status,
                StatusCode::CREATED,
                "round {round}: {}",
                response.text()
            );
            bodies.insert(response.body.clone());
        }
        assert_eq!(bodies.len(), 1, "round {round}: one order, replayed");
        let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", deal.id);
        let ended = app.call(Method::POST, &path, Some(&creator), None).await;
        assert_eq!(ended.status, StatusCode::OK, "{}", ended.text());
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 8);
}

#[tokio::test]
async fn a_refused_key_is_not_stored_and_never_makes_a_second_order() {
    let app = TestApp::new().await;
    set_stock(&app, 10).await;
    let deal = open_deal(&app, 1, 1).await;
    let ready = buyers(&app, 2, &deal.id).await;
    let (winner, winning_quote) = &ready[0];
    let (loser, losing_quote) = &ready[1];
    let won = place(&app, winner, winning_quote, "win").await;
    assert_eq!(won.status, StatusCode::CREATED, "{}", won.text());

    let refused = place(&app, loser, losing_quote, "lose").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(code(&refused), "deal_sold_out");
    let keys = "SELECT COUNT(*) FROM idempotency_keys WHERE key = 'lose'";
    assert_eq!(
        scalar(&app, keys).await,
        0,
        "nothing stored for the refusal"
    );
    // Retried with the same key: refused again, never an order.
    let retried = place(&app, loser, losing_quote, "lose").await;
    assert_eq!(retried.status, StatusCode::CONFLICT);
    assert_eq!(code(&retried), "deal_sold_out");
    assert_eq!(retried.header("idempotent-replayed"), None);
    // The winner's key still replays its order, sold out or not.
    let replayed = place(&app, winner, winning_quote, "win").await;
    assert_eq!(replayed.status, StatusCode::CREATED);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    assert_eq!(replayed.body, won.body);
    // Even after the deal ends and the stock is back, the key never buys
    // at the deal price.
    let creator = app.mint(CREATOR, "creator").await;
    let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", deal.id);
    let response = app.call(Method::POST, &path, Some(&creator), None).await;
    assert_eq!(response.status, StatusCode::OK);
    let after_end = place(&app, loser, losing_quote, "lose").await;
    assert_eq!(after_end.status, StatusCode::CONFLICT);
    assert_eq!(code(&after_end), "deal_sold_out");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);
}

#[tokio::test]
async fn only_the_streams_creator_starts_and_ends_deals_and_every_bad_term_is_named() {
    let app = TestApp::new().await;
    set_stock(&app, 30).await;
    let shopper_token = app.token.clone();
    let response = start_deal(&app, &shopper_token, terms(5, 1)).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(code(&response), "wrong_role");
    let other = app.mint("crt-sari-masak", "creator").await;
    let response = start_deal(&app, &other, terms(5, 1)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let response = start_deal(&app, &other, json!({ "product_id": SHIRT, "price": 0, "units": 0, "starts_in_seconds": 1, "minutes": 0 })).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND, "ownership first");

    let creator = app.mint(CREATOR, "creator").await;
    let with = |field: &str, value: Value| {
        let mut body = terms(5, 1);
        body[field] = value;
        body
    };
    for (body, field) in [
        (with("price", json!(0)), "price"),
        (with("price", json!(189_000)), "price"),
        (with("price", json!(500_000)), "price"),
        (with("units", json!(0)), "units"),
        (with("units", json!(31)), "units"),
        (with("per_buyer_limit", json!(0)), "per_buyer_limit"),
        (with("per_buyer_limit", json!(6)), "per_buyer_limit"),
        (with("starts_in_seconds", json!(9)), "starts_in_seconds"),
        (with("starts_in_seconds", json!(301)), "starts_in_seconds"),
        (with("minutes", json!(0)), "minutes"),
        (with("minutes", json!(21)), "minutes"),
        (with("product_id", json!("prd-nope")), "product_id"),
        (with("variant_id", json!("var-nope")), "variant_id"),
        (with("variant_id", Value::Null), "variant_id"),
    ] {
        let response = start_deal(&app, &creator, body.clone()).await;
        let (status, error, named, message) = response.refusal();
        assert_eq!(
            (status, error.as_str(), named.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some(field)
            ),
            "{body} → {message}"
        );
    }
    let response = start_deal(&app, &creator, json!({ "product_id": SHIRT })).await;
    assert_eq!(
        response.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.text()
    );
    assert_eq!(stock(&app).await, 30, "no refusal set units aside");

    let response = start_deal(&app, &creator, terms(5, 1)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let deal: FlashDeal = response.json();
    let second = start_deal(&app, &creator, terms(5, 1)).await;
    assert_eq!(
        second.refusal().2.as_deref(),
        Some("product_id"),
        "one running deal per product"
    );
    let path = format!("/v1/creator/streams/{STREAM}/deals/{}/end", deal.id);
    let response = app.call(Method::POST, &path, Some(&other), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let response = app
        .call(Method::POST, &path, Some(&shopper_token), None)
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    let (token, address) = shopper(&app, "quantity").await;
    let path = format!("/v1/deals/{}/quote", deal.id);
    let body = json!({ "address_id": address, "quantity": 0, "payment": { "method": "qris" } });
    let response = app
        .call(Method::POST, &path, Some(&token), Some(body))
        .await;
    assert_eq!(response.refusal().2.as_deref(), Some("quantity"));
    let response = app
        .call(
            Method::POST,
            "/v1/deals/fd-nope/quote",
            Some(&token),
            Some(json!({ "address_id": address, "payment": { "method": "qris" } })),
        )
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_instance_refuses_a_sold_out_deal_before_writing_anything() {
    if !on_postgres() {
        return;
    }
    let app = TestApp::new().await;
    set_stock(&app, 10).await;
    let deal = open_deal(&app, 1, 1).await;
    let ready = buyers(&app, 2, &deal.id).await;
    let (_first, a) = start_binary(app.database()).await;
    let (_second, b) = start_binary(app.database()).await;
    let mut viewer = Viewer::connect(b, STREAM, &app.token).await;
    viewer.expect("snapshot").await;
    next_deal(&mut viewer).await;

    let place_on = |addr, token: String, quote_id: String, key: &'static str| async move {
        let authorization = format!("Bearer {token}");
        let headers = [
            ("authorization", authorization.as_str()),
            ("idempotency-key", key),
        ];
        http(
            addr,
            Method::POST,
            "/v1/orders",
            &headers,
            Some(json!({ "quote_id": quote_id })),
        )
        .await
    };
    let (status, _) = place_on(a, ready[0].0.clone(), ready[0].1.clone(), "on-a").await;
    assert_eq!(status, StatusCode::CREATED);
    // Instance b hears of the sale through NOTIFY (after, perhaps, the
    // instances' tickers announcing the opening)…
    while next_deal(&mut viewer).await.state != FlashDealState::SoldOut {}
    // …and refuses at once: no key claimed, nothing written.
    let (status, body) = place_on(b, ready[1].0.clone(), ready[1].1.clone(), "on-b").await;
    assert_eq!(status, StatusCode::CONFLICT);
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["code"], "deal_sold_out");
    let keys = "SELECT COUNT(*) FROM idempotency_keys WHERE key = 'on-b'";
    assert_eq!(scalar(&app, keys).await, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM checkouts").await, 1);
    let distinct: HashSet<i64> = sqlx::query_scalar("SELECT user_id FROM orders")
        .fetch_all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(distinct.len(), 1);
}

/// What one buyer's order request came to, after any retries, and whether
/// its first instance was lost on the way.
#[derive(Debug, PartialEq)]
enum Outcome {
    Ordered { moved: bool },
    Refused(String),
}

/// Places `quote_id` as `token` under `key` on `first`, then, once the
/// answer is lost (the instance died), on `second` with the same key, until
/// it has an answer.
async fn place_until_answered(
    first: std::net::SocketAddr,
    second: std::net::SocketAddr,
    token: &str,
    quote_id: &str,
    key: &str,
) -> Outcome {
    let authorization = format!("Bearer {token}");
    let headers = [
        ("authorization", authorization.as_str()),
        ("idempotency-key", key),
    ];
    let body = json!({ "quote_id": quote_id });
    let mut addr = first;
    for _ in 0..60 {
        let answer = try_http(
            addr,
            Method::POST,
            "/v1/orders",
            &headers,
            Some(body.clone()),
        )
        .await;
        match answer {
            Ok((StatusCode::CREATED, _)) => {
                return Outcome::Ordered {
                    moved: addr != first,
                }
            }
            Ok((status, body)) => {
                let body: Value = serde_json::from_slice(&body).unwrap();
                let code = body["error"]["code"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                if code != "idempotency_in_progress" {
                    assert_eq!(status, StatusCode::CONFLICT, "{body}");
                    return Outcome::Refused(code);
                }
            }
            Err(_) => addr = second,
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("no answer for {key} within 30 s");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_two_instances_killed_in_a_deal_loses_no_unit_and_sells_none_twice() {
    if !on_postgres() {
        return;
    }
    let app = TestApp::new().await;
    set_stock(&app, 100).await;
    let deal = open_deal(&app, 30, 1).await;
    let ready = buyers(&app, 80, &deal.id).await;
    let (mut doomed, a) = start_binary(app.database()).await;
    let (_survivor, b) = start_binary(app.database()).await;

    // The first 20 buyers arrive every 15 ms, one in two on the instance
    // about to die, which is killed once five have their answer, the rest
    // in flight; the other 60 then go to the dead one first, so at least
    // the 10 units the first wave could not take are sold by the survivor
    // to buyers whose first instance was gone.
    let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let buy = |n: usize, (token, quote_id): (String, String), first, second| {
        let answered = Arc::clone(&answered);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(15 * (n % 20) as u64)).await;
            let outcome =
                place_until_answered(first, second, &token, &quote_id, &format!("buy-{n}")).await;
            answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            outcome
        })
    };
    let mut ready = ready.into_iter().enumerate();
    let mut workers: Vec<_> = ready
        .by_ref()
        .take(20)
        .map(|(n, buyer)| {
            let (first, second) = if n % 2 == 0 { (a, b) } else { (b, a) };
            buy(n, buyer, first, second)
        })
        .collect();
    while answered.load(std::sync::atomic::Ordering::SeqCst) < 5 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    doomed.start_kill().unwrap(); // SIGKILL, requests in flight
    doomed.wait().await.unwrap();
    workers.extend(ready.map(|(n, buyer)| buy(n, buyer, a, b)));

    let (mut ordered, mut moved) = (0, 0);
    for worker in workers {
        match worker.await.unwrap() {
            Outcome::Ordered { moved: away } => {
                ordered += 1;
                moved += usize::from(away);
            }
            Outcome::Refused(code) => assert_eq!(code, "deal_sold_out"),
        }
    }
    assert!(
        moved > 0,
        "some buyers were served by the survivor after the kill"
    );
    // Every unit sold once, each to a buyer who was told so, one each.
    assert_eq!(ordered, 30, "every deal unit sold, none lost to the kill");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders").await, 30);
    let buyers: HashSet<i64> = sqlx::query_scalar("SELECT user_id FROM orders")
        .fetch_all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(buyers.len(), 30, "no buyer has two orders");
    let list: FlashDealList = app
        .call(
            Method::GET,
            &format!("/v1/streams/{STREAM}/deals"),
            Some(&app.token),
            None,
        )
        .await
        .json();
    let after = list.deals.iter().find(|d| d.id == deal.id).unwrap();
    assert_eq!(after.units_left, 0);
    assert_eq!(after.state, FlashDealState::SoldOut);
}

/// The couriers the parcel of `quote` is too heavy for, by id, with the
/// parcel's kilograms as charged.
fn too_heavy<A>(quote: &QuoteAnswer<A>) -> Vec<(String, u32)> {
    quote
        .unavailable_shipping
        .iter()
        .map(|u| (u.id.clone(), u.parcel_kg))
        .collect()
}

#[tokio::test]
async fn a_deals_quote_and_its_changed_quote_list_the_couriers_too_heavy_for_its_parcel() {
    let app = TestApp::new().await;
    // The shirt's shop ships within the shopper's city, where same-day
    // couriers carry up to 7 kg.
    sqlx::query("UPDATE shops SET region_code = '32.73' WHERE id = 'shop-batik-sekar'")
        .execute(&app.db)
        .await
        .unwrap();
    let set_weight = |grams: i64| {
        sqlx::query("UPDATE variants SET weight_grams = $1 WHERE id = $2")
            .bind(grams)
            .bind(SHIRT_M)
            .execute(&app.db)
    };
    set_weight(7_500).await.unwrap();
    let deal = open_deal(&app, 5, 1).await;
    let token = app.mint("heavy-buyer", "shopper").await;
    let address: Address = save(&app, &token, dago()).await.json();
    let quote = deal_quote(&app, &token, &address.id, &deal.id).await;
    assert_eq!(quote.refusal, None);
    let expected = |kg: u32| {
        vec![
            ("grab-sameday".to_owned(), kg),
            ("gosend-sameday".to_owned(), kg),
        ]
    };
    assert_eq!(too_heavy(&quote.quote), expected(8));
    let gosend = &quote.quote.unavailable_shipping[1];
    assert_eq!(
        (gosend.shop_id.as_str(), gosend.max_kg, gosend.reason),
        ("shop-batik-sekar", 7, ShippingRefusal::TooHeavy)
    );
    let offered = &quote.quote.quote.shops[0].shipping_options;
    assert!(
        offered.iter().any(|o| o.id == "gosend-instant"),
        "{offered:?}"
    );
    assert!(offered.iter().all(|o| !o.id.ends_with("-sameday")));

    // Heavier by the checkout: the changed quote lists them again, with
    // the new weight, and can be placed as it is.
    set_weight(8_500).await.unwrap();
    let response = place(&app, &token, &quote.quote.quote.id, "heavy-1").await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.text());
    let changed: QuoteChangedBody<SavedAddress> = response.json();
    assert_eq!(changed.error.code, ErrorCode::QuoteChanged);
    assert_eq!(too_heavy(&changed.error.quote), expected(9));
    let response = place(&app, &token, &changed.error.quote.quote.id, "heavy-2").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());

    // A light parcel: nothing is too heavy.
    set_weight(300).await.unwrap();
    let (light, light_address) = shopper(&app, "light-buyer").await;
    let quote = deal_quote(&app, &light, &light_address, &deal.id).await;
    assert!(quote.quote.unavailable_shipping.is_empty(), "{quote:?}");
}
