//! [`showcase_dock`]: the bottom of the video, where the showcase appears.

use etalase_contract::Locale;
use yew::prelude::*;

use super::{card_strip, empty_showcase, error_box, skeleton_strip, Subject};
use crate::i18n::{count, Text};
use crate::state::remote::Remote;
use crate::state::shelf::Shelf;

/// What the dock shows and where its taps go.
#[derive(Debug, Clone, PartialEq)]
pub struct Dock {
    /// Where the showcase load stands.
    pub state: Remote<Shelf>,
    /// The language of every text.
    pub locale: Locale,
    /// Called with a product id when its card is tapped.
    pub on_open: Callback<AttrValue>,
    /// Called when the shopper asks to load again.
    pub on_retry: Callback<()>,
    /// Whether the shopper folded the cards away.
    pub collapsed: bool,
    /// Called when the shopper folds or unfolds the cards.
    pub on_toggle: Callback<()>,
    /// Shown above the bar: the card of a checkout in progress, if any.
    pub over: Html,
}

/// A bar with the fold toggle and `end` (the cart button), above the
/// skeleton while loading, the error with a retry, the empty notice, or the
/// cards. Folded, only the creator's pinned product stays in view.
pub fn showcase_dock(dock: &Dock, end: Html) -> Html {
    let locale = dock.locale;
    let content = match &dock.state {
        Remote::Ready(shelf) if dock.collapsed => match shelf.pinned() {
            Some(pinned) => card_strip(std::slice::from_ref(pinned), locale, &dock.on_open),
            None => Html::default(),
        },
        _ if dock.collapsed => Html::default(),
        Remote::Idle | Remote::Loading => skeleton_strip(locale),
        Remote::Failed(error) => error_box(error, Subject::Showcase, locale, &dock.on_retry),
        Remote::Ready(shelf) if shelf.cards.is_empty() => empty_showcase(locale),
        Remote::Ready(shelf) => card_strip(&shelf.cards, locale, &dock.on_open),
    };
    let products = match &dock.state {
        Remote::Ready(shelf) => u32::try_from(shelf.cards.len()).ok(),
        _ => None,
    };
    let expanded = if dock.collapsed { "false" } else { "true" };
    html! {
        <div class="dock">
            { dock.over.clone() }
            <div class="dock-bar">
                <button
                    type="button"
                    class="toggle"
                    data-testid="strip-toggle"
                    aria-expanded={expanded}
                    onclick={dock.on_toggle.reform(|_: MouseEvent| ())}
                >
                    // Named by what it shows ("Produk 8"), so a voice user can say it.
                    <span class="pill">
                        { Text::ProductsToggle.get(locale) }
                        if let Some(products) = products {
                            <span class="pill-count">{ count(locale, products) }</span>
                        }
                        <svg class="chevron" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 15.5 5.5 9l1.4-1.4 5.1 5.1 5.1-5.1L18.5 9z" /></svg>
                    </span>
                </button>
                { end }
            </div>
            { content }
        </div>
    }
}
