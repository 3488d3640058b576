//! [`cart_sheet`]: the cart in a bottom sheet, grouped by shop, with the
//! ticked lines' subtotal.

use etalase_contract::Locale;
use yew::prelude::*;

use super::{cart_shop, cart_skeleton, error_box, SheetFrame, Subject};
use crate::i18n::{count, items, Text};
use crate::state::cart::{CartAction, CartState};

/// Skeleton until the cart is known, the error with a retry when it could
/// not be loaded, the empty notice, or the shops above a footer with the
/// ticked lines' subtotal; in a [`SheetFrame`] that is up while `open`.
/// The shopper's actions go to `on_action`; `on_close` closes the sheet and
/// focus goes to `fallback` when what opened it is gone.
pub fn cart_sheet(
    open: bool,
    cart: &CartState,
    locale: Locale,
    on_close: &Callback<()>,
    on_action: &Callback<CartAction>,
    fallback: &NodeRef,
) -> Html {
    let view = cart.view();
    // Closed, the sheet keeps only a known cart, to slide away with it: no
    // placeholder or error hides inside it.
    let body = if !open && !cart.is_known() {
        Html::default()
    } else if let Some(error) = cart.load_error() {
        error_box(
            error,
            Subject::Cart,
            locale,
            &on_action.reform(|()| CartAction::Load),
        )
    } else if !cart.is_known() {
        cart_skeleton(locale)
    } else if view.shops.is_empty() {
        html! {
            <div class="empty" data-testid="cart-empty">
                <p class="empty-title">{ Text::CartEmpty.get(locale) }</p>
                <p>{ Text::CartEmptyHint.get(locale) }</p>
            </div>
        }
    } else {
        view.shops
            .iter()
            .map(|shop| cart_shop(shop, cart, locale, on_action))
            .collect::<Html>()
    };
    let title = Text::Cart.get(locale);
    let heading = if cart.is_known() {
        [title, " (", &count(locale, view.item_count), ")"].concat()
    } else {
        title.to_owned()
    };
    let (units, subtotal) = cart.selected_total();
    html! {
        <SheetFrame
            {open}
            label={title}
            testid="cart-sheet"
            close_testid="cart-close"
            {locale}
            on_close={on_close.clone()}
            fallback={fallback.clone()}
        >
            <h2 class="sheet-title">{ heading }</h2>
            <div class="sheet-scroll">{ body }</div>
            if !view.shops.is_empty() {
                <div class="sheet-actions cart-total" data-testid="cart-total">
                    <p>
                        <span class="total-label">
                            { Text::Subtotal.get(locale) }{ " · " }{ items(locale, units) }
                        </span>
                        <span class="total-note">{ Text::ShippingLater.get(locale) }</span>
                    </p>
                    <p class="total" data-testid="cart-subtotal">{ subtotal.format(locale) }</p>
                </div>
            }
        </SheetFrame>
    }
}
