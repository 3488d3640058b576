//! `GET /v1/origin`: whether the page calling may use the API, answered to
//! every origin. A browser refuses a page no host registered without
//! telling it why, which looks like being offline; this answer lets the
//! widget say what is wrong instead. It tells a stranger no more than
//! whether its own origin is registered.

use axum::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, ORIGIN};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::{extract::State, Json};
use etalase_contract::OriginCheck;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(origin))
}

/// Whether the `Origin` of the request belongs to a registered host;
/// readable from any origin (`Access-Control-Allow-Origin: *`), never cached.
#[utoipa::path(get, path = "/origin", tag = "identity",
    responses((status = 200, description = "Whether the calling page's origin may use the API", body = OriginCheck)))]
async fn origin(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    let origin = headers
        .get(ORIGIN)
        .and_then(|origin| origin.to_str().ok())
        .map(str::to_owned);
    let allowed = origin
        .as_deref()
        .is_some_and(|origin| state.origins.allows(origin));
    (
        [
            (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (CACHE_CONTROL, "no-store"),
        ],
        Json(OriginCheck { origin, allowed }),
    )
}
