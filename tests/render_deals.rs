//! Server-side renders of a flash deal over the video, in each of its
//! states: the countdown with a closed buy button, the open deal with its
//! price, units bar and time left, sold out and ended; and the checkout
//! saying why a deal's price does not apply, and which couriers its parcel
//! is too heavy for. Native only:
//! `cargo test --test render_deals`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

mod ssr;

use ssr::{render, show, tags_with, text_of};

use std::rc::Rc;

use etalase::api::ApiClient;
use etalase::parts::monotonic;
use etalase::parts::shop::components::{
    checkout_sheet, CheckoutPanel, DealBanner, DealBannerProps,
};
use etalase::parts::shop::state::checkout::{CheckoutAction, CheckoutState};
use etalase::parts::shop::state::deals::Heard;
use etalase::parts::shop::state::status_check::StatusCheck;
use etalase_contract::{
    Address, DealQuote, ErrorBody, ErrorCode, FlashDeal, FlashDealState, LineItem, Locale,
    PaymentMethod, Quote, QuoteAnswer, Rupiah, SavedAddress, ShippingOption, ShippingRefusal,
    ShopQuote, ShopSummary, Totals, UnavailableShipping,
};
use yew::prelude::*;
use yew::Reducible;

fn deal(state: FlashDealState, starts_in: u32, seconds_left: u32, units_left: u32) -> FlashDeal {
    FlashDeal {
        id: "fd-1".into(),
        stream_id: "live-1".into(),
        product_id: "prd-1".into(),
        variant_id: "var-1".into(),
        price: Rupiah(49_000),
        normal_price: Rupiah(99_000),
        units: 20,
        units_left,
        units_sold: 0,
        per_buyer_limit: 1,
        state,
        starts_at: "2026-06-14T12:00:00.000Z".into(),
        ends_at: "2026-06-14T12:05:00.000Z".into(),
        starts_in_seconds: starts_in,
        seconds_left,
    }
}

/// The banner of `deal`, heard just now.
async fn banner(locale: Locale, deal: FlashDeal) -> String {
    render::<DealBanner>(move || DealBannerProps {
        heard: Heard {
            deal,
            at_ms: monotonic::now_ms(),
        },
        product: None,
        client: Rc::new(etalase::api::ApiClient::new("http://localhost", None)),
        locale,
        on_buy: Callback::noop(),
    })
    .await
}

#[tokio::test]
async fn before_it_opens_the_deal_counts_down_with_its_buy_button_closed() {
    let html = banner(Locale::IdId, deal(FlashDealState::Upcoming, 27, 327, 20)).await;
    assert!(tags_with(&html, "deal")[0].contains(r#"data-state="upcoming""#));
    assert_eq!(text_of(&html, "deal-status"), "Mulai dalam 0:27");
    assert!(tags_with(&html, "deal-buy")[0].contains("disabled"));
    // The countdown is a timer, not announced each second; the live region
    // says only where the deal is.
    assert!(tags_with(&html, "deal-status")[0].contains(r#"role="timer""#));
    assert!(tags_with(&html, "deal-said")[0].contains(r#"aria-live="polite""#));
    assert_eq!(text_of(&html, "deal-said"), "Flash deal segera dimulai");
    assert_eq!(text_of(&html, "deal-units"), "Sisa 20/20");
    let html = banner(Locale::EnUs, deal(FlashDealState::Upcoming, 27, 327, 20)).await;
    assert_eq!(text_of(&html, "deal-status"), "Starts in 0:27");
}

#[tokio::test]
async fn an_open_deal_shows_its_price_beside_the_normal_one_its_units_and_time_left() {
    let html = banner(Locale::IdId, deal(FlashDealState::Open, 0, 245, 12)).await;
    assert!(tags_with(&html, "deal")[0].contains(r#"data-state="open""#));
    assert_eq!(text_of(&html, "deal-status"), "Berakhir dalam 4:05");
    assert!(html.contains("Rp49.000"));
    assert!(html.contains(r#"<s class="was">"#) && html.contains("Rp99.000"));
    let bar = &html[html.find("<progress").unwrap()..];
    let bar = &bar[..bar.find('>').unwrap()];
    // The bar draws what the words beside it say.
    for attribute in [r#"max="20""#, r#"value="12""#, r#"aria-hidden="true""#] {
        assert!(bar.contains(attribute), "{bar}");
    }
    assert_eq!(text_of(&html, "deal-units"), "Sisa 12/20");
    assert!(!tags_with(&html, "deal-buy")[0].contains("disabled"));
    assert_eq!(text_of(&html, "deal-said"), "Flash deal dibuka");
    let html = banner(Locale::EnUs, deal(FlashDealState::Open, 0, 245, 12)).await;
    assert_eq!(text_of(&html, "deal-status"), "Ends in 4:05");
    assert_eq!(text_of(&html, "deal-units"), "12/20 left");
}

#[tokio::test]
async fn a_sold_out_or_ended_deal_says_so_and_offers_nothing_to_buy() {
    for (state, units_left, said, status) in [
        (FlashDealState::Open, 0, "Flash deal habis terjual", "Habis"),
        (
            FlashDealState::SoldOut,
            0,
            "Flash deal habis terjual",
            "Habis",
        ),
        (FlashDealState::Ended, 0, "Flash deal berakhir", "Berakhir"),
    ] {
        let html = banner(Locale::IdId, deal(state, 0, 0, units_left)).await;
        assert_eq!(text_of(&html, "deal-status"), status);
        assert_eq!(text_of(&html, "deal-said"), said);
        assert!(tags_with(&html, "deal-buy").is_empty());
        assert!(tags_with(&html, "deal-units").is_empty());
    }
}

fn quote() -> Quote {
    let option = ShippingOption {
        id: "jne-reg".into(),
        courier: "JNE".into(),
        service: "REG".into(),
        price: Rupiah(10_000),
        eta_days_min: 2,
        eta_days_max: 3,
    };
    Quote {
        id: "qt-1".into(),
        address: address(),
        shops: vec![ShopQuote {
            shop: ShopSummary {
                id: "shop-1".into(),
                name: "Batik Sekar".into(),
                city: "Solo".into(),
            },
            items: vec![LineItem {
                variant_id: "var-1".into(),
                product_id: "prd-1".into(),
                product_name: "Kemeja Batik".into(),
                option_values: vec![],
                price: Rupiah(99_000),
                quantity: 1,
                line_total: Rupiah(99_000),
            }],
            subtotal: Rupiah(99_000),
            weight_grams: 300,
            shipping_options: vec![option.clone()],
            shipping: option,
            insurance_fee: Rupiah(0),
            insured: false,
            shop_discount: Rupiah(0),
            platform_discount: Rupiah(0),
            shipping_discount: Rupiah(0),
            total: Rupiah(109_000),
        }],
        vouchers: vec![],
        payment: PaymentMethod::Qris,
        stream_id: None,
        totals: Totals {
            items_subtotal: Rupiah(99_000),
            shipping: Rupiah(10_000),
            insurance: Rupiah(0),
            discount: Rupiah(0),
            payment_fee: Rupiah(0),
            grand_total: Rupiah(109_000),
        },
    }
}

fn address() -> Address {
    Address {
        id: "adr-1".into(),
        recipient: "Sari".into(),
        phone: "+6281234567890".into(),
        province: "Jawa Barat".into(),
        city: "Bandung".into(),
        district: "Coblong".into(),
        postal_code: "40132".into(),
        street: "Jl. Dago No. 12".into(),
    }
}

/// The checkout sheet of a deal quoted with `deal` as it is and `refusal`.
async fn deal_sheet(deal: FlashDeal, refusal: Option<ErrorCode>, locale: Locale) -> String {
    heavy_deal_sheet(deal, refusal, Vec::new(), locale).await
}

/// [`deal_sheet`], the quote listing the couriers its parcel is too heavy
/// for (`unavailable`).
async fn heavy_deal_sheet(
    deal: FlashDeal,
    refusal: Option<ErrorCode>,
    unavailable: Vec<UnavailableShipping>,
    locale: Locale,
) -> String {
    show(move || {
        let state = [
            CheckoutAction::StartDeal {
                deal_id: "fd-1".into(),
                stream_id: None,
            },
            CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![SavedAddress {
                address: address(),
                village: Some("Dago".into()),
                region_code: Some("32.73.02.1004".into()),
                needs_region: false,
            }]))),
            CheckoutAction::ChoosePayment(PaymentMethod::Qris),
        ]
        .into_iter()
        .fold(Rc::<CheckoutState>::default(), Reducible::reduce);
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::DealQuoted {
            revision,
            result: Ok(Rc::new(DealQuote {
                quote: QuoteAnswer {
                    quote: quote(),
                    unavailable_shipping: unavailable.clone(),
                },
                deal: deal.clone(),
                refusal: refusal.map(|code| ErrorBody::new(code, "m").error),
            })),
        });
        checkout_sheet(&CheckoutPanel {
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
            deal: Some(Heard {
                deal: deal.clone(),
                at_ms: monotonic::now_ms(),
            }),
        })
    })
    .await
}

#[tokio::test]
async fn the_checkout_says_why_the_deal_price_does_not_apply_and_shows_the_normal_one() {
    let html = deal_sheet(
        deal(FlashDealState::SoldOut, 0, 0, 0),
        Some(ErrorCode::DealSoldOut),
        Locale::IdId,
    )
    .await;
    let refused = tags_with(&html, "deal-refused");
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].contains(r#"role="alert""#)
            && refused[0].contains(r#"data-code="deal_sold_out""#)
    );
    assert!(html.contains("Unit flash deal sudah habis, jadi harga normal yang berlaku."));
    assert_eq!(text_of(&html, "footer-total").trim(), "Rp109.000");
    assert!(!tags_with(&html, "place-order")[0].contains("disabled"));
    assert!(tags_with(&html, "deal-quantity").is_empty());
}

#[tokio::test]
async fn a_deal_of_several_per_buyer_offers_a_quantity_up_to_the_units_left() {
    let mut open = deal(FlashDealState::Open, 0, 120, 2);
    open.per_buyer_limit = 3;
    let html = deal_sheet(open.clone(), None, Locale::IdId).await;
    assert_eq!(tags_with(&html, "deal-quantity").len(), 1);
    assert!(
        html.contains("Maks. 2 per pembeli"),
        "the units left bound it"
    );
    assert!(tags_with(&html, "qty-decrease")[0].contains("disabled"));
    assert!(!tags_with(&html, "qty-increase")[0].contains("disabled"));
    let html = deal_sheet(open.clone(), None, Locale::EnUs).await;
    assert!(html.contains("Up to 2 per buyer"));
    // Its checkout says it is a flash deal and how long it runs.
    let tag = text_of(&html, "deal-tag");
    assert!(html.contains(">Flash deal</span>"), "{tag}");
    assert!(html.contains(">Ends in 2:00</span>"), "{html}");
    // One per buyer: nothing to choose.
    open.per_buyer_limit = 1;
    let html = deal_sheet(open, None, Locale::IdId).await;
    assert!(tags_with(&html, "deal-quantity").is_empty());
}

#[tokio::test]
async fn a_deals_parcel_too_heavy_for_a_courier_shows_it_disabled_with_why() {
    let gosend = UnavailableShipping {
        shop_id: "shop-1".into(),
        id: "gosend-sameday".into(),
        courier: "GoSend".into(),
        service: "Same Day".into(),
        reason: ShippingRefusal::TooHeavy,
        max_kg: 7,
        parcel_kg: 8,
        message: "GoSend Same Day carries at most 7 kg; this parcel is 8 kg".into(),
    };
    let open = deal(FlashDealState::Open, 0, 120, 5);
    let html = heavy_deal_sheet(open.clone(), None, vec![gosend.clone()], Locale::IdId).await;
    let disabled = tags_with(&html, "courier-unavailable");
    assert_eq!(disabled.len(), 1, "{html}");
    let tag = &disabled[0];
    assert!(tag.contains(r#"data-option="gosend-sameday""#), "{tag}");
    assert!(
        tag.contains(r#"aria-disabled="true""#) && tag.contains(" disabled"),
        "{tag}"
    );
    assert!(
        html.contains(
            "GoSend Same Day</span><span class=\"option-note\">Maks. 7 kg — paketmu 8 kg</span>"
        ),
        "{html}"
    );
    let html = heavy_deal_sheet(open.clone(), None, vec![gosend], Locale::EnUs).await;
    assert_eq!(tags_with(&html, "courier-unavailable").len(), 1);
    assert!(html.contains("Up to 7 kg — your parcel is 8 kg"), "{html}");
    // A light parcel: every courier is offered, none disabled.
    let html = deal_sheet(open, None, Locale::IdId).await;
    assert!(tags_with(&html, "courier-unavailable").is_empty());
}

#[tokio::test]
async fn the_units_left_and_the_countdown_run_across_the_banner_under_buy() {
    let html = banner(Locale::IdId, deal(FlashDealState::Open, 0, 971, 10)).await;
    // One row of its own after Buy, so at 320 px neither runs into it.
    let buy = html.find(r#"data-testid="deal-buy""#).unwrap();
    let meta = html.find(r#"class="deal-meta""#).unwrap();
    assert!(buy < meta, "{html}");
    let row = &html[meta..];
    let row = &row[..row.find("</div>").unwrap()];
    for part in [
        "<progress",
        r#"data-testid="deal-units""#,
        r#"data-testid="deal-status""#,
    ] {
        assert!(row.contains(part), "{part} in {row}");
    }
    assert!(row.contains(">Berakhir dalam 16:11<"), "{row}");
}
