//! The checkout transaction: a quote becomes one order per shop and one
//! payment, or nothing at all.

use std::time::Duration;

use etalase_contract::{Checkout, ErrorCode, Payment, PaymentStatus, Quote, SavedAddress};
use sqlx::AnyConnection;

use crate::checkout;
use crate::deals;
use crate::deals::buy::DealLine;
use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::provider;
use crate::store::deals::{self as deal_store, Deal};
use crate::store::live_vouchers;
use crate::store::orders::{self as store, NewCheckout, NewOrder, NewPayment, StoredQuote};
use crate::time::Timestamp;

/// Places quote `quote_id` of `user_id` on `conn`, which must be inside a
/// write transaction: the caller commits (with the idempotency key's
/// answer) or rolls back.
///
/// The quote is priced again from what the database holds now: any change
/// is 409 `quote_changed` carrying the new quote (with the couriers its
/// parcels are too heavy for), kept under a new id so the shopper can
/// confirm it. The quote is then marked placed, once (422 `invalid_field`
/// on `quote_id` for a quote placed already). Next, what the shopper
/// already holds in unpaid checkouts is checked against the per-shopper
/// limits (409 `reservation_limit`, see [`super::limits`]). Stock and
/// voucher quota (and a live voucher's claim) are then taken with
/// conditional updates, so concurrent checkouts can never oversell: a
/// loser gets 409 `out_of_stock` or `voucher_exhausted`. The lines leave
/// the cart once: another quote of them placed at the same moment is 422
/// on `quote_id`. The payment lapses after `payment_window`, or after
/// [`super::limits::COD_WINDOW`] for cash on delivery.
///
/// A quote made through a flash deal is priced again as the deal's
/// ([`deals::buy`]): at the deal price, it is refused (409 `deal_…`) if the
/// deal can no longer have it, and its units are counted against the
/// buyer's limit; instead of the variant's stock, the caller takes them
/// from the deal ([`Placed::deal_sale`], [`deals::buy::take`]) as the
/// transaction's last write: the deal's row stays locked until the commit,
/// and every checkout of the deal waits for it.
pub async fn place(
    conn: &mut AnyConnection,
    user_id: i64,
    quote_id: &str,
    now: Timestamp,
    payment_window: Duration,
) -> Result<Placed> {
    let StoredQuote {
        request,
        quote: quoted,
        deal: through_deal,
        placed,
    } = store::read_quote(&mut *conn, user_id, quote_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no quote has id {quote_id:?}")))?;
    if placed {
        return Err(placed_already(quote_id));
    }
    let (mut fresh, deal) = match &through_deal {
        Some(noted) => {
            let (deal, bought) = deals::buy::recheck(&mut *conn, user_id, noted, now).await?;
            let line = DealLine {
                quantity: noted.quantity,
                bought,
                want_deal_price: noted.at_deal_price,
            };
            let (fresh, _) =
                deals::buy::price(&mut *conn, user_id, &deal, line, &request, now).await?;
            (fresh, Some((deal, noted.at_deal_price)))
        }
        None => (
            checkout::compute(&mut *conn, user_id, &request, now).await?,
            None,
        ),
    };
    if !same_terms(&fresh.quote, &quoted) {
        // The new quote is kept, so the shopper can confirm it.
        fresh.quote.id = secret::new_id("qt-")?;
        store::write_quote(&mut *conn, user_id, &request, &fresh.quote).await?;
        if let Some(noted) = &through_deal {
            deal_store::note_quote(&mut *conn, &fresh.quote.id, noted).await?;
        }
        return Err(AppError::QuoteChanged(Box::new(fresh)));
    }
    let fresh = fresh.quote;
    // A quote is placed once: the same quote sent again under another key
    // (a double tap) is refused, waiting here for the first on PostgreSQL.
    if !store::mark_placed(&mut *conn, quote_id, now).await? {
        return Err(placed_already(quote_id));
    }
    // Before any stock is taken: what the shopper already holds unpaid,
    // counted under a lock on the shopper (decision 0045).
    super::limits::check(&mut *conn, user_id, &fresh, now).await?;
    // Rows are locked in one order (variant id, then voucher code), so two
    // checkouts on PostgreSQL, where writers run side by side, never
    // deadlock waiting for each other's rows.
    let mut items: Vec<_> = fresh
        .shops
        .iter()
        .flat_map(|s| &s.items)
        .enumerate()
        .collect();
    items.sort_by(|(_, a), (_, b)| a.variant_id.cmp(&b.variant_id));
    // Deal units are counted against the buyer here; the caller takes them.
    let mut deal_units = 0;
    for (index, item) in items {
        if let Some((deal, true)) = &deal {
            deals::buy::count(&mut *conn, user_id, deal, item.quantity).await?;
            deal_units += item.quantity;
            continue;
        }
        if !store::take_stock(&mut *conn, &item.variant_id, item.quantity).await? {
            return Err(AppError::Conflict {
                code: ErrorCode::OutOfStock,
                message: format!("{} ({}) sold out", item.product_name, item.variant_id),
                field: Some(format!("items[{index}]")),
            });
        }
    }
    let mut vouchers: Vec<_> = fresh.vouchers.iter().enumerate().collect();
    vouchers.sort_by(|(_, a), (_, b)| a.code.cmp(&b.code));
    for (index, voucher) in vouchers {
        let used = store::use_voucher(&mut *conn, &voucher.code).await?
            && live_vouchers::use_claim(&mut *conn, user_id, &voucher.code).await?;
        if !used {
            return Err(AppError::Conflict {
                code: ErrorCode::VoucherExhausted,
                message: format!("voucher {} has been used up", voucher.code),
                field: Some(format!("vouchers[{index}]")),
            });
        }
    }
    let checkout_id = secret::new_id("chk-")?;
    let deal_sold = deal.filter(|(_, at_deal_price)| *at_deal_price);
    let creator_id = store::insert_checkout(
        &mut *conn,
        &NewCheckout {
            id: &checkout_id,
            user_id,
            quote_id,
            stream_id: fresh.stream_id.as_deref(),
            totals: &fresh.totals,
            vouchers: &fresh.vouchers,
            deal_id: deal_sold.as_ref().map(|(deal, _)| deal.id.as_str()),
            at: now,
        },
    )
    .await?;
    let payment_id = secret::new_id("pay-")?;
    // Answered as written, in the order written: no read back.
    let mut orders = Vec::with_capacity(fresh.shops.len());
    for part in &fresh.shops {
        let order_id = secret::new_id("ord-")?;
        let order = NewOrder {
            id: &order_id,
            checkout_id: &checkout_id,
            user_id,
            stream_id: fresh.stream_id.as_deref(),
            part,
            address: &fresh.address,
            at: now,
            through_deal: through_deal.is_some(),
        };
        store::insert_order(&mut *conn, &order).await?;
        orders.push(store::written_order(
            &order,
            creator_id.as_deref(),
            &payment_id,
            fresh.payment,
        ));
    }
    // Deal units wait for their payment a short while only (decision 0057).
    let window = match deal_sold {
        Some(_) => payment_window.min(deals::buy::PAYMENT_WINDOW),
        None => payment_window,
    };
    let amount = fresh.totals.grand_total;
    let instructions = provider::instructions(&payment_id, fresh.payment, amount)?;
    let expires_at = super::limits::due(fresh.payment, now, window);
    store::insert_payment(
        &mut *conn,
        &NewPayment {
            id: &payment_id,
            checkout_id: &checkout_id,
            method: fresh.payment,
            amount: amount.0,
            instructions: &instructions,
            at: now,
            expires_at,
        },
    )
    .await?;
    let bought: Vec<&str> = fresh
        .shops
        .iter()
        .flat_map(|s| &s.items)
        .map(|item| item.variant_id.as_str())
        .collect();
    // A deal's line never came from the cart: the cart keeps its lines.
    // Another quote of the same lines, placed at once under another key,
    // finds them gone and is refused.
    if through_deal.is_none() {
        if let Some(gone) = store::remove_from_cart(&mut *conn, user_id, &bought).await? {
            return Err(AppError::invalid(
                "quote_id",
                format!(
                    "variant {gone:?} is no longer in the cart: another checkout bought it; \
                     ask for a new quote"
                ),
            ));
        }
    }
    let checkout = Checkout {
        orders,
        payment: Payment {
            id: payment_id,
            status: PaymentStatus::Pending,
            method: fresh.payment,
            amount,
            instructions,
            expires_at: expires_at.to_string(),
            paid_at: None,
        },
        id: checkout_id,
        vouchers: fresh.vouchers,
        totals: fresh.totals,
        created_at: now.to_string(),
    };
    Ok(Placed {
        checkout,
        deal_sale: deal_sold.map(|(deal, _)| (deal, deal_units)),
    })
}

/// What [`place`] made.
#[derive(Debug)]
pub struct Placed {
    /// The checkout.
    pub checkout: Checkout<SavedAddress>,
    /// The flash deal whose units it buys at the deal price, and how many:
    /// not yet taken from the deal.
    pub deal_sale: Option<(Deal, u32)>,
}

/// The refusal of quote `quote_id`, placed already.
fn placed_already(quote_id: &str) -> AppError {
    AppError::invalid(
        "quote_id",
        format!("quote {quote_id:?} has been placed already; ask for a new quote"),
    )
}

/// Whether two quotes promise the same things at the same prices (their
/// ids aside).
fn same_terms(fresh: &Quote<SavedAddress>, quoted: &Quote<SavedAddress>) -> bool {
    let fresh = Quote {
        id: quoted.id.clone(),
        ..fresh.clone()
    };
    &fresh == quoted
}
