//! The first part's dock, drawn with the DOM in a real headless browser:
//! the cards' markup (prices, badges, stock words, accessible names), the
//! skeleton, the error with or without a retry, the empty notice, the fold,
//! taps reported with the product id, text from the API never parsed as
//! markup, and live changes patched in place (focus and order kept).
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test dock`.

#![cfg(target_arch = "wasm32")]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;

use etalase::api::ApiError;
use etalase::state::remote::Remote;
use etalase::state::shelf::Shelf;
use etalase::view::dock::Dock;
use etalase_contract::{ErrorBody, ErrorCode, Locale, ProductCard, Rupiah, ShopSummary, Showcase};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{AttrValue, Callback};

wasm_bindgen_test_configure!(run_in_browser);

fn card(id: &str, stock: u32, pinned: bool) -> ProductCard {
    ProductCard {
        id: id.into(),
        name: "Kemeja Batik Parang".into(),
        image_url: "https://api.example/media/products/p1/1.svg".into(),
        price: Rupiah(89_000),
        original_price: Some(Rupiah(129_000)),
        shop: ShopSummary {
            id: "shop-1".into(),
            name: "Toko Batik Sekar".into(),
            city: "Solo".into(),
        },
        sold_count: 1_250,
        stock,
        deal_units: 0,
        pinned,
    }
}

fn shelf(cards: Vec<ProductCard>, pinned: Option<&str>) -> Remote<Shelf> {
    Remote::Ready(Rc::new(Shelf::from(Showcase {
        stream_id: "live-1".into(),
        pinned_product_id: pinned.map(Into::into),
        products: cards,
    })))
}

/// A dock on the page in `locale`, showing `state`.
fn dock(locale: Locale, state: Remote<Shelf>) -> Rc<Dock> {
    let document = web_sys::window().unwrap().document().unwrap();
    let dock = Dock::new(
        &document,
        locale,
        Callback::noop(),
        Callback::noop(),
        Callback::noop(),
    );
    document.body().unwrap().append_child(dock.root()).unwrap();
    dock.show(state);
    dock
}

fn html(dock: &Dock) -> String {
    dock.root().inner_html()
}

fn all(dock: &Dock, selector: &str) -> Vec<Element> {
    let found = dock.root().query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| found.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn ids(dock: &Dock) -> Vec<String> {
    all(dock, "[data-product-id]")
        .iter()
        .map(|card| card.get_attribute("data-product-id").unwrap())
        .collect()
}

fn api_error(status: u16, code: ErrorCode) -> ApiError {
    ApiError::Api {
        status,
        error: ErrorBody::new(code, "developer text").error,
        retry_after: None,
    }
}

#[wasm_bindgen_test]
fn a_card_shows_price_discount_shop_sales_and_pinned_badge_in_indonesian() {
    let dock = dock(Locale::IdId, shelf(vec![card("p1", 12, true)], None));
    let html = html(&dock);
    assert!(html.contains(r#"data-testid="product-card""#), "{html}");
    assert!(html.contains(r#"data-product-id="p1""#), "{html}");
    assert!(
        html.contains(r#"<span class="price">Rp89.000</span>"#),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<s class="was"><span class="sr">Harga sebelum diskon </span>Rp129.000</s>"#
        ),
        "{html}"
    );
    assert!(html.contains(">Toko Batik Sekar</span>"), "{html}");
    assert!(html.contains(">1,2 rb terjual</span>"), "{html}");
    assert!(
        html.contains(r#"src="https://api.example/media/products/p1/1.svg""#),
        "{html}"
    );
    assert_eq!(all(&dock, "[data-testid=pinned-badge]").len(), 1, "{html}");
    assert!(html.contains(">Disematkan</span>"), "{html}");
    assert!(html.contains(r#"<li class="is-pinned">"#), "{html}");
    assert!(!html.contains("Habis"), "{html}");
}

#[wasm_bindgen_test]
fn a_card_whose_stock_is_all_in_a_flash_deal_says_so_not_sold_out() {
    let mut held = card("p2", 0, false);
    held.deal_units = 3;
    let dock = dock(Locale::EnUs, shelf(vec![held], None));
    let html = html(&dock);
    assert!(html.contains(r#"class="card""#), "{html}");
    assert!(!html.contains("is-sold-out"), "{html}");
    assert!(
        html.contains(r#"<span class="left is-deal" data-testid="card-stock">Flash deal</span>"#),
        "{html}"
    );
    assert!(!html.contains("Sold out"), "{html}");
}

#[wasm_bindgen_test]
fn a_card_speaks_english_when_asked() {
    let html = html(&dock(Locale::EnUs, shelf(vec![card("p1", 12, true)], None)));
    assert!(html.contains(">IDR 89,000</span>"), "{html}");
    assert!(html.contains("IDR 129,000</s>"), "{html}");
    assert!(html.contains(">Pinned</span>"), "{html}");
    assert!(html.contains(">1.2K sold</span>"), "{html}");
}

#[wasm_bindgen_test]
fn a_sold_out_card_says_so_a_scarce_one_says_how_few_and_only_the_pinned_has_a_badge() {
    let mut plain = card("p3", 3, false);
    plain.original_price = None;
    let dock = dock(Locale::IdId, shelf(vec![card("p2", 0, false), plain], None));
    let html = html(&dock);
    assert!(html.contains(r#"class="card is-sold-out""#), "{html}");
    assert!(html.contains(">Habis</span>"), "{html}");
    assert!(html.contains(">Sisa 3</span>"), "{html}");
    assert!(
        all(&dock, "[data-testid=pinned-badge]").is_empty(),
        "{html}"
    );
    assert_eq!(
        all(&dock, "s.was").len(),
        1,
        "only the discounted card: {html}"
    );
}

#[wasm_bindgen_test]
fn the_strip_shows_the_pinned_card_first_and_is_named() {
    let dock = dock(
        Locale::IdId,
        shelf(
            vec![card("a", 3, false), card("b", 3, false), card("c", 3, true)],
            Some("c"),
        ),
    );
    assert_eq!(ids(&dock), ["c", "a", "b"]);
    assert!(html(&dock).contains(r#"aria-label="Produk di siaran ini""#));
}

#[wasm_bindgen_test]
fn the_dock_shows_a_skeleton_an_error_with_or_without_retry_or_the_empty_notice() {
    let dock = dock(Locale::EnUs, Remote::Loading);
    assert_eq!(
        all(&dock, "[data-testid=skeleton]").len(),
        1,
        "{}",
        html(&dock)
    );
    assert!(all(&dock, "[data-testid=product-card]").is_empty());

    dock.show(Remote::Failed(api_error(404, ErrorCode::NotFound)));
    let html_now = html(&dock);
    assert_eq!(all(&dock, "[data-testid=error]").len(), 1, "{html_now}");
    assert!(
        html_now.contains("<p>This stream's showcase wasn't found.</p>"),
        "{html_now}"
    );
    assert!(
        all(&dock, "[data-testid=retry]").is_empty(),
        "a missing stream is not retried"
    );
    assert!(!html_now.contains("developer text"), "{html_now}");
    assert!(
        all(&dock, "[data-testid=skeleton]").is_empty(),
        "{html_now}"
    );

    dock.show(Remote::Failed(api_error(503, ErrorCode::Unavailable)));
    let retry = all(&dock, "[data-testid=retry]");
    assert_eq!(retry.len(), 1, "{}", html(&dock));
    assert_eq!(retry[0].tag_name(), "BUTTON");
    assert_eq!(retry[0].text_content().unwrap(), "Try again");
    assert_eq!(
        all(&dock, "[data-testid=error]").len(),
        1,
        "one notice at a time"
    );

    dock.show(shelf(vec![], None));
    let html_now = html(&dock);
    assert!(
        html_now.contains("No products in this showcase yet."),
        "{html_now}"
    );
    assert!(all(&dock, "[data-testid=error]").is_empty(), "{html_now}");
}

#[wasm_bindgen_test]
fn a_retry_asks_for_the_showcase_again() {
    let document = web_sys::window().unwrap().document().unwrap();
    let asked = Rc::new(RefCell::new(0));
    let on_retry = {
        let asked = Rc::clone(&asked);
        Callback::from(move |()| *asked.borrow_mut() += 1)
    };
    let dock = Dock::new(
        &document,
        Locale::IdId,
        on_retry,
        Callback::noop(),
        Callback::noop(),
    );
    dock.show(Remote::Failed(ApiError::Network("offline".into())));
    let retry: HtmlElement = all(&dock, "[data-testid=retry]")
        .remove(0)
        .dyn_into()
        .unwrap();
    retry.click();
    assert_eq!(*asked.borrow(), 1);
}

#[wasm_bindgen_test]
fn the_bar_folds_the_cards_to_the_pinned_one_and_names_the_toggle_by_its_text() {
    let dock = dock(
        Locale::IdId,
        shelf(vec![card("a", 3, false), card("b", 3, true)], Some("b")),
    );
    let toggle: HtmlElement = all(&dock, "[data-testid=strip-toggle]")
        .remove(0)
        .dyn_into()
        .unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(
        toggle.get_attribute("aria-label").is_none(),
        "named by its visible text"
    );
    assert!(html(&dock).contains(r#"<span class="pill-count">2</span>"#));
    assert_eq!(all(&dock, "[data-testid=cart-button]").len(), 1);
    toggle.click();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(ids(&dock), ["b"], "folded, the pinned card stays");
    toggle.click();
    assert_eq!(ids(&dock), ["b", "a"]);
}

#[wasm_bindgen_test]
fn the_toggle_names_the_cards_it_shows_and_hides() {
    let dock = dock(Locale::IdId, Remote::Loading);
    let toggle: HtmlElement = all(&dock, "[data-testid=strip-toggle]")
        .remove(0)
        .dyn_into()
        .unwrap();
    let controlled = || {
        let id = toggle
            .get_attribute("aria-controls")
            .expect("aria-controls");
        all(&dock, &["#", &id].concat())
    };
    let skeleton = controlled();
    assert_eq!(skeleton.len(), 1, "{}", html(&dock));
    assert_eq!(
        skeleton[0].get_attribute("data-testid").as_deref(),
        Some("skeleton")
    );
    dock.show(shelf(
        vec![card("a", 3, false), card("b", 3, true)],
        Some("b"),
    ));
    let strip = controlled();
    assert_eq!(strip.len(), 1, "{}", html(&dock));
    assert_eq!(
        strip[0]
            .query_selector_all("[data-product-id]")
            .unwrap()
            .length(),
        2,
        "the strip of cards"
    );
    toggle.click();
    assert_eq!(
        controlled().len(),
        1,
        "folded to the pinned card, still named"
    );
}

#[wasm_bindgen_test]
fn a_tap_on_a_card_reports_its_product_id() {
    let dock = dock(
        Locale::IdId,
        shelf(vec![card("a", 3, false), card("b", 3, false)], None),
    );
    let tapped = Rc::new(RefCell::new(Vec::new()));
    {
        let tapped = Rc::clone(&tapped);
        dock.on_open(Callback::from(move |id: AttrValue| {
            tapped.borrow_mut().push(id.to_string())
        }));
    }
    let name: HtmlElement = dock
        .root()
        .query_selector("[data-product-id=b] .name")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    name.click();
    assert_eq!(*tapped.borrow(), ["b"]);
}

#[wasm_bindgen_test]
fn text_from_the_api_is_never_parsed_as_markup() {
    const EVIL: &str = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    let mut evil = card("p1", 3, false);
    evil.name = EVIL.into();
    evil.shop.name = EVIL.into();
    let dock = dock(Locale::IdId, shelf(vec![evil], None));
    let html = html(&dock);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=\"x\""), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert_eq!(all(&dock, "img").len(), 1, "only the product's image");
}

#[wasm_bindgen_test]
fn the_strip_goes_back_to_its_start_when_a_pin_comes_and_when_it_ends() {
    let cards = |pinned: Option<&str>| {
        let ids = ["a", "b", "c", "d", "e", "f"];
        ids.iter()
            .map(|id| card(id, 9, pinned == Some(*id)))
            .collect::<Vec<_>>()
    };
    let dock = dock(Locale::IdId, shelf(cards(None), None));
    let list: HtmlElement = all(&dock, "ul")[0].clone().dyn_into().unwrap();
    // A narrow strip of cards side by side, as the widget's styles lay it out.
    list.set_attribute("style", "display: flex; width: 120px; overflow-x: auto")
        .unwrap();
    for item in all(&dock, "ul > li") {
        item.set_attribute("style", "flex: none; width: 100px")
            .unwrap();
    }
    let scrolled = |list: &HtmlElement| {
        list.set_scroll_left(250);
        assert!(list.scroll_left() > 0, "the viewer scrolled the strip");
    };
    scrolled(&list);
    dock.show(shelf(cards(Some("e")), Some("e")));
    assert_eq!(list.scroll_left(), 0, "a new pin leads, in view");
    scrolled(&list);
    dock.show(shelf(cards(None), None));
    assert_eq!(
        list.scroll_left(),
        0,
        "the pin ended: the first cards again"
    );
    // A change that moves no pin leaves the viewer's place alone.
    scrolled(&list);
    let mut fewer = cards(None);
    fewer[1].stock = 2;
    dock.show(shelf(fewer, None));
    assert!(list.scroll_left() > 0, "{}", list.scroll_left());
}

#[wasm_bindgen_test]
fn a_live_change_redraws_the_card_in_place_keeping_focus_and_a_new_pin_leads() {
    let dock = dock(
        Locale::IdId,
        shelf(
            vec![
                card("a", 9, false),
                card("b", 9, false),
                card("c", 9, false),
            ],
            None,
        ),
    );
    let b: HtmlElement = dock
        .root()
        .query_selector("[data-product-id=b]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    b.focus().unwrap();
    // b's stock falls to 2: the same button, new words, focus kept.
    dock.show(shelf(
        vec![
            card("a", 9, false),
            card("b", 2, false),
            card("c", 9, false),
        ],
        None,
    ));
    let same = dock
        .root()
        .query_selector("[data-product-id=b]")
        .unwrap()
        .unwrap();
    assert!(
        same == *AsRef::<Element>::as_ref(&b),
        "the card's element is kept"
    );
    assert!(same.inner_html().contains(">Sisa 2</span>"));
    let active = dock
        .root()
        .get_root_node()
        .dyn_into::<web_sys::Document>()
        .unwrap()
        .active_element();
    assert_eq!(
        active.as_ref(),
        Some(AsRef::<Element>::as_ref(&b)),
        "focus stays on the card"
    );
    // c is pinned: it leads, marked; a and b keep their order after it.
    dock.show(shelf(
        vec![card("a", 9, false), card("b", 2, false), card("c", 9, true)],
        Some("c"),
    ));
    assert_eq!(ids(&dock), ["c", "a", "b"]);
    assert_eq!(all(&dock, ".is-pinned [data-testid=pinned-badge]").len(), 1);
    // a leaves the showcase.
    dock.show(shelf(
        vec![card("b", 2, false), card("c", 9, true)],
        Some("c"),
    ));
    assert_eq!(ids(&dock), ["c", "b"]);
}
