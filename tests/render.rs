//! Server-side renders of the widget's components, given data through props.
//!
//! Components never fetch, so Yew's server renderer can draw them from
//! fixtures; these tests check the markup shoppers and the Playwright suite
//! rely on: formatted prices, badges, chips, stock words, test hooks, and
//! that text from the API is always escaped. Native only: `cargo test --test render`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

use std::rc::Rc;

use etalase::api::ApiError;
use etalase::components::{
    CardStrip, CardStripProps, ProductCard, ProductCardProps, ProductSheet, ProductSheetProps,
    ShowcaseDock, ShowcaseDockProps,
};
use etalase::state::remote::Remote;
use etalase::state::shelf::Shelf;
use etalase_contract::{
    self as contract, ErrorBody, ErrorCode, Locale, ProductDetail, ProductOption, Rupiah,
    ShopSummary, Showcase, Variant,
};
use yew::{BaseComponent, Callback, ServerRenderer};

/// Renders `C` with the props `make` builds (on the renderer's thread).
async fn render<C>(make: impl FnOnce() -> C::Properties + Send + 'static) -> String
where
    C: BaseComponent,
{
    ServerRenderer::<C>::with_props(make)
        .hydratable(false)
        .render()
        .await
}

fn shop() -> ShopSummary {
    ShopSummary {
        id: "shop-1".into(),
        name: "Toko Batik Sekar".into(),
        city: "Solo".into(),
    }
}

fn card(id: &str, stock: u32, pinned: bool) -> contract::ProductCard {
    contract::ProductCard {
        id: id.into(),
        name: "Kemeja Batik Parang".into(),
        image_url: "https://api.example/media/products/p1/1.svg".into(),
        price: Rupiah(89_000),
        original_price: Some(Rupiah(129_000)),
        shop: shop(),
        sold_count: 1_250,
        stock,
        pinned,
    }
}

fn card_props(product: contract::ProductCard, locale: Locale) -> ProductCardProps {
    ProductCardProps {
        product: Rc::new(product),
        locale,
        on_open: Callback::noop(),
    }
}

fn variant(id: &str, values: [&str; 2], stock: u32) -> Variant {
    Variant {
        id: id.into(),
        option_values: values.iter().map(|value| value.to_string()).collect(),
        price: Rupiah(99_000),
        original_price: Some(Rupiah(120_000)),
        stock,
        weight_grams: 300,
    }
}

/// Colour × size; Biru-S is sold out, Merah-S has 4 left.
fn detail() -> ProductDetail {
    ProductDetail {
        id: "p1".into(),
        name: "Kaos Polos".into(),
        description: "Katun combed 30s.\n\nCuci terbalik.".into(),
        image_urls: vec!["https://api.example/media/products/p1/1.svg".into()],
        shop: shop(),
        sold_count: 12_500,
        options: vec![
            ProductOption {
                name: "Warna".into(),
                values: vec!["Merah".into(), "Biru".into()],
            },
            ProductOption {
                name: "Ukuran".into(),
                values: vec!["S".into(), "M".into()],
            },
        ],
        variants: vec![
            variant("rs", ["Merah", "S"], 4),
            variant("rm", ["Merah", "M"], 30),
            variant("bs", ["Biru", "S"], 0),
            variant("bm", ["Biru", "M"], 8),
        ],
    }
}

fn sheet_props(state: Remote<ProductDetail>, open: bool, locale: Locale) -> ProductSheetProps {
    ProductSheetProps {
        open,
        state,
        locale,
        on_close: Callback::noop(),
        on_retry: Callback::noop(),
    }
}

fn dock_props(state: Remote<Shelf>, locale: Locale) -> ShowcaseDockProps {
    ShowcaseDockProps {
        state,
        locale,
        on_open: Callback::noop(),
        on_retry: Callback::noop(),
    }
}

/// The opening tags of the elements whose `data-testid` is `id`.
fn tags_with<'a>(html: &'a str, id: &str) -> Vec<&'a str> {
    let needle = format!(r#"data-testid="{id}""#);
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = html[..at].rfind('<').unwrap();
            let end = at + html[at..].find('>').unwrap();
            &html[start..=end]
        })
        .collect()
}

#[tokio::test]
async fn a_card_shows_price_discount_shop_and_pinned_badge_in_indonesian() {
    let html = render::<ProductCard>(|| card_props(card("p1", 12, true), Locale::IdId)).await;
    assert!(html.contains(r#"data-testid="product-card""#), "{html}");
    assert!(html.contains(r#"data-product-id="p1""#), "{html}");
    assert!(
        html.contains(r#"<span class="price">Rp89.000</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"<s class="was">"#), "{html}");
    assert!(html.contains("Rp129.000</s>"), "{html}");
    assert!(html.contains("Harga sebelum diskon"), "{html}");
    assert!(html.contains("Toko Batik Sekar"), "{html}");
    assert!(
        html.contains(r#"src="https://api.example/media/products/p1/1.svg""#),
        "{html}"
    );
    let badges = tags_with(&html, "pinned-badge");
    assert_eq!(badges.len(), 1, "{html}");
    assert!(html.contains(">Disematkan</span>"), "{html}");
    assert!(!html.contains("Habis"), "{html}");
}

#[tokio::test]
async fn a_card_speaks_english_when_asked() {
    let html = render::<ProductCard>(|| card_props(card("p1", 12, true), Locale::EnUs)).await;
    assert!(html.contains(">IDR 89,000</span>"), "{html}");
    assert!(html.contains("IDR 129,000</s>"), "{html}");
    assert!(html.contains(">Pinned</span>"), "{html}");
}

#[tokio::test]
async fn a_sold_out_card_says_so_and_an_unpinned_card_has_no_badge() {
    let html = render::<ProductCard>(|| card_props(card("p2", 0, false), Locale::IdId)).await;
    assert!(html.contains(r#"class="card is-sold-out""#), "{html}");
    assert!(html.contains(">Habis</span>"), "{html}");
    assert!(tags_with(&html, "pinned-badge").is_empty(), "{html}");
}

#[tokio::test]
async fn a_card_without_discount_has_no_struck_price() {
    let html = render::<ProductCard>(|| {
        let mut plain = card("p3", 5, false);
        plain.original_price = None;
        card_props(plain, Locale::IdId)
    })
    .await;
    assert!(html.contains("Rp89.000"), "{html}");
    assert!(!html.contains("<s class"), "{html}");
}

#[tokio::test]
async fn the_strip_shows_the_pinned_card_first() {
    let html = render::<CardStrip>(|| CardStripProps {
        shelf: Rc::new(Shelf::from(Showcase {
            stream_id: "live-1".into(),
            pinned_product_id: Some("c".into()),
            products: vec![card("a", 3, false), card("b", 3, false), card("c", 3, true)],
        })),
        locale: Locale::IdId,
        on_open: Callback::noop(),
    })
    .await;
    let order: Vec<&str> = tags_with(&html, "product-card")
        .iter()
        .map(|tag| {
            let at = tag.find("data-product-id=\"").unwrap() + "data-product-id=\"".len();
            &tag[at..at + 1]
        })
        .collect();
    assert_eq!(order, ["c", "a", "b"], "{html}");
    assert!(
        html.contains(r#"aria-label="Produk di siaran ini""#),
        "{html}"
    );
}

#[tokio::test]
async fn the_dock_shows_a_skeleton_an_error_with_retry_or_the_empty_notice() {
    let loading = render::<ShowcaseDock>(|| dock_props(Remote::Loading, Locale::IdId)).await;
    assert_eq!(tags_with(&loading, "skeleton").len(), 1, "{loading}");
    assert!(tags_with(&loading, "product-card").is_empty(), "{loading}");

    let failed = render::<ShowcaseDock>(|| {
        let error = ApiError::Api {
            status: 404,
            error: ErrorBody::new(ErrorCode::NotFound, "no stream live-9").error,
        };
        dock_props(Remote::Failed(error), Locale::EnUs)
    })
    .await;
    assert_eq!(tags_with(&failed, "error").len(), 1, "{failed}");
    assert_eq!(tags_with(&failed, "retry").len(), 1, "{failed}");
    assert!(
        tags_with(&failed, "retry")[0].starts_with("<button"),
        "{failed}"
    );
    assert!(
        failed.contains("<p>This stream's showcase wasn't found.</p>"),
        "{failed}"
    );
    assert!(failed.contains(">Try again</button>"), "{failed}");
    assert!(
        !failed.contains("no stream live-9"),
        "developer text stays out: {failed}"
    );

    let empty = render::<ShowcaseDock>(|| {
        let shelf = Shelf::from(Showcase {
            stream_id: "live-1".into(),
            pinned_product_id: None,
            products: vec![],
        });
        dock_props(Remote::Ready(Rc::new(shelf)), Locale::IdId)
    })
    .await;
    assert!(
        empty.contains("Belum ada produk di etalase ini."),
        "{empty}"
    );
    assert!(tags_with(&empty, "skeleton").is_empty(), "{empty}");
}

#[tokio::test]
async fn the_sheet_shows_options_with_a_disabled_chip_for_a_sold_out_value() {
    let html = render::<ProductSheet>(|| {
        sheet_props(Remote::Ready(Rc::new(detail())), true, Locale::IdId)
    })
    .await;
    let sheet = tags_with(&html, "product-sheet");
    assert_eq!(sheet.len(), 1, "{html}");
    assert!(sheet[0].contains(r#"data-open="true""#), "{html}");
    assert!(!sheet[0].contains("inert"), "{html}");

    let chips = tags_with(&html, "variant-option");
    assert_eq!(chips.len(), 4, "{html}");
    let chip = |value: &str| {
        *chips
            .iter()
            .find(|tag| tag.contains(&format!(r#"data-value="{value}""#)))
            .unwrap()
    };
    // Merah-S is preselected; Biru-S is sold out, so Biru is disabled next to S.
    assert!(chip("Merah").contains(r#"aria-checked="true""#), "{html}");
    assert!(!chip("Merah").contains("disabled"), "{html}");
    assert!(chip("Biru").contains("disabled"), "{html}");
    assert!(chip("Biru").contains(r#"aria-checked="false""#), "{html}");
    assert!(chip("S").contains(r#"aria-checked="true""#), "{html}");
    assert!(
        !chip("M").contains("disabled"),
        "Merah-M is in stock: {html}"
    );
    assert!(
        html.contains(r#"role="radiogroup" aria-label="Warna""#),
        "{html}"
    );

    let stock = tags_with(&html, "stock");
    assert_eq!(stock.len(), 1, "{html}");
    assert!(html.contains(">Sisa 4</p>"), "{html}");
    assert!(
        html.contains(r#"<span class="price">Rp99.000</span>"#),
        "{html}"
    );
    assert!(html.contains("Rp120.000</s>"), "{html}");
    assert!(html.contains("12.500 terjual"), "{html}");
    assert!(html.contains("Dikirim dari Solo"), "{html}");
    assert!(
        html.contains("<p>Katun combed 30s.</p><p>Cuci terbalik.</p>"),
        "{html}"
    );
    let close = tags_with(&html, "sheet-close");
    assert_eq!(close.len(), 1, "{html}");
    assert!(close[0].contains(r#"aria-label="Tutup""#), "{html}");
}

#[tokio::test]
async fn the_sheet_words_stock_in_english() {
    let html = render::<ProductSheet>(|| {
        let mut plenty = detail();
        plenty.variants.retain(|variant| variant.id == "rm");
        sheet_props(Remote::Ready(Rc::new(plenty)), true, Locale::EnUs)
    })
    .await;
    assert!(html.contains(">30 in stock</p>"), "{html}");
    assert!(html.contains("Ships from Solo"), "{html}");
}

#[tokio::test]
async fn a_closed_sheet_is_inert_and_holds_no_placeholder() {
    let html = render::<ProductSheet>(|| sheet_props(Remote::Loading, false, Locale::IdId)).await;
    let sheet = tags_with(&html, "product-sheet");
    assert_eq!(sheet.len(), 1, "{html}");
    assert!(sheet[0].contains(r#"data-open="false""#), "{html}");
    assert!(sheet[0].contains("inert"), "{html}");
    assert!(tags_with(&html, "skeleton").is_empty(), "{html}");

    let open = render::<ProductSheet>(|| sheet_props(Remote::Loading, true, Locale::IdId)).await;
    assert_eq!(tags_with(&open, "skeleton").len(), 1, "{open}");
}

#[tokio::test]
async fn a_failed_product_shows_a_retry_in_the_sheet() {
    let html = render::<ProductSheet>(|| {
        let error = ApiError::Network("Failed to fetch".into());
        sheet_props(Remote::Failed(error), true, Locale::IdId)
    })
    .await;
    assert_eq!(tags_with(&html, "error").len(), 1, "{html}");
    assert_eq!(tags_with(&html, "retry").len(), 1, "{html}");
    assert!(html.contains("Tidak bisa terhubung."), "{html}");
}

#[tokio::test]
async fn text_from_the_api_is_escaped_never_injected() {
    const EVIL: &str = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    let card_html = render::<ProductCard>(|| {
        let mut evil = card("p1", 3, false);
        evil.name = EVIL.into();
        evil.shop.name = EVIL.into();
        card_props(evil, Locale::IdId)
    })
    .await;
    let sheet_html = render::<ProductSheet>(|| {
        let mut evil = detail();
        evil.name = EVIL.into();
        evil.description = EVIL.into();
        evil.shop.city = EVIL.into();
        evil.options[0].name = EVIL.into();
        sheet_props(Remote::Ready(Rc::new(evil)), true, Locale::IdId)
    })
    .await;
    for html in [card_html, sheet_html] {
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
