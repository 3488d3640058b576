//! Indonesia's official regions, for the address form: `GET /v1/regions?q=…`
//! (one search for a district, regency, city or village), `GET
//! /v1/regions/{code}` and `GET /v1/regions/{code}/children`.
//!
//! Any valid token may read them, as the catalogue (shoppers and creators
//! alike); the per-token and per-address rate limits apply as everywhere.

use axum::extract::State;
use axum::Json;
use etalase_contract::{Region, RegionCode, RegionList, RegionSearch};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::identity::Viewer;
use crate::regions::words::{self, RegionQuery, MIN_FINDING_WORD};
use crate::AppState;

/// The longest search text, in characters.
const MAX_QUERY_CHARS: usize = 60;
/// The most words a search may have.
const MAX_QUERY_WORDS: usize = 6;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(region))
        .routes(routes!(children))
}

/// The query of `GET /v1/regions`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// A district, regency, city or village, in words or their beginnings
    /// (`coblong`, `kota bandung`, `dago bandung`): case, punctuation and
    /// `Kota`/`Kabupaten`/`Kec.` do not matter. At most 60 characters and
    /// 6 words, one of them of at least 3 letters or digits.
    q: Option<String>,
}

/// The path of `GET /v1/regions/{code}` and its children.
#[derive(Debug, Deserialize)]
struct CodePath {
    code: String,
}

/// `q` read as a search; 400 `bad_request` naming `q` when it is missing,
/// too long, too short or has too many words.
fn query(q: Option<String>) -> Result<RegionQuery> {
    let bad = |message: String| AppError::BadRequest {
        message,
        field: Some("q".to_owned()),
    };
    let q = q.ok_or_else(|| bad("q is required: a district, city or village".to_owned()))?;
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(bad(format!("q is at most {MAX_QUERY_CHARS} characters")));
    }
    let query = RegionQuery::parse(&q);
    if query.finding().next().is_none() {
        return Err(bad(format!(
            "q needs a word of at least {MIN_FINDING_WORD} letters or digits"
        )));
    }
    // Counted as typed: a short form read as two words is one.
    if words::split(&q).len() > MAX_QUERY_WORDS {
        return Err(bad(format!("q has at most {MAX_QUERY_WORDS} words")));
    }
    Ok(query)
}

/// `code` checked as a region code; 400 `bad_request` naming `code`.
fn code(text: &str) -> Result<RegionCode> {
    RegionCode::parse(text).map_err(|message| AppError::BadRequest {
        message: message.to_owned(),
        field: Some("code".to_owned()),
    })
}

/// `GET /v1/regions?q=…`: at most 20 districts, regencies, cities and
/// villages the search finds, best first, and whether more match.
#[utoipa::path(get, path = "/regions", tag = "regions",
    security(("token" = [])),
    params(SearchParams),
    responses(
        (status = 200, description = "At most 20 regions, best first, and `more` when more match (\"20+\"). A region is found by a word of its name starting with a search word of 3 letters or more; with several words, each starts a word of its name or of the regions above it (a region named by all of them leaves out those merely having them along their path), and a regency, city or district found stands also for the regions directly below it. A word of 5 letters or more that starts no word of the list is read as the list's words one letter off it (wrong, missing, extra or two swapped). Ranked: names equal to the search, then to it at the level a designator names (`kota`, `kabupaten`, `kec.`, `kel.`, `desa`), then names starting with it; the level named; regencies and cities, then districts, then villages, each before those standing in for it; then by name. Each with its path, which tells apart regions of one name. Text is folded by NFKC (full-width letters) and zero-width characters are ignored; everyday short forms are read as the names they stand for (`jaksel`: `jakarta selatan`, and `jakpus`, `jakut`, `jakbar`, `jaktim`); five digits alone are a postal code, answered with the villages that have it", body = etalase_contract::RegionSearch),
        (status = 400, description = "`bad_request` naming `q`: missing, longer than 60 characters, more than 6 words, or no word of 3 letters or digits", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited
    ))]
async fn search(
    State(state): State<AppState>,
    _viewer: Viewer,
    AppQuery(params): AppQuery<SearchParams>,
) -> Result<Json<RegionSearch>> {
    let query = query(params.q)?;
    Ok(Json(state.store.search_regions(&query).await?))
}

/// `GET /v1/regions/{code}`: one region.
#[utoipa::path(get, path = "/regions/{code}", tag = "regions",
    security(("token" = [])),
    params(("code" = String, Path, description = "The region's code: `32`, `32.73`, `32.73.02` or `32.73.02.1004`")),
    responses(
        (status = 200, description = "The region", body = etalase_contract::Region),
        (status = 400, description = "`bad_request` naming `code`: not a region code's shape", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: no region has the code", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited
    ))]
async fn region(
    State(state): State<AppState>,
    _viewer: Viewer,
    AppPath(path): AppPath<CodePath>,
) -> Result<Json<Region>> {
    let code = code(&path.code)?;
    state
        .store
        .region(code.as_str())
        .await?
        .map(Json)
        .ok_or_else(|| not_found(&code))
}

/// `GET /v1/regions/{code}/children`: the regions directly below one, by
/// name (a district's villages, with their postal codes); none below a
/// village.
#[utoipa::path(get, path = "/regions/{code}/children", tag = "regions",
    security(("token" = [])),
    params(("code" = String, Path, description = "The region's code")),
    responses(
        (status = 200, description = "The regions directly below, by name", body = etalase_contract::RegionList),
        (status = 400, description = "`bad_request` naming `code`: not a region code's shape", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`: no region has the code", body = etalase_contract::ErrorBody),
        super::answers::Unauthenticated,
        super::answers::RateLimited
    ))]
async fn children(
    State(state): State<AppState>,
    _viewer: Viewer,
    AppPath(path): AppPath<CodePath>,
) -> Result<Json<RegionList>> {
    let code = code(&path.code)?;
    let regions = state.store.region_children(&code).await?;
    if regions.is_empty() && state.store.region(code.as_str()).await?.is_none() {
        return Err(not_found(&code));
    }
    Ok(Json(RegionList { regions }))
}

fn not_found(code: &RegionCode) -> AppError {
    AppError::NotFound(format!("no region has code {:?}", code.as_str()))
}
