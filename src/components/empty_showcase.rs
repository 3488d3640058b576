//! [`EmptyShowcase`]: what the dock says when the stream sells nothing yet.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// Props of [`EmptyShowcase`].
#[derive(Properties, PartialEq)]
pub struct EmptyShowcaseProps {
    /// The language of the message.
    pub locale: Locale,
}

/// A quiet one-line notice.
#[function_component]
pub fn EmptyShowcase(props: &EmptyShowcaseProps) -> Html {
    html! {
        <p class="notice is-quiet" data-testid="empty">{ Text::ShowcaseEmpty.get(props.locale) }</p>
    }
}
