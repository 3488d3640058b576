//! `GET /v1/origin`: whether the page calling may use the API, answered to
//! every origin. A browser refuses a page no host registered without
//! telling it why, which looks like being offline; this answer lets the
//! widget say what is wrong instead. It tells a stranger no more than
//! whether its own origin is registered, and, with `?key=etp_…`, whether
//! the origin is that publishable key's host's and where the key stands:
//! the key's own refusals (`origin_not_allowed` on another host's page)
//! carry no CORS headers, so the page cannot read them.

use axum::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, ORIGIN};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::{extract::State, Json};
use etalase_contract::{OriginAnswer, OriginCheck};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::AppQuery;
use crate::identity::publishable;
use crate::AppState;

/// The routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(origin))
}

/// The query of `GET /v1/origin`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct OriginQuery {
    /// A publishable key (`etp_` and 64 lower-case hex digits): the answer
    /// then says whether the origin is the key's host's, and where the key
    /// stands. In the query, not `Authorization`, so the request stays a
    /// simple one no preflight can refuse.
    key: Option<String>,
}

/// Whether the `Origin` of the request belongs to a registered host, or,
/// with `key`, to that publishable key's host; readable from any origin
/// (`Access-Control-Allow-Origin: *`, refusals too), never cached.
#[utoipa::path(get, path = "/origin", tag = "identity",
    params(OriginQuery),
    responses(
        (status = 200, description = "Whether the calling page's origin may use the API: without `key`, whether a registered host lists it; with `key`, whether the key's host does (never for an unknown key), and `key`: `ok`, `revoked` or `unknown`", body = OriginAnswer),
        (status = 400, description = "`bad_request` naming a parameter other than `key`", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming `key`: not shaped as a publishable key", body = etalase_contract::ErrorBody)
    ))]
async fn origin(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<AppQuery<OriginQuery>>,
) -> impl IntoResponse {
    (
        [
            (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (CACHE_CONTROL, "no-store"),
        ],
        answer(&state, &headers, query).await,
    )
}

/// The answer to a page of `headers`' origin asking `query`.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    query: Result<AppQuery<OriginQuery>, AppError>,
) -> Result<Json<OriginAnswer>> {
    let AppQuery(query) = query?;
    let origin = headers
        .get(ORIGIN)
        .and_then(|origin| origin.to_str().ok())
        .map(str::to_owned);
    if let Some(key) = query.key {
        return publishable::check_origin(state, &key, origin)
            .await
            .map(Json);
    }
    let allowed = origin
        .as_deref()
        .is_some_and(|origin| state.origins.allows(origin));
    Ok(Json(OriginAnswer {
        check: OriginCheck { origin, allowed },
        key: None,
    }))
}
