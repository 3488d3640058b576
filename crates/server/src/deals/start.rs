//! Starting and ending flash deals (the stream's creator only), and a
//! stream's deals as viewers see them.

use std::time::Duration;

use etalase_contract::{
    ErrorCode, FeedEvent, FlashDeal, FlashDealList, IdempotencyKey, Rupiah, StartFlashDeal,
    StreamKind,
};

use super::terms::Terms;
use crate::creator::check_owner;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::deals::{self as store, NewDeal};
use crate::store::stream_kind;
use crate::time::Timestamp;
use crate::AppState;

/// How long an ended deal stays in a stream's list.
const ENDED_SHOWN: Duration = Duration::from_secs(60 * 60);

/// Starts `request`'s deal on `user_id`'s stream `stream_id`: its units
/// leave the variant's stock now, it opens after `starts_in_seconds` and
/// closes `minutes` later. Viewers get a `deal` event and the variant's
/// `stock` event.
///
/// 404 for another creator's stream whatever the terms, then 422
/// `invalid_field` naming the field at fault: a recorded video rather than
/// a live stream (`stream_id`), a product not in the
/// showcase or already in a deal not yet ended (`product_id`), a variant
/// not the product's or left out when it has several (`variant_id`), a
/// price not below the normal one (`price`), more units than in stock
/// (`units`), and the bounds of [`Terms::parse`].
pub async fn start(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    request: &StartFlashDeal,
    key: Option<&IdempotencyKey>,
) -> Result<(FlashDeal, bool)> {
    let hash = secret::fingerprint(request)?;
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    if let Some(key) = key {
        if let Some(started) = store::by_request(&mut tx, stream_id, key.as_str()).await? {
            tx.rollback().await?;
            return replay(state, started, &hash).await;
        }
    }
    // On the transaction's connection: a write transaction that waits for
    // another of the pool's could wait for one queued behind itself.
    if stream_kind(&mut tx, stream_id).await? != Some(StreamKind::Live) {
        return Err(AppError::invalid(
            "stream_id",
            format!("flash deals run in live streams, and {stream_id:?} is a recorded video"),
        ));
    }
    let terms = Terms::parse(request)?;
    let found = store::deal_variant(
        &mut tx,
        stream_id,
        &request.product_id,
        request.variant_id.as_deref(),
    )
    .await?;
    let (variant_id, normal_price, stock) = match found {
        Ok(Some(variant)) => variant,
        Ok(None) if request.variant_id.is_some() => {
            let field = if store::deal_variant(&mut tx, stream_id, &request.product_id, None)
                .await?
                == Ok(None)
            {
                "product_id"
            } else {
                "variant_id"
            };
            return Err(AppError::invalid(
                field,
                format!(
                    "no variant {:?} of a product {:?} in the stream's showcase",
                    request.variant_id.as_deref().unwrap_or_default(),
                    request.product_id
                ),
            ));
        }
        Ok(None) => {
            return Err(AppError::invalid(
                "product_id",
                format!(
                    "product {:?} is not a listed product of the stream's showcase",
                    request.product_id
                ),
            ))
        }
        Err(variants) => {
            return Err(AppError::invalid(
                "variant_id",
                format!("the product has {variants} variants: name the one on deal"),
            ))
        }
    };
    terms.check_price(Rupiah(normal_price))?;
    terms.check_stock(stock)?;
    let now = Timestamp::now();
    let starts_at = now.plus(terms.starts_in);
    let id = secret::new_id("fd-")?;
    let written = store::insert(
        &mut tx,
        &NewDeal {
            id: &id,
            stream_id,
            product_id: &request.product_id,
            variant_id: &variant_id,
            price: terms.price.0,
            units: terms.units,
            per_buyer_limit: terms.per_buyer_limit,
            starts_at,
            ends_at: starts_at.plus(terms.length),
            at: now,
            request: key.map(|key| (key.as_str(), hash.as_str())),
        },
    )
    .await;
    // The same key sent twice at once: the other request started the deal
    // (its insert met this one's key, or its product's running deal).
    let same_key_first = match (&written, key) {
        (Err(sqlx::Error::Database(error)), Some(_)) => error.is_unique_violation(),
        (Ok(false), Some(_)) => true,
        _ => false,
    };
    if let (true, Some(key)) = (same_key_first, key) {
        tx.rollback().await?;
        let mut conn = state.store.acquire().await?;
        if let Some(started) = store::by_request(&mut conn, stream_id, key.as_str()).await? {
            drop(conn);
            return replay(state, started, &hash).await;
        }
        return Err(AppError::invalid(
            "product_id",
            "the product already has a flash deal on this stream that has not ended; end it first",
        ));
    }
    if !written? {
        return Err(AppError::invalid(
            "product_id",
            "the product already has a flash deal on this stream that has not ended; end it first",
        ));
    }
    if !store::set_aside(&mut tx, &variant_id, terms.units).await? {
        // Stock was read in this transaction; on PostgreSQL an order may
        // have taken some since.
        return Err(AppError::invalid(
            "units",
            "fewer units are in stock now than the deal sets aside",
        ));
    }
    let events = super::events(&mut tx, &id, now, true).await?;
    let deal = deal_of(&events)?;
    state.live.commit_feed(tx, events).await?;
    Ok((deal, false))
}

/// The deal `started` (its id and request hash) as it is now, for a
/// request of hash `hash` under the same key: 422 `idempotency_key_reused`
/// when that key came with other terms.
async fn replay(
    state: &AppState,
    (deal_id, started_hash): (String, Option<String>),
    hash: &str,
) -> Result<(FlashDeal, bool)> {
    if started_hash.as_deref() != Some(hash) {
        return Err(AppError::Invalid {
            code: ErrorCode::IdempotencyKeyReused,
            message: "this Idempotency-Key started a flash deal with other terms".to_owned(),
            field: Some("Idempotency-Key".to_owned()),
        });
    }
    let mut conn = state.store.acquire().await?;
    let deal = store::deal(&mut conn, &deal_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("flash deal {deal_id} vanished")))?;
    Ok((deal.at(Timestamp::now()), true))
}

/// Ends deal `deal_id` of `user_id`'s stream `stream_id` now, giving its
/// unsold units back to stock; ending an ended deal answers it as it is.
/// 404 for another creator's stream or a deal of another stream.
pub async fn end(
    state: &AppState,
    user_id: i64,
    stream_id: &str,
    deal_id: &str,
) -> Result<FlashDeal> {
    let mut tx = state.store.begin_write().await?;
    check_owner(&mut tx, user_id, stream_id).await?;
    let now = Timestamp::now();
    match store::deal(&mut tx, deal_id).await? {
        Some(deal) if deal.stream_id == stream_id => {}
        _ => {
            return Err(AppError::NotFound(format!(
                "stream {stream_id:?} has no flash deal {deal_id:?}"
            )))
        }
    }
    let ended = store::end(&mut tx, deal_id, now).await?;
    let events = super::events(&mut tx, deal_id, now, ended).await?;
    let deal = deal_of(&events)?;
    if ended {
        state.live.commit_feed(tx, events).await?;
    } else {
        tx.rollback().await?;
    }
    Ok(deal)
}

/// The `deal` event's deal among `events`.
fn deal_of(events: &[(String, FeedEvent)]) -> Result<FlashDeal> {
    events
        .iter()
        .find_map(|(_, event)| event.deal().cloned())
        .ok_or_else(|| AppError::Internal("a flash deal vanished".to_owned()))
}

/// Stream `stream_id`'s deals as viewers see them now: those not yet ended,
/// soonest first, then those ended in the last hour. 404 for no stream.
pub async fn list(state: &AppState, stream_id: &str) -> Result<FlashDealList> {
    let mut conn = state.store.acquire().await?;
    if !crate::store::checkout::stream_exists(&mut conn, stream_id).await? {
        return Err(AppError::NotFound(format!(
            "no stream has id {stream_id:?}"
        )));
    }
    let now = Timestamp::now();
    let deals = store::stream_deals(&mut conn, stream_id, now.minus(ENDED_SHOWN)).await?;
    Ok(FlashDealList {
        deals: deals.iter().map(|deal| deal.at(now)).collect(),
    })
}
