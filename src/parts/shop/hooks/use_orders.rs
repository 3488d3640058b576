//! [`use_orders`]: the shopper's order history, loaded each time it opens.

use std::rc::Rc;

use etalase_contract::{Order, OrderStatus, PaymentMethod};
use yew::prelude::*;

use crate::api::ApiClient;
use crate::hooks::{use_fetch, Fetch};

/// The shopper's orders, and which of the unpaid ones are cash on delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// Newest first, as the API sends them.
    pub orders: Vec<Order>,
    /// The ids of the payments of unpaid orders that the courier collects:
    /// such an order waits for its delivery, not for a payment.
    pub on_delivery: Vec<String>,
}

/// Loads the shopper's orders through `client` while `open`, then the
/// payment of each unpaid one to tell cash on delivery from the rest (the
/// order does not say how it is paid); idle while closed, so each opening
/// shows them as they are now.
#[hook]
pub fn use_orders(client: Rc<ApiClient>, open: bool) -> Fetch<History> {
    use_fetch(open.then_some(client), |client| async move {
        let orders = client.orders().await?;
        let mut unpaid: Vec<&str> = orders
            .iter()
            .filter(|order| order.status == OrderStatus::AwaitingPayment)
            .map(|order| order.payment_id.as_str())
            .collect();
        unpaid.sort_unstable();
        unpaid.dedup();
        let mut on_delivery = Vec::new();
        for id in unpaid {
            if client.payment(id).await?.method == PaymentMethod::Cod {
                on_delivery.push(id.to_owned());
            }
        }
        Ok(History {
            orders,
            on_delivery,
        })
    })
}
