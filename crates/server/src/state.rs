//! The state every handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use crate::store::Store;

/// What the routes share: the database and where the demo site's files live.
///
/// Cloned for every request, so it holds only handles.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The catalogue's storage.
    pub store: Store,
    /// The demo site's directories.
    pub site: Arc<Site>,
}

/// The directories the demo site is served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Static files served at `/` (`/` itself answers `index.html`).
    pub www_dir: PathBuf,
    /// The widget's package, served at `/pkg/`.
    pub pkg_dir: PathBuf,
}

impl AppState {
    /// State over `store`, serving the demo site from `site`.
    pub fn new(store: Store, site: Site) -> Self {
        AppState {
            store,
            site: Arc::new(site),
        }
    }
}
