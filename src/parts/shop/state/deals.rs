//! [`Deals`]: the stream's flash deals as the live feed told them, and what
//! one shows at a moment ([`Heard::view`]).
//!
//! Each deal is kept with the moment its latest event arrived, on the page's
//! monotonic clock (`performance.now()`, milliseconds), never the phone's
//! wall clock: the server counts `starts_in_seconds` and `seconds_left`
//! when it sends the event, so counting down from the arrival needs no
//! agreement between the phone's clock and the server's. Nothing here reads
//! a clock; the caller passes the moments in.

use std::rc::Rc;

use etalase_contract::{FlashDeal, FlashDealState, ProductDetail};
use yew::Reducible;

use crate::state::deal_view::DealView;

/// How long a sold-out or ended deal stays on screen, in milliseconds: long
/// enough to read "Habis" or "Berakhir", short enough not to hide the video.
pub const CLOSED_SHOWN_MS: i64 = 5_000;

/// A deal and the moment its latest event arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    /// The deal as the server last sent it.
    pub deal: FlashDeal,
    /// When it arrived, in milliseconds of the page's monotonic clock.
    pub at_ms: i64,
}

impl Heard {
    /// What the deal shows at `now_ms` (the same clock as `at_ms`).
    pub fn view(&self, now_ms: i64) -> DealView {
        DealView::of(&self.deal, self.at_ms, now_ms)
    }

    /// Whether the deal is still worth showing at `now_ms`: not closed, or
    /// closed for less than [`CLOSED_SHOWN_MS`] by the server's word.
    pub fn is_shown(&self, now_ms: i64) -> bool {
        let closed_by_server = matches!(
            self.deal.state,
            FlashDealState::SoldOut | FlashDealState::Ended
        );
        !closed_by_server || now_ms.saturating_sub(self.at_ms) < CLOSED_SHOWN_MS
    }
}

/// What a deal sells, in the catalogue's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealName {
    /// The product's name.
    pub product: String,
    /// For a product of several variants, the variant's options with their
    /// names ("Ukuran M", "Warna Merah, Ukuran L").
    pub variant: Option<String>,
}

/// What `deal` sells: the product's name and, for a product of several
/// variants, the variant's options each with its name ("Kemeja Batik
/// Parang" and "Ukuran M"). The
/// name comes from the product's detail, or its card while the detail is
/// on its way (then without the variant).
pub fn deal_name(
    deal: &FlashDeal,
    detail: Option<&ProductDetail>,
    card_name: Option<&str>,
) -> Option<DealName> {
    let Some(detail) = detail.filter(|detail| detail.id == deal.product_id) else {
        return card_name.map(|name| DealName {
            product: name.to_owned(),
            variant: None,
        });
    };
    let variant = (detail.variants.len() > 1)
        .then(|| detail.variants.iter().find(|v| v.id == deal.variant_id))
        .flatten()
        .map(|variant| {
            // Each value with its option's name: a bare "38" says nothing.
            let named: Vec<String> = variant
                .option_values
                .iter()
                .enumerate()
                .map(|(at, value)| match detail.options.get(at) {
                    Some(option) => [option.name.as_str(), " ", value].concat(),
                    None => value.clone(),
                })
                .collect();
            named.join(", ")
        })
        .filter(|options| !options.is_empty());
    Some(DealName {
        product: detail.name.clone(),
        variant,
    })
}

/// `seconds` as minutes and seconds: `0:27`, `4:05`, `20:00`.
pub fn minutes_seconds(seconds: u64) -> String {
    let rest = seconds % 60;
    let pad = if rest < 10 { ":0" } else { ":" };
    [(seconds / 60).to_string().as_str(), pad, &rest.to_string()].concat()
}

/// The stream's deals, as the live feed last told them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deals {
    heard: Vec<Heard>,
    /// Whether the feed has sent a snapshot: from then on it sends every
    /// deal not yet ended, so a product of none has none.
    following: bool,
}

/// What the live feed says about deals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealAction {
    /// A `snapshot` began a connection: the feed sends every deal not yet
    /// ended again after it, so what was heard before is forgotten.
    Snapshot,
    /// A `deal` event arrived at `at_ms`.
    Heard(Heard),
}

impl Deals {
    /// Deal `deal_id` as last heard, if it was.
    pub fn heard(&self, deal_id: &str) -> Option<&Heard> {
        self.heard.iter().find(|heard| heard.deal.id == deal_id)
    }

    /// Every deal to show, in order: the open ones, then the ones opening
    /// soonest, then the closed ones, the last closed first; by the
    /// server's word, so the order does not change from one second to the
    /// next. Each closed one leaves the screen by itself ([`Heard::is_shown`]).
    pub fn shown(&self) -> Vec<&Heard> {
        let rank = |heard: &Heard| match heard.deal.state {
            FlashDealState::Open if heard.deal.units_left > 0 => (0, 0),
            FlashDealState::Upcoming => (
                1,
                heard.at_ms + i64::from(heard.deal.starts_in_seconds) * 1_000,
            ),
            _ => (2, -heard.at_ms),
        };
        let mut shown: Vec<&Heard> = self.heard.iter().collect();
        shown.sort_by_key(|heard| rank(heard));
        shown
    }

    /// The units the stream's deals announced or open hold of product
    /// `product_id`, by the feed's word; `None` before the feed has spoken
    /// (the showcase's own count stands then).
    pub fn units_held(&self, product_id: &str) -> Option<u32> {
        self.following.then(|| {
            self.heard
                .iter()
                .filter(|heard| {
                    heard.deal.product_id == product_id
                        && matches!(
                            heard.deal.state,
                            FlashDealState::Upcoming | FlashDealState::Open
                        )
                })
                .map(|heard| heard.deal.units_left)
                .fold(0, u32::saturating_add)
        })
    }

    /// The deal of product `product_id` a shopper can still buy, by the
    /// server's last word: the open one, else the one opening soonest.
    pub fn offered(&self, product_id: &str) -> Option<&Heard> {
        self.shown().into_iter().find(|heard| {
            heard.deal.product_id == product_id
                && heard.deal.units_left > 0
                && matches!(
                    heard.deal.state,
                    FlashDealState::Upcoming | FlashDealState::Open
                )
        })
    }
}

impl Reducible for Deals {
    type Action = DealAction;

    fn reduce(self: Rc<Self>, action: DealAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DealAction::Snapshot if self.heard.is_empty() && self.following => return self,
            DealAction::Snapshot => {
                next.heard.clear();
                next.following = true;
            }
            DealAction::Heard(heard) => {
                // Deals closed long enough ago are off screen: forgotten.
                let now_ms = heard.at_ms;
                next.heard.retain(|known| known.is_shown(now_ms));
                match next
                    .heard
                    .iter_mut()
                    .find(|known| known.deal.id == heard.deal.id)
                {
                    Some(known) => *known = heard,
                    None => next.heard.push(heard),
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::Rupiah;

    fn deal(
        id: &str,
        state: FlashDealState,
        starts_in: u32,
        left: u32,
        units_left: u32,
    ) -> FlashDeal {
        FlashDeal {
            id: id.into(),
            stream_id: "s1".into(),
            product_id: "p1".into(),
            variant_id: "v1".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(99_000),
            units: 20,
            units_left,
            units_sold: 0,
            per_buyer_limit: 1,
            state,
            starts_at: "2026-06-14T12:00:00.000Z".into(),
            ends_at: "2026-06-14T12:05:00.000Z".into(),
            starts_in_seconds: starts_in,
            seconds_left: left,
        }
    }

    fn heard(deal: FlashDeal, at_ms: i64) -> Heard {
        Heard { deal, at_ms }
    }

    #[test]
    fn counts_down_from_the_arrival_and_opens_at_zero() {
        // Heard at 5 s on the page's clock: opens in 27 s, closes 5 min later.
        let upcoming = heard(deal("d", FlashDealState::Upcoming, 27, 327, 20), 5_000);
        assert_eq!(upcoming.view(5_000), DealView::Upcoming { starts_in: 27 });
        assert_eq!(upcoming.view(5_001), DealView::Upcoming { starts_in: 27 });
        assert_eq!(upcoming.view(6_000), DealView::Upcoming { starts_in: 26 });
        assert_eq!(upcoming.view(31_999), DealView::Upcoming { starts_in: 1 });
        assert_eq!(upcoming.view(32_000), DealView::Open { seconds_left: 300 });
        assert_eq!(upcoming.view(331_500), DealView::Open { seconds_left: 1 });
        assert_eq!(upcoming.view(332_000), DealView::Ended);
        // A moment before the arrival (clocks never go back, but be safe).
        assert_eq!(upcoming.view(0), DealView::Upcoming { starts_in: 27 });
    }

    #[test]
    fn the_servers_word_on_units_and_closing_wins() {
        let open = heard(deal("d", FlashDealState::Open, 0, 120, 3), 0);
        assert_eq!(open.view(1_000), DealView::Open { seconds_left: 119 });
        let last_sold = heard(deal("d", FlashDealState::Open, 0, 120, 0), 0);
        assert_eq!(last_sold.view(0), DealView::SoldOut);
        let sold_out = heard(deal("d", FlashDealState::SoldOut, 0, 0, 0), 0);
        assert_eq!(sold_out.view(0), DealView::SoldOut);
        let ended = heard(deal("d", FlashDealState::Ended, 0, 0, 0), 0);
        assert_eq!(ended.view(0), DealView::Ended);
        assert!(ended.view(0).is_closed() && !open.view(0).is_closed());
    }

    #[test]
    fn a_closed_deal_leaves_the_screen_after_a_few_seconds() {
        let ended = heard(deal("d", FlashDealState::Ended, 0, 0, 0), 1_000);
        assert!(ended.is_shown(1_000 + CLOSED_SHOWN_MS - 1));
        assert!(!ended.is_shown(1_000 + CLOSED_SHOWN_MS));
        let open = heard(deal("d", FlashDealState::Open, 0, 60, 5), 1_000);
        assert!(open.is_shown(1_000_000));
    }

    #[test]
    fn names_the_product_and_its_variant() {
        use etalase_contract::{ProductOption, ShopSummary, Variant};
        let variant = |id: &str, size: &str| Variant {
            id: id.into(),
            option_values: vec![size.into()],
            price: Rupiah(99_000),
            original_price: None,
            stock: 5,
            weight_grams: 300,
        };
        let mut detail = ProductDetail {
            id: "p1".into(),
            name: "Kemeja Batik Parang".into(),
            description: String::new(),
            image_urls: vec![],
            shop: ShopSummary {
                id: "s".into(),
                name: "Toko".into(),
                city: "Solo".into(),
            },
            sold_count: 0,
            options: vec![ProductOption {
                name: "Ukuran".into(),
                values: vec!["S".into(), "M".into()],
            }],
            variants: vec![variant("v0", "S"), variant("v1", "M")],
        };
        let sold = deal("d", FlashDealState::Open, 0, 60, 5);
        let said = |name: Option<DealName>| name.map(|n| (n.product, n.variant));
        assert_eq!(
            said(deal_name(&sold, Some(&detail), Some("card"))),
            Some(("Kemeja Batik Parang".into(), Some("Ukuran M".into())))
        );
        // Before the detail, the card's name; another product's detail is not this one's.
        assert_eq!(
            said(deal_name(&sold, None, Some("Kemeja"))),
            Some(("Kemeja".into(), None))
        );
        assert_eq!(deal_name(&sold, None, None), None);
        // One variant: its options say nothing the name does not.
        detail.variants = vec![variant("v1", "All size")];
        assert_eq!(
            said(deal_name(&sold, Some(&detail), None)),
            Some(("Kemeja Batik Parang".into(), None))
        );
        detail.id = "p2".into();
        assert_eq!(
            said(deal_name(&sold, Some(&detail), Some("card"))),
            Some(("card".into(), None))
        );
    }

    #[test]
    fn writes_minutes_and_seconds() {
        assert_eq!(minutes_seconds(27), "0:27");
        assert_eq!(minutes_seconds(245), "4:05");
        assert_eq!(minutes_seconds(1_200), "20:00");
    }

    #[test]
    fn each_event_replaces_its_deal_and_a_snapshot_forgets_them() {
        let ids = |deals: &Deals| -> Vec<String> {
            deals.shown().iter().map(|h| h.deal.id.clone()).collect()
        };
        let deals = Rc::new(Deals::default());
        let deals = deals.reduce(DealAction::Heard(heard(
            deal("a", FlashDealState::Upcoming, 30, 90, 20),
            0,
        )));
        let deals = deals.reduce(DealAction::Heard(heard(
            deal("b", FlashDealState::Upcoming, 10, 70, 20),
            0,
        )));
        // Both are shown, the one opening soonest first.
        assert_eq!(ids(&deals), ["b", "a"]);
        let deals = deals.reduce(DealAction::Heard(heard(
            deal("a", FlashDealState::Open, 0, 60, 19),
            30_000,
        )));
        assert_eq!(ids(&deals), ["a", "b"]);
        assert_eq!(deals.heard("a").map(|h| h.deal.units_left), Some(19));
        let deals = deals.reduce(DealAction::Heard(heard(
            deal("a", FlashDealState::SoldOut, 0, 0, 0),
            31_000,
        )));
        assert_eq!(ids(&deals), ["b", "a"]);
        // A deal heard once the sold-out one has left the screen forgets it.
        let deals = deals.reduce(DealAction::Heard(heard(
            deal("c", FlashDealState::Open, 0, 60, 5),
            31_000 + CLOSED_SHOWN_MS,
        )));
        assert_eq!(ids(&deals), ["c", "b"]);
        let deals = deals.reduce(DealAction::Snapshot);
        assert!(deals.shown().is_empty());
        let same = deals.clone().reduce(DealAction::Snapshot);
        assert!(Rc::ptr_eq(&deals, &same));
    }

    #[test]
    fn two_open_deals_are_both_shown() {
        let deals = Rc::new(Deals::default())
            .reduce(DealAction::Heard(heard(
                deal("a", FlashDealState::Open, 0, 60, 3),
                0,
            )))
            .reduce(DealAction::Heard(heard(
                deal("b", FlashDealState::Open, 0, 90, 4),
                10,
            )));
        let shown: Vec<&str> = deals.shown().iter().map(|h| h.deal.id.as_str()).collect();
        assert_eq!(shown.len(), 2);
        assert!(shown.contains(&"a") && shown.contains(&"b"));
    }

    #[test]
    fn a_product_offers_its_open_deal_first_and_never_a_closed_one() {
        let on = |id: &str, product: &str, state, starts_in, units_left, at_ms| {
            let mut deal = deal(id, state, starts_in, 60, units_left);
            deal.product_id = product.into();
            DealAction::Heard(heard(deal, at_ms))
        };
        let deals = Rc::new(Deals::default())
            .reduce(on("soon", "p1", FlashDealState::Upcoming, 30, 5, 0))
            .reduce(on("now", "p1", FlashDealState::Open, 0, 2, 1))
            .reduce(on("other", "p2", FlashDealState::Open, 0, 2, 2));
        let offered = |deals: &Deals, product| deals.offered(product).map(|h| h.deal.id.clone());
        assert_eq!(offered(&deals, "p1").as_deref(), Some("now"));
        assert_eq!(offered(&deals, "p2").as_deref(), Some("other"));
        assert_eq!(offered(&deals, "p3"), None);
        // Sold out, the open one gives way to the one coming.
        let deals = deals.reduce(on("now", "p1", FlashDealState::SoldOut, 0, 0, 3));
        assert_eq!(offered(&deals, "p1").as_deref(), Some("soon"));
        let deals = deals.reduce(on("soon", "p1", FlashDealState::Ended, 0, 0, 4));
        assert_eq!(offered(&deals, "p1"), None);
    }

    #[test]
    fn units_held_follow_the_feed_once_it_has_spoken() {
        let on = |id: &str, state, units_left| {
            DealAction::Heard(heard(deal(id, state, 0, 60, units_left), 0))
        };
        let deals = Rc::new(Deals::default());
        assert_eq!(deals.units_held("p1"), None, "the showcase's count stands");
        let deals = deals.reduce(DealAction::Snapshot);
        assert_eq!(deals.units_held("p1"), Some(0));
        let deals = deals
            .reduce(on("a", FlashDealState::Upcoming, 4))
            .reduce(on("b", FlashDealState::Open, 2));
        assert_eq!(deals.units_held("p1"), Some(6));
        assert_eq!(deals.units_held("p2"), Some(0));
        let deals = deals.reduce(on("b", FlashDealState::SoldOut, 0));
        assert_eq!(deals.units_held("p1"), Some(4));
        let deals = deals.reduce(on("a", FlashDealState::Ended, 0));
        assert_eq!(deals.units_held("p1"), Some(0));
    }
}
