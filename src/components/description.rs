//! [`Description`]: the product description, as plain-text paragraphs.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// Props of [`Description`].
#[derive(Properties, PartialEq)]
pub struct DescriptionProps {
    /// Plain text; paragraphs are separated by blank lines.
    pub text: AttrValue,
    /// The language of the heading.
    pub locale: Locale,
}

/// A heading and one `<p>` per paragraph; nothing at all when the text is blank.
/// The text is always rendered as text, never parsed as HTML.
#[function_component]
pub fn Description(props: &DescriptionProps) -> Html {
    let paragraphs: Vec<&str> = paragraphs(&props.text).collect();
    if paragraphs.is_empty() {
        return Html::default();
    }
    html! {
        <section class="desc">
            <h3>{ Text::Description.get(props.locale) }</h3>
            { for paragraphs.into_iter().map(|paragraph| html! { <p>{ paragraph }</p> }) }
        </section>
    }
}

/// The non-blank paragraphs of `text`, trimmed.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n")
        .flat_map(|chunk| chunk.split("\r\n\r\n"))
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_blank_lines_and_drops_empty_ones() {
        let text = "Bahan katun.\nAdem dipakai.\n\n\n\nCuci terbalik.\r\n\r\nSetrika sedang.\n\n  ";
        let found: Vec<&str> = paragraphs(text).collect();
        assert_eq!(
            found,
            [
                "Bahan katun.\nAdem dipakai.",
                "Cuci terbalik.",
                "Setrika sedang."
            ]
        );
    }
}
