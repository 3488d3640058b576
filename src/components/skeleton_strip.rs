//! [`skeleton_strip`]: shimmering placeholder cards while the showcase loads.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// How many placeholder cards to draw: enough to fill a phone's width.
const PLACEHOLDERS: usize = 3;

/// Placeholder cards with the real cards' classes, so nothing moves when
/// the real ones arrive.
pub fn skeleton_strip(locale: Locale) -> Html {
    html! {
        <ul
            class="strip skeleton"
            data-testid="skeleton"
            aria-busy="true"
            aria-label={Text::LoadingProducts.get(locale)}
        >
            { for (0..PLACEHOLDERS).map(|_| html! {
                <li aria-hidden="true">
                    <div class="card">
                        <span class="media" />
                        <span class="card-body">
                            <span class="name bar" />
                            <span class="price-row bar" />
                            <span class="shop bar short" />
                        </span>
                    </div>
                </li>
            }) }
        </ul>
    }
}
