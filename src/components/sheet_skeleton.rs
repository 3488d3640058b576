//! [`sheet_skeleton`]: the product sheet's placeholder while a product loads.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// A shimmering image box and text bars in the layout of the loaded sheet.
pub fn sheet_skeleton(locale: Locale) -> Html {
    html! {
        <div
            class="info skeleton"
            data-testid="skeleton"
            role="status"
            aria-busy="true"
            aria-label={Text::LoadingProduct.get(locale)}
        >
            <div class="gallery is-single" aria-hidden="true"><div class="slide bar" /></div>
            <div class="bar sheet-price-bar" aria-hidden="true" />
            <div class="bar title-bar" aria-hidden="true" />
            <div class="bar title-bar short" aria-hidden="true" />
        </div>
    }
}
