//! What the deal board needs to know of a new order at a flash deal's
//! price, read for many orders in one query.
//!
//! In a flash deal's stampede every checkout asks, before anything else,
//! which deal its quote holds and whether its key was sent before; most
//! are then refused in memory. Asked one by one, each such read would take
//! a pooled connection and a round trip of its own, in the pool's queue
//! ahead of the winners' transactions. Instead, the reads asked while one
//! query runs wait for it and go together in the next (after DataLoader's
//! batching): one round trip and one connection for up to [`MOST_AT_ONCE`]
//! orders, no wait at all when none runs (decision 0071).

use tokio::sync::{mpsc, oneshot};

use super::{narrow, placeholders, Backend};
use crate::error::is_transient;

/// The most orders one query reads.
const MOST_AT_ONCE: usize = 64;

/// A new order at a flash deal's price, as [`super::Store::deal_of_new_order`]
/// reads it.
#[derive(Debug)]
pub(crate) struct DealOrder {
    /// The deal.
    pub deal_id: String,
    /// The units the order asks for at the deal's price.
    pub quantity: u32,
    /// The units its buyer bought at the deal's price already.
    pub bought: u32,
}

/// One order's read, waiting for its query.
struct Ask {
    user_id: i64,
    quote_id: String,
    key: String,
    answer: oneshot::Sender<Result<Option<DealOrder>, sqlx::Error>>,
}

/// Where a store's reads of new deal orders are asked for; the query runs
/// on a task of its own, which ends with the store.
#[derive(Debug, Clone)]
pub(super) struct DealOrderReads {
    asks: mpsc::UnboundedSender<Ask>,
}

impl DealOrderReads {
    /// Starts reading on `pool` of `backend`.
    pub(super) fn start(pool: sqlx::AnyPool, backend: Backend) -> Self {
        let (asks, waiting) = mpsc::unbounded_channel();
        tokio::spawn(serve(pool, backend, waiting));
        DealOrderReads { asks }
    }
}

impl super::Store {
    /// The flash deal whose price quote `quote_id` of `user_id` holds, with
    /// the units it asks for and those `user_id` bought at the deal's price,
    /// when it holds one and `user_id` has never sent key `key`: an order
    /// that the deal board may refuse before anything is written. Read
    /// together with the other orders asking meanwhile.
    pub(crate) async fn deal_of_new_order(
        &self,
        user_id: i64,
        quote_id: &str,
        key: &str,
    ) -> Result<Option<DealOrder>, sqlx::Error> {
        let (answer, answered) = oneshot::channel();
        let ask = Ask {
            user_id,
            quote_id: quote_id.to_owned(),
            key: key.to_owned(),
            answer,
        };
        self.deal_orders
            .asks
            .send(ask)
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answered.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

/// Answers the asks in groups: all those waiting, up to [`MOST_AT_ONCE`],
/// in one query, until every sender is gone.
async fn serve(pool: sqlx::AnyPool, backend: Backend, mut waiting: mpsc::UnboundedReceiver<Ask>) {
    let mut asks = Vec::with_capacity(MOST_AT_ONCE);
    while waiting.recv_many(&mut asks, MOST_AT_ONCE).await > 0 {
        match read(&pool, backend, &asks).await {
            Ok(orders) => {
                for (ask, order) in asks.drain(..).zip(orders) {
                    // The asker may have gone (its request dropped).
                    let _ = ask.answer.send(Ok(order));
                }
            }
            Err(error) => {
                for ask in asks.drain(..) {
                    let _ = ask.answer.send(Err(shared(&error)));
                }
            }
        }
    }
}

/// The deal orders of `asks`, in their order.
async fn read(
    pool: &sqlx::AnyPool,
    backend: Backend,
    asks: &[Ask],
) -> Result<Vec<Option<DealOrder>>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        n: i64,
        deal_id: Option<String>,
        at_deal_price: Option<i64>,
        deal_quantity: Option<i64>,
        keys_sent: i64,
        bought: i64,
    }
    let sql = format!(
        "WITH asked (n, user_id, quote_id, idempotency_key) AS (VALUES {})
         SELECT a.n, q.deal_id, q.at_deal_price, q.deal_quantity,
                (SELECT COUNT(*) FROM idempotency_keys k
                  WHERE k.user_id = a.user_id AND k.key = a.idempotency_key) AS keys_sent,
                CAST(COALESCE((SELECT b.units FROM flash_deal_buyers b
                                WHERE b.deal_id = q.deal_id AND b.user_id = a.user_id), 0)
                     AS BIGINT) AS bought
           FROM asked a JOIN quotes q ON q.id = a.quote_id AND q.user_id = a.user_id",
        placeholders(backend, asks.len(), 4)
    );
    let query = asks
        .iter()
        .enumerate()
        .fold(sqlx::query_as::<_, Row>(&sql), |query, (n, ask)| {
            query
                .bind(i64::try_from(n).unwrap_or(i64::MAX))
                .bind(ask.user_id)
                .bind(ask.quote_id.as_str())
                .bind(ask.key.as_str())
        });
    let mut orders: Vec<Option<DealOrder>> = asks.iter().map(|_| None).collect();
    for row in query.fetch_all(pool).await? {
        let Row {
            n,
            deal_id: Some(deal_id),
            at_deal_price: Some(1),
            deal_quantity: Some(quantity),
            keys_sent: 0,
            bought,
        } = row
        else {
            continue;
        };
        if let Some(order) = usize::try_from(n).ok().and_then(|n| orders.get_mut(n)) {
            *order = Some(DealOrder {
                deal_id,
                quantity: narrow(quantity)?,
                bought: narrow(bought)?,
            });
        }
    }
    Ok(orders)
}

/// `error`, for each of the reads it failed: transient ones stay
/// transient (503 with `Retry-After`), the others are ours (500).
fn shared(error: &sqlx::Error) -> sqlx::Error {
    let message = format!("reading new deal orders: {error}");
    if is_transient(error) {
        sqlx::Error::Io(std::io::Error::other(message))
    } else {
        sqlx::Error::Protocol(message)
    }
}
