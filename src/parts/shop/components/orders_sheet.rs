//! [`orders_sheet`]: the shopper's orders in a bottom sheet — the history
//! list, and one order's status and timeline.

use etalase_contract::Locale;
use yew::prelude::*;

use etalase_contract::{Order, SavedAddress};

use super::{order_history, order_status, sheet_scroll, SheetFrame};
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::Text;
use crate::state::remote::Remote;

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
/// own, with a way back to the list.
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
        </SheetFrame>
    }
}
