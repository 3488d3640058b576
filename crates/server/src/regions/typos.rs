//! Words one letter off: a search word of [`MIN_TYPO_WORD`] letters or
//! more that no word of the region list starts with is read as the list's
//! words one letter away from it (one letter wrong, missing, extra, or two
//! neighbours swapped): `cobong` → `coblong`, `surabya` → `surabaya`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::list;
use super::words::RegionQuery;

/// The fewest letters of a word that is corrected: shorter words have too
/// many neighbours one letter away to guess from.
pub const MIN_TYPO_WORD: usize = 5;
/// The most corrections kept for one word.
const MAX_CORRECTIONS: usize = 3;
/// The most readings of one search ([`readings`]).
const MAX_READINGS: usize = 4;

/// Every distinct word of the region list's search keys, with how many
/// regions' keys have it.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// The words, sorted, each with its count.
    words: Vec<(String, u32)>,
}

impl Vocabulary {
    /// The words of `keys` (space-separated search keys).
    pub fn from_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
        for key in keys {
            for word in key.split(' ').filter(|w| !w.is_empty()) {
                *counts.entry(word).or_default() += 1;
            }
        }
        Vocabulary {
            words: counts
                .into_iter()
                .map(|(word, n)| (word.to_owned(), n))
                .collect(),
        }
    }

    /// Whether a word of the list starts with `word` (or is it).
    pub fn starts_a_word(&self, word: &str) -> bool {
        let at = self.words.partition_point(|(w, _)| w.as_str() < word);
        self.words.get(at).is_some_and(|(w, _)| w.starts_with(word))
    }

    /// The words of the list one letter off `word`, those of its first
    /// letter first (a slip rarely starts a word), then commonest, then
    /// alphabetically, at most [`MAX_CORRECTIONS`]; none for a word shorter
    /// than [`MIN_TYPO_WORD`] or one a word of the list starts with.
    pub fn corrections(&self, word: &str) -> Vec<&str> {
        if word.len() < MIN_TYPO_WORD || self.starts_a_word(word) {
            return Vec::new();
        }
        let mut near: Vec<&(String, u32)> = self
            .words
            .iter()
            .filter(|(w, _)| one_letter_off(word.as_bytes(), w.as_bytes()))
            .collect();
        let other_start = |w: &str| w.as_bytes()[0] != word.as_bytes()[0];
        near.sort_by(|a, b| (other_start(&a.0), b.1, &a.0).cmp(&(other_start(&b.0), a.1, &b.0)));
        near.into_iter()
            .take(MAX_CORRECTIONS)
            .map(|(w, _)| w.as_str())
            .collect()
    }
}

/// The region list's vocabulary, read from the compiled-in list once.
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let regions = list();
        Vocabulary::from_keys(regions.iter().map(|r| r.key.as_str()))
    })
}

/// The searches `query` is read as: itself, unless a required word of
/// [`MIN_TYPO_WORD`] letters or more starts no word of the list and has
/// corrections; then the search with each such word replaced by one of
/// its corrections, at most [`MAX_READINGS`], ranked together. A word no
/// list word starts with finds nothing as typed, so a correction never
/// pushes aside a region found by what was typed.
pub fn readings(query: &RegionQuery, vocabulary: &Vocabulary) -> Vec<RegionQuery> {
    let mut readings = vec![query.clone()];
    for (i, word) in query.required.iter().enumerate() {
        let corrections = vocabulary.corrections(word);
        if corrections.is_empty() {
            continue;
        }
        readings = readings
            .iter()
            .flat_map(|reading| {
                corrections
                    .iter()
                    .map(move |correction| reading.with_required(i, correction))
            })
            .take(MAX_READINGS)
            .collect();
    }
    readings
}

/// Whether `a` and `b` differ by one letter wrong, missing or extra, or
/// by two neighbouring letters swapped.
fn one_letter_off(a: &[u8], b: &[u8]) -> bool {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[start..], &b[start..]);
    match (a.len(), b.len()) {
        (0, 0) => false,
        (n, m) if n == m => {
            a[1..] == b[1..] || (n >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (n, m) if n == m + 1 => a[1..] == *b,
        (n, m) if n + 1 == m => *a == b[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_wrong_missing_extra_or_swapped() {
        let off = |a: &str, b: &str| one_letter_off(a.as_bytes(), b.as_bytes());
        assert!(off("cobong", "coblong"), "missing");
        assert!(off("bandng", "bandung"), "missing");
        assert!(off("bandunng", "bandung"), "extra");
        assert!(off("bandong", "bandung"), "wrong");
        assert!(off("bnadung", "bandung"), "swapped");
        assert!(off("bandugn", "bandung"), "swapped at the end");
        assert!(!off("bandung", "bandung"), "the same");
        assert!(!off("bndng", "bandung"), "two missing");
        assert!(!off("bondong", "bandung"), "two wrong");
        assert!(!off("abndgun", "bandung"));
    }

    #[test]
    fn only_words_nothing_starts_with_are_corrected_commonest_first() {
        let vocabulary = Vocabulary::from_keys([
            "bandung",
            "bandung barat",
            "banding",
            "coblong",
            "surabaya",
            "dago",
        ]);
        assert_eq!(vocabulary.corrections("bandng"), ["bandung", "banding"]);
        assert_eq!(vocabulary.corrections("cobong"), ["coblong"]);
        assert_eq!(vocabulary.corrections("surabya"), ["surabaya"]);
        assert!(vocabulary.corrections("bandu").is_empty(), "a prefix");
        assert!(vocabulary.corrections("bandung").is_empty(), "a word");
        assert!(vocabulary.corrections("dgao").is_empty(), "too short");
        assert!(vocabulary.corrections("xyzzyq").is_empty(), "nothing near");
    }

    #[test]
    fn a_search_is_read_with_each_unknown_word_corrected() {
        let vocabulary =
            Vocabulary::from_keys(["bandung", "bandung barat", "banding", "coblong", "dago"]);
        let read = |q: &str| -> Vec<String> {
            readings(&RegionQuery::parse(q), &vocabulary)
                .iter()
                .map(RegionQuery::joined)
                .collect()
        };
        assert_eq!(read("kec. coblong"), ["kec coblong"], "as typed");
        assert_eq!(read("Kec. Cobong"), ["kec coblong"]);
        assert_eq!(
            read("cobong bandng"),
            ["coblong bandung", "coblong banding"]
        );
        assert_eq!(read("dago xyzzyq"), ["dago xyzzyq"], "nothing near");
        let query = &readings(&RegionQuery::parse("kota bandng"), &vocabulary)[0];
        assert_eq!(query.required, ["bandung"]);
        assert_eq!(query.words, ["kota", "bandung"]);
    }

    #[test]
    fn the_list_corrects_the_testers_typos() {
        let vocabulary = vocabulary();
        assert_eq!(vocabulary.corrections("cobong")[0], "coblong");
        assert_eq!(vocabulary.corrections("bandng")[0], "bandung");
        assert_eq!(vocabulary.corrections("surabya")[0], "surabaya");
    }
}
