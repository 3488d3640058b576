//! Text people see, and names they can trust (decision 0043).
//!
//! Every field of free text the API accepts goes through [`Field::clean`]:
//! hosts' user ids (a new creator is named after one), stream titles, and
//! the recipient, city, district and street of an address. It
//!
//! - normalises the text to NFC, so one text is stored one way (a
//!   decomposed `e` + U+0301 is stored as `é`), and trims surrounding white
//!   space (except in user ids, which are kept as the host sends them);
//! - refuses a text that is empty or made only of white space and
//!   invisible characters ("blank");
//! - refuses control characters (only the street may have new lines),
//!   line and paragraph separators, bidirectional controls (U+202A–U+202E,
//!   U+2066–U+2069, U+200E, U+200F, U+061C) and invisible characters: every
//!   format (`Cf`) and default-ignorable code point, so zero-width spaces
//!   and joiners, the soft hyphen, the word joiner, the BOM, tag characters
//!   and Hangul fillers. Three uses of them draw something and are kept: a
//!   variation selector right after a visible character (`❤️`), a zero-width
//!   joiner inside an emoji sequence (`👩‍🍳`) or after a virama, and a
//!   zero-width non-joiner after a virama or between two letters of a
//!   joining script (Persian `می‌خواهم`);
//! - then counts the characters against the field's limits.
//!
//! Each refusal is a 422 `invalid_field` naming the field and saying what
//! is wrong, down to the code point and its position.
//!
//! [`name_key`] is what look-alike names share, for creators' names.

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use crate::error::AppError;

/// A field of text: the name it is blamed by, and what it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    name: &'static str,
    min: usize,
    max: usize,
    lines: bool,
    trim: bool,
}

impl Field {
    /// One line of `min` to `max` characters, trimmed.
    pub const fn line(name: &'static str, min: usize, max: usize) -> Field {
        Field {
            name,
            min,
            max,
            lines: false,
            trim: true,
        }
    }

    /// The same, with new lines (`\n`) allowed inside.
    pub const fn lines(name: &'static str, min: usize, max: usize) -> Field {
        Field {
            lines: true,
            ..Field::line(name, min, max)
        }
    }

    /// The same, keeping surrounding white space: for identifiers, where
    /// `" 42"` and `"42"` are two.
    pub const fn untrimmed(self) -> Field {
        Field {
            trim: false,
            ..self
        }
    }

    /// `value` in NFC, trimmed unless the field is [`Field::untrimmed`],
    /// when it is not blank, holds no character the field refuses, and has
    /// `min` to `max` characters; else a 422 naming the field.
    pub fn clean(&self, value: &str) -> Result<String, AppError> {
        let normalised: String = value.nfc().collect();
        let text = if self.trim {
            normalised.trim()
        } else {
            normalised.as_str()
        };
        let chars: Vec<char> = text.chars().collect();
        let field = self.name;
        if chars.iter().all(|&c| is_blank(c)) {
            let message = if chars.is_empty() {
                format!("{field} must not be blank")
            } else {
                format!("{field} must not be blank: it has only spaces or invisible characters")
            };
            return Err(AppError::invalid(field, message));
        }
        for at in 0..chars.len() {
            if let Some(what) = refused(&chars, at, self.lines) {
                return Err(AppError::invalid(
                    field,
                    format!(
                        "{field} must not contain {what}: U+{:04X} at character {}",
                        u32::from(chars[at]),
                        at + 1
                    ),
                ));
            }
        }
        if !(self.min..=self.max).contains(&chars.len()) {
            return Err(AppError::invalid(
                field,
                format!(
                    "{field} must have {} to {} characters, not {}",
                    self.min,
                    self.max,
                    chars.len()
                ),
            ));
        }
        Ok(text.to_owned())
    }
}

/// The key look-alike names share: UTS #39's confusables skeleton of
/// `name`, lower-cased and skeletonised again, with each run of white space
/// one space. `@RakaGaya`, `@rаkagaya` (a Cyrillic `а`), `@raka\u{200B}gaya`
/// and `@rakagaya` share `@rakagaya`; `@nadia.gIow` (a capital `I`) shares
/// `@nadia.glow`'s. Compared, never shown.
pub fn name_key(name: &str) -> String {
    let skeleton: String = unicode_security::skeleton(name).collect();
    let folded: String = unicode_security::skeleton(&skeleton.to_lowercase()).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What is wrong with `chars[at]` where it is, if anything.
fn refused(chars: &[char], at: usize, lines: bool) -> Option<&'static str> {
    let c = chars[at];
    let before = at.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(at + 1).copied();
    if c == '\n' && lines {
        None
    } else if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
        Some("control characters or line breaks")
    } else if is_bidi_control(c) {
        Some("bidirectional control characters")
    } else if is_variation_selector(c) {
        (!before.is_some_and(is_visible))
            .then_some("a variation selector that follows no character")
    } else if c == ZWJ {
        let joins = after.is_some_and(is_visible)
            && (before.is_some_and(is_virama)
                || emoji_before(&chars[..at]) && after.is_some_and(is_pictographic));
        (!joins).then_some("invisible characters (a zero-width joiner outside an emoji sequence)")
    } else if c == ZWNJ {
        let letter_before = chars[..at].iter().rev().find(|&&c| !is_combining_mark(c));
        let joins = after.is_some_and(is_visible)
            && (before.is_some_and(is_virama)
                || letter_before.is_some_and(|&c| is_joining_letter(c))
                    && after.is_some_and(is_joining_letter));
        (!joins).then_some(
            "invisible characters (a zero-width non-joiner between letters that do not join)",
        )
    } else if is_invisible(c) {
        Some("invisible characters")
    } else {
        None
    }
}

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// Format (`Cf`) and default-ignorable code points: drawn as nothing.
/// (The tests check that this covers every code point `unicode-security`
/// leaves out of skeletons.)
const INVISIBLE: &[(char, char)] = &[
    ('\u{AD}', '\u{AD}'),       // soft hyphen
    ('\u{34F}', '\u{34F}'),     // combining grapheme joiner
    ('\u{600}', '\u{605}'),     // Arabic number signs
    ('\u{61C}', '\u{61C}'),     // Arabic letter mark
    ('\u{6DD}', '\u{6DD}'),     // Arabic end of ayah
    ('\u{70F}', '\u{70F}'),     // Syriac abbreviation mark
    ('\u{890}', '\u{891}'),     // Arabic pound and piastre marks
    ('\u{8E2}', '\u{8E2}'),     // Arabic disputed end of ayah
    ('\u{115F}', '\u{1160}'),   // Hangul fillers
    ('\u{17B4}', '\u{17B5}'),   // Khmer inherent vowels
    ('\u{180B}', '\u{180F}'),   // Mongolian variation selectors, vowel separator
    ('\u{200B}', '\u{200F}'),   // zero-width space, (non-)joiner, LRM, RLM
    ('\u{202A}', '\u{202E}'),   // bidirectional embeddings and overrides
    ('\u{2060}', '\u{206F}'),   // word joiner, invisible operators, isolates
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{FE00}', '\u{FE0F}'),   // variation selectors
    ('\u{FEFF}', '\u{FEFF}'),   // zero-width no-break space (BOM)
    ('\u{FFA0}', '\u{FFA0}'),   // halfwidth Hangul filler
    ('\u{FFF0}', '\u{FFFB}'),   // reserved; interlinear annotation
    ('\u{110BD}', '\u{110BD}'), // Kaithi number sign
    ('\u{110CD}', '\u{110CD}'), // Kaithi number sign above
    ('\u{13430}', '\u{1343F}'), // Egyptian hieroglyph format controls
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0000}', '\u{E0FFF}'), // tags, variation selectors supplement
];

fn is_invisible(c: char) -> bool {
    INVISIBLE
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// White space, invisible, or the blank braille pattern: nothing to read.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{2800}' || is_invisible(c)
}

/// Something drawn: a variation selector or a joiner may follow it.
fn is_visible(c: char) -> bool {
    !is_blank(c) && !c.is_control()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{61C}')
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// A virama: joiners after it choose a conjunct's form (Devanagari, Javanese…).
fn is_virama(c: char) -> bool {
    canonical_combining_class(c) == 9
}

/// Emoji and the symbols emoji sequences join (arrows to dingbats, the
/// pictographs' planes).
fn is_pictographic(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}' | '\u{A9}' | '\u{AE}' | '\u{203C}' | '\u{2049}')
}

/// Whether `before` ends with an emoji, maybe with a variation selector.
fn emoji_before(before: &[char]) -> bool {
    match before {
        [.., emoji, '\u{FE0F}' | '\u{FE0E}'] | [.., emoji] => is_pictographic(*emoji),
        [] => false,
    }
}

/// A letter of a script whose letters join (Arabic, Syriac, N'Ko,
/// Mongolian…), where a non-joiner keeps two apart.
fn is_joining_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c, '\u{600}'..='\u{8FF}' | '\u{1800}'..='\u{18AF}' | '\u{A840}'..='\u{A87F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{10AC0}'..='\u{10AFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Field = Field::line("name", 1, 20);
    const STREET: Field = Field::lines("street", 5, 300);

    fn field_of(error: AppError) -> (String, String) {
        match error {
            AppError::Invalid {
                field: Some(field),
                message,
                ..
            } => (field, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_is_stored_in_nfc_and_trimmed() {
        assert_eq!(NAME.clean("  Jose\u{301} ").unwrap(), "José");
        assert_eq!(NAME.clean("Jos\u{E9}").unwrap(), "José");
        assert_eq!(NAME.untrimmed().clean(" 42 ").unwrap(), " 42 ");
        assert_eq!(
            STREET.clean("Jl. Ganesha 10\nRT 02").unwrap(),
            "Jl. Ganesha 10\nRT 02"
        );
    }

    #[test]
    fn what_people_write_is_welcome() {
        for text in [
            "Nyoman Ayu Ñ 王",
            "Kopi ☕ pagi",
            "I ❤\u{FE0F} batik",
            "Masak 👩\u{200D}🍳 bareng",
            "👩🏽\u{200D}🍳 dan 🏳\u{FE0F}\u{200D}🌈",
            "क्\u{200D}ष",
            "می\u{200C}خواهم",
            "1\u{FE0F}\u{20E3} promo",
            "سلام دنیا",
            "Ꙭ ∑ ½",
        ] {
            assert_eq!(NAME.clean(text).unwrap(), text, "{text:?}");
        }
    }

    #[test]
    fn blank_means_nothing_to_read() {
        for text in [
            "",
            "   ",
            "\u{200B}",
            "\u{200B}\u{200C}\u{2060}",
            " \u{FEFF} \u{3164} ",
            "\u{2800}\u{2800}",
            "\u{202E}",
            "\u{E0041}\u{E0042}",
        ] {
            let (field, message) = field_of(NAME.clean(text).unwrap_err());
            assert_eq!(field, "name");
            assert!(message.contains("must not be blank"), "{text:?}: {message}");
        }
    }

    #[test]
    fn invisible_bidi_and_control_characters_are_named_where_they_are() {
        for (text, what) in [
            (
                "raka\u{200B}gaya",
                "invisible characters: U+200B at character 5",
            ),
            ("raka\u{AD}gaya", "invisible characters: U+00AD"),
            ("raka\u{2060}gaya", "invisible characters: U+2060"),
            ("raka\u{FEFF}", "invisible characters: U+FEFF"),
            ("raka\u{E0061}", "invisible characters: U+E0061"),
            (
                "\u{FE0F}raka",
                "a variation selector that follows no character",
            ),
            (
                "raka \u{FE0F}",
                "a variation selector that follows no character",
            ),
            (
                "a\u{FE0F}\u{FE0F}",
                "a variation selector that follows no character",
            ),
            (
                "raka\u{200D}gaya",
                "zero-width joiner outside an emoji sequence",
            ),
            ("👩\u{200D}", "zero-width joiner outside an emoji sequence"),
            ("raka\u{200C}gaya", "zero-width non-joiner"),
            ("raka\u{600}", "invisible characters: U+0600"),
            (
                "gaya\u{202E}akar",
                "bidirectional control characters: U+202E",
            ),
            (
                "a\u{2066}b\u{2069}",
                "bidirectional control characters: U+2066",
            ),
            ("a\u{200F}b", "bidirectional control characters: U+200F"),
            ("a\u{61C}b", "bidirectional control characters: U+061C"),
            ("a\tb", "control characters"),
            ("a\nb", "control characters"),
            ("a\u{2028}b", "line breaks: U+2028"),
            ("nul\0", "control characters"),
        ] {
            let (field, message) = field_of(NAME.clean(text).unwrap_err());
            assert_eq!(field, "name");
            assert!(
                message.starts_with("name must not contain ") && message.contains(what),
                "{text:?}: {message}"
            );
        }
        assert!(STREET.clean("Jl. Ganesha\r\n10").is_err());
    }

    #[test]
    fn length_is_counted_in_characters_after_normalising() {
        assert!(NAME.clean(&"é".repeat(20)).is_ok());
        assert!(
            NAME.clean(&"e\u{301}".repeat(20)).is_ok(),
            "20 once composed"
        );
        let (_, message) = field_of(NAME.clean(&"x".repeat(21)).unwrap_err());
        assert_eq!(message, "name must have 1 to 20 characters, not 21");
        assert!(STREET.clean("Jl.").is_err());
    }

    #[test]
    fn look_alike_names_share_a_key() {
        let key = name_key("@rakagaya");
        for twin in [
            "@rakagaya",
            "@raka\u{200B}gaya",
            "@r\u{430}kagaya",
            "@r\u{430}k\u{430}g\u{430}\u{443}\u{430}",
            "@RakaGaya",
            "@RAKAGAYA",
            "@rakagaya\u{FE0F}",
        ] {
            assert_eq!(name_key(twin), key, "{twin:?}");
        }
        assert_eq!(name_key("@nadia.gIow"), name_key("@nadia.glow"));
        assert_eq!(name_key("@sari.masak"), name_key("@\u{455}ari.ma\u{455}ak"));
        assert_eq!(name_key("Raka  Gaya"), name_key("Raka\u{A0}Gaya"));
        assert_eq!(name_key("Jose\u{301}"), name_key("José"));
        for other in ["@rakagaya2", "@raka.gaya", "@sari.masak", "@nadia.glow"] {
            assert_ne!(name_key(other), key, "{other:?}");
        }
    }

    #[test]
    fn every_code_point_left_out_of_skeletons_is_invisible() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut text = String::new();
            text.push(c);
            if unicode_security::skeleton(&text).next().is_none() {
                assert!(is_invisible(c), "U+{:04X}", u32::from(c));
            }
        }
        for c in ['\u{200E}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{61C}'] {
            assert!(is_bidi_control(c) && is_invisible(c));
        }
    }
}
