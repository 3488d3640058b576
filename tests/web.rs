//! The widget in a real headless browser, through the same `mount` the host calls.
//!
//! Bad configs must throw an `Error` naming the field; a good one must build
//! the container, open shadow root and adopted stylesheet, render the cards
//! before `ready`, report loads and taps as events, and leave nothing behind
//! on `destroy`. The API is replaced at the network boundary: `window.fetch`
//! answers from fixtures, so no server is needed.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web`.

#![cfg(target_arch = "wasm32")]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;

use etalase::{mount, WidgetHandle};
use etalase_contract::{
    Cart, CartItem, CartShop, ErrorBody, ErrorCode, ProductCard, ProductDetail, ProductOption,
    ProductStock, Rupiah, ShopSummary, Showcase, StreamEvent, Variant,
};
use gloo_events::EventListener;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use wasm_bindgen_test::*;
use web_sys::{
    CssStyleSheet, CustomEvent, Element, HtmlElement, KeyboardEvent, KeyboardEventInit,
    PointerEvent, PointerEventInit, Request, Response, ResponseInit, ShadowRoot,
};

wasm_bindgen_test_configure!(run_in_browser);

const API: &str = "https://api.test";

/// A publishable key as the server mints it: `etp_` and 64 lower-case hex digits.
const KEY: &str = "etp_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

/// Where the widget keeps its copy of the cart for [`API`].
const STORED: &str = "etalase:cart:https://api.test";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

// ---- fixtures -------------------------------------------------------------

fn shop() -> ShopSummary {
    ShopSummary {
        id: "shop-1".into(),
        name: "Toko Sekar".into(),
        city: "Solo".into(),
    }
}

fn card(id: &str, pinned: bool) -> ProductCard {
    ProductCard {
        id: id.into(),
        name: id.into(),
        image_url: ["/media/products/", id, "/1.svg"].concat(),
        price: Rupiah(89_000),
        original_price: None,
        shop: shop(),
        sold_count: 3,
        stock: 10,
        deal_units: 0,
        pinned,
    }
}

fn showcase_json() -> String {
    serde_json::to_string(&Showcase {
        stream_id: "live-1".into(),
        pinned_product_id: Some("p2".into()),
        products: vec![card("p1", false), card("p2", true)],
    })
    .unwrap()
}

fn product_json() -> String {
    let variant = |id: &str, size: &str, stock| Variant {
        id: id.into(),
        option_values: vec![size.into()],
        price: Rupiah(89_000),
        original_price: None,
        stock,
        weight_grams: 200,
    };
    serde_json::to_string(&ProductDetail {
        id: "p2".into(),
        name: "Kaos".into(),
        description: "Katun.".into(),
        image_urls: vec!["/media/products/p2/1.svg".into()],
        shop: shop(),
        sold_count: 3,
        options: vec![ProductOption {
            name: "Ukuran".into(),
            values: vec!["S".into(), "M".into()],
        }],
        variants: vec![variant("v-s", "S", 0), variant("v-m", "M", 2)],
    })
    .unwrap()
}

fn not_found_json() -> String {
    serde_json::to_string(&ErrorBody::new(ErrorCode::NotFound, "no such stream")).unwrap()
}

// ---- a fake API behind window.fetch ------------------------------------------

/// What the fake API answers to one request.
enum Reply {
    Json(u16, String),
    Offline,
    Pending,
}

/// One request the fake API saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    url: String,
    authorization: Option<String>,
    content_type: Option<String>,
    body: Option<String>,
}

/// The requests the fake API saw, in order.
type RequestLog = Rc<RefCell<Vec<Seen>>>;

/// `window.fetch` answering from a route function, restored on drop.
struct FakeApi {
    original: JsValue,
    requests: RequestLog,
    _fetch: Closure<dyn FnMut(Request) -> Promise>,
}

impl FakeApi {
    /// Answers by URL alone.
    fn install(route: impl Fn(&str) -> Reply + 'static) -> Self {
        Self::install_with(move |seen: &Seen| route(&seen.url))
    }

    /// Answers by the whole request, body included.
    fn install_with(route: impl Fn(&Seen) -> Reply + 'static) -> Self {
        let window = web_sys::window().unwrap();
        let original = Reflect::get(&window, &"fetch".into()).unwrap();
        let requests = RequestLog::default();
        let (log, route) = (Rc::clone(&requests), Rc::new(route));
        let fetch = Closure::<dyn FnMut(Request) -> Promise>::new(move |request: Request| {
            let (log, route) = (Rc::clone(&log), Rc::clone(&route));
            future_to_promise(async move {
                let method = request.method();
                let body = if method == "GET" {
                    None
                } else {
                    JsFuture::from(request.text()?).await?.as_string()
                };
                let headers = request.headers();
                let seen = Seen {
                    method,
                    url: request.url(),
                    authorization: headers.get("Authorization")?,
                    content_type: headers.get("Content-Type")?,
                    body,
                };
                log.borrow_mut().push(seen.clone());
                match route(&seen) {
                    Reply::Json(status, body) => {
                        let init = ResponseInit::new();
                        init.set_status(status);
                        let response = Response::new_with_opt_str_and_init(Some(&body), &init)?;
                        Ok(response.into())
                    }
                    Reply::Offline => Err(js_sys::TypeError::new("Failed to fetch").into()),
                    Reply::Pending => JsFuture::from(Promise::new(&mut |_, _| {})).await,
                }
            })
        });
        Reflect::set(&window, &"fetch".into(), fetch.as_ref()).unwrap();
        FakeApi {
            original,
            requests,
            _fetch: fetch,
        }
    }

    fn urls(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|seen| seen.url.clone())
            .collect()
    }

    /// The requests with `method` to a URL ending in `path`.
    fn seen(&self, method: &str, path: &str) -> Vec<Seen> {
        self.requests
            .borrow()
            .iter()
            .filter(|seen| seen.method == method && seen.url.ends_with(path))
            .cloned()
            .collect()
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        Reflect::set(&window, &"fetch".into(), &self.original).unwrap();
    }
}

/// The normal API: the showcase and product p2 exist; the cart is empty.
fn healthy(url: &str) -> Reply {
    if url == [API, "/v1/cart"].concat() {
        Reply::Json(200, serde_json::to_string(&Cart::default()).unwrap())
    } else if url == [API, "/v1/streams/live-1/products"].concat() {
        Reply::Json(200, showcase_json())
    } else if url == [API, "/v1/products/p2"].concat() {
        Reply::Json(200, product_json())
    } else {
        Reply::Json(404, not_found_json())
    }
}

// ---- page helpers -------------------------------------------------------------

/// A fresh, positioned mount target in the page, removed on drop.
struct Target(Element);

impl Target {
    /// A target, with no copy of a cart kept on the device.
    fn new() -> Self {
        storage().remove_item(STORED).unwrap();
        Self::new_keeping_storage()
    }

    /// A target, leaving whatever copy of a cart the device keeps.
    fn new_keeping_storage() -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let element = document.create_element("div").unwrap();
        element.set_class_name("host-video");
        document.body().unwrap().append_child(&element).unwrap();
        Target(element)
    }

    fn container(&self) -> Option<Element> {
        self.0.query_selector("[data-etalase]").unwrap()
    }

    fn shadow(&self) -> ShadowRoot {
        self.container().unwrap().shadow_root().unwrap()
    }

    fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.shadow()
            .query_selector(selector)
            .unwrap()
            .map(|element| element.dyn_into().unwrap())
    }

    fn count(&self, selector: &str) -> u32 {
        self.shadow().query_selector_all(selector).unwrap().length()
    }

    /// Records every `etalase:*` event named in `names` dispatched on the target.
    fn record(&self, names: &[&'static str]) -> Recorder {
        let events = Rc::new(RefCell::new(Vec::new()));
        let listeners = names
            .iter()
            .map(|name| {
                let events = Rc::clone(&events);
                let shadow_target = self.0.clone();
                EventListener::new(&self.0, *name, move |event| {
                    let event = event.dyn_ref::<CustomEvent>().unwrap();
                    // How many cards exist at the moment the event fires.
                    let cards = shadow_target
                        .query_selector("[data-etalase]")
                        .unwrap()
                        .and_then(|container| container.shadow_root())
                        .map(|shadow| {
                            let found = shadow.query_selector_all("[data-testid=product-card]");
                            found.unwrap().length()
                        })
                        .unwrap_or(0);
                    events.borrow_mut().push((
                        event.type_(),
                        event.detail(),
                        event.bubbles(),
                        event.composed(),
                        cards,
                    ));
                })
            })
            .collect();
        Recorder {
            events,
            _listeners: listeners,
        }
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        self.0.remove();
    }
}

type Recorded = (String, JsValue, bool, bool, u32);

/// Events seen on a target.
struct Recorder {
    events: Rc<RefCell<Vec<Recorded>>>,
    _listeners: Vec<EventListener>,
}

impl Recorder {
    fn of(&self, name: &str) -> Vec<Recorded> {
        self.events
            .borrow()
            .iter()
            .filter(|event| event.0 == name)
            .cloned()
            .collect()
    }
}

fn config(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

fn good_config() -> Vec<(&'static str, JsValue)> {
    vec![
        ("apiBase", [API, "/"].concat().into()),
        ("streamId", "live-1".into()),
    ]
}

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap()
}

/// The message of the `Error` that `mount` threw.
fn mount_error(target: JsValue, config: JsValue) -> String {
    let error = match mount(target, config) {
        Ok(_) => panic!("mount accepted a bad call"),
        Err(error) => JsValue::from(error),
    };
    let error: js_sys::Error = error.dyn_into().expect("mount must throw an Error");
    error.message().into()
}

/// Waits until `done()` holds, polling every 10 ms, for at most 5 seconds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        let tick = Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        JsFuture::from(tick).await.unwrap();
    }
    panic!("timed out waiting for {what}");
}

fn mounted(target: &Target, extra: &[(&'static str, JsValue)]) -> WidgetHandle {
    let mut entries = good_config();
    entries.extend(extra.iter().cloned());
    mount(target.0.clone().into(), config(&entries)).unwrap()
}

// ---- config errors --------------------------------------------------------------

#[wasm_bindgen_test]
fn a_missing_api_base_throws_naming_the_field() {
    let target = Target::new();
    let message = mount_error(
        target.0.clone().into(),
        config(&[("streamId", "live-1".into())]),
    );
    assert_eq!(message, "etalase: config.apiBase is required");
    assert!(target.container().is_none(), "nothing is mounted on error");
}

#[wasm_bindgen_test]
fn a_relative_api_base_throws_naming_the_field() {
    let target = Target::new();
    let message = mount_error(
        target.0.clone().into(),
        config(&[("apiBase", "/api".into()), ("streamId", "s".into())]),
    );
    assert!(message.contains("config.apiBase"), "{message}");
}

#[wasm_bindgen_test]
fn a_bad_locale_throws_naming_the_field() {
    let target = Target::new();
    let mut entries = good_config();
    entries.push(("locale", "fr-FR".into()));
    let message = mount_error(target.0.clone().into(), config(&entries));
    assert_eq!(
        message,
        r#"etalase: config.locale must be "id-ID" or "en-US""#
    );
}

#[wasm_bindgen_test]
fn an_empty_stream_id_throws_naming_the_field() {
    let target = Target::new();
    let message = mount_error(
        target.0.clone().into(),
        config(&[("apiBase", API.into()), ("streamId", "".into())]),
    );
    assert_eq!(
        message,
        "etalase: config.streamId must be a non-empty string"
    );
}

#[wasm_bindgen_test]
fn a_non_function_on_event_throws_naming_the_field() {
    let target = Target::new();
    let mut entries = good_config();
    entries.push(("onEvent", "log".into()));
    let message = mount_error(target.0.clone().into(), config(&entries));
    assert_eq!(message, "etalase: config.onEvent must be a function");
}

#[wasm_bindgen_test]
fn a_token_given_as_the_publishable_key_throws_naming_the_field() {
    let target = Target::new();
    let mut entries = good_config();
    entries.push(("publishableKey", "etl_0123".into()));
    let message = mount_error(target.0.clone().into(), config(&entries));
    assert_eq!(
        message,
        r#"etalase: config.publishableKey must be a publishable key: "etp_" and 64 lower-case hex digits"#
    );
}

#[wasm_bindgen_test]
fn a_publishable_key_cut_short_throws_at_mount_saying_its_shape() {
    let target = Target::new();
    for bad in [
        "etp_abc",
        &KEY[..KEY.len() - 1],
        KEY.to_uppercase().replace("ETP", "etp").as_str(),
    ] {
        let mut entries = good_config();
        entries.push(("publishableKey", bad.into()));
        let message = mount_error(target.0.clone().into(), config(&entries));
        assert!(
            message.contains(r#""etp_" and 64 lower-case hex digits"#),
            "{bad}: {message}"
        );
    }
    let mut entries = good_config();
    entries.push(("publishableKey", [" ", KEY, " "].concat().into()));
    let _api = FakeApi::install(healthy);
    mount(target.0.clone().into(), config(&entries))
        .unwrap()
        .destroy();
}

#[wasm_bindgen_test]
fn a_config_that_is_not_an_object_throws() {
    let target = Target::new();
    let message = mount_error(target.0.clone().into(), JsValue::UNDEFINED);
    assert_eq!(message, "etalase: config must be an object");
    let message = mount_error(target.0.clone().into(), js_sys::Array::new().into());
    assert_eq!(message, "etalase: config.apiBase is required");
}

#[wasm_bindgen_test]
fn a_selector_matching_nothing_throws_quoting_it() {
    let message = mount_error("#nowhere".into(), config(&good_config()));
    assert_eq!(
        message,
        r##"etalase: mount target "#nowhere" matches no element"##
    );
    let message = mount_error(JsValue::from(42), config(&good_config()));
    assert!(message.starts_with("etalase: mount target"), "{message}");
}

// ---- mounting and destroying ------------------------------------------------------

#[wasm_bindgen_test]
async fn mount_builds_an_open_shadow_root_with_an_adopted_stylesheet() {
    let _api = FakeApi::install(|_| Reply::Pending);
    let target = Target::new();
    target.0.set_id("shop-under-test");
    let mut handle = mount("#shop-under-test".into(), config(&good_config())).unwrap();

    let container = target.container().expect("a container inside the target");
    let shadow = container.shadow_root().expect("an open shadow root");
    assert_eq!(
        shadow.adopted_style_sheets().length(),
        2,
        "the shared sheet and the mount's own"
    );
    assert!(
        shadow.query_selector("style").unwrap().is_none(),
        "no <style> element"
    );
    until("the skeleton", || {
        target.count("[data-testid=skeleton]") == 1
    })
    .await;
    assert_eq!(target.count("[data-testid=product-card]"), 0);
    assert_eq!(target.count("[style]"), 0, "no style attribute anywhere");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_adopted_stylesheet_holds_the_same_rules_as_the_sources() {
    let _api = FakeApi::install(|_| Reply::Pending);
    let target = Target::new();
    let mut handle = mounted(&target, &[]);
    // Drawn: the shop (linked in, in this build) has added the later styles.
    until("the skeleton", || {
        target.count("[data-testid=skeleton]") == 1
    })
    .await;
    let adopted: CssStyleSheet = target
        .shadow()
        .adopted_style_sheets()
        .get(0)
        .dyn_into()
        .unwrap();
    let source = CssStyleSheet::new().unwrap();
    source
        .replace_sync(
            &[
                include_str!("../src/widget.css"),
                include_str!("../src/widget_later.css"),
            ]
            .concat(),
        )
        .unwrap();
    let (adopted, source) = (adopted.css_rules().unwrap(), source.css_rules().unwrap());
    assert!(source.length() > 40);
    assert_eq!(adopted.length(), source.length());
    // Values with var() keep their tokens as written: compare whitespace runs as one space.
    let rule = |rules: &web_sys::CssRuleList, index| {
        let text = rules.item(index).unwrap().css_text();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for index in 0..source.length() {
        assert_eq!(rule(&adopted, index), rule(&source, index));
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn destroy_removes_everything_and_is_harmless_twice() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:error", "etalase:product_viewed"]);
    let mut handle = mounted(&target, &[]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    // Open the sheet, so its Escape listener is live when the widget goes.
    target.find("[data-product-id=p2]").unwrap().click();
    until("the chips", || {
        target.count("[data-testid=variant-option]") == 2
    })
    .await;
    let seen = recorder.events.borrow().len();

    handle.destroy();
    assert!(target.container().is_none(), "the container is gone");
    assert_eq!(target.0.child_element_count(), 0, "the target is as it was");
    handle.destroy();
    assert_eq!(target.0.child_element_count(), 0);

    press_escape();
    assert_eq!(
        recorder.events.borrow().len(),
        seen,
        "a destroyed widget says nothing"
    );

    // The same target takes a new widget afterwards.
    let mut again = mounted(&target, &[]);
    until("ready again", || recorder.of("etalase:ready").len() == 2).await;
    assert_eq!(target.0.child_element_count(), 1);
    again.destroy();
    assert_eq!(target.0.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn a_widget_whose_handle_is_dropped_keeps_working_until_destroy() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:product_viewed"]);
    // What the garbage collector does to a handle the host did not keep.
    drop(mounted(&target, &[]));
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    target.find("[data-product-id=p2]").unwrap().click();
    until("the product", || {
        target.count("[data-testid=variant-option]") == 2
    })
    .await;
    assert_eq!(recorder.of("etalase:product_viewed").len(), 1);
    assert_eq!(
        target.0.child_element_count(),
        1,
        "the widget is still there"
    );
}

#[wasm_bindgen_test]
async fn a_widget_destroyed_in_the_tick_it_was_mounted_never_loads() {
    let api = FakeApi::install(healthy);
    let gone = Target::new();
    mounted(&gone, &[]).destroy();
    let target = Target::new();
    let recorder = target.record(&["etalase:ready"]);
    let mut handle = mounted(&target, &[("token", "kept".into())]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    until("the cart", || !api.seen("GET", "/v1/cart").is_empty()).await;
    let strays: Vec<Seen> = api
        .requests
        .borrow()
        .iter()
        .filter(|seen| seen.authorization.as_deref() != Some("Bearer kept"))
        .cloned()
        .collect();
    assert!(strays.is_empty(), "the destroyed widget asked: {strays:?}");
    assert_eq!(gone.0.child_element_count(), 0);
    handle.destroy();
}

// ---- loading, events, the sheet -----------------------------------------------------

#[wasm_bindgen_test]
async fn ready_fires_once_after_the_cards_are_in_the_dom() {
    let api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:error"]);
    let calls = Rc::new(RefCell::new(Vec::<JsValue>::new()));
    let log = Rc::clone(&calls);
    let on_event = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        log.borrow_mut().push(event);
    });
    let on_event_fn: &Function = on_event.as_ref().unchecked_ref();
    let mut handle = mounted(
        &target,
        &[
            ("token", "secret-token".into()),
            ("onEvent", on_event_fn.clone().into()),
        ],
    );

    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    let ready = recorder.of("etalase:ready");
    let (_, detail, bubbles, composed, cards_at_ready) = &ready[0];
    assert_eq!(
        field(detail, "streamId").as_string().as_deref(),
        Some("live-1")
    );
    assert_eq!(field(detail, "productCount").as_f64(), Some(2.0));
    assert!(*bubbles && *composed);
    assert_eq!(*cards_at_ready, 2, "the cards exist when ready fires");
    assert!(recorder.of("etalase:error").is_empty());

    let first = target.find("[data-testid=product-card]").unwrap();
    assert_eq!(
        first.get_attribute("data-product-id").as_deref(),
        Some("p2"),
        "pinned first"
    );
    assert_eq!(target.count("[data-testid=pinned-badge]"), 1);
    assert_eq!(target.count("[data-testid=skeleton]"), 0);
    let image = target.find("img").unwrap();
    assert_eq!(
        image.get_attribute("src").as_deref(),
        Some("https://api.test/media/products/p2/1.svg"),
        "media paths resolve against apiBase"
    );

    let requests = api.requests.borrow().clone();
    assert_eq!(
        requests[0].url,
        "https://api.test/v1/streams/live-1/products"
    );
    assert_eq!(
        requests[0].authorization.as_deref(),
        Some("Bearer secret-token"),
        "{requests:?}"
    );

    let on_event_calls: Vec<JsValue> = calls
        .borrow()
        .iter()
        .filter(|call| field(call, "name").as_string().as_deref() == Some("ready"))
        .cloned()
        .collect();
    assert_eq!(on_event_calls.len(), 1, "onEvent heard ready once");
    assert_eq!(
        field(&on_event_calls[0], "name").as_string().as_deref(),
        Some("ready")
    );
    let detail = field(&on_event_calls[0], "detail");
    assert_eq!(field(&detail, "productCount").as_f64(), Some(2.0));

    // Tapping a card opens the sheet without a second `ready`.
    first.click();
    until("the product", || {
        target.count("[data-testid=variant-option]") == 2
    })
    .await;
    assert_eq!(recorder.of("etalase:ready").len(), 1);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn with_the_publishable_key_alone_the_cards_come_and_the_cart_waits_for_a_token() {
    let api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&[
        "etalase:ready",
        "etalase:auth_required",
        "etalase:cart_changed",
    ]);
    let mut handle = mounted(&target, &[("publishableKey", KEY.into())]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    let ticks = std::cell::Cell::new(0);
    until("a while", || {
        ticks.set(ticks.get() + 1);
        ticks.get() > 30
    })
    .await;
    let showcase = api.seen("GET", "/v1/streams/live-1/products");
    assert_eq!(
        showcase[0].authorization.as_deref(),
        Some(["Bearer ", KEY].concat().as_str())
    );
    assert!(api.seen("GET", "/v1/cart").is_empty(), "{:?}", api.urls());
    assert!(recorder.of("etalase:auth_required").is_empty());
    assert!(recorder.of("etalase:cart_changed").is_empty());

    handle.set_token("fresh".into()).unwrap();
    until("the cart", || {
        !recorder.of("etalase:cart_changed").is_empty()
    })
    .await;
    let carts = api.seen("GET", "/v1/cart");
    assert_eq!(carts[0].authorization.as_deref(), Some("Bearer fresh"));
    assert!(
        recorder.of("etalase:auth_required").is_empty(),
        "the host gave it unasked"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn another_hosts_key_is_told_refused_for_this_origin_not_offline() {
    // The API answers a key from another host's origin without CORS (a
    // browser reports it as offline); asked about the key, it says the
    // origin is not the key's host's, though some host registered it.
    let api = FakeApi::install(|url| {
        if url.ends_with(&["/v1/origin?key=", KEY].concat()) {
            Reply::Json(
                200,
                r#"{"origin":"https://shop.example","allowed":false,"key":"ok"}"#.into(),
            )
        } else if url.ends_with("/v1/origin") {
            Reply::Json(
                200,
                r#"{"origin":"https://shop.example","allowed":true}"#.into(),
            )
        } else {
            Reply::Offline
        }
    });
    let target = Target::new();
    let recorder = target.record(&["etalase:error", "etalase:auth_required"]);
    let mut handle = mounted(
        &target,
        &[("publishableKey", KEY.into()), ("locale", "en-US".into())],
    );
    until("the error box", || target.count("[data-testid=error]") == 1).await;
    let errors = recorder.of("etalase:error");
    assert_eq!(
        field(&errors[0].1, "code").as_string().as_deref(),
        Some("origin_refused")
    );
    let message = field(&errors[0].1, "message").as_string().unwrap();
    assert!(message.contains("https://shop.example"), "{message}");
    assert_eq!(
        target
            .find("[data-testid=error] p")
            .unwrap()
            .text_content()
            .unwrap(),
        "The shop can't open on this page yet."
    );
    assert_eq!(target.count("[data-testid=retry]"), 0);
    assert!(recorder.of("etalase:auth_required").is_empty());
    let asked = api.seen("GET", &["/v1/origin?key=", KEY].concat());
    assert_eq!(
        asked[0].authorization, None,
        "a simple request, no credential"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_failed_load_shows_a_retry_and_reports_an_error_event() {
    let offline = Rc::new(RefCell::new(true));
    let switch = Rc::clone(&offline);
    let _api = FakeApi::install(move |url| {
        if *switch.borrow() {
            Reply::Offline
        } else {
            healthy(url)
        }
    });
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:error"]);
    let mut handle = mounted(&target, &[("locale", "en-US".into())]);

    until("the error box", || target.count("[data-testid=error]") == 1).await;
    // The showcase's failure comes first; the cart's own load, which waits
    // for the showcase, fails after it.
    let errors = recorder.of("etalase:error");
    assert!(!errors.is_empty());
    assert_eq!(
        field(&errors[0].1, "code").as_string().as_deref(),
        Some("network")
    );
    assert!(field(&errors[0].1, "message")
        .as_string()
        .unwrap()
        .contains("Failed to fetch"));
    let message = target
        .find("[data-testid=error] p")
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(message, "Can't connect. Check your internet connection.");
    assert!(recorder.of("etalase:ready").is_empty());

    *offline.borrow_mut() = false;
    target.find("[data-testid=retry]").unwrap().click();
    until("the cards", || {
        target.count("[data-testid=product-card]") == 2
    })
    .await;
    until("ready", || recorder.of("etalase:ready").len() == 1).await;
    assert_eq!(target.count("[data-testid=error]"), 0);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_unknown_stream_reports_not_found() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:error"]);
    let mut handle = mount(
        target.0.clone().into(),
        config(&[("apiBase", API.into()), ("streamId", "live-404".into())]),
    )
    .unwrap();
    until("the error event", || {
        recorder.of("etalase:error").len() == 1
    })
    .await;
    let detail = recorder.of("etalase:error")[0].1.clone();
    assert_eq!(
        field(&detail, "code").as_string().as_deref(),
        Some("not_found")
    );
    let message = target
        .find("[data-testid=error] p")
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(message, "Etalase siaran ini tidak ditemukan.");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_card_opens_the_sheet_and_escape_the_backdrop_and_the_button_close_it() {
    let api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:product_viewed"]);
    let mut handle = mounted(&target, &[]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;

    let sheet = || target.find("[data-testid=product-sheet]").unwrap();
    assert_eq!(sheet().get_attribute("data-open").as_deref(), Some("false"));
    assert!(sheet().has_attribute("inert"));

    let is_open = |open: &str| sheet().get_attribute("data-open").as_deref() == Some(open);
    target.find("[data-product-id=p2]").unwrap().click();
    until("the sheet to open", || is_open("true")).await;
    assert!(!sheet().has_attribute("inert"));

    until("the chips", || {
        target.count("[data-testid=variant-option]") == 2
    })
    .await;
    let viewed = recorder.of("etalase:product_viewed");
    assert_eq!(viewed.len(), 1, "viewed once the product is shown");
    assert_eq!(
        field(&viewed[0].1, "productId").as_string().as_deref(),
        Some("p2")
    );
    assert!(api
        .urls()
        .contains(&"https://api.test/v1/products/p2".to_owned()));
    let small = target
        .find("[data-testid=variant-option][data-value=S]")
        .unwrap();
    assert!(small.has_attribute("disabled"), "S is sold out");
    let medium = target
        .find("[data-testid=variant-option][data-value=M]")
        .unwrap();
    assert_eq!(
        medium.get_attribute("aria-checked").as_deref(),
        Some("true")
    );
    let stock = target
        .find("[data-testid=stock]")
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(stock, "Sisa 2");
    let focused = target
        .shadow()
        .active_element()
        .map(|element| element.get_attribute("data-testid"));
    assert_eq!(
        focused,
        Some(Some("sheet-close".to_owned())),
        "focus moves into the sheet"
    );

    press_escape();
    until("closed by Escape", || is_open("false")).await;
    assert!(sheet().has_attribute("inert"));
    assert_eq!(
        target.count("[data-testid=variant-option]"),
        2,
        "content stays while sliding away"
    );

    target.find("[data-product-id=p2]").unwrap().click();
    until("the sheet to reopen", || is_open("true")).await;
    target.find(".backdrop").unwrap().click();
    until("closed by the backdrop", || is_open("false")).await;

    target.find("[data-product-id=p2]").unwrap().click();
    until("the sheet to reopen", || is_open("true")).await;
    target.find("[data-testid=sheet-close]").unwrap().click();
    until("closed by its button", || is_open("false")).await;
    assert_eq!(recorder.of("etalase:product_viewed").len(), 3);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_missing_product_shows_an_error_in_the_sheet() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:error", "etalase:product_viewed"]);
    let mut handle = mounted(&target, &[]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;

    // p1 is in the showcase but the product endpoint answers 404.
    target.find("[data-product-id=p1]").unwrap().click();
    until("the sheet's error", || {
        target.count("[data-testid=product-sheet] [data-testid=error]") == 1
    })
    .await;
    // A product the server does not know will not appear by asking again.
    assert_eq!(
        target.count("[data-testid=product-sheet] [data-testid=retry]"),
        0
    );
    until("the error event", || {
        recorder.of("etalase:error").len() == 1
    })
    .await;
    assert!(
        recorder.of("etalase:product_viewed").is_empty(),
        "a product never shown is not viewed"
    );
    handle.destroy();
}

/// Mounts against an API answering `status` and `body` to every request and
/// returns the `code` and `message` of the first `error` event.
async fn first_error(status: u16, body: &'static str) -> (String, String) {
    let _api = FakeApi::install(move |_| Reply::Json(status, body.to_owned()));
    let target = Target::new();
    let recorder = target.record(&["etalase:error"]);
    let mut handle = mounted(&target, &[]);
    // The showcase's error comes first; the cart's load, which waits for
    // the showcase, may fail after it.
    until("the error event", || {
        !recorder.of("etalase:error").is_empty()
    })
    .await;
    // The event may be heard before the box is drawn.
    until("the error box", || target.count("[data-testid=error]") == 1).await;
    let detail = recorder.of("etalase:error")[0].1.clone();
    handle.destroy();
    (
        field(&detail, "code").as_string().unwrap(),
        field(&detail, "message").as_string().unwrap(),
    )
}

#[wasm_bindgen_test]
async fn a_body_that_is_not_json_reports_bad_response() {
    let (code, message) = first_error(200, "<html>maintenance</html>").await;
    assert_eq!(code, "bad_response");
    assert!(message.contains("HTTP 200"), "{message}");
    let (code, _) = first_error(502, "Bad Gateway").await;
    assert_eq!(
        code, "bad_response",
        "a proxy's page, not the API's error body"
    );
}

#[wasm_bindgen_test]
async fn json_of_another_shape_reports_bad_response() {
    let (code, message) = first_error(200, r#"{"stream_id":"live-1","products":7}"#).await;
    assert_eq!(code, "bad_response");
    assert!(message.contains("HTTP 200"), "{message}");
    let (code, _) = first_error(200, r#"{"stream_id":"live-1","products":[{"id":"p1"}]}"#).await;
    assert_eq!(code, "bad_response");
}

#[wasm_bindgen_test]
async fn an_error_code_this_build_does_not_know_reads_as_unknown() {
    let (code, message) = first_error(
        418,
        r#"{"error":{"code":"brand_new_code","message":"teapot"}}"#,
    )
    .await;
    assert_eq!(code, "unknown");
    assert_eq!(message, "HTTP 418: teapot");
}

#[wasm_bindgen_test]
fn the_decoder_reads_numbers_as_json_would_and_names_what_it_found() {
    use etalase::api::from_js;
    let parse = |json: &str| js_sys::JSON::parse(json).unwrap();
    assert_eq!(from_js::<Rupiah>(parse("89000")), Ok(Rupiah(89_000)));
    assert_eq!(from_js::<Rupiah>(parse("-5")), Ok(Rupiah(-5)));
    let error = from_js::<Rupiah>(parse("89000.5")).unwrap_err().to_string();
    assert_eq!(error, "expected an integer, found a number");
    let error = from_js::<Rupiah>(parse(r#""89000""#))
        .unwrap_err()
        .to_string();
    assert_eq!(error, "expected an integer, found a string");
    let error = from_js::<u32>(parse("-1")).unwrap_err().to_string();
    assert_eq!(error, "expected an integer from 0 to 4294967295");
    assert_eq!(from_js::<Option<u32>>(parse("null")), Ok(None));
    assert_eq!(from_js::<Option<u32>>(JsValue::UNDEFINED), Ok(None));
    let error = from_js::<Variant>(parse(r#"{"id":"v","price":1}"#)).unwrap_err();
    assert_eq!(error.to_string(), "missing field `option_values`");
    let error = from_js::<Showcase>(parse(
        r#"{"stream_id":"s","pinned_product_id":null,"products":[{"id":"p","shop":{"id":7}}]}"#,
    ))
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "products: missing field `name`",
        "the path to the field, the first wrong one named"
    );
    let error = from_js::<ErrorCode>(parse(r#""brand_new_code""#));
    assert_eq!(error, Ok(ErrorCode::Unknown));
}

/// `value` written by serde (as the server writes it), parsed by the
/// browser, and read back by the widget's reader.
fn read_back<T>(value: &T) -> T
where
    T: serde::Serialize + etalase::api::FromJs,
{
    let json = serde_json::to_string(value).unwrap();
    etalase::api::from_js(js_sys::JSON::parse(&json).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn the_hand_written_readers_read_what_serde_writes() {
    use etalase_contract::{
        Address, Bank, PaymentInstructions, PaymentMethod, SavedAddress, Wallet,
    };
    for method in [
        PaymentMethod::VirtualAccount { bank: Bank::Bri },
        PaymentMethod::Qris,
        PaymentMethod::Ewallet {
            wallet: Wallet::Ovo,
        },
        PaymentMethod::Cod,
        PaymentMethod::Card,
    ] {
        assert_eq!(read_back(&method), method);
    }
    for instructions in [
        PaymentInstructions::VirtualAccount {
            bank: Bank::Mandiri,
            account_number: "8808123".into(),
        },
        PaymentInstructions::Qris {
            qr_payload: "000201".into(),
        },
        PaymentInstructions::Ewallet {
            wallet: Wallet::Dana,
            deeplink: "https://pay.example/dana".into(),
        },
        PaymentInstructions::Cod {
            amount_to_collect: Rupiah(120_500),
        },
        PaymentInstructions::Card {
            hosted_url: "https://pay.example/card".into(),
        },
    ] {
        assert_eq!(read_back(&instructions), instructions);
    }
    let saved = SavedAddress {
        address: Address {
            id: "addr-1".into(),
            recipient: "Sari".into(),
            phone: "+6281234567890".into(),
            province: "Jawa Barat".into(),
            city: "Kota Bandung".into(),
            district: "Coblong".into(),
            postal_code: "40132".into(),
            street: "Jl. Dago 1".into(),
        },
        village: Some("Dago".into()),
        region_code: Some("32.73.02.1006".into()),
        needs_region: false,
    };
    assert_eq!(read_back(&saved), saved);
    let unknown = js_sys::JSON::parse(r#"{"method":"cheque"}"#).unwrap();
    let error = etalase::api::from_js::<PaymentMethod>(unknown).unwrap_err();
    assert_eq!(error.to_string(), "method: unknown value `cheque`");
}

/// Dispatches an Escape keydown on the document, as a keyboard would.
fn press_escape() {
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    document.dispatch_event(&event).unwrap();
}

// ---- the cart -----------------------------------------------------------------------

/// A cart line of product p2's variant M (2 in stock), as the server answers it.
fn line_m(quantity: u32) -> CartItem {
    CartItem {
        variant_id: "v-m".into(),
        product_id: "p2".into(),
        product_name: "Kaos".into(),
        option_values: vec!["M".into()],
        image_url: "/media/products/p2/1.svg".into(),
        price: Rupiah(89_000),
        original_price: None,
        quantity,
        stock: 2,
        weight_grams: 200,
        line_total: Rupiah(89_000).times(quantity),
    }
}

fn cart_of(items: Vec<CartItem>) -> Cart {
    let subtotal = items
        .iter()
        .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
    let item_count = items.iter().map(|item| item.quantity).sum();
    let shops = if items.is_empty() {
        vec![]
    } else {
        vec![CartShop {
            shop: shop(),
            items,
            subtotal,
        }]
    };
    Cart {
        shops,
        item_count,
        subtotal,
    }
}

/// The healthy API with a server-side cart: GET reads it, PUT sets v-m's
/// quantity (422 `insufficient_stock` above 2), DELETE removes it. `hold`
/// keeps PUTs unanswered while true.
fn with_cart(cart: Rc<RefCell<Cart>>, hold: Rc<RefCell<bool>>) -> impl Fn(&Seen) -> Reply {
    move |seen: &Seen| {
        let json = |cart: &Cart| Reply::Json(200, serde_json::to_string(cart).unwrap());
        let item = [API, "/v1/cart/items/v-m"].concat();
        match (seen.method.as_str(), seen.url.as_str()) {
            ("GET", url) if url == [API, "/v1/cart"].concat() => json(&cart.borrow()),
            ("PUT", url) if url == item => {
                if *hold.borrow() {
                    return Reply::Pending;
                }
                let body: serde_json::Value =
                    serde_json::from_str(seen.body.as_deref().unwrap_or("")).unwrap();
                let quantity = u32::try_from(body["quantity"].as_u64().unwrap()).unwrap();
                if quantity > 2 {
                    let error = ErrorBody::new(ErrorCode::InsufficientStock, "only 2")
                        .with_field("quantity");
                    return Reply::Json(422, serde_json::to_string(&error).unwrap());
                }
                *cart.borrow_mut() = cart_of(vec![line_m(quantity)]);
                json(&cart.borrow())
            }
            ("DELETE", url) if url == item => {
                *cart.borrow_mut() = cart_of(vec![]);
                json(&cart.borrow())
            }
            (_, url) => healthy(url),
        }
    }
}

fn text_of(target: &Target, selector: &str) -> Option<String> {
    target
        .find(selector)
        .and_then(|element| element.text_content())
}

/// The `count` of every `cart_changed` event so far.
fn counts(recorder: &Recorder) -> Vec<f64> {
    recorder
        .of("etalase:cart_changed")
        .iter()
        .filter_map(|event| field(&event.1, "count").as_f64())
        .collect()
}

/// Opens p2's sheet and waits for its buttons.
async fn open_p2(target: &Target) {
    target.find("[data-product-id=p2]").unwrap().click();
    until("the add button", || {
        target
            .find("[data-testid=add-to-cart]")
            .is_some_and(|button| !button.has_attribute("disabled"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_cart_loads_after_the_showcase_and_is_reported_to_the_host() {
    let cart = Rc::new(RefCell::new(cart_of(vec![line_m(2)])));
    let api = FakeApi::install_with(with_cart(cart, Rc::default()));
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[("token", "t-1".into())]);
    until("the count", || counts(&recorder) == [2.0]).await;
    let urls = api.urls();
    let showcase = urls
        .iter()
        .position(|url| url.ends_with("/products"))
        .unwrap();
    let cart = urls
        .iter()
        .position(|url| url.ends_with("/v1/cart"))
        .unwrap();
    assert!(
        showcase < cart,
        "the first card never waits for the cart: {urls:?}"
    );
    assert_eq!(
        api.seen("GET", "/v1/cart")[0].authorization.as_deref(),
        Some("Bearer t-1")
    );
    assert_eq!(
        text_of(&target, "[data-testid=cart-badge]").as_deref(),
        Some("2")
    );
    let label = target
        .find("[data-testid=cart-button]")
        .unwrap()
        .get_attribute("aria-label");
    assert_eq!(label.as_deref(), Some("Keranjang, 2 barang"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn adding_shows_at_once_then_puts_the_quantity_and_keeps_a_copy() {
    let (cart, hold) = (
        Rc::new(RefCell::new(cart_of(vec![]))),
        Rc::new(RefCell::new(true)),
    );
    let api = FakeApi::install_with(with_cart(Rc::clone(&cart), Rc::clone(&hold)));
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:cart_changed"]);
    let mut handle = mounted(&target, &[]);
    until("the empty cart", || counts(&recorder) == [0.0]).await;
    open_p2(&target).await;
    target.find("[data-testid=qty-increase]").unwrap().click();
    until("2 chosen", || {
        text_of(&target, "[data-testid=qty]").as_deref() == Some("2")
    })
    .await;
    assert_eq!(
        target
            .find("[data-testid=qty-increase]")
            .unwrap()
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true"),
        "M has 2 in stock"
    );

    // The server holds its answer: the badge shows the line anyway.
    target.find("[data-testid=add-to-cart]").unwrap().click();
    until("the badge", || {
        text_of(&target, "[data-testid=cart-badge]").as_deref() == Some("2")
    })
    .await;
    assert_eq!(counts(&recorder), [0.0, 2.0]);
    let toast = text_of(&target, "[data-testid=toast]").unwrap();
    assert_eq!(toast, "Ditambahkan ke keranjang");
    until("the PUT", || {
        api.seen("PUT", "/v1/cart/items/v-m").len() == 1
    })
    .await;
    let put = api.seen("PUT", "/v1/cart/items/v-m").remove(0);
    assert_eq!(
        put.body.as_deref(),
        Some(r#"{"quantity":2,"stream_id":"live-1"}"#)
    );
    assert_eq!(put.content_type.as_deref(), Some("application/json"));

    // The copy on the device already has it, for a reload.
    let kept = storage().get_item(STORED).unwrap().expect("a kept cart");
    let kept: serde_json::Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(kept["v"], 1);
    assert_eq!(kept["cart"]["item_count"], 2);
    assert_eq!(kept["cart"]["shops"][0]["items"][0]["variant_id"], "v-m");
    assert_eq!(
        kept["cart"]["shops"][0]["items"][0]["image_url"],
        "https://api.test/media/products/p2/1.svg"
    );
    assert_eq!(kept["cart"]["subtotal"], 178_000);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn adding_past_the_stock_is_refused_at_once_and_buy_now_checks_out_that_line() {
    let cart = Rc::new(RefCell::new(cart_of(vec![line_m(2)])));
    let api = FakeApi::install_with(with_cart(cart, Rc::default()));
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[("locale", "en-US".into())]);
    until("the cart", || counts(&recorder) == [2.0]).await;
    open_p2(&target).await;
    // Both units of M are in the cart already: the sheet knows the stock,
    // so nothing is sent.
    target.find("[data-testid=add-to-cart]").unwrap().click();
    until("the refusal", || {
        text_of(&target, "[data-testid=toast]").as_deref()
            == Some("Not enough stock for that quantity.")
    })
    .await;
    assert!(api.seen("PUT", "/v1/cart/items/v-m").is_empty());
    assert_eq!(counts(&recorder), [2.0]);

    // Buy now buys what the sheet says (1), ticks it alone and checks it out.
    target.find("[data-testid=buy-now]").unwrap().click();
    until("the checkout sheet", || {
        target
            .find("[data-testid=checkout-sheet]")
            .and_then(|sheet| sheet.get_attribute("data-open"))
            .as_deref()
            == Some("true")
    })
    .await;
    until("1 in the cart", || counts(&recorder) == [2.0, 1.0]).await;
    until("the PUT", || {
        !api.seen("PUT", "/v1/cart/items/v-m").is_empty()
    })
    .await;
    assert_eq!(
        api.seen("PUT", "/v1/cart/items/v-m")[0].body.as_deref(),
        Some(r#"{"quantity":1,"stream_id":"live-1"}"#)
    );
    let tick = target.find("[data-testid=line-select]").unwrap();
    assert_eq!(tick.get_attribute("aria-checked").as_deref(), Some("true"));
    assert_eq!(
        text_of(&target, "[data-testid=cart-subtotal]").as_deref(),
        Some("IDR 89,000")
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_viewer_who_does_not_sign_in_is_told_so_and_nothing_checks_out_until_they_do() {
    let cart = Rc::new(RefCell::new(cart_of(vec![])));
    let api = FakeApi::install_with(with_cart(cart, Rc::default()));
    let target = Target::new();
    let recorder = target.record(&[
        "etalase:ready",
        "etalase:auth_required",
        "etalase:checkout_started",
        "etalase:cart_changed",
    ]);
    let mut handle = mounted(
        &target,
        &[("publishableKey", KEY.into()), ("locale", "en-US".into())],
    );
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    open_p2(&target).await;

    // The host does not answer `auth_required`: the line waits, and the
    // toast says what it waits for, not that it was added.
    target.find("[data-testid=add-to-cart]").unwrap().click();
    until("the toast", || {
        text_of(&target, "[data-testid=toast]").as_deref() == Some("Sign in to add to your cart")
    })
    .await;
    assert_eq!(recorder.of("etalase:auth_required").len(), 1);
    // "Buy now" waits too, asking the host again: no checkout starts for
    // no one.
    target.find("[data-testid=buy-now]").unwrap().click();
    until("asked for the purchase", || {
        recorder.of("etalase:auth_required").len() == 2
    })
    .await;
    let ticks = std::cell::Cell::new(0);
    until("a while", || {
        ticks.set(ticks.get() + 1);
        ticks.get() > 20
    })
    .await;
    assert!(recorder.of("etalase:checkout_started").is_empty());
    assert!(api.seen("PUT", "/v1/cart/items/v-m").is_empty());
    assert!(api.seen("GET", "/v1/cart").is_empty());
    assert_eq!(target.count("[data-testid=cart-badge]"), 0);

    // The cart asks the viewer to sign in, with no total and no checkout.
    target.find("[data-testid=cart-button]").unwrap().click();
    until("the sign-in state", || {
        target.count("[data-testid=cart-signed-out]") == 1
    })
    .await;
    assert_eq!(
        text_of(&target, "[data-testid=cart-signed-out] .empty-title").as_deref(),
        Some("Sign in to see your cart")
    );
    assert_eq!(target.count("[data-testid=checkout]"), 0);
    assert_eq!(target.count("[data-testid=cart-total]"), 0);
    // Tapping "Sign in" asks the host again.
    target.find("[data-testid=cart-sign-in]").unwrap().click();
    until("asked again", || {
        recorder.of("etalase:auth_required").len() == 3
    })
    .await;
    assert_eq!(
        field(&recorder.of("etalase:auth_required")[2].1, "code")
            .as_string()
            .as_deref(),
        Some("publishable_key_forbidden")
    );

    // The token comes: the line lands and the checkout started goes on.
    handle.set_token("fresh".into()).unwrap();
    until("the line", || {
        !api.seen("PUT", "/v1/cart/items/v-m").is_empty()
    })
    .await;
    assert_eq!(
        api.seen("PUT", "/v1/cart/items/v-m")[0]
            .authorization
            .as_deref(),
        Some("Bearer fresh")
    );
    until("the checkout", || {
        recorder.of("etalase:checkout_started").len() == 1
    })
    .await;
    until("the count", || counts(&recorder).last() == Some(&1.0)).await;
    assert_eq!(target.count("[data-testid=cart-signed-out]"), 0);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_quantity_the_server_refuses_is_rolled_back() {
    // The cart last said 5 in stock; the server now has only 2.
    let mut stale = line_m(2);
    stale.stock = 5;
    let cart = Rc::new(RefCell::new(cart_of(vec![stale])));
    let api = FakeApi::install_with(with_cart(cart, Rc::default()));
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[("locale", "en-US".into())]);
    until("the cart", || counts(&recorder) == [2.0]).await;
    handle.open_cart();
    until("the line", || target.count("[data-testid=cart-line]") == 1).await;
    let quantity = || text_of(&target, "[data-testid=cart-line] [data-testid=qty]");
    target
        .find("[data-testid=cart-line] [data-testid=qty-increase]")
        .unwrap()
        .click();
    until("the refusal", || {
        text_of(&target, "[data-testid=toast]").as_deref()
            == Some("Not enough stock for that quantity.")
    })
    .await;
    assert_eq!(quantity().as_deref(), Some("2"), "rolled back");
    until("a fresh load", || api.seen("GET", "/v1/cart").len() == 2).await;
    // 3 was shown (and told to the host) before the server refused it.
    assert_eq!(counts(&recorder), [2.0, 3.0, 2.0]);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_removed_line_comes_back_with_undo() {
    let cart = Rc::new(RefCell::new(cart_of(vec![line_m(2)])));
    let api = FakeApi::install_with(with_cart(Rc::clone(&cart), Rc::default()));
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[]);
    until("the cart", || counts(&recorder) == [2.0]).await;
    handle.open_cart();
    until("the line", || target.count("[data-testid=cart-line]") == 1).await;
    target.find("[data-testid=line-remove]").unwrap().click();
    until("the line to go", || {
        target.count("[data-testid=cart-line]") == 0
    })
    .await;
    until("the DELETE", || {
        api.seen("DELETE", "/v1/cart/items/v-m").len() == 1
    })
    .await;
    assert_eq!(
        text_of(&target, "[data-testid=toast] span").as_deref(),
        Some("Dihapus dari keranjang")
    );
    target.find("[data-testid=undo]").unwrap().click();
    until("the line back", || {
        target.count("[data-testid=cart-line]") == 1
    })
    .await;
    until("the PUT", || {
        api.seen("PUT", "/v1/cart/items/v-m").len() == 1
    })
    .await;
    assert_eq!(
        api.seen("PUT", "/v1/cart/items/v-m")[0].body.as_deref(),
        Some(r#"{"quantity":2,"stream_id":"live-1"}"#)
    );
    until("the server's cart", || cart.borrow().item_count == 2).await;
    assert_eq!(counts(&recorder), [2.0, 0.0, 2.0]);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_kept_copy_paints_before_the_server_answers_and_bad_copies_go() {
    // A copy from an earlier visit, and an API that never answers the cart.
    let kept = serde_json::json!({
        "v": 1,
        "cart": cart_of(vec![line_m(2)]),
        "unselected": []
    });
    storage().set_item(STORED, &kept.to_string()).unwrap();
    let _api = FakeApi::install(|url| {
        if url.ends_with("/v1/cart") {
            Reply::Pending
        } else {
            healthy(url)
        }
    });
    let target = Target::new_keeping_storage();
    let mut handle = mounted(&target, &[]);
    until("the kept badge", || {
        text_of(&target, "[data-testid=cart-badge]").as_deref() == Some("2")
    })
    .await;
    handle.destroy();

    for bad in [
        "{not json",
        r#"{"v":2,"cart":{},"unselected":[]}"#,
        r#"{"v":1,"cart":7}"#,
    ] {
        storage().set_item(STORED, bad).unwrap();
        let target = Target::new_keeping_storage();
        let mut handle = mounted(&target, &[]);
        until("the bad copy dropped", || {
            storage().get_item(STORED).unwrap().is_none()
        })
        .await;
        assert_eq!(target.count("[data-testid=cart-button]"), 1, "{bad}");
        assert_eq!(target.count("[data-testid=cart-badge]"), 0, "{bad}");
        handle.destroy();
    }
}

#[wasm_bindgen_test]
async fn an_expired_token_asks_the_host_and_set_token_retries_with_the_new_one() {
    let _api = FakeApi::install_with(|seen: &Seen| {
        if seen.url.ends_with("/v1/cart") && seen.authorization.as_deref() == Some("Bearer old") {
            let error = ErrorBody::new(ErrorCode::TokenExpired, "expired");
            return Reply::Json(401, serde_json::to_string(&error).unwrap());
        }
        healthy(&seen.url)
    });
    let target = Target::new();
    let recorder = target.record(&["etalase:auth_required", "etalase:cart_changed"]);
    let mut handle = mounted(&target, &[("token", "old".into())]);
    until("auth_required", || {
        recorder.of("etalase:auth_required").len() == 1
    })
    .await;
    let detail = recorder.of("etalase:auth_required")[0].1.clone();
    assert_eq!(
        field(&detail, "code").as_string().as_deref(),
        Some("token_expired")
    );
    assert!(counts(&recorder).is_empty(), "no cart is known yet");
    handle.set_token("  new ".into()).unwrap();
    until("the cart", || counts(&recorder) == [0.0]).await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn set_token_takes_a_string_or_null_and_throws_naming_anything_else() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let mut handle = mounted(&target, &[]);
    let needs = "etalase: setToken() needs a token string, or null to sign out; got ";
    assert_eq!(thrown(handle.set_token(42.into())), [needs, "42"].concat());
    assert_eq!(
        thrown(handle.set_token(true.into())),
        [needs, "true"].concat()
    );
    // The quickstart's session object, passed whole: its fields named, not its token.
    let session = config(&[("token", "etl_secret".into()), ("apiBase", API.into())]);
    let message = thrown(handle.set_token(session));
    assert_eq!(
        message,
        [
            needs,
            r#"an object {"token":…,"apiBase":…}: pass its .token"#
        ]
        .concat()
    );
    assert!(!message.contains("etl_secret"), "{message}");
    assert_eq!(
        thrown(handle.set_token(config(&[("user", "u-1".into())]))),
        [needs, r#"an object {"user":…}"#].concat()
    );
    assert_eq!(
        thrown(handle.set_token(js_sys::Array::of1(&"etl_x".into()).into())),
        [needs, r#"["etl_x"]"#].concat()
    );
    for signed_out in [JsValue::NULL, JsValue::UNDEFINED, "  ".into()] {
        handle.set_token(signed_out).unwrap();
    }
    handle.set_token("etl_x".into()).unwrap();
    handle.destroy();
}

// ---- the host's handle, theme and connection -----------------------------------------

#[wasm_bindgen_test]
async fn the_handle_opens_and_closes_sheets_for_the_host() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:product_viewed"]);
    let mut handle = mounted(&target, &[]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    let open = |testid: &str| {
        target
            .find(&["[data-testid=", testid, "]"].concat())
            .and_then(|sheet| sheet.get_attribute("data-open"))
            .as_deref()
            == Some("true")
    };
    assert!(
        !handle.close(),
        "nothing to close: the host may navigate back"
    );

    handle.open(config(&[("productId", "p2".into())])).unwrap();
    until("the product sheet", || open("product-sheet")).await;
    until("the product viewed", || {
        recorder.of("etalase:product_viewed").len() == 1
    })
    .await;
    assert!(handle.close(), "the back button closed the sheet");
    until("closed", || !open("product-sheet")).await;

    handle.open_cart();
    until("the cart", || open("cart-sheet")).await;
    assert!(target.find("[data-testid=cart-empty]").is_some());
    // Escape is heard once the dialog has taken focus, as a person would press it.
    until("focus in the cart", || {
        target
            .shadow()
            .active_element()
            .and_then(|element| element.get_attribute("data-testid"))
            .as_deref()
            == Some("cart-close")
    })
    .await;
    press_escape();
    until("closed by Escape", || !open("cart-sheet")).await;

    assert_eq!(
        thrown(handle.open(config(&[]))),
        "etalase: open() needs { productId: string }; got productId undefined"
    );
    handle.destroy();
    assert!(!handle.close(), "a destroyed widget closes nothing");
}

#[wasm_bindgen_test]
async fn focus_stays_inside_an_open_sheet_and_comes_back_to_the_cart_button() {
    let cart = Rc::new(RefCell::new(cart_of(vec![line_m(1)])));
    let _api = FakeApi::install_with(with_cart(cart, Rc::default()));
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[]);
    until("the cart", || counts(&recorder) == [1.0]).await;
    let button = target.find("[data-testid=cart-button]").unwrap();
    button.focus().unwrap();
    button.click();
    let active = || {
        target
            .shadow()
            .active_element()
            .and_then(|element| element.get_attribute("data-testid"))
    };
    until("focus in the cart", || {
        active().as_deref() == Some("cart-close")
    })
    .await;
    // First control: close; last: the footer's Checkout button.
    press_key("Tab", true);
    assert_eq!(
        active().as_deref(),
        Some("checkout"),
        "Shift+Tab wraps to the last"
    );
    press_key("Tab", false);
    assert_eq!(
        active().as_deref(),
        Some("cart-close"),
        "Tab wraps to the first"
    );
    press_escape();
    until("focus back on the cart button", || {
        active().as_deref() == Some("cart-button")
    })
    .await;
    handle.destroy();
}

#[wasm_bindgen_test]
fn a_host_theme_adds_its_accent_sheet_and_light_surfaces() {
    let _api = FakeApi::install(|_| Reply::Pending);
    let target = Target::new();
    let theme = config(&[("accent", "#1E88E5".into()), ("dark", false.into())]);
    let mut handle = mounted(&target, &[("theme", theme)]);
    let sheets = target.shadow().adopted_style_sheets();
    assert_eq!(sheets.length(), 2, "the shared sheet and the host's");
    let own: CssStyleSheet = sheets.get(1).dyn_into().unwrap();
    let rule = own.css_rules().unwrap().item(0).unwrap().css_text();
    assert!(rule.contains("--etalase-accent: #1e88e5"), "{rule}");
    assert!(rule.contains("--etalase-on-accent: #fff"), "{rule}");
    // White on #1e88e5 is 3.7:1, so text sits on a darker shade of it.
    assert!(rule.contains("--etalase-accent-fill: #1a78ca"), "{rule}");
    assert_eq!(
        target
            .container()
            .unwrap()
            .get_attribute("data-theme")
            .as_deref(),
        Some("light")
    );
    assert_eq!(target.count("[style]"), 0, "still no style attribute");
    handle.destroy();

    let bad = config(&[("accent", "red;}".into())]);
    let mut entries = good_config();
    entries.push(("theme", bad));
    let message = mount_error(target.0.clone().into(), config(&entries));
    assert!(message.contains("config.theme.accent"), "{message}");
}

#[wasm_bindgen_test]
async fn the_offline_banner_follows_the_connection() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let mut handle = mounted(&target, &[("locale", "en-US".into())]);
    until("the cards", || {
        target.count("[data-testid=product-card]") == 2
    })
    .await;
    assert_eq!(target.count("[data-testid=offline]"), 0);
    let window = web_sys::window().unwrap();
    window
        .dispatch_event(&web_sys::Event::new("offline").unwrap())
        .unwrap();
    until("the banner", || target.count("[data-testid=offline]") == 1).await;
    assert_eq!(
        text_of(&target, "[data-testid=offline]").as_deref(),
        Some("You're offline")
    );
    window
        .dispatch_event(&web_sys::Event::new("online").unwrap())
        .unwrap();
    until("no banner", || target.count("[data-testid=offline]") == 0).await;
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_sheet_follows_a_finger_down_its_grip_and_closes_past_a_point() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[]);
    until("the cart", || counts(&recorder) == [0.0]).await;
    handle.open_cart();
    let sheet = || target.find("[data-testid=cart-sheet]").unwrap();
    until("open", || {
        sheet().get_attribute("data-open").as_deref() == Some("true")
    })
    .await;
    let grip = target.find("[data-testid=cart-sheet] .grip").unwrap();
    let pointer = |kind: &str, y: i32| {
        let init = PointerEventInit::new();
        init.set_pointer_id(7);
        init.set_client_y(y);
        init.set_bubbles(true);
        let event = PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
        grip.dispatch_event(&event).unwrap();
    };
    let own: CssStyleSheet = target
        .shadow()
        .adopted_style_sheets()
        .get(1)
        .dyn_into()
        .unwrap();
    let drag = || {
        let rule: web_sys::CssStyleRule = own
            .css_rules()
            .unwrap()
            .item(0)
            .unwrap()
            .dyn_into()
            .unwrap();
        rule.style().get_property_value("--etalase-drag").unwrap()
    };

    // A short drag: the sheet follows, then goes back.
    pointer("pointerdown", 300);
    pointer("pointermove", 310);
    assert!(sheet().has_attribute("data-dragging"));
    assert_eq!(drag(), "10px");
    pointer("pointermove", 290);
    assert_eq!(drag(), "0px", "never above where it rests");
    pointer("pointerup", 290);
    assert!(!sheet().has_attribute("data-dragging"));
    assert_eq!(drag(), "");
    assert_eq!(sheet().get_attribute("data-open").as_deref(), Some("true"));
    assert_eq!(
        target.count("[style]"),
        0,
        "through the CSSOM, no style attribute"
    );

    // A long one closes it.
    pointer("pointerdown", 300);
    pointer("pointermove", 500);
    assert_eq!(drag(), "200px");
    pointer("pointerup", 500);
    until("closed", || {
        sheet().get_attribute("data-open").as_deref() == Some("false")
    })
    .await;
    handle.destroy();
}

/// Dispatches a keydown of `key` on the widget's focused element, as a keyboard would.
fn press_key(key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_composed(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let active = document.active_element().unwrap();
    active.dispatch_event(&event).unwrap();
}

// ---- the live feed --------------------------------------------------------------------

/// One Server-Sent Event carrying `event` as its data.
fn sse(event: &StreamEvent) -> String {
    [
        "event: ",
        event.name(),
        "\ndata: ",
        &serde_json::to_string(event).unwrap(),
        "\n\n",
    ]
    .concat()
}

fn snapshot(pinned: &str, order: &[&str]) -> StreamEvent {
    StreamEvent::Snapshot {
        pinned_product_id: Some(pinned.into()),
        product_ids: order.iter().map(|id| id.to_string()).collect(),
        stock: order
            .iter()
            .map(|id| ProductStock {
                product_id: id.to_string(),
                stock: 10,
            })
            .collect(),
        vouchers: vec![],
    }
}

fn stock(product: &str, variant: &str, left: u32) -> StreamEvent {
    StreamEvent::Stock {
        product_id: product.into(),
        variant_id: variant.into(),
        variant_stock: left,
        product_stock: left,
    }
}

/// The healthy API whose live feed answers its `n`th connection (from 0)
/// with `feeds[n]` and then ends; connections past the last get the last.
fn with_feeds(feeds: Vec<String>) -> impl Fn(&Seen) -> Reply {
    let connections = Rc::new(RefCell::new(0_usize));
    move |seen: &Seen| {
        if seen.url == [API, "/v1/streams/live-1/events"].concat() {
            let mut n = connections.borrow_mut();
            let feed = feeds[(*n).min(feeds.len() - 1)].clone();
            *n += 1;
            return Reply::Json(200, feed);
        }
        healthy(&seen.url)
    }
}

/// The product id of the first card, and whether it shows the pinned badge.
fn first_card(target: &Target) -> Option<(String, bool)> {
    let card = target.find("[data-testid=product-card]")?;
    let pinned = card
        .query_selector("[data-testid=pinned-badge]")
        .ok()?
        .is_some();
    Some((card.get_attribute("data-product-id")?, pinned))
}

fn card_stock(target: &Target, product: &str) -> Option<String> {
    text_of(
        target,
        &["[data-product-id=", product, "] [data-testid=card-stock]"].concat(),
    )
}

#[wasm_bindgen_test]
async fn the_live_feed_moves_the_pin_and_shows_stock_on_the_cards_and_reconnects() {
    let first = [
        sse(&snapshot("p2", &["p1", "p2"])),
        ": keep-alive\n\n".to_owned(),
        sse(&StreamEvent::Pinned {
            product_id: "p1".into(),
        }),
        sse(&stock("p2", "v-m", 2)),
    ]
    .concat();
    let second = [
        sse(&snapshot("p1", &["p1", "p2"])),
        sse(&stock("p2", "v-m", 0)),
    ]
    .concat();
    let api = FakeApi::install_with(with_feeds(vec![first, second]));
    let target = Target::new();
    let recorder = target.record(&["etalase:ready"]);
    let mut handle = mounted(&target, &[("token", "t-live".into())]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    until("p1 pinned, first", || {
        first_card(&target) == Some(("p1".to_owned(), true))
    })
    .await;
    assert_eq!(
        target.count("[data-testid=pinned-badge]"),
        1,
        "one pin at a time"
    );
    until("Sisa 2 on p2", || {
        card_stock(&target, "p2").as_deref() == Some("Sisa 2")
    })
    .await;
    // The first feed ends; the widget connects again and hears p2 sell out.
    until("Habis on p2", || {
        card_stock(&target, "p2").as_deref() == Some("Habis")
    })
    .await;
    let feeds = api.seen("GET", "/v1/streams/live-1/events");
    assert!(feeds.len() >= 2, "reconnected");
    assert_eq!(feeds[0].authorization.as_deref(), Some("Bearer t-live"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_product_new_to_the_showcase_reloads_it_without_a_skeleton() {
    let grown = serde_json::to_string(&Showcase {
        stream_id: "live-1".into(),
        pinned_product_id: Some("p2".into()),
        products: vec![card("p1", false), card("p2", true), card("p3", false)],
    })
    .unwrap();
    let loads = Rc::new(RefCell::new(0_u32));
    let feed = sse(&StreamEvent::Showcase {
        product_ids: vec!["p3".into(), "p2".into(), "p1".into()],
    });
    let route = {
        let (loads, feeds) = (Rc::clone(&loads), with_feeds(vec![feed]));
        move |seen: &Seen| {
            if seen.url.ends_with("/v1/streams/live-1/products") {
                *loads.borrow_mut() += 1;
                if *loads.borrow() > 1 {
                    return Reply::Json(200, grown.clone());
                }
            }
            feeds(seen)
        }
    };
    let _api = FakeApi::install_with(route);
    let target = Target::new();
    let mut handle = mounted(&target, &[]);
    until("three cards", || {
        target.count("[data-testid=product-card]") == 3
    })
    .await;
    assert_eq!(*loads.borrow(), 2, "the showcase was loaded again once");
    let order: Vec<String> = (0..3)
        .map(|at| {
            let cards = target
                .shadow()
                .query_selector_all("[data-testid=product-card]")
                .unwrap();
            let card: Element = cards.get(at).unwrap().dyn_into().unwrap();
            card.get_attribute("data-product-id").unwrap()
        })
        .collect();
    assert_eq!(
        order,
        ["p2", "p3", "p1"],
        "pinned first, then the feed's order"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_variant_selling_out_live_cannot_be_added_and_flags_its_cart_line() {
    let quiet = sse(&snapshot("p2", &["p1", "p2"]));
    let sold_out = [
        sse(&snapshot("p2", &["p1", "p2"])),
        sse(&stock("p2", "v-m", 0)),
    ]
    .concat();
    let cart = Rc::new(RefCell::new(cart_of(vec![line_m(1)])));
    let feeds = with_feeds(vec![quiet, sold_out]);
    let carts = with_cart(cart, Rc::default());
    let _api = FakeApi::install_with(move |seen: &Seen| {
        if seen.url.ends_with("/events") {
            feeds(seen)
        } else {
            carts(seen)
        }
    });
    let target = Target::new();
    let recorder = target.record(&["etalase:cart_changed"]);
    let mut handle = mounted(&target, &[]);
    until("the cart", || counts(&recorder) == [1.0]).await;
    open_p2(&target).await;
    // The next connection says M is gone.
    until("add disabled", || {
        target
            .find("[data-testid=add-to-cart]")
            .is_some_and(|button| button.has_attribute("disabled"))
    })
    .await;
    assert_eq!(
        text_of(&target, "[data-testid=stock]").as_deref(),
        Some("Habis")
    );
    assert!(target
        .find("[data-testid=buy-now]")
        .unwrap()
        .has_attribute("disabled"));
    handle.open_cart();
    until("the flagged line", || {
        text_of(&target, "[data-testid=line-flag]").as_deref() == Some("Habis")
    })
    .await;
    assert!(target
        .find("[data-testid=line-select]")
        .unwrap()
        .has_attribute("disabled"));
    handle.destroy();
}

// ---- host embedding: stream, locale, theme, closed, token gate, preload -------

/// The healthy API, plus a second stream `live-2` holding only p9.
fn two_streams(url: &str) -> Reply {
    if url == [API, "/v1/streams/live-2/products"].concat() {
        let showcase = Showcase {
            stream_id: "live-2".into(),
            pinned_product_id: None,
            products: vec![card("p9", false)],
        };
        return Reply::Json(200, serde_json::to_string(&showcase).unwrap());
    }
    healthy(url)
}

/// The product ids of the cards shown, in order.
fn card_ids(target: &Target) -> Vec<String> {
    let cards = target
        .shadow()
        .query_selector_all("[data-testid=product-card]")
        .unwrap();
    (0..cards.length())
        .filter_map(|index| cards.item(index))
        .filter_map(|card| card.dyn_into::<Element>().ok())
        .filter_map(|card| card.get_attribute("data-product-id"))
        .collect()
}

/// The message of the `Error` a handle method threw.
fn thrown(result: Result<(), JsError>) -> String {
    let error: js_sys::Error = JsValue::from(result.unwrap_err()).dyn_into().unwrap();
    error.message().into()
}

#[wasm_bindgen_test]
fn the_handle_methods_say_what_they_got() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let mut handle = mounted(&target, &[]);
    assert_eq!(
        thrown(handle.set_stream(42.into())),
        "etalase: setStream(): streamId must be a non-empty string; got 42"
    );
    assert_eq!(
        thrown(handle.set_stream(JsValue::NULL)),
        "etalase: setStream(): streamId must be a non-empty string; got null"
    );
    assert_eq!(
        thrown(handle.set_locale(JsValue::UNDEFINED)),
        r#"etalase: setLocale(): locale must be "id-ID" or "en-US"; got undefined"#
    );
    assert_eq!(
        thrown(handle.set_locale("en".into())),
        r#"etalase: setLocale(): locale must be "id-ID" or "en-US"; got "en""#
    );
    assert_eq!(
        thrown(handle.set_theme("dark".into())),
        r##"etalase: setTheme(): theme must be an object such as { accent: "#fe2c55", dark: true }; got "dark""##
    );
    assert_eq!(
        thrown(handle.set_theme(config(&[("dark", "yes".into())]))),
        "etalase: setTheme(): theme.dark must be true or false",
        "a field's error names the field"
    );
    assert_eq!(
        thrown(handle.open(config(&[("productId", 42.into())]))),
        "etalase: open() needs { productId: string }; got productId 42"
    );
    assert_eq!(
        thrown(handle.open("p1".into())),
        r#"etalase: open() needs { productId: string }; got "p1""#
    );
    let playback = "etalase: setPlayback() needs a number of seconds, 0 or more; got ";
    for (seconds, got) in [
        (JsValue::from("12"), r#""12""#),
        (f64::NAN.into(), "NaN"),
        ((-1).into(), "-1"),
        (JsValue::NULL, "null"),
        (
            config(&[("seconds", 3.into())]),
            r#"an object {"seconds":…}"#,
        ),
    ] {
        assert_eq!(
            thrown(handle.set_playback(seconds)),
            [playback, got].concat()
        );
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_handle_switches_stream_locale_and_theme_in_place() {
    let api = FakeApi::install(two_streams);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:cart_changed"]);
    let mut handle = mounted(&target, &[]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    let container = target.container().unwrap();

    handle.set_stream("live-2".into()).unwrap();
    until("live-2's cards", || card_ids(&target) == ["p9"]).await;
    assert_eq!(
        target.container().unwrap(),
        container,
        "the same widget, not a new one"
    );
    assert_eq!(
        api.seen("GET", "/v1/cart").len(),
        1,
        "the cart is not reloaded"
    );
    assert_eq!(
        thrown(handle.set_stream("  ".into())),
        r#"etalase: setStream(): streamId must be a non-empty string; got "  ""#
    );

    let lang = || {
        target
            .find(".root")
            .and_then(|root| root.get_attribute("lang"))
    };
    assert_eq!(lang().as_deref(), Some("id-ID"));
    handle.set_locale("en-US".into()).unwrap();
    until("English", || lang().as_deref() == Some("en-US")).await;
    assert_eq!(
        thrown(handle.set_locale("fr-FR".into())),
        r#"etalase: setLocale(): locale must be "id-ID" or "en-US"; got "fr-FR""#
    );
    handle.set_locale("ID-id".into()).unwrap();
    until("Indonesian, the tag in any case", || {
        lang().as_deref() == Some("id-ID")
    })
    .await;
    handle.set_locale("en-us".into()).unwrap();
    until("English again", || lang().as_deref() == Some("en-US")).await;

    let own = || {
        let sheet: CssStyleSheet = target
            .shadow()
            .adopted_style_sheets()
            .get(1)
            .dyn_into()
            .unwrap();
        sheet.css_rules().unwrap().item(0).unwrap().css_text()
    };
    handle
        .set_theme(config(&[
            ("accent", "#FFD400".into()),
            ("dark", false.into()),
        ]))
        .unwrap();
    assert!(own().contains("--etalase-accent: #ffd400"), "{}", own());
    assert_eq!(
        container.get_attribute("data-theme").as_deref(),
        Some("light")
    );
    handle.set_theme(config(&[])).unwrap();
    assert!(!own().contains("--etalase-accent"), "{}", own());
    assert_eq!(container.get_attribute("data-theme"), None);
    let bad = handle.set_theme(config(&[("accent", "red".into())]));
    assert_eq!(
        thrown(bad),
        r##"etalase: setTheme(): theme.accent must be a hex colour such as "#fe2c55""##
    );
    let layout = target
        .shadow()
        .adopted_style_sheets()
        .get(1)
        .dyn_into::<CssStyleSheet>()
        .unwrap()
        .css_rules()
        .unwrap()
        .item(1)
        .unwrap()
        .css_text();
    assert!(layout.contains("position: absolute !important"), "{layout}");
    assert_eq!(
        recorder.of("etalase:ready").len(),
        1,
        "ready once per mount"
    );
    handle.destroy();
    handle.set_stream("live-1".into()).unwrap();
    assert!(
        target.container().is_none(),
        "a destroyed widget stays gone"
    );
}

#[wasm_bindgen_test]
async fn closing_a_sheet_tells_the_host_which() {
    let _api = FakeApi::install(healthy);
    let target = Target::new();
    let recorder = target.record(&["etalase:ready", "etalase:closed"]);
    let mut handle = mounted(&target, &[]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    handle.open(config(&[("productId", "p2".into())])).unwrap();
    until("the sheet", || {
        target.count("[data-testid=variant-option]") == 2
    })
    .await;
    assert!(recorder.of("etalase:closed").is_empty());
    handle.open_cart();
    until("the cart", || {
        target
            .find("[data-testid=cart-sheet]")
            .and_then(|sheet| sheet.get_attribute("data-open"))
            .as_deref()
            == Some("true")
    })
    .await;
    assert_eq!(
        recorder.of("etalase:closed").len(),
        0,
        "DEBUG after open_cart"
    );
    assert!(handle.close());
    until("closed", || !recorder.of("etalase:closed").is_empty()).await;
    let closed = recorder.of("etalase:closed");
    assert_eq!(
        closed.len(),
        1,
        "the product sheet gave way to the cart: one close"
    );
    assert_eq!(
        field(&closed[0].1, "sheet").as_string().as_deref(),
        Some("cart")
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_change_refused_for_its_token_waits_for_the_next_one_and_is_sent_once_more() {
    let cart = Rc::new(RefCell::new(cart_of(vec![])));
    let with = with_cart(Rc::clone(&cart), Rc::default());
    let api = FakeApi::install_with(move |seen: &Seen| {
        let old = seen.authorization.as_deref() == Some("Bearer old");
        if old && seen.method == "PUT" {
            let error = ErrorBody::new(ErrorCode::TokenExpired, "expired");
            return Reply::Json(401, serde_json::to_string(&error).unwrap());
        }
        with(seen)
    });
    let target = Target::new();
    let recorder = target.record(&["etalase:auth_required", "etalase:cart_changed"]);
    let mut handle = mounted(&target, &[("token", "old".into())]);
    until("the empty cart", || counts(&recorder) == [0.0]).await;
    open_p2(&target).await;
    target.find("[data-testid=add-to-cart]").unwrap().click();
    until("auth_required", || {
        !recorder.of("etalase:auth_required").is_empty()
    })
    .await;
    let asked = recorder.of("etalase:auth_required");
    assert_eq!(
        field(&asked[0].1, "code").as_string().as_deref(),
        Some("token_expired")
    );
    // The shopper's line stays in the cart while the host gets a token.
    assert_eq!(
        text_of(&target, "[data-testid=cart-badge]").as_deref(),
        Some("1")
    );
    assert_eq!(
        text_of(&target, "[data-testid=toast]").as_deref(),
        Some("Ditambahkan ke keranjang"),
        "nothing was refused in the shopper's eyes"
    );

    handle.set_token("new".into()).unwrap();
    until("the cart on the server", || cart.borrow().item_count == 1).await;
    let puts = api.seen("PUT", "/v1/cart/items/v-m");
    let sent: Vec<_> = puts.iter().map(|put| put.authorization.clone()).collect();
    assert_eq!(
        sent,
        [Some("Bearer old".to_owned()), Some("Bearer new".to_owned())],
        "sent once more, with the new token"
    );
    assert_eq!(recorder.of("etalase:auth_required").len(), 1);
    assert_eq!(counts(&recorder).last(), Some(&1.0));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_request_waiting_for_a_token_ends_when_the_widget_is_destroyed() {
    let api = FakeApi::install(|_| {
        let error = ErrorBody::new(ErrorCode::Unauthenticated, "no token");
        Reply::Json(401, serde_json::to_string(&error).unwrap())
    });
    let target = Target::new();
    let recorder = target.record(&["etalase:auth_required", "etalase:error"]);
    let mut handle = mounted(&target, &[]);
    until("auth_required", || {
        recorder.of("etalase:auth_required").len() == 1
    })
    .await;
    handle.destroy();
    // Parked, the showcase request was never answered: now it ends quietly.
    // (Nothing to poll for: give a wrong resend 50 ms to show itself.)
    let pause = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    JsFuture::from(pause).await.unwrap();
    assert_eq!(api.urls().len(), 1, "not sent again after destroy");
    assert!(
        recorder.of("etalase:error").is_empty(),
        "a destroyed widget says nothing"
    );
}

#[wasm_bindgen_test]
async fn a_preloaded_showcase_is_taken_by_the_mount_instead_of_asked_again() {
    let api = FakeApi::install(healthy);
    let target = Target::new();
    let mut entries = good_config();
    entries.push(("token", "t-preload".into()));
    etalase::preload(config(&entries)).unwrap();
    until("the preload", || !api.urls().is_empty()).await;
    assert_eq!(api.urls(), [[API, "/v1/streams/live-1/products"].concat()]);
    let recorder = target.record(&["etalase:ready"]);
    let mut handle = mounted(&target, &[("token", "t-preload".into())]);
    until("ready", || !recorder.of("etalase:ready").is_empty()).await;
    let showcase = api.seen("GET", "/v1/streams/live-1/products");
    assert_eq!(showcase.len(), 1, "one request for preload and mount");
    handle.destroy();

    // Another shopper's mount does not take it: a preload is for one token.
    etalase::preload(config(&entries)).unwrap();
    let mut other = mounted(&target, &[("token", "t-other".into())]);
    until("a request of its own", || {
        api.seen("GET", "/v1/streams/live-1/products").len() == 3
    })
    .await;
    other.destroy();
    let error = etalase::preload(config(&[("streamId", "x".into())])).unwrap_err();
    let error: js_sys::Error = JsValue::from(error).dyn_into().unwrap();
    assert!(String::from(error.message()).contains("apiBase"));
}

/// `body` read back as the contract's `T`, which refuses unknown fields.
fn decoded<T: serde::de::DeserializeOwned>(body: &str) -> T {
    serde_json::from_str(body)
        .unwrap_or_else(|error| panic!("{body} is not the contract's: {error}"))
}

#[wasm_bindgen_test]
fn every_request_body_the_widget_sends_is_the_contracts_type_field_for_field() {
    use etalase::api::body;
    use etalase_contract::{
        AddressForm, Bank, DealQuoteRequest, DropVoucher, LiveVoucherKind, PaymentMethod,
        PlaceOrder, QuoteRequest, SetPin, SetQuantity, SetShowcase, ShippingChoice, StartFlashDeal,
        Wallet, WireName,
    };

    let keyed = AddressForm {
        recipient: "Sari \"Dewi\"".into(),
        phone: "081234567890".into(),
        region_code: Some("32.73.02.1004".into()),
        province: None,
        city: None,
        district: None,
        postal_code: "40135".into(),
        street: "Jl. Dago No. 1\nRT 02".into(),
    };
    assert_eq!(decoded::<AddressForm>(&body::address_form(&keyed)), keyed);
    let legacy = AddressForm {
        region_code: None,
        province: Some("Jawa Barat".into()),
        city: Some("Kota Bandung".into()),
        district: Some("Coblong".into()),
        ..keyed
    };
    assert_eq!(decoded::<AddressForm>(&body::address_form(&legacy)), legacy);

    let mut methods = vec![PaymentMethod::Qris, PaymentMethod::Cod, PaymentMethod::Card];
    methods.extend(
        Bank::ALL
            .iter()
            .map(|&bank| PaymentMethod::VirtualAccount { bank }),
    );
    methods.extend(
        Wallet::ALL
            .iter()
            .map(|&wallet| PaymentMethod::Ewallet { wallet }),
    );
    for payment in methods {
        let request = QuoteRequest {
            address_id: "adr-1".into(),
            shipping: vec![ShippingChoice {
                shop_id: "shp-1".into(),
                option_id: "jne-reg".into(),
                insurance: true,
            }],
            vouchers: vec!["HEMAT10".into()],
            payment,
            stream_id: Some("live-1".into()),
            variant_ids: Some(vec!["var-1".into()]),
        };
        assert_eq!(
            decoded::<QuoteRequest>(&body::quote_request(&request)),
            request
        );
    }
    let whole_cart = QuoteRequest {
        address_id: "adr-1".into(),
        shipping: Vec::new(),
        vouchers: Vec::new(),
        payment: PaymentMethod::Qris,
        stream_id: None,
        variant_ids: None,
    };
    assert_eq!(
        decoded::<QuoteRequest>(&body::quote_request(&whole_cart)),
        whole_cart
    );

    assert_eq!(
        decoded::<SetQuantity>(&body::set_quantity(3, "live-1", None)),
        SetQuantity {
            quantity: 3,
            stream_id: Some("live-1".into()),
            playback_second: None,
        }
    );
    assert_eq!(
        decoded::<SetQuantity>(&body::set_quantity(1, "vid-1", Some(42))),
        SetQuantity {
            quantity: 1,
            stream_id: Some("vid-1".into()),
            playback_second: Some(42),
        }
    );
    assert_eq!(
        decoded::<PlaceOrder>(&body::place_order("qt-1")),
        PlaceOrder {
            quote_id: "qt-1".into()
        }
    );
    let ids = vec!["p-1".to_owned(), "p-2".to_owned()];
    assert_eq!(
        decoded::<SetShowcase>(&body::set_showcase(&ids)),
        SetShowcase { product_ids: ids }
    );
    for product_id in [Some("p-1".to_owned()), None] {
        assert_eq!(
            decoded::<SetPin>(&body::set_pin(product_id.as_deref())),
            SetPin { product_id }
        );
    }
    for (kind, value, max_discount) in [
        (LiveVoucherKind::Amount, 10_000, None),
        (LiveVoucherKind::Percent, 20, Some(Rupiah(25_000))),
    ] {
        let voucher = DropVoucher {
            kind,
            value,
            max_discount,
            min_spend: Rupiah(50_000),
            quota: 100,
            claimable_minutes: 5,
        };
        assert_eq!(
            decoded::<DropVoucher>(&body::drop_voucher(&voucher)),
            voucher
        );
    }
    let deal_quote = DealQuoteRequest {
        address_id: "adr-1".into(),
        quantity: 1,
        shipping: vec![ShippingChoice {
            shop_id: "shp-1".into(),
            option_id: "jne-reg".into(),
            insurance: false,
        }],
        vouchers: vec!["HEMAT10".into()],
        payment: PaymentMethod::Qris,
    };
    assert_eq!(
        decoded::<DealQuoteRequest>(&body::deal_quote(&deal_quote)),
        deal_quote
    );
    for variant_id in [Some("var-1".to_owned()), None] {
        let deal = StartFlashDeal {
            product_id: "prd-1".into(),
            variant_id,
            price: Rupiah(49_000),
            units: 20,
            per_buyer_limit: 2,
            starts_in_seconds: 30,
            minutes: 5,
        };
        assert_eq!(decoded::<StartFlashDeal>(&body::start_deal(&deal)), deal);
    }
}
