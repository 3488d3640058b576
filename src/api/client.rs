//! [`ApiClient`]: one async method per endpoint, over the browser's `fetch`.
//!
//! Requests go straight through web-sys (`window.fetch(Request)`); bodies
//! are parsed by the browser (`Response.json()`) and decoded from the
//! resulting JS value by [`from_js`]. So the wasm carries neither an HTTP
//! client nor a JSON parser of its own: both are in the browser.

use std::cell::RefCell;
use std::rc::Rc;

use etalase_contract::{
    Cart, Checkout, ErrorBody, ErrorCode, Order, OrderList, OriginCheck, Payment,
    PaymentInstructions, ProductDetail, Quote, QuoteAnswer, QuoteChangedBody, QuoteRequest,
    SavedAddress, Showcase, VoucherList, VoucherOffer,
};
use js_sys::SyntaxError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

use super::auth::TokenGate;
use super::{body, from_js, url, ApiError, FromJs};

/// A client for one API base, with the shopper's token when there is one,
/// else the host's publishable key when it gave one.
///
/// The token can be replaced in place ([`ApiClient::set_token`]), so a
/// token refresh changes no one's data: the next request simply carries it.
/// A request refused for its token, or refused to the publishable key
/// (403 `publishable_key_forbidden`), waits at the client's [`TokenGate`]
/// for the next token and is then sent once more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: Rc<str>,
    token: RefCell<Option<Rc<str>>>,
    key: Option<Rc<str>>,
    gate: Rc<TokenGate>,
}

/// An HTTP method this client uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// What `POST /v1/orders` answered, short of a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// 201: the orders and their payment.
    Placed(Checkout<SavedAddress>),
    /// 409 `quote_changed`: prices, stock or vouchers moved since the
    /// quote; this is the new one, to show and confirm.
    QuoteChanged(Quote),
}

impl ApiClient {
    /// A client for `base` (absolute, no trailing slash), sending
    /// `Authorization: Bearer {token}` when a token is given.
    pub fn new(base: &str, token: Option<&str>) -> Self {
        ApiClient {
            base: base.into(),
            token: RefCell::new(token.map(bearer)),
            key: None,
            gate: Rc::default(),
        }
    }

    /// The same client, sending the host's publishable `key` (`etp_…`)
    /// whenever it holds no token.
    pub fn with_key(self, key: Option<&str>) -> Self {
        ApiClient {
            key: key.map(bearer),
            ..self
        }
    }

    /// Sends `token` from the next request on; `None` sends none (or the
    /// publishable key). Requests waiting for a token go again with it.
    pub fn set_token(&self, token: Option<&str>) {
        self.token.replace(token.map(bearer));
        self.gate.renew();
    }

    /// Whether the viewer browses with the publishable key alone: no
    /// shopper's token yet.
    pub fn is_browsing(&self) -> bool {
        self.key.is_some() && self.token.borrow().is_none()
    }

    /// Whether a shopper's token is held.
    pub fn is_signed_in(&self) -> bool {
        self.token.borrow().is_some()
    }

    /// Waits, unsent and without a word to the host, until a shopper's
    /// token is there (at once unless [`ApiClient::is_browsing`]); `false`
    /// when the widget went first.
    pub async fn until_signed_in(&self) -> bool {
        while self.is_browsing() {
            if !self.gate.hold().await {
                return false;
            }
        }
        true
    }

    /// The shopper acted where a token is needed: while browsing, the host
    /// is asked for one (`auth_required`, once per token).
    pub fn ask_for_shopper(&self) {
        if self.is_browsing() {
            self.gate.ask(ErrorCode::PublishableKeyForbidden.as_str());
        }
    }

    /// The viewer tapped to sign in: while browsing, the host is asked for
    /// a shopper's token again, even if it was asked before (the viewer may
    /// have dismissed its sign-in).
    pub fn ask_again(&self) {
        self.gate.forget_asked();
        self.ask_for_shopper();
    }

    /// Where requests refused for their token wait for the next one.
    pub fn gate(&self) -> &TokenGate {
        &self.gate
    }

    /// The API base this client talks to.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET /v1/streams/{id}/products`: the stream's showcase, image URLs absolute.
    pub async fn showcase(&self, stream_id: &str) -> Result<Showcase, ApiError> {
        let mut showcase: Showcase = self.get(&url::showcase(&self.base, stream_id)).await?;
        for card in &mut showcase.products {
            card.image_url = url::media(&self.base, &card.image_url);
        }
        Ok(showcase)
    }

    /// Sends the showcase request for `stream_id` ahead of a mount, which
    /// will take its answer (see [`super::warm`]).
    pub fn preload_showcase(&self, stream_id: &str) {
        self.send_ahead(&url::showcase(&self.base, stream_id));
    }

    /// Sends the request for `product_id`'s detail ahead, while the part
    /// that shows it is on its way; its sheet takes the answer.
    pub fn preload_product(&self, product_id: &str) {
        self.send_ahead(&url::product(&self.base, product_id));
    }

    /// Sends a GET of `url` now, for a later identical request to take its
    /// answer (see [`super::warm`]).
    fn send_ahead(&self, url: &str) {
        if let Ok(request) = self.request(Method::Get, url, None, None, None) {
            super::warm::send(&request);
        }
    }

    /// `GET /v1/products/{id}`: a product's detail, image URLs absolute.
    pub async fn product(&self, product_id: &str) -> Result<ProductDetail, ApiError> {
        let mut product: ProductDetail = self.get(&url::product(&self.base, product_id)).await?;
        for image in &mut product.image_urls {
            *image = url::media(&self.base, image);
        }
        Ok(product)
    }

    /// `GET /v1/cart`: the shopper's cart, image URLs absolute.
    pub async fn cart(&self) -> Result<Cart, ApiError> {
        let cart = self.get(&url::cart(&self.base)).await;
        cart.map(|cart| self.resolve(cart))
    }

    /// `PUT /v1/cart/items/{variant_id}`: keeps `quantity` units of the
    /// variant in the cart, set while watching `stream_id` (a video, opened
    /// at `playback_second`); answers the whole cart.
    pub async fn set_cart_item(
        &self,
        variant_id: &str,
        quantity: u32,
        stream_id: &str,
        playback_second: Option<u32>,
    ) -> Result<Cart, ApiError> {
        let body = body::set_quantity(quantity, stream_id, playback_second);
        let url = url::cart_item(&self.base, variant_id);
        let cart = self.call(Method::Put, &url, Some(&body)).await;
        cart.map(|cart| self.resolve(cart))
    }

    /// `DELETE /v1/cart/items/{variant_id}`: takes the line out; answers the
    /// whole cart.
    pub async fn remove_cart_item(&self, variant_id: &str) -> Result<Cart, ApiError> {
        let url = url::cart_item(&self.base, variant_id);
        let cart = self.call(Method::Delete, &url, None).await;
        cart.map(|cart| self.resolve(cart))
    }

    /// `GET /v1/vouchers`: the vouchers the shopper can use now.
    pub async fn vouchers(&self) -> Result<Vec<VoucherOffer>, ApiError> {
        let list: VoucherList = self.get(&url::vouchers(&self.base)).await?;
        Ok(list.vouchers)
    }

    /// `POST /v1/checkout/quote`: every amount of the checkout, from the
    /// server, and the couriers its parcels are too heavy for.
    pub async fn quote(&self, request: &QuoteRequest) -> Result<QuoteAnswer, ApiError> {
        let body = body::quote_request(request);
        self.call(Method::Post, &url::quote(&self.base), Some(&body))
            .await
    }

    /// `POST /v1/orders` with `Idempotency-Key: {key}`: places quote
    /// `quote_id`, exactly once however often the same key is sent.
    pub async fn place_order(&self, quote_id: &str, key: &str) -> Result<Placement, ApiError> {
        let body = body::place_order(quote_id);
        let url = url::orders(&self.base);
        let response = match self
            .send(Method::Post, &url, Some(&body), None, Some(key))
            .await
        {
            Ok(response) => response,
            Err(error) => return Err(self.unanswered(&error).await),
        };
        if response.ok() {
            let mut checkout: Checkout<SavedAddress> = read(&response).await?;
            self.resolve_payment(&mut checkout.payment);
            return Ok(Placement::Placed(checkout));
        }
        let status = response.status();
        let retry_after = retry_after(&response);
        let value = read_value(&response).await?;
        let changed = from_js::<QuoteChangedBody>(value.clone())
            .ok()
            .filter(|body| body.error.code == ErrorCode::QuoteChanged);
        if let Some(body) = changed {
            return Ok(Placement::QuoteChanged(body.error.quote.quote));
        }
        Err(match from_js::<ErrorBody>(value) {
            Ok(body) => ApiError::Api {
                status,
                error: body.error,
                retry_after,
            },
            Err(error) => ApiError::BadResponse {
                status,
                reason: error.to_string(),
            },
        })
    }

    /// `GET /v1/payments/{id}`: the payment as it is now.
    pub async fn payment(&self, payment_id: &str) -> Result<Payment, ApiError> {
        let mut payment = self.get(&url::payment(&self.base, payment_id)).await?;
        self.resolve_payment(&mut payment);
        Ok(payment)
    }

    /// `payment` with the provider's card page as an absolute URL: the
    /// iframe must load it from the API, not from the host page.
    fn resolve_payment(&self, payment: &mut Payment) {
        if let PaymentInstructions::Card { hosted_url } = &mut payment.instructions {
            *hosted_url = url::media(&self.base, hosted_url);
        }
    }

    /// `GET /v1/orders`: the shopper's orders, newest first.
    pub async fn orders(&self) -> Result<Vec<Order<SavedAddress>>, ApiError> {
        let list: OrderList<SavedAddress> = self.get(&url::orders(&self.base)).await?;
        Ok(list.orders)
    }

    /// `GET /v1/orders/{id}`: one order with its timeline.
    pub async fn order(&self, order_id: &str) -> Result<Order<SavedAddress>, ApiError> {
        self.get(&url::order(&self.base, order_id)).await
    }

    /// `POST /v1/orders/{id}/cancel`: cancels the unpaid checkout the order
    /// belongs to.
    pub async fn cancel_order(&self, order_id: &str) -> Result<Order<SavedAddress>, ApiError> {
        let url = url::cancel_order(&self.base, order_id);
        self.call(Method::Post, &url, None).await
    }

    /// `cart` with its image URLs made absolute.
    fn resolve(&self, mut cart: Cart) -> Cart {
        for item in cart.shops.iter_mut().flat_map(|shop| shop.items.iter_mut()) {
            item.image_url = url::media(&self.base, &item.image_url);
        }
        cart
    }

    /// GETs `url` and decodes a 2xx body as `T`, any other as the API's error body.
    pub(super) async fn get<T: FromJs>(&self, url: &str) -> Result<T, ApiError> {
        self.call(Method::Get, url, None).await
    }

    /// Sends `method` to `url` with a JSON `body`, if any, and decodes a 2xx
    /// body as `T`, any other as the API's error body.
    pub(super) async fn call<T: FromJs>(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
    ) -> Result<T, ApiError> {
        self.call_keyed(method, url, body, None).await
    }

    /// [`ApiClient::call`] under an `Idempotency-Key`, if given: the server
    /// answers the same request under the same key once.
    pub(super) async fn call_keyed<T: FromJs>(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        key: Option<&str>,
    ) -> Result<T, ApiError> {
        let response = match self.send(method, url, body, None, key).await {
            Ok(response) => response,
            Err(error) => return Err(self.unanswered(&error).await),
        };
        if response.ok() {
            return read(&response).await;
        }
        Err(self.refusal(&response).await)
    }

    /// The API's refusal in `response`: a 401 while browsing refuses the
    /// publishable key itself, which no shopper's token mends.
    pub(super) async fn refusal(&self, response: &Response) -> ApiError {
        if response.status() == 401 && self.is_browsing() {
            let body = read::<ErrorBody>(response).await.ok();
            let revoked =
                body.is_some_and(|body| body.error.code == ErrorCode::PublishableKeyRevoked);
            return ApiError::KeyRefused { revoked };
        }
        refusal(response).await
    }

    /// Why a request got no answer (`error`, what the browser threw): the
    /// API refusing this page's origin, which a browser reports exactly as
    /// it reports being offline, or else the network. While the browser
    /// says it is online, `GET /v1/origin` (which every origin may read)
    /// tells the two apart.
    pub(super) async fn unanswered(&self, error: &JsValue) -> ApiError {
        let online = web_sys::window().is_some_and(|window| window.navigator().on_line());
        if online {
            // No `Origin` sent: the page is the API's own (a browser sends
            // none on a same-origin GET), which CORS never refuses.
            let for_key = self.is_browsing();
            if let Some(OriginCheck {
                origin: Some(origin),
                allowed: false,
            }) = self.origin_check().await
            {
                return ApiError::OriginRefused { origin, for_key };
            }
        }
        ApiError::Network(describe(error))
    }

    /// `GET /v1/origin`, as a simple request (no token, no header of ours),
    /// so a page no host registered may read the answer: `None` when even
    /// that gets none.
    async fn origin_check(&self) -> Option<OriginCheck> {
        // Browsing, the key was refused for this origin if it belongs to
        // another host: the API says whether it is the key's host's.
        let key = self.key.as_deref().filter(|_| self.is_browsing());
        let key = key.and_then(|bearer| bearer.strip_prefix("Bearer "));
        let request = Request::new_with_str(&url::origin(&self.base, key)).ok()?;
        let promise = web_sys::window()?.fetch_with_request(&request);
        let response: Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        read(&response).await.ok()
    }

    /// Sends `method` to `url` with the token if there is one, `body` as
    /// JSON and an `Idempotency-Key` if given, abortable through `signal`;
    /// fails with what the browser threw when the request cannot be built
    /// or gets no answer. While browsing, a request the publishable key may
    /// not send waits for the shopper's token, the host asked for it. A 401,
    /// or a 403 refusing the publishable key,
    /// waits at the [`TokenGate`] and, once the host has given a new
    /// token, is sent once more with it.
    pub(super) async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        signal: Option<&AbortSignal>,
        idempotency_key: Option<&str>,
    ) -> Result<Response, JsValue> {
        if self.is_browsing() && !url::is_open(&self.base, url) {
            // Sent for a shopper's action: the host is asked for their token
            // first, so nothing goes out with the key only to be refused.
            self.ask_for_shopper();
            self.until_signed_in().await;
        }
        let generation = self.gate.generation();
        let request = || self.request(method, url, body, signal, idempotency_key);
        let response = fetch(&request()?).await?;
        if response.status() == 401 && self.is_browsing() {
            // The key itself refused: a host's mistake, not the viewer's to
            // mend by signing in ([`ApiClient::refusal`]).
            return Ok(response);
        }
        let Some(code) = refused_code(&response).await else {
            return Ok(response);
        };
        if !self.gate.wait(generation, code).await {
            return Ok(response);
        }
        if self.is_browsing() && !url::is_open(&self.base, url) {
            // Signed out meanwhile (`setToken(null)`): never sent with the
            // key, it waits for the next shopper.
            self.until_signed_in().await;
        }
        fetch(&request()?).await
    }

    /// The request [`ApiClient::send`] sends, with the token (or the
    /// publishable key) as it is now.
    pub(super) fn request(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        signal: Option<&AbortSignal>,
        idempotency_key: Option<&str>,
    ) -> Result<Request, JsValue> {
        let init = RequestInit::new();
        init.set_signal(signal);
        let headers = Headers::new()?;
        if let Some(authorization) = self.token.borrow().as_ref().or(self.key.as_ref()) {
            headers.set("Authorization", authorization)?;
        }
        if let Some(key) = idempotency_key {
            headers.set("Idempotency-Key", key)?;
        }
        match method {
            Method::Get => {}
            Method::Post => init.set_method("POST"),
            Method::Put => init.set_method("PUT"),
            Method::Delete => init.set_method("DELETE"),
        }
        if let Some(body) = body {
            headers.set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        Request::new_with_str_and_init(url, &init)
    }
}

/// The browser's answer to `request`: a preloaded one when
/// [`super::warm`] holds it, else a new `fetch`.
async fn fetch(request: &Request) -> Result<Response, JsValue> {
    let promise = match super::warm::take(request) {
        Some(promise) => promise,
        None => web_sys::window()
            .ok_or("etalase: fetch needs a browser window")?
            .fetch_with_request(request),
    };
    JsFuture::from(promise).await?.dyn_into()
}

/// The API's code when `response` is a refusal a shopper's token mends
/// (its body read from a copy, so the caller can still read it): a 401's
/// `token_expired`, else `unauthenticated`; a 403's
/// `publishable_key_forbidden`. `None` for any other answer.
async fn refused_code(response: &Response) -> Option<&'static str> {
    let status = response.status();
    if status != 401 && status != 403 {
        return None;
    }
    let body = match response.clone() {
        Ok(copy) => read::<ErrorBody>(&copy).await.ok(),
        Err(_) => None,
    };
    let code = match (status, body.map(|body| body.error.code)) {
        (401, Some(ErrorCode::TokenExpired)) => ErrorCode::TokenExpired,
        (401, _) => ErrorCode::Unauthenticated,
        (_, Some(ErrorCode::PublishableKeyForbidden)) => ErrorCode::PublishableKeyForbidden,
        _ => return None,
    };
    Some(code.as_str())
}

/// `Bearer {token}`, the `Authorization` header's value.
fn bearer(token: &str) -> Rc<str> {
    ["Bearer ", token].concat().into()
}

/// The response body parsed as JSON by the browser, then decoded as `T`.
///
/// A body that is not JSON, or JSON of another shape, is a
/// [`ApiError::BadResponse`]; a body that cannot be read at all (the
/// connection dropped mid-way) is a [`ApiError::Network`] error.
async fn read<T: FromJs>(response: &Response) -> Result<T, ApiError> {
    let status = response.status();
    let value = read_value(response).await?;
    from_js(value).map_err(|error| ApiError::BadResponse {
        status,
        reason: error.to_string(),
    })
}

/// The response body parsed as JSON by the browser.
async fn read_value(response: &Response) -> Result<JsValue, ApiError> {
    let status = response.status();
    let parsed = match response.json() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    parsed.map_err(|error| {
        let reason = describe(&error);
        if error.is_instance_of::<SyntaxError>() {
            ApiError::BadResponse { status, reason }
        } else {
            ApiError::Network(reason)
        }
    })
}

/// The `Retry-After` header in seconds, when the server sent one.
fn retry_after(response: &Response) -> Option<u32> {
    let value = response.headers().get("Retry-After").ok().flatten()?;
    value.trim().parse().ok()
}

/// What a non-2xx `response` says: the API's error body, or why it cannot
/// be read.
async fn refusal(response: &Response) -> ApiError {
    let status = response.status();
    let retry_after = retry_after(response);
    match read::<ErrorBody>(response).await {
        Ok(body) => ApiError::Api {
            status,
            error: body.error,
            retry_after,
        },
        Err(error) => error,
    }
}

/// A thrown JS value as text: an `Error` as its `toString()`, e.g.
/// `SyntaxError: Unexpected token '<'`, a thrown string as itself.
pub(super) fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.to_string().into(),
        None => error
            .as_string()
            .unwrap_or_else(|| "a non-Error value was thrown".to_owned()),
    }
}

/// A fresh idempotency key: a random UUID from the browser's CSPRNG.
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| {
            // Without `crypto` (an insecure context): still unique enough
            // to tell attempts apart, which is all a key must do.
            // Whole numbers only: printing an `f64` would pull float
            // formatting into the wasm.
            let random = js_sys::Math::random().to_bits();
            let now = js_sys::Date::now() as u64;
            ["etl-", &random.to_string(), "-", &now.to_string()].concat()
        })
}
