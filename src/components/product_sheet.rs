//! [`ProductSheet`]: the bottom sheet with one product's detail.
//!
//! The sheet is always in the DOM, with `data-open="true"` or `"false"`, so
//! it can slide both ways with a CSS transform transition. Closed, it is
//! `inert` (out of the focus order and the accessibility tree) and keeps only
//! loaded content, so no stale skeleton or error hides inside it.

use etalase_contract::{Locale, ProductDetail};
use yew::prelude::*;

use super::{ErrorBox, ProductInfo, SheetSkeleton, Subject};
use crate::hooks::{use_dialog_focus, use_escape};
use crate::i18n::Text;
use crate::state::remote::Remote;

/// Props of [`ProductSheet`].
#[derive(Properties, PartialEq)]
pub struct ProductSheetProps {
    /// Whether the sheet is up.
    pub open: bool,
    /// Where the product's load stands.
    pub state: Remote<ProductDetail>,
    /// The language of every text.
    pub locale: Locale,
    /// Called on the close button, a tap on the backdrop, or Escape.
    pub on_close: Callback<()>,
    /// Called when the shopper asks to load again.
    pub on_retry: Callback<()>,
}

/// A backdrop and a modal dialog sliding up from the bottom.
#[function_component]
pub fn ProductSheet(props: &ProductSheetProps) -> Html {
    let ProductSheetProps {
        open,
        state,
        locale,
        on_close,
        on_retry,
    } = props;
    let (open, locale) = (*open, *locale);
    let close_ref = use_node_ref();
    use_escape(open, on_close.clone());
    use_dialog_focus(open, close_ref.clone());

    let on_tap_close = on_close.reform(|_: MouseEvent| ());
    let label = match state {
        Remote::Ready(product) => AttrValue::from(product.name.clone()),
        _ => AttrValue::Static(Text::ProductDetails.get(locale)),
    };
    let body = match state {
        Remote::Ready(product) => html! {
            <ProductInfo key={product.id.as_str()} product={product.clone()} {locale} />
        },
        _ if !open => Html::default(),
        Remote::Idle => Html::default(),
        Remote::Loading => html! { <SheetSkeleton {locale} /> },
        Remote::Failed(error) => html! {
            <ErrorBox
                error={error.clone()}
                subject={Subject::Product}
                {locale}
                on_retry={on_retry.clone()}
            />
        },
    };
    let data_open = if open { "true" } else { "false" };
    html! {
        <>
            <div class="backdrop" data-open={data_open} aria-hidden="true" onclick={on_tap_close.clone()} />
            <section
                class="sheet"
                data-testid="product-sheet"
                data-open={data_open}
                role="dialog"
                aria-modal="true"
                aria-label={label}
                inert={!open}
            >
                <div class="handle" aria-hidden="true" />
                <button
                    type="button"
                    class="close"
                    data-testid="sheet-close"
                    aria-label={Text::Close.get(locale)}
                    onclick={on_tap_close}
                    ref={close_ref}
                >
                    <span aria-hidden="true">{ "×" }</span>
                </button>
                <div class="sheet-scroll">{ body }</div>
            </section>
        </>
    }
}
