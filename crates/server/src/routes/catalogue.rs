//! What shoppers browse: streams, a stream's showcase, a product's detail;
//! and the catalogue search creators pick their showcase from.
//!
//! Any valid token may browse (shoppers and creators alike), and so may a
//! host's publishable key ([`Reader`]); the answers are the same for every
//! caller and carry an `ETag` ([`super::cache`]). The search needs a creator
//! token.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use etalase_contract::ProductPage;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::identity::{Creator, Reader};
use crate::store::ProductSearch;
use crate::time::Timestamp;
use crate::AppState;

/// The longest search text, in characters.
const MAX_QUERY_CHARS: usize = 100;
/// The most words of a search text that count.
const MAX_QUERY_WORDS: usize = 8;
/// Products per page unless asked otherwise, and at most.
const PER_PAGE: (u32, u32) = (20, 50);
/// The last page that may be asked for.
const MAX_PAGE: u32 = 10_000;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(streams))
        .routes(routes!(upcoming))
        .routes(routes!(showcase))
        .routes(routes!(search))
        .routes(routes!(product))
}

/// The query of `GET /v1/products`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// Words that must all appear in the product's name, in any case (at most 100 characters).
    q: Option<String>,
    /// Only the products of the shop with this id, or of the shops whose name holds every word of it, in any case.
    shop: Option<String>,
    /// The lowest price, in rupiah (the card's price: its cheapest variant in stock).
    min_price: Option<i64>,
    /// The highest price, in rupiah.
    max_price: Option<i64>,
    /// `true`: only products with units in stock.
    in_stock: Option<bool>,
    /// The page, from 1 (default 1, at most 10000).
    page: Option<u32>,
    /// Products per page, 1 to 50 (default 20).
    per_page: Option<u32>,
}

impl SearchParams {
    /// The search these parameters ask for; 400 `bad_request` naming a
    /// parameter out of range.
    fn parse(self) -> Result<ProductSearch> {
        let bad = |field: &str, message: String| AppError::BadRequest {
            message,
            field: Some(field.to_owned()),
        };
        let q = self.q.unwrap_or_default();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(bad(
                "q",
                format!("q is at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let words = q
            .split_whitespace()
            .take(MAX_QUERY_WORDS)
            .map(str::to_owned)
            .collect();
        for (name, price) in [("min_price", self.min_price), ("max_price", self.max_price)] {
            if price.is_some_and(|price| price < 0) {
                return Err(bad(name, format!("{name} must not be negative")));
            }
        }
        if let (Some(min), Some(max)) = (self.min_price, self.max_price) {
            if min > max {
                return Err(bad("max_price", "max_price is below min_price".to_owned()));
            }
        }
        let page = self.page.unwrap_or(1);
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(bad("page", format!("page is 1 to {MAX_PAGE}")));
        }
        let per_page = self.per_page.unwrap_or(PER_PAGE.0);
        if !(1..=PER_PAGE.1).contains(&per_page) {
            return Err(bad("per_page", format!("per_page is 1 to {}", PER_PAGE.1)));
        }
        Ok(ProductSearch {
            words,
            shop: self.shop.filter(|shop| !shop.trim().is_empty()),
            min_price: self.min_price,
            max_price: self.max_price,
            in_stock: self.in_stock.unwrap_or(false),
            page,
            per_page,
        })
    }
}

/// `GET /v1/products?q=…`: the creator's catalogue search.
#[utoipa::path(get, path = "/products", tag = "catalogue",
    security(("token" = [])),
    params(SearchParams),
    responses(
        (status = 200, description = "One page of listed products, best sellers first, with each one's commission rate", body = etalase_contract::ProductPage),
        (status = 400, description = "`bad_request` naming a parameter: not a number, out of range, or unknown", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a creator token", body = etalase_contract::ErrorBody)
    ))]
async fn search(
    State(state): State<AppState>,
    _creator: Creator,
    AppQuery(params): AppQuery<SearchParams>,
) -> Result<Json<ProductPage>> {
    let search = params.parse()?;
    Ok(Json(state.store.search_products(&search).await?))
}

/// `GET /v1/streams`: every stream and video, live ones first; not the
/// upcoming ones.
#[utoipa::path(get, path = "/streams", tag = "catalogue",
    security(("token" = []), ("publishable_key" = [])),
    responses(
        (status = 200, description = "Streams and videos, live first", body = etalase_contract::StreamList),
        super::answers::PublicRead,
        super::answers::RateLimited
    ))]
async fn streams(
    State(state): State<AppState>,
    _reader: Reader,
    headers: HeaderMap,
) -> Result<Response> {
    super::cache::public(&headers, &state.store.streams().await?)
}

/// `GET /v1/streams/upcoming`: live streams scheduled to start later.
#[utoipa::path(get, path = "/streams/upcoming", tag = "catalogue",
    security(("token" = []), ("publishable_key" = [])),
    responses(
        (status = 200, description = "Live streams not yet started, soonest first; each one's showcase and live feed can be read already", body = etalase_contract::UpcomingStreamList),
        super::answers::PublicRead,
        super::answers::RateLimited
    ))]
async fn upcoming(
    State(state): State<AppState>,
    _reader: Reader,
    headers: HeaderMap,
) -> Result<Response> {
    let upcoming = state.store.upcoming_streams(Timestamp::now()).await?;
    super::cache::public(&headers, &upcoming)
}

/// `GET /v1/streams/{id}/products`: the stream's showcase.
#[utoipa::path(get, path = "/streams/{id}/products", tag = "catalogue",
    security(("token" = []), ("publishable_key" = [])),
    params(("id" = String, Path, description = "The stream's id")),
    responses(
        (status = 200, description = "The showcase in the creator's order", body = etalase_contract::Showcase),
        super::answers::PublicRead,
        super::answers::RateLimited,
        (status = 404, description = "`not_found`", body = etalase_contract::ErrorBody)
    ))]
async fn showcase(
    State(state): State<AppState>,
    _reader: Reader,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
) -> Result<Response> {
    // The same answer `Json<Showcase>` gives, encoded once while held.
    let answer = state
        .showcases
        .get(&state.store, &id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no stream has id {id:?}")))?;
    Ok(super::cache::public_json(&headers, answer))
}

/// `GET /v1/products/{id}`: a listed product with its options and variants.
#[utoipa::path(get, path = "/products/{id}", tag = "catalogue",
    security(("token" = []), ("publishable_key" = [])),
    params(("id" = String, Path, description = "The product's id")),
    responses(
        (status = 200, description = "Shop, images, options and variants", body = etalase_contract::ProductDetail),
        super::answers::PublicRead,
        super::answers::RateLimited,
        (status = 404, description = "`not_found`, also for unlisted products", body = etalase_contract::ErrorBody)
    ))]
async fn product(
    State(state): State<AppState>,
    _reader: Reader,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
) -> Result<Response> {
    let product = state
        .store
        .product(&id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no product has id {id:?}")))?;
    super::cache::public(&headers, &product)
}
