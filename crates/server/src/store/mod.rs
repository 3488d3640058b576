//! Storage: the SQLite pool, its settings, and the schema migrations.
//!
//! The database runs in WAL mode, so readers never wait for the writer, with
//! `synchronous=FULL`, so a committed order survives a power loss (each
//! commit waits for the WAL to reach the disk), with foreign keys enforced and a busy timeout instead of immediate `SQLITE_BUSY`
//! errors. Migrations in `crates/server/migrations/` are embedded in the
//! binary and applied at start-up. Queries live in submodules, one per area.

mod addresses;
mod cart;
mod catalogue;
pub(crate) mod checkout;
pub(crate) mod creator;
pub(crate) mod idempotency;
mod identity;
pub(crate) mod live;
pub(crate) mod live_vouchers;
pub(crate) mod orders;
pub(crate) mod payments;
pub(crate) mod sales;
mod search;

pub(crate) use addresses::read_address;
pub use addresses::ValidAddress;
pub(crate) use cart::read_cart;
pub use cart::{Buyable, LineSource};
pub(crate) use catalogue::StoredKind;
pub use idempotency::KeyState;
pub use identity::StoredSession;
pub use search::ProductSearch;

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::MigrateError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// How long a statement waits for a lock held by another connection.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a request waits for a free connection before giving up (503).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
/// Connections in the pool. SQLite has one writer; WAL lets the rest read.
const MAX_CONNECTIONS: u32 = 8;

/// The database: a pool of SQLite connections.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

/// The database could not be opened or brought to the current schema.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL is not a SQLite URL, or the file cannot be opened.
    #[error("cannot open the database")]
    Connect(#[source] sqlx::Error),
    /// A migration failed, or the database is newer than this binary.
    #[error("cannot migrate the database")]
    Migrate(#[source] MigrateError),
}

impl Store {
    /// Opens the SQLite database at `url` (`sqlite://path`), creating the file
    /// when missing, and applies pending migrations.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(OpenError::Connect)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(OpenError::Connect)?;
        sqlx::migrate!()
            .run(&pool)
            .await
            .map_err(OpenError::Migrate)?;
        Ok(Store { pool })
    }

    /// The journal mode and `synchronous` level the pool's connections run
    /// with: `("wal", 2)` is WAL with `synchronous=FULL`.
    pub async fn durability(&self) -> Result<(String, i64), sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?;
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?;
        Ok((mode, synchronous))
    }

    /// Checks that the database answers a query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    /// Closes every connection, checkpointing the WAL; later queries fail
    /// with [`sqlx::Error::PoolClosed`].
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A connection of the pool, for reads that must see one snapshot.
    pub(crate) async fn acquire(
        &self,
    ) -> Result<sqlx::pool::PoolConnection<sqlx::Sqlite>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// Begins a transaction that holds SQLite's write lock from its first
    /// statement, so two of them never deadlock upgrading a read lock.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// The pool, for the modules that write (the seed).
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
