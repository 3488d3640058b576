//! [`Gallery`]: the product's square images, swiped sideways when several.

use std::rc::Rc;

use etalase_contract::{Locale, ProductDetail};
use web_sys::Element;
use yew::prelude::*;

use crate::i18n::{count, fill, Text};

/// Props of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// The product whose images to show.
    pub product: Rc<ProductDetail>,
    /// The language of the labels.
    pub locale: Locale,
}

/// A scroll-snapping row of 1:1 image boxes; an empty box when there is no
/// image. The boxes hold their size before the images load, so nothing
/// shifts. With several images the row takes the keyboard's focus (the
/// arrow keys scroll it) and says which photo is in view ("Foto 2 dari 3")
/// to a screen reader as it settles.
#[function_component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let GalleryProps { product, locale } = props;
    let locale = *locale;
    let shown = use_state_eq(|| 0_usize);
    // The position is said once the shopper reaches the photos (focus or a
    // swipe), not as the sheet opens over everything else it says.
    let reached = use_state_eq(|| false);
    let total = product.image_urls.len();
    let label = Text::ProductPhotos.get(locale);
    let slides = html! {
        <>
            if product.image_urls.is_empty() {
                <div class="slide" />
            }
            { for product.image_urls.iter().enumerate().map(|(index, url)| {
                // The first image names the product; the others would repeat it.
                let alt = if index == 0 { product.name.clone() } else { String::new() };
                html! {
                    <div class="slide" key={url.as_str()}>
                        <img src={url.clone()} {alt} width="260" height="260" decoding="async" />
                    </div>
                }
            }) }
        </>
    };
    if total <= 1 {
        // Literal classes, not `classes!`: see the `components` module docs.
        return html! { <div class="gallery is-single" role="group" aria-label={label}>{ slides }</div> };
    }
    let onfocus = {
        let reached = reached.clone();
        Callback::from(move |_: FocusEvent| reached.set(true))
    };
    let onscroll = {
        let (shown, reached) = (shown.clone(), reached.clone());
        Callback::from(move |event: Event| {
            let Some(row) = event.target_dyn_into::<Element>() else {
                return;
            };
            let step = row
                .first_element_child()
                .map_or(0, |slide| slide.client_width())
                .max(1);
            let at = usize::try_from((row.scroll_left() + step / 2) / step).unwrap_or(0);
            shown.set(at.min(total - 1));
            reached.set(true);
        })
    };
    let position = (*reached).then(|| {
        [
            fill(
                locale,
                Text::PhotoPosition,
                &count(locale, to_u32(*shown + 1)),
            ),
            " ".into(),
            fill(locale, Text::PhotoOutOf, &count(locale, to_u32(total))),
        ]
        .concat()
    });
    html! {
        <>
            <div class="gallery" role="group" aria-label={label} tabindex="0" {onfocus} {onscroll}>{ slides }</div>
            <p class="visually-hidden" aria-live="polite" data-testid="gallery-position">{ position }</p>
        </>
    }
}

/// `n` as a count, saturating (a gallery never holds 4 billion photos).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
