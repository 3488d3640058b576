//! [`orders_sheet`]: the shopper's orders in a bottom sheet — the history
//! list, and one order's status and timeline.

use etalase_contract::Locale;
use yew::prelude::*;

use etalase_contract::{Order, OrderStatus, PaymentMethod, SavedAddress};

use super::{order_history, order_status, sheet_scroll, SheetFrame};
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::Text;
use crate::state::remote::Remote;

/// Where opening an order's payment from its detail stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Resuming {
    /// Nothing asked.
    #[default]
    Idle,
    /// The payment is being read.
    Loading,
    /// Reading it failed: the button asks again.
    Failed,
}

/// What the orders sheet shows and where its taps go.
pub struct OrdersPanel<'a> {
    /// Whether the sheet is up.
    pub open: bool,
    /// Where the history's load stands.
    pub orders: &'a Remote<Vec<Order<SavedAddress>>>,
    /// The order shown in full, if one was picked.
    pub selected: Option<&'a str>,
    /// The language of every text.
    pub locale: Locale,
    /// Called with an order's id to show it, or `None` to go back to the list.
    pub on_select: Callback<Option<String>>,
    /// Loads the history again.
    pub on_retry: Callback<()>,
    /// Where opening the picked order's payment stands.
    pub resuming: Resuming,
    /// Called with an order's id to pay or cancel it, in its payment panel.
    pub on_pay: Callback<String>,
    /// Closes the sheet.
    pub on_close: Callback<()>,
    /// Where focus goes on closing when what opened the sheet is gone.
    pub fallback: NodeRef,
    /// The toasts, drawn between the body and the footer while this sheet
    /// is up, so they never cover a control.
    pub toast: Html,
}

/// The history (skeleton, error with a retry, the list or its empty
/// state) under "My orders", or the picked order under a heading of its
/// own, with a way back to the list and, while it waits for an online
/// payment, the way to that payment (to pay it or cancel).
pub fn orders_sheet(panel: &OrdersPanel<'_>) -> Html {
    let locale = panel.locale;
    let picked = match (panel.orders, panel.selected) {
        (Remote::Ready(orders), Some(id)) => orders.iter().find(|order| order.id == id),
        _ => None,
    };
    let body = match (panel.orders, picked) {
        (_, Some(order)) => order_status(std::slice::from_ref(order), locale),
        (Remote::Ready(orders), None) => {
            order_history(orders, locale, &panel.on_select.reform(Some))
        }
        (Remote::Failed(error), _) => error_box(error, Subject::Checkout, locale, &panel.on_retry),
        (Remote::Idle | Remote::Loading, _) if panel.open => cart_skeleton(locale),
        _ => Html::default(),
    };
    let title = Text::MyOrders.get(locale);
    let heading = match picked {
        Some(_) => Text::Summary.get(locale),
        None => title,
    };
    html! {
        <SheetFrame
            open={panel.open}
            label={title}
            testid="orders-sheet"
            close_testid="orders-close"
            {locale}
            on_close={panel.on_close.clone()}
            fallback={panel.fallback.clone()}
        >
            <div class="co-title">
                if picked.is_some() {
                    <button type="button" class="back" data-testid="orders-back" aria-label={Text::Back.get(locale)} onclick={panel.on_select.reform(|_: MouseEvent| None)}>
                        <span aria-hidden="true">{ "‹" }</span>
                    </button>
                }
                <h2 class="sheet-title" data-testid="orders-heading">{ heading }</h2>
            </div>
            { sheet_scroll(heading, picked.map_or("list", |_| "order"), body) }
            { panel.toast.clone() }
            { picked.map(|order| pay_action(order, panel)).unwrap_or_default() }
        </SheetFrame>
    }
}

/// The footer of an order waiting for its online payment: "Continue to
/// payment", or what became of asking; nothing for other orders.
fn pay_action(order: &Order<SavedAddress>, panel: &OrdersPanel<'_>) -> Html {
    let waiting =
        order.status == OrderStatus::AwaitingPayment && order.payment_method != PaymentMethod::Cod;
    if !waiting {
        return Html::default();
    }
    let locale = panel.locale;
    let loading = panel.resuming == Resuming::Loading;
    let onclick = {
        let (on_pay, id) = (panel.on_pay.clone(), order.id.clone());
        Callback::from(move |_: MouseEvent| {
            if !loading {
                on_pay.emit(id.clone());
            }
        })
    };
    let label = if loading {
        Text::Loading
    } else {
        Text::ContinuePayment
    };
    html! {
        <div class="sheet-actions co-footer">
            if panel.resuming == Resuming::Failed {
                <p class="co-problem" role="alert" data-testid="order-pay-failed">{ Text::ErrorPart.get(locale) }</p>
            }
            <button
                type="button"
                class="action"
                data-testid="order-pay"
                aria-disabled={loading.then_some("true")}
                {onclick}
            >
                { label.get(locale) }
            </button>
        </div>
    }
}
