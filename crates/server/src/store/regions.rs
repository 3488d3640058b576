//! Indonesia's regions: the list loaded once per database, its search,
//! a region and its children, and the village an address is keyed on.

use std::collections::{BTreeSet, HashMap};

use etalase_contract::{Region, RegionCode, RegionLevel, RegionSearch};
use sqlx::AnyConnection;

use super::{placeholders, Backend, Store};
use crate::regions::typos;
use crate::regions::words::{RegionQuery, MIN_FINDING_WORD};
use crate::regions::{self, ListedRegion};
use crate::time::Timestamp;

/// The advisory lock a load holds, so instances starting together on one
/// PostgreSQL database load the list once.
pub(crate) const REGIONS_LOCK: i64 = 0x4554_414c_0003;
/// The most regions a search answers.
const MAX_RESULTS: usize = 20;
/// Regions per `INSERT` (5 values each: within SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters).
const REGIONS_PER_INSERT: usize = 4_000;
/// Words per `INSERT` (5 values each).
const WORDS_PER_INSERT: usize = 6_000;
/// A region's columns, `r` the region, with the names above it
/// ([`above`]).
const COLUMNS: &str = "r.code, r.level, r.name, r.postal_code,
    d.name AS district, c.name AS city, p.name AS province";
/// Whether region `x` is of the level a search's designator prefers (0)
/// or not (1): `$3` that level (0 for none, when every region is), `$4`
/// `kota` or `kabupaten` for a city or a regency (a city's code has 71 and
/// above as its second part, a regency's less), or empty.
fn preferred(x: &str) -> String {
    format!(
        "(CASE WHEN $3 = 0 OR ({x}.level = $3 AND ($4 = ''
             OR ($4 = 'kota') = (substr({x}.code, 4, 1) >= '7'))) THEN 0 ELSE 1 END)"
    )
}

/// How region `x`'s search key fits a search of all the words `$1`, the
/// required ones `$2`: 0 it is all the words (`kota baru`: the district
/// Kota Baru), 1 the required words at the preferred level (`kota
/// bandung`: Kota Bandung), 2 it starts with all the words, 3 with the
/// required ones at the preferred level, 4 otherwise.
fn fit(x: &str) -> String {
    let preferred = preferred(x);
    format!(
        "(CASE WHEN {x}.key = $1 THEN 0
              WHEN {x}.key = $2 AND {preferred} = 0 THEN 1
              WHEN substr({x}.key, 1, length($1)) = $1 THEN 2
              WHEN substr({x}.key, 1, length($2)) = $2 AND {preferred} = 0 THEN 3
              ELSE 4 END)"
    )
}

/// A found region's rank as one number, smallest first: by its fit, then
/// whether it is of the preferred level, then the level of the region it
/// was found by (itself, or the one above it it stands in for), itself
/// before those standing in, then its own level.
fn rank(fit: &str, preferred: &str, anchor: &str, below: &str, level: &str) -> String {
    format!("({fit} * 10000 + {preferred} * 1000 + {anchor} * 100 + {below} * 10 + {level})")
}

/// The regions directly below those of `level` in `m`, ranked as standing
/// in for them: one index range of `regions_by_level` each. The level below
/// is a constant, so no plan hashes the whole table on it; `CROSS JOIN`
/// keeps `m` the outer loop on SQLite, which would otherwise read every
/// region of that level and look each up in `m`.
fn children(level: i64) -> String {
    format!(
        " UNION ALL
         SELECT k.code, k.level, k.key, {rank}
           FROM m CROSS JOIN regions k
          WHERE m.level = {level} AND k.level = {below}
            AND k.code > m.code || '.' AND k.code < m.code || '/'",
        below = level + 1,
        rank = rank("m.fit", "m.preferred", "m.level", "1", "k.level"),
    )
}

/// The regions above region `x`, by the start of its code: its district
/// `d`, its regency or city `c` and its province `p`, each `NULL` at or
/// above `x`'s level. Each of one level, so that a plan hashing them for
/// many regions reads 38 provinces, 514 cities or 7,285 districts by
/// `regions_by_level`, not the whole list.
fn above(x: &str) -> String {
    format!(
        "LEFT JOIN regions d ON {x}.level = 4 AND d.level = 3 AND d.code = substr({x}.code, 1, 8)
         LEFT JOIN regions c ON {x}.level >= 3 AND c.level = 2 AND c.code = substr({x}.code, 1, 5)
         LEFT JOIN regions p ON {x}.level >= 2 AND p.level = 1 AND p.code = substr({x}.code, 1, 2)"
    )
}

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

/// A region a search found, with its rank and search key.
#[derive(sqlx::FromRow)]
struct RankedRow {
    #[sqlx(flatten)]
    region: RegionRow,
    rank: i64,
    key: String,
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
    /// The vocabulary of typo corrections ([`typos::vocabulary`]) is read
    /// beside, on a thread of its own.
    pub async fn load_regions(&self) -> Result<RegionsLoad, sqlx::Error> {
        // The words typos are corrected to, read from the list meanwhile,
        // not by the first search that needs them.
        std::thread::spawn(typos::vocabulary);
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
        if self.backend == Backend::Postgres {
            // The planner's statistics of the tables just filled: without
            // them it takes 7,285 districts for 225 and hashes them for a
            // search of two words, until autovacuum analyzes the tables.
            sqlx::query("ANALYZE regions, region_words")
                .execute(&self.pool)
                .await?;
        }
        Ok(RegionsLoad::Loaded)
    }

    /// The regencies, cities, districts and villages `query` finds, at most
    /// 20, best first, and whether more match.
    ///
    /// A postal code (five digits) finds the villages that have it. Else
    /// the search as typed, or, when a word of 5 letters or more starts no
    /// word of the list, as read with that word corrected
    /// ([`typos::readings`]: searched at once, their regions ranked
    /// together).
    pub async fn search_regions(&self, query: &RegionQuery) -> Result<RegionSearch, sqlx::Error> {
        if let Some(postal_code) = query.postal_code() {
            return self.villages_of_postal_code(postal_code).await;
        }
        let readings = typos::readings(query, typos::vocabulary());
        // One more than is answered: whether more match. Readings at once,
        // each on a connection of its own.
        let searches = readings
            .iter()
            .map(|reading| self.search_reading(reading, MAX_RESULTS + 1));
        let mut found: Vec<RankedRow> = Vec::new();
        for rows in futures_util::future::try_join_all(searches).await? {
            for row in rows {
                match found.iter_mut().find(|r| r.region.code == row.region.code) {
                    Some(known) if known.rank <= row.rank => {}
                    Some(known) => *known = row,
                    None => found.push(row),
                }
            }
        }
        // Readings ranked together, as one search's regions are.
        found.sort_by(|a, b| {
            (a.rank, &a.key, &a.region.code).cmp(&(b.rank, &b.key, &b.region.code))
        });
        let more = found.len() > MAX_RESULTS;
        let regions = found
            .into_iter()
            .take(MAX_RESULTS)
            .map(|row| Region::from(row.region))
            .collect();
        Ok(RegionSearch { regions, more })
    }

    /// At most `limit` regions `query` finds as written, best first, each
    /// with its rank.
    ///
    /// A region is found when a word of its own name starts with one of the
    /// required words of [`MIN_FINDING_WORD`] letters or more: one index
    /// range of `region_words` each, ranked from that table alone (its
    /// rows carry their region's level and key). With one required word, a
    /// province found so stands for its regencies and cities. With several,
    /// each must also start a word of the region's name or of the province,
    /// city or district above it; when some region's own name has them all,
    /// only such regions are kept, not those with the words spread along
    /// their path (`jakarta selatan`: not a village "… Selatan" of another
    /// Jakarta city); and a region found above the village stands also for
    /// the regions directly below it (the city's districts).
    ///
    /// Ranked by how the name fits ([`fit`]: all the words, then the
    /// required ones at the level a designator prefers, then a name
    /// starting with either), the preferred level ([`preferred`]), the
    /// level of the region found (itself, or the one it stands in for), a
    /// region before those standing in for it, then level, search key and
    /// code. `regions` is read for those kept only, with the names above.
    async fn search_reading(
        &self,
        query: &RegionQuery,
        limit: usize,
    ) -> Result<Vec<RankedRow>, sqlx::Error> {
        // Parameters: $1 to $4 for [`fit`] and [`preferred`], then two per
        // required word (its range of words: `$5` and `$6` for the first),
        // then, with several, one per required word (its pattern).
        let range = |i: usize, w: &str| {
            format!("({w}.word >= ${} AND {w}.word < ${})", 5 + 2 * i, 6 + 2 * i)
        };
        let ranges: Vec<String> = query
            .required
            .iter()
            .enumerate()
            .filter(|(_, word)| word.len() >= MIN_FINDING_WORD)
            .map(|(i, _)| range(i, "w"))
            .collect();
        let ranges = ranges.join(" OR ");
        let several = query.required.len() > 1;
        let found = if several {
            // Each required word starts a word of the region's own key or
            // of the keys above it, kept beside each of its words; `spread`
            // is 0 when its own key has them all.
            let pattern = |i: usize| 5 + 2 * query.required.len() + i;
            let along: String = (0..query.required.len())
                .map(|i| format!(" AND (' ' || w.key || ' ' || w.above) LIKE ${}", pattern(i)))
                .collect();
            let own: Vec<String> = (0..query.required.len())
                .map(|i| format!("(' ' || w.key) LIKE ${}", pattern(i)))
                .collect();
            format!(
                "WITH f AS MATERIALIZED (
                     SELECT w.code, w.level, w.key, {fit} AS fit, {preferred} AS preferred,
                            CASE WHEN {own} THEN 0 ELSE 1 END AS spread
                       FROM (SELECT DISTINCT w.code, w.level, w.key FROM region_words w
                              WHERE ({ranges}){along}) w
                 ),
                 m AS MATERIALIZED (
                     SELECT * FROM f WHERE spread = (SELECT MIN(spread) FROM f)
                 )
                 SELECT code, level, key, {self_rank} AS rank FROM m WHERE level >= 2
                 {children}",
                fit = fit("w"),
                preferred = preferred("w"),
                own = own.join(" AND "),
                self_rank = rank("fit", "preferred", "level", "0", "level"),
                children = (1..=3).map(children).collect::<String>(),
            )
        } else {
            format!(
                "SELECT w.code, w.level, w.key, {self_rank} AS rank
                   FROM region_words w WHERE ({ranges}) AND w.level >= 2
                 UNION ALL
                 SELECT k.code, k.level, k.key, {child_rank}
                   FROM region_words w CROSS JOIN regions k
                  WHERE ({ranges}) AND w.level = 1
                    AND k.level = 2 AND k.code > w.code || '.' AND k.code < w.code || '/'",
                self_rank = rank(&fit("w"), &preferred("w"), "w.level", "0", "w.level"),
                child_rank = rank(&fit("w"), &preferred("w"), "1", "1", "2"),
            )
        };
        let sql = format!(
            "SELECT {COLUMNS}, t.rank, t.key FROM (
                 SELECT f.code, f.key, CAST(MIN(f.rank) AS BIGINT) AS rank FROM ({found}) f
                  GROUP BY f.code, f.key
                  ORDER BY rank, f.key, f.code
                  LIMIT {limit}
             ) t JOIN regions r ON r.code = t.code {above}
             ORDER BY t.rank, t.key, t.code",
            above = above("r"),
        );
        let (level, city) = query.prefer.map_or((0, ""), |prefer| {
            let city = match prefer.city {
                Some(true) => "kota",
                Some(false) => "kabupaten",
                None => "",
            };
            (stored_level(prefer.level), city)
        });
        let mut search = sqlx::query_as::<_, RankedRow>(&sql)
            .bind(query.joined())
            .bind(query.required_joined())
            .bind(level)
            .bind(city);
        // Words are ASCII letters and digits, all below '~'.
        for word in &query.required {
            search = search.bind(word.clone()).bind(format!("{word}~"));
        }
        if several {
            for word in &query.required {
                search = search.bind(format!("% {word}%"));
            }
        }
        search.fetch_all(&self.pool).await
    }

    /// The villages whose postal code is `postal_code`, at most 20 by name
    /// (`regions_by_postal_code`), and whether more have it.
    async fn villages_of_postal_code(
        &self,
        postal_code: &str,
    ) -> Result<RegionSearch, sqlx::Error> {
        let rows: Vec<RegionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions r {above}
              WHERE r.postal_code = $1 AND r.level = 4
              ORDER BY r.name, r.code LIMIT {limit}",
            above = above("r"),
            limit = MAX_RESULTS + 1,
        ))
        .bind(postal_code)
        .fetch_all(&self.pool)
        .await?;
        let more = rows.len() > MAX_RESULTS;
        let regions = rows
            .into_iter()
            .take(MAX_RESULTS)
            .map(Region::from)
            .collect();
        Ok(RegionSearch { regions, more })
    }

    /// The region with code `code`.
    pub async fn region(&self, code: &str) -> Result<Option<Region>, sqlx::Error> {
        let row: Option<RegionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM regions r {above} WHERE r.code = $1",
            above = above("r")
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
            "SELECT {COLUMNS} FROM regions r {above}
              WHERE r.code > $1 AND r.code < $2 AND r.level = $3
              ORDER BY r.name, r.code",
            above = above("r")
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
            "SELECT {COLUMNS} FROM regions r {above} WHERE r.code = $1 AND r.level = 4",
            above = above("r")
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
    let words: BTreeSet<(&str, &str, usize)> = list
        .iter()
        .enumerate()
        .flat_map(|(at, region)| {
            region
                .key
                .split(' ')
                .filter(|word| !word.is_empty())
                .map(move |word| (word, region.code.as_str(), at))
        })
        .collect();
    let keys: HashMap<&str, &str> = list
        .iter()
        .map(|region| (region.code.as_str(), region.key.as_str()))
        .collect();
    // The keys of the district, city and province above a region: its
    // code's first 8, 5 and 2 characters, those shorter than its own.
    let above = |code: &str| -> String {
        [8, 5, 2]
            .into_iter()
            .filter(|&n| n < code.len())
            .filter_map(|n| keys.get(&code[..n]).copied())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let words: Vec<(&str, &ListedRegion, String)> = words
        .into_iter()
        .map(|(word, code, at)| (word, &list[at], above(code)))
        .collect();
    for chunk in words.chunks(WORDS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO region_words (word, code, level, key, above) VALUES {}",
            placeholders(backend, chunk.len(), 5)
        );
        let insert = chunk
            .iter()
            .fold(sqlx::query(&sql), |q, (word, region, above)| {
                q.bind(*word)
                    .bind(region.code.as_str())
                    .bind(stored_level(region.level))
                    .bind(region.key.as_str())
                    .bind(above.as_str())
            });
        insert.execute(&mut *tx).await?;
    }
    Ok(())
}
