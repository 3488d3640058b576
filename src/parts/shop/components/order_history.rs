//! [`order_history`]: the shopper's past orders, one compact row each.

use etalase_contract::{Locale, Order, SavedAddress};
use yew::prelude::*;

use super::order_status::{status_chip, status_slug, Paying};
use crate::i18n::{items, Text, CATALOGUE};
use crate::parts::shop::state::clock;

/// A list of `orders` (newest first, as the API sends them), each row a
/// button naming its shop, date, units, total and status (in the words
/// for cash on delivery for an order paid so), calling `on_open` with the
/// order's id; an empty state when there are none.
pub fn order_history(
    orders: &[Order<SavedAddress>],
    locale: Locale,
    on_open: &Callback<String>,
) -> Html {
    let body = if orders.is_empty() {
        html! {
            <div class="empty" data-testid="history-empty">
                <p class="empty-title">{ Text::HistoryEmpty.get(locale) }</p>
                <p>{ Text::HistoryEmptyHint.get(locale) }</p>
            </div>
        }
    } else {
        html! {
            <ul class="history-list">
                { for orders.iter().map(|order| row(order, locale, on_open)) }
            </ul>
        }
    };
    html! {
        <section class="history" data-testid="order-history" aria-label={Text::OrderHistory.get(locale)}>
            { body }
        </section>
    }
}

/// One order's row.
fn row(order: &Order<SavedAddress>, locale: Locale, on_open: &Callback<String>) -> Html {
    let paying = Paying::of(order);
    let id = order.id.clone();
    let onclick = on_open.reform(move |_: MouseEvent| id.clone());
    let units = order
        .items
        .iter()
        .fold(0_u32, |units, item| units.saturating_add(item.quantity));
    let mut meta = clock::parse_utc(&order.created_at)
        .map(|ms| [clock::format_date(ms, locale).as_str(), " · "].concat())
        .unwrap_or_default();
    meta.push_str(&items(locale, units));
    let key = order.id.as_str();
    html! {
        <li {key}>
            <button
                type="button"
                class="history-row"
                data-testid="history-order"
                data-order-id={key.to_owned()}
                data-status={status_slug(order.status)}
                {onclick}
            >
                <span class="history-main">
                    <span class="history-shop" lang={CATALOGUE}>{ order.shop.name.as_str() }</span>
                    <span class="history-meta">{ meta }</span>
                </span>
                <span class="history-side">
                    <span class="history-total">{ order.total.format(locale) }</span>
                    { status_chip(order.status, paying, locale) }
                </span>
            </button>
        </li>
    }
}
