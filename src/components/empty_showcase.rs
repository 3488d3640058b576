//! [`empty_showcase`]: what the dock says when the stream sells nothing yet.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// A quiet one-line notice.
pub fn empty_showcase(locale: Locale) -> Html {
    html! {
        <p class="notice is-quiet" data-testid="empty">{ Text::ShowcaseEmpty.get(locale) }</p>
    }
}
