//! [`use_orders`]: the shopper's order history, loaded each time it opens.

use std::rc::Rc;

use etalase_contract::{Order, SavedAddress};
use yew::prelude::*;

use crate::api::ApiClient;
use crate::hooks::{use_fetch, Fetch};

/// Loads the shopper's orders (newest first) through `client` while
/// `open`; idle while closed, so each opening shows them as they are now.
#[hook]
pub fn use_orders(client: Rc<ApiClient>, open: bool) -> Fetch<Vec<Order<SavedAddress>>> {
    use_fetch(open.then_some(client), |client| async move {
        client.orders().await
    })
}
