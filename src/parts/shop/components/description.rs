//! [`description`]: the product description, as plain-text paragraphs.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{Text, CATALOGUE};

/// A heading and one `<p>` per paragraph of `text` (paragraphs are
/// separated by blank lines), marked in the catalogue's language; nothing
/// at all when it is blank. The text is always rendered as text, never
/// parsed as HTML.
pub fn description(text: &str, locale: Locale) -> Html {
    let paragraphs = paragraphs(text);
    if paragraphs.is_empty() {
        return Html::default();
    }
    html! {
        <section class="desc">
            <h3>{ Text::Description.get(locale) }</h3>
            <div class="desc-text" lang={CATALOGUE}>
                { for paragraphs.into_iter().map(|paragraph| html! { <p>{ paragraph }</p> }) }
            </div>
        </section>
    }
}

/// The non-blank paragraphs of `text`, trimmed. A blank line (`\n\n` or
/// `\r\n\r\n`) ends a paragraph; lines within one are kept.
///
/// Scanned byte by byte rather than with `str::split("\n\n")`, whose
/// substring searcher would add 2 KB to the wasm for this one use.
fn paragraphs(text: &str) -> Vec<&str> {
    let mut paragraphs = Vec::new();
    let mut add = |start: usize, end: usize| {
        let paragraph = text.get(start..end).unwrap_or_default().trim();
        if !paragraph.is_empty() {
            paragraphs.push(paragraph);
        }
    };
    let (mut start, mut at) = (0, 0);
    while let Some(rest) = text.as_bytes().get(at..).filter(|rest| !rest.is_empty()) {
        let gap = if rest.starts_with(b"\n\n") {
            2
        } else if rest.starts_with(b"\r\n\r\n") {
            4
        } else {
            at += 1;
            continue;
        };
        add(start, at);
        at += gap;
        start = at;
    }
    add(start, text.len());
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_blank_lines_and_drops_empty_ones() {
        let text = "Bahan katun.\nAdem dipakai.\n\n\n\nCuci terbalik.\r\n\r\nSetrika sedang.\n\n  ";
        assert_eq!(
            paragraphs(text),
            [
                "Bahan katun.\nAdem dipakai.",
                "Cuci terbalik.",
                "Setrika sedang."
            ]
        );
    }
}
