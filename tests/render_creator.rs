//! Server-side renders of the creator's tools, driven through their
//! reducer: the tabs, the ordered showcase with its pin and move buttons,
//! the catalogue search with products already in the showcase marked, and
//! the sales. Native only: `cargo test --test render_creator`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

mod ssr;

use ssr::{show, tags_with, text_of, words};

use std::rc::Rc;

use etalase::api::ApiError;
use etalase::parts::creator::components::{creator_panel, CreatorPanel};
use etalase::parts::creator::state::creator::{CreatorAction, CreatorState, Tab};
use etalase::parts::creator::state::deals::{CreatorDeals, DealsAction};
use etalase::parts::creator::state::vouchers::{CreatorVouchers, VouchersAction};
use etalase_contract::{
    CatalogueProduct, CreatorSummary, CreatorVoucher, CreatorVoucherList, ErrorCode, ErrorDetail,
    FlashDeal, FlashDealList, FlashDealState, LiveVoucher, LiveVoucherKind, Locale, ProductCard,
    ProductDetail, ProductPage, ProductSales, Rupiah, ShopSummary, Showcase, StartFlashDeal,
    StreamKind, StreamList, StreamSales, StreamSummary, Variant,
};
use yew::prelude::*;
use yew::Reducible;

async fn panel(locale: Locale, make: impl FnOnce() -> Rc<CreatorState> + Send + 'static) -> String {
    with_deals(locale, move || (make(), Rc::new(CreatorDeals::default()))).await
}

async fn with_deals(
    locale: Locale,
    make: impl FnOnce() -> (Rc<CreatorState>, Rc<CreatorDeals>) + Send + 'static,
) -> String {
    with_all(locale, move || {
        let (state, deals) = make();
        (state, deals, Rc::new(CreatorVouchers::default()))
    })
    .await
}

/// The panel of the creator's state, deals and vouchers that `make` builds.
async fn with_all(
    locale: Locale,
    make: impl FnOnce() -> (Rc<CreatorState>, Rc<CreatorDeals>, Rc<CreatorVouchers>) + Send + 'static,
) -> String {
    show(move || {
        let (state, deals, vouchers) = make();
        creator_panel(&CreatorPanel {
            state: &state,
            locale,
            on_action: Callback::noop(),
            on_retry: Callback::noop(),
            deals: &deals,
            on_deal: Callback::noop(),
            vouchers: &vouchers,
            on_voucher: Callback::noop(),
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
        deal_units: 0,
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
    assert_eq!(tabs.len(), 5);
    assert!(html.contains(r#"aria-label="Etalase 3""#));
    // The viewers' order: the pinned product on top, where it stays.
    let items = tags_with(&html, "showcase-item");
    assert_eq!(items.len(), 3);
    assert!(items[0].contains(r#"data-product-id="b""#));
    assert!(items[0].contains("is-pinned"));
    assert!(items[0].contains(r#"draggable="false""#));
    assert!(items[1].contains(r#"data-product-id="a""#));
    assert!(items[1..]
        .iter()
        .all(|item| item.contains(r#"draggable="true""#)));
    assert_eq!(
        tags_with(&html, "drag-handle").len(),
        2,
        "none on the pinned"
    );
    let pins = tags_with(&html, "pin");
    assert!(pins[0].contains(r#"aria-label="Lepas sematan &lt;i&gt;Blouse&lt;/i&gt;""#));
    assert!(pins[0].contains(r#"data-pinned="true""#));
    assert!(pins[1].contains(r#"aria-label="Sematkan Kemeja Parang""#));
    let ups = tags_with(&html, "move-up");
    let downs = tags_with(&html, "move-down");
    assert!(
        ups[0].contains("disabled") && downs[0].contains("disabled"),
        "the pinned stays"
    );
    assert!(
        ups[1].contains("disabled"),
        "the first after the pin cannot go up"
    );
    assert!(!downs[1].contains("disabled"));
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
            // The second sold out.
            stock: if id == "z" { 0 } else { 4 },
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
    // Already in the showcase: unavailable, yet focusable, so the focus
    // that added it stays on it.
    assert!(
        attach[0].contains(r#"aria-disabled="true""#),
        "already in the showcase"
    );
    assert!(!attach[0].contains(" disabled"), "{}", attach[0]);
    assert!(!attach[1].contains("disabled"));
    assert!(html.contains("In showcase"));
    assert!(html.contains("8.5% commission"));
    let results = tags_with(&html, "search-result");
    let sold_out = html.find(results[1]).unwrap();
    assert!(html[sold_out..].contains(r#"<span class="sold-out-tag">Sold out</span>"#));
    assert!(
        !html[..sold_out].contains("sold-out-tag"),
        "only the sold-out one"
    );
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
                voucher_cost: Rupiah(18_900),
                unpaid_orders: 1,
                unpaid_gmv: Rupiah(99_000),
                products: vec![ProductSales {
                    product_id: "a".into(),
                    product_name: "Kemeja Parang".into(),
                    orders: 2,
                    units: 3,
                    gmv: Rupiah(567_000),
                    commission: Rupiah(45_360),
                    commission_bp: 800,
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
        ("sales-voucher-cost", "Rp18.900"),
        ("sales-unpaid", "Rp99.000"),
        ("sales-product-commission", "Komisi 8% · Rp45.360"),
    ] {
        let tag = tags_with(&html, id)[0];
        let at = html.find(tag).unwrap() + tag.len();
        assert!(html[at..].starts_with(text), "{id} shows {text}");
    }
    assert_eq!(tags_with(&html, "sales-product").len(), 1);
    // Each figure says what it counts; the unpaid orders stand apart.
    for said in [
        "sebelum potongan voucher dan ongkir",
        "Komisimu tidak berkurang",
        "Pesanan menunggu pembayaran: 1. Belum masuk hitungan",
        "Diperbarui otomatis",
    ] {
        assert!(html.contains(said), "{said}");
    }
    assert!(html.contains(r#"class="figure is-apart""#));
    assert!(!html.contains("sales-stale"), "nothing failed");
}

/// The deals' state of a stream known to be of `kind`.
fn of_kind(kind: StreamKind) -> Rc<CreatorDeals> {
    Rc::new(CreatorDeals::default()).reduce(DealsAction::Streams {
        stream_id: "live-1".into(),
        result: Ok(Rc::new(StreamList {
            streams: vec![StreamSummary {
                id: "live-1".into(),
                title: "Rutinitas glow".into(),
                kind,
                creator: CreatorSummary {
                    id: "crt-1".into(),
                    name: "Sari".into(),
                },
                product_count: 1,
                pinned_product_id: None,
            }],
        })),
    })
}

/// The sales tab of a stream of `kind` whose one product buyers opened at
/// second 114, in `locale`.
async fn sales_opened_at_114(locale: Locale, kind: StreamKind) -> String {
    with_deals(locale, move || {
        let state =
            loaded()
                .reduce(CreatorAction::Show(Tab::Sales))
                .reduce(CreatorAction::SalesLoaded(Ok(Rc::new(StreamSales {
                    stream_id: "live-1".into(),
                    orders: 1,
                    units: 1,
                    gmv: Rupiah(189_000),
                    commission: Rupiah(15_120),
                    voucher_cost: Rupiah(0),
                    unpaid_orders: 0,
                    unpaid_gmv: Rupiah(0),
                    products: vec![ProductSales {
                        product_id: "a".into(),
                        product_name: "Kemeja Parang".into(),
                        orders: 1,
                        units: 1,
                        gmv: Rupiah(189_000),
                        commission: Rupiah(15_120),
                        commission_bp: 800,
                        median_playback_second: Some(114),
                    }],
                }))));
        (state, of_kind(kind))
    })
    .await
}

#[tokio::test]
async fn a_videos_products_say_the_second_buyers_opened_them_at() {
    for (locale, said) in [
        (
            Locale::IdId,
            "Pembeli membukanya sekitar menit 1:54 di video",
        ),
        (Locale::EnUs, "Buyers opened it around 1:54 in the video"),
    ] {
        let html = sales_opened_at_114(locale, StreamKind::Video).await;
        let second = tags_with(&html, "sales-product-second");
        assert_eq!(second.len(), 1);
        let at = html.find(second[0]).unwrap() + second[0].len();
        assert!(html[at..].starts_with(said), "{said}");
    }
    // A live stream's sales never say a second, whatever the lines recorded.
    let live = sales_opened_at_114(Locale::IdId, StreamKind::Live).await;
    assert!(tags_with(&live, "sales-product-second").is_empty());
    assert_eq!(tags_with(&live, "sales-product").len(), 1);
}

#[tokio::test]
async fn a_videos_sales_say_its_orders_update_them_and_a_live_streams_the_stream() {
    for (locale, kind, said) in [
        (
            Locale::IdId,
            StreamKind::Video,
            "Diperbarui otomatis saat pesanan dari video ini masuk dan dibayar.",
        ),
        (
            Locale::EnUs,
            StreamKind::Video,
            "Updates by itself as orders from this video come in and are paid.",
        ),
        (
            Locale::IdId,
            StreamKind::Live,
            "Diperbarui otomatis selama siaran.",
        ),
        (
            Locale::EnUs,
            StreamKind::Live,
            "Updates by itself during the stream.",
        ),
    ] {
        let html = sales_opened_at_114(locale, kind).await;
        let tag = tags_with(&html, "sales-updates")[0];
        let at = html.find(tag).unwrap() + tag.len();
        assert!(
            html[at..].starts_with(said),
            "{kind:?} in {locale:?}: {said}"
        );
    }
}

#[tokio::test]
async fn a_failed_refresh_is_said_beside_the_figures_it_keeps() {
    let html = panel(Locale::EnUs, || {
        let sales = Rc::new(StreamSales {
            stream_id: "live-1".into(),
            orders: 1,
            units: 1,
            gmv: Rupiah(189_000),
            commission: Rupiah(15_120),
            voucher_cost: Rupiah(0),
            unpaid_orders: 0,
            unpaid_gmv: Rupiah(0),
            products: Vec::new(),
        });
        loaded()
            .reduce(CreatorAction::Show(Tab::Sales))
            .reduce(CreatorAction::SalesLoaded(Ok(sales)))
            .reduce(CreatorAction::RefreshSales)
            .reduce(CreatorAction::SalesLoaded(Err(ApiError::Network(
                "offline".into(),
            ))))
    })
    .await;
    assert_eq!(tags_with(&html, "sales-stale").len(), 1);
    assert!(html.contains("IDR 189,000"), "the figures stay");
    assert!(html.contains("Goods at the prices paid, before vouchers and shipping."));
}

/// The words of the button `id`, its inner tags and Yew's markers left out.
fn button_text(html: &str, id: &str) -> String {
    let tag = tags_with(html, id)[0];
    let at = html.find(tag).unwrap() + tag.len();
    words(&html[at..at + html[at..].find("</button>").unwrap()])
}

#[tokio::test]
async fn the_pin_bar_says_what_is_pinned_and_what_pin_next_pins_and_sold_out_is_marked() {
    let html = panel(Locale::IdId, || {
        loaded().reduce(CreatorAction::Restock {
            product_id: "c".into(),
            stock: 0,
        })
    })
    .await;
    assert!(html.contains("Disematkan: &lt;i&gt;Blouse&lt;/i&gt;"));
    let next = tags_with(&html, "pin-next");
    assert!(!next[0].contains("disabled"));
    // After the pinned b comes c, sold out: round to a.
    assert_eq!(
        button_text(&html, "pin-next"),
        "Sematkan berikutnya:Kemeja Parang"
    );
    // The viewers' order: the pinned product first, in a strip that is no
    // Tab stop and no part of the accessibility tree.
    let strip_tag = &tags_with(&html, "viewers-strip")[0];
    assert!(
        strip_tag.contains(r#"aria-hidden="true""#) && strip_tag.contains(r#"tabindex="-1""#),
        "{strip_tag}"
    );
    let strip = html.split(r#"data-testid="viewers-strip""#).nth(1).unwrap();
    let strip = strip.split("</ol>").next().unwrap();
    let order: Vec<&str> = strip
        .split(r#"data-product-id=""#)
        .skip(1)
        .map(|rest| &rest[..1])
        .collect();
    assert_eq!(order, ["b", "a", "c"]);
    let items = tags_with(&html, "showcase-item");
    assert!(items[2].contains("is-sold-out"));
    let at = html.find("sold-out-tag").unwrap();
    assert!(
        html[at..at + 80].contains("Habis"),
        "{}",
        &html[at..at + 80]
    );
    let english = panel(Locale::EnUs, || {
        Rc::new(CreatorState::default()).reduce(CreatorAction::Loaded(Ok(Rc::new(Showcase {
            stream_id: "live-1".into(),
            pinned_product_id: None,
            products: vec![card("a", "Kemeja Parang")],
        }))))
    })
    .await;
    assert!(english.contains("Nothing is pinned."));
    assert_eq!(button_text(&english, "pin-next"), "Pin next:Kemeja Parang");
}

#[tokio::test]
async fn a_live_voucher_shows_its_terms_time_and_claims_left_then_its_claim() {
    use etalase::parts::shop::components::{LiveVoucherBanner, LiveVoucherBannerProps};
    use etalase::parts::shop::hooks::Claim;

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
        ssr::render::<LiveVoucherBanner>(move || LiveVoucherBannerProps {
            voucher: voucher(),
            claim,
            locale: Locale::IdId,
            on_claim: Callback::noop(),
        })
    };
    let html = render(None).await;
    assert!(
        words(&html).contains("Diskon 10% · maks. Rp25.000 · min. belanja Rp100.000"),
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
        ("drop-value", "Potongan (Rp)"),
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

fn flash_deal(id: &str, state: FlashDealState, units_left: u32) -> FlashDeal {
    FlashDeal {
        id: id.into(),
        stream_id: "live".into(),
        product_id: "p2".into(),
        variant_id: "v2".into(),
        price: Rupiah(99_000),
        normal_price: Rupiah(189_000),
        units: 20,
        units_left,
        units_sold: 20 - units_left,
        per_buyer_limit: 1,
        state,
        starts_at: "2026-06-14T12:00:00.000Z".into(),
        ends_at: "2026-06-14T12:05:00.000Z".into(),
        starts_in_seconds: 0,
        seconds_left: 120,
    }
}

#[tokio::test]
async fn the_deal_tab_says_a_refusal_at_its_field_and_lists_the_deals_with_units_left() {
    let html = with_deals(Locale::IdId, || {
        let deals = Rc::new(CreatorDeals::default())
            .reduce(DealsAction::Listed {
                result: Ok(Rc::new(FlashDealList {
                    deals: vec![
                        FlashDeal {
                            starts_in_seconds: 5,
                            ..flash_deal("fd-soon", FlashDealState::Upcoming, 20)
                        },
                        flash_deal("fd-open", FlashDealState::Open, 17),
                        flash_deal("fd-done", FlashDealState::SoldOut, 0),
                        FlashDeal {
                            units_sold: 4,
                            ..flash_deal("fd-ended", FlashDealState::Ended, 0)
                        },
                    ],
                })),
                at_ms: 0,
            })
            .reduce(DealsAction::Start {
                terms: StartFlashDeal {
                    product_id: "p2".into(),
                    variant_id: None,
                    price: Rupiah(99_000),
                    units: 20,
                    per_buyer_limit: 1,
                    starts_in_seconds: 5,
                    minutes: 5,
                },
                fresh: "k1".into(),
                at_ms: 0,
            })
            .reduce(DealsAction::Started {
                result: Err(ApiError::Api {
                    status: 422,
                    error: ErrorDetail {
                        code: ErrorCode::InvalidField,
                        message: "starts_in_seconds must be 10 to 300".into(),
                        field: Some("starts_in_seconds".into()),
                    },
                    retry_after: None,
                }),
                at_ms: 0,
            });
        (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
    })
    .await;
    assert_eq!(tags_with(&html, "deal-form").len(), 1);
    for (id, label) in [
        ("deal-product", "Produk"),
        ("deal-price", "Harga deal (Rp)"),
        ("deal-limit", "Maks. per pembeli"),
        ("deal-starts", "Mulai dalam (detik)"),
        ("deal-minutes", "Durasi (menit)"),
    ] {
        assert!(
            html.contains(&format!(r#"<label for="{id}">{label}</label>"#)),
            "{id}"
        );
    }
    // The refusal sits at its field, which says so to assistive technology.
    assert!(html.contains(r#"aria-describedby="deal-starts-error""#));
    let errors = tags_with(&html, "deal-field-error");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains(r#"id="deal-starts-error""#));
    assert_eq!(text_of(&html, "deal-field-error"), "10–300 detik.");
    assert!(tags_with(&html, "deal-refused").is_empty());
    // Each deal with its state, the time to its start or end counted from
    // the server's seconds, and units sold; only the running ones can be ended.
    assert_eq!(tags_with(&html, "deal-row").len(), 4);
    assert!(html.contains("Rp99.000 · Segera · <span"));
    assert!(html.contains("Rp99.000 · Berjalan · <span"));
    let timer = tags_with(&html, "deal-row-left")[0];
    assert!(timer.contains(r#"role="timer""#), "{timer}");
    let left: Vec<&str> = html
        .match_indices(timer)
        .map(|(at, _)| {
            let text = &html[at + timer.len()..];
            &text[..text.find('<').expect("the text ends")]
        })
        .collect();
    assert_eq!(left, ["Mulai dalam 0:05", "Berakhir dalam 2:00"]);
    assert_eq!(html.matches(r#"data-testid="deal-row-units">"#).count(), 4);
    // Units in orders, paid or not: not "sold", which the sales tab says of paid ones.
    assert!(html.contains(">3 dari 20 dipesan</span>"));
    assert!(html.contains("Habis · <span"));
    assert!(html.contains(">20 dari 20 dipesan</span>"));
    assert!(!html.contains("terjual"), "{html}");
    assert!(html.contains("Dipesan: unit dalam pesanan, dibayar atau belum."));
    // Ended, its units left went back to the stock, and what its orders
    // took is still said.
    assert!(html.contains("Berakhir · <span"));
    assert!(html.contains(">4 dari 20 dipesan · sisanya kembali ke stok</span>"));
    // The list's heading follows the host page's h1: a section, h2.
    assert!(html.contains(r#"<h2 class="creator-heading">Flash deal siaran ini</h2>"#));
    assert!(!html.contains("<h3"));
    assert_eq!(tags_with(&html, "end-deal").len(), 2);
}

#[tokio::test]
async fn a_product_of_several_variants_offers_them_with_the_first_in_stock_picked() {
    let html = with_deals(Locale::IdId, || {
        let variant = |id: &str, size: &str, stock: u32| Variant {
            id: id.into(),
            option_values: vec![size.into()],
            price: Rupiah(189_000),
            original_price: None,
            stock,
            weight_grams: 300,
        };
        let deals = Rc::new(CreatorDeals::default())
            .reduce(DealsAction::Choose("a".into()))
            .reduce(DealsAction::Detailed {
                product_id: "a".into(),
                result: Ok(Rc::new(ProductDetail {
                    id: "a".into(),
                    name: "Kemeja Parang".into(),
                    description: String::new(),
                    image_urls: vec![],
                    shop: shop(),
                    sold_count: 0,
                    options: vec![],
                    variants: vec![variant("var-s", "S", 0), variant("var-m", "M", 4)],
                })),
            });
        (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
    })
    .await;
    assert!(html.contains(r#"<label for="deal-variant">Varian</label>"#));
    let options: Vec<&str> = html.matches("<option").collect();
    assert_eq!(options.len(), 3 + 2, "three products, two variants");
    // The variant with no stock left: marked, and not to be chosen.
    assert!(html.contains("S · Rp189.000 · Stok habis"));
    let sold_out = html.find(r#"value="var-s""#).unwrap();
    assert!(html[sold_out..html[sold_out..].find('>').unwrap() + sold_out].contains("disabled"));
    let picked = html.find(r#"value="var-m""#).unwrap();
    assert!(
        html[picked..].starts_with(r#"value="var-m" selected"#),
        "the first in stock"
    );
}

#[tokio::test]
async fn ending_a_deal_asks_first_with_keep_where_end_was() {
    for (locale, question, yes, keep) in [
        (
            Locale::IdId,
            "Akhiri flash deal Kemeja Parang sekarang?",
            "Ya, akhiri",
            "Jangan",
        ),
        (
            Locale::EnUs,
            "End the Kemeja Parang flash deal now?",
            "Yes, end",
            "Keep it",
        ),
    ] {
        let html = with_deals(locale, || {
            let deals = Rc::new(CreatorDeals::default())
                .reduce(DealsAction::Listed {
                    result: Ok(Rc::new(FlashDealList {
                        deals: vec![FlashDeal {
                            product_id: "a".into(),
                            ..flash_deal("fd-open", FlashDealState::Open, 17)
                        }],
                    })),
                    at_ms: 0,
                })
                .reduce(DealsAction::AskEnd("fd-open".into()));
            (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
        })
        .await;
        assert!(tags_with(&html, "end-deal").is_empty());
        let group = &tags_with(&html, "end-deal-confirm")[0];
        assert!(
            group.contains(&format!(r#"aria-label="{question}""#)),
            "{group}"
        );
        assert_eq!(text_of(&html, "confirm-end-deal").trim(), yes);
        assert_eq!(text_of(&html, "keep-deal").trim(), keep);
        // "Keep" comes last, where "End" was under the thumb.
        assert!(
            html.find(r#"data-testid="keep-deal""#)
                > html.find(r#"data-testid="confirm-end-deal""#)
        );
    }
}

#[tokio::test]
async fn a_recorded_video_has_no_deal_form_and_says_why() {
    let html = with_deals(Locale::IdId, || {
        let deals = Rc::new(CreatorDeals::default()).reduce(DealsAction::Started {
            result: Err(ApiError::Api {
                status: 422,
                error: ErrorDetail {
                    code: ErrorCode::InvalidField,
                    message: "deals run in live streams".into(),
                    field: Some("stream_id".into()),
                },
                retry_after: None,
            }),
            at_ms: 0,
        });
        (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
    })
    .await;
    // Nothing was being started, so that answer is dropped: the form stays.
    assert_eq!(tags_with(&html, "deal-form").len(), 1);
    let html = with_deals(Locale::EnUs, || {
        let deals = Rc::new(CreatorDeals::default())
            .reduce(DealsAction::Start {
                terms: StartFlashDeal {
                    product_id: "p2".into(),
                    variant_id: None,
                    price: Rupiah(99_000),
                    units: 20,
                    per_buyer_limit: 1,
                    starts_in_seconds: 30,
                    minutes: 5,
                },
                fresh: "k1".into(),
                at_ms: 0,
            })
            .reduce(DealsAction::Started {
                result: Err(ApiError::Api {
                    status: 422,
                    error: ErrorDetail {
                        code: ErrorCode::InvalidField,
                        message: "deals run in live streams".into(),
                        field: Some("stream_id".into()),
                    },
                    retry_after: None,
                }),
                at_ms: 0,
            });
        (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
    })
    .await;
    assert!(tags_with(&html, "deal-form").is_empty());
    assert_eq!(
        text_of(&html, "deals-live-only"),
        "Flash deals run only in live streams. A recorded video cannot have one."
    );
}

fn managed(
    code: &str,
    quota: u32,
    quota_left: u32,
    used: u32,
    seconds_left: u32,
) -> CreatorVoucher {
    CreatorVoucher {
        voucher: LiveVoucher {
            code: code.into(),
            kind: LiveVoucherKind::Percent,
            value: 10,
            max_discount: Some(Rupiah(25_000)),
            min_spend: Rupiah(0),
            quota_left,
            claimable_until: "2026-06-14T12:05:00.000Z".into(),
            seconds_left,
        },
        quota,
        used,
        claimable: seconds_left > 0 && quota_left > 0,
    }
}

#[tokio::test]
async fn the_voucher_tab_lists_the_vouchers_with_claims_time_left_and_end() {
    for (locale, claims, used, left, closed, question) in [
        (
            Locale::IdId,
            "Diklaim 3/100",
            "1 di pesanan",
            "Tutup dalam 4:00",
            "Ditutup",
            "Akhiri voucher LIVEA sekarang?",
        ),
        (
            Locale::EnUs,
            "Claimed 3/100",
            "1 in orders",
            "Closes in 4:00",
            "Closed",
            "End voucher LIVEA now?",
        ),
    ] {
        let html = with_all(locale, move || {
            // Heard far in the future of the page's clock: nothing has elapsed yet.
            let at_ms = i64::MAX / 2;
            let vouchers = Rc::new(CreatorVouchers::default())
                .reduce(VouchersAction::Listed {
                    result: Ok(Rc::new(CreatorVoucherList {
                        vouchers: vec![
                            managed("LIVEA", 100, 97, 1, 240),
                            managed("LIVEB", 20, 20, 0, 0),
                        ],
                    })),
                    at_ms,
                })
                .reduce(VouchersAction::AskEnd("LIVEA".into()));
            (
                loaded().reduce(CreatorAction::Show(Tab::Voucher)),
                Rc::new(CreatorDeals::default()),
                vouchers,
            )
        })
        .await;
        let rows = tags_with(&html, "voucher-row");
        assert_eq!(rows.len(), 2);
        assert!(
            rows[0].contains(r#"data-claimable="true""#)
                && rows[1].contains(r#"data-claimable="false""#)
        );
        let claims: Vec<&str> = html.matches(claims).collect();
        assert_eq!(claims.len(), 1, "{html}");
        assert!(html.contains(used) && html.contains(left) && html.contains(closed));
        // What "in orders" counts, paid or not, is said beside the list.
        assert!(
            html.contains("dibayar atau belum") || html.contains("paid or not"),
            "{html}"
        );
        assert!(html.contains("Diskon 10% · maks. Rp25.000") || html.contains("10% off"));
        // The claimable one asks before ending; the closed one has nothing to end.
        assert!(tags_with(&html, "end-deal-confirm")[0]
            .contains(&format!(r#"aria-label="{question}""#)));
        assert!(tags_with(&html, "end-voucher").is_empty());
    }
}

#[tokio::test]
async fn a_move_says_the_new_place_and_a_removal_offers_undo() {
    for (locale, said, removed, undo) in [
        (
            Locale::IdId,
            "Kemeja Parang, posisi 3 dari 3",
            "Kemeja Parang dihapus dari etalase.",
            "Urungkan",
        ),
        (
            Locale::EnUs,
            "Kemeja Parang, position 3 of 3",
            "Kemeja Parang removed from the showcase.",
            "Undo",
        ),
    ] {
        let html = panel(locale, || {
            // Down past the pinned product, which stays first: last.
            loaded().reduce(CreatorAction::Move { from: 0, to: 2 })
        })
        .await;
        let region = &tags_with(&html, "move-said")[0];
        assert!(region.contains(r#"aria-live="polite""#));
        assert_eq!(text_of(&html, "move-said"), said);
        assert!(
            tags_with(&html, "move-up")[0].contains(r#"aria-keyshortcuts="Alt+ArrowUp Alt+Home""#)
        );
        assert!(tags_with(&html, "move-down")[0]
            .contains(r#"aria-keyshortcuts="Alt+ArrowDown Alt+End""#));
        assert!(tags_with(&html, "creator-undo-toast").is_empty());

        let html = panel(locale, || {
            loaded().reduce(CreatorAction::Detach("a".into()))
        })
        .await;
        assert!(html.contains(removed), "{html}");
        assert_eq!(text_of(&html, "creator-undo").trim(), undo);
        assert_eq!(tags_with(&html, "showcase-item").len(), 2);
    }
}

#[tokio::test]
async fn a_pin_and_an_undone_removal_are_said() {
    for (locale, pinned, restored) in [
        (
            Locale::IdId,
            "Disematkan: Kemeja Parang",
            "Kain Sogan, posisi 3 dari 3",
        ),
        (
            Locale::EnUs,
            "Pinned: Kemeja Parang",
            "Kain Sogan, position 3 of 3",
        ),
    ] {
        let html = panel(locale, || {
            loaded().reduce(CreatorAction::Pin(Some("a".into())))
        })
        .await;
        assert_eq!(text_of(&html, "move-said"), pinned);
        let html = panel(locale, || {
            loaded()
                .reduce(CreatorAction::Detach("c".into()))
                .reduce(CreatorAction::Undo)
        })
        .await;
        assert_eq!(text_of(&html, "move-said"), restored);
    }
}

#[tokio::test]
async fn a_product_whose_stock_left_is_in_a_running_deal_is_not_sold_out() {
    // Kain Sogan (c) has no stock outside its deal, announced or open.
    for state in [FlashDealState::Upcoming, FlashDealState::Open] {
        let html = with_deals(Locale::IdId, move || {
            let deals = Rc::new(CreatorDeals::default()).reduce(DealsAction::Listed {
                result: Ok(Rc::new(FlashDealList {
                    deals: vec![FlashDeal {
                        product_id: "c".into(),
                        ..flash_deal("fd-c", state, 5)
                    }],
                })),
                at_ms: 0,
            });
            let showcase = loaded().reduce(CreatorAction::Restock {
                product_id: "c".into(),
                stock: 0,
            });
            (showcase, deals)
        })
        .await;
        let items = tags_with(&html, "showcase-item");
        assert!(items[2].contains(r#"data-product-id="c""#));
        assert!(!items[2].contains("is-sold-out"), "{}", items[2]);
        assert!(!html.contains("Habis"), "{html}");
        let stock: Vec<&str> = tags_with(&html, "creator-stock")
            .into_iter()
            .map(|tag| {
                let text = &html[html.find(tag).unwrap() + tag.len()..];
                &text[..text.find('<').unwrap()]
            })
            .collect();
        assert_eq!(stock[2], "Stok tersisa ada di flash deal");
        // "Pin next" after the pinned b pins it: viewers can buy it in the deal.
        assert_eq!(
            button_text(&html, "pin-next"),
            "Sematkan berikutnya:Kain Sogan"
        );
    }
    // Once its deal sold out, nothing is left: sold out.
    let html = with_deals(Locale::EnUs, || {
        let deals = Rc::new(CreatorDeals::default()).reduce(DealsAction::Listed {
            result: Ok(Rc::new(FlashDealList {
                deals: vec![FlashDeal {
                    product_id: "c".into(),
                    ..flash_deal("fd-c", FlashDealState::SoldOut, 0)
                }],
            })),
            at_ms: 0,
        });
        let showcase = loaded().reduce(CreatorAction::Restock {
            product_id: "c".into(),
            stock: 0,
        });
        (showcase, deals)
    })
    .await;
    assert!(tags_with(&html, "showcase-item")[2].contains("is-sold-out"));
    assert!(!html.contains("The stock left is in the flash deal"));
}

/// A drop of the form's terms refused for the value it names.
fn value_refused(state: Rc<CreatorState>) -> Rc<CreatorState> {
    state
        .reduce(CreatorAction::DropVoucher {
            terms: etalase_contract::DropVoucher {
                kind: LiveVoucherKind::Amount,
                value: 500,
                max_discount: None,
                min_spend: Rupiah(0),
                quota: 100,
                claimable_minutes: 5,
            },
            fresh: "k1".into(),
            at_ms: 0,
        })
        .reduce(CreatorAction::Dropped(Err(ApiError::Api {
            status: 422,
            error: ErrorDetail {
                code: ErrorCode::InvalidField,
                message: "value must be 1000 to 100000".into(),
                field: Some("value".into()),
            },
            retry_after: None,
        })))
}

#[tokio::test]
async fn the_voucher_form_writes_numbers_and_money_as_its_language_does() {
    for (locale, value, range) in [
        (Locale::IdId, "15.000", "Potongan Rp1.000 sampai Rp100.000."),
        (Locale::EnUs, "15,000", "IDR 1,000 to IDR 100,000 off."),
    ] {
        let html = panel(locale, || {
            value_refused(loaded().reduce(CreatorAction::Show(Tab::Voucher)))
        })
        .await;
        let input = tags_with(&html, "drop-field-error");
        assert_eq!(input.len(), 1, "{html}");
        assert_eq!(text_of(&html, "drop-field-error"), range);
        let field = html.find(r#"id="drop-value""#).unwrap();
        let tag = &html[html[..field].rfind('<').unwrap()..];
        let tag = &tag[..=tag.find('>').unwrap()];
        assert!(tag.contains(&format!(r#"value="{value}""#)), "{tag}");
        if locale == Locale::EnUs {
            assert!(!html.contains("Rp"), "no rupiah sign in English: {html}");
        }
    }
}

#[tokio::test]
async fn after_a_deal_starts_the_form_asks_for_the_next_product() {
    for (locale, placeholder) in [
        (Locale::IdId, "Pilih produk"),
        (Locale::EnUs, "Choose a product"),
    ] {
        let html = with_deals(locale, || {
            let deals = Rc::new(CreatorDeals::default())
                .reduce(DealsAction::Listed {
                    result: Ok(Rc::new(FlashDealList { deals: vec![] })),
                    at_ms: 0,
                })
                .reduce(DealsAction::Choose("a".into()))
                .reduce(DealsAction::Start {
                    terms: StartFlashDeal {
                        product_id: "a".into(),
                        variant_id: None,
                        price: Rupiah(99_000),
                        units: 5,
                        per_buyer_limit: 1,
                        starts_in_seconds: 30,
                        minutes: 5,
                    },
                    fresh: "k1".into(),
                    at_ms: 0,
                })
                .reduce(DealsAction::Started {
                    result: Ok(FlashDeal {
                        product_id: "a".into(),
                        ..flash_deal("fd-a", FlashDealState::Upcoming, 5)
                    }),
                    at_ms: 0,
                });
            (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
        })
        .await;
        let select = html.split(r#"id="deal-product""#).nth(1).unwrap();
        let select = select.split("</select>").next().unwrap();
        let options: Vec<&str> = select.split("<option").skip(1).collect();
        assert_eq!(options.len(), 1 + 3, "the placeholder, then the showcase");
        assert!(
            options[0].contains(r#"value="""#)
                && options[0].contains("selected")
                && options[0].contains(&format!(">{placeholder}</option>")),
            "{}",
            options[0]
        );
        assert!(options[1..]
            .iter()
            .all(|option| !option.contains("selected")));
        // Start stays enabled: tapped without a product, it names the field.
        assert!(!tags_with(&html, "start-deal")[0].contains("disabled"));
    }
}

#[tokio::test]
async fn each_tabs_actions_lie_under_its_scrolling_content() {
    let html = panel(Locale::IdId, || {
        loaded().reduce(CreatorAction::Detach("a".into()))
    })
    .await;
    let at = |hook: &str| html.find(&format!(r#"data-testid="{hook}""#)).unwrap();
    let scroll = html.find(r#"class="creator-scroll""#).unwrap();
    // The showcase's foot is drawn under the list (`order`) but comes
    // first in the document: a keyboard meets pin next before every row.
    assert!(at("creator-foot") < scroll);
    assert!(scroll < at("creator-showcase"));
    assert!(at("creator-foot") < at("creator-undo-toast"));
    assert!(at("creator-undo-toast") < at("pin-next"));
    assert!(at("pin-next") < at("creator-showcase"));
    let html = panel(Locale::IdId, || {
        loaded().reduce(CreatorAction::Show(Tab::Voucher))
    })
    .await;
    let foot = html.find(r#"class="creator-foot""#).unwrap();
    assert!(html.find(r#"id="drop-minutes""#).unwrap() < foot);
    assert!(foot < at_in(&html, "drop-voucher"));
}

fn at_in(html: &str, hook: &str) -> usize {
    html.find(&format!(r#"data-testid="{hook}""#)).unwrap()
}

#[tokio::test]
async fn a_deals_per_buyer_limit_is_said_as_what_one_shopper_may_hold() {
    for (locale, said) in [
        (
            Locale::IdId,
            "1–5 unit per pembeli (paling banyak yang boleh ditahan satu pembeli), dan tidak lebih dari jumlah unit.",
        ),
        (
            Locale::EnUs,
            "1–5 units per buyer (the most one shopper may hold unpaid), and no more than the units.",
        ),
    ] {
        let html = with_deals(locale, || {
            let deals = Rc::new(CreatorDeals::default())
                .reduce(DealsAction::Listed {
                    result: Ok(Rc::new(FlashDealList { deals: Vec::new() })),
                    at_ms: 0,
                })
                .reduce(DealsAction::Start {
                    terms: StartFlashDeal {
                        product_id: "a".into(),
                        variant_id: None,
                        price: Rupiah(99_000),
                        units: 20,
                        per_buyer_limit: 6,
                        starts_in_seconds: 30,
                        minutes: 5,
                    },
                    fresh: "k1".into(),
                    at_ms: 0,
                })
                .reduce(DealsAction::Started {
                    result: Err(ApiError::Api {
                        status: 422,
                        error: ErrorDetail {
                            code: ErrorCode::InvalidField,
                            message: "per_buyer_limit must be 1 to 5".into(),
                            field: Some("per_buyer_limit".into()),
                        },
                        retry_after: None,
                    }),
                    at_ms: 0,
                });
            (loaded().reduce(CreatorAction::Show(Tab::Deal)), deals)
        })
        .await;
        assert!(html.contains(r#"aria-describedby="deal-limit-error""#));
        assert_eq!(text_of(&html, "deal-field-error"), said);
    }
}
