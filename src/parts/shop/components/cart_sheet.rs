//! [`cart_sheet`]: the cart in a bottom sheet, grouped by shop, with the
//! ticked lines' subtotal.

use etalase_contract::Locale;
use yew::prelude::*;

use super::{cart_shop, sheet_scroll, SheetFrame};
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::shop::state::cart::{CartAction, CartState};

/// What the cart sheet shows and where its taps go.
pub struct CartPanel<'a> {
    /// Whether the sheet is up.
    pub open: bool,
    /// The cart.
    pub cart: &'a CartState,
    /// The language of every text.
    pub locale: Locale,
    /// Closes the sheet.
    pub on_close: Callback<()>,
    /// Where the shopper's changes go.
    pub on_action: Callback<CartAction>,
    /// "Check out" the ticked lines.
    pub on_checkout: Callback<()>,
    /// "My orders".
    pub on_orders: Callback<()>,
    /// Whether the viewer browses with the publishable key, not signed in:
    /// their cart is not known, so the sheet asks them to sign in.
    pub signed_out: bool,
    /// "Sign in": asks the host for the shopper's token again.
    pub on_sign_in: Callback<()>,
    /// Where focus goes on closing when what opened the sheet is gone.
    pub fallback: NodeRef,
    /// The toasts, drawn between the body and the footer while this sheet
    /// is up, so they never cover a control.
    pub toast: Html,
}

/// Skeleton until the cart is known, the error with a retry when it could
/// not be loaded, the empty notice, or the shops above a footer with the
/// ticked lines' subtotal and "Check out"; in a [`SheetFrame`] that is up
/// while `open`.
pub fn cart_sheet(panel: &CartPanel<'_>) -> Html {
    let CartPanel {
        open,
        cart,
        locale,
        on_close,
        on_action,
        on_checkout,
        on_orders,
        fallback,
        toast,
        signed_out,
        on_sign_in,
    } = panel;
    let (open, locale) = (*open, *locale);
    let view = cart.view();
    // Closed, the sheet keeps only a known cart, to slide away with it: no
    // placeholder or error hides inside it.
    let signed_out = *signed_out;
    let body = if !open && !cart.is_known() {
        Html::default()
    } else if signed_out {
        // Whose cart it is is not known until the viewer signs in: say so,
        // and let them ask the host again (they may have dismissed it).
        html! {
            <div class="empty cart-sign-in" data-testid="cart-signed-out">
                <p class="empty-title">{ Text::SignInForCart.get(locale) }</p>
                <button type="button" class="action" data-testid="cart-sign-in" onclick={on_sign_in.reform(|_: MouseEvent| ())}>
                    { Text::SignIn.get(locale) }
                </button>
            </div>
        }
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
    let heading = if cart.is_known() && !signed_out {
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
            <div class="co-title">
                <h2 class="sheet-title">{ heading }</h2>
                <button type="button" class="link my-orders" data-testid="my-orders" onclick={on_orders.reform(|_: MouseEvent| ())}>
                    { Text::MyOrders.get(locale) }
                </button>
            </div>
            { sheet_scroll(title, "cart", body) }
            { toast.clone() }
            if !view.shops.is_empty() && !signed_out {
                <div class="sheet-actions cart-total" data-testid="cart-total">
                    // Two lines at any width: what the sum is, and the sum; the
                    // count is on the button. Said again when it changes.
                    <p class="cart-sum" aria-live="polite" aria-atomic="true" data-testid="cart-sum">
                        <span class="total-label">{ Text::Subtotal.get(locale) }</span>
                        <span class="total" data-testid="cart-subtotal">{ subtotal.format(locale) }</span>
                    </p>
                    <button
                        type="button"
                        class="action checkout-button"
                        data-testid="checkout"
                        disabled={units == 0}
                        onclick={on_checkout.reform(|_: MouseEvent| ())}
                    >
                        { fill(locale, Text::CheckoutButton, &count(locale, units)) }
                    </button>
                </div>
            }
        </SheetFrame>
    }
}
