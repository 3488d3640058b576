//! Indonesia's regions: the list loaded once per database, its search,
//! a region and its children, and the village an address is keyed on.

use std::collections::BTreeSet;

use etalase_contract::{Region, RegionLevel};
use sqlx::AnyConnection;

use super::{Backend, Store};
use crate::regions::words::RegionQuery;
use crate::regions::{self, ListedRegion};
use crate::time::Timestamp;

/// The advisory lock a load holds, so instances starting together on one
/// PostgreSQL database load the list once.
pub(crate) const REGIONS_LOCK: i64 = 0x4554_414c_0003;
/// The most regions a search answers.
pub const MAX_RESULTS: i64 = 20;
/// Regions per `INSERT` (8 values each: within SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters).
const REGIONS_PER_INSERT: usize = 2_000;
/// Words per `INSERT` (2 values each).
const WORDS_PER_INSERT: usize = 8_000;
/// The columns of a region as the API answers it.
const COLUMNS: &str = "code, level, name, path, postal_code";

/// What [`Store::load_regions`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionsLoad {
    /// This list was loaded before (by this start or another instance).
    AlreadyLoaded,
    /// This start loaded it.
    Loaded,
}

#[derive(sqlx::FromRow)]
struct RegionRow {
    code: String,
    level: i64,
    name: String,
    path: String,
    postal_code: Option<String>,
}

impl From<RegionRow> for Region {
    fn from(row: RegionRow) -> Self {
        Region {
            code: row.code,
            level: level_of(row.level),
            name: row.name,
            path: row.path,
            postal_code: row.postal_code,
        }
    }
}

/// The level stored as `n`, 1 to 4 (the schema's `CHECK`).
fn level_of(n: i64) -> RegionLevel {
    match n {
        1 => RegionLevel::Province,
        2 => RegionLevel::City,
        3 => RegionLevel::District,
        _ => RegionLevel::Village,
    }
}

/// The number `level` is stored as.
fn stored_level(level: RegionLevel) -> i64 {
    match level {
        RegionLevel::Province => 1,
        RegionLevel::City => 2,
        RegionLevel::District => 3,
        RegionLevel::Village => 4,
    }
}

/// A village, with the names of the regions above it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Village {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its postal code, when the list has one.
    pub postal_code: Option<String>,
    /// Its district's name.
    pub district: String,
    /// Its regency's or city's name.
    pub city: String,
    /// Its province's name.
    pub province: String,
}

impl Store {
    /// Loads the compiled-in region list unless its fingerprint is already
    /// in `region_lists`. One transaction, under [`REGIONS_LOCK`] on
    /// PostgreSQL (SQLite's write transaction excludes others anyway), so
    /// an instance starting meanwhile waits, then finds the list loaded.
    /// A newer list updates the regions it shares with the old one by code
    /// and adds the others; a code it lacks stays, as addresses may name it.
    pub async fn load_regions(&self) -> Result<RegionsLoad, sqlx::Error> {
        let fingerprint = regions::fingerprint();
        let loaded = "SELECT COUNT(*) FROM region_lists WHERE fingerprint = $1";
        let count: i64 = sqlx::query_scalar(loaded)
            .bind(&fingerprint)
            .fetch_one(&self.pool)
            .await?;
        if count > 0 {
            return Ok(RegionsLoad::AlreadyLoaded);
        }
        let list = regions::list();
        let mut tx = self.begin_write().await?;
        self.lock_until_commit(&mut tx, REGIONS_LOCK).await?;
        let count: i64 = sqlx::query_scalar(loaded)
            .bind(&fingerprint)
            .fetch_one(&mut *tx)
            .await?;
        if count > 0 {
            tx.commit().await?;
            return Ok(RegionsLoad::AlreadyLoaded);
        }
        for chunk in list.chunks(REGIONS_PER_INSERT) {
            insert_regions(&mut tx, self.backend, chunk).await?;
        }
        sqlx::query("DELETE FROM region_words")
            .execute(&mut *tx)
            .await?;
        let words: BTreeSet<(&str, &str)> = list
            .iter()
            .flat_map(|region| {
                region
                    .key
                    .split(' ')
                    .filter(|word| !word.is_empty())
                    .map(|word| (word, region.code.as_str()))
            })
            .collect();
        let words: Vec<(&str, &str)> = words.into_iter().collect();
        for chunk in words.chunks(WORDS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO region_words (word, code) VALUES {}",
                placeholders(self.backend, chunk.len(), 2)
            );
            let insert = chunk.iter().fold(sqlx::query(&sql), |q, (word, code)| {
                q.bind(*word).bind(*code)
            });
            insert.execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO region_lists (fingerprint, loaded_at) VALUES ($1, $2)")
            .bind(&fingerprint)
            .bind(Timestamp::now().to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(RegionsLoad::Loaded)
    }

    /// The regencies, cities, districts and villages `query` finds, at most
    /// [`MAX_RESULTS`], best first: those of the level a designator named
    /// (`kota`, `kec.`), then those whose name is the search, then those
    /// whose name starts with it; within each, regencies and cities, then
    /// districts, then villages; then by name.
    ///
    /// A region is found when a word of its own name starts with one of
    /// the search's words (an index range in `region_words` per word) and
    /// each of the search's words starts a word of its path.
    pub async fn search_regions(&self, query: &RegionQuery) -> Result<Vec<Region>, sqlx::Error> {
        let (level, start) = query
            .prefer
            .map_or((0, ""), |(level, start)| (stored_level(level), start));
        let whole = query.joined();
        // Parameters: $1 level, $2 the name's start, $3 the whole search,
        // then two per word (its range), then one per word (its pattern).
        let n = query.words.len();
        let ranges: Vec<String> = (0..n)
            .map(|i| format!("(word >= ${} AND word < ${})", 4 + 2 * i, 5 + 2 * i))
            .collect();
        let patterns: String = (0..n)
            .map(|i| format!(" AND terms LIKE ${}", 4 + 2 * n + i))
            .collect();
        let sql = format!(
            "SELECT {COLUMNS} FROM regions
              WHERE code IN (SELECT code FROM region_words WHERE {ranges}) AND level >= 2{patterns}
              ORDER BY CASE WHEN level = $1 AND substr(name, 1, length($2)) = $2 THEN 0 ELSE 1 END,
                       CASE WHEN key = $3 THEN 0
                            WHEN substr(key, 1, length($3)) = $3 THEN 1 ELSE 2 END,
                       level, name, code
              LIMIT {MAX_RESULTS}",
            ranges = ranges.join(" OR "),
        );
        let mut search = sqlx::query_as::<_, RegionRow>(&sql)
            .bind(level)
            .bind(start)
            .bind(whole);
        // Words are ASCII letters and digits, all below '~'.
        for word in &query.words {
            search = search.bind(word.clone()).bind(format!("{word}~"));
        }
        for word in &query.words {
            search = search.bind(format!("% {word}%"));
        }
        let rows = search.fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Region::from).collect())
    }

    /// The region with code `code`.
    pub async fn region(&self, code: &str) -> Result<Option<Region>, sqlx::Error> {
        let row: Option<RegionRow> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM regions WHERE code = $1"))
                .bind(code)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Region::from))
    }

    /// The regions directly below `code`, by name.
    pub async fn region_children(&self, code: &str) -> Result<Vec<Region>, sqlx::Error> {
        let rows: Vec<RegionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions WHERE parent = $1 ORDER BY name, code"
        ))
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Region::from).collect())
    }

    /// The village with code `code`, with the names above it; `None` when
    /// no village has it.
    pub async fn village(&self, code: &str) -> Result<Option<Village>, sqlx::Error> {
        sqlx::query_as(
            "SELECT v.code, v.name, v.postal_code, d.name AS district, c.name AS city,
                    p.name AS province
               FROM regions v
               JOIN regions d ON d.code = v.parent
               JOIN regions c ON c.code = d.parent
               JOIN regions p ON p.code = c.parent
              WHERE v.code = $1 AND v.level = 4",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await
    }
}

/// Writes `chunk` of the list, updating regions already stored by code.
async fn insert_regions(
    tx: &mut AnyConnection,
    backend: Backend,
    chunk: &[ListedRegion],
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO regions (code, parent, level, name, path, key, terms, postal_code)
         VALUES {}
         ON CONFLICT (code) DO UPDATE SET parent = excluded.parent, level = excluded.level,
             name = excluded.name, path = excluded.path, key = excluded.key,
             terms = excluded.terms, postal_code = excluded.postal_code",
        placeholders(backend, chunk.len(), 8)
    );
    let insert = chunk.iter().fold(sqlx::query(&sql), |q, region| {
        q.bind(region.code.as_str())
            .bind(region.parent.as_deref())
            .bind(stored_level(region.level))
            .bind(region.name.as_str())
            .bind(region.path.as_str())
            .bind(region.key.as_str())
            .bind(region.terms.as_str())
            .bind(region.postal_code.as_deref())
    });
    insert.execute(tx).await?;
    Ok(())
}

/// `rows` tuples of `columns` parameters: `($1, $2), ($3, $4)` on
/// PostgreSQL, `(?, ?), (?, ?)` on SQLite, where sqlx reads numbered
/// parameters several times slower in a statement of thousands. (sqlx's
/// `QueryBuilder` writes `?` for the `Any` driver whatever the database.)
fn placeholders(backend: Backend, rows: usize, columns: usize) -> String {
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
