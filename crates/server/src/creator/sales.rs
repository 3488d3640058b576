//! What a creator's stream sold: `GET /v1/creator/streams/{id}/sales`.

use etalase_contract::StreamSales;

use super::check_owner;
use crate::error::Result;
use crate::store::sales;
use crate::AppState;

/// The sales of `user_id`'s stream `stream_id`: paid orders, units, gross
/// merchandise value and commission of the lines attributed to it (added
/// from it while it showed the product), in all and per product, read in
/// one snapshot. 404 for another creator's stream.
pub async fn sales(state: &AppState, user_id: i64, stream_id: &str) -> Result<StreamSales> {
    let mut conn = state.store.acquire().await?;
    check_owner(&mut conn, user_id, stream_id).await?;
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let sales = sales::stream_sales(&mut tx, stream_id).await?;
    tx.commit().await?;
    Ok(sales)
}
