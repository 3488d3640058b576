//! The one middleware stack every answer goes through.
//!
//! Around each matched route: its metrics, labelled from closed sets only
//! (see [`crate::metrics`]). From the outside in: the request id;
//! `Cache-Control: no-store` on every answer to a request that carries
//! `Authorization`, unless it is `public`; request tracing, with the id; CORS for registered origins only;
//! gzip and brotli compression
//! (the widget's wasm is sent compressed), a compressed answer's `ETag`
//! named after its coding; security headers and
//! `Retry-After` on every 503; error bodies for answers made without one;
//! the per-IP rate limit; a request body limit; a request timeout.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use etalase_contract::{ErrorBody, ErrorCode};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::error::{self, AppError, NoCors};
use crate::metrics::Metrics;
use crate::proxies::{client_key, ClientAddr, TrustedProxies};
use crate::rate_limit::RateLimiter;
use crate::request_id;
use crate::{AppState, Origins};

/// How long a request may take before it is answered 503 `unavailable`.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// How long browsers may cache a CORS preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);
/// The policy of the demo site's pages: only our own scripts, styles, images
/// and API; wasm may be compiled; no plugins, no `<base>`; framed only by the
/// site itself (the creator studio shows the viewers' page beside its tools).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'self'";

/// `router` behind the middleware stack.
pub fn apply(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    // Inside routing, where the matched route is known.
    let router = router.route_layer(middleware::from_fn_with_state(
        state.metrics.clone(),
        count_requests,
    ));
    router.layer(
        ServiceBuilder::new()
            .layer(middleware::from_fn(request_id::request_id))
            .layer(middleware::from_fn(no_store_when_authorized))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|request: &Request| {
                        tracing::info_span!(
                            "request",
                            id = request_id::of(request),
                            method = %request.method(),
                            // The path only: a query may carry a secret
                            // (the card page's token) or a shopper's search.
                            path = %request.uri().path(),
                        )
                    })
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(middleware::from_fn_with_state(
                state.origins.clone(),
                no_cors_for_strangers,
            ))
            .layer(cors(state))
            .layer(middleware::from_fn(tag_per_coding))
            .layer(CompressionLayer::new())
            .layer(SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                csp_for_html,
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::RETRY_AFTER,
                retry_after_for_unavailable,
            ))
            .layer(middleware::from_fn(error_bodies))
            .layer(middleware::from_fn_with_state(
                PerClient {
                    limiter: Arc::new(RateLimiter::per_minute(
                        state.settings.rate_limit_per_ip_per_minute,
                    )),
                    proxies: state.proxies.clone(),
                },
                per_ip_limit,
            ))
            .layer(RequestBodyLimitLayer::new(error::BODY_LIMIT))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                REQUEST_TIMEOUT,
            )),
    )
}

/// Counts each answer of a route by the route's pattern
/// (`/v1/orders/{id}`, never the raw path), its method and its status
/// class, with the time to its head. [`Metrics::request`] keeps every label
/// in a closed set, so strangers' paths and methods cannot grow it.
async fn count_requests(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    // A shared pattern: cloning it copies no text.
    let route = request.extensions().get::<MatchedPath>().cloned();
    let started = Instant::now();
    let response = next.run(request).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    metrics.request(&method, route, response.status(), started.elapsed());
    response
}

/// `Cache-Control: no-store` on every answer to a request that carries
/// `Authorization` (a token, a host's API key, or anything else), errors
/// and live feeds included: what a credential unlocks, a new token above
/// all, is never kept by a browser or a proxy. The one exception is an
/// answer that declares itself `public` (the product images, and what a
/// publishable key reads, kept only to be revalidated: the same for
/// everyone whatever the request carries), as HTTP lets a shared cache
/// store such an answer to a request with `Authorization` anyway.
async fn no_store_when_authorized(request: Request, next: Next) -> Response {
    let authorized = request.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.run(request).await;
    if authorized && !is_public(&response) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether `response` says `Cache-Control: public`.
fn is_public(response: &Response) -> bool {
    response
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|directive| directive.trim().eq_ignore_ascii_case("public"))
}

/// Only the registered hosts' origins may call the API from a browser; any
/// other origin gets no CORS headers at all. Credentials are bearer tokens,
/// never cookies, so none are allowed.
fn cors(state: &AppState) -> CorsLayer {
    let origins = state.origins.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|origin| origins.allows(origin))
        }))
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static("idempotent-replayed"),
        ])
        .max_age(PREFLIGHT_MAX_AGE)
}

/// Removes every CORS header from answers to origins no host registered, so
/// a stranger's preflight learns nothing (tower-http's layer still lists the
/// allowed methods and headers to it). An answer meant for every origin
/// (`Access-Control-Allow-Origin: *`, `GET /v1/origin`) keeps it. An answer
/// marked [`NoCors`] loses them whatever the origin: a publishable key sent
/// from another host's registered page.
async fn no_cors_for_strangers(
    State(origins): State<Origins>,
    request: Request,
    next: Next,
) -> Response {
    let stranger = request
        .headers()
        .get(header::ORIGIN)
        .is_some_and(|origin| !origin.to_str().is_ok_and(|origin| origins.allows(origin)));
    let mut response = next.run(request).await;
    let public = response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_some_and(|allowed| allowed == "*");
    let refused = response.extensions().get::<NoCors>().is_some();
    if (stranger && !public) || refused {
        let names: Vec<HeaderName> = response
            .headers()
            .keys()
            .filter(|name| name.as_str().starts_with("access-control-"))
            .cloned()
            .collect();
        for name in names {
            response.headers_mut().remove(name);
        }
    }
    response
}

/// Gives a compressed answer's `ETag` the coding's name (`"…"` becomes
/// `"…-br"`): a strong tag names one representation, and the compressed
/// bytes are another than the ones the tag was made from. The routes that
/// answer `If-None-Match` match a tag with or without it
/// (`routes/cache.rs`).
async fn tag_per_coding(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let coding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let tag = response
        .headers()
        .get(header::ETAG)
        .and_then(|value| value.to_str().ok())
        .and_then(|tag| tag.strip_suffix('"'))
        .map(str::to_owned);
    if let (Some(coding), Some(tag)) = (coding, tag) {
        if let Ok(tag) = HeaderValue::from_str(&format!("{tag}-{coding}\"")) {
            response.headers_mut().insert(header::ETAG, tag);
        }
    }
    response
}

/// The header proxies append the address they received a request from to.
const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The limit per client address, and whose forwarded addresses to believe.
#[derive(Clone)]
struct PerClient {
    limiter: Arc<RateLimiter>,
    proxies: Arc<TrustedProxies>,
}

/// Counts every request against its client's IP address (an IPv6 client by
/// its /64, which one subscriber holds whole): over the limit, 429
/// `rate_limited` with `Retry-After`, before any database work. The address
/// is the TCP peer's; only when the peer is a trusted proxy
/// (`ETALASE_TRUSTED_PROXIES`) is it the right-most untrusted hop of
/// `X-Forwarded-For`, so a client cannot forge it. The address found is
/// left in the request as a [`ClientAddr`]. Without a peer (the app driven
/// in-process) nothing is counted.
async fn per_ip_limit(
    State(per_client): State<PerClient>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if let Some(peer) = peer {
        let forwarded = request
            .headers()
            .get_all(X_FORWARDED_FOR)
            .iter()
            .filter_map(|value| value.to_str().ok());
        let client = per_client.proxies.client(peer, forwarded);
        if let Err(wait) = per_client.limiter.check(&client_key(client)) {
            return AppError::RateLimited { retry_after: wait }.into_response();
        }
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

/// `Retry-After: 1` for a 503 that did not say when to come back.
fn retry_after_for_unavailable(response: &Response<Body>) -> Option<HeaderValue> {
    (response.status() == StatusCode::SERVICE_UNAVAILABLE).then(|| HeaderValue::from_static("1"))
}

/// The content security policy, for HTML answers only.
fn csp_for_html(response: &Response<Body>) -> Option<HeaderValue> {
    is_html(response).then(|| HeaderValue::from_static(CONTENT_SECURITY_POLICY))
}

/// Whether `response` is a page: an HTML answer, even with an error status,
/// is one the server wrote for a person (the card page's form with what is
/// wrong), never one to replace.
fn is_html(response: &Response<Body>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"))
}

/// Gives an [`ErrorBody`] to every error answer that is neither JSON nor a
/// page already: those made by axum's router (404, 405), by the static
/// files service, and by the timeout and body limit layers. Keeps an
/// `Allow` header.
async fn error_bodies(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || is_json(&response)
        || is_html(&response)
    {
        return response;
    }
    let (status, body) = match status {
        StatusCode::NOT_FOUND => (
            status,
            ErrorBody::new(ErrorCode::NotFound, format!("nothing at {path}")),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            status,
            ErrorBody::new(
                ErrorCode::MethodNotAllowed,
                format!("{method} is not allowed on {path}"),
            ),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => error::too_large(),
        StatusCode::SERVICE_UNAVAILABLE => error::unavailable(),
        status if status.is_client_error() => (
            status,
            ErrorBody::new(
                ErrorCode::BadRequest,
                status.canonical_reason().unwrap_or("bad request"),
            ),
        ),
        _ => error::internal(),
    };
    let mut answer = (status, Json(body)).into_response();
    if let Some(allow) = response.headers().get(header::ALLOW) {
        answer.headers_mut().insert(header::ALLOW, allow.clone());
    }
    answer
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"))
}
