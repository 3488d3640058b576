//! [`use_product_videos`]: the other videos that feature the open product.

use std::rc::Rc;

use etalase_contract::ProductVideoList;
use yew::prelude::*;

use crate::api::ApiClient;
use crate::hooks::{use_fetch, Fetch};

/// Loads the videos that feature `product_id` through `client` when its
/// sheet opens; idle while there is no product. A failure shows nothing:
/// the sheet is whole without them.
#[hook]
pub fn use_product_videos(
    client: Rc<ApiClient>,
    product_id: Option<AttrValue>,
) -> Fetch<ProductVideoList> {
    use_fetch(
        product_id.map(|id| (client, id)),
        |(client, id)| async move { client.product_videos(&id).await },
    )
}
