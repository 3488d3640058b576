//! [`ShowcaseDock`]: the bottom of the video, where the showcase appears.

use etalase_contract::Locale;
use yew::prelude::*;

use super::{CardStrip, EmptyShowcase, ErrorBox, SkeletonStrip, Subject};
use crate::state::remote::Remote;
use crate::state::shelf::Shelf;

/// Props of [`ShowcaseDock`].
#[derive(Properties, PartialEq)]
pub struct ShowcaseDockProps {
    /// Where the showcase load stands.
    pub state: Remote<Shelf>,
    /// The language of every text.
    pub locale: Locale,
    /// Called with a product id when its card is tapped.
    pub on_open: Callback<AttrValue>,
    /// Called when the shopper asks to load again.
    pub on_retry: Callback<()>,
}

/// Skeleton while loading, the error with a retry, the empty notice, or the cards.
#[function_component]
pub fn ShowcaseDock(props: &ShowcaseDockProps) -> Html {
    let locale = props.locale;
    let content = match &props.state {
        Remote::Idle | Remote::Loading => html! { <SkeletonStrip {locale} /> },
        Remote::Failed(error) => html! {
            <ErrorBox
                error={error.clone()}
                subject={Subject::Showcase}
                {locale}
                on_retry={props.on_retry.clone()}
            />
        },
        Remote::Ready(shelf) if shelf.cards.is_empty() => html! { <EmptyShowcase {locale} /> },
        Remote::Ready(shelf) => html! {
            <CardStrip shelf={shelf.clone()} {locale} on_open={props.on_open.clone()} />
        },
    };
    html! { <div class="dock">{ content }</div> }
}
