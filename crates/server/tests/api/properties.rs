//! Generated inputs: the money rules and the whole pricing of a checkout
//! over generated carts and vouchers (totals always equal the sum of their
//! parts, rounding as documented, nothing negative, no overflow), and
//! generated JSON bodies at every endpoint that reads one (never a 5xx,
//! and every error in the contract's shape).

use std::cell::Cell;
use std::collections::HashMap;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use etalase_contract::{
    Address, Bank, Cart, CartItem, CartShop, PaymentMethod, Quote, Rupiah, ShippingChoice,
    ShopSummary, VoucherKind, Wallet, PROVINCES,
};
use etalase_server::checkout::fees;
use etalase_server::checkout::money::{allocate, percent_down, percent_up};
use etalase_server::checkout::price::{price, Inputs, Scopes};
use etalase_server::checkout::shipping::Place;
use etalase_server::checkout::vouchers::{Rule, Voucher};
use etalase_server::payments::webhook;
use etalase_server::time::Timestamp;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};

use crate::addresses::{bandung, save};
use crate::cart::{put_item, SHIRT_M};
use crate::figures;
use crate::helpers::{TestApp, HOST_KEY, WEBHOOK_SECRET};
use crate::live::STREAM;
use crate::orders::quoted;
use crate::quote::{full_request, post_quote, two_shop_cart};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(figures::MONEY_CASES))]

    #[test]
    fn percentages_round_as_documented(amount in 0..=i64::MAX, bp in 0..=10_000_u32) {
        let exact = i128::from(amount) * i128::from(bp);
        let down = percent_down(Rupiah(amount), bp);
        let up = percent_up(Rupiah(amount), bp);
        prop_assert_eq!(i128::from(down.0), exact / 10_000);
        prop_assert_eq!(i128::from(up.0), (exact + 9_999) / 10_000);
        prop_assert!(down <= up && up.0 - down.0 <= 1);
        prop_assert!(down <= Rupiah(amount) && up <= Rupiah(amount));
    }

    #[test]
    fn shares_add_up_exactly_and_stay_proportional(
        total in 0..=1_000_000_000_000_i64,
        weights in prop::collection::vec(0..=1_000_000_000_000_i64, 1..8),
    ) {
        let weights: Vec<Rupiah> = weights.into_iter().map(Rupiah).collect();
        let shares = allocate(Rupiah(total), &weights);
        prop_assert_eq!(shares.len(), weights.len());
        prop_assert_eq!(shares.iter().map(|s| s.0).sum::<i64>(), total);
        let sum: i128 = weights.iter().map(|w| i128::from(w.0)).sum();
        for (share, weight) in shares.iter().zip(&weights) {
            prop_assert!(share.0 >= 0);
            if sum > 0 {
                // Each share is its exact proportion, rounded down or up.
                let exact = i128::from(total) * i128::from(weight.0);
                let share = i128::from(share.0);
                prop_assert!(share * sum <= exact + sum && exact < (share + 1) * sum, "{share}");
            }
        }
    }

    #[test]
    fn fees_follow_their_rules(amount in 0..=10_000_000_000_i64) {
        let goods = Rupiah(amount);
        prop_assert_eq!(fees::insurance(goods), percent_up(goods, 20) + Rupiah(5_000));
        prop_assert_eq!(
            fees::payment_fee(PaymentMethod::VirtualAccount { bank: Bank::Bca }, goods),
            Rupiah(4_000)
        );
        prop_assert_eq!(fees::payment_fee(PaymentMethod::Qris, goods), Rupiah::ZERO);
        prop_assert_eq!(
            fees::payment_fee(PaymentMethod::Ewallet { wallet: Wallet::Ovo }, goods),
            Rupiah::ZERO
        );
        prop_assert_eq!(
            fees::payment_fee(PaymentMethod::Cod, goods),
            percent_up(goods, 200).max(Rupiah(2_000))
        );
        prop_assert_eq!(fees::payment_fee(PaymentMethod::Card, goods), percent_up(goods, 290));
    }
}

#[test]
fn every_total_is_the_sum_of_its_parts() {
    // Counted from inside the runner's `Fn` closure.
    let (priced, refused) = (Cell::new(0_u32), Cell::new(0_u32));
    TestRunner::new(config(figures::MONEY_CASES))
        .run(&checkout(), |checkout| {
            let count = if totals_add_up(checkout)? {
                &priced
            } else {
                &refused
            };
            count.set(count.get() + 1);
            Ok(())
        })
        .unwrap();
    let (priced, refused) = (priced.get(), refused.get());
    assert_eq!(priced + refused, figures::MONEY_CASES);
    // A generator that only made refusals would check no total at all.
    assert!(
        priced * 2 > figures::MONEY_CASES,
        "{priced} priced, {refused} refused"
    );
}

/// Checks that every total of `checkout`'s price is the sum of its parts:
/// `Ok(true)` when it was priced, `Ok(false)` when it was refused with a
/// client error.
fn totals_add_up(checkout: Generated) -> Result<bool, TestCaseError> {
    let (cart, origins, shipping, vouchers, payment, destination) = checkout;
    let inputs = Inputs {
        cart: &cart,
        destination: &destination,
        origins: &origins,
        shipping: &shipping,
        vouchers: &vouchers,
        payment,
        now: Timestamp::now(),
        scopes: &Scopes::new(),
    };
    let priced = match price(&inputs) {
        Ok(priced) => priced,
        // Refusals (COD over its limit, a minimum spend not met) are
        // specific client errors, never a panic.
        Err(error) => {
            prop_assert!(!error.is_server_side(), "{error:?}");
            return Ok(false);
        }
    };
    let totals = &priced.totals;
    let mut goods = Rupiah::ZERO;
    let mut due = Rupiah::ZERO;
    let mut discount = Rupiah::ZERO;
    for (part, shop) in cart.shops.iter().zip(&priced.shops) {
        let lines = shop
            .items
            .iter()
            .fold(Rupiah::ZERO, |sum, i| sum + i.line_total);
        prop_assert_eq!(lines, shop.subtotal);
        let bought = part
            .items
            .iter()
            .fold(Rupiah::ZERO, |sum, i| sum + i.price.times(i.quantity));
        prop_assert_eq!(shop.subtotal, bought);
        for item in &shop.items {
            prop_assert_eq!(item.line_total, item.price.times(item.quantity));
        }
        let insurance = if shop.insured {
            shop.insurance_fee
        } else {
            Rupiah::ZERO
        };
        prop_assert_eq!(
            shop.total,
            shop.subtotal + shop.shipping.price + insurance
                - shop.shop_discount
                - shop.platform_discount
                - shop.shipping_discount
        );
        // Discounts are never negative and never exceed what they cut.
        for cut in [
            shop.shop_discount,
            shop.platform_discount,
            shop.shipping_discount,
        ] {
            prop_assert!(cut >= Rupiah::ZERO);
        }
        prop_assert!(shop.shop_discount + shop.platform_discount <= shop.subtotal);
        prop_assert!(shop.shipping_discount <= shop.shipping.price);
        prop_assert!(shop.total >= Rupiah::ZERO);
        prop_assert!(shop.shipping_options.iter().any(|o| o == &shop.shipping));
        goods = goods + shop.subtotal;
        due = due + shop.total;
        discount = discount + shop.shop_discount + shop.platform_discount + shop.shipping_discount;
    }
    prop_assert_eq!(totals.items_subtotal, goods);
    prop_assert_eq!(totals.discount, discount);
    prop_assert_eq!(
        priced
            .vouchers
            .iter()
            .fold(Rupiah::ZERO, |sum, v| sum + v.discount),
        discount
    );
    prop_assert_eq!(totals.payment_fee, fees::payment_fee(payment, due));
    prop_assert_eq!(totals.grand_total, due + totals.payment_fee);
    prop_assert_eq!(
        totals.grand_total,
        totals.items_subtotal + totals.shipping + totals.insurance - totals.discount
            + totals.payment_fee
    );
    // Each voucher takes what its rule says (percentages rounded down,
    // within the cap and the base) from the base it applies to.
    let rule_of = |code: &str| {
        vouchers
            .iter()
            .find(|(c, _)| c == code)
            .and_then(|(_, v)| v.clone())
            .unwrap()
    };
    let shop_cuts = priced
        .shops
        .iter()
        .fold(Rupiah::ZERO, |sum, s| sum + s.shop_discount);
    for applied in &priced.vouchers {
        let voucher = rule_of(&applied.code);
        let base = match applied.kind {
            VoucherKind::Shop => {
                let shop = priced
                    .shops
                    .iter()
                    .find(|s| Some(&s.shop.id) == applied.shop_id.as_ref())
                    .unwrap();
                prop_assert_eq!(shop.shop_discount, applied.discount);
                shop.subtotal
            }
            VoucherKind::Platform => {
                let shares = priced
                    .shops
                    .iter()
                    .fold(Rupiah::ZERO, |sum, s| sum + s.platform_discount);
                prop_assert_eq!(shares, applied.discount);
                goods - shop_cuts
            }
            VoucherKind::FreeShipping => {
                let cuts = priced
                    .shops
                    .iter()
                    .fold(Rupiah::ZERO, |sum, s| sum + s.shipping_discount);
                prop_assert_eq!(cuts, applied.discount);
                totals.shipping
            }
        };
        prop_assert_eq!(applied.discount, voucher.amount_off(base));
        if let Rule::Percent { bp, cap } = voucher.rule {
            let down = percent_down(base, bp);
            prop_assert_eq!(applied.discount, cap.map_or(down, |cap| down.min(cap)));
        }
    }
    Ok(true)
}

/// A cart line of `variant` in shop `shop`.
fn line(shop: usize, n: usize, price: i64, quantity: u32, grams: u32) -> CartItem {
    CartItem {
        variant_id: format!("var-{shop}-{n}"),
        product_id: format!("prd-{shop}-{n}"),
        product_name: format!("Produk {shop}-{n}"),
        option_values: vec![],
        image_url: String::new(),
        price: Rupiah(price),
        original_price: None,
        quantity,
        stock: quantity,
        weight_grams: grams,
        line_total: Rupiah(price).times(quantity),
    }
}

type Generated = (
    Cart,
    HashMap<String, Place>,
    Vec<ShippingChoice>,
    Vec<(String, Option<Voucher>)>,
    PaymentMethod,
    Place,
);

/// A place in `PROVINCES[n]`, without a region code.
fn province(n: usize) -> Place {
    Place {
        province: PROVINCES[n].to_owned(),
        region_code: None,
    }
}

/// A cart of one to four shops of one to three lines (prices up to
/// Rp100.000.000, up to 1,000 units, up to 30 kg), the shops' and the
/// destination's provinces, courier choices, and up to one voucher of each
/// kind, percent (10%, with or without a cap) or fixed.
fn checkout() -> impl Strategy<Value = Generated> {
    let item = (1..=100_000_000_i64, 1..=1_000_u32, 1..=30_000_u32);
    let shop = (
        prop::collection::vec(item, 1..=3),
        0..PROVINCES.len(),
        prop::option::of((
            prop::sample::select(vec![
                "jne-reg",
                "jne-yes",
                "sicepat-reg",
                "jnt-ez",
                "anteraja-reg",
            ]),
            any::<bool>(),
        )),
        prop::option::of(voucher_rule()),
    );
    let payment = prop_oneof![
        Just(PaymentMethod::Qris),
        Just(PaymentMethod::Cod),
        Just(PaymentMethod::Card),
        Just(PaymentMethod::VirtualAccount { bank: Bank::Bni }),
        Just(PaymentMethod::Ewallet {
            wallet: Wallet::Dana
        }),
    ];
    (
        prop::collection::vec(shop, 1..=4),
        0..PROVINCES.len(),
        prop::option::of((voucher_rule(), 0..=1_000_000_i64)),
        prop::option::of(0..=100_000_i64),
        payment,
        0..=1_000_000_000_i64,
    )
        .prop_map(
            |(shops, destination, platform, free_shipping, payment, stale)| {
                let now = Timestamp::now();
                let voucher = |code: String, kind, shop_id, rule, min_spend| Voucher {
                    code,
                    kind,
                    shop_id,
                    rule,
                    min_spend: Rupiah(min_spend),
                    quota: 10,
                    used: 0,
                    starts_at: now.minus(Duration::from_secs(60)),
                    expires_at: now.plus(Duration::from_secs(3600)),
                    unclaimed: false,
                };
                let mut parts = Vec::new();
                let mut origins = HashMap::new();
                let mut choices = Vec::new();
                let mut vouchers = Vec::new();
                for (n, (items, origin, choice, shop_voucher)) in shops.into_iter().enumerate() {
                    let id = format!("shop-{n}");
                    let items: Vec<CartItem> = items
                        .into_iter()
                        .enumerate()
                        .map(|(i, (price, quantity, grams))| line(n, i, price, quantity, grams))
                        .collect();
                    origins.insert(id.clone(), province(origin));
                    if let Some((option, insurance)) = choice {
                        choices.push(ShippingChoice {
                            shop_id: id.clone(),
                            option_id: option.to_owned(),
                            insurance,
                        });
                    }
                    if let Some(rule) = shop_voucher {
                        let code = format!("TOKO{n}");
                        vouchers.push((
                            code.clone(),
                            Some(voucher(code, VoucherKind::Shop, Some(id.clone()), rule, 0)),
                        ));
                    }
                    parts.push(CartShop {
                        shop: ShopSummary {
                            id: id.clone(),
                            name: id,
                            city: "Kota".into(),
                        },
                        // A stale subtotal, as a cart of which only some lines
                        // are bought has: pricing must never read it.
                        subtotal: Rupiah(stale),
                        items,
                    });
                }
                if let Some((rule, min_spend)) = platform {
                    vouchers.push((
                        "PLATFORM".into(),
                        Some(voucher(
                            "PLATFORM".into(),
                            VoucherKind::Platform,
                            None,
                            rule,
                            min_spend,
                        )),
                    ));
                }
                if let Some(amount) = free_shipping {
                    vouchers.push((
                        "ONGKIR".into(),
                        Some(voucher(
                            "ONGKIR".into(),
                            VoucherKind::FreeShipping,
                            None,
                            Rule::Fixed(Rupiah(amount)),
                            0,
                        )),
                    ));
                }
                let cart = Cart {
                    item_count: 0,
                    subtotal: Rupiah(stale),
                    shops: parts,
                };
                (
                    cart,
                    origins,
                    choices,
                    vouchers,
                    payment,
                    province(destination),
                )
            },
        )
}

/// 10% off, with or without a cap, or a fixed amount.
fn voucher_rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        prop::option::of(1..=500_000_i64).prop_map(|cap| Rule::Percent {
            bp: 1_000,
            cap: cap.map(Rupiah)
        }),
        (1..=1_000_000_i64).prop_map(|amount| Rule::Fixed(Rupiah(amount))),
    ]
}

/// JSON values built from the request bodies' own field names and values
/// at the edges of their types, markup and odd text included.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "",
            " ",
            "qris",
            "cod",
            "card",
            "virtual_account",
            "bca",
            "gopay",
            "shopper",
            "creator",
            "live",
            "video",
            "percent",
            "amount",
            "jne-reg",
            "shop-batik-sekar",
            "ETALASE10",
            "prd-kemeja-batik-parang",
            "Jawa Barat",
            "40115",
            "081234567890",
            "<script>alert(1)</script>",
            "'; DROP TABLE orders; --",
            "\u{0}",
            "\u{202e}x",
            "%00",
            "../../etc/passwd",
            "😀",
            STREAM,
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        "\\PC{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        let key = prop::sample::select(vec![
            "user_id",
            "role",
            "quantity",
            "stream_id",
            "playback_second",
            "recipient",
            "phone",
            "province",
            "city",
            "district",
            "postal_code",
            "street",
            "address_id",
            "shipping",
            "shop_id",
            "option_id",
            "insurance",
            "vouchers",
            "payment",
            "method",
            "bank",
            "wallet",
            "quote_id",
            "title",
            "kind",
            "product_ids",
            "product_id",
            "value",
            "max_discount",
            "min_spend",
            "quota",
            "claimable_minutes",
            "id",
            "type",
            "payment_id",
            "price",
            "total",
            "discount",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..8).prop_map(|fields| {
                Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<String, Value>>(),
                )
            }),
        ]
    })
}

/// The seeded vouchers a partial quote may name, each with the shop it is
/// for: two shops' vouchers, the platform's, free shipping.
const SEEDED_VOUCHERS: [(&str, Option<&str>); 4] = [
    ("BATIKHEMAT", Some("shop-batik-sekar")),
    ("DAPURHEMAT", Some("shop-dapur-nusantara")),
    ("ETALASE10", None),
    ("ONGKIRGRATIS", None),
];

/// A quote's amounts with its id and its address's id blanked, so two
/// shoppers' quotes of the same lines compare equal.
fn amounts_of(mut quote: Quote) -> Quote {
    quote.id.clear();
    quote.address.id.clear();
    quote
}

/// Quoting some lines of a cart (`variant_ids`, as "Buy now" does) prices
/// exactly those lines: the same quote, to the rupiah, as a cart holding only
/// them, and every subtotal, line and total recomputed from the chosen lines
/// at the cart's prices. Carts of two to seven lines across the seeded
/// shops, any subset, any seeded vouchers and payment method, on the store.
#[test]
fn a_quote_of_some_lines_prices_exactly_those_lines() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = runtime.block_on(TestApp::new());
    let variants: Vec<String> = runtime
        .block_on(
            sqlx::query_scalar("SELECT id FROM variants WHERE stock >= 6 ORDER BY id")
                .fetch_all(&app.db),
        )
        .unwrap();
    let lines = prop::sample::subsequence(variants, 2..=7).prop_flat_map(|ids| {
        let n = ids.len();
        (
            Just(ids),
            prop::collection::vec(1..=3_u32, n),
            prop::collection::vec(any::<bool>(), n),
        )
    });
    let payment = prop::sample::select(vec![
        json!({ "method": "qris" }),
        json!({ "method": "cod" }),
        json!({ "method": "card" }),
        json!({ "method": "virtual_account", "bank": "bni" }),
        json!({ "method": "ewallet", "wallet": "ovo" }),
    ]);
    let strategy = (
        lines,
        prop::sample::subsequence(SEEDED_VOUCHERS.to_vec(), 0..=4),
        payment,
    );
    // Counted from inside the runner's `Fn` closure.
    let [case, priced, refused, split_shops] = [(); 4].map(|()| Cell::new(0_u32));
    let mut runner = TestRunner::new(config(figures::PARTIAL_QUOTE_CASES));
    runner
        .run(
            &strategy,
            |((ids, quantities, picks), vouchers, payment)| {
                case.set(case.get() + 1);
                let case = case.get();
                runtime.block_on(async {
                    let lines: Vec<(&str, u32, bool)> = ids
                        .iter()
                        .zip(&quantities)
                        .zip(&picks)
                        .enumerate()
                        // The first line is bought when no other is picked.
                        .map(|(i, ((id, q), pick))| {
                            (id.as_str(), *q, *pick || !picks.contains(&true) && i == 0)
                        })
                        .collect();
                    let chosen: Vec<&str> = lines.iter().filter(|l| l.2).map(|l| l.0).collect();
                    let buyer = app.mint(&format!("partial-{case}"), "shopper").await;
                    let twin = app.mint(&format!("partial-twin-{case}"), "shopper").await;
                    for (id, quantity, pick) in &lines {
                        prop_assert_eq!(
                            put_item(&app, &buyer, id, json!(quantity)).await.status,
                            StatusCode::OK
                        );
                        if *pick {
                            prop_assert_eq!(
                                put_item(&app, &twin, id, json!(quantity)).await.status,
                                StatusCode::OK
                            );
                        }
                    }
                    let cart: Cart = app
                        .call(Method::GET, "/v1/cart", Some(&buyer), None)
                        .await
                        .json();
                    // A shop's voucher is named only when that shop is bought from.
                    let shop_of = |id: &str| {
                        cart.shops
                            .iter()
                            .find(|s| s.items.iter().any(|i| i.variant_id == id))
                            .map(|s| s.shop.id.as_str())
                    };
                    let bought: Vec<&str> = chosen.iter().filter_map(|id| shop_of(id)).collect();
                    let vouchers: Vec<&str> = vouchers
                        .iter()
                        .filter(|(_, shop)| shop.is_none_or(|shop| bought.contains(&shop)))
                        .map(|(code, _)| *code)
                        .collect();
                    let request = |address: String, variant_ids: Option<&[&str]>| {
                        let mut body = json!({
                            "address_id": address,
                            "vouchers": vouchers,
                            "payment": payment,
                        });
                        if let Some(ids) = variant_ids {
                            body["variant_ids"] = json!(ids);
                        }
                        body
                    };
                    let address: Address = save(&app, &buyer, bandung()).await.json();
                    let twin_address: Address = save(&app, &twin, bandung()).await.json();
                    let partial =
                        post_quote(&app, &buyer, request(address.id, Some(&chosen))).await;
                    let whole = post_quote(&app, &twin, request(twin_address.id, None)).await;
                    prop_assert_eq!(
                        partial.status,
                        whole.status,
                        "{} / {}",
                        partial.text(),
                        whole.text()
                    );
                    if partial.status != StatusCode::OK {
                        // A refusal (a minimum spend not met, COD over its
                        // limit) is the same refusal for both.
                        let (a, b): (Value, Value) = (partial.json(), whole.json());
                        prop_assert_eq!(&a["error"]["code"], &b["error"]["code"]);
                        prop_assert_eq!(&a["error"]["field"], &b["error"]["field"]);
                        refused.set(refused.get() + 1);
                        return Ok(());
                    }
                    let quote: Quote = partial.json();
                    prop_assert_eq!(amounts_of(quote.clone()), amounts_of(whole.json()));
                    // Recomputed from the chosen lines at the cart's prices.
                    let in_cart = |id: &str| {
                        cart.shops
                            .iter()
                            .flat_map(|s| &s.items)
                            .find(|i| i.variant_id == id)
                            .unwrap()
                    };
                    let mut quoted: Vec<&str> = quote
                        .shops
                        .iter()
                        .flat_map(|s| &s.items)
                        .map(|i| i.variant_id.as_str())
                        .collect();
                    quoted.sort_unstable();
                    let mut wanted = chosen.clone();
                    wanted.sort_unstable();
                    prop_assert_eq!(quoted, wanted);
                    let mut goods = Rupiah::ZERO;
                    for shop in &quote.shops {
                        let mut subtotal = Rupiah::ZERO;
                        for item in &shop.items {
                            let line = in_cart(&item.variant_id);
                            prop_assert_eq!(
                                (item.price, item.quantity),
                                (line.price, line.quantity)
                            );
                            prop_assert_eq!(item.line_total, line.price.times(line.quantity));
                            subtotal = subtotal + item.line_total;
                        }
                        prop_assert_eq!(shop.subtotal, subtotal);
                        let insurance = if shop.insured {
                            shop.insurance_fee
                        } else {
                            Rupiah::ZERO
                        };
                        prop_assert_eq!(
                            shop.total,
                            shop.subtotal + shop.shipping.price + insurance
                                - shop.shop_discount
                                - shop.platform_discount
                                - shop.shipping_discount
                        );
                        prop_assert!(shop.shop_discount + shop.platform_discount <= shop.subtotal);
                        goods = goods + subtotal;
                        let kept = cart
                            .shops
                            .iter()
                            .find(|s| s.shop.id == shop.shop.id)
                            .unwrap();
                        if kept.items.len() > shop.items.len() {
                            split_shops.set(split_shops.get() + 1);
                        }
                    }
                    let totals = &quote.totals;
                    prop_assert_eq!(totals.items_subtotal, goods);
                    let due = quote
                        .shops
                        .iter()
                        .fold(Rupiah::ZERO, |sum, s| sum + s.total);
                    prop_assert_eq!(totals.grand_total, due + totals.payment_fee);
                    prop_assert_eq!(
                        totals.grand_total,
                        totals.items_subtotal + totals.shipping + totals.insurance
                            - totals.discount
                            + totals.payment_fee
                    );
                    priced.set(priced.get() + 1);
                    Ok(())
                })
            },
        )
        .unwrap();
    let (priced, refused, split_shops) = (priced.get(), refused.get(), split_shops.get());
    assert_eq!(priced + refused, figures::PARTIAL_QUOTE_CASES);
    // Most cases are priced, and many buy some lines of a shop and leave
    // others: the case that once charged the lines left in the cart.
    assert!(
        priced * 2 > figures::PARTIAL_QUOTE_CASES,
        "{priced} priced, {refused} refused"
    );
    assert!(
        split_shops * 4 > figures::PARTIAL_QUOTE_CASES,
        "{split_shops} shops bought in part"
    );
}

/// Checks that an answer is a success or a client error in the contract's
/// error shape: `{ "error": { "code", "message", "field"? } }`.
fn check_answer(what: &str, status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    prop_assert!(
        status < 500,
        "{what}: {status} {}",
        String::from_utf8_lossy(body)
    );
    if status >= 400 {
        let body: Value = serde_json::from_slice(body)
            .map_err(|e| TestCaseError::fail(format!("{what}: {status} not JSON: {e}")))?;
        let error = body["error"].as_object();
        prop_assert!(error.is_some(), "{what}: {body}");
        let error = error.unwrap();
        prop_assert!(error["code"].is_string(), "{what}: {body}");
        prop_assert!(error["message"].is_string(), "{what}: {body}");
        prop_assert!(
            error.get("field").is_none_or(Value::is_string),
            "{what}: {body}"
        );
        let allowed = error
            .keys()
            .all(|k| ["code", "message", "field", "quote"].contains(&k.as_str()));
        prop_assert!(allowed, "{what}: {body}");
    }
    Ok(())
}

/// `valid` with one field replaced by a generated value, removed, or
/// joined by a field it does not have.
fn mutated(valid: Value) -> impl Strategy<Value = Value> {
    let keys: Vec<String> = valid.as_object().unwrap().keys().cloned().collect();
    (prop::sample::select(keys), 0..3_u8, json_value()).prop_map(move |(key, op, value)| {
        let mut body = valid.clone();
        let fields = body.as_object_mut().unwrap();
        match op {
            0 => {
                fields.insert(key, value);
            }
            1 => {
                fields.remove(&key);
            }
            _ => {
                fields.insert(format!("{key}_x"), value);
            }
        }
        body
    })
}

#[test]
fn generated_bodies_at_every_endpoint_never_get_a_5xx() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = runtime.block_on(TestApp::new());
    let creator = runtime.block_on(app.mint("crt-raka-gaya", "creator"));
    let shopper = app.token.clone();
    // A cart, an address and a quote, so valid bodies go the whole way.
    let address = runtime.block_on(two_shop_cart(&app, &shopper));
    let quote: Quote = runtime.block_on(quoted(&app, &shopper, &address));
    let session = json!({ "user_id": "u-1", "role": "shopper" });
    // Each endpoint, its bearer, and a valid body to mutate.
    let endpoints: Vec<(Method, String, String, Value)> = vec![
        (
            Method::POST,
            "/v1/host/sessions".into(),
            HOST_KEY.into(),
            session.clone(),
        ),
        (Method::POST, "/demo/session".into(), String::new(), session),
        (
            Method::PUT,
            format!("/v1/cart/items/{SHIRT_M}"),
            shopper.clone(),
            json!({ "quantity": 1, "stream_id": "vid-rutinitas-glow", "playback_second": 3 }),
        ),
        (
            Method::POST,
            "/v1/addresses".into(),
            shopper.clone(),
            bandung(),
        ),
        (
            Method::POST,
            "/v1/checkout/quote".into(),
            shopper.clone(),
            full_request(&address),
        ),
        (
            Method::POST,
            "/v1/orders".into(),
            shopper.clone(),
            json!({ "quote_id": quote.id }),
        ),
        (
            Method::POST,
            "/v1/creator/streams".into(),
            creator.clone(),
            json!({ "title": "Live malam", "kind": "live" }),
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/products"),
            creator.clone(),
            json!({ "product_ids": ["prd-kemeja-batik-parang", "prd-kopi-arabika-gayo"] }),
        ),
        (
            Method::PUT,
            format!("/v1/creator/streams/{STREAM}/pin"),
            creator.clone(),
            json!({ "product_id": "prd-kemeja-batik-parang" }),
        ),
        (
            Method::POST,
            format!("/v1/creator/streams/{STREAM}/vouchers"),
            creator,
            json!({ "kind": "percent", "value": 10, "max_discount": 25_000, "min_spend": 0, "quota": 5, "claimable_minutes": 5 }),
        ),
        // Signed, so the body itself is what is read.
        (
            Method::POST,
            "/v1/payments/webhook".into(),
            String::new(),
            json!({ "id": "evt_1", "type": "payment.paid", "payment_id": "pay-0000000000000000" }),
        ),
    ];
    assert_eq!(endpoints.len(), figures::BODY_ENDPOINTS);
    for (method, path, bearer, valid) in &endpoints {
        let mut runner = TestRunner::new(config(figures::BODY_CASES));
        let bodies = prop_oneof![2 => mutated(valid.clone()), 1 => json_value()];
        runner
            .run(&(bodies, any::<u32>()), |(body, key)| {
                let bytes = serde_json::to_vec(&body).unwrap();
                let mut request = Request::builder()
                    .method(method.clone())
                    .uri(path.as_str())
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("idempotency-key", format!("fuzz-{key}"));
                if !bearer.is_empty() {
                    request = request.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
                }
                if path.ends_with("webhook") {
                    let now = Timestamp::now().unix_seconds();
                    request =
                        request.header(webhook::HEADER, webhook::sign(WEBHOOK_SECRET, now, &bytes));
                }
                let response = runtime.block_on(app.send(request.body(Body::from(bytes)).unwrap()));
                check_answer(
                    &format!("{method} {path} {body}"),
                    response.status.as_u16(),
                    &response.body,
                )
            })
            .unwrap();
    }
}
