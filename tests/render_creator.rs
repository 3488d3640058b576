//! Server-side renders of the creator's tools, driven through their
//! reducer: the tabs, the ordered showcase with its pin and move buttons,
//! the catalogue search with products already in the showcase marked, and
//! the sales. Native only: `cargo test --test render_creator`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

mod ssr;

use ssr::{show, tags_with};

use std::rc::Rc;

use etalase::parts::creator::components::{creator_panel, CreatorPanel};
use etalase::parts::creator::state::creator::{CreatorAction, CreatorState, Tab};
use etalase_contract::{
    CatalogueProduct, Locale, ProductCard, ProductPage, ProductSales, Rupiah, ShopSummary,
    Showcase, StreamSales,
};
use yew::prelude::*;
use yew::Reducible;

async fn panel(locale: Locale, make: impl FnOnce() -> Rc<CreatorState> + Send + 'static) -> String {
    show(move || {
        let state = make();
        creator_panel(&CreatorPanel {
            state: &state,
            locale,
            on_action: Callback::noop(),
            on_retry: Callback::noop(),
        })
    })
    .await
}

fn shop() -> ShopSummary {
    ShopSummary {
        id: "shop-1".into(),
        name: "Batik Sekar".into(),
        city: "Yogyakarta".into(),
    }
}

fn card(id: &str, name: &str) -> ProductCard {
    ProductCard {
        id: id.into(),
        name: name.into(),
        image_url: "https://api.example/1.svg".into(),
        price: Rupiah(189_000),
        original_price: None,
        shop: shop(),
        sold_count: 10,
        stock: 7,
        pinned: false,
    }
}

fn loaded() -> Rc<CreatorState> {
    Rc::new(CreatorState::default()).reduce(CreatorAction::Loaded(Ok(Rc::new(Showcase {
        stream_id: "live-1".into(),
        pinned_product_id: Some("b".into()),
        products: vec![
            card("a", "Kemeja Parang"),
            card("b", "<i>Blouse</i>"),
            card("c", "Kain Sogan"),
        ],
    }))))
}

#[tokio::test]
async fn the_showcase_lists_products_in_order_with_pin_and_moves() {
    let html = panel(Locale::IdId, loaded).await;
    let tabs: Vec<_> = html.matches(r#"role="tab""#).collect();
    assert_eq!(tabs.len(), 4);
    assert!(html.contains("Etalase (3)"));
    let items = tags_with(&html, "showcase-item");
    assert_eq!(items.len(), 3);
    assert!(items[0].contains(r#"data-product-id="a""#));
    assert!(items[1].contains("is-pinned"));
    assert!(items
        .iter()
        .all(|item| item.contains(r#"draggable="true""#)));
    let pins = tags_with(&html, "pin");
    assert!(pins[1].contains(r#"aria-pressed="true""#));
    assert!(pins[0].contains(r#"aria-label="Sematkan Kemeja Parang""#));
    let ups = tags_with(&html, "move-up");
    assert!(ups[0].contains("disabled"), "the first cannot go up");
    let downs = tags_with(&html, "move-down");
    assert!(downs[2].contains("disabled"), "the last cannot go down");
    assert!(html.contains("&lt;i&gt;Blouse&lt;/i&gt;"), "names are text");
    assert!(html.contains("Stok 7"));
}

#[tokio::test]
async fn the_catalogue_marks_what_the_showcase_holds_and_pages() {
    let html = panel(Locale::EnUs, || {
        let product = |id: &str| CatalogueProduct {
            id: id.into(),
            name: ["Product ", id].concat(),
            image_url: "https://api.example/2.svg".into(),
            price: Rupiah(59_000),
            original_price: None,
            shop: shop(),
            sold_count: 3,
            stock: 4,
            commission_bp: 850,
        };
        loaded()
            .reduce(CreatorAction::Show(Tab::Catalogue))
            .reduce(CreatorAction::Searched(Ok(Rc::new(ProductPage {
                products: vec![product("a"), product("z")],
                total: 45,
                page: 1,
                per_page: 20,
            }))))
    })
    .await;
    let attach = tags_with(&html, "attach");
    assert_eq!(attach.len(), 2);
    assert!(attach[0].contains("disabled"), "already in the showcase");
    assert!(!attach[1].contains("disabled"));
    assert!(html.contains("In showcase"));
    assert!(html.contains("8.5% commission"));
    assert!(html.contains("Page 1/3"));
    assert!(tags_with(&html, "previous-page")[0].contains("disabled"));
    assert!(!tags_with(&html, "next-page")[0].contains("disabled"));
    assert_eq!(tags_with(&html, "catalogue-search").len(), 1);
}

#[tokio::test]
async fn the_sales_show_the_streams_figures_and_each_product() {
    let html = panel(Locale::IdId, || {
        loaded()
            .reduce(CreatorAction::Show(Tab::Sales))
            .reduce(CreatorAction::SalesLoaded(Ok(Rc::new(StreamSales {
                stream_id: "live-1".into(),
                orders: 2,
                units: 3,
                gmv: Rupiah(567_000),
                commission: Rupiah(45_360),
                products: vec![ProductSales {
                    product_id: "a".into(),
                    product_name: "Kemeja Parang".into(),
                    orders: 2,
                    units: 3,
                    gmv: Rupiah(567_000),
                    commission: Rupiah(45_360),
                    median_playback_second: None,
                }],
            }))))
    })
    .await;
    for (id, text) in [
        ("sales-orders", "2"),
        ("sales-units", "3"),
        ("sales-gmv", "Rp567.000"),
        ("sales-commission", "Rp45.360"),
    ] {
        let tag = tags_with(&html, id)[0];
        let at = html.find(tag).unwrap() + tag.len();
        assert!(html[at..].starts_with(text), "{id} shows {text}");
    }
    assert_eq!(tags_with(&html, "sales-product").len(), 1);
}

#[tokio::test]
async fn a_live_voucher_shows_its_terms_time_and_claims_left_then_its_claim() {
    use etalase::parts::shop::components::live_voucher;
    use etalase::parts::shop::hooks::Claim;
    use etalase_contract::{ErrorCode, LiveVoucher, LiveVoucherKind};

    let voucher = || LiveVoucher {
        code: "LIVE1".into(),
        kind: LiveVoucherKind::Percent,
        value: 10,
        max_discount: Some(Rupiah(25_000)),
        min_spend: Rupiah(100_000),
        quota_left: 64,
        claimable_until: "2099-01-01T00:00:00.000Z".into(),
        seconds_left: 300,
    };
    let render = |claim: Option<Claim>| {
        show(move || live_voucher(&voucher(), claim, Locale::IdId, &Callback::noop()))
    };
    let html = render(None).await;
    assert!(
        html.contains("Diskon 10% · maks. Rp25.000 · min. belanja Rp100.000"),
        "{html}"
    );
    assert!(html.contains("Sisa 64"));
    assert_eq!(tags_with(&html, "countdown").len(), 1);
    assert!(!tags_with(&html, "claim-voucher")[0].contains("disabled"));

    let html = render(Some(Claim::Claiming)).await;
    assert!(tags_with(&html, "claim-voucher")[0].contains("disabled"));
    let html = render(Some(Claim::Claimed)).await;
    assert!(tags_with(&html, "claim-voucher").is_empty());
    assert!(html.contains("dipakai saat checkout"));
    let html = render(Some(Claim::Refused(Some(ErrorCode::VoucherExhausted)))).await;
    assert!(html.contains("Kuota voucher ini sudah habis."));
}

#[tokio::test]
async fn the_voucher_tab_is_a_labelled_form_that_says_what_happened() {
    let html = panel(Locale::IdId, || {
        loaded().reduce(CreatorAction::Show(Tab::Voucher))
    })
    .await;
    assert_eq!(tags_with(&html, "voucher-form").len(), 1);
    for (id, label) in [
        ("drop-value", "Nilai (Rp atau %)"),
        ("drop-min", "Min. belanja (Rp)"),
        ("drop-quota", "Kuota klaim"),
        ("drop-minutes", "Bisa diklaim (menit)"),
    ] {
        assert!(
            html.contains(&format!(r#"<label for="{id}">{label}</label>"#)),
            "{id}"
        );
    }
    assert!(!html.contains("drop-cap"), "a cap only for a percentage");
    assert!(tags_with(&html, "voucher-dropped").is_empty());
}
