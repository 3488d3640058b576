//! [`cart_skeleton`]: the cart's placeholder while it loads.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// Two shimmering lines in the layout of real ones.
pub fn cart_skeleton(locale: Locale) -> Html {
    html! {
        <div
            class="skeleton"
            data-testid="skeleton"
            role="status"
            aria-busy="true"
            aria-label={Text::LoadingCart.get(locale)}
        >
            { for (0..2).map(|_| html! {
                <div class="line" aria-hidden="true">
                    <span class="line-media bar" />
                    <span class="line-body">
                        <span class="bar title-bar" />
                        <span class="bar title-bar short" />
                    </span>
                </div>
            }) }
        </div>
    }
}
