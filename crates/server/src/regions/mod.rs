//! Indonesia's official region list (decision 0059): the file
//! `data/regions/regions.tsv.gz`, compiled into the binary, read into rows
//! ready to store, each with its full path and the words it is searched by.
//!
//! The file holds one `code<TAB>name<TAB>postal code` line per region,
//! sorted by code, so a region's parent (its code without the last part)
//! always comes before it.

pub mod words;

use std::collections::HashMap;
use std::io::Read;

use etalase_contract::{RegionCode, RegionLevel};
use flate2::read::GzDecoder;
use sha2::{Digest, Sha256};

/// The region list, gzip'd, as `cargo xtask regions` writes it.
const LIST: &[u8] = include_bytes!("../../data/regions/regions.tsv.gz");

/// One region of the list, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRegion {
    /// Its code, `xx` to `xx.xx.xx.xxxx`.
    pub code: String,
    /// Its parent's code; `None` for a province.
    pub parent: Option<String>,
    /// Its level.
    pub level: RegionLevel,
    /// Its name as the list writes it.
    pub name: String,
    /// The region and those above it: `Coblong, Kota Bandung, Jawa Barat`.
    pub path: String,
    /// Its own name's search words, joined by spaces ([`words::name_words`]).
    pub key: String,
    /// The search words of its path, each preceded by a space, for
    /// matching the words of a search that name a region above it.
    pub terms: String,
    /// A village's postal code.
    pub postal_code: Option<String>,
}

/// The list's fingerprint: a region list is loaded again when it differs.
pub fn fingerprint() -> String {
    hex::encode(&Sha256::digest(LIST)[..8])
}

/// Every region of the list, parents first.
///
/// # Panics
/// When the compiled-in list is not as `cargo xtask regions` writes it: a
/// build with a broken list fails its first start and every test.
pub fn list() -> Vec<ListedRegion> {
    let mut text = String::new();
    GzDecoder::new(LIST)
        .read_to_string(&mut text)
        .expect("the region list is gzip'd UTF-8");
    let mut above: HashMap<&str, (String, String)> = HashMap::new();
    let mut regions = Vec::with_capacity(92_000);
    for line in text.lines() {
        let mut fields = line.split('\t');
        let (Some(code), Some(name), Some(postal)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("region list line {line:?} has not three fields");
        };
        let level = RegionCode::parse(code)
            .unwrap_or_else(|m| panic!("region list code {code:?}: {m}"))
            .level();
        let key = words::name_words(name, level).join(" ");
        let parent = code.rsplit_once('.').map(|(parent, _)| parent);
        let (path, terms) = match parent.map(|parent| &above[parent]) {
            Some((path, terms)) => (format!("{name}, {path}"), format!(" {key}{terms}")),
            None => (name.to_owned(), format!(" {key}")),
        };
        above.insert(code, (path.clone(), terms.clone()));
        regions.push(ListedRegion {
            code: code.to_owned(),
            parent: parent.map(str::to_owned),
            level,
            name: name.to_owned(),
            path,
            key,
            terms,
            postal_code: Some(postal).filter(|p| !p.is_empty()).map(str::to_owned),
        });
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_level_with_paths_and_postal_codes() {
        let regions = list();
        let count = |level| regions.iter().filter(|r| r.level == level).count();
        assert_eq!(count(RegionLevel::Province), 38);
        assert_eq!(count(RegionLevel::City), 514);
        assert_eq!(count(RegionLevel::District), 7_285);
        assert!(count(RegionLevel::Village) >= 83_000);
        let coblong = regions.iter().find(|r| r.code == "32.73.02").unwrap();
        assert_eq!(coblong.path, "Coblong, Kota Bandung, Jawa Barat");
        assert_eq!(coblong.key, "coblong");
        assert_eq!(coblong.terms, " coblong bandung jawa barat");
        let bandung = regions.iter().find(|r| r.code == "32.73").unwrap();
        assert_eq!(
            (bandung.key.as_str(), bandung.parent.as_deref()),
            ("bandung", Some("32"))
        );
        let dago = regions.iter().find(|r| r.code == "32.73.02.1004").unwrap();
        assert_eq!(dago.postal_code.as_deref(), Some("40135"));
    }
}
