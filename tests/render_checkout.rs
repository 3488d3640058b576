//! Server-side renders of every checkout view, driven through the
//! checkout's own reducer: the address form, the saved addresses, the
//! review page (address, parcels, vouchers, payment methods, totals), and
//! its footer in each state — waiting for a payment method, ready, placing,
//! failed with a retry, a changed quote to confirm, a product sold out —
//! and the placed order's payment.
//!
//! Like `tests/render.rs`, these check the markup shoppers and the
//! Playwright suite rely on. Native only: `cargo test --test render_checkout`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

mod ssr;

use ssr::{show, tags_with, text_of};

use std::rc::Rc;

use etalase::api::{ApiClient, ApiError, Placement};
use etalase::parts::shop::components::{checkout_sheet, region_combobox, CheckoutPanel};
use etalase::parts::shop::state::checkout::{CheckoutAction, CheckoutState};
use etalase::parts::shop::state::place::{Place, PlaceAction};
use etalase::parts::shop::state::region_search::Key;
use etalase::parts::shop::state::status_check::StatusCheck;
use etalase_contract::{
    Address, AppliedVoucher, Bank, Checkout, ErrorBody, ErrorCode, LineItem, Locale, Payment,
    PaymentInstructions, PaymentMethod, PaymentStatus, Quote, QuoteAnswer, Region, RegionLevel,
    RegionSearch, Rupiah, SavedAddress, ShippingOption, ShippingRefusal, ShopQuote, ShopSummary,
    Totals, UnavailableShipping, VoucherKind, VoucherOffer,
};
use yew::prelude::*;

/// Renders the checkout sheet for the state `make` builds, in `locale`.
async fn sheet(
    locale: Locale,
    make: impl FnOnce() -> Rc<CheckoutState> + Send + 'static,
) -> String {
    show(move || {
        let state = make();
        let panel = CheckoutPanel {
            open: true,
            state: &state,
            locale,
            on_action: Callback::noop(),
            on_place: Callback::noop(),
            on_confirm: Callback::noop(),
            client: Rc::new(ApiClient::new("http://api.test", None)),
            on_save_address: Callback::noop(),
            on_check: Callback::noop(),
            checked: StatusCheck::default(),
            on_open_wallet: Callback::noop(),
            on_edit_cart: Callback::noop(),
            on_close: Callback::noop(),
            fallback: NodeRef::default(),
            toast: Html::default(),
            deal: None,
        };
        checkout_sheet(&panel)
    })
    .await
}

fn address(id: &str, recipient: &str) -> SavedAddress {
    SavedAddress {
        address: Address {
            id: id.into(),
            recipient: recipient.into(),
            phone: "+6281234567890".into(),
            province: "Jawa Barat".into(),
            city: "Kota Bandung".into(),
            district: "Coblong".into(),
            postal_code: "40135".into(),
            street: "Jl. Dago No. 12".into(),
        },
        village: Some("Dago".into()),
        region_code: Some("32.73.02.1004".into()),
        needs_region: false,
    }
}

/// An address saved before regions, its district typed.
fn legacy(id: &str, recipient: &str) -> SavedAddress {
    let mut saved = address(id, recipient);
    saved.address.city = "Bandung".into();
    saved.village = None;
    saved.region_code = None;
    saved.needs_region = true;
    saved
}

fn option(id: &str, courier: &str, price: i64, days: (u32, u32)) -> ShippingOption {
    ShippingOption {
        id: id.into(),
        courier: courier.into(),
        service: "REG".into(),
        price: Rupiah(price),
        eta_days_min: days.0,
        eta_days_max: days.1,
    }
}

fn shop_quote(shop: &str, name: &str, product: &str, price: i64) -> ShopQuote {
    ShopQuote {
        shop: ShopSummary {
            id: shop.into(),
            name: name.into(),
            city: "Yogyakarta".into(),
        },
        items: vec![LineItem {
            variant_id: ["var-", shop].concat(),
            product_id: ["prd-", shop].concat(),
            product_name: product.into(),
            option_values: vec!["M".into()],
            price: Rupiah(price),
            quantity: 1,
            line_total: Rupiah(price),
        }],
        subtotal: Rupiah(price),
        weight_grams: 300,
        shipping_options: vec![
            option("anteraja-reg", "AnterAja", 12_500, (2, 4)),
            option("jne-yes", "JNE", 26_000, (1, 1)),
        ],
        shipping: option("anteraja-reg", "AnterAja", 12_500, (2, 4)),
        insurance_fee: Rupiah(5_378),
        insured: false,
        shop_discount: Rupiah(0),
        platform_discount: Rupiah(0),
        shipping_discount: Rupiah(0),
        total: Rupiah(price + 12_500),
    }
}

fn quote(id: &str, grand_total: i64) -> Quote {
    Quote {
        id: id.into(),
        address: address("adr-1", "Sari").address,
        shops: vec![
            shop_quote(
                "shop-batik",
                "Batik Sekar Jagad",
                "Kemeja Batik Parang",
                189_000,
            ),
            shop_quote("shop-kalcer", "Kalcer Goods", "Kaos Polos", 59_000),
        ],
        vouchers: vec![AppliedVoucher {
            code: "BATIKHEMAT".into(),
            kind: VoucherKind::Shop,
            shop_id: Some("shop-batik".into()),
            discount: Rupiah(18_900),
        }],
        payment: PaymentMethod::VirtualAccount { bank: Bank::Bca },
        stream_id: None,
        totals: Totals {
            items_subtotal: Rupiah(248_000),
            shipping: Rupiah(25_000),
            insurance: Rupiah(0),
            discount: Rupiah(18_900),
            payment_fee: Rupiah(4_000),
            grand_total: Rupiah(grand_total),
        },
    }
}

/// The server's answer of `quote`, its parcels too heavy for `unavailable`.
fn answer(quote: Quote, unavailable: Vec<UnavailableShipping>) -> QuoteAnswer {
    QuoteAnswer {
        quote,
        unavailable_shipping: unavailable,
    }
}

/// `shop`'s parcel of 9 kg, too heavy for a same-day service of 7 kg.
fn too_heavy(shop: &str, id: &str, courier: &str) -> UnavailableShipping {
    UnavailableShipping {
        shop_id: shop.into(),
        id: id.into(),
        courier: courier.into(),
        service: "Same Day".into(),
        reason: ShippingRefusal::TooHeavy,
        max_kg: 7,
        parcel_kg: 9,
        message: "carries at most 7 kg; this parcel is 9 kg".into(),
    }
}

fn offer(code: &str) -> VoucherOffer {
    VoucherOffer {
        code: code.into(),
        kind: VoucherKind::Platform,
        shop_id: None,
        percent_bp: Some(1_000),
        amount: None,
        max_discount: Some(Rupiah(50_000)),
        min_spend: Rupiah(100_000),
        expires_at: "2030-12-31T23:59:59.999Z".into(),
    }
}

fn refused(status: u16, code: ErrorCode, field: &str) -> ApiError {
    ApiError::Api {
        status,
        error: ErrorBody::new(code, "m").with_field(field).error,
        retry_after: None,
    }
}

fn run(state: Rc<CheckoutState>, actions: Vec<CheckoutAction>) -> Rc<CheckoutState> {
    actions.into_iter().fold(state, yew::Reducible::reduce)
}

/// Started with one saved address; quoted with BATIKHEMAT applied; paying
/// by virtual account when `pay` is set.
fn review(pay: bool) -> Rc<CheckoutState> {
    let mut actions = vec![
        CheckoutAction::Start {
            variant_ids: vec!["var-shop-batik".into(), "var-shop-kalcer".into()],
            stream_id: None,
        },
        CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![address("adr-1", "Sari")]))),
        CheckoutAction::OffersLoaded(Ok(Rc::new(vec![offer("ETALASE10"), offer("BATIKHEMAT")]))),
        CheckoutAction::ApplyVoucher("batikhemat".into()),
    ];
    if pay {
        actions.push(CheckoutAction::ChoosePayment(
            PaymentMethod::VirtualAccount { bank: Bank::Bni },
        ));
    }
    let state = run(Rc::default(), actions);
    let revision = state.revision;
    yew::Reducible::reduce(
        state,
        CheckoutAction::Quoted {
            revision,
            result: Ok(answer(quote("qt-1", 258_100), Vec::new())),
        },
    )
}

#[tokio::test]
async fn a_shopper_without_addresses_gets_a_labelled_form_of_indonesian_fields() {
    let html = sheet(Locale::IdId, || {
        run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(Vec::new()))),
            ],
        )
    })
    .await;
    assert_eq!(tags_with(&html, "address-form").len(), 1, "{html}");
    for (id, label) in [
        ("address-recipient", "Nama penerima"),
        ("address-phone", "Nomor HP"),
        ("address-region", "Kecamatan atau kota"),
        ("address-street", "Alamat lengkap"),
    ] {
        assert!(
            html.contains(&format!(r#"<label for="{id}">{label}</label>"#)),
            "{id} is labelled {label}"
        );
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id} exists");
    }
    let search = tags_with(&html, "region-search");
    assert_eq!(search.len(), 1, "one search for the district or city");
    for attribute in [
        r#"role="combobox""#,
        r#"aria-autocomplete="list""#,
        r#"aria-controls="address-region-list""#,
        r#"aria-expanded="false""#,
        r#"autocomplete="off""#,
    ] {
        assert!(search[0].contains(attribute), "{attribute}: {}", search[0]);
    }
    let list = tags_with(&html, "region-list");
    assert!(list[0].contains(r#"role="listbox""#) && list[0].contains("hidden"));
    assert!(!html.contains("Provinsi"), "no province picker");
    assert!(
        !html.contains("address-village") && !html.contains("address-postal_code"),
        "the village and postal code wait for the district"
    );
    assert!(html.contains(r#"type="tel""#));
    assert!(html.contains(r#"data-step="new-address""#));
    assert!(
        !html.contains(r#"data-testid="checkout-back""#),
        "nowhere to go back to without an address"
    );
}

#[tokio::test]
async fn the_servers_refusal_of_an_address_shows_on_its_field() {
    let html = sheet(Locale::EnUs, || {
        run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(Vec::new()))),
                CheckoutAction::AddressSaved(Err(refused(422, ErrorCode::InvalidField, "phone"))),
            ],
        )
    })
    .await;
    assert_eq!(tags_with(&html, "field-error").len(), 1, "{html}");
    assert!(html.contains("The address was not saved"));
    assert!(html.contains(r#"class="field is-invalid""#));
    assert!(html.contains(r#"id="address-phone-error""#), "{html}");
}

#[tokio::test]
async fn a_refusal_of_a_field_not_on_screen_is_said_for_the_whole_form() {
    let html = sheet(Locale::EnUs, || {
        run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(Vec::new()))),
                CheckoutAction::AddressSaved(Err(refused(
                    422,
                    ErrorCode::InvalidField,
                    "postal_code",
                ))),
            ],
        )
    })
    .await;
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("The address was not saved"));
}

#[tokio::test]
async fn every_address_field_is_required_and_says_its_mistake_the_street_with_its_hint() {
    for field in ["phone", "street"] {
        let html = sheet(Locale::EnUs, move || {
            run(
                Rc::default(),
                vec![
                    CheckoutAction::Start {
                        variant_ids: vec!["var-1".into()],
                        stream_id: None,
                    },
                    CheckoutAction::AddressesLoaded(Ok(Rc::new(Vec::new()))),
                    CheckoutAction::AddressSaved(Err(refused(422, ErrorCode::InvalidField, field))),
                ],
            )
        })
        .await;
        assert_eq!(html.matches(" required").count(), 4, "{html}");
        assert!(
            html.contains(&format!(r#"id="address-{field}-error""#)),
            "{field}: {html}"
        );
        let described = match field {
            "street" => r#"aria-describedby="address-street-error street-hint""#,
            _ => r#"aria-describedby="address-phone-error""#,
        };
        assert!(html.contains(described), "{field}: {html}");
    }
}

#[tokio::test]
async fn saved_addresses_are_a_single_choice_with_the_chosen_one_checked() {
    let html = sheet(Locale::IdId, || {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-1", "Sari"),
                    address("adr-2", "<b>Raka</b>"),
                ]))),
            ],
        );
        yew::Reducible::reduce(state, CheckoutAction::ShowAddresses)
    })
    .await;
    let options = tags_with(&html, "address-option");
    assert_eq!(options.len(), 2);
    assert!(options[0].contains(r#"aria-checked="true""#));
    assert!(options[1].contains(r#"aria-checked="false""#));
    assert!(html.contains(r#"role="radiogroup""#));
    assert!(html.contains("&lt;b&gt;Raka&lt;/b&gt;"), "names are text");
    assert_eq!(tags_with(&html, "add-address").len(), 1);
    assert_eq!(tags_with(&html, "checkout-back").len(), 1);
    let edits = tags_with(&html, "edit-address");
    assert_eq!(edits.len(), 2, "one Edit per saved address");
    assert!(
        edits[0].contains(r#"aria-label="Ubah alamat Sari, Jl. Dago No. 12""#),
        "named with its address: {}",
        edits[0]
    );
    assert!(edits[0].contains(r#"type="button""#));
    assert!(!edits[0].contains("role="), "a button, not another radio");
}

/// The address book of `addresses`, then the form opened on `id`'s Edit.
fn editing(addresses: Vec<SavedAddress>, id: &'static str) -> Rc<CheckoutState> {
    run(
        Rc::default(),
        vec![
            CheckoutAction::Start {
                variant_ids: vec!["var-1".into()],
                stream_id: None,
            },
            CheckoutAction::AddressesLoaded(Ok(Rc::new(addresses))),
            CheckoutAction::ShowAddresses,
            CheckoutAction::EditAddress(id.into()),
        ],
    )
}

#[tokio::test]
async fn a_saved_address_opens_in_the_form_with_its_fields_and_village_picked() {
    let html = sheet(Locale::EnUs, || {
        editing(
            vec![address("adr-1", "Sari"), address("adr-2", "Raka")],
            "adr-2",
        )
    })
    .await;
    assert!(html.contains(r#"data-step="new-address""#), "{html}");
    assert!(html.contains("Edit address"), "its title");
    assert!(!html.contains("This address was saved before districts came"));
    assert!(html.contains(r#"value="Raka""#), "the recipient filled in");
    assert!(html.contains(r#"value="+6281234567890""#), "the phone");
    assert!(html.contains("Jl. Dago No. 12"), "the street");
    let search = tags_with(&html, "region-search");
    assert!(
        search[0].contains(r#"value="Coblong, Kota Bandung, Jawa Barat""#),
        "its district picked: {}",
        search[0]
    );
    assert!(
        tags_with(&html, "postal-code")[0].contains(r#"value="40135""#),
        "its postal code"
    );
    assert!(
        html.contains(r#"id="address-village""#),
        "its village's picker"
    );
    assert_eq!(tags_with(&html, "save-address").len(), 1);
    let cancel = tags_with(&html, "cancel-address");
    assert!(
        cancel[0].contains(r#"type="button""#),
        "Cancel never submits"
    );
}

#[tokio::test]
async fn a_refused_correction_marks_its_field_as_a_new_address_does() {
    let html = sheet(Locale::IdId, || {
        let state = editing(vec![address("adr-1", "Sari")], "adr-1");
        run(
            state,
            vec![
                CheckoutAction::SavingAddress,
                CheckoutAction::AddressSaved(Err(refused(422, ErrorCode::InvalidField, "phone"))),
            ],
        )
    })
    .await;
    assert!(html.contains("Ubah alamat"), "still the correction");
    let phone = html
        .split("<input")
        .find(|tag| tag.contains(r#"id="address-phone""#))
        .unwrap();
    assert!(phone.contains(r#"aria-invalid="true""#), "{phone}");
    assert_eq!(
        tags_with(&html, "field-error").len(),
        1,
        "on the phone alone"
    );
}

#[tokio::test]
async fn the_review_shows_every_section_and_only_the_servers_amounts() {
    let html = sheet(Locale::IdId, || review(true)).await;
    assert!(html.contains("Sari"), "the chosen address");
    assert_eq!(
        tags_with(&html, "checkout-shop").len(),
        2,
        "a parcel per shop"
    );
    let couriers = tags_with(&html, "courier-option");
    assert_eq!(couriers.len(), 4);
    // Each shop's couriers: a group named for what it chooses, whose
    // summary shows only the choice.
    assert_eq!(
        html.matches(r#"<details aria-label="Kurir untuk "#).count(),
        2,
        "{html}"
    );
    assert!(
        couriers[0].contains(r#"aria-checked="true""#),
        "the quote's courier"
    );
    assert!(html.contains("AnterAja REG"));
    assert!(html.contains("Estimasi tiba 2–4 hari"));
    assert!(html.contains("Asuransi pengiriman (Rp5.378)"));
    let applied = tags_with(&html, "applied-voucher");
    assert_eq!(applied.len(), 1);
    assert!(
        html.contains("Hemat Rp18.900"),
        "what the voucher saves, from the quote"
    );
    let offers = tags_with(&html, "voucher-offer");
    assert_eq!(offers.len(), 1, "an applied voucher is not offered again");
    assert!(offers[0].contains(r#"data-code="ETALASE10""#));
    let methods = tags_with(&html, "payment-option");
    assert_eq!(methods.len(), 5);
    assert!(methods[0].contains(r#"aria-checked="true""#));
    let banks = tags_with(&html, "payment-sub-option");
    assert_eq!(banks.len(), 4, "the virtual account's banks");
    assert!(banks[1].contains(r#"aria-checked="true""#), "BNI");
    // The banks are a group of their own after the methods', never inside
    // it, named by the chosen method as the group it controls.
    let methods_group = html
        .split(r#"aria-labelledby="co-payment" role="radiogroup""#)
        .nth(1)
        .or_else(|| {
            html.split(r#"role="radiogroup" aria-labelledby="co-payment""#)
                .nth(1)
        })
        .expect("the methods' group");
    let methods_group = &methods_group[..methods_group.find("</div>").expect("its end")];
    assert!(
        !methods_group.contains("payment-sub-option"),
        "{methods_group}"
    );
    assert!(
        methods[0].contains(r#"aria-controls="co-pay-sub""#),
        "{}",
        methods[0]
    );
    assert!(methods[1..]
        .iter()
        .all(|tag| !tag.contains("aria-controls")));
    let sub = tags_with(&html, "payment-sub-choice");
    assert!(
        sub[0].contains(r#"id="co-pay-sub""#) && sub[0].contains(r#"aria-label="Pilih bank""#),
        "{}",
        sub[0]
    );
    // Each radio group is one Tab stop: its chosen radio.
    for group in [&couriers[..2], &couriers[2..], &methods[..], &banks[..]] {
        let stops: Vec<&&str> = group
            .iter()
            .filter(|tag| tag.contains(r#"tabindex="0""#))
            .collect();
        assert_eq!(stops.len(), 1, "{group:?}");
        assert!(stops[0].contains(r#"aria-checked="true""#), "{}", stops[0]);
    }
    for amount in ["Rp248.000", "Rp25.000", "−Rp18.900", "Rp4.000", "Rp258.100"] {
        assert!(html.contains(amount), "{amount} in the totals");
    }
    let place = tags_with(&html, "place-order");
    assert!(!place[0].contains("disabled"), "{}", place[0]);
    let total = html
        .split('<')
        .find(|tag| tag.starts_with("p ") && tag.contains(r#"class="co-total""#))
        .expect("the footer's total");
    assert!(
        total.contains(r#"aria-live="polite""#) && total.contains(r#"aria-atomic="true""#),
        "a new total is read out: {total}"
    );
}

#[tokio::test]
async fn without_a_payment_method_the_button_waits_and_says_why() {
    let html = sheet(Locale::EnUs, || review(false)).await;
    let place = tags_with(&html, "place-order");
    assert!(place[0].contains("disabled"), "{}", place[0]);
    assert!(place[0].contains(r#"aria-describedby="co-hint""#));
    assert!(html.contains("Choose a payment method first."));
    assert!(tags_with(&html, "payment-sub-option").is_empty());
}

#[tokio::test]
async fn a_stale_quote_is_dimmed_and_cannot_be_placed() {
    let html = sheet(Locale::IdId, || {
        yew::Reducible::reduce(
            review(true),
            CheckoutAction::Insure {
                shop_id: "shop-batik".into(),
                insured: true,
            },
        )
    })
    .await;
    assert!(html.contains(r#"aria-busy="true""#));
    assert!(html.contains("co-quoted is-stale"));
    assert!(tags_with(&html, "place-order")[0].contains("disabled"));
    assert!(html.contains("Menghitung total…"));
}

#[tokio::test]
async fn placing_then_failing_offers_a_safe_retry() {
    let html = sheet(Locale::IdId, || {
        yew::Reducible::reduce(review(true), CheckoutAction::Place { key: "k".into() })
    })
    .await;
    let place = tags_with(&html, "place-order");
    assert!(place[0].contains(r#"aria-busy="true""#));
    assert!(html.contains("Memproses pesanan…"));

    let html = sheet(Locale::IdId, || {
        run(
            review(true),
            vec![
                CheckoutAction::Place { key: "k".into() },
                CheckoutAction::PlaceResult(Err(ApiError::Network("offline".into()))),
            ],
        )
    })
    .await;
    let failed = tags_with(&html, "place-failed");
    assert_eq!(failed.len(), 1);
    assert!(failed[0].contains(r#"data-code="network""#));
    assert!(failed[0].contains(r#"role="alert""#));
    assert!(html.contains("tidak akan dobel"));
    assert_eq!(tags_with(&html, "retry-place").len(), 1);
}

#[tokio::test]
async fn a_changed_quote_shows_both_totals_and_asks_to_confirm() {
    let html = sheet(Locale::EnUs, || {
        run(
            review(true),
            vec![
                CheckoutAction::Place { key: "k".into() },
                CheckoutAction::PlaceResult(Ok(Placement::QuoteChanged(quote("qt-2", 270_000)))),
            ],
        )
    })
    .await;
    let changed = tags_with(&html, "quote-changed");
    assert_eq!(changed.len(), 1);
    assert!(html.contains("<s>IDR 258,100</s>"), "{html}");
    assert!(html.contains("IDR 270,000"));
    assert_eq!(tags_with(&html, "confirm-change").len(), 1);
    assert!(tags_with(&html, "place-order").is_empty());
}

#[tokio::test]
async fn a_sold_out_product_is_named_with_a_way_back_to_the_cart() {
    let html = sheet(Locale::IdId, || {
        run(
            review(true),
            vec![
                CheckoutAction::Place { key: "k".into() },
                CheckoutAction::PlaceResult(Err(refused(
                    409,
                    ErrorCode::OutOfStock,
                    "cart[var-shop-kalcer]",
                ))),
            ],
        )
    })
    .await;
    assert_eq!(tags_with(&html, "out-of-stock").len(), 1);
    assert!(html.contains("Stok Kaos Polos baru saja habis"), "{html}");
    assert_eq!(tags_with(&html, "edit-cart").len(), 1);
}

#[tokio::test]
async fn the_reservation_limit_says_how_many_units_of_a_variant_one_may_hold() {
    for (locale, said) in [
        (
            Locale::IdId,
            "paling banyak 5 unit per varian di pesanan yang belum dibayar",
        ),
        (
            Locale::EnUs,
            "at most 5 units of a variant in unpaid orders",
        ),
    ] {
        let html = sheet(locale, || {
            run(
                review(true),
                vec![
                    CheckoutAction::Place { key: "k".into() },
                    CheckoutAction::PlaceResult(Err(refused(
                        409,
                        ErrorCode::ReservationLimit,
                        "items[1]",
                    ))),
                ],
            )
        })
        .await;
        let notice = tags_with(&html, "reservation-limit");
        assert_eq!(notice.len(), 1, "{html}");
        assert!(html.contains(said), "{locale:?}: {html}");
    }
}

#[tokio::test]
async fn refused_vouchers_and_cod_say_why() {
    let html = sheet(Locale::IdId, || {
        let state = review(true);
        let revision = state.revision;
        yew::Reducible::reduce(
            state,
            CheckoutAction::Quoted {
                revision,
                result: Err(refused(422, ErrorCode::VoucherNotApplicable, "vouchers[0]")),
            },
        )
    })
    .await;
    let refusal = tags_with(&html, "voucher-refused");
    assert_eq!(refusal.len(), 1);
    assert!(
        html.contains("Voucher BATIKHEMAT belum bisa dipakai"),
        "{html}"
    );
    // Not typed in the field: the field is left alone.
    let field = tags_with(&html, "voucher-input")[0];
    assert!(!field.contains("aria-invalid"), "{field}");
    assert!(tags_with(&html, "applied-voucher").is_empty());

    let html = sheet(Locale::EnUs, || {
        let state = yew::Reducible::reduce(
            review(true),
            CheckoutAction::ChoosePayment(PaymentMethod::Cod),
        );
        let revision = state.revision;
        yew::Reducible::reduce(
            state,
            CheckoutAction::Quoted {
                revision,
                result: Err(refused(422, ErrorCode::PaymentMethodUnavailable, "payment")),
            },
        )
    })
    .await;
    assert_eq!(tags_with(&html, "payment-unavailable").len(), 1);
    assert!(html.contains("Cash on delivery is not available"));
}

#[tokio::test]
async fn a_placed_order_shows_its_payment_then_done_once_paid() {
    let placed = |status: PaymentStatus| {
        let mut checkout = Checkout {
            id: "chk-1".into(),
            orders: Vec::new(),
            payment: Payment {
                id: "pay-1".into(),
                status: PaymentStatus::Pending,
                method: PaymentMethod::VirtualAccount { bank: Bank::Bni },
                amount: Rupiah(258_100),
                instructions: PaymentInstructions::VirtualAccount {
                    bank: Bank::Bni,
                    account_number: "8808123456789012".into(),
                },
                expires_at: "2099-01-01T00:00:00.000Z".into(),
                paid_at: None,
            },
            vouchers: Vec::new(),
            totals: Totals::default(),
            created_at: "2026-11-28T00:00:00.000Z".into(),
        };
        checkout.payment.status = status;
        run(
            review(true),
            vec![
                CheckoutAction::Place { key: "k".into() },
                CheckoutAction::PlaceResult(Ok(Placement::Placed(checkout))),
            ],
        )
    };
    let html = sheet(Locale::IdId, move || placed(PaymentStatus::Pending)).await;
    assert!(html.contains(r#"data-step="payment""#));
    let panel = tags_with(&html, "payment-panel");
    assert!(panel[0].contains(r#"data-status="pending""#));
    assert!(
        tags_with(&html, "checkout-done").is_empty(),
        "nothing is done yet"
    );
    assert!(
        !html.contains("<input"),
        "no field of any kind, card or other"
    );

    let html = sheet(Locale::IdId, move || placed(PaymentStatus::Paid)).await;
    assert!(tags_with(&html, "payment-panel")[0].contains(r#"data-status="paid""#));
    assert_eq!(tags_with(&html, "checkout-done").len(), 1);
}

#[tokio::test]
async fn a_legacy_address_is_asked_for_its_district_and_its_form_keeps_what_it_had() {
    let started = || {
        run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![legacy("adr-old", "Sari")]))),
            ],
        )
    };
    let html = sheet(Locale::IdId, started).await;
    assert_eq!(tags_with(&html, "legacy-address").len(), 1, "{html}");
    assert!(html.contains("sebelum kecamatan dipilih dari daftar wilayah resmi"));
    assert_eq!(tags_with(&html, "fix-address").len(), 1);

    let html = sheet(Locale::EnUs, move || {
        yew::Reducible::reduce(started(), CheckoutAction::FixAddress("adr-old".into()))
    })
    .await;
    assert!(html.contains(r#"data-step="new-address""#));
    assert!(html.contains("Complete the address"), "{html}");
    assert!(html.contains("This address was saved before districts came"));
    assert!(html.contains(r#"value="Sari""#), "the recipient kept");
    assert!(html.contains("Jl. Dago No. 12"), "the street kept");
    let search = tags_with(&html, "region-search");
    assert!(
        search[0].contains(r#"value="Coblong""#),
        "its district searched"
    );
    assert!(html.contains("Searching…"), "{html}");
}

/// The district-or-city search after `regions` were found for `query`, and `keys`.
fn found(query: &str, regions: Vec<Region>, keys: &[Key]) -> Place {
    let regions = RegionSearch {
        regions,
        more: false,
    };
    searched(query, regions, keys)
}

/// The district-or-city search after `query` answered `answer`, and `keys`.
fn searched(query: &str, answer: RegionSearch, keys: &[Key]) -> Place {
    let mut place = [
        PlaceAction::Type(query.into()),
        PlaceAction::Settle(query.into()),
        PlaceAction::Sent(query.into()),
        PlaceAction::Found(query.into(), Ok(answer)),
    ]
    .into_iter()
    .fold(Place::default(), Place::next);
    for key in keys {
        place = place.next(PlaceAction::Key(*key));
    }
    place
}

fn region(code: &str, level: RegionLevel, name: &str, path: &str) -> Region {
    Region {
        code: code.into(),
        level,
        name: name.into(),
        path: path.into(),
        postal_code: None,
    }
}

/// The combobox for the place `make` builds, in `locale`.
async fn combobox(make: impl FnOnce() -> Place + Send + 'static, locale: Locale) -> String {
    show(move || {
        let place = make();
        region_combobox(&place, locale, None, &NodeRef::default(), &Callback::noop())
    })
    .await
}

#[tokio::test]
async fn the_search_is_a_combobox_whose_active_option_is_its_descendant() {
    let regions = || {
        vec![
            region(
                "32.73.02",
                RegionLevel::District,
                "Coblong",
                "Coblong, Kota Bandung, Jawa Barat",
            ),
            region(
                "32.73.18.1002",
                RegionLevel::Village,
                "Sukaluyu",
                "Sukaluyu, Cibeunying Kaler, Kota Bandung, Jawa Barat",
            ),
        ]
    };
    let html = combobox(
        move || found("cob", regions(), &[Key::Down, Key::Down]),
        Locale::IdId,
    )
    .await;
    let search = tags_with(&html, "region-search")[0];
    assert!(search.contains(r#"aria-expanded="true""#), "{search}");
    assert!(
        search.contains(r#"aria-activedescendant="address-region-option-1""#),
        "{search}"
    );
    let list = tags_with(&html, "region-list")[0];
    assert!(!list.contains("hidden"), "{list}");
    let options = tags_with(&html, "region-option");
    assert_eq!(options.len(), 2);
    assert!(options[0].contains(r#"aria-selected="false""#));
    assert!(options[1].contains(r#"aria-selected="true""#));
    assert!(options[1].contains(r#"id="address-region-option-1""#));
    assert!(
        html.contains(r#"<span class="visually-hidden">, </span><span class="region-above">Kota Bandung, Jawa Barat</span><span class="visually-hidden">, </span><span class="region-level">Kecamatan</span>"#),
        "read as its path, then its level: {html}"
    );
    assert!(
        html.contains("<b>Cob</b>long"),
        "the matched start in bold: {html}"
    );
    assert!(html.contains("Cibeunying Kaler, Kota Bandung, Jawa Barat</span>"));
    assert!(html.contains(r#"<span class="region-level">Kel./Desa</span>"#));
    assert!(html.contains(r#"role="status""#));
    assert!(html.contains(">2 hasil<"), "{html}");
}

#[tokio::test]
async fn the_search_says_when_it_finds_nothing_and_offers_a_retry_when_it_fails() {
    let html = combobox(|| found("zzzq", Vec::new(), &[]), Locale::EnUs).await;
    assert!(html.contains("No results for “zzzq”"), "{html}");
    assert!(tags_with(&html, "region-search")[0].contains(r#"aria-expanded="false""#));

    let failed = || {
        [
            PlaceAction::Type("coblong".into()),
            PlaceAction::Settle("coblong".into()),
            PlaceAction::Sent("coblong".into()),
            PlaceAction::Found("coblong".into(), Err(ApiError::Network("offline".into()))),
        ]
        .into_iter()
        .fold(Place::default(), Place::next)
    };
    let html = combobox(failed, Locale::IdId).await;
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert_eq!(tags_with(&html, "region-retry").len(), 1);
    assert!(html.contains(r#"value="coblong""#), "the typing is kept");

    let html = combobox(
        || Place::default().next(PlaceAction::Type("co".into())),
        Locale::IdId,
    )
    .await;
    assert!(html.contains("Ketik minimal 3 huruf"), "{html}");
}

#[tokio::test]
async fn a_search_with_more_regions_than_listed_asks_for_more_of_the_name() {
    let answer = || RegionSearch {
        regions: (0..20)
            .map(|at| {
                region(
                    &format!("32.04.{:02}", at + 1),
                    RegionLevel::District,
                    "Karang",
                    "Karang, Kabupaten Bandung, Jawa Barat",
                )
            })
            .collect(),
        more: true,
    };
    let html = combobox(move || searched("kar", answer(), &[]), Locale::IdId).await;
    assert_eq!(tags_with(&html, "region-option").len(), 20);
    assert!(
        html.contains(">20+ hasil, ketik nama lebih lengkap<"),
        "{html}"
    );
    let html = combobox(move || searched("kar", answer(), &[]), Locale::EnUs).await;
    assert!(
        html.contains(">20+ results, type more of the name<"),
        "{html}"
    );
}

/// [`review`] quoted again with `quote`, its parcels too heavy for `unavailable`.
fn requoted(
    state: Rc<CheckoutState>,
    quote: Quote,
    unavailable: Vec<UnavailableShipping>,
) -> Rc<CheckoutState> {
    let state = yew::Reducible::reduce(state, CheckoutAction::Requote);
    let revision = state.revision;
    yew::Reducible::reduce(
        state,
        CheckoutAction::Quoted {
            revision,
            result: Ok(answer(quote, unavailable)),
        },
    )
}

#[tokio::test]
async fn couriers_a_parcel_is_too_heavy_for_are_disabled_with_why() {
    let heavy = || {
        requoted(
            review(true),
            quote("qt-2", 258_100),
            vec![
                too_heavy("shop-kalcer", "grab-sameday", "GrabExpress"),
                too_heavy("shop-kalcer", "gosend-sameday", "GoSend"),
            ],
        )
    };
    let html = sheet(Locale::IdId, heavy).await;
    let shops: Vec<&str> = html.split(r#"data-testid="checkout-shop""#).collect();
    assert_eq!(shops.len(), 3);
    assert!(
        tags_with(shops[1], "courier-unavailable").is_empty(),
        "Batik Sekar Jagad's parcel is light"
    );
    let disabled = tags_with(shops[2], "courier-unavailable");
    assert_eq!(disabled.len(), 2, "{}", shops[2]);
    assert!(disabled[0].contains(r#"data-option="grab-sameday""#));
    for tag in &disabled {
        assert!(tag.contains(r#"aria-disabled="true""#), "{tag}");
        assert!(tag.contains(" disabled"), "never a choice: {tag}");
        assert!(tag.contains(r#"aria-checked="false""#), "{tag}");
        assert!(!tag.contains("tabindex"), "no Tab stop: {tag}");
    }
    assert!(
        shops[2].contains("GrabExpress Same Day</span><span class=\"option-note\">Maks. 7 kg — paketmu 9 kg</span>"),
        "{}",
        shops[2]
    );
    // Still one Tab stop per group: the chosen courier.
    let stops = tags_with(shops[2], "courier-option")
        .into_iter()
        .filter(|tag| tag.contains(r#"tabindex="0""#))
        .count();
    assert_eq!(stops, 1);
    let html = sheet(Locale::EnUs, heavy).await;
    assert!(html.contains("Up to 7 kg — your parcel is 9 kg"), "{html}");
}

/// [`review`] with Kalcer Goods' parcel by JNE YES, then another address
/// where JNE YES is refused: quoted with the server's default.
fn moved() -> Rc<CheckoutState> {
    let state = yew::Reducible::reduce(
        review(true),
        CheckoutAction::ChooseShipping {
            shop_id: "shop-kalcer".into(),
            option_id: "jne-yes".into(),
        },
    );
    let mut chosen = quote("qt-2", 272_100);
    chosen.shops[1].shipping = option("jne-yes", "JNE", 26_000, (1, 1));
    let revision = state.revision;
    let state = run(
        state,
        vec![
            CheckoutAction::Quoted {
                revision,
                result: Ok(answer(chosen, Vec::new())),
            },
            CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                address("adr-1", "Sari"),
                address("adr-2", "Budi"),
            ]))),
            CheckoutAction::PickAddress("adr-2".into()),
        ],
    );
    assert_eq!(state.request().unwrap().shipping[0].option_id, "jne-yes");
    let revision = state.revision;
    let state = yew::Reducible::reduce(
        state,
        CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::InvalidField,
                "shipping[0].option_id",
            )),
        },
    );
    assert!(state.pricing.is_asking(), "quoted again without JNE YES");
    let mut there = quote("qt-3", 260_000);
    there.address = address("adr-2", "Budi").address;
    there.shops[1].shipping_options.truncate(1);
    let revision = state.revision;
    yew::Reducible::reduce(
        state,
        CheckoutAction::Quoted {
            revision,
            result: Ok(answer(there, Vec::new())),
        },
    )
}

#[tokio::test]
async fn a_courier_gone_with_a_new_address_is_said_beside_its_shop() {
    let html = sheet(Locale::IdId, moved).await;
    let notes = tags_with(&html, "courier-replaced");
    assert_eq!(notes.len(), 1, "Kalcer Goods' alone: {html}");
    assert!(
        html.contains(">JNE REG tidak tersedia untuk alamat ini: hanya dalam kota toko, Yogyakarta; dipilih AnterAja REG<"),
        "{html}"
    );
    let kalcer = html
        .split(r#"data-testid="checkout-shop""#)
        .nth(2)
        .expect("the second shop");
    assert!(kalcer.contains("courier-replaced"), "beside its own shop");
    let html = sheet(Locale::EnUs, moved).await;
    assert!(
        html.contains(">JNE REG doesn't deliver to this address: only within the shop's city, Yogyakarta; AnterAja REG chosen instead<"),
        "{html}"
    );
}

#[tokio::test]
async fn a_voucher_short_of_its_minimum_spend_says_by_how_much() {
    for (locale, said) in [
        (
            Locale::IdId,
            "Voucher BELANJABESAR belum bisa dipakai: belanja Rp52.000 lagi untuk memakainya.",
        ),
        (
            Locale::EnUs,
            "Voucher BELANJABESAR does not apply yet: spend IDR 52,000 more to use it.",
        ),
    ] {
        let html = sheet(locale, || {
            let big = VoucherOffer {
                min_spend: Rupiah(300_000),
                ..offer("BELANJABESAR")
            };
            let state = run(
                review(true),
                vec![
                    CheckoutAction::OffersLoaded(Ok(Rc::new(vec![big]))),
                    CheckoutAction::ApplyVoucher("belanjabesar".into()),
                ],
            );
            let revision = state.revision;
            yew::Reducible::reduce(
                state,
                CheckoutAction::Quoted {
                    revision,
                    result: Err(refused(422, ErrorCode::VoucherNotApplicable, "vouchers[1]")),
                },
            )
        })
        .await;
        // The goods come to Rp248.000 of the Rp300.000 it needs.
        assert_eq!(text_of(&html, "voucher-refused"), said, "{html}");
    }
}
