//! [`Gallery`]: the product's square images, swiped sideways when several.

use std::rc::Rc;

use etalase_contract::{Locale, ProductDetail};
use yew::prelude::*;

use crate::i18n::Text;

/// Props of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// The product whose images to show.
    pub product: Rc<ProductDetail>,
    /// The language of its accessible label.
    pub locale: Locale,
}

/// A scroll-snapping row of 1:1 image boxes; an empty box when there is no image.
#[function_component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let product = &props.product;
    let single = product.image_urls.len() <= 1;
    let label = Text::ProductPhotos.get(props.locale);
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
        html! { <div class="gallery" role="group" aria-label={label}>{ slides }</div> }
    }
}
