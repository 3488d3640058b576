//! Server-side renders of the widget's components and view functions, given
//! data through props and arguments.
//!
//! Nothing visible fetches, so Yew's server renderer can draw it from
//! fixtures; these tests check the markup shoppers and the Playwright suite
//! rely on: formatted prices, badges, chips, stock words, cart lines and
//! totals, accessible names, test hooks, and that text from the API is
//! always escaped. View functions render through `ssr::show`. Native only:
//! `cargo test --test render`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

mod ssr;

use ssr::{render, show, tags_with};

use std::rc::Rc;

use etalase::api::ApiError;
use etalase::components::cart_button;
use etalase::parts::monotonic;
use etalase::parts::shop::components::{
    cart_sheet, offline_banner, product_sheet, social_proof, upcoming_banner, CartPanel,
    ProductPanel, ToastBar, ToastBarProps, UpcomingBanner,
};
use etalase::parts::shop::state::cart::{CartAction, CartState, Line, Refusal, Toast, ToastKind};
use etalase::parts::shop::state::deals::Heard;
use etalase::state::remote::Remote;
use etalase::state::social::{Social, SocialAction};
use etalase_contract::{
    Cart, CartItem, CartShop, ErrorBody, ErrorCode, FlashDeal, FlashDealState, Locale,
    ProductDetail, ProductOption, Rupiah, ShopSummary, SocialEvent, Variant,
};
use yew::prelude::*;

fn shop() -> ShopSummary {
    ShopSummary {
        id: "shop-1".into(),
        name: "Toko Batik Sekar".into(),
        city: "Solo".into(),
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

/// Colour × size; Biru-S and every L are sold out, Merah-S has 4 left.
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
                values: vec!["S".into(), "M".into(), "L".into()],
            },
        ],
        variants: vec![
            variant("rs", ["Merah", "S"], 4),
            variant("rm", ["Merah", "M"], 30),
            variant("bs", ["Biru", "S"], 0),
            variant("bm", ["Biru", "M"], 8),
            variant("rl", ["Merah", "L"], 0),
            variant("bl", ["Biru", "L"], 0),
        ],
    }
}

fn sheet_props(state: Remote<ProductDetail>, open: bool, locale: Locale) -> ProductPanel {
    ProductPanel {
        open,
        state,
        locale,
        on_close: Callback::noop(),
        on_retry: Callback::noop(),
        on_add: Callback::noop(),
        on_buy: Callback::noop(),
        deal: None,
        on_buy_deal: Callback::noop(),
        toast: Html::default(),
        others: Html::default(),
    }
}

#[tokio::test]
async fn the_sheet_shows_options_with_a_disabled_chip_for_a_sold_out_value() {
    let html = show(|| {
        product_sheet(&sheet_props(
            Remote::Ready(Rc::new(detail())),
            true,
            Locale::IdId,
        ))
    })
    .await;
    let sheet = tags_with(&html, "product-sheet");
    assert_eq!(sheet.len(), 1, "{html}");
    assert!(sheet[0].contains(r#"data-open="true""#), "{html}");
    assert!(!sheet[0].contains("inert"), "{html}");
    // A region for the keyboard to scroll, named; the seller's words
    // (name, options, shop, description) marked Indonesian.
    assert!(
        html.contains(r#"role="region" aria-label="Detail produk" class="sheet-scroll""#),
        "{html}"
    );
    assert!(html.contains(r#"<h2 lang="id" class="title">"#), "{html}");
    assert!(
        html.contains(r#"<div lang="id" class="desc-text"><p>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span lang="id" class="shop-name">"#),
        "{html}"
    );
    assert_eq!(
        html.matches(r#"lang="id" class="group""#).count(),
        2,
        "{html}"
    );

    let chips = tags_with(&html, "variant-option");
    assert_eq!(chips.len(), 5, "{html}");
    let chip = |value: &str| {
        *chips
            .iter()
            .find(|tag| tag.contains(&format!(r#"data-value="{value}""#)))
            .unwrap()
    };
    // Merah-S is preselected; no L is in stock anywhere, so L alone is
    // disabled (Biru, sold out in S, is in stock in M: choosing it clears S).
    assert!(chip("Merah").contains(r#"aria-checked="true""#), "{html}");
    assert!(!chip("Merah").contains("disabled"), "{html}");
    assert!(!chip("Biru").contains("disabled"), "{html}");
    assert!(chip("Biru").contains(r#"aria-checked="false""#), "{html}");
    assert!(chip("S").contains(r#"aria-checked="true""#), "{html}");
    assert!(
        !chip("M").contains("disabled"),
        "Merah-M is in stock: {html}"
    );
    assert!(chip("L").contains("disabled"), "{html}");
    assert!(
        html.contains(r#"role="radiogroup" aria-label="Warna""#),
        "{html}"
    );

    let stock = tags_with(&html, "stock");
    assert_eq!(stock.len(), 1, "{html}");
    assert!(html.contains(">Sisa 4</p>"), "{html}");
    assert!(
        html.contains(r#"<span class="price"><span class="amount">Rp99.000</span></span>"#),
        "{html}"
    );
    assert!(html.contains("Rp120.000</span></s>"), "{html}");
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
    let html = show(|| {
        let mut plenty = detail();
        plenty.variants.retain(|variant| variant.id == "rm");
        product_sheet(&sheet_props(
            Remote::Ready(Rc::new(plenty)),
            true,
            Locale::EnUs,
        ))
    })
    .await;
    assert!(html.contains(">30 in stock</p>"), "{html}");
    assert!(html.contains("Ships from Solo"), "{html}");
    // The count moves with every sale of a live stream: not read out.
    assert!(
        !tags_with(&html, "stock")[0].contains("aria-live"),
        "{html}"
    );
    let said = tags_with(&html, "stock-said");
    assert!(said[0].contains(r#"aria-live="polite""#), "{html}");
    assert!(
        html.contains(r#"data-testid="stock-said" class="sr"></span>"#),
        "{html}"
    );
}

#[tokio::test]
async fn a_closed_sheet_is_inert_and_holds_no_placeholder() {
    let html = show(|| product_sheet(&sheet_props(Remote::Loading, false, Locale::IdId))).await;
    let sheet = tags_with(&html, "product-sheet");
    assert_eq!(sheet.len(), 1, "{html}");
    assert!(sheet[0].contains(r#"data-open="false""#), "{html}");
    assert!(sheet[0].contains("inert"), "{html}");
    assert!(tags_with(&html, "skeleton").is_empty(), "{html}");

    let open = show(|| product_sheet(&sheet_props(Remote::Loading, true, Locale::IdId))).await;
    assert_eq!(tags_with(&open, "skeleton").len(), 1, "{open}");
}

#[tokio::test]
async fn a_failed_product_shows_a_retry_in_the_sheet() {
    let html = show(|| {
        let error = ApiError::Network("Failed to fetch".into());
        product_sheet(&sheet_props(Remote::Failed(error), true, Locale::IdId))
    })
    .await;
    assert_eq!(tags_with(&html, "error").len(), 1, "{html}");
    assert_eq!(tags_with(&html, "retry").len(), 1, "{html}");
    assert!(html.contains("Tidak bisa terhubung."), "{html}");
}

#[tokio::test]
async fn text_from_the_api_is_escaped_never_injected() {
    const EVIL: &str = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    let html = show(|| {
        let mut evil = detail();
        evil.name = EVIL.into();
        evil.description = EVIL.into();
        evil.shop.city = EVIL.into();
        evil.options[0].name = EVIL.into();
        product_sheet(&sheet_props(
            Remote::Ready(Rc::new(evil)),
            true,
            Locale::IdId,
        ))
    })
    .await;
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

// ---- the card's sales, the dock's bar ---------------------------------------------

#[tokio::test]
async fn the_cart_button_names_its_units_and_hides_an_empty_badge() {
    let one = show(|| {
        cart_button(
            Some(1),
            Locale::EnUs,
            &Callback::noop(),
            &NodeRef::default(),
        )
    })
    .await;
    assert!(one.contains(r#"aria-label="Cart, 1 item""#), "{one}");
    let empty = show(|| {
        cart_button(
            Some(0),
            Locale::EnUs,
            &Callback::noop(),
            &NodeRef::default(),
        )
    })
    .await;
    assert!(empty.contains(r#"aria-label="Cart, 0 items""#), "{empty}");
    assert!(tags_with(&empty, "cart-badge").is_empty(), "{empty}");
    let many = show(|| {
        cart_button(
            Some(140),
            Locale::IdId,
            &Callback::noop(),
            &NodeRef::default(),
        )
    })
    .await;
    assert!(many.contains(">99+</span>"), "{many}");
    let unknown =
        show(|| cart_button(None, Locale::IdId, &Callback::noop(), &NodeRef::default())).await;
    assert!(unknown.contains(r#"aria-label="Keranjang""#), "{unknown}");
}

// ---- the product sheet's quantity and buttons -----------------------------------------

#[tokio::test]
async fn the_sheet_offers_a_quantity_up_to_the_stock_and_both_buttons() {
    let html = show(|| {
        product_sheet(&sheet_props(
            Remote::Ready(Rc::new(detail())),
            true,
            Locale::IdId,
        ))
    })
    .await;
    // Merah-S is chosen, with 4 in stock: − is disabled at 1, + is not.
    assert!(
        html.contains(r#"role="group" aria-label="Jumlah""#),
        "{html}"
    );
    assert!(
        tags_with(&html, "qty-decrease")[0].contains("disabled"),
        "{html}"
    );
    assert!(tags_with(&html, "qty-decrease")[0].contains(r#"aria-label="Kurangi""#));
    assert!(
        !tags_with(&html, "qty-increase")[0].contains("disabled"),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="qty">1</span>"#), "{html}");
    assert!(
        html.contains(r#"<span class="sr">Jumlah </span>"#),
        "the number said with its name: {html}"
    );
    let add = tags_with(&html, "add-to-cart");
    let buy = tags_with(&html, "buy-now");
    assert!(
        !add[0].contains("disabled") && !buy[0].contains("disabled"),
        "{html}"
    );
    assert!(html.contains(">+ Keranjang</button>"), "{html}");
    assert!(html.contains(">Beli sekarang</button>"), "{html}");
}

#[tokio::test]
async fn without_a_variant_in_stock_nothing_can_be_added() {
    let html = show(|| {
        let mut gone = detail();
        for variant in &mut gone.variants {
            variant.stock = 0;
        }
        product_sheet(&sheet_props(
            Remote::Ready(Rc::new(gone)),
            true,
            Locale::EnUs,
        ))
    })
    .await;
    assert!(
        tags_with(&html, "add-to-cart")[0].contains("disabled"),
        "{html}"
    );
    assert!(
        tags_with(&html, "buy-now")[0].contains("disabled"),
        "{html}"
    );
    assert!(
        tags_with(&html, "qty").is_empty(),
        "no stepper for nothing: {html}"
    );
    assert!(html.contains(">Sold out</p>"), "{html}");
    assert!(
        html.contains(r#"data-testid="stock-said" class="sr">Sold out</span>"#),
        "said: {html}"
    );
    assert!(html.contains(">Add to cart</button>"), "{html}");
}

/// A deal on Biru-S (variant `bs`, no stock outside the deal), heard now.
fn deal_on_biru_s(state: FlashDealState, starts_in: u32) -> Heard {
    Heard {
        deal: FlashDeal {
            id: "fd-1".into(),
            stream_id: "live-1".into(),
            product_id: "p1".into(),
            variant_id: "bs".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(99_000),
            units: 10,
            units_left: 3,
            units_sold: 0,
            per_buyer_limit: 1,
            state,
            starts_at: "2026-06-14T12:00:00.000Z".into(),
            ends_at: "2026-06-14T12:05:00.000Z".into(),
            starts_in_seconds: starts_in,
            seconds_left: 300,
        },
        at_ms: monotonic::now_ms(),
    }
}

#[tokio::test]
async fn a_variant_whose_stock_is_all_in_a_deal_points_to_the_deal_not_sold_out() {
    let html = show(|| {
        let mut props = sheet_props(Remote::Ready(Rc::new(detail())), true, Locale::IdId);
        props.deal = Some(deal_on_biru_s(FlashDealState::Open, 0));
        product_sheet(&props)
    })
    .await;
    // The deal's box names the variant, the deal price over the normal
    // one, the time and units left, and opens its checkout.
    assert_eq!(
        html.matches(r#"data-testid="sheet-deal""#).count(),
        1,
        "{html}"
    );
    assert!(
        html.contains(r#"<span lang="id" class="deal-variant">Warna Biru, Ukuran S</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="price"><span class="amount">Rp49.000</span></span>"#),
        "{html}"
    );
    assert!(html.contains("Rp99.000</span></s>"), "{html}");
    assert!(html.contains(">Berakhir dalam 5:00</span>"), "{html}");
    assert!(html.contains(">Sisa 3/10</p>"), "{html}");
    let buy = tags_with(&html, "sheet-deal-buy");
    assert!(!buy[0].contains("aria-disabled"), "{html}");
    assert!(html.contains(">Beli harga deal</button>"), "{html}");
    // Merah-S is chosen first and has stock of its own: it says so.
    assert!(html.contains(">Sisa 4</p>"), "{html}");
}

#[tokio::test]
async fn a_sold_out_product_with_a_deal_coming_says_where_its_stock_is() {
    let html = show(|| {
        let mut gone = detail();
        for variant in &mut gone.variants {
            variant.stock = 0;
        }
        let mut props = sheet_props(Remote::Ready(Rc::new(gone)), true, Locale::EnUs);
        props.deal = Some(deal_on_biru_s(FlashDealState::Upcoming, 27));
        product_sheet(&props)
    })
    .await;
    assert!(
        html.contains(">The stock left is in the flash deal</p>"),
        "{html}"
    );
    assert!(
        html.contains(
            r#"data-testid="stock-said" class="sr">The stock left is in the flash deal</span>"#
        ),
        "{html}"
    );
    assert!(!html.contains(">Sold out<"), "{html}");
    assert!(html.contains(">Starts in 0:27</span>"), "{html}");
    // Announced, not open: the button is there, and says it is not yet.
    assert!(
        tags_with(&html, "sheet-deal-buy")[0].contains(r#"aria-disabled="true""#),
        "{html}"
    );
    assert!(html.contains(">Buy at the deal price</button>"), "{html}");
}

// ---- the cart -----------------------------------------------------------------------

fn cart_item(variant_id: &str, name: &str, quantity: u32, stock: u32) -> CartItem {
    CartItem {
        variant_id: variant_id.into(),
        product_id: ["p-", variant_id].concat(),
        product_name: name.into(),
        option_values: vec!["Merah".into(), "L".into()],
        image_url: "https://api.example/media/1.svg".into(),
        price: Rupiah(50_000),
        original_price: Some(Rupiah(60_000)),
        quantity,
        stock,
        weight_grams: 300,
        line_total: Rupiah(50_000).times(quantity),
    }
}

fn cart_shop(id: &str, name: &str, items: Vec<CartItem>) -> CartShop {
    let subtotal = items
        .iter()
        .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
    CartShop {
        shop: ShopSummary {
            id: id.into(),
            name: name.into(),
            city: "Bandung".into(),
        },
        items,
        subtotal,
    }
}

/// Two shops: Batik with a line of 2 and a sold-out line, Kopi with a line
/// of 3 where only 1 is left.
fn two_shops() -> Cart {
    let shops = vec![
        cart_shop(
            "s-batik",
            "Toko Batik",
            vec![
                cart_item("v1", "Kemeja Parang", 2, 10),
                cart_item("v2", "Kain Sogan", 1, 0),
            ],
        ),
        cart_shop(
            "s-kopi",
            "Kopi Gayo",
            vec![cart_item("v3", "Kopi Arabika", 3, 1)],
        ),
    ];
    let subtotal = shops
        .iter()
        .fold(Rupiah::ZERO, |sum, shop| sum + shop.subtotal);
    Cart {
        shops,
        item_count: 6,
        subtotal,
    }
}

/// A cart whose load answered `cart`.
fn loaded(cart: Cart) -> CartState {
    let state = Rc::new(CartState::new(None));
    let id = state.next_request().unwrap().id;
    let state = state.reduce(CartAction::Answered {
        id,
        result: Ok(Rc::new(cart)),
    });
    (*state).clone()
}

fn cart_html(state: CartState, locale: Locale) -> Html {
    cart_sheet(&CartPanel {
        open: true,
        cart: &state,
        locale,
        on_close: Callback::noop(),
        on_action: Callback::noop(),
        on_checkout: Callback::noop(),
        on_orders: Callback::noop(),
        fallback: NodeRef::default(),
        toast: Html::default(),
        signed_out: false,
        on_sign_in: Callback::noop(),
    })
}

#[tokio::test]
async fn the_cart_groups_lines_by_shop_and_totals_the_ticked_ones() {
    let html = show(|| cart_html(loaded(two_shops()), Locale::IdId)).await;
    let sheet = tags_with(&html, "cart-sheet");
    assert_eq!(sheet.len(), 1, "{html}");
    assert!(
        sheet[0].contains(r#"role="dialog""#) && sheet[0].contains(r#"aria-label="Keranjang""#)
    );
    assert!(html.contains(">Keranjang (6)</h2>"), "{html}");
    assert_eq!(tags_with(&html, "cart-shop").len(), 2, "{html}");
    // The seller's words, in the catalogue's language.
    assert!(
        html.contains(r#"<span lang="id" class="shop-name">Toko Batik</span>"#),
        "{html}"
    );
    // The body scrolls by keyboard, so it is a region named for the sheet.
    assert!(
        html.contains(
            r#"<div tabindex="0" role="region" aria-label="Keranjang" class="sheet-scroll">"#
        ),
        "{html}"
    );
    assert_eq!(tags_with(&html, "cart-line").len(), 3, "{html}");

    let shops = tags_with(&html, "shop-select");
    assert!(
        shops[0].contains(r#"aria-label="Pilih semua dari Toko Batik""#),
        "{html}"
    );
    assert!(
        shops[0].contains(r#"aria-checked="true""#),
        "its one available line is ticked"
    );
    assert!(
        shops[1].contains("disabled"),
        "Kopi has no line that can be bought: {html}"
    );

    let ticks = tags_with(&html, "line-select");
    assert!(
        ticks[0].contains(r#"aria-label="Pilih Kemeja Parang""#),
        "{html}"
    );
    assert!(ticks[0].contains(r#"aria-checked="true""#), "{html}");
    assert!(ticks[1].contains("disabled") && ticks[1].contains(r#"aria-checked="false""#));
    assert!(ticks[2].contains("disabled"), "{html}");
    let flags: Vec<&str> = tags_with(&html, "line-flag");
    assert_eq!(flags.len(), 2, "{html}");
    assert!(html.contains(">Habis</p>"), "{html}");
    assert!(html.contains(">Sisa 1, kurangi jumlahnya</p>"), "{html}");
    assert!(html.contains(r#"class="line is-unavailable""#), "{html}");
    assert!(
        html.contains(r#">Varian: <span lang="id">Merah, L</span></p>"#),
        "the catalogue's values in their language: {html}"
    );
    assert!(
        html.contains(r#"aria-label="Hapus Kemeja Parang""#),
        "{html}"
    );
    assert!(
        html.contains(r#"aria-label="Jumlah Kemeja Parang""#),
        "{html}"
    );

    // Only Kemeja Parang (2 × Rp50.000) can go to checkout.
    assert!(html.contains(">Subtotal, tanpa ongkir</span>"), "{html}");
    let sum = tags_with(&html, "cart-sum");
    assert!(
        sum[0].contains(r#"aria-live="polite""#) && sum[0].contains(r#"aria-atomic="true""#),
        "said again when it changes: {html}"
    );
    assert!(
        html.contains(r#"data-testid="cart-subtotal" class="total">Rp100.000</span>"#),
        "{html}"
    );
    assert!(html.contains(">Checkout (2)</button>"), "{html}");
}

#[tokio::test]
async fn a_line_above_its_stock_can_only_go_down() {
    let html = show(|| cart_html(loaded(two_shops()), Locale::IdId)).await;
    let increases = tags_with(&html, "qty-increase");
    let decreases = tags_with(&html, "qty-decrease");
    assert!(!increases[0].contains("disabled"), "2 of 10: {html}");
    assert!(!decreases[0].contains("disabled"), "{html}");
    assert!(increases[2].contains("disabled"), "3 with 1 left: {html}");
    assert!(!decreases[2].contains("disabled"), "{html}");
    assert!(decreases[1].contains("disabled"), "1 is the least: {html}");
}

#[tokio::test]
async fn the_cart_speaks_english_too() {
    let html = show(|| cart_html(loaded(two_shops()), Locale::EnUs)).await;
    assert!(html.contains(">Cart (6)</h2>"), "{html}");
    assert!(
        html.contains(r#"aria-label="Select everything from Toko Batik""#),
        "{html}"
    );
    assert!(html.contains(">Sold out</p>"), "{html}");
    assert!(
        html.contains(">Only 1 left, lower the quantity</p>"),
        "{html}"
    );
    assert!(html.contains(">Subtotal, excl. shipping</span>"), "{html}");
    assert!(html.contains(">IDR 100,000</span>"), "{html}");
    assert!(html.contains(">Check out (2)</button>"), "{html}");
    assert!(
        html.contains(r#"aria-label="Remove Kemeja Parang""#),
        "{html}"
    );
}

#[tokio::test]
async fn the_cart_shows_a_skeleton_an_empty_notice_or_an_error_with_retry() {
    let waiting = show(|| cart_html(CartState::new(None), Locale::IdId)).await;
    assert_eq!(tags_with(&waiting, "skeleton").len(), 1, "{waiting}");
    assert!(
        waiting.contains(r#"aria-label="Memuat keranjang""#),
        "{waiting}"
    );
    assert!(tags_with(&waiting, "cart-total").is_empty(), "{waiting}");

    let empty = show(|| cart_html(loaded(Cart::default()), Locale::IdId)).await;
    assert_eq!(tags_with(&empty, "cart-empty").len(), 1, "{empty}");
    assert!(empty.contains("Keranjangmu masih kosong"), "{empty}");
    assert!(tags_with(&empty, "cart-total").is_empty(), "{empty}");

    let failed = show(|| {
        let state = Rc::new(CartState::new(None));
        let id = state.next_request().unwrap().id;
        let error = ApiError::Api {
            status: 401,
            error: ErrorBody::new(ErrorCode::TokenExpired, "expired").error,
            retry_after: None,
        };
        let state = state.reduce(CartAction::Answered {
            id,
            result: Err(error),
        });
        cart_html((*state).clone(), Locale::EnUs)
    })
    .await;
    assert_eq!(tags_with(&failed, "retry").len(), 1, "{failed}");
    assert!(
        failed.contains("Your session ended. Try again in a moment."),
        "{failed}"
    );
}

#[tokio::test]
async fn an_added_line_shows_before_the_server_answers() {
    let html = show(|| {
        let state = Rc::new(loaded(Cart::default()));
        let product = detail();
        let line = Line::of(&product, &product.variants[1], 2);
        let state = state.reduce(CartAction::Add(line));
        cart_html((*state).clone(), Locale::IdId)
    })
    .await;
    assert_eq!(tags_with(&html, "cart-line").len(), 1, "{html}");
    assert!(html.contains(">Kaos Polos</p>"), "{html}");
    assert!(
        html.contains(r#"data-testid="cart-subtotal" class="total">Rp198.000</span>"#),
        "{html}"
    );
}

#[tokio::test]
async fn cart_text_from_the_api_is_escaped() {
    const EVIL: &str = r#"<img src=x onerror=alert(1)>"#;
    let html = show(|| {
        let mut cart = two_shops();
        cart.shops[0].shop.name = EVIL.into();
        cart.shops[0].items[0].product_name = EVIL.into();
        cart.shops[0].items[0].option_values = vec![EVIL.into()];
        cart_html(loaded(cart), Locale::IdId)
    })
    .await;
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;img src=x"), "{html}");
}

// ---- toasts and the offline banner --------------------------------------------------

fn toast_props(kind: ToastKind, locale: Locale) -> ToastBarProps {
    ToastBarProps {
        toast: Some(Toast { id: 7, kind }),
        locale,
        on_undo: Callback::noop(),
        on_dismiss: Callback::noop(),
        said: Rc::default(),
    }
}

#[tokio::test]
async fn a_removal_toast_offers_undo_and_refusals_say_why() {
    let removed = render::<ToastBar>(|| {
        let line = Line::of(&detail(), &detail().variants[0], 1);
        toast_props(ToastKind::Removed(Rc::new(line)), Locale::IdId)
    })
    .await;
    assert!(removed.contains(r#"role="status""#), "{removed}");
    assert!(removed.contains("Dihapus dari keranjang"), "{removed}");
    assert!(removed.contains(">Urungkan</button>"), "{removed}");

    let cases = [
        // The offline banner says "offline"; the toast does not again.
        (
            Refusal::Offline,
            "You're offline: the cart change was undone.",
        ),
        (Refusal::Stock, "Not enough stock for that quantity."),
        (Refusal::Gone, "This product is no longer available."),
        (
            Refusal::SignedOut,
            "Your session ended. Try again in a moment.",
        ),
        (Refusal::Failed, "Your cart couldn't be updated. Try again."),
    ];
    for (refusal, text) in cases {
        let html =
            render::<ToastBar>(move || toast_props(ToastKind::Refused(refusal), Locale::EnUs))
                .await;
        assert!(html.contains(text), "{html}");
        assert!(tags_with(&html, "undo").is_empty(), "{html}");
    }
    let added =
        render::<ToastBar>(|| toast_props(ToastKind::Added { units: 3 }, Locale::EnUs)).await;
    assert!(added.contains("Added to your cart"), "{added}");
}

#[tokio::test]
async fn the_offline_banner_lives_in_a_status_region() {
    let offline = show(|| offline_banner(true, Locale::IdId)).await;
    assert!(offline.contains(r#"role="status""#), "{offline}");
    assert!(offline.contains(">Kamu sedang offline</p>"), "{offline}");
    let online = show(|| offline_banner(false, Locale::EnUs)).await;
    assert!(
        online.contains(r#"role="status""#),
        "the region stays: {online}"
    );
    assert!(tags_with(&online, "offline").is_empty(), "{online}");
    assert!(
        tags_with(&online, "back-online").is_empty(),
        "never lost, nothing to say: {online}"
    );
}

#[tokio::test]
async fn the_ticker_says_a_masked_buyer_politely_and_the_count_is_compact() {
    let quiet = show(|| social_proof(&Social::default(), Locale::IdId)).await;
    assert!(
        quiet.contains(r#"<p aria-live="polite" data-testid="ticker" class="ticker"></p>"#),
        "the region stays, empty: {quiet}"
    );
    assert!(
        tags_with(&quiet, "viewers").is_empty(),
        "no count before the feed's: {quiet}"
    );

    let heard = Rc::new(Social::default())
        .reduce(SocialAction::Heard(SocialEvent::Viewers { count: 1_234 }))
        .reduce(SocialAction::Heard(SocialEvent::Purchase {
            buyer: Some("R***a".into()),
            product_id: "p1".into(),
            product_name: "Kemeja Parang".into(),
        }));
    let heard = (*heard).clone();
    let said = show(move || social_proof(&heard, Locale::IdId)).await;
    assert!(
        said.contains(r#"R***a baru saja membeli <span lang="id">Kemeja Parang</span>"#),
        "{said}"
    );
    assert!(said.contains(">1,2 rb menonton</p>"), "{said}");

    let unnamed = Rc::new(Social::default()).reduce(SocialAction::Heard(SocialEvent::Purchase {
        buyer: None,
        product_id: "p1".into(),
        product_name: "Kemeja Parang".into(),
    }));
    let unnamed = (*unnamed).clone();
    let said = show(move || social_proof(&unnamed, Locale::EnUs)).await;
    assert!(said.contains("Someone just bought <span"), "{said}");
}

#[tokio::test]
async fn a_stream_to_come_counts_down_in_a_timer_and_says_a_reminder_once_set() {
    fn banner(reminded: bool, locale: Locale) -> Html {
        upcoming_banner(&UpcomingBanner {
            seconds_left: 7_197,
            reminded,
            locale,
            on_remind: Callback::noop(),
        })
    }
    let fresh = show(|| banner(false, Locale::IdId)).await;
    assert!(
        fresh.contains(r#"aria-label="Siaran akan datang""#),
        "{fresh}"
    );
    assert!(fresh.contains(r#"role="timer""#), "{fresh}");
    assert!(fresh.contains(">1 jam 59 mnt</span>"), "{fresh}");
    assert!(fresh.contains(">Ingatkan saya</button>"), "{fresh}");
    assert!(!fresh.contains("aria-disabled"), "{fresh}");
    let set = show(|| banner(true, Locale::EnUs)).await;
    assert!(set.contains(r#"aria-disabled="true""#), "{set}");
    assert!(set.contains("✓ Reminder set"), "{set}");
    assert!(
        set.contains("We will remind you when the stream starts."),
        "said in its status region: {set}"
    );
}
