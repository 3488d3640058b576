//! The creator's catalogue search: listed products by words of their name,
//! shop, price range and stock, a page at a time, best sellers first.

use etalase_contract::{CatalogueProduct, ProductPage, Rupiah, ShopSummary};
use sqlx::{QueryBuilder, Sqlite};

use super::Store;
use crate::art;

/// What to search for; checked at the boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductSearch {
    /// Every word must appear in the name (case-insensitive for ASCII).
    pub words: Vec<String>,
    /// Only this shop's products.
    pub shop_id: Option<String>,
    /// The lowest card price, in rupiah.
    pub min_price: Option<i64>,
    /// The highest card price, in rupiah.
    pub max_price: Option<i64>,
    /// Only products with units in stock.
    pub in_stock: bool,
    /// The page, from 1.
    pub page: u32,
    /// Products per page.
    pub per_page: u32,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    sold_count: u32,
    commission_bp: u32,
    shop_id: String,
    shop_name: String,
    shop_city: String,
    price: i64,
    original_price: Option<i64>,
    stock: u32,
}

/// `FROM (…) cards WHERE …`: the listed products as cards (priced as in a
/// showcase: the cheapest variant in stock, or the cheapest), filtered.
fn push_matches<'a>(query: &mut QueryBuilder<'a, Sqlite>, search: &'a ProductSearch) {
    query.push(
        " FROM (SELECT p.id, p.name, p.sold_count, p.commission_bp, p.shop_id,
                       sh.name AS shop_name, sh.city AS shop_city,
                       headline.price, headline.original_price,
                       (SELECT SUM(v.stock) FROM variants v WHERE v.product_id = p.id) AS stock
                  FROM listed_products p
                  JOIN shops sh ON sh.id = p.shop_id
                  JOIN variants headline ON headline.id = (
                       SELECT v.id FROM variants v
                        WHERE v.product_id = p.id
                        ORDER BY v.stock > 0 DESC, v.price, v.position
                        LIMIT 1)) cards
          WHERE 1 = 1",
    );
    for word in &search.words {
        query
            .push(" AND name LIKE ")
            .push_bind(like_pattern(word))
            .push(" ESCAPE '\\'");
    }
    if let Some(shop_id) = &search.shop_id {
        query.push(" AND shop_id = ").push_bind(shop_id);
    }
    if let Some(min) = search.min_price {
        query.push(" AND price >= ").push_bind(min);
    }
    if let Some(max) = search.max_price {
        query.push(" AND price <= ").push_bind(max);
    }
    if search.in_stock {
        query.push(" AND stock > 0");
    }
}

/// `%word%`, with `%`, `_` and `\` in `word` matched literally.
fn like_pattern(word: &str) -> String {
    let mut pattern = String::from("%");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Store {
    /// The page of listed products `search` asks for, best sellers first,
    /// with how many match in all.
    pub async fn search_products(
        &self,
        search: &ProductSearch,
    ) -> Result<ProductPage, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let mut count = QueryBuilder::new("SELECT COUNT(*)");
        push_matches(&mut count, search);
        let total: u32 = count.build_query_scalar().fetch_one(&mut *tx).await?;
        let mut page = QueryBuilder::new("SELECT *");
        push_matches(&mut page, search);
        page.push(" ORDER BY sold_count DESC, id LIMIT ")
            .push_bind(search.per_page)
            .push(" OFFSET ")
            .push_bind(i64::from(search.page - 1) * i64::from(search.per_page));
        let rows: Vec<Row> = page.build_query_as().fetch_all(&mut *tx).await?;
        tx.commit().await?;
        let products = rows
            .into_iter()
            .map(|row| CatalogueProduct {
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
                commission_bp: row.commission_bp,
            })
            .collect();
        Ok(ProductPage {
            products,
            total,
            page: search.page,
            per_page: search.per_page,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_match_wildcards_literally() {
        assert_eq!(like_pattern("batik"), "%batik%");
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
