//! Reservations bounded per shopper (decision 0045).
//!
//! Placing an order takes its stock at once, and an unpaid checkout keeps it
//! until it is paid, cancelled or expires. Without a bound one shopper could
//! keep a variant's whole stock from everyone else with checkouts they never
//! mean to pay. So, checked inside the checkout's transaction under a lock on
//! the shopper ([`reservations::lock_shopper`]), with 409
//! `reservation_limit`:
//!
//! - at most [`MAX_UNITS_PER_VARIANT`] units of one variant in the shopper's
//!   open checkouts, this one included (`field`: `items[i]`);
//! - at most [`MAX_UNITS_HELD`] units in all, whatever the variants
//!   (`field`: `items`);
//! - at most [`MAX_UNPAID_CHECKOUTS`] checkouts waiting for an online payment
//!   (virtual account, QRIS, e-wallet, card);
//! - at most [`MAX_OPEN_COD_CHECKOUTS`] cash-on-delivery checkouts not yet
//!   collected (`field`: `payment`).
//!
//! Paying, cancelling or the end of the window gives the allowance back.

use std::time::Duration;

use etalase_contract::{ErrorCode, LineItem, PaymentMethod, Quote, SavedAddress};
use sqlx::AnyConnection;

use crate::error::{AppError, Result};
use crate::store::reservations;
use crate::time::Timestamp;

pub use etalase_contract::MAX_UNITS_PER_VARIANT;

/// Units a shopper may hold in open checkouts at once, over all variants.
///
/// The bound per variant alone would let one checkout hold every scarce
/// item of the catalogue (a cart of each variant's last few units, paid by
/// cash on delivery, holds them all for [`COD_WINDOW`]). Twenty units is
/// far above a live-stream basket and well below a shop's stock.
pub const MAX_UNITS_HELD: u32 = 20;
const _: () = assert!(MAX_UNITS_HELD >= MAX_UNITS_PER_VARIANT);

/// Checkouts waiting for an online payment a shopper may have at once.
///
/// Marketplaces show these under "Belum Bayar" and expect one at a time: a
/// shopper pays, or cancels and checks out again. Three leaves room for a
/// checkout being paid while another is started (another payment method, a
/// second live stream), and bounds how many windows one shopper keeps open.
pub const MAX_UNPAID_CHECKOUTS: usize = 3;

/// Cash-on-delivery checkouts a shopper may have open (not yet collected)
/// at once.
///
/// A COD order has nothing to pay online, so it does not end with the
/// payment window ([`COD_WINDOW`]); what keeps it from being a free, long
/// hold is this cap, as marketplaces restrict COD for buyers who leave
/// parcels uncollected (Shopee turns COD off after two refused deliveries in
/// 60 days). Two allows a second purchase while the first is on its way.
pub const MAX_OPEN_COD_CHECKOUTS: usize = 2;

/// How long a cash-on-delivery checkout stays open before it lapses, its
/// stock coming back as for a failed delivery: the shop's ship-by time (two
/// working days on Indonesian marketplaces) and the courier's longest
/// economy service, with room to spare.
pub const COD_WINDOW: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// When a checkout paid with `method` placed at `now` lapses unpaid: after
/// `payment_window` for an online payment, after [`COD_WINDOW`] for cash
/// on delivery.
pub fn due(method: PaymentMethod, now: Timestamp, payment_window: Duration) -> Timestamp {
    if method == PaymentMethod::Cod {
        now.plus(COD_WINDOW)
    } else {
        now.plus(payment_window)
    }
}

/// Checks that `user_id` may place `quote` now, on `conn` inside the
/// checkout's transaction: locks the shopper's reservations until it ends,
/// then counts what they hold. 409 `reservation_limit` past a limit.
pub(super) async fn check(
    conn: &mut AnyConnection,
    user_id: i64,
    quote: &Quote<SavedAddress>,
    now: Timestamp,
) -> Result<()> {
    reservations::lock_shopper(&mut *conn, user_id).await?;
    let open = reservations::open_checkouts(&mut *conn, user_id, now).await?;
    let cod = open.iter().filter(|m| **m == PaymentMethod::Cod).count();
    if quote.payment == PaymentMethod::Cod {
        if cod >= MAX_OPEN_COD_CHECKOUTS {
            return Err(refused(
                format!(
                    "you have {cod} cash-on-delivery checkouts not yet delivered, the most one \
                     shopper may have at once ({MAX_OPEN_COD_CHECKOUTS}); pay this one another \
                     way, or cancel a pending cash-on-delivery order"
                ),
                Some("payment".to_owned()),
            ));
        }
    } else {
        let unpaid = open.len() - cod;
        if unpaid >= MAX_UNPAID_CHECKOUTS {
            return Err(refused(
                format!(
                    "you have {unpaid} checkouts waiting for payment, the most one shopper may \
                     have at once ({MAX_UNPAID_CHECKOUTS}); pay or cancel one of them first"
                ),
                None,
            ));
        }
    }
    let held = reservations::held_units(&mut *conn, user_id, now).await?;
    let already: i64 = held.values().sum();
    let asked: i64 = quote
        .shops
        .iter()
        .flat_map(|shop| &shop.items)
        .map(|item| i64::from(item.quantity))
        .sum();
    if already + asked > i64::from(MAX_UNITS_HELD) {
        return Err(refused(
            format!(
                "one shopper may hold at most {MAX_UNITS_HELD} units in unpaid orders; you hold                  {already} and this checkout asks for {asked}: pay or cancel a pending order,                  or buy fewer"
            ),
            Some("items".to_owned()),
        ));
    }
    let items = quote.shops.iter().flat_map(|shop| &shop.items);
    for (index, item) in items.enumerate() {
        let already = held.get(&item.variant_id).copied().unwrap_or(0);
        if already + i64::from(item.quantity) > i64::from(MAX_UNITS_PER_VARIANT) {
            return Err(refused(
                too_many(item, already),
                Some(format!("items[{index}]")),
            ));
        }
    }
    Ok(())
}

/// What to say when `item` would take the shopper past
/// [`MAX_UNITS_PER_VARIANT`], holding `already` units of it.
fn too_many(item: &LineItem, already: i64) -> String {
    let name = if item.option_values.is_empty() {
        item.product_name.clone()
    } else {
        format!("{} ({})", item.product_name, item.option_values.join(", "))
    };
    if already == 0 {
        format!(
            "one shopper may hold at most {MAX_UNITS_PER_VARIANT} units of {name} in unpaid \
             orders, and this checkout asks for {}; buy fewer",
            item.quantity
        )
    } else {
        format!(
            "you already hold {already} units of {name} in unpaid orders, and one shopper may \
             hold at most {MAX_UNITS_PER_VARIANT} until paid; this checkout asks for {} more: \
             pay or cancel a pending order, or buy fewer",
            item.quantity
        )
    }
}

fn refused(message: String, field: Option<String>) -> AppError {
    AppError::Conflict {
        code: ErrorCode::ReservationLimit,
        message,
        field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::Rupiah;

    fn line(option_values: &[&str], quantity: u32) -> LineItem {
        LineItem {
            variant_id: "var-x".into(),
            product_id: "prd-x".into(),
            product_name: "Kemeja Batik".into(),
            option_values: option_values.iter().map(|v| (*v).to_owned()).collect(),
            price: Rupiah(1_000),
            quantity,
            line_total: Rupiah(1_000).times(quantity),
        }
    }

    #[test]
    fn the_message_names_the_variant_the_limit_and_what_to_do() {
        let first = too_many(&line(&["Biru", "M"], 6), 0);
        assert!(first.contains("Kemeja Batik (Biru, M)"), "{first}");
        assert!(
            first.contains("at most 5") && first.contains("asks for 6"),
            "{first}"
        );
        assert!(first.ends_with("buy fewer"), "{first}");
        let more = too_many(&line(&[], 2), 4);
        assert!(
            more.contains("already hold 4 units of Kemeja Batik in"),
            "{more}"
        );
        assert!(more.contains("pay or cancel a pending order"), "{more}");
    }

    #[test]
    fn cash_on_delivery_lapses_after_its_own_window() {
        let now = Timestamp::parse("2026-01-01T00:00:00.000Z").unwrap();
        let hour = Duration::from_secs(3600);
        assert_eq!(due(PaymentMethod::Qris, now, hour), now.plus(hour));
        assert_eq!(due(PaymentMethod::Card, now, hour), now.plus(hour));
        assert_eq!(due(PaymentMethod::Cod, now, hour), now.plus(COD_WINDOW));
    }
}
