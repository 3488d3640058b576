//! [`use_showcase`]: the stream's showcase, arranged for the card strip.

use std::rc::Rc;

use yew::prelude::*;

use super::{use_fetch, Fetch};
use crate::api::ApiClient;
use crate::state::shelf::Shelf;

/// Loads `stream_id`'s showcase through `client`, pinned product first.
#[hook]
pub fn use_showcase(client: Rc<ApiClient>, stream_id: AttrValue) -> Fetch<Shelf> {
    use_fetch(
        Some((client, stream_id)),
        |(client, stream_id)| async move { client.showcase(&stream_id).await.map(Shelf::from) },
    )
}
