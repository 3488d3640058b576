//! [`checkout_sheet`]: the checkout in a bottom sheet, page by page: the
//! review (address, parcels, vouchers, payment method, totals), the saved
//! addresses, the address form, and the placed order's payment and status.

use std::rc::Rc;

use etalase_contract::{AddressForm as AddressBody, Locale};
use yew::prelude::*;

use super::checkout_address::{address_book, address_section};
use super::checkout_deal::{deal_quantity, DealTag};
use super::checkout_payment::payment_methods;
use super::checkout_shops::{shop_section, Beyond};
use super::checkout_summary::{
    checkout_footer, checkout_summary, payment_breakdown, FooterActions,
};
use super::checkout_vouchers::VoucherBox;
use super::{order_status, payment_panel, sheet_scroll, AddressForm, PaymentPanel, SheetFrame};
use crate::api::ApiClient;
use crate::i18n::Text;
use crate::parts::shop::state::checkout::{
    CheckoutAction, CheckoutState, Notice, Ordering, Page, Phase, Placed, Pricing,
};
use crate::parts::shop::state::deals::Heard;
use crate::parts::shop::state::status_check::StatusCheck;
use crate::state::remote::Remote;

/// What the checkout sheet shows and where its taps go.
pub struct CheckoutPanel<'a> {
    /// Whether the sheet is up.
    pub open: bool,
    /// The checkout.
    pub state: &'a CheckoutState,
    /// The language of every text.
    pub locale: Locale,
    /// Where the shopper's choices go.
    pub on_action: Callback<CheckoutAction>,
    /// "Place order": the caller makes the attempt's key.
    pub on_place: Callback<()>,
    /// "Continue at the new price": the caller makes a new key.
    pub on_confirm: Callback<()>,
    /// The API the address form searches regions on.
    pub client: Rc<ApiClient>,
    /// Saves a new address.
    pub on_save_address: Callback<AddressBody>,
    /// Reads the payment now.
    pub on_check: Callback<()>,
    /// Where the shopper's last "Check status" stands.
    pub checked: StatusCheck,
    /// Hands an e-wallet's deeplink to the host.
    pub on_open_wallet: Callback<String>,
    /// Back to the cart.
    pub on_edit_cart: Callback<()>,
    /// Closes the sheet.
    pub on_close: Callback<()>,
    /// Where focus goes on closing when what opened the sheet is gone.
    pub fallback: NodeRef,
    /// The toasts, drawn between the body and the footer while this sheet
    /// is up, so they never cover a control.
    pub toast: Html,
    /// The flash deal being bought, as the live feed last told it.
    pub deal: Option<Heard>,
}

/// The review page's scrolling body.
fn review(panel: &CheckoutPanel<'_>, ordering: &Ordering) -> Html {
    let CheckoutPanel {
        state,
        locale,
        on_action,
        ..
    } = panel;
    let locale = *locale;
    let stale = state.pricing.is_asking();
    let quote = state.pricing.quote();
    let shops = match quote {
        Some(quote) => quote
            .shops
            .iter()
            .map(|shop| {
                let beyond = Beyond {
                    unavailable: &state.unavailable,
                    replaced: &state.replaced,
                };
                shop_section(shop, beyond, locale, on_action)
            })
            .collect::<Html>(),
        None if matches!(state.pricing, Pricing::Asking { .. } | Pricing::NoAddress) => html! {
            <div class="co-section skeleton" aria-label={Text::QuoteLoading.get(locale)}>
                <span class="bar" />
                <span class="bar" />
                <span class="bar" />
            </div>
        },
        None => Html::default(),
    };
    let offers = match &state.offers {
        Remote::Ready(offers) => Rc::clone(offers),
        _ => Rc::default(),
    };
    let voucher_notice = ordering
        .notice
        .clone()
        .filter(|notice| matches!(notice, Notice::VoucherRefused { .. }));
    html! {
        <>
            if let Some(heard) = panel.deal.clone() {
                <DealTag {heard} {locale} />
            }
            { address_section(state, locale, on_action) }
            <div class={if stale { "co-quoted is-stale" } else { "co-quoted" }}>{ shops }</div>
            { deal_quantity(state, locale, on_action) }
            <VoucherBox
                {locale}
                applied={state.choices.vouchers.clone()}
                {offers}
                quote={quote.cloned()}
                notice={voucher_notice}
                on_action={on_action.clone()}
            />
            { payment_methods(state.choices.payment, ordering.notice.as_ref(), locale, on_action) }
            if let Some(quote) = quote {
                { checkout_summary(quote, stale, locale) }
            }
        </>
    }
}

/// The placed checkout: its payment, then its orders, and "Done" once
/// the payment is no longer pending.
fn payment(panel: &CheckoutPanel<'_>, placed: &Placed, cancelling: bool) -> Html {
    let pay = PaymentPanel {
        payment: Rc::clone(&placed.payment),
        locale: panel.locale,
        on_open_wallet: panel.on_open_wallet.clone(),
        on_check: panel.on_check.clone(),
        checked: panel.checked,
        on_cancel: panel.on_action.reform(|()| CheckoutAction::Cancel),
        cancelling,
    };
    html! {
        <>
            { payment_panel(&pay) }
            if let Some(orders) = &placed.orders {
                { order_status(orders, panel.locale) }
                { payment_breakdown(&placed.payment, orders, panel.locale) }
            }
        </>
    }
}

/// The sheet: a title (with Back on the address pages), the page, and its footer.
pub fn checkout_sheet(panel: &CheckoutPanel<'_>) -> Html {
    let locale = panel.locale;
    let state = panel.state;
    let (title, body, footer) = match &state.phase {
        Phase::Ordering(ordering) => match ordering.page {
            Page::Review => {
                let actions = FooterActions {
                    on_place: panel.on_place.clone(),
                    on_retry: panel.on_action.reform(|()| CheckoutAction::RetryPlace),
                    on_confirm: panel.on_confirm.clone(),
                    on_requote: panel.on_action.reform(|()| CheckoutAction::Requote),
                    on_edit_cart: panel.on_edit_cart.clone(),
                };
                (
                    Text::CheckoutTitle,
                    review(panel, ordering),
                    checkout_footer(state, ordering, locale, &actions),
                )
            }
            Page::Addresses => (
                Text::ChooseAddress,
                address_book(state, panel.client.base(), locale, &panel.on_action),
                Html::default(),
            ),
            Page::NewAddress => {
                let (refused, refused_field) = match &ordering.notice {
                    Some(Notice::AddressRefused { field, .. }) => {
                        (true, field.clone().map(AttrValue::from))
                    }
                    _ => (false, None),
                };
                let editing = state.editing().cloned().map(Rc::new);
                let (title, key) = match &editing {
                    Some(old) if old.needs_region => {
                        (Text::FixAddressTitle, old.address.id.clone())
                    }
                    Some(old) => (Text::EditAddressTitle, old.address.id.clone()),
                    None => (Text::NewAddress, String::new()),
                };
                let form = html! {
                    <AddressForm
                        {key}
                        {locale}
                        client={Rc::clone(&panel.client)}
                        saving={ordering.saving_address}
                        {refused}
                        {refused_field}
                        {editing}
                        on_save={panel.on_save_address.clone()}
                        on_cancel={panel.on_action.reform(|()| CheckoutAction::Back)}
                    />
                };
                (title, form, Html::default())
            }
        },
        Phase::Placed { placed, cancelling } => {
            let footer = if placed.is_pending() {
                Html::default()
            } else {
                html! {
                    <div class="sheet-actions">
                        <button type="button" class="action" data-testid="checkout-done" onclick={panel.on_action.reform(|_: MouseEvent| CheckoutAction::Finish)}>
                            { Text::Done.get(locale) }
                        </button>
                    </div>
                }
            };
            (
                Text::PaymentTitle,
                payment(panel, placed, *cancelling),
                footer,
            )
        }
    };
    let page = page_name(&state.phase);
    let back = matches!(
        state.ordering(),
        Some(Ordering {
            page: Page::Addresses | Page::NewAddress,
            ..
        })
    ) && matches!(&state.addresses, Remote::Ready(addresses) if !addresses.is_empty());
    html! {
        <SheetFrame
            open={panel.open}
            label={title.get(locale)}
            testid="checkout-sheet"
            close_testid="checkout-close"
            {locale}
            on_close={panel.on_close.clone()}
            fallback={panel.fallback.clone()}
        >
            <div class="co-title">
                if back {
                    <button type="button" class="back" data-testid="checkout-back" aria-label={Text::Back.get(locale)} onclick={panel.on_action.reform(|_: MouseEvent| CheckoutAction::Back)}>
                        <span aria-hidden="true">{ "‹" }</span>
                    </button>
                }
                <h2 class="sheet-title" data-step={page}>{ title.get(locale) }</h2>
            </div>
            // Keyed by page: each page starts at its top.
            { sheet_scroll(title.get(locale), page, body) }
            { panel.toast.clone() }
            { footer }
        </SheetFrame>
    }
}

/// The name of the page on screen, for `data-step`: one of the ordering
/// pages, or the payment once placed.
fn page_name(phase: &Phase) -> &'static str {
    match phase {
        Phase::Ordering(ordering) => match ordering.page {
            Page::Review => "review",
            Page::Addresses => "addresses",
            Page::NewAddress => "new-address",
        },
        Phase::Placed { .. } => "payment",
    }
}
