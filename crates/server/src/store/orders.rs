//! Checkouts, orders, their timelines and payments, and idempotency keys.
//!
//! Every function takes a connection, so placing an order, cancelling it or
//! expiring it runs as one transaction of its caller. Stock and voucher
//! quota are taken and given back with conditional updates only.

use std::collections::HashMap;

use crate::store::{Json, Stored, StoredAddress};
use etalase_contract::{
    AppliedVoucher, Order, OrderStatus, Payment, PaymentInstructions, PaymentMethod, PaymentStatus,
    Quote, QuoteRequest, SavedAddress, ShopQuote, StatusChange, Totals,
};
use sqlx::AnyConnection;

use crate::store::deals::QuotedDeal;
use crate::time::Timestamp;

/// A checkout row to write.
pub(crate) struct NewCheckout<'a> {
    pub id: &'a str,
    pub user_id: i64,
    pub quote_id: &'a str,
    pub stream_id: Option<&'a str>,
    pub totals: &'a Totals,
    pub vouchers: &'a [AppliedVoucher],
    /// The flash deal whose units it buys at the deal price, for
    /// [`super::deals::reclaim`] should it end unpaid.
    pub deal_id: Option<&'a str>,
    pub at: Timestamp,
}

/// One shop's order to write.
#[derive(Clone, Copy)]
pub(crate) struct NewOrder<'a> {
    pub id: &'a str,
    pub checkout_id: &'a str,
    pub user_id: i64,
    /// The checkout's stream: its lines are attributed to it when their
    /// cart line was added from it while it showed the product, or when
    /// the checkout was bought through one of its flash deals.
    pub stream_id: Option<&'a str>,
    /// Whether the checkout was bought through a flash deal of `stream_id`
    /// (its line never came from the cart).
    pub through_deal: bool,
    /// The shop's part of the quote.
    pub part: &'a ShopQuote,
    /// The address as it is now: the order keeps this copy.
    pub address: &'a SavedAddress,
    pub at: Timestamp,
}

/// A payment row to write.
pub(crate) struct NewPayment<'a> {
    pub id: &'a str,
    pub checkout_id: &'a str,
    pub method: PaymentMethod,
    pub amount: i64,
    pub instructions: &'a PaymentInstructions,
    pub at: Timestamp,
    pub expires_at: Timestamp,
}

/// A quote as stored.
pub(crate) struct StoredQuote {
    /// The request it priced.
    pub request: QuoteRequest,
    /// Its answer.
    pub quote: Quote<SavedAddress>,
    /// The flash deal it was made through, if any.
    pub deal: Option<QuotedDeal>,
    /// Whether a checkout placed it already.
    pub placed: bool,
}

/// Marks quote `quote_id` placed at `now`; `false` when it was placed
/// already. On PostgreSQL a second placement waits here for the first's
/// transaction, then finds the mark once it commits.
pub(crate) async fn mark_placed(
    conn: &mut AnyConnection,
    quote_id: &str,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE quotes SET placed_at = $2 WHERE id = $1 AND placed_at IS NULL")
        .bind(quote_id)
        .bind(now.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Quote `quote_id`, when it is `user_id`'s.
pub(crate) async fn read_quote(
    conn: &mut AnyConnection,
    user_id: i64,
    quote_id: &str,
) -> Result<Option<StoredQuote>, sqlx::Error> {
    type Row = (
        Json<QuoteRequest>,
        Json<Quote<StoredAddress>>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT request, answer, deal_id, deal_quantity, at_deal_price, placed_at
           FROM quotes WHERE id = $1 AND user_id = $2",
    )
    .bind(quote_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    let Some((request, answer, deal_id, quantity, at_deal_price, placed_at)) = row else {
        return Ok(None);
    };
    let deal = match (deal_id, quantity, at_deal_price) {
        (Some(deal_id), Some(quantity), Some(at_deal_price)) => Some(QuotedDeal {
            deal_id,
            quantity: super::narrow(quantity)?,
            at_deal_price: at_deal_price != 0,
        }),
        _ => None,
    };
    Ok(Some(StoredQuote {
        request: request.0,
        quote: with_snapshot(answer.0),
        deal,
        placed: placed_at.is_some(),
    }))
}

/// `quote` with its address as a [`SavedAddress`].
fn with_snapshot(quote: Quote<StoredAddress>) -> Quote<SavedAddress> {
    Quote {
        id: quote.id,
        address: quote.address.into(),
        shops: quote.shops,
        vouchers: quote.vouchers,
        payment: quote.payment,
        stream_id: quote.stream_id,
        totals: quote.totals,
    }
}

/// Writes quote `quote`, answered to `request`, for `user_id`.
pub(crate) async fn write_quote(
    conn: &mut AnyConnection,
    user_id: i64,
    request: &QuoteRequest,
    quote: &Quote<SavedAddress>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO quotes (id, user_id, request, answer, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&quote.id)
    .bind(user_id)
    .bind(Json(request))
    .bind(Json(quote))
    .bind(Timestamp::now().to_string())
    .execute(conn)
    .await
    .map(drop)
}

impl super::Store {
    /// A checkout's conditional stock update alone ([`take_stock`]), in a
    /// write transaction of its own: the database's floor under a checkout,
    /// which the flash-sale benchmark compares checkouts with.
    /// It sends no live event, so showcases held in memory
    /// (the server's `showcases`) do not see it.
    pub async fn take_units(&self, variant_id: &str, quantity: u32) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let taken = take_stock(&mut tx, variant_id, quantity).await?;
        tx.commit().await?;
        Ok(taken)
    }
}

/// Takes `quantity` units of `variant_id` if that many are in stock.
pub(crate) async fn take_stock(
    conn: &mut AnyConnection,
    variant_id: &str,
    quantity: u32,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE variants SET stock = stock - $1 WHERE id = $2 AND stock >= $1")
        .bind(i64::from(quantity))
        .bind(variant_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE products SET sold_count = sold_count + $1
          WHERE id = (SELECT product_id FROM variants WHERE id = $2)",
    )
    .bind(i64::from(quantity))
    .bind(variant_id)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Takes one use of voucher `code` if its quota has one left.
pub(crate) async fn use_voucher(conn: &mut AnyConnection, code: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE vouchers SET used = used + 1 WHERE code = $1 AND used < quota")
        .bind(code)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes a checkout and the vouchers it used, attributed to the creator
/// running its stream: answers that creator.
pub(crate) async fn insert_checkout(
    conn: &mut AnyConnection,
    checkout: &NewCheckout<'_>,
) -> Result<Option<String>, sqlx::Error> {
    let creator_id: Option<String> = sqlx::query_scalar(
        "INSERT INTO checkouts (id, user_id, quote_id, stream_id, creator_id, totals, vouchers,
                                grand_total, created_at, deal_id)
         VALUES ($1, $2, $3, $4, (SELECT creator_id FROM streams WHERE id = $4), $5, $6, $7,
                 $8, $9)
         RETURNING creator_id",
    )
    .bind(checkout.id)
    .bind(checkout.user_id)
    .bind(checkout.quote_id)
    .bind(checkout.stream_id)
    .bind(Json(checkout.totals))
    .bind(Json(checkout.vouchers))
    .bind(checkout.totals.grand_total.0)
    .bind(checkout.at.to_string())
    .bind(checkout.deal_id)
    .fetch_one(&mut *conn)
    .await?;
    for voucher in checkout.vouchers {
        sqlx::query("INSERT INTO checkout_vouchers (checkout_id, code) VALUES ($1, $2)")
            .bind(checkout.id)
            .bind(&voucher.code)
            .execute(&mut *conn)
            .await?;
    }
    Ok(creator_id)
}

/// Writes one shop's order, its lines, and its first timeline step.
///
/// A line is attributed to the checkout's stream only when the shopper's
/// cart line carries that stream, which it does only when the stream's
/// showcase held the product as it was added (see
/// [`Store::set_cart_item`](super::Store::set_cart_item)), or when it was
/// bought through the stream's flash deal (on a product of its showcase,
/// decision 0057). An attributed
/// line keeps its product's commission rate now and, for a video, the
/// playback second; any other line earns no commission (rate 0) and counts
/// in no stream's sales, whatever stream the quote named (decision 0021).
/// Nor does a creator earn from buying through their own stream.
pub(crate) async fn insert_order(
    conn: &mut AnyConnection,
    order: &NewOrder<'_>,
) -> Result<(), sqlx::Error> {
    let NewOrder {
        id,
        checkout_id,
        user_id,
        stream_id,
        part,
        address,
        at,
        through_deal,
    } = *order;
    sqlx::query(
        "INSERT INTO orders (id, checkout_id, user_id, shop_id, status, detail, address, total,
                             created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(checkout_id)
    .bind(user_id)
    .bind(&part.shop.id)
    .bind(Stored(OrderStatus::AwaitingPayment))
    .bind(Json(part))
    .bind(Json(address))
    .bind(part.total.0)
    .bind(at.to_string())
    .execute(&mut *conn)
    .await?;
    for item in &part.items {
        // `c` is the cart line only when it carries the checkout's stream (a
        // NULL stream matches nothing); the line is attributed when it came
        // from that cart line or through the stream's deal, unless the buyer
        // runs the stream (`own`).
        sqlx::query(
            "INSERT INTO order_items (order_id, variant_id, quantity, price, commission_bp,
                                      playback_second, attributed)
             SELECT $1, $2, $3, $4, commission_bp * attributed,
                    CASE WHEN attributed = 1 THEN playback_second END, attributed
               FROM (SELECT p.commission_bp, c.playback_second,
                            CASE WHEN own.n = 0 AND (c.variant_id IS NOT NULL OR $7 = 1)
                                 THEN 1 ELSE 0 END AS attributed
                       FROM variants v
                       JOIN products p ON p.id = v.product_id
                       LEFT JOIN cart_items c
                         ON c.user_id = $5 AND c.variant_id = v.id AND c.stream_id = $6
                      CROSS JOIN (SELECT COUNT(*) AS n FROM streams s
                                    JOIN creators r ON r.id = s.creator_id
                                   WHERE s.id = $6 AND r.user_id = $5) own
                      WHERE v.id = $2) line",
        )
        .bind(id)
        .bind(&item.variant_id)
        .bind(i64::from(item.quantity))
        .bind(item.price.0)
        .bind(user_id)
        .bind(stream_id)
        .bind(i64::from(through_deal))
        .execute(&mut *conn)
        .await?;
    }
    record_event(conn, id, OrderStatus::AwaitingPayment, at).await
}

/// Order `order` as [`insert_order`] wrote it and [`read_order`] reads it
/// back, in a checkout attributed to `creator_id` and paid by
/// payment `payment_id` with `method`.
pub(crate) fn written_order(
    order: &NewOrder<'_>,
    creator_id: Option<&str>,
    payment_id: &str,
    method: PaymentMethod,
) -> Order<SavedAddress> {
    let row = OrderRow {
        id: order.id.to_owned(),
        checkout_id: order.checkout_id.to_owned(),
        status: Stored(OrderStatus::AwaitingPayment),
        detail: Json(order.part.clone()),
        address: Json(StoredAddress::of(order.address)),
        stream_id: order.stream_id.map(str::to_owned),
        creator_id: creator_id.map(str::to_owned),
        payment_id: payment_id.to_owned(),
        payment_method: Json(method),
        created_at: order.at.to_string(),
    };
    let timeline = vec![StatusChange {
        status: OrderStatus::AwaitingPayment,
        at: order.at.to_string(),
    }];
    order_from(row, timeline)
}

async fn record_event(
    conn: &mut AnyConnection,
    order_id: &str,
    status: OrderStatus,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO order_events (order_id, status, at) VALUES ($1, $2, $3)")
        .bind(order_id)
        .bind(Stored(status))
        .bind(at.to_string())
        .execute(conn)
        .await
        .map(drop)
}

/// Writes a checkout's payment.
pub(crate) async fn insert_payment(
    conn: &mut AnyConnection,
    payment: &NewPayment<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO payments (id, checkout_id, method, amount, status, instructions, created_at,
                               expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(payment.id)
    .bind(payment.checkout_id)
    .bind(Json(payment.method))
    .bind(payment.amount)
    .bind(Stored(PaymentStatus::Pending))
    .bind(Json(payment.instructions))
    .bind(payment.at.to_string())
    .bind(payment.expires_at.to_string())
    .execute(conn)
    .await
    .map(drop)
}

/// Removes the variants just ordered from `user_id`'s cart; the first of
/// them the cart no longer holds, if any: another checkout took it out
/// (on PostgreSQL, after waiting for that checkout's commit).
pub(crate) async fn remove_from_cart<'a>(
    conn: &mut AnyConnection,
    user_id: i64,
    variant_ids: &[&'a str],
) -> Result<Option<&'a str>, sqlx::Error> {
    for variant_id in variant_ids {
        let done = sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND variant_id = $2")
            .bind(user_id)
            .bind(variant_id)
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(Some(variant_id));
        }
    }
    Ok(None)
}

/// Moves order `order_id` from `from` to `to` and records the step; `false`
/// when the order was not in `from` (someone moved it first).
pub(crate) async fn transition(
    conn: &mut AnyConnection,
    order_id: &str,
    from: OrderStatus,
    to: OrderStatus,
    at: Timestamp,
) -> Result<bool, sqlx::Error> {
    debug_assert!(from.can_become(to), "{from:?} → {to:?}");
    let done = sqlx::query("UPDATE orders SET status = $1 WHERE id = $2 AND status = $3")
        .bind(Stored(to))
        .bind(order_id)
        .bind(Stored(from))
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    record_event(conn, order_id, to, at).await?;
    Ok(true)
}

/// Ends unpaid checkout `checkout_id`: its orders awaiting payment move to
/// `status` (cancelled or expired), its pending payment to `payment`, and
/// their stock, voucher quota and live voucher claims come back (deal
/// units to their deal while it runs, [`super::deals::reclaim`]). `false`
/// when the payment was no longer pending (paid, or already ended).
pub(crate) async fn release_checkout(
    conn: &mut AnyConnection,
    checkout_id: &str,
    status: OrderStatus,
    payment: PaymentStatus,
    at: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE payments SET status = $1 WHERE checkout_id = $2 AND status = $3")
            .bind(Stored(payment))
            .bind(checkout_id)
            .bind(Stored(PaymentStatus::Pending))
            .execute(&mut *conn)
            .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    // The payment was pending, so every order of the checkout awaits it:
    // each query below moves all of them at once, whatever their number.
    sqlx::query(
        "INSERT INTO order_events (order_id, status, at)
         SELECT id, $3, $4 FROM orders WHERE checkout_id = $1 AND status = $2 ORDER BY id",
    )
    .bind(checkout_id)
    .bind(Stored(OrderStatus::AwaitingPayment))
    .bind(Stored(status))
    .bind(at.to_string())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE orders SET status = $3 WHERE checkout_id = $1 AND status = $2")
        .bind(checkout_id)
        .bind(Stored(OrderStatus::AwaitingPayment))
        .bind(Stored(status))
        .execute(&mut *conn)
        .await?;
    // Units of each variant the checkout held, back in stock and out of
    // the products' sold counts.
    const HELD: &str = "SELECT i.variant_id, SUM(i.quantity) AS units
                          FROM order_items i JOIN orders o ON o.id = i.order_id
                         WHERE o.checkout_id = $1
                         GROUP BY i.variant_id";
    sqlx::query(&format!(
        "UPDATE variants SET stock = stock + (SELECT h.units FROM ({HELD}) h
                                               WHERE h.variant_id = variants.id)
          WHERE id IN (SELECT h.variant_id FROM ({HELD}) h)"
    ))
    .bind(checkout_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE products
            SET sold_count = CASE WHEN sold_count > s.units THEN sold_count - s.units ELSE 0 END
           FROM (SELECT v.product_id, SUM(h.units) AS units
                   FROM ({HELD}) h JOIN variants v ON v.id = h.variant_id
                  GROUP BY v.product_id) s
          WHERE products.id = s.product_id"
    ))
    .bind(checkout_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE vouchers SET used = used - 1
          WHERE used > 0 AND code IN (SELECT code FROM checkout_vouchers WHERE checkout_id = $1)",
    )
    .bind(checkout_id)
    .execute(&mut *conn)
    .await?;
    super::deals::reclaim(&mut *conn, checkout_id, at).await?;
    super::live_vouchers::release_claims(conn, checkout_id).await?;
    Ok(true)
}

/// Checkouts whose payment is pending and due at `now`.
pub(crate) async fn due_checkouts(
    conn: &mut AnyConnection,
    now: Timestamp,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT checkout_id FROM payments WHERE status = $1 AND expires_at <= $2
          ORDER BY expires_at LIMIT 100",
    )
    .bind(Stored(PaymentStatus::Pending))
    .bind(now.to_string())
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: String,
    checkout_id: String,
    status: Stored<OrderStatus>,
    detail: Json<ShopQuote>,
    address: Json<StoredAddress>,
    stream_id: Option<String>,
    creator_id: Option<String>,
    payment_id: String,
    payment_method: Json<PaymentMethod>,
    created_at: String,
}

const ORDER_SELECT: &str = "SELECT o.id, o.checkout_id, o.status, o.detail, o.address,
        c.stream_id, c.creator_id, p.id AS payment_id, p.method AS payment_method, o.created_at
   FROM orders o
   JOIN checkouts c ON c.id = o.checkout_id
   JOIN payments p ON p.checkout_id = o.checkout_id";

/// Which orders to read: each is one `WHERE … ORDER BY … LIMIT` of `orders o`.
enum Orders<'a> {
    /// One order, when it is the user's.
    One { user_id: i64, order_id: &'a str },
    /// A user's newest orders, at most `limit`.
    Newest { user_id: i64, limit: u32 },
}

impl Orders<'_> {
    /// The clause choosing the orders, on `orders o`, with `$1`, `$2`.
    fn clause(&self) -> &'static str {
        match self {
            Orders::One { .. } => "WHERE o.id = $1 AND o.user_id = $2",
            Orders::Newest { .. } => {
                "WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.rowid DESC LIMIT $2"
            }
        }
    }

    /// `query` with the clause's values bound.
    fn bind<'q, O>(
        &self,
        query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        match *self {
            Orders::One { user_id, order_id } => query.bind(order_id.to_owned()).bind(user_id),
            Orders::Newest { user_id, limit } => query.bind(user_id).bind(i64::from(limit)),
        }
    }
}

/// The orders `which` chooses, each with its timeline: two queries, however
/// many orders.
async fn read_orders(
    conn: &mut AnyConnection,
    which: Orders<'_>,
) -> Result<Vec<Order<SavedAddress>>, sqlx::Error> {
    let clause = which.clause();
    let rows: Vec<OrderRow> = which
        .bind(sqlx::query_as(&format!("{ORDER_SELECT} {clause}")))
        .fetch_all(&mut *conn)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let events: Vec<(String, Stored<OrderStatus>, String)> = which
        .bind(sqlx::query_as(&format!(
            "SELECT e.order_id, e.status, e.at FROM order_events e
              WHERE e.order_id IN (SELECT o.id FROM orders o {clause})
              ORDER BY e.id"
        )))
        .fetch_all(&mut *conn)
        .await?;
    let mut timelines: HashMap<String, Vec<StatusChange>> = HashMap::new();
    for (order_id, status, at) in events {
        timelines.entry(order_id).or_default().push(StatusChange {
            status: status.0,
            at,
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let timeline = timelines.remove(&row.id).unwrap_or_default();
            order_from(row, timeline)
        })
        .collect())
}

/// The order of `row`, with its `timeline`.
fn order_from(row: OrderRow, timeline: Vec<StatusChange>) -> Order<SavedAddress> {
    let part = row.detail.0;
    let insurance = if part.insured {
        part.insurance_fee
    } else {
        etalase_contract::Rupiah::ZERO
    };
    Order {
        status: row.status.0,
        timeline,
        id: row.id,
        checkout_id: row.checkout_id,
        shop: part.shop,
        items: part.items,
        address: row.address.0.into(),
        insured: part.insured,
        subtotal: part.subtotal,
        shipping_cost: part.shipping.price,
        shipping: part.shipping,
        insurance,
        discount: part.shop_discount + part.platform_discount + part.shipping_discount,
        total: part.total,
        stream_id: row.stream_id,
        creator_id: row.creator_id,
        payment_id: row.payment_id,
        payment_method: row.payment_method.0,
        created_at: row.created_at,
    }
}

/// Order `order_id`, when it is `user_id`'s.
pub(crate) async fn read_order(
    conn: &mut AnyConnection,
    user_id: i64,
    order_id: &str,
) -> Result<Option<Order<SavedAddress>>, sqlx::Error> {
    let orders = read_orders(conn, Orders::One { user_id, order_id }).await?;
    Ok(orders.into_iter().next())
}

/// `user_id`'s orders, newest first, at most `limit`.
pub(crate) async fn user_orders(
    conn: &mut AnyConnection,
    user_id: i64,
    limit: u32,
) -> Result<Vec<Order<SavedAddress>>, sqlx::Error> {
    read_orders(conn, Orders::Newest { user_id, limit }).await
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: String,
    status: Stored<PaymentStatus>,
    method: Json<PaymentMethod>,
    amount: i64,
    instructions: Json<PaymentInstructions>,
    expires_at: String,
    paid_at: Option<String>,
}

/// The payment of checkout `checkout_id`.
pub(crate) async fn checkout_payment(
    conn: &mut AnyConnection,
    checkout_id: &str,
) -> Result<Payment, sqlx::Error> {
    let row: PaymentRow = sqlx::query_as(
        "SELECT id, status, method, amount, instructions, expires_at, paid_at
           FROM payments WHERE checkout_id = $1",
    )
    .bind(checkout_id)
    .fetch_one(conn)
    .await?;
    Ok(Payment {
        status: row.status.0,
        id: row.id,
        method: row.method.0,
        amount: etalase_contract::Rupiah(row.amount),
        instructions: row.instructions.0,
        expires_at: row.expires_at,
        paid_at: row.paid_at,
    })
}

/// The checkout of order `order_id` and the order's status, when it is
/// `user_id`'s.
pub(crate) async fn order_checkout(
    conn: &mut AnyConnection,
    user_id: i64,
    order_id: &str,
) -> Result<Option<(String, OrderStatus)>, sqlx::Error> {
    let row: Option<(String, Stored<OrderStatus>)> =
        sqlx::query_as("SELECT checkout_id, status FROM orders WHERE id = $1 AND user_id = $2")
            .bind(order_id)
            .bind(user_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(checkout, status)| (checkout, status.0)))
}
