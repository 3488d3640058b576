//! `cargo xtask regions <wilayah.sql> <wilayah_kodepos.sql>`: the server's
//! region list (`crates/server/data/regions/regions.tsv.gz`) made again from
//! the two SQL dumps of `cahyadsn/wilayah` and `cahyadsn/wilayah_kodepos`
//! (decision 0059).
//!
//! Each dump holds one `('code','text'),` row per line; names double their
//! apostrophes (`'Ba''u'`). The file written is one line per region,
//! `code<TAB>name<TAB>postal code` (empty but for villages), sorted by code,
//! gzip'd with no name or time in its header, so the same dumps always give
//! the same bytes.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// Where the region list lives, from the workspace's root.
const OUTPUT: &str = "crates/server/data/regions/regions.tsv.gz";

/// Reads both dumps, checks the hierarchy and writes [`OUTPUT`].
pub fn run(args: &[String]) -> Result<(), String> {
    let [regions, postal] = args else {
        return Err("usage: cargo xtask regions <wilayah.sql> <wilayah_kodepos.sql>".into());
    };
    let names = rows(Path::new(regions))?;
    let postal_codes = rows(Path::new(postal))?;
    let mut levels = [0usize; 4];
    let mut with_postal = 0;
    let mut text = String::new();
    for (code, name) in &names {
        let level = code.split('.').count();
        if let Some((parent, _)) = code.rsplit_once('.') {
            if !names.contains_key(parent) {
                return Err(format!("{code} ({name}) has no parent {parent}"));
            }
        }
        levels[level - 1] += 1;
        let postal = if level == 4 {
            postal_codes.get(code).map_or("", String::as_str)
        } else {
            ""
        };
        if !postal.is_empty() {
            let five = postal.len() == 5 && postal.bytes().all(|b| b.is_ascii_digit());
            if !five || postal.starts_with('0') {
                return Err(format!("{code} has postal code {postal:?}"));
            }
            with_postal += 1;
        }
        if name.contains(['\t', '\n']) || name.trim() != name || name.is_empty() {
            return Err(format!("{code} has name {name:?}"));
        }
        text.push_str(&format!("{code}\t{name}\t{postal}\n"));
    }
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    gzip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    let bytes = gzip.finish().map_err(|e| e.to_string())?;
    fs::write(OUTPUT, &bytes).map_err(|e| format!("{OUTPUT}: {e}"))?;
    eprintln!(
        "{OUTPUT}: {} bytes; {} provinces, {} regencies and cities, {} districts, {} villages, {with_postal} with a postal code",
        bytes.len(),
        levels[0],
        levels[1],
        levels[2],
        levels[3],
    );
    Ok(())
}

/// The `('code','text')` rows of the dump at `path`, by code.
fn rows(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let dump = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = BTreeMap::new();
    for line in dump.lines().filter(|line| line.starts_with("('")) {
        let row = line
            .trim_end_matches([',', ';'])
            .strip_prefix("('")
            .and_then(|row| row.strip_suffix("')"))
            .ok_or_else(|| format!("{}: cannot read {line:?}", path.display()))?;
        let (code, text) = row
            .split_once("',")
            .ok_or_else(|| format!("{}: cannot read {line:?}", path.display()))?;
        let text = text
            .trim_start()
            .trim_start_matches('\'')
            .replace("''", "'");
        let well_formed = code.split('.').map(str::len).collect::<Vec<_>>();
        if !matches!(well_formed[..], [2] | [2, 2] | [2, 2, 2] | [2, 2, 2, 4]) {
            return Err(format!("{}: code {code:?}", path.display()));
        }
        if rows
            .insert(code.to_owned(), text.trim().to_owned())
            .is_some()
        {
            return Err(format!("{}: {code} twice", path.display()));
        }
    }
    Ok(rows)
}
