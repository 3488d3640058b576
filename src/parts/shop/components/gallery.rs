//! [`gallery`]: the product's square images, swiped sideways when several.

use etalase_contract::{Locale, ProductDetail};
use yew::prelude::*;

use crate::i18n::Text;

/// A scroll-snapping row of 1:1 image boxes for `product`; an empty box
/// when there is no image. The boxes hold their size before the images
/// load, so nothing shifts.
pub fn gallery(product: &ProductDetail, locale: Locale) -> Html {
    let single = product.image_urls.len() <= 1;
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
    // Literal classes, not `classes!`: see the `components` module docs.
    if single {
        html! { <div class="gallery is-single" role="group" aria-label={label}>{ slides }</div> }
    } else {
        // Focusable, so a keyboard scrolls it with the arrow keys.
        html! { <div class="gallery" role="group" aria-label={label} tabindex="0">{ slides }</div> }
    }
}
