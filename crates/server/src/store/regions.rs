//! Indonesia's regions: the list loaded once per database, its search,
//! a region and its children, and the village an address is keyed on.

use std::collections::BTreeSet;

use etalase_contract::{Region, RegionCode, RegionLevel};
use sqlx::AnyConnection;

use super::{Backend, Store};
use crate::regions::words::RegionQuery;
use crate::regions::{self, ListedRegion};
use crate::time::Timestamp;

/// The advisory lock a load holds, so instances starting together on one
/// PostgreSQL database load the list once.
pub(crate) const REGIONS_LOCK: i64 = 0x4554_414c_0003;
/// The most regions a search answers.
const MAX_RESULTS: i64 = 20;
/// Regions per `INSERT` (5 values each: within SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters).
const REGIONS_PER_INSERT: usize = 4_000;
/// Words per `INSERT` (2 values each).
const WORDS_PER_INSERT: usize = 8_000;
/// A region's columns, `r` the region, with the names above it.
const COLUMNS: &str = "r.code, r.level, r.name, r.postal_code,
    d.name AS district, c.name AS city, p.name AS province";
/// The regions above `r`, by the start of its code: its district, its
/// regency or city and its province, each `NULL` at or above `r`'s level.
const ABOVE: &str = "LEFT JOIN regions d ON r.level = 4 AND d.code = substr(r.code, 1, 8)
    LEFT JOIN regions c ON r.level >= 3 AND c.code = substr(r.code, 1, 5)
    LEFT JOIN regions p ON r.level >= 2 AND p.code = substr(r.code, 1, 2)";

/// What [`Store::load_regions`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionsLoad {
    /// This list was loaded before (by this start or another instance).
    AlreadyLoaded,
    /// This start loaded it.
    Loaded,
}

/// A region with the names above it.
#[derive(sqlx::FromRow)]
struct RegionRow {
    code: String,
    level: i64,
    name: String,
    postal_code: Option<String>,
    district: Option<String>,
    city: Option<String>,
    province: Option<String>,
}

impl From<RegionRow> for Region {
    fn from(row: RegionRow) -> Self {
        let above = [&row.district, &row.city, &row.province];
        let path = std::iter::once(row.name.as_str())
            .chain(above.into_iter().flatten().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ");
        Region {
            code: row.code,
            level: level_of(row.level),
            name: row.name,
            path,
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
        insert_words(&mut tx, self.backend, &list).await?;
        sqlx::query("INSERT INTO region_lists (fingerprint, loaded_at) VALUES ($1, $2)")
            .bind(&fingerprint)
            .bind(Timestamp::now().to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(RegionsLoad::Loaded)
    }

    /// The regencies, cities, districts and villages `query` finds, at most
    /// 20, best first: those of the level a designator named
    /// (`kota`, `kec.`), then those whose name is the search, then those
    /// whose name starts with it; within each, regencies and cities, then
    /// districts, then villages; then by name.
    ///
    /// A region is found when a word of its own name starts with one of
    /// the search's finding words ([`RegionQuery::finding`]: an index
    /// range of `region_words` each) and,
    /// for a search of several words, each of them starts a word of its
    /// name or of a name above it. The names above are read for the 20
    /// found only, unless several words need them.
    pub async fn search_regions(&self, query: &RegionQuery) -> Result<Vec<Region>, sqlx::Error> {
        let (level, start) = query
            .prefer
            .map_or((0, ""), |(level, start)| (stored_level(level), start));
        // Parameters: $1 the preferred level, $2 the start of its names,
        // $3 the whole search, two per finding word (its range of words),
        // then one per word (its pattern) when there are several.
        let finding: Vec<&String> = query.finding().collect();
        let f = finding.len();
        let n = query.words.len();
        let ranges: Vec<String> = (0..f)
            .map(|i| format!("(word >= ${} AND word < ${})", 4 + 2 * i, 5 + 2 * i))
            .collect();
        let (above, patterns) = if n > 1 {
            let words = "(' ' || r.key || ' ' || coalesce(d.key, '') || ' ' || coalesce(c.key, '')
                           || ' ' || coalesce(p.key, ''))";
            let patterns: String = (0..n)
                .map(|i| format!(" AND {words} LIKE ${}", 4 + 2 * f + i))
                .collect();
            (ABOVE, patterns)
        } else {
            ("", String::new())
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM (
                 SELECT r.code, r.level, r.name, r.postal_code,
                        CASE WHEN r.level = $1 AND substr(r.name, 1, length($2)) = $2
                             THEN 0 ELSE 1 END AS preferred,
                        CASE WHEN r.key = $3 THEN 0
                             WHEN substr(r.key, 1, length($3)) = $3 THEN 1 ELSE 2 END AS fit
                   FROM regions r {above}
                  WHERE r.code IN (SELECT code FROM region_words WHERE {ranges})
                    AND r.level >= 2{patterns}
                  ORDER BY preferred, fit, r.level, r.name, r.code
                  LIMIT {MAX_RESULTS}
             ) r {ABOVE}
             ORDER BY r.preferred, r.fit, r.level, r.name, r.code",
            ranges = ranges.join(" OR "),
        );
        let mut search = sqlx::query_as::<_, RegionRow>(&sql)
            .bind(level)
            .bind(start)
            .bind(query.joined());
        // Words are ASCII letters and digits, all below '~'.
        for word in finding {
            search = search.bind(word.clone()).bind(format!("{word}~"));
        }
        if n > 1 {
            for word in &query.words {
                search = search.bind(format!("% {word}%"));
            }
        }
        let rows = search.fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Region::from).collect())
    }

    /// The region with code `code`.
    pub async fn region(&self, code: &str) -> Result<Option<Region>, sqlx::Error> {
        let row: Option<RegionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions r {ABOVE} WHERE r.code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Region::from))
    }

    /// The regions directly below `code`, by name: those one level down
    /// whose code starts with `code` and a dot.
    pub async fn region_children(&self, code: &RegionCode) -> Result<Vec<Region>, sqlx::Error> {
        let below = match code.level() {
            RegionLevel::Province => RegionLevel::City,
            RegionLevel::City => RegionLevel::District,
            RegionLevel::District | RegionLevel::Village => RegionLevel::Village,
        };
        // '/' follows '.' in byte order.
        let rows: Vec<RegionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions r {ABOVE}
              WHERE r.code > $1 AND r.code < $2 AND r.level = $3
              ORDER BY r.name, r.code"
        ))
        .bind(format!("{}.", code.as_str()))
        .bind(format!("{}/", code.as_str()))
        .bind(stored_level(below))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Region::from).collect())
    }

    /// The village with code `code`, with the names above it; `None` when
    /// no village has it.
    pub async fn village(&self, code: &str) -> Result<Option<Village>, sqlx::Error> {
        let row: Option<RegionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions r {ABOVE} WHERE r.code = $1 AND r.level = 4"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|row| {
            Some(Village {
                district: row.district?,
                city: row.city?,
                province: row.province?,
                code: row.code,
                name: row.name,
                postal_code: row.postal_code,
            })
        }))
    }
}

/// Writes `chunk` of the list, updating regions already stored by code.
async fn insert_regions(
    tx: &mut AnyConnection,
    backend: Backend,
    chunk: &[ListedRegion],
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO regions (code, level, name, key, postal_code)
         VALUES {}
         ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name,
             key = excluded.key, postal_code = excluded.postal_code",
        placeholders(backend, chunk.len(), 5)
    );
    let insert = chunk.iter().fold(sqlx::query(&sql), |q, region| {
        q.bind(region.code.as_str())
            .bind(stored_level(region.level))
            .bind(region.name.as_str())
            .bind(region.key.as_str())
            .bind(region.postal_code.as_deref())
    });
    insert.execute(tx).await?;
    Ok(())
}

/// Writes the words of every region of `list` in place of those stored.
async fn insert_words(
    tx: &mut AnyConnection,
    backend: Backend,
    list: &[ListedRegion],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM region_words")
        .execute(&mut *tx)
        .await?;
    // A name may repeat a word (`Sungai Sungai`); a set keeps each once.
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
            placeholders(backend, chunk.len(), 2)
        );
        let insert = chunk.iter().fold(sqlx::query(&sql), |q, (word, code)| {
            q.bind(*word).bind(*code)
        });
        insert.execute(&mut *tx).await?;
    }
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
