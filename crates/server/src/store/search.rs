//! The creator's catalogue search: listed products by words of their name,
//! shop, price range and stock, a page at a time, best sellers first.

use etalase_contract::{CatalogueProduct, ProductPage};
use sqlx::any::{Any, AnyArguments};

use super::catalogue::CardRow;
use super::Store;

/// What to search for; checked at the boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductSearch {
    /// Every word must appear in the name (case-insensitive for ASCII).
    pub words: Vec<String>,
    /// Only the products of the shop with this id, or of the shops whose
    /// name holds every word of it (case-insensitive for ASCII).
    pub shop: Option<String>,
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

/// A value bound to a numbered parameter of a search.
enum Param {
    Text(String),
    Number(i64),
}

/// `FROM (…) cards WHERE …`: the listed products as cards (priced as in a
/// showcase: the cheapest variant in stock, or the cheapest), filtered,
/// with the values of its parameters `$1`, `$2`… in order.
fn matches(search: &ProductSearch) -> (String, Vec<Param>) {
    let mut sql = String::from(" FROM product_cards cards WHERE 1 = 1");
    let mut params = Vec::new();
    let mut push = |sql: &mut String, condition: &str, param: Param| {
        params.push(param);
        sql.push_str(&condition.replace('#', &format!("${}", params.len())));
    };
    for word in &search.words {
        push(
            &mut sql,
            " AND lower(name) LIKE lower(#) ESCAPE '\\'",
            Param::Text(like_pattern(word)),
        );
    }
    if let Some(shop) = &search.shop {
        push(&mut sql, " AND (shop_id = #", Param::Text(shop.clone()));
        let mut words = shop.split_whitespace().peekable();
        if words.peek().is_some() {
            sql.push_str(" OR (1 = 1");
            for word in words {
                push(
                    &mut sql,
                    " AND lower(shop_name) LIKE lower(#) ESCAPE '\\'",
                    Param::Text(like_pattern(word)),
                );
            }
            sql.push(')');
        }
        sql.push(')');
    }
    if let Some(min) = search.min_price {
        push(&mut sql, " AND price >= #", Param::Number(min));
    }
    if let Some(max) = search.max_price {
        push(&mut sql, " AND price <= #", Param::Number(max));
    }
    if search.in_stock {
        sql.push_str(" AND stock > 0");
    }
    (sql, params)
}

/// `query` with `params` bound in order.
fn bind_all<'q, O>(
    mut query: sqlx::query::QueryAs<'q, Any, O, AnyArguments<'q>>,
    params: &'q [Param],
) -> sqlx::query::QueryAs<'q, Any, O, AnyArguments<'q>> {
    for param in params {
        query = match param {
            Param::Text(text) => query.bind(text.as_str()),
            Param::Number(n) => query.bind(*n),
        };
    }
    query
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
        let (matching, params) = matches(search);
        let count_sql = format!("SELECT COUNT(*){matching}");
        let (total,): (i64,) = bind_all(sqlx::query_as(&count_sql), &params)
            .fetch_one(&mut *tx)
            .await?;
        let page_sql = format!(
            "SELECT *{matching} ORDER BY sold_count DESC, id LIMIT {} OFFSET {}",
            search.per_page,
            i64::from(search.page - 1) * i64::from(search.per_page)
        );
        let rows: Vec<CardRow> = bind_all(sqlx::query_as(&page_sql), &params)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let products = rows.into_iter().map(CatalogueProduct::from).collect();
        Ok(ProductPage {
            products,
            total: super::narrow(total)?,
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
