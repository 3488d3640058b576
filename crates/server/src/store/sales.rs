//! What a stream sold: its paid orders' lines attributed to it, summed per
//! product, with its unpaid orders apart and what its live vouchers cost.
//!
//! An order counts once it is paid and for as long as it goes on (paid,
//! processing, shipped, delivered, completed); orders awaiting payment are
//! counted apart, cancelled and expired orders not at all. A line counts only when it is attributed to
//! the checkout's stream (`order_items.attributed`: added to the cart from
//! that stream while its showcase held the product); the others of the
//! same checkout are no sale of the stream's (decision 0021).

use std::sync::LazyLock;

use etalase_contract::{
    FeedEvent, OrderStatus, ProductSales, Rupiah, ShopQuote, StreamEvent, StreamSales,
};
use sqlx::AnyConnection;

use super::Json;

/// The statuses of orders that count as sold, as an SQL list:
/// `('paid', …)`, made from their wire names.
static SOLD: LazyLock<String> = LazyLock::new(|| {
    let names: Vec<String> = [
        OrderStatus::Paid,
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
    ]
    .iter()
    .map(|status| format!("'{}'", status.as_str()))
    .collect();
    format!("({})", names.join(", "))
});

#[derive(sqlx::FromRow)]
struct ProductRow {
    product_id: String,
    product_name: String,
    #[sqlx(try_from = "i64")]
    orders: u32,
    #[sqlx(try_from = "i64")]
    units: u32,
    gmv: i64,
    commission: i64,
}

/// The sales of stream `stream_id`, read on `conn` (one snapshot when it is
/// a transaction).
pub(crate) async fn stream_sales(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<StreamSales, sqlx::Error> {
    let sold = &*SOLD;
    // Each line's commission is rounded down on its own: integer division
    // of non-negative integers.
    let rows: Vec<ProductRow> = sqlx::query_as(&format!(
        "SELECT p.id AS product_id, p.name AS product_name,
                COUNT(DISTINCT o.id) AS orders,
                CAST(SUM(i.quantity) AS BIGINT) AS units,
                CAST(SUM(i.price * i.quantity) AS BIGINT) AS gmv,
                CAST(SUM(i.price * i.quantity * i.commission_bp / 10000) AS BIGINT) AS commission
           FROM checkouts c
           JOIN orders o ON o.checkout_id = c.id
           JOIN order_items i ON i.order_id = o.id
           JOIN variants v ON v.id = i.variant_id
           JOIN products p ON p.id = v.product_id
          WHERE c.stream_id = $1 AND o.status IN {sold} AND i.attributed = 1
          GROUP BY p.id
          ORDER BY gmv DESC, p.id"
    ))
    .bind(stream_id)
    .fetch_all(&mut *conn)
    .await?;
    let orders: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(DISTINCT o.id)
           FROM checkouts c
           JOIN orders o ON o.checkout_id = c.id
           JOIN order_items i ON i.order_id = o.id
          WHERE c.stream_id = $1 AND o.status IN {sold} AND i.attributed = 1"
    ))
    .bind(stream_id)
    .fetch_one(&mut *conn)
    .await?;
    let seconds: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT v.product_id, i.playback_second
           FROM checkouts c
           JOIN orders o ON o.checkout_id = c.id
           JOIN order_items i ON i.order_id = o.id
           JOIN variants v ON v.id = i.variant_id
          WHERE c.stream_id = $1 AND o.status IN {sold} AND i.attributed = 1
            AND i.playback_second IS NOT NULL
          ORDER BY v.product_id, i.playback_second"
    ))
    .bind(stream_id)
    .fetch_all(&mut *conn)
    .await?;
    let rates = latest_rates(&mut *conn, stream_id).await?;
    let (unpaid_orders, unpaid_gmv) = unpaid(&mut *conn, stream_id).await?;
    let mut sales = StreamSales {
        stream_id: stream_id.to_owned(),
        orders: super::narrow(orders)?,
        units: 0,
        gmv: Rupiah::ZERO,
        commission: Rupiah::ZERO,
        voucher_cost: voucher_cost(&mut *conn, stream_id).await?,
        unpaid_orders,
        unpaid_gmv,
        products: Vec::with_capacity(rows.len()),
    };
    for row in rows {
        let opened: Vec<u32> = seconds
            .iter()
            .filter(|(product_id, _)| *product_id == row.product_id)
            .map(|(_, second)| super::narrow(*second))
            .collect::<Result<_, _>>()?;
        let commission_bp = rates
            .iter()
            .find(|(product_id, _)| *product_id == row.product_id)
            .map_or(Ok(0), |(_, bp)| super::narrow(*bp))?;
        sales.units = sales.units.saturating_add(row.units);
        sales.gmv = sales.gmv + Rupiah(row.gmv);
        sales.commission = sales.commission + Rupiah(row.commission);
        sales.products.push(ProductSales {
            product_id: row.product_id,
            product_name: row.product_name,
            orders: row.orders,
            units: row.units,
            gmv: Rupiah(row.gmv),
            commission: Rupiah(row.commission),
            commission_bp,
            median_playback_second: median(&opened),
        });
    }
    Ok(sales)
}

/// A [`StreamEvent::Sales`] for each stream that checkouts `checkout_ids`
/// were bought from, once per stream, as (stream id, event): their paying
/// or ending changed what the stream sold.
pub(crate) async fn sales_events(
    conn: &mut AnyConnection,
    checkout_ids: &[String],
) -> Result<Vec<(String, FeedEvent)>, sqlx::Error> {
    let mut streams: Vec<String> = Vec::new();
    for checkout_id in checkout_ids {
        let stream: Option<String> = sqlx::query_scalar(
            "SELECT stream_id FROM checkouts WHERE id = $1 AND stream_id IS NOT NULL",
        )
        .bind(checkout_id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(stream) = stream.filter(|stream| !streams.contains(stream)) {
            streams.push(stream);
        }
    }
    Ok(streams
        .into_iter()
        .map(|stream| (stream, StreamEvent::Sales.into()))
        .collect())
}

/// Each sold product's commission rate on its latest attributed line, in
/// basis points, newest line first.
async fn latest_rates(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sold = &*SOLD;
    let lines: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT v.product_id, i.commission_bp
           FROM checkouts c
           JOIN orders o ON o.checkout_id = c.id
           JOIN order_items i ON i.order_id = o.id
           JOIN variants v ON v.id = i.variant_id
          WHERE c.stream_id = $1 AND o.status IN {sold} AND i.attributed = 1
          ORDER BY o.created_at DESC, o.id DESC"
    ))
    .bind(stream_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut latest: Vec<(String, i64)> = Vec::new();
    for (product_id, bp) in lines {
        if !latest.iter().any(|(known, _)| *known == product_id) {
            latest.push((product_id, bp));
        }
    }
    Ok(latest)
}

/// The stream's orders awaiting payment with a line attributed to it, and
/// the value of those lines.
async fn unpaid(conn: &mut AnyConnection, stream_id: &str) -> Result<(u32, Rupiah), sqlx::Error> {
    let (orders, value): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(DISTINCT o.id),
                CAST(COALESCE(SUM(i.price * i.quantity), 0) AS BIGINT)
           FROM checkouts c
           JOIN orders o ON o.checkout_id = c.id
           JOIN order_items i ON i.order_id = o.id
          WHERE c.stream_id = $1 AND o.status = '{}' AND i.attributed = 1",
        OrderStatus::AwaitingPayment.as_str()
    ))
    .bind(stream_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((super::narrow(orders)?, Rupiah(value)))
}

/// What the live vouchers dropped on stream `stream_id` took off paid
/// orders: each such order's share of its checkout's platform voucher (a
/// checkout uses one at most, and a live voucher is one).
async fn voucher_cost(conn: &mut AnyConnection, stream_id: &str) -> Result<Rupiah, sqlx::Error> {
    let sold = &*SOLD;
    let details: Vec<Json<ShopQuote>> = sqlx::query_scalar(&format!(
        "SELECT o.detail
           FROM live_vouchers lv
           JOIN checkout_vouchers cv ON cv.code = lv.code
           JOIN orders o ON o.checkout_id = cv.checkout_id
          WHERE lv.stream_id = $1 AND o.status IN {sold}"
    ))
    .bind(stream_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(details.iter().fold(Rupiah::ZERO, |cost, Json(detail)| {
        cost + detail.platform_discount
    }))
}

/// The median of `sorted` (the lower of the middle two for an even count);
/// `None` when empty.
fn median(sorted: &[u32]) -> Option<u32> {
    let middle = sorted.len().checked_sub(1)? / 2;
    sorted.get(middle).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_lower_middle() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7));
        assert_eq!(median(&[3, 9]), Some(3));
        assert_eq!(median(&[1, 4, 30]), Some(4));
    }
}
