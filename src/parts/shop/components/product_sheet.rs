//! [`product_sheet`]: the bottom sheet with one product's detail.

use etalase_contract::{Locale, ProductDetail};
use yew::prelude::*;

use super::{sheet_scroll, ProductInfo, SheetFrame};
use crate::components::{error_box, sheet_skeleton, Subject};
use crate::i18n::Text;
use crate::parts::shop::state::cart::Line;
use crate::parts::shop::state::deals::Heard;
use crate::state::remote::Remote;

/// What the product sheet shows and where its taps go.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductPanel {
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
    /// Called with the chosen line on "Add to cart".
    pub on_add: Callback<Line>,
    /// Called with the chosen line on "Buy now".
    pub on_buy: Callback<Line>,
    /// The product's flash deal not yet over, if it has one.
    pub deal: Option<Heard>,
    /// Called with the deal's id on "Buy at the deal price".
    pub on_buy_deal: Callback<String>,
    /// The toasts, drawn between the body and the footer while this sheet
    /// is up, so they never cover a control.
    pub toast: Html,
    /// The other videos that feature the product ([`super::other_videos`]),
    /// at the end of the scrolling body once the product is shown.
    pub others: Html,
}

/// The product's detail in a [`SheetFrame`]: skeleton, error or the
/// product. Closed, the sheet keeps only loaded content, so no stale
/// skeleton or error hides inside it while it slides away.
pub fn product_sheet(panel: &ProductPanel) -> Html {
    let ProductPanel {
        open,
        state,
        locale,
        on_close,
        on_retry,
        on_add,
        on_buy,
        deal,
        on_buy_deal,
        toast,
        others,
    } = panel;
    let (open, locale) = (*open, *locale);
    let details = Text::ProductDetails.get(locale);
    let label = match state {
        Remote::Ready(product) => AttrValue::from(product.name.clone()),
        _ => AttrValue::Static(details),
    };
    let body = match state {
        Remote::Ready(product) => html! {
            <ProductInfo
                key={product.id.as_str()}
                product={product.clone()}
                {locale}
                on_add={on_add.clone()}
                on_buy={on_buy.clone()}
                deal={deal.clone()}
                on_buy_deal={on_buy_deal.clone()}
                toast={toast.clone()}
                others={others.clone()}
            />
        },
        _ if !open => Html::default(),
        Remote::Idle => Html::default(),
        Remote::Loading => html! {
            <>{ sheet_scroll(details, "loading", sheet_skeleton(locale)) }{ toast.clone() }</>
        },
        Remote::Failed(error) => html! {
            <>
                { sheet_scroll(details, "failed", error_box(error, Subject::Product, locale, on_retry)) }
                { toast.clone() }
            </>
        },
    };
    html! {
        <SheetFrame
            {open}
            {label}
            testid="product-sheet"
            close_testid="sheet-close"
            {locale}
            on_close={on_close.clone()}
        >
            { body }
        </SheetFrame>
    }
}
