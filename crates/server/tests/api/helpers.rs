//! A fresh, seeded app per test, and its answers in a form easy to assert on.
//!
//! Each test gets a database of its own: a SQLite file in a temporary
//! directory, or, when `ETALASE_TEST_DATABASE_URL` names a PostgreSQL server
//! (`postgres://user@host:port/database`, a throwaway one: databases are
//! created and dropped on it), a new database on that server, dropped at
//! the test's end. Both are copies of a
//! template made once with the schema and the region list. `cargo xtask
//! test` runs the suite both ways.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use etalase_server::config::{FeedCaps, Settings, KEY_HOLD, SESSION_HOLD};
use etalase_server::identity::secret;
use etalase_server::live::Live;
use etalase_server::seed::{seed_if_empty, SeedOutcome};
use etalase_server::store::Store;
use etalase_server::{app, AppState, Site, DEMO_HOST};
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::{AnyPool, Connection};
use tempfile::TempDir;
use tower::ServiceExt;

/// The demo page written into each test's site directory.
pub const INDEX_HTML: &str = "<!doctype html><title>Etalase demo</title>";
/// The API key of the demo host in tests.
pub const HOST_KEY: &str = "test-host-key";
/// The secret webhooks are signed with in tests.
pub const WEBHOOK_SECRET: &str = "test-webhook-secret";
/// The origin the demo host registers in tests.
pub const HOST_ORIGIN: &str = "https://host.example";

/// Settings for tests: demo mode with [`HOST_KEY`], and limits no test
/// reaches by accident.
pub fn settings() -> Settings {
    Settings {
        demo_host_key: Some(HOST_KEY.into()),
        token_ttl: Duration::from_secs(3600),
        rate_limit_per_minute: 1_000_000,
        rate_limit_per_ip_per_minute: 1_000_000,
        webhook_secret: WEBHOOK_SECRET.into(),
        payment_window: Duration::from_secs(3600),
        sweep_interval: Duration::from_secs(3600),
        session_hold: SESSION_HOLD,
        key_hold: KEY_HOLD,
    }
}

/// An app on its own seeded database and site directory, removed on drop.
pub struct TestApp {
    router: Router,
    /// The app's store, to close it or open it again.
    pub store: Store,
    /// A separate pool on the same database, to check what is stored.
    pub db: AnyPool,
    /// The app's live events bus, to close it as a shutdown does.
    pub live: Live,
    /// A shopper token for the user `shopper-a` of the demo host, used by
    /// [`TestApp::get`]; empty when demo mode is off.
    pub token: String,
    /// The app's state, to serve its metrics.
    pub state: AppState,
    database: TestDb,
}

impl TestApp {
    /// Builds the app on a new database file, seeded as at a first start,
    /// with the demo host registered.
    pub async fn new() -> TestApp {
        Self::with_settings(settings()).await
    }

    /// The same, behaving as `settings` say.
    pub async fn with_settings(settings: Settings) -> TestApp {
        Self::with_feed_caps(settings, FeedCaps::uncapped()).await
    }

    /// The same, with live feeds capped by `caps`.
    pub async fn with_feed_caps(settings: Settings, caps: FeedCaps) -> TestApp {
        let database = TestDb::new().await;
        let dir = &database.dir;
        let site = Site {
            www_dir: dir.path().join("www"),
            pkg_dir: dir.path().join("pkg"),
        };
        std::fs::create_dir(&site.www_dir).unwrap();
        std::fs::create_dir(&site.pkg_dir).unwrap();
        std::fs::write(site.www_dir.join("index.html"), INDEX_HTML).unwrap();
        std::fs::write(site.pkg_dir.join("etalase_bg.wasm"), fake_wasm()).unwrap();
        let store = Store::open(&database.url).await.unwrap();
        assert_eq!(seed_if_empty(&store).await.unwrap(), SeedOutcome::Seeded);
        let db = AnyPool::connect(&database.url).await.unwrap();
        let demo = settings.demo_host_key.is_some();
        if let Some(key) = &settings.demo_host_key {
            store
                .register_host(
                    DEMO_HOST,
                    &secret::hash(key.expose_secret()),
                    &[HOST_ORIGIN.to_owned()],
                )
                .await
                .unwrap();
            store.link_creators_to_host(DEMO_HOST).await.unwrap();
        }
        let state = AppState::open(store.clone(), settings, site)
            .await
            .unwrap()
            .with_feed_caps(caps);
        state.origins.reload(&store).await.unwrap();
        let mut app = TestApp {
            live: state.live.clone(),
            state: state.clone(),
            router: app(state),
            store,
            db,
            token: String::new(),
            database,
        };
        if demo {
            app.token = app.mint("shopper-a", "shopper").await;
        }
        app
    }

    /// A new token for user `user_id` of the demo host, with `role`.
    pub async fn mint(&self, user_id: &str, role: &str) -> String {
        let response = self
            .call(
                Method::POST,
                "/v1/host/sessions",
                Some(HOST_KEY),
                Some(serde_json::json!({ "user_id": user_id, "role": role })),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        response.json::<Value>()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `method path` with `Authorization: Bearer {bearer}` when given and a
    /// JSON body when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        self.call_with(method, path, bearer, &[], body).await
    }

    /// The same, with extra `headers`.
    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> TestResponse {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(bearer) = bearer {
            request = request.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
        }
        let body = match body {
            Some(body) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(serde_json::to_vec(&body).unwrap())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    /// The app itself, to serve it.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// The app's database.
    pub fn database(&self) -> &TestDb {
        &self.database
    }

    /// Sends `request` through the whole app.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body: body.collect().await.unwrap().to_bytes(),
        }
    }

    /// `GET path` as the shopper of [`TestApp::token`].
    pub async fn get(&self, path: &str) -> TestResponse {
        self.call(Method::GET, path, Some(&self.token), None).await
    }

    /// `GET path`, which must answer 200 with a JSON `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "GET {path}: {}",
            response.text()
        );
        assert_eq!(response.header("content-type"), Some("application/json"));
        response.json()
    }
}

/// An answer, body read.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    /// The body as `T`.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("{error}: {}", self.text()))
    }

    /// The body as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    /// The value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }

    /// The status and the contract's error body: code, field and message.
    pub fn refusal(&self) -> (StatusCode, String, Option<String>, String) {
        let body: Value = self.json();
        let error = &body["error"];
        let text = |key: &str| error[key].as_str().unwrap_or_default().to_owned();
        (
            self.status,
            text("code"),
            error["field"].as_str().map(str::to_owned),
            text("message"),
        )
    }
}

/// The PostgreSQL server the suite runs on, when it does.
const POSTGRES_VAR: &str = "ETALASE_TEST_DATABASE_URL";

/// Whether this run of the suite is on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var(POSTGRES_VAR).is_ok_and(|url| !url.is_empty())
}

/// A new database, and a temporary directory (the SQLite file's home, and
/// the test's site files), both removed on drop.
pub struct TestDb {
    /// The database's URL, for `Store::open` and `DATABASE_URL`.
    pub url: String,
    /// The temporary directory.
    pub dir: TempDir,
    /// On PostgreSQL, the server's URL and the database's name.
    postgres: Option<(String, String)>,
}

impl Drop for TestDb {
    /// Drops a PostgreSQL database, its connections closed first, so a run
    /// of the suite holds only the databases of the tests running.
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        // A runtime of its own: a test's is ending or gone.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(admin(
                &server,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            ));
        });
        // A failed drop leaves the database to the server's owner.
        let _ = dropped.join();
    }
}

impl TestDb {
    /// A database with the schema and the region list and nothing else, as
    /// a first start leaves it before seeding: a copy of [`template`]'s
    /// (the list is loaded once per schema and list, not per test).
    pub async fn new() -> TestDb {
        sqlx::any::install_default_drivers();
        let template = template().await;
        Self::create(Some(template)).await
    }

    /// An empty database: no schema, no region list.
    pub async fn empty() -> TestDb {
        Self::create(None).await
    }

    /// A SQLite file in a new directory, or a new database on the
    /// PostgreSQL server of `ETALASE_TEST_DATABASE_URL`, copied from
    /// `template` when given.
    async fn create(template: Option<&str>) -> TestDb {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        let mut postgres = None;
        let url = match std::env::var(POSTGRES_VAR) {
            Ok(server) if !server.is_empty() => {
                let name = secret::generate("etalase_test_").unwrap();
                // FILE_COPY: the template's files copied as they are, not
                // written again through the write-ahead log.
                let from = template
                    .map(|t| format!(" TEMPLATE {t} STRATEGY FILE_COPY"))
                    .unwrap_or_default();
                admin(&server, &format!("CREATE DATABASE {name}{from}")).await;
                let (base, _) = server.rsplit_once('/').unwrap();
                let url = format!("{base}/{name}");
                postgres = Some((server, name));
                url
            }
            _ => {
                let file = dir.path().join("etalase.db");
                if let Some(template) = template {
                    std::fs::copy(template, &file).unwrap();
                }
                format!("sqlite://{}", file.display())
            }
        };
        TestDb { url, dir, postgres }
    }
}

/// Runs `statement` on the PostgreSQL server `server`.
async fn admin(server: &str, statement: &str) {
    let mut admin = sqlx::AnyConnection::connect(server).await.unwrap();
    sqlx::query(statement).execute(&mut admin).await.unwrap();
    admin.close().await.unwrap();
}

/// The database every test's is copied from: migrated, with the region
/// list loaded by `Store::open` as at a first start. Named by a hash of the
/// migrations and the list, so it is made once per change of either: a
/// SQLite file under Cargo's temporary directory for tests, or a database
/// on the PostgreSQL server, made under an advisory lock so that two runs
/// of the suite on one server make it once.
async fn template() -> &'static str {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let postgres = on_postgres();
            let name = format!("etalase_template_{}", schema_hash(postgres));
            if postgres {
                postgres_template(&std::env::var(POSTGRES_VAR).unwrap(), &name).await
            } else {
                sqlite_template(&name).await
            }
        })
        .await
}

/// A hash of the backend's migrations and of the region list.
fn schema_hash(postgres: bool) -> String {
    use sha2::{Digest, Sha256};
    let backend = if postgres { "postgres" } else { "sqlite" };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut hash = Sha256::new();
    for file in files {
        hash.update(std::fs::read(file).unwrap());
    }
    hash.update(etalase_server::regions::fingerprint());
    hex::encode(&hash.finalize()[..8])
}

/// The SQLite template `name`.db, made when missing: written beside it,
/// compacted into one file with `VACUUM INTO`, then renamed into place.
async fn sqlite_template(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.db"));
    if !path.exists() {
        let work = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let url = format!("sqlite://{}", work.path().join("build.db").display());
        let store = Store::open(&url).await.unwrap();
        store.close().await;
        let compact = work.path().join("template.db");
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        sqlx::query(&format!("VACUUM INTO '{}'", compact.display()))
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        std::fs::rename(compact, &path).unwrap();
    }
    path.display().to_string()
}

/// The PostgreSQL template database `name` on `server`, made when missing.
async fn postgres_template(server: &str, name: &str) -> String {
    let mut lock = sqlx::AnyConnection::connect(server).await.unwrap();
    sqlx::query("SELECT 1 FROM (SELECT pg_advisory_lock(4554)) AS locked")
        .execute(&mut lock)
        .await
        .unwrap();
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_one(&mut lock)
        .await
        .unwrap();
    if exists == 0 {
        let building = format!("{name}_building");
        admin(server, &format!("DROP DATABASE IF EXISTS {building}")).await;
        admin(server, &format!("CREATE DATABASE {building}")).await;
        let (base, _) = server.rsplit_once('/').unwrap();
        let store = Store::open(&format!("{base}/{building}")).await.unwrap();
        store.close().await;
        admin(
            server,
            &format!("ALTER DATABASE {building} RENAME TO {name}"),
        )
        .await;
    }
    lock.close().await.unwrap();
    name.to_owned()
}

/// Bytes that start like a wasm module and compress well.
pub fn fake_wasm() -> Vec<u8> {
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(b"etalase ".as_slice(), 1024).flatten());
    wasm
}
