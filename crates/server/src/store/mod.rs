//! Storage: the database pool, its settings, and the schema migrations.
//!
//! One code path for two databases, chosen at start-up by the scheme of
//! `DATABASE_URL` ([`Backend`]): queries go through sqlx's `Any` driver with
//! `$1`-style parameters, which both understand, and the same SQL text runs
//! on both (decision 0030). Each database has its own migrations
//! (`migrations/sqlite`, `migrations/postgres`), embedded in the binary and
//! applied at start-up.
//!
//! SQLite runs in WAL mode, so readers never wait for the writer, with
//! `synchronous=FULL`, so a committed order survives a power loss, with
//! foreign keys enforced and a busy timeout instead of immediate
//! `SQLITE_BUSY` errors. PostgreSQL runs at READ COMMITTED: every write
//! that must not race is a conditional update or an insert that yields on
//! conflict, which PostgreSQL re-checks against the committed row.
//! Queries live in submodules, one per area.

mod addresses;
mod cart;
mod catalogue;
pub(crate) mod checkout;
pub(crate) mod creator;
pub(crate) mod deal_orders;
pub(crate) mod deals;
mod flag;
mod held;
pub(crate) mod idempotency;
mod identity;
mod json;
pub(crate) mod live;
pub(crate) mod live_vouchers;
pub(crate) mod orders;
pub(crate) mod payments;
mod publishable_keys;
pub(crate) mod regions;
pub(crate) mod reservations;
pub(crate) mod sales;
mod search;
pub(crate) mod social;
pub(crate) mod tags;
mod text;

pub(crate) use addresses::{read_address, StoredAddress};
pub use addresses::{AddressUpdate, ValidAddress};
pub(crate) use cart::{read_cart, read_variant_line};
pub use cart::{Buyable, LineSource};
pub(crate) use catalogue::stream_kind;
pub use checkout::{Rule, Scope, Voucher};
pub use idempotency::{NewAnswer, StoredAnswer};
pub use identity::StoredSession;
pub use publishable_keys::StoredPublishableKey;
pub use regions::{RegionsLoad, Village};
pub use search::ProductSearch;

use std::sync::Arc;
use std::time::Duration;

use deal_orders::DealOrderReads;
use held::Held;
use secrecy::SecretString;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{AnyConnection, AnyPool, Executor};

pub use flag::Flag;
pub use json::Json;
pub(crate) use text::Stored;

/// How long a SQLite statement waits for a lock held by another connection.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a request waits for a free connection before giving up (503).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
/// SQLite's migrations.
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
/// PostgreSQL's migrations.
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// The advisory lock the seed holds, so two instances starting on one
/// empty database do not both seed it.
pub(crate) const SEED_LOCK: i64 = 0x4554_414c_0001;
/// The advisory lock an expiry sweep holds, so it runs once cluster-wide.
pub(crate) const SWEEP_LOCK: i64 = 0x4554_414c_0002;

/// Which database a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (`sqlite://path`): one machine, one process.
    Sqlite,
    /// A PostgreSQL server (`postgres://…`): any number of instances.
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or `None` for another scheme.
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    /// Connections in the pool when none is configured: SQLite has one
    /// writer and WAL lets a few readers run beside it; a PostgreSQL
    /// instance keeps enough for its busy requests, and every instance
    /// counts against the server's `max_connections`.
    pub fn default_pool_size(self) -> u32 {
        match self {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        }
    }
}

/// The database: a pool of connections to SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    /// Where write transactions and the idempotency keys' writes run: on
    /// SQLite its one writer, a pool of one connection of its own, which
    /// they wait for in turn instead of polling SQLite's lock (and for
    /// which reads never queue); on PostgreSQL, the pool itself.
    writer: AnyPool,
    backend: Backend,
    url: Arc<SecretString>,
    /// Sessions read a moment ago.
    sessions: Held<StoredSession>,
    /// Publishable keys read a moment ago.
    publishable_keys: Held<StoredPublishableKey>,
    /// Reads of new orders at a flash deal's price, asked together.
    deal_orders: DealOrderReads,
}

/// The database could not be opened or brought to the current schema.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL is neither a SQLite nor a PostgreSQL URL.
    #[error("DATABASE_URL is neither sqlite: nor postgres://")]
    Scheme,
    /// The database cannot be reached or opened.
    #[error("cannot open the database")]
    Connect(#[source] sqlx::Error),
    /// A migration failed, or the database is newer than this binary.
    #[error("cannot migrate the database")]
    Migrate(#[source] MigrateError),
    /// The region list could not be loaded.
    #[error("cannot load the region list")]
    Regions(#[source] sqlx::Error),
}

impl Store {
    /// Opens the database at `url` (`sqlite://path`, creating the file when
    /// missing, or `postgres://…`) with the backend's default pool size,
    /// applies pending migrations and loads the region list when this list
    /// is not loaded yet.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        Self::open_with_pool(url, None).await
    }

    /// The same, with at most `max_connections` connections when given.
    pub async fn open_with_pool(
        url: &str,
        max_connections: Option<u32>,
    ) -> Result<Self, OpenError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or(OpenError::Scheme)?;
        let options = AnyPoolOptions::new()
            .max_connections(max_connections.unwrap_or(backend.default_pool_size()))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // A connection whose transaction never ended (its COMMIT failed on
            // a full disk, its future was dropped mid-`BEGIN`) is closed, not
            // lent: lent, every transaction on it would fail until a restart.
            .before_acquire(|conn, _| {
                Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
            });
        let (pool, writer) = match backend {
            Backend::Sqlite => {
                let options = options.after_connect(|conn, _| Box::pin(sqlite_pragmas(conn)));
                let url = create_if_missing(url);
                let pool = options.clone().connect(&url).await;
                let pool = pool.map_err(OpenError::Connect)?;
                SQLITE_MIGRATIONS
                    .run(&pool)
                    .await
                    .map_err(OpenError::Migrate)?;
                let writer = options.max_connections(1).connect(&url).await;
                (pool, writer.map_err(OpenError::Connect)?)
            }
            Backend::Postgres => {
                let pool = options.connect(url).await.map_err(OpenError::Connect)?;
                POSTGRES_MIGRATIONS
                    .run(&pool)
                    .await
                    .map_err(OpenError::Migrate)?;
                (pool.clone(), pool)
            }
        };
        let deal_orders = DealOrderReads::start(pool.clone(), backend);
        let store = Store {
            pool,
            writer,
            backend,
            url: Arc::new(SecretString::from(url)),
            sessions: Held::default(),
            publishable_keys: Held::default(),
            deal_orders,
        };
        let started = std::time::Instant::now();
        if store.load_regions().await.map_err(OpenError::Regions)? == RegionsLoad::Loaded {
            tracing::info!(
                elapsed_ms = started.elapsed().as_millis(),
                "region list loaded"
            );
        }
        Ok(store)
    }

    /// The database this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL the store was opened with: a secret, as it may hold a
    /// password.
    pub fn url(&self) -> &SecretString {
        &self.url
    }

    /// How durable a commit is, as the database reports it: SQLite's
    /// `journal_mode=wal synchronous=2` (WAL, `FULL`), or PostgreSQL's
    /// `synchronous_commit=on`.
    pub async fn durability(&self) -> Result<String, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        match self.backend {
            Backend::Sqlite => {
                let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(&mut *conn)
                    .await?;
                let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(&mut *conn)
                    .await?;
                Ok(format!("journal_mode={mode} synchronous={synchronous}"))
            }
            Backend::Postgres => {
                let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                    .fetch_one(&mut *conn)
                    .await?;
                Ok(format!("synchronous_commit={commit}"))
            }
        }
    }

    /// The pool's idle connections and all its open ones, in that order.
    pub fn pool_connections(&self) -> (usize, usize) {
        (
            self.pool.num_idle(),
            usize::try_from(self.pool.size()).unwrap_or(usize::MAX),
        )
    }

    /// Checks that the database answers a query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    /// Closes every connection (on SQLite, checkpointing the WAL); later
    /// queries fail with [`sqlx::Error::PoolClosed`].
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    /// A connection of the pool, for reads that must see one snapshot.
    pub(crate) async fn acquire(
        &self,
    ) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// Begins a transaction that writes. On SQLite it runs on the one
    /// writer connection and holds the write lock from its first statement,
    /// so two of them never deadlock upgrading a read lock; on PostgreSQL it
    /// is a READ COMMITTED transaction whose statements run on generic
    /// plans (decision 0068): they find their rows by key, where a plan for
    /// the values at hand is no better, and PostgreSQL would otherwise plan
    /// each of a connection's first five runs of a statement anew.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => {
                self.writer
                    .begin_with("BEGIN; SET LOCAL plan_cache_mode = force_generic_plan")
                    .await
            }
        }
    }

    /// Makes transaction `tx` wait until no other transaction holding the
    /// lock `key` runs, on any instance: PostgreSQL's transaction-level
    /// advisory lock, released at commit or rollback. A SQLite write
    /// transaction already excludes every other, so there it does nothing.
    pub(crate) async fn lock_until_commit(
        &self,
        tx: &mut AnyConnection,
        key: i64,
    ) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            // The function returns `void`, which the `Any` driver cannot read.
            sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS locked")
                .bind(key)
                .execute(tx)
                .await?;
        }
        Ok(())
    }

    /// Takes the lock `key` for transaction `tx` if no other transaction
    /// holds it, on any instance; `false` when another does. Like
    /// [`Store::lock_until_commit`], always `true` on SQLite.
    pub(crate) async fn try_lock_until_commit(
        &self,
        tx: &mut AnyConnection,
        key: i64,
    ) -> Result<bool, sqlx::Error> {
        if self.backend == Backend::Sqlite {
            return Ok(true);
        }
        sqlx::query_scalar::<_, Flag>("SELECT pg_try_advisory_xact_lock($1)")
            .bind(key)
            .fetch_one(tx)
            .await
            .map(bool::from)
    }
}

/// `url` with `mode=rwc`, so SQLite creates the file when missing, unless
/// the URL names a mode of its own.
fn create_if_missing(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Sets a new SQLite connection's journal, durability, foreign keys and
/// busy timeout.
async fn sqlite_pragmas(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    for pragma in [
        "PRAGMA journal_mode = WAL".to_owned(),
        "PRAGMA synchronous = FULL".to_owned(),
        "PRAGMA foreign_keys = ON".to_owned(),
        format!("PRAGMA busy_timeout = {}", BUSY_TIMEOUT.as_millis()),
    ] {
        conn.execute(pragma.as_str()).await?;
    }
    Ok(())
}

/// `rows` tuples of `columns` parameters: `($1, $2), ($3, $4)` on
/// PostgreSQL, `(?, ?), (?, ?)` on SQLite, where sqlx reads numbered
/// parameters several times slower in a statement of thousands. (sqlx's
/// `QueryBuilder` writes `?` for the `Any` driver whatever the database.)
pub(super) fn placeholders(backend: Backend, rows: usize, columns: usize) -> String {
    let tuple = |row: usize| {
        let parameters: Vec<String> = (1..=columns)
            .map(|column| match backend {
                Backend::Sqlite => "?".to_owned(),
                Backend::Postgres => format!("${}", row * columns + column),
            })
            .collect();
        format!("({})", parameters.join(", "))
    };
    (0..rows).map(tuple).collect::<Vec<_>>().join(", ")
}

/// `n`, read from an integer column, as the narrower number the schema's
/// `CHECK`s keep it within; a decode error otherwise.
pub(crate) fn narrow<T: TryFrom<i64>>(n: i64) -> Result<T, sqlx::Error> {
    T::try_from(n).map_err(|_| sqlx::Error::Decode(format!("{n} is out of range").into()))
}

#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use super::*;

    #[tokio::test]
    async fn a_connection_left_inside_a_transaction_is_never_lent_again() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("etalase.db").display());
        let store = Store::open_with_pool(&url, Some(1)).await.unwrap();
        // A transaction that never ends, as when its COMMIT fails on a full
        // disk: nothing will roll it back.
        let mut conn = store.acquire().await.unwrap();
        std::mem::forget(conn.begin().await.unwrap());
        assert!(conn.is_in_transaction());
        drop(conn);
        let mut conn = store.acquire().await.unwrap();
        assert!(!conn.is_in_transaction());
        sqlx::query("SELECT 1").execute(&mut *conn).await.unwrap();
        let mut tx = store.begin_write().await.unwrap();
        sqlx::query("SELECT 1").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
    }
}
