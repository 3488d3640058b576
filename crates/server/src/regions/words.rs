//! The words regions are searched by: lower-case ASCII letters and digits,
//! read after NFKC's compatibility folding (full-width `ｂａｎｄｕｎｇ` →
//! `bandung`), accents, apostrophes and zero-width characters dropped
//! (`Ba'u` → `bau`), anything else a separator; everyday short forms read
//! as the names they stand for ([`ALIASES`]: `jaksel` → `jakarta
//! selatan`); a regency's or city's `Kabupaten`/`Kota` (and
//! `Administrasi`) left out of its name, and the same designators in a
//! search telling which level is meant, besides being words of the names
//! that really start with them.

use etalase_contract::RegionLevel;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Everyday short forms of region names, each read as the words of the
/// name it stands for: Jakarta's five cities (Kota Administrasi …).
pub const ALIASES: &[(&str, &[&str])] = &[
    ("jakpus", &["jakarta", "pusat"]),
    ("jakut", &["jakarta", "utara"]),
    ("jakbar", &["jakarta", "barat"]),
    ("jaksel", &["jakarta", "selatan"]),
    ("jaktim", &["jakarta", "timur"]),
];

/// Characters that are no part of a word nor a break between words:
/// zero-width spaces and joiners, the word joiner, the byte-order mark and
/// the soft hyphen, as pasted text carries them.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// The words of `text`, lower case, compatibility forms folded (NFKD),
/// accents, apostrophes and invisible characters dropped.
pub fn split(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.nfkd() {
        if is_combining_mark(c) || invisible(c) || matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ') {
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

/// A designator's preference: the level it names and, for a regency or a
/// city, which of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefer {
    /// The level named.
    pub level: RegionLevel,
    /// `kota` or `kabupaten`: a city or a regency (their codes' second
    /// part is 71 and above for a city, below for a regency).
    pub city: Option<bool>,
}

/// What a search asks for.
///
/// A designator (`kota`, `kab.`, `kec.`, `desa`…) is matched both ways: as
/// a word of a name that really starts with it (`Kota Baru`, a district)
/// and as the level it names (`kota bandung`: Kota Bandung). So the search
/// words are all the words, a region must match the `required` ones, and
/// it fits best when its name is all the words, then the required ones
/// with the level preferred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionQuery {
    /// Every word of the search, designators included.
    pub words: Vec<String>,
    /// The words a region's path must have a word starting with: the words
    /// that are not designators (or all of them, when every one is).
    pub required: Vec<String>,
    /// The level the first designator naming one prefers.
    pub prefer: Option<Prefer>,
}

impl RegionQuery {
    /// Reads a search: `kota bandung`, `Kec. Coblong`, `dago bandung`,
    /// `jaksel` (as `jakarta selatan`).
    pub fn parse(text: &str) -> RegionQuery {
        let words: Vec<String> = split(text)
            .into_iter()
            .flat_map(
                |word| match ALIASES.iter().find(|(short, _)| *short == word) {
                    Some((_, long)) => long.iter().map(|w| (*w).to_owned()).collect(),
                    None => vec![word],
                },
            )
            .collect();
        let mut prefer = None;
        let mut required = Vec::new();
        for word in &words {
            match designator(word) {
                Some(named) => prefer = prefer.or(named),
                None => required.push(word.clone()),
            }
        }
        if required.is_empty() {
            // Only designators (`kota`): they are the words searched for.
            return RegionQuery {
                required: words.clone(),
                words,
                prefer: None,
            };
        }
        RegionQuery {
            words,
            required,
            prefer,
        }
    }

    /// The words regions are found by: the required ones of
    /// [`MIN_FINDING_WORD`] letters or digits or more.
    pub fn finding(&self) -> impl Iterator<Item = &String> {
        self.required.iter().filter(|w| w.len() >= MIN_FINDING_WORD)
    }

    /// The postal code this search is, when it is one word of five digits:
    /// the villages that have it are what it finds.
    pub fn postal_code(&self) -> Option<&str> {
        match self.words.as_slice() {
            [word] if word.len() == 5 && word.bytes().all(|b| b.is_ascii_digit()) => Some(word),
            _ => None,
        }
    }

    /// Every word as one text: the whole name a region fits best with.
    pub fn joined(&self) -> String {
        self.words.join(" ")
    }

    /// The required words as one text: the name a region of the preferred
    /// level fits with next.
    pub fn required_joined(&self) -> String {
        self.required.join(" ")
    }

    /// The same search with its `i`th required word replaced by `word`.
    pub fn with_required(&self, i: usize, word: &str) -> RegionQuery {
        let mut query = self.clone();
        let typed = std::mem::replace(&mut query.required[i], word.to_owned());
        if let Some(at) = query.words.iter().position(|w| *w == typed) {
            query.words[at] = word.to_owned();
        }
        query
    }
}

/// Whether `word` is a designator (`Some`), with what it prefers when it
/// names a level.
fn designator(word: &str) -> Option<Option<Prefer>> {
    let prefer = |level, city| Some(Prefer { level, city });
    Some(match word {
        "kota" => prefer(RegionLevel::City, Some(true)),
        "kabupaten" | "kab" => prefer(RegionLevel::City, Some(false)),
        "kecamatan" | "kec" => prefer(RegionLevel::District, None),
        "kelurahan" | "kel" | "desa" => prefer(RegionLevel::Village, None),
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
        assert_eq!(split("ｂａｎｄｕｎｇ"), ["bandung"], "full-width folded");
        assert_eq!(
            split("band\u{200B}ung\u{FEFF}"),
            ["bandung"],
            "zero-width ignored"
        );
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
    fn designators_in_a_search_prefer_a_level_and_stay_words() {
        let query = RegionQuery::parse("Kota Bandung");
        assert_eq!(query.words, ["kota", "bandung"]);
        assert_eq!(query.required, ["bandung"]);
        assert_eq!(
            query.prefer,
            Some(Prefer {
                level: RegionLevel::City,
                city: Some(true)
            })
        );
        let query = RegionQuery::parse("kec. coblong, bandung");
        assert_eq!(query.required_joined(), "coblong bandung");
        assert_eq!(query.joined(), "kec coblong bandung");
        assert_eq!(query.prefer.map(|p| p.level), Some(RegionLevel::District));
        let query = RegionQuery::parse("Desa Baru");
        assert_eq!(
            (query.joined(), query.required_joined()),
            ("desa baru".to_owned(), "baru".to_owned())
        );
        assert_eq!(RegionQuery::parse("kota").required, ["kota"]);
        assert_eq!(RegionQuery::parse("kota").prefer, None);
        assert_eq!(RegionQuery::parse("Provinsi Bali").prefer, None);
    }

    #[test]
    fn short_forms_read_as_their_names_and_five_digits_as_a_postal_code() {
        assert_eq!(RegionQuery::parse("Jaksel").words, ["jakarta", "selatan"]);
        assert_eq!(
            RegionQuery::parse("tebet jaksel").required_joined(),
            "tebet jakarta selatan"
        );
        assert_eq!(RegionQuery::parse("jakpus").joined(), "jakarta pusat");
        assert_eq!(RegionQuery::parse(" 40135 ").postal_code(), Some("40135"));
        assert_eq!(
            RegionQuery::parse("４０１３５").postal_code(),
            Some("40135")
        );
        assert_eq!(RegionQuery::parse("4013").postal_code(), None);
        assert_eq!(RegionQuery::parse("40135 dago").postal_code(), None);
    }
}
