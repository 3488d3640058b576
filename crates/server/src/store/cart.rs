//! The shopper's cart: lines of variants, shown with live price and stock.

use crate::store::Json;
use etalase_contract::{Cart, CartItem, CartShop, Rupiah, ShopSummary};
use sqlx::AnyConnection;

use super::Store;
use crate::art;
use crate::time::Timestamp;

/// Where a cart line's product was opened: the stream it is attributed to,
/// when that stream showed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSource<'a> {
    /// The stream or video.
    pub stream_id: &'a str,
    /// For a video, the second of playback.
    pub playback_second: Option<u32>,
}

/// A variant a shopper may put in a cart: listed, with its stock now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buyable {
    /// Units in stock now.
    pub stock: u32,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: String,
    product_id: String,
    product_name: String,
    option_values: Json<Vec<String>>,
    price: i64,
    original_price: Option<i64>,
    #[sqlx(try_from = "i64")]
    quantity: u32,
    #[sqlx(try_from = "i64")]
    stock: u32,
    #[sqlx(try_from = "i64")]
    weight_grams: u32,
    shop_id: String,
    shop_name: String,
    shop_city: String,
}

impl Store {
    /// The variant `variant_id`, when its product is listed.
    pub async fn buyable(&self, variant_id: &str) -> Result<Option<Buyable>, sqlx::Error> {
        let stock: Option<i64> = sqlx::query_scalar(
            "SELECT v.stock FROM variants v JOIN listed_products p ON p.id = v.product_id
              WHERE v.id = $1",
        )
        .bind(variant_id)
        .fetch_optional(&self.pool)
        .await?;
        stock
            .map(|stock| {
                Ok(Buyable {
                    stock: super::narrow(stock)?,
                })
            })
            .transpose()
    }

    /// How many lines `user_id`'s cart has besides the one of `variant_id`.
    pub async fn other_cart_lines(
        &self,
        user_id: i64,
        variant_id: &str,
    ) -> Result<u32, sqlx::Error> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM cart_items WHERE user_id = $1 AND variant_id <> $2",
        )
        .bind(user_id)
        .bind(variant_id)
        .fetch_one(&self.pool)
        .await?;
        super::narrow(count)
    }

    /// Sets the quantity of `variant_id` in `user_id`'s cart, adding the line
    /// when it is new (it keeps its place when it is not), and where its
    /// product was opened when `source` says.
    ///
    /// The line carries `source`'s stream (and second) only when the
    /// variant's product is in that stream's showcase at this moment: a
    /// stream is credited only with what it showed (decision 0021). Without
    /// a source, or with a stream not showing the product, the line keeps
    /// its own. The showcase is read in the same statement as the write.
    pub async fn set_cart_item(
        &self,
        user_id: i64,
        variant_id: &str,
        quantity: u32,
        source: Option<LineSource<'_>>,
    ) -> Result<(), sqlx::Error> {
        // SQLite needs a WHERE in an upsert's SELECT to parse it.
        sqlx::query(
            "INSERT INTO cart_items (user_id, variant_id, quantity, added_at, stream_id,
                                     playback_second)
             SELECT $1, $2, $3, $4, shown.stream_id,
                    CASE WHEN shown.stream_id IS NULL THEN NULL ELSE $6 END
               FROM (SELECT (SELECT sp.stream_id
                               FROM stream_products sp JOIN variants v ON v.product_id = sp.product_id
                              WHERE sp.stream_id = $5 AND v.id = $2) AS stream_id) shown
              WHERE TRUE
             ON CONFLICT (user_id, variant_id) DO UPDATE SET
                 quantity = excluded.quantity,
                 stream_id = CASE WHEN excluded.stream_id IS NULL THEN cart_items.stream_id
                                  ELSE excluded.stream_id END,
                 playback_second = CASE WHEN excluded.stream_id IS NULL
                                        THEN cart_items.playback_second
                                        ELSE excluded.playback_second END",
        )
        .bind(user_id)
        .bind(variant_id)
        .bind(i64::from(quantity))
        .bind(Timestamp::now().to_string())
        .bind(source.map(|source| source.stream_id))
        .bind(source.and_then(|source| source.playback_second).map(i64::from))
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Removes `variant_id` from `user_id`'s cart; `false` when it was not there.
    pub async fn remove_cart_item(
        &self,
        user_id: i64,
        variant_id: &str,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND variant_id = $2")
            .bind(user_id)
            .bind(variant_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// `user_id`'s cart, lines grouped by shop (shops by name, lines oldest first).
    pub async fn cart(&self, user_id: i64) -> Result<Cart, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        read_cart(&mut conn, user_id).await
    }
}

/// `user_id`'s cart read on `conn`, so a transaction sees its own snapshot.
pub(crate) async fn read_cart(conn: &mut AnyConnection, user_id: i64) -> Result<Cart, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(
        "SELECT v.id AS variant_id, p.id AS product_id, p.name AS product_name,
                v.option_values, v.price, v.original_price, c.quantity, v.stock,
                v.weight_grams, s.id AS shop_id, s.name AS shop_name, s.city AS shop_city
           FROM cart_items c
           JOIN variants v ON v.id = c.variant_id
           JOIN listed_products p ON p.id = v.product_id
           JOIN shops s ON s.id = p.shop_id
          WHERE c.user_id = $1
          ORDER BY s.name, s.id, c.added_at, v.id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(cart_of(rows))
}

/// A cart of one line, `quantity` units of `variant_id` at its price now,
/// as a deal's checkout prices it; empty when its product is not listed.
pub(crate) async fn read_variant_line(
    conn: &mut AnyConnection,
    variant_id: &str,
    quantity: u32,
) -> Result<Cart, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(
        "SELECT v.id AS variant_id, p.id AS product_id, p.name AS product_name,
                v.option_values, v.price, v.original_price, CAST($2 AS BIGINT) AS quantity, v.stock,
                v.weight_grams, s.id AS shop_id, s.name AS shop_name, s.city AS shop_city
           FROM variants v
           JOIN listed_products p ON p.id = v.product_id
           JOIN shops s ON s.id = p.shop_id
          WHERE v.id = $1",
    )
    .bind(variant_id)
    .bind(i64::from(quantity))
    .fetch_all(conn)
    .await?;
    Ok(cart_of(rows))
}

/// The cart of `rows`, lines grouped by shop in their order.
fn cart_of(rows: Vec<LineRow>) -> Cart {
    let mut cart = Cart::default();
    for row in rows {
        let price = Rupiah(row.price);
        let item = CartItem {
            image_url: art::image_path(&row.product_id, 1),
            variant_id: row.variant_id,
            product_id: row.product_id,
            product_name: row.product_name,
            option_values: row.option_values.0,
            price,
            original_price: row.original_price.map(Rupiah),
            quantity: row.quantity,
            stock: row.stock,
            weight_grams: row.weight_grams,
            line_total: price.times(row.quantity),
        };
        cart.item_count = cart.item_count.saturating_add(item.quantity);
        cart.subtotal = cart.subtotal + item.line_total;
        match cart.shops.last_mut() {
            Some(shop) if shop.shop.id == row.shop_id => {
                shop.subtotal = shop.subtotal + item.line_total;
                shop.items.push(item);
            }
            _ => cart.shops.push(CartShop {
                shop: ShopSummary {
                    id: row.shop_id,
                    name: row.shop_name,
                    city: row.shop_city,
                },
                subtotal: item.line_total,
                items: vec![item],
            }),
        }
    }
    cart
}
