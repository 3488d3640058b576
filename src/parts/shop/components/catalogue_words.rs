//! [`catalogue_words`] and [`with_value`]: the catalogue's words (product
//! names, option values) as the shop draws them, a size and its unit kept
//! on one line, and set apart in their own language inside a sentence of
//! the widget's.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{Text, CATALOGUE};

/// The longest word read as a unit after a number: `ml`, `kg`, `pcs`.
const UNIT_LETTERS: usize = 3;

/// `text` with every number and the short unit after it (`750 ml`,
/// `1,5 L`) in one piece a line never breaks inside; the rest as it is.
pub fn catalogue_words(text: &str) -> Html {
    let words: Vec<&str> = text.split(' ').collect();
    let mut pieces: Vec<Html> = Vec::new();
    let mut plain = String::new();
    let mut at = 0;
    while at < words.len() {
        if at > 0 {
            plain.push(' ');
        }
        let (word, next) = (words[at], words.get(at + 1).copied());
        match next.filter(|next| is_number(word) && is_unit(next)) {
            Some(unit) => {
                pieces.push(Html::from(std::mem::take(&mut plain)));
                pieces.push(html! { <span class="nowrap">{ [word, " ", unit].concat() }</span> });
                at += 2;
            }
            None => {
                plain.push_str(word);
                at += 1;
            }
        }
    }
    pieces.push(Html::from(plain));
    pieces.into_iter().collect()
}

/// `text` in `locale` with its slot holding `value`, the catalogue's words,
/// in an element of their own marked in the catalogue's language: a
/// screen reader reads "Variant:" in the widget's language and "30 ml" in
/// Indonesian.
pub fn with_value(locale: Locale, text: Text, value: &str) -> Html {
    let text = text.get(locale);
    let (before, after) = text.split_once("{}").unwrap_or((text, ""));
    html! {
        <>
            { before }
            <span lang={CATALOGUE}>{ catalogue_words(value) }</span>
            { after }
        </>
    }
}

/// Whether `word` is a number as sellers write one: `750`, `1,5`, `2.5`.
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Whether `word` is short enough and lettered like a unit: `ml`, `L`, `gr`.
fn is_unit(word: &str) -> bool {
    (1..=UNIT_LETTERS).contains(&word.len()) && word.chars().all(|c| c.is_ascii_alphabetic())
}
