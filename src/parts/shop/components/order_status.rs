//! [`order_status`]: the orders of a checkout, one card per shop, each
//! with its items, courier, total and status timeline.
//!
//! An order paid in cash on delivery waits for its courier, not for a
//! payment: while the API calls it `awaiting_payment`, it reads "Pay on
//! delivery" ([`Paying`]).

use etalase_contract::{
    LineItem, Locale, Order, OrderStatus, PaymentMethod, SavedAddress, ShippingOption,
};
use yew::prelude::*;

use super::checkout_address::address_lines;
use super::checkout_shops::arrival;
use super::{catalogue_words, with_value};
use crate::components::amount;
use crate::i18n::{Text, CATALOGUE};
use crate::parts::shop::state::clock;

/// How an order is paid, as far as its status's words go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paying {
    /// Online, before the order moves on.
    Online,
    /// In cash to the courier on arrival.
    OnDelivery,
}

impl Paying {
    /// How `order` is paid.
    pub(super) fn of(order: &Order<SavedAddress>) -> Self {
        if order.payment_method == PaymentMethod::Cod {
            Paying::OnDelivery
        } else {
            Paying::Online
        }
    }
}

/// One card per order in `orders`: the shop, its items (name, options, quantity, line total),
/// courier, service and days to arrive, the total, and the timeline: every
/// status entered with its time (WIB), the current one highlighted, then
/// the steps still ahead on the happy path, greyed; each step says whether
/// it is done, current or not yet.
pub fn order_status(orders: &[Order<SavedAddress>], locale: Locale) -> Html {
    html! {
        <ul class="orders">
            { for orders.iter().map(|order| order_card(order, locale)) }
        </ul>
    }
}

/// The status as the API and the `data-status` hooks write it.
pub(super) fn status_slug(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::AwaitingPayment => "awaiting_payment",
        OrderStatus::Paid => "paid",
        OrderStatus::Processing => "processing",
        OrderStatus::Shipped => "shipped",
        OrderStatus::Delivered => "delivered",
        OrderStatus::Completed => "completed",
        OrderStatus::Cancelled => "cancelled",
        OrderStatus::Expired => "expired",
    }
}

/// A chip naming `status`, coloured by what it asks of the shopper:
/// waiting to be paid, on its way (a cash-on-delivery order before it is
/// collected too), arrived, or closed without a sale.
pub(super) fn status_chip(status: OrderStatus, paying: Paying, locale: Locale) -> Html {
    let text = status_text(status, paying).get(locale);
    match status {
        OrderStatus::AwaitingPayment if paying == Paying::OnDelivery => {
            html! { <span class="status-chip is-moving" data-testid="status-chip">{ text }</span> }
        }
        OrderStatus::AwaitingPayment => {
            html! { <span class="status-chip is-waiting" data-testid="status-chip">{ text }</span> }
        }
        OrderStatus::Paid | OrderStatus::Processing | OrderStatus::Shipped => {
            html! { <span class="status-chip is-moving" data-testid="status-chip">{ text }</span> }
        }
        OrderStatus::Delivered | OrderStatus::Completed => {
            html! { <span class="status-chip is-done" data-testid="status-chip">{ text }</span> }
        }
        OrderStatus::Cancelled | OrderStatus::Expired => {
            html! { <span class="status-chip is-closed" data-testid="status-chip">{ text }</span> }
        }
    }
}

/// The name of `status` for an order paid so.
fn status_text(status: OrderStatus, paying: Paying) -> Text {
    match status {
        OrderStatus::AwaitingPayment if paying == Paying::OnDelivery => Text::StatusOnDelivery,
        OrderStatus::AwaitingPayment => Text::StatusAwaitingPayment,
        OrderStatus::Paid => Text::StatusPaid,
        OrderStatus::Processing => Text::StatusProcessing,
        OrderStatus::Shipped => Text::StatusShipped,
        OrderStatus::Delivered => Text::StatusDelivered,
        OrderStatus::Completed => Text::StatusCompleted,
        OrderStatus::Cancelled => Text::StatusCancelled,
        OrderStatus::Expired => Text::StatusExpired,
    }
}

/// One shop's order. The shop's and products' names are the catalogue's
/// words, marked in its language.
fn order_card(order: &Order<SavedAddress>, locale: Locale) -> Html {
    let key = order.id.as_str();
    let paying = Paying::of(order);
    html! {
        <li
            class="order"
            data-testid="order"
            data-status={status_slug(order.status)}
            data-order-id={key.to_owned()}
            {key}
        >
            <div class="order-head">
                <h3 class="order-shop" lang={CATALOGUE}>{ order.shop.name.as_str() }</h3>
                { status_chip(order.status, paying, locale) }
            </div>
            <ul class="order-items">
                { for order.items.iter().map(|item| line(item, locale)) }
            </ul>
            { shipping(&order.shipping, locale) }
            <div class="order-address" data-testid="order-address">
                <p class="order-address-label">{ Text::ShippingAddress.get(locale) }</p>
                { address_lines(&order.address) }
            </div>
            <p class="order-total">
                <span>{ Text::OrderTotal.get(locale) }</span>
                <strong data-testid="order-total">{ order.total.format(locale) }</strong>
            </p>
            { timeline(order, paying, locale) }
        </li>
    }
}

/// One bought line: name, options, quantity at the unit price, line total.
fn line(item: &LineItem, locale: Locale) -> Html {
    // The option values, comma-separated (not `join`, which links a generic copier).
    let mut options = String::new();
    for value in &item.option_values {
        if !options.is_empty() {
            options.push_str(", ");
        }
        options.push_str(value);
    }
    let quantity = html! {
        <>{ locale.group_thousands(u64::from(item.quantity)) }{ " × " }{ amount(item.price, locale) }</>
    };
    html! {
        <li class="order-item" data-testid="order-item">
            <div class="order-item-body">
                <p class="order-item-name" lang={CATALOGUE}>{ catalogue_words(&item.product_name) }</p>
                if !options.is_empty() {
                    <p class="order-item-meta">{ with_value(locale, Text::VariantIs, &options) }</p>
                }
                <p class="order-item-meta">{ quantity }</p>
            </div>
            <p class="order-item-total">{ item.line_total.format(locale) }</p>
        </li>
    }
}

/// Courier and service, and the days to arrive.
fn shipping(option: &ShippingOption, locale: Locale) -> Html {
    let eta = arrival(option, locale);
    html! {
        <p class="order-ship" data-testid="order-shipping">
            <span class="order-courier">{ option.courier.as_str() }{ " " }{ option.service.as_str() }</span>
            <span>{ eta }</span>
        </p>
    }
}

/// Every status entered, oldest first, the last one current; then the
/// happy path's steps still ahead. Each step says, hidden from sight,
/// whether it is done, current or not yet; the current one is also
/// `aria-current="step"`.
fn timeline(order: &Order<SavedAddress>, paying: Paying, locale: Locale) -> Html {
    let last = order.timeline.len().saturating_sub(1);
    let entered = order.timeline.iter().enumerate().map(|(index, change)| {
        let when = clock::parse_utc(&change.at).map(|ms| clock::format_time(ms, locale));
        let slug = status_slug(change.status);
        let name = status_text(change.status, paying);
        if index == last {
            html! {
                <li class="tl-step is-current" aria-current="step" data-status={slug}>
                    { step(name, Text::StepCurrent, locale) }
                    if let Some(when) = when {
                        <time class="tl-time" datetime={change.at.clone()}>{ when }</time>
                    }
                </li>
            }
        } else {
            html! {
                <li class="tl-step is-done" data-status={slug}>
                    { step(name, Text::StepDone, locale) }
                    if let Some(when) = when {
                        <time class="tl-time" datetime={change.at.clone()}>{ when }</time>
                    }
                </li>
            }
        }
    });
    let ahead = std::iter::successors(order.status.next(), |status| status.next()).map(|status| {
        html! {
            <li class="tl-step is-ahead" data-status={status_slug(status)}>
                { step(status_text(status, paying), Text::StepAhead, locale) }
            </li>
        }
    });
    html! {
        <ol class="timeline" data-testid="timeline" aria-label={Text::OrderTimeline.get(locale)}>
            { for entered }
            { for ahead }
        </ol>
    }
}

/// A step's dot and `name`, then `state` (done, current, not yet) for
/// screen readers alone.
fn step(name: Text, state: Text, locale: Locale) -> Html {
    html! {
        <>
            <span class="tl-dot" aria-hidden="true" />
            <span class="tl-name">
                { name.get(locale) }
                <span class="sr">{ ", " }{ state.get(locale) }</span>
            </span>
        </>
    }
}
