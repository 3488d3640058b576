//! What the social proof reads: a host's choice of the purchase ticker, and
//! a paid checkout's purchases.

use etalase_contract::{mask_name, HostSettings, SocialEvent};
use sqlx::AnyConnection;

use super::{Flag, Store};

impl Store {
    /// Host `host_id`'s settings, if it exists.
    pub async fn host_settings(&self, host_id: &str) -> Result<Option<HostSettings>, sqlx::Error> {
        let ticker: Option<Flag> =
            sqlx::query_scalar("SELECT purchase_ticker FROM hosts WHERE id = $1")
                .bind(host_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(ticker.map(|ticker| HostSettings {
            purchase_ticker: ticker.0,
        }))
    }

    /// Sets host `host_id`'s settings.
    pub async fn set_host_settings(
        &self,
        host_id: &str,
        settings: &HostSettings,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE hosts SET purchase_ticker = $2 WHERE id = $1")
            .bind(host_id)
            .bind(settings.purchase_ticker)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Whether the viewers of host `host_id`, or of the host of user
    /// `user_id`, get the purchase ticker.
    pub async fn purchase_ticker(
        &self,
        host_id: Option<&str>,
        user_id: Option<i64>,
    ) -> Result<bool, sqlx::Error> {
        let ticker: Option<Flag> = sqlx::query_scalar(
            "SELECT purchase_ticker FROM hosts
              WHERE id = COALESCE($1, (SELECT host_id FROM users WHERE id = $2))",
        )
        .bind(host_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(ticker.is_none_or(bool::from))
    }
}

/// The purchase of paid checkout `checkout_id` on its stream, if it was
/// bought from one: its first line attributed to the stream (added to the
/// cart there), with the recipient's first name masked.
pub(crate) async fn purchase(
    conn: &mut AnyConnection,
    checkout_id: &str,
) -> Result<Option<(String, SocialEvent)>, sqlx::Error> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.stream_id, o.address, p.id, p.name
           FROM checkouts c
           JOIN orders o ON o.checkout_id = c.id
           JOIN order_items i ON i.order_id = o.id
           JOIN variants v ON v.id = i.variant_id
           JOIN products p ON p.id = v.product_id
          WHERE c.id = $1 AND c.stream_id IS NOT NULL AND i.attributed = 1
          ORDER BY o.id, i.variant_id
          LIMIT 1",
    )
    .bind(checkout_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(stream_id, address, product_id, product_name)| {
        let recipient = serde_json::from_str::<serde_json::Value>(&address)
            .ok()
            .and_then(|address| address["recipient"].as_str().and_then(mask_name));
        (
            stream_id,
            SocialEvent::Purchase {
                buyer: recipient,
                product_id,
                product_name,
            },
        )
    }))
}
