//! Quotes from the database: read the inputs, price, keep the answer.

use std::collections::HashMap;

use etalase_contract::{Cart, Quote, QuoteAnswer, QuoteRequest, SavedAddress, UnavailableShipping};
use sqlx::AnyConnection;

use super::price::{price, Inputs, Scopes};
use super::shipping::{self, Place};
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::{checkout as reads, read_address, read_cart, Store};
use crate::time::Timestamp;

/// The most voucher codes one request may name.
const MAX_VOUCHERS: usize = 10;

/// Where each shop ships from, by id.
type Origins = HashMap<String, Place>;

/// Prices `request` for `user_id` from what `conn` reads now, with the
/// couriers its parcels are too heavy for; the quote's `id` is left empty.
/// An order calls it inside its transaction.
pub async fn compute(
    conn: &mut AnyConnection,
    user_id: i64,
    request: &QuoteRequest,
    now: Timestamp,
) -> Result<QuoteAnswer<SavedAddress>> {
    let mut cart = read_cart(&mut *conn, user_id).await?;
    if let Some(variant_ids) = &request.variant_ids {
        select_lines(&mut cart, variant_ids)?;
    }
    price_lines(conn, user_id, request, &cart, now).await
}

/// Prices the lines of `cart` with `request`'s choices for `user_id`, from
/// what `conn` reads now, with the couriers its parcels are too heavy for;
/// the quote's `id` is left empty. A flash deal's checkout calls it with
/// its one line.
pub async fn price_lines(
    conn: &mut AnyConnection,
    user_id: i64,
    request: &QuoteRequest,
    cart: &Cart,
    now: Timestamp,
) -> Result<QuoteAnswer<SavedAddress>> {
    if request.vouchers.len() > MAX_VOUCHERS {
        return Err(AppError::invalid(
            "vouchers",
            format!("name at most {MAX_VOUCHERS} vouchers"),
        ));
    }
    let address = read_address(&mut *conn, user_id, &request.address_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no address has id {:?}", request.address_id)))?;
    if let Some(stream_id) = &request.stream_id {
        if !reads::stream_exists(&mut *conn, stream_id).await? {
            return Err(AppError::invalid(
                "stream_id",
                format!("no stream has id {stream_id:?}"),
            ));
        }
    }
    let origins: Origins = reads::shop_places(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, (province, region_code))| {
            (
                id,
                Place {
                    province,
                    region_code,
                },
            )
        })
        .collect();
    let destination = Place {
        province: address.address.province.clone(),
        region_code: address.region_code.clone(),
    };
    let mut vouchers = Vec::with_capacity(request.vouchers.len());
    let mut scopes = Scopes::new();
    for code in &request.vouchers {
        let code = code.trim().to_uppercase();
        let voucher = reads::voucher(&mut *conn, &code, user_id).await?;
        // A live voucher applies to its stream's showcase as it is now.
        if let Some(scope) = reads::live_scope(&mut *conn, &code).await? {
            scopes.insert(code.clone(), scope);
        }
        vouchers.push((code, voucher));
    }
    let priced = price(&Inputs {
        cart,
        destination: &destination,
        origins: &origins,
        shipping: &request.shipping,
        vouchers: &vouchers,
        payment: request.payment,
        now,
        scopes: &scopes,
    })?;
    let quote = Quote {
        id: String::new(),
        address,
        shops: priced.shops,
        vouchers: priced.vouchers,
        payment: request.payment,
        stream_id: request.stream_id.clone(),
        totals: priced.totals,
    };
    let unavailable_shipping = too_heavy(&quote, &origins, &destination);
    Ok(QuoteAnswer {
        quote,
        unavailable_shipping,
    })
}

/// The courier services each shop's parcel of `quote` is too heavy for,
/// from where the shop ships (`origins`) to `destination`.
fn too_heavy(
    quote: &Quote<SavedAddress>,
    origins: &Origins,
    destination: &Place,
) -> Vec<UnavailableShipping> {
    quote
        .shops
        .iter()
        .filter_map(|part| {
            let origin = origins.get(&part.shop.id)?;
            Some(shipping::too_heavy(
                &part.shop.id,
                part.weight_grams,
                origin,
                destination,
            ))
        })
        .flatten()
        .collect()
}

/// Keeps only the lines of `cart` named by `variant_ids` (and the shops
/// left with a line); 422 naming `variant_ids[i]` for one not in the cart.
fn select_lines(cart: &mut Cart, variant_ids: &[String]) -> Result<()> {
    let in_cart = |id: &String| {
        cart.shops
            .iter()
            .flat_map(|shop| &shop.items)
            .any(|item| &item.variant_id == id)
    };
    if let Some(index) = variant_ids.iter().position(|id| !in_cart(id)) {
        return Err(AppError::invalid(
            format!("variant_ids[{index}]"),
            format!("variant {:?} is not in the cart", variant_ids[index]),
        ));
    }
    for shop in &mut cart.shops {
        shop.items
            .retain(|item| variant_ids.contains(&item.variant_id));
    }
    cart.shops.retain(|shop| !shop.items.is_empty());
    Ok(())
}

/// Prices `request` for `user_id` now and keeps the quote under a new id;
/// answers it with the couriers its parcels are too heavy for.
pub async fn quote(
    store: &Store,
    user_id: i64,
    request: &QuoteRequest,
) -> Result<QuoteAnswer<SavedAddress>> {
    let mut conn = store.acquire().await?;
    let mut answer = compute(&mut conn, user_id, request, Timestamp::now()).await?;
    drop(conn);
    answer.quote.id = secret::new_id("qt-")?;
    store.save_quote(user_id, request, &answer.quote).await?;
    Ok(answer)
}
