//! Buying at a deal's price: the deal's quote, and what a checkout of a
//! deal quote checks and takes inside its transaction.
//!
//! The deal price applies only while the deal is open by the server's
//! clock, to units it still has, up to the buyer's limit counted over every
//! checkout they placed at it. A quote that cannot have it prices the line
//! at the normal price and says why ([`Refusal`]); a checkout of a quote
//! that had it is refused with the same codes if it cannot have it any
//! more, before anything is written. The checkout then counts the buyer and,
//! last, takes the deal's units with conditional statements
//! ([`crate::store::deals::count_buyer`], [`crate::store::deals::take_units`]),
//! which decide every race, on both stores.

use std::time::Duration;

use etalase_contract::{
    Cart, DealQuote, DealQuoteRequest, ErrorCode, ErrorDetail, FlashDealState, QuoteAnswer,
    QuoteRequest, Rupiah, SavedAddress,
};
use sqlx::AnyConnection;

use crate::checkout;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::deals::{self as store, Deal, QuotedDeal};
use crate::store::{orders as order_store, read_variant_line};
use crate::time::Timestamp;
use crate::AppState;

/// The most units one deal quote may ask for.
pub const MAX_QUANTITY: u32 = 99;

/// How long a checkout of deal units waits for an online payment before it
/// lapses and the units go back to the deal (decision 0057). Deal units
/// are few and a deal lasts 1–20 minutes: held for the usual hour, a few
/// checkouts never paid could close a deal for everyone. Ten minutes is
/// what paying by e-wallet, QRIS or a bank app takes with room to spare.
pub const PAYMENT_WINDOW: Duration = Duration::from_secs(10 * 60);

/// Why the deal price does not apply: a 409 code, a sentence, and the field
/// at fault if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `deal_not_started`, `deal_ended`, `deal_sold_out` or `deal_limit_reached`.
    pub code: ErrorCode,
    /// Why, in words.
    pub message: String,
    /// `quantity` for the buyer's limit.
    pub field: Option<String>,
}

impl Refusal {
    fn new(code: ErrorCode, message: String) -> Self {
        Refusal {
            code,
            message,
            field: None,
        }
    }

    /// The refusal for a deal known closed in `state`.
    pub fn closed(state: FlashDealState) -> Self {
        match state {
            FlashDealState::SoldOut => Refusal::new(
                ErrorCode::DealSoldOut,
                "every unit of the flash deal is sold".to_owned(),
            ),
            _ => Refusal::new(ErrorCode::DealEnded, "the flash deal has ended".to_owned()),
        }
    }

    /// The refusal of a checkout while every unit left is on its way to
    /// other buyers (decision 0057).
    pub fn spoken_for() -> Self {
        Refusal::new(
            ErrorCode::DealSoldOut,
            "every unit of the flash deal left is being bought by others; \
             one may come back if their checkout fails"
                .to_owned(),
        )
    }

    /// The refusal of a checkout whose buyer's units, bought or asked for
    /// by their other checkouts on their way (`held`), leave it none within
    /// the deal's `limit` (decision 0057).
    pub fn limit_held(limit: u32, held: u32) -> Self {
        Refusal {
            code: ErrorCode::DealLimitReached,
            message: format!(
                "one buyer may buy {limit} at the deal price, and your orders, placed or on \
                 their way, already ask for {held}"
            ),
            field: Some("quantity".to_owned()),
        }
    }

    /// The refusal as a 409 answer.
    pub fn into_error(self) -> AppError {
        AppError::Conflict {
            code: self.code,
            message: self.message,
            field: self.field,
        }
    }

    /// The refusal as a quote's `refusal`.
    fn into_detail(self) -> ErrorDetail {
        ErrorDetail {
            code: self.code,
            message: self.message,
            field: self.field,
        }
    }
}

/// Why `deal` cannot sell `quantity` units at its price at `now` to a
/// buyer who bought `bought` at it; `None` when it can.
pub(crate) fn refusal(deal: &Deal, quantity: u32, bought: u32, now: Timestamp) -> Option<Refusal> {
    match deal.state(now) {
        FlashDealState::Upcoming => {
            return Some(Refusal::new(
                ErrorCode::DealNotStarted,
                format!("the flash deal opens at {}", deal.starts_at),
            ))
        }
        state @ (FlashDealState::SoldOut | FlashDealState::Ended) => {
            return Some(Refusal::closed(state))
        }
        FlashDealState::Open => {}
    }
    if bought.saturating_add(quantity) > deal.per_buyer_limit {
        return Some(limit_reached(deal.per_buyer_limit, bought));
    }
    if quantity > deal.units_left {
        return Some(Refusal {
            code: ErrorCode::DealSoldOut,
            message: match deal.units_left {
                1 => "only 1 unit of the flash deal is left".to_owned(),
                left => format!("only {left} units of the flash deal are left"),
            },
            field: Some("quantity".to_owned()),
        });
    }
    None
}

/// The refusal of a buyer who holds `bought` units at a deal's price
/// (ordered, paid or not yet) when the limit is `limit`.
fn limit_reached(limit: u32, bought: u32) -> Refusal {
    Refusal {
        code: ErrorCode::DealLimitReached,
        message: format!(
            "one buyer may buy {limit} at the deal price, and {bought} of your orders already hold it"
        ),
        field: Some("quantity".to_owned()),
    }
}

/// A deal's line to price: how many units, how many the buyer bought at
/// the deal's price already, and whether the deal price is asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DealLine {
    /// Units on the line.
    pub quantity: u32,
    /// Units the buyer holds at the deal's price already.
    pub bought: u32,
    /// Whether the line asks for the deal price.
    pub want_deal_price: bool,
}

/// Prices `line` of `deal`'s variant for `user_id` with `request`'s
/// choices at `now`: at the deal price when the line wants it and
/// [`refusal`] finds nothing, at the normal price otherwise, with the
/// refusal that kept the deal price away.
pub(crate) async fn price(
    conn: &mut AnyConnection,
    user_id: i64,
    deal: &Deal,
    line: DealLine,
    request: &QuoteRequest,
    now: Timestamp,
) -> Result<(QuoteAnswer<SavedAddress>, Option<Refusal>)> {
    let DealLine {
        quantity,
        bought,
        want_deal_price,
    } = line;
    let refused = refusal(deal, quantity, bought, now);
    let mut cart = read_variant_line(&mut *conn, &deal.variant_id, quantity).await?;
    if cart.shops.is_empty() {
        return Err(AppError::Invalid {
            code: ErrorCode::ProductUnavailable,
            message: format!("product {:?} is no longer listed", deal.product_id),
            field: None,
        });
    }
    if want_deal_price {
        let stock = in_stock(&cart);
        match refused {
            None => at_deal_price(&mut cart, Rupiah(deal.price), deal.units_left),
            // No normal-price units either (the deal may hold the whole
            // stock): the deal's reason is the one that counts, and the
            // stock is said beside it.
            Some(mut refusal) if stock < quantity => {
                refusal.message = format!(
                    "{}; at the normal price {stock} of the {quantity} asked are in stock",
                    refusal.message
                );
                return Err(refusal.into_error());
            }
            Some(_) => {}
        }
    }
    let quote = checkout::price_lines(conn, user_id, request, &cart, now).await?;
    Ok((quote, refused))
}

/// The units in stock of the one line of `cart`'s variant.
fn in_stock(cart: &Cart) -> u32 {
    cart.shops
        .iter()
        .flat_map(|shop| &shop.items)
        .map(|item| item.stock)
        .min()
        .unwrap_or(0)
}

/// Puts the one line of `cart` at `price`, its normal price shown as the
/// original, with the deal's `units_left` as its stock: deal units are not
/// in the variant's stock, which may be empty.
fn at_deal_price(cart: &mut Cart, price: Rupiah, units_left: u32) {
    for shop in &mut cart.shops {
        for item in &mut shop.items {
            item.stock = units_left;
            item.original_price = Some(item.original_price.unwrap_or(item.price));
            item.price = price;
            item.line_total = price.times(item.quantity);
        }
        shop.subtotal = shop
            .items
            .iter()
            .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
    }
}

/// `POST /v1/deals/{id}/quote`: quotes `request` for `user_id` and keeps
/// the quote, noting the deal it came through. 404 for no such deal.
pub async fn quote(
    state: &AppState,
    user_id: i64,
    deal_id: &str,
    request: &DealQuoteRequest,
) -> Result<DealQuote<SavedAddress>> {
    if !(1..=MAX_QUANTITY).contains(&request.quantity) {
        return Err(AppError::invalid(
            "quantity",
            format!("quantity must be 1 to {MAX_QUANTITY}"),
        ));
    }
    let mut conn = state.store.acquire().await?;
    let (deal, bought) = store::deal_for_buyer(&mut conn, deal_id, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no flash deal has id {deal_id:?}")))?;
    let stored_request = QuoteRequest {
        address_id: request.address_id.clone(),
        shipping: request.shipping.clone(),
        vouchers: request.vouchers.clone(),
        payment: request.payment,
        stream_id: Some(deal.stream_id.clone()),
        variant_ids: Some(vec![deal.variant_id.clone()]),
    };
    let now = Timestamp::now();
    let line = DealLine {
        quantity: request.quantity,
        bought,
        want_deal_price: true,
    };
    let (mut quote, refused) = price(&mut conn, user_id, &deal, line, &stored_request, now).await?;
    drop(conn);
    quote.quote.id = secret::new_id("qt-")?;
    let noted = QuotedDeal {
        deal_id: deal.id.clone(),
        quantity: request.quantity,
        at_deal_price: refused.is_none(),
    };
    let mut tx = state.store.begin_write().await?;
    order_store::write_quote(&mut tx, user_id, &stored_request, &quote.quote).await?;
    store::note_quote(&mut tx, &quote.quote.id, &noted).await?;
    tx.commit().await?;
    Ok(DealQuote {
        quote,
        deal: deal.at(now),
        refusal: refused.map(Refusal::into_detail),
    })
}

/// In a checkout's transaction, before its quote is priced again: the deal
/// price of a deal quote `quoted` that can no longer have it is refused;
/// otherwise the deal and the units `user_id` bought at its price (none
/// counted when the quote is at the normal price), for [`price`].
pub(crate) async fn recheck(
    conn: &mut AnyConnection,
    user_id: i64,
    quoted: &QuotedDeal,
    now: Timestamp,
) -> Result<(Deal, u32)> {
    let (deal, bought) = store::deal_for_buyer(&mut *conn, &quoted.deal_id, user_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("flash deal {} vanished", quoted.deal_id)))?;
    if !quoted.at_deal_price {
        return Ok((deal, 0));
    }
    if let Some(refused) = refusal(&deal, quoted.quantity, bought, now) {
        return Err(refused.into_error());
    }
    Ok((deal, bought))
}

/// In a checkout's transaction, after the shopper's limits were checked:
/// counts `quantity` units of `deal` against the buyer's limit, or refuses
/// (409 `deal_limit_reached`) when their other checkouts got there first.
pub(crate) async fn count(
    conn: &mut AnyConnection,
    user_id: i64,
    deal: &Deal,
    quantity: u32,
) -> Result<()> {
    if !store::count_buyer(
        &mut *conn,
        &deal.id,
        user_id,
        quantity,
        deal.per_buyer_limit,
    )
    .await?
    {
        let bought = store::bought(&mut *conn, &deal.id, user_id).await?;
        return Err(limit_reached(deal.per_buyer_limit, bought).into_error());
    }
    Ok(())
}

/// The last write of a checkout's transaction: takes `quantity` units of
/// `deal`, read earlier in the transaction, and answers the deal as it
/// stands after; or refuses (409) when racing checkouts got there first.
/// The deal's row stays locked until the commit and every other checkout
/// of the deal waits for it, so it is taken last, after everything else is
/// written, and not read again: while a deal runs, what it sold is its
/// units less those left (a cancelled order's units come back to it).
pub(crate) async fn take(
    conn: &mut AnyConnection,
    deal: &Deal,
    quantity: u32,
    now: Timestamp,
) -> Result<Deal> {
    let Some(units_left) = store::take_units(&mut *conn, &deal.id, quantity, now).await? else {
        let now_deal = store::deal(&mut *conn, &deal.id).await?;
        let refused = now_deal
            .and_then(|deal| refusal(&deal, quantity, 0, now))
            .unwrap_or_else(|| Refusal::closed(FlashDealState::SoldOut));
        return Err(refused.into_error());
    };
    Ok(Deal {
        units_left,
        units_sold: deal.units.saturating_sub(units_left),
        ended_at: None,
        returned_units: 0,
        ..deal.clone()
    })
}
