//! Indonesia's official region list (decision 0059): the file
//! `data/regions/regions.tsv.gz`, compiled into the binary, read into rows
//! ready to store, each with the words it is searched by.
//!
//! The file holds one `code<TAB>name<TAB>postal code` line per region,
//! sorted by code; a region's parent is its code without the last part.
//! A province is named by its canonical name (`etalase_contract::PROVINCES`:
//! `DKI Jakarta` for the list's `Daerah Khusus Ibukota Jakarta`), the one
//! addresses, shops and zones use.

pub mod typos;
pub mod words;

use std::io::Read;

use etalase_contract::{Province, RegionCode, RegionLevel};
use flate2::read::GzDecoder;
use sha2::{Digest, Sha256};

/// The region list, gzip'd, as `cargo xtask regions` writes it.
const LIST: &[u8] = include_bytes!("../../data/regions/regions.tsv.gz");

/// One region of the list, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRegion {
    /// Its code, `xx` to `xx.xx.xx.xxxx`.
    pub code: String,
    /// Its level.
    pub level: RegionLevel,
    /// Its name as the list writes it.
    pub name: String,
    /// Its name's search words, joined by spaces ([`words::name_words`]).
    pub key: String,
    /// A village's postal code.
    pub postal_code: Option<String>,
}

/// The list's fingerprint: a region list is loaded again when it differs.
pub fn fingerprint() -> String {
    hex::encode(&Sha256::digest(LIST)[..8])
}

/// Every region of the list, by code.
///
/// # Panics
/// When the compiled-in list is not as `cargo xtask regions` writes it: a
/// build with a broken list fails its first start and every test.
pub fn list() -> Vec<ListedRegion> {
    let mut text = String::new();
    GzDecoder::new(LIST)
        .read_to_string(&mut text)
        .expect("the region list is gzip'd UTF-8");
    text.lines()
        .map(|line| {
            let mut fields = line.split('\t');
            let (Some(code), Some(name), Some(postal)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("region list line {line:?} has not three fields");
            };
            let level = RegionCode::parse(code)
                .unwrap_or_else(|m| panic!("region list code {code:?}: {m}"))
                .level();
            let name = if level == RegionLevel::Province {
                Province::parse(name)
                    .unwrap_or_else(|m| panic!("region list province {name:?}: {m}"))
                    .name()
            } else {
                name
            };
            ListedRegion {
                code: code.to_owned(),
                level,
                name: name.to_owned(),
                key: words::name_words(name, level).join(" "),
                postal_code: Some(postal).filter(|p| !p.is_empty()).map(str::to_owned),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_level_with_search_keys_and_postal_codes() {
        let regions = list();
        let count = |level| regions.iter().filter(|r| r.level == level).count();
        assert_eq!(count(RegionLevel::Province), 38);
        assert_eq!(count(RegionLevel::City), 514);
        assert_eq!(count(RegionLevel::District), 7_285);
        assert!(count(RegionLevel::Village) >= 83_000);
        let bandung = regions.iter().find(|r| r.code == "32.73").unwrap();
        assert_eq!(
            (bandung.name.as_str(), bandung.key.as_str()),
            ("Kota Bandung", "bandung")
        );
        let jakarta = regions.iter().find(|r| r.code == "31").unwrap();
        assert_eq!(
            (jakarta.name.as_str(), jakarta.key.as_str()),
            ("DKI Jakarta", "dki jakarta")
        );
        let provinces: Vec<&str> = regions
            .iter()
            .filter(|r| r.level == RegionLevel::Province)
            .map(|r| r.name.as_str())
            .collect();
        assert!(provinces
            .iter()
            .all(|name| etalase_contract::PROVINCES.contains(name)));
        let dago = regions.iter().find(|r| r.code == "32.73.02.1004").unwrap();
        assert_eq!(dago.postal_code.as_deref(), Some("40135"));
    }
}
