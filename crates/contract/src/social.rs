//! Social proof on a stream's live feed, counted and never invented: how
//! many watch now, and purchases paid on this stream.
//!
//! Sent on `GET /v1/streams/{id}/events` beside the stream's events, as
//! `event: viewers` and `event: purchase`, each `data:` line the
//! [`SocialEvent`] as JSON with its `type`. A type of its own beside
//! [`StreamEvent`](crate::StreamEvent) and [`FeedEvent`](crate::FeedEvent),
//! so clients matching every one of those keep compiling; a client that
//! does not know these names skips them.

use serde::{Deserialize, Serialize};

/// One social event of a stream's live feed, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SocialEvent {
    /// How many live feeds of the stream are open now, on the instance that
    /// serves this one: sent first, then when it changes, at most every 5 s.
    Viewers {
        /// Open feeds, this viewer's included.
        count: u32,
    },
    /// An order from this stream was paid: the ticker's line. At most one
    /// every 5 s per stream (the others are not sent, never queued), and
    /// none when the viewer's host switched the ticker off.
    Purchase {
        /// The buyer's first name masked (`R***a`), or `null` when the
        /// order names no one.
        buyer: Option<String>,
        /// The product bought.
        product_id: String,
        /// Its name.
        product_name: String,
    },
}

impl SocialEvent {
    /// The event's `type`, also its SSE `event:` name.
    pub fn name(&self) -> &'static str {
        match self {
            SocialEvent::Viewers { .. } => "viewers",
            SocialEvent::Purchase { .. } => "purchase",
        }
    }
}

/// A buyer's name as the ticker shows it: the first word's first and last
/// characters around `***` (`Raka Pratama` → `R***a`, `Al` → `A***l`, `R`
/// → `R***`); `None` for a blank name.
pub fn mask_name(name: &str) -> Option<String> {
    let word: Vec<char> = name.split_whitespace().next()?.chars().collect();
    let first = word.first()?;
    Some(match word.last().filter(|_| word.len() > 1) {
        Some(last) => format!("{first}***{last}"),
        None => format!("{first}***"),
    })
}

/// The body of `GET` and `PUT /v1/host/settings`: what a host chose for
/// its viewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HostSettings {
    /// Whether its viewers' live feeds carry the purchase ticker (`true`
    /// unless switched off).
    pub purchase_ticker: bool,
}

crate::wire::from_js!(HostSettings { purchase_ticker });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_to_their_first_and_last_letters() {
        assert_eq!(mask_name("Raka Pratama").as_deref(), Some("R***a"));
        assert_eq!(mask_name("  sari ").as_deref(), Some("s***i"));
        assert_eq!(mask_name("Al").as_deref(), Some("A***l"));
        assert_eq!(mask_name("R").as_deref(), Some("R***"));
        assert_eq!(mask_name("Ünal Çelik").as_deref(), Some("Ü***l"));
        assert_eq!(mask_name("   "), None);
    }

    #[test]
    fn events_are_tagged_by_their_name() {
        let purchase = SocialEvent::Purchase {
            buyer: Some("R***a".into()),
            product_id: "p1".into(),
            product_name: "Kemeja".into(),
        };
        assert_eq!(
            serde_json::to_string(&purchase).unwrap(),
            r#"{"type":"purchase","buyer":"R***a","product_id":"p1","product_name":"Kemeja"}"#
        );
        assert_eq!(purchase.name(), "purchase");
        let viewers = SocialEvent::Viewers { count: 3 };
        assert_eq!(
            serde_json::to_string(&viewers).unwrap(),
            r#"{"type":"viewers","count":3}"#
        );
    }
}
