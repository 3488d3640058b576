//! The showcase and the pin: `PUT /v1/creator/streams/{id}/products` and
//! `PUT /v1/creator/streams/{id}/pin`.
//!
//! Each change is one write transaction that ends in
//! [`Live::commit`](crate::live::Live::commit), so the stream's viewers
//! hear of it in commit order, right after it is true.

use std::collections::HashSet;

use etalase_contract::{
    ErrorCode, SetPin, SetShowcase, Showcase, StreamEvent, MAX_SHOWCASE_PRODUCTS,
};

use super::check_owner;
use crate::error::{AppError, Result};
use crate::store::{creator as store, tags};
use crate::time::Timestamp;
use crate::AppState;

/// Replaces the showcase of `user_id`'s stream `stream_id` with
/// `request`'s products, in order; a pinned product left out is unpinned.
///
/// 422 `invalid_field` for too many products or one named twice, 422
/// `product_unavailable` for an unknown or unlisted product (naming it:
/// `product_ids[2]`).
pub async fn set_showcase(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    request: &SetShowcase,
) -> Result<Showcase> {
    let ids = &request.product_ids;
    if ids.len() > MAX_SHOWCASE_PRODUCTS {
        return Err(AppError::invalid(
            "product_ids",
            format!("a showcase holds at most {MAX_SHOWCASE_PRODUCTS} products"),
        ));
    }
    let mut seen = HashSet::new();
    if let Some(index) = ids.iter().position(|id| !seen.insert(id)) {
        return Err(AppError::invalid(
            format!("product_ids[{index}]"),
            format!("{:?} is in the showcase twice", ids[index]),
        ));
    }
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    for (index, id) in ids.iter().enumerate() {
        let problem = match store::is_listed(&mut tx, id).await? {
            Some(true) => continue,
            Some(false) => "is unlisted",
            None => "does not exist",
        };
        return Err(AppError::Invalid {
            code: ErrorCode::ProductUnavailable,
            message: format!("product {id:?} {problem}"),
            field: Some(format!("product_ids[{index}]")),
        });
    }
    let unpinned = store::replace_showcase(&mut tx, stream_id, ids).await?;
    let mut events = Vec::new();
    if unpinned {
        tags::record_pin(&mut tx, stream_id, None, Timestamp::now()).await?;
        events.push((stream_id.to_owned(), StreamEvent::Unpinned));
    }
    let showcase = StreamEvent::Showcase {
        product_ids: ids.clone(),
    };
    events.push((stream_id.to_owned(), showcase));
    state.live.commit(tx, events).await?;
    read_showcase(state, stream_id).await
}

/// Pins `request`'s product on `user_id`'s stream `stream_id`, or unpins
/// when it is `null`. 422 `invalid_field` naming `product_id` when the
/// product is not a listed product of the showcase.
pub async fn set_pin(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    request: &SetPin,
) -> Result<Showcase> {
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    let event = match &request.product_id {
        Some(product_id) => {
            if !store::in_showcase(&mut tx, stream_id, product_id).await? {
                return Err(AppError::invalid(
                    "product_id",
                    format!("{product_id:?} is not a listed product of the showcase"),
                ));
            }
            StreamEvent::Pinned {
                product_id: product_id.clone(),
            }
        }
        None => StreamEvent::Unpinned,
    };
    store::set_pin(&mut tx, stream_id, request.product_id.as_deref()).await?;
    tags::record_pin(
        &mut tx,
        stream_id,
        request.product_id.as_deref(),
        Timestamp::now(),
    )
    .await?;
    state
        .live
        .commit(tx, vec![(stream_id.to_owned(), event)])
        .await?;
    read_showcase(state, stream_id).await
}

/// The showcase as shoppers now see it.
async fn read_showcase(state: &AppState, stream_id: &str) -> Result<Showcase> {
    state
        .store
        .showcase(stream_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("stream {stream_id} vanished")))
}
