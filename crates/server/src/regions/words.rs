//! The words regions are searched by: lower-case ASCII letters and digits,
//! accents and apostrophes dropped (`Ba'u` → `bau`), anything else a
//! separator; a regency's or city's `Kabupaten`/`Kota` (and
//! `Administrasi`) left out of its name, and the same designators in a
//! search telling which level is meant rather than being matched.

use etalase_contract::RegionLevel;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The words of `text`, lower case, accents and apostrophes dropped.
pub fn split(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.nfd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The search words of a region's own name: a regency's or city's
/// `Kabupaten`, `Kota` and `Administrasi` left out (`Kota Administrasi
/// Jakarta Selatan` → `jakarta selatan`).
pub fn name_words(name: &str, level: RegionLevel) -> Vec<String> {
    let mut words = split(name);
    if level == RegionLevel::City {
        let designators = words
            .iter()
            .take_while(|w| matches!(w.as_str(), "kota" | "kabupaten" | "administrasi"))
            .count();
        if designators < words.len() {
            words.drain(..designators);
        }
    }
    words
}

/// The fewest letters or digits of a word regions are found by; shorter
/// words only narrow what longer ones found (`a b c` would find a third
/// of the list).
pub const MIN_FINDING_WORD: usize = 3;

/// What a search asks for: the words a region must match, and the level
/// (and, for a regency or city, the start of its name) that a designator
/// in it prefers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionQuery {
    /// Words each region's path must have a word starting with, at least
    /// one of those of [`MIN_FINDING_WORD`] letters or more in the region's
    /// own name.
    pub words: Vec<String>,
    /// The level a designator named, with the start of the names it
    /// prefers (`Kota ` for `kota`): ranked first.
    pub prefer: Option<(RegionLevel, &'static str)>,
}

impl RegionQuery {
    /// Reads a search: `kota bandung`, `Kec. Coblong`, `dago bandung`.
    pub fn parse(text: &str) -> RegionQuery {
        let all = split(text);
        let mut prefer = None;
        let mut words = Vec::new();
        for word in &all {
            match designator(word) {
                Some(named) => {
                    prefer = prefer.or(named);
                }
                None => words.push(word.clone()),
            }
        }
        if words.is_empty() {
            // Only designators (`kota`): they are the words searched for.
            return RegionQuery {
                words: all,
                prefer: None,
            };
        }
        RegionQuery { words, prefer }
    }

    /// The words regions are found by: those of [`MIN_FINDING_WORD`]
    /// letters or digits or more.
    pub fn finding(&self) -> impl Iterator<Item = &String> {
        self.words.iter().filter(|w| w.len() >= MIN_FINDING_WORD)
    }

    /// The words as one text, for comparing with a region's whole name.
    pub fn joined(&self) -> String {
        self.words.join(" ")
    }
}

/// Whether `word` is a designator (`Some`), with the level and name start
/// it prefers when it names one.
fn designator(word: &str) -> Option<Option<(RegionLevel, &'static str)>> {
    Some(match word {
        "kota" => Some((RegionLevel::City, "Kota ")),
        "kabupaten" | "kab" => Some((RegionLevel::City, "Kabupaten ")),
        "kecamatan" | "kec" => Some((RegionLevel::District, "")),
        "kelurahan" | "kel" | "desa" => Some((RegionLevel::Village, "")),
        "administrasi" | "adm" | "provinsi" | "prov" => None,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_ascii_without_punctuation() {
        assert_eq!(split("Pasi Kuala Ba'u"), ["pasi", "kuala", "bau"]);
        assert_eq!(
            split("  Kab. BANDUNG-barat (Lembang)"),
            ["kab", "bandung", "barat", "lembang"]
        );
        assert_eq!(split("Bénoa"), ["benoa"]);
        assert!(split(" .,- ").is_empty());
    }

    #[test]
    fn regencies_and_cities_are_named_without_designators() {
        let city = RegionLevel::City;
        assert_eq!(name_words("Kota Bandung", city), ["bandung"]);
        assert_eq!(
            name_words("Kabupaten Bandung Barat", city),
            ["bandung", "barat"]
        );
        assert_eq!(
            name_words("Kota Administrasi Jakarta Selatan", city),
            ["jakarta", "selatan"]
        );
        assert_eq!(
            name_words("Kota Baru", RegionLevel::Village),
            ["kota", "baru"]
        );
    }

    #[test]
    fn designators_in_a_search_prefer_a_level() {
        let query = RegionQuery::parse("Kota Bandung");
        assert_eq!(query.words, ["bandung"]);
        assert_eq!(query.prefer, Some((RegionLevel::City, "Kota ")));
        let query = RegionQuery::parse("kec. coblong, bandung");
        assert_eq!(query.joined(), "coblong bandung");
        assert_eq!(query.prefer, Some((RegionLevel::District, "")));
        assert_eq!(RegionQuery::parse("kota").words, ["kota"]);
        assert_eq!(RegionQuery::parse("Provinsi Bali").prefer, None);
    }
}
