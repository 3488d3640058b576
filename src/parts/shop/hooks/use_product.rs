//! [`use_product`]: the detail of the product the sheet shows.

use std::rc::Rc;

use etalase_contract::ProductDetail;
use yew::prelude::*;

use crate::api::ApiClient;
use crate::hooks::{use_fetch, Fetch};

/// Loads `product_id`'s detail through `client`; idle while there is no product.
#[hook]
pub fn use_product(client: Rc<ApiClient>, product_id: Option<AttrValue>) -> Fetch<ProductDetail> {
    use_fetch(
        product_id.map(|id| (client, id)),
        |(client, id)| async move { client.product(&id).await },
    )
}
