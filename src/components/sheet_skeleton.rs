//! [`SheetSkeleton`]: the sheet's placeholder while a product loads.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// Props of [`SheetSkeleton`].
#[derive(Properties, PartialEq)]
pub struct SheetSkeletonProps {
    /// The language of its accessible label.
    pub locale: Locale,
}

/// A shimmering image box and text bars in the layout of the loaded sheet.
#[function_component]
pub fn SheetSkeleton(props: &SheetSkeletonProps) -> Html {
    html! {
        <div
            class="info skeleton"
            data-testid="skeleton"
            aria-busy="true"
            aria-label={Text::LoadingProduct.get(props.locale)}
        >
            <div class="gallery is-single" aria-hidden="true"><div class="slide bar" /></div>
            <div class="bar sheet-price-bar" aria-hidden="true" />
            <div class="bar title-bar" aria-hidden="true" />
            <div class="bar title-bar short" aria-hidden="true" />
        </div>
    }
}
