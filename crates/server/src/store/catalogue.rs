//! Catalogue reads: the stream list, a stream's showcase, a product's detail
//! and what its illustrations are drawn from.
//!
//! Shoppers only ever see listed products: every query reads them through the
//! `listed_products` view. Reads of more than one statement run in one
//! transaction, so they see one snapshot of the database.

use crate::store::{Json, Stored};
use etalase_contract::{
    CatalogueProduct, CreatorStream, CreatorStreamList, CreatorSummary, ProductCard, ProductDetail,
    ProductOption, Rupiah, ShopSummary, Showcase, StreamKind, StreamList, StreamSummary,
    UpcomingStream, UpcomingStreamList, Variant,
};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow};

use super::Store;
use crate::art::{self, Category, ProductArt};
use crate::time::Timestamp;

#[derive(sqlx::FromRow)]
struct StreamRow {
    id: String,
    title: String,
    kind: Stored<StreamKind>,
    creator_id: String,
    creator_name: String,
    #[sqlx(try_from = "i64")]
    product_count: u32,
    pinned_product_id: Option<String>,
    scheduled_for: Option<String>,
}

impl StreamRow {
    /// The stream as lists show it, and the start it was scheduled for.
    fn split(self) -> (StreamSummary, Option<String>) {
        let summary = StreamSummary {
            id: self.id,
            title: self.title,
            kind: self.kind.0,
            creator: CreatorSummary {
                id: self.creator_id,
                name: self.creator_name,
            },
            product_count: self.product_count,
            pinned_product_id: self.pinned_product_id,
        };
        (summary, self.scheduled_for)
    }
}

/// `$card` (`ProductCard` or `CatalogueProduct`) from `CardRow` `$row`:
/// the fields every card has, said once, and `$extra`, fields of the same
/// names set beforehand.
macro_rules! card {
    ($card:ident, $row:expr, $($extra:ident),+) => {{
        let row: CardRow = $row;
        $card {
            image_url: art::image_path(&row.id, 1),
            id: row.id,
            name: row.name,
            price: Rupiah(row.price),
            original_price: row.original_price.map(Rupiah),
            shop: ShopSummary {
                id: row.shop_id,
                name: row.shop_name,
                city: row.shop_city,
            },
            sold_count: row.sold_count,
            stock: row.stock,
            $($extra,)+
        }
    }};
}

/// A row of the `product_cards` view: a listed product's card, as the
/// showcase and the creator's search read it.
#[derive(sqlx::FromRow)]
pub(super) struct CardRow {
    id: String,
    name: String,
    #[sqlx(try_from = "i64")]
    sold_count: u32,
    #[sqlx(try_from = "i64")]
    commission_bp: u32,
    shop_id: String,
    shop_name: String,
    shop_city: String,
    price: i64,
    original_price: Option<i64>,
    #[sqlx(try_from = "i64")]
    stock: u32,
}

/// A card of a stream's showcase: its [`CardRow`] and the units of the
/// stream's flash deals not yet over that hold its stock.
#[derive(sqlx::FromRow)]
struct ShowcaseRow {
    #[sqlx(flatten)]
    card: CardRow,
    #[sqlx(try_from = "i64")]
    deal_units: u32,
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: String,
    name: String,
    description: String,
    #[sqlx(try_from = "i64")]
    image_count: u8,
    #[sqlx(try_from = "i64")]
    sold_count: u32,
    shop_id: String,
    shop_name: String,
    shop_city: String,
}

#[derive(sqlx::FromRow)]
struct OptionRow {
    name: String,
    choices: Json<Vec<String>>,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: String,
    option_values: Json<Vec<String>>,
    price: i64,
    original_price: Option<i64>,
    #[sqlx(try_from = "i64")]
    stock: u32,
    #[sqlx(try_from = "i64")]
    weight_grams: u32,
}

impl Store {
    /// Every stream and video, live ones first, the most recent first within
    /// each kind; a stream scheduled to start later is not among them until
    /// it starts.
    pub async fn streams(&self) -> Result<StreamList, sqlx::Error> {
        let rows = self.stream_rows(None).await?;
        let streams = rows.into_iter().map(|row| row.split().0).collect();
        Ok(StreamList { streams })
    }

    /// The streams and videos of the creator user `user_id` runs, in the
    /// same order, scheduled ones included, each with its scheduled start;
    /// none when it runs no creator.
    pub async fn creator_streams(&self, user_id: i64) -> Result<CreatorStreamList, sqlx::Error> {
        let rows = self.stream_rows(Some(user_id)).await?;
        let streams = rows
            .into_iter()
            .map(|row| {
                let (stream, starts_at) = row.split();
                CreatorStream { stream, starts_at }
            })
            .collect();
        Ok(CreatorStreamList { streams })
    }

    /// Every stream, or only those of the creator `user_id` runs.
    async fn stream_rows(&self, user_id: Option<i64>) -> Result<Vec<StreamRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT s.id, s.title, s.kind, c.id AS creator_id, c.name AS creator_name,
                    (SELECT COUNT(*) FROM stream_products sp
                       JOIN listed_products p ON p.id = sp.product_id
                      WHERE sp.stream_id = s.id) AS product_count,
                    (SELECT p.id FROM listed_products p
                      WHERE p.id = s.pinned_product_id) AS pinned_product_id,
                    s.scheduled_for
               FROM streams s
               JOIN creators c ON c.id = s.creator_id
              WHERE ($1 IS NULL OR c.user_id = $1)
                AND ($1 IS NOT NULL OR s.scheduled_for IS NULL OR s.scheduled_for <= $3)
              ORDER BY s.kind = $2 DESC, s.started_at DESC, s.id",
        )
        .bind(user_id)
        .bind(Stored(StreamKind::Live))
        .bind(Timestamp::now().to_string())
        .fetch_all(&self.pool)
        .await
    }

    /// The live streams scheduled to start after `now`, soonest first.
    pub async fn upcoming_streams(
        &self,
        now: Timestamp,
    ) -> Result<UpcomingStreamList, sqlx::Error> {
        let rows: Vec<(String, String, String, String, i64, String)> = sqlx::query_as(
            "SELECT s.id, s.title, c.id, c.name,
                    (SELECT COUNT(*) FROM stream_products sp
                       JOIN listed_products p ON p.id = sp.product_id
                      WHERE sp.stream_id = s.id),
                    s.scheduled_for
               FROM streams s
               JOIN creators c ON c.id = s.creator_id
              WHERE s.scheduled_for > $1
              ORDER BY s.scheduled_for, s.id",
        )
        .bind(now.to_string())
        .fetch_all(&self.pool)
        .await?;
        let streams = rows
            .into_iter()
            .map(|(id, title, creator_id, creator_name, count, starts_at)| {
                let starts = Timestamp::parse(&starts_at).unwrap_or(now);
                Ok(UpcomingStream {
                    id,
                    title,
                    creator: CreatorSummary {
                        id: creator_id,
                        name: creator_name,
                    },
                    product_count: super::narrow(count)?,
                    starts_at,
                    seconds_until_start: u32::try_from(now.until(starts).as_secs())
                        .unwrap_or(u32::MAX),
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(UpcomingStreamList { streams })
    }

    /// The showcase of stream `stream_id` in the creator's order, or `None`
    /// when there is no such stream.
    ///
    /// A card's price is that of its cheapest variant in stock (of its
    /// cheapest variant when none is), with that variant's original price;
    /// its `deal_units` count the units left in the stream's deals on it
    /// not yet ended (a sold-out one has none left).
    pub async fn showcase(&self, stream_id: &str) -> Result<Option<Showcase>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let read = with_pinned_product::<ShowcaseRow>(
            &mut tx,
            stream_id,
            "SELECT c.id, c.name, c.sold_count, c.commission_bp, c.shop_id, c.shop_name,
                    c.shop_city, c.price, c.original_price, c.stock,
                    CAST(COALESCE((SELECT SUM(d.units_left) FROM flash_deals d
                                    WHERE d.stream_id = sp.stream_id AND d.product_id = c.id
                                      AND d.ended_at IS NULL), 0) AS BIGINT) AS deal_units
               FROM stream_products sp
               JOIN product_cards c ON c.id = sp.product_id
              WHERE sp.stream_id = $1
              ORDER BY sp.position",
        )
        .await?;
        tx.commit().await?;
        let Some((pinned_product_id, rows)) = read else {
            return Ok(None);
        };
        let products = rows
            .into_iter()
            .map(|ShowcaseRow { card, deal_units }| {
                let pinned = pinned_product_id.as_deref() == Some(card.id.as_str());
                card!(ProductCard, card, pinned, deal_units)
            })
            .collect();
        Ok(Some(Showcase {
            stream_id: stream_id.to_owned(),
            pinned_product_id,
            products,
        }))
    }

    /// The detail of listed product `product_id`, or `None` when there is no
    /// such listed product. Options come in position order and variants in
    /// option order.
    pub async fn product(&self, product_id: &str) -> Result<Option<ProductDetail>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let product: Option<ProductRow> = sqlx::query_as(
            "SELECT p.id, p.name, p.description, p.image_count, p.sold_count,
                    s.id AS shop_id, s.name AS shop_name, s.city AS shop_city
               FROM listed_products p
               JOIN shops s ON s.id = p.shop_id
              WHERE p.id = $1",
        )
        .bind(product_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(product) = product else {
            return Ok(None);
        };
        let options: Vec<OptionRow> = sqlx::query_as(
            "SELECT name, choices FROM product_options WHERE product_id = $1 ORDER BY position",
        )
        .bind(product_id)
        .fetch_all(&mut *tx)
        .await?;
        let variants: Vec<VariantRow> = sqlx::query_as(
            "SELECT id, option_values, price, original_price, stock, weight_grams
               FROM variants WHERE product_id = $1 ORDER BY position",
        )
        .bind(product_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(ProductDetail {
            image_urls: art::image_paths(&product.id, product.image_count),
            id: product.id,
            name: product.name,
            description: product.description,
            shop: ShopSummary {
                id: product.shop_id,
                name: product.shop_name,
                city: product.shop_city,
            },
            sold_count: product.sold_count,
            options: options
                .into_iter()
                .map(|option| ProductOption {
                    name: option.name,
                    values: option.choices.0,
                })
                .collect(),
            variants: variants
                .into_iter()
                .map(|variant| Variant {
                    id: variant.id,
                    option_values: variant.option_values.0,
                    price: Rupiah(variant.price),
                    original_price: variant.original_price.map(Rupiah),
                    stock: variant.stock,
                    weight_grams: variant.weight_grams,
                })
                .collect(),
        }))
    }

    /// Whether stream `stream_id` is live or a video; `None` when there is
    /// no such stream.
    pub async fn stream_kind(&self, stream_id: &str) -> Result<Option<StreamKind>, sqlx::Error> {
        stream_kind(&mut *self.pool.acquire().await?, stream_id).await
    }

    /// What listed product `product_id`'s illustrations are drawn from, or
    /// `None` when there is no such listed product.
    pub(crate) async fn product_art(
        &self,
        product_id: &str,
    ) -> Result<Option<ProductArt>, sqlx::Error> {
        let row: Option<ArtRow> = sqlx::query_as(
            "SELECT name, category, hue, image_count FROM listed_products WHERE id = $1",
        )
        .bind(product_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| ProductArt {
            name: row.name,
            category: row.category.0,
            hue: row.hue,
            image_count: row.image_count,
        }))
    }
}

/// A product's [`ProductArt`], as read.
#[derive(sqlx::FromRow)]
struct ArtRow {
    name: String,
    category: Stored<Category>,
    #[sqlx(try_from = "i64")]
    hue: u16,
    #[sqlx(try_from = "i64")]
    image_count: u8,
}

/// The product pinned in stream `stream_id`, shown only while it is listed:
/// `None` when there is no such stream, `Some(None)` when nothing listed is
/// pinned.
pub(super) async fn pinned_product(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<Option<Option<String>>, sqlx::Error> {
    let stream: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT (SELECT p.id FROM listed_products p WHERE p.id = s.pinned_product_id)
           FROM streams s WHERE s.id = $1",
    )
    .bind(stream_id)
    .fetch_optional(conn)
    .await?;
    Ok(stream.map(|(pinned,)| pinned))
}

/// Stream `stream_id`'s pinned product (as [`pinned_product`] reads it) and
/// the rows `sql` reads for the stream (`$1`: its id), both on `conn`;
/// `None` when there is no such stream.
pub(super) async fn with_pinned_product<R>(
    conn: &mut AnyConnection,
    stream_id: &str,
    sql: &str,
) -> Result<Option<(Option<String>, Vec<R>)>, sqlx::Error>
where
    R: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let Some(pinned) = pinned_product(conn, stream_id).await? else {
        return Ok(None);
    };
    let rows = sqlx::query_as(sql)
        .bind(stream_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Some((pinned, rows)))
}

impl From<CardRow> for CatalogueProduct {
    fn from(row: CardRow) -> Self {
        let commission_bp = row.commission_bp;
        card!(CatalogueProduct, row, commission_bp)
    }
}

/// Whether stream `stream_id` is live or a video, as `conn` sees it; `None`
/// when there is no such stream.
pub(crate) async fn stream_kind(
    conn: &mut AnyConnection,
    stream_id: &str,
) -> Result<Option<StreamKind>, sqlx::Error> {
    let kind: Option<Stored<StreamKind>> =
        sqlx::query_scalar("SELECT kind FROM streams WHERE id = $1")
            .bind(stream_id)
            .fetch_optional(conn)
            .await?;
    Ok(kind.map(|kind| kind.0))
}
