//! The demo site: the widget's package at `/pkg/`, and static files for every
//! path no other route claims (`/` answers `index.html`).
//!
//! Its HTML pages get a strict content security policy from the middleware
//! stack.

use axum::Router;
use tower_http::services::ServeDir;

use crate::{AppState, Site};

/// The routes of this module: `/pkg/…` and the fallback for unmatched paths.
pub fn router(site: &Site) -> Router<AppState> {
    Router::new()
        .nest_service("/pkg", ServeDir::new(&site.pkg_dir))
        .fallback_service(ServeDir::new(&site.www_dir))
}
