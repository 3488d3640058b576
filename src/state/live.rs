//! [`Live`]: what the stream's live feed has said — pin, showcase order,
//! stock — laid over the showcase and products as they were loaded.
//!
//! Every event carries a whole value and the first of each connection is a
//! snapshot, so applying one twice or after a reconnection is harmless: the
//! state is simply the latest word on each thing. The loaded cards are kept
//! as they are ([`Rc`]-shared) when nothing live changes them, so only the
//! cards that did change are drawn again.

use std::rc::Rc;

use etalase_contract::{LiveVoucher, ProductDetail, StreamEvent};
use yew::Reducible;

use super::shelf::Shelf;

/// The latest live word on a stream's showcase.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Live {
    /// The pin, once the feed has spoken: `Some(None)` means unpinned.
    pinned: Option<Option<String>>,
    /// The showcase's product ids in the creator's order, once the feed has spoken.
    order: Option<Vec<String>>,
    /// Units in stock per product.
    stock: Vec<(String, u32)>,
    /// Units in stock per variant.
    variants: Vec<(String, u32)>,
    /// The live vouchers claimable, newest first, with their claims left.
    vouchers: Vec<LiveVoucher>,
}

/// Sets `key`'s value in a small list of pairs.
fn upsert(pairs: &mut Vec<(String, u32)>, key: String, value: u32) {
    match pairs.iter_mut().find(|(known, _)| *known == key) {
        Some(pair) => pair.1 = value,
        None => pairs.push((key, value)),
    }
}

/// The value of `key` in a small list of pairs.
fn lookup(pairs: &[(String, u32)], key: &str) -> Option<u32> {
    pairs
        .iter()
        .find(|(known, _)| known == key)
        .map(|(_, value)| *value)
}

/// The showcase as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arranged {
    /// The cards in display order, pinned first.
    pub shelf: Rc<Shelf>,
    /// Whether the feed named a product the loaded showcase lacks: time to
    /// load the showcase again.
    pub stale: bool,
}

impl Live {
    /// Every voucher still claimable by the feed's word, newest first (a
    /// voucher the creator ended left when its event said so).
    pub fn vouchers(&self) -> &[LiveVoucher] {
        &self.vouchers
    }

    /// `loaded` with the live pin, order and stock applied, and the units
    /// held by flash deals as `deal_units` tells them (`None`: the loaded
    /// count stands).
    pub fn arrange(
        &self,
        loaded: &Rc<Shelf>,
        deal_units: impl Fn(&str) -> Option<u32>,
    ) -> Arranged {
        let pinned = match &self.pinned {
            Some(pinned) => pinned.as_deref(),
            None => loaded.pinned().map(|card| card.id.as_str()),
        };
        let ids: Vec<&str> = match &self.order {
            Some(order) => order.iter().map(String::as_str).collect(),
            None => loaded.cards.iter().map(|card| card.id.as_str()).collect(),
        };
        let mut stale = pinned.is_some_and(|pinned| !ids.contains(&pinned));
        let mut cards = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(card) = loaded.cards.iter().find(|card| card.id == id) else {
                stale = true;
                continue;
            };
            let is_pinned = pinned == Some(id);
            let stock = lookup(&self.stock, id).unwrap_or(card.stock);
            let held = deal_units(id).unwrap_or(card.deal_units);
            if card.pinned == is_pinned && card.stock == stock && card.deal_units == held {
                cards.push(Rc::clone(card));
            } else {
                let mut card = (**card).clone();
                card.pinned = is_pinned;
                card.stock = stock;
                card.deal_units = held;
                cards.push(Rc::new(card));
            }
        }
        let unchanged = cards.len() == loaded.cards.len()
            && cards
                .iter()
                .zip(&loaded.cards)
                .all(|(a, b)| Rc::ptr_eq(a, b));
        let shelf = if unchanged {
            Rc::clone(loaded)
        } else {
            Rc::new(Shelf::arrange(loaded.stream_id.clone(), cards.into_iter()))
        };
        Arranged { shelf, stale }
    }

    /// `product` with the live stock of its variants; the same `Rc` when
    /// the feed has said nothing new about them.
    pub fn restock(&self, product: &Rc<ProductDetail>) -> Rc<ProductDetail> {
        let changed = product.variants.iter().any(|variant| {
            lookup(&self.variants, &variant.id).is_some_and(|stock| stock != variant.stock)
        });
        if !changed {
            return Rc::clone(product);
        }
        let mut product = (**product).clone();
        for variant in &mut product.variants {
            variant.stock = lookup(&self.variants, &variant.id).unwrap_or(variant.stock);
        }
        Rc::new(product)
    }
}

impl Reducible for Live {
    type Action = StreamEvent;

    fn reduce(self: Rc<Self>, event: StreamEvent) -> Rc<Self> {
        let mut live = (*self).clone();
        match event {
            StreamEvent::Snapshot {
                pinned_product_id,
                product_ids,
                stock,
                vouchers,
            } => {
                live.vouchers = vouchers;
                live.pinned = Some(pinned_product_id);
                live.order = Some(product_ids);
                live.stock = stock
                    .into_iter()
                    .map(|level| (level.product_id, level.stock))
                    .collect();
                // Variant stock missed while disconnected is unknown: forget it
                // rather than keep a stale word.
                live.variants.clear();
            }
            StreamEvent::Pinned { product_id } => live.pinned = Some(Some(product_id)),
            StreamEvent::Unpinned => live.pinned = Some(None),
            StreamEvent::Showcase { product_ids } => live.order = Some(product_ids),
            StreamEvent::Stock {
                product_id,
                variant_id,
                variant_stock,
                product_stock,
            } => {
                upsert(&mut live.stock, product_id, product_stock);
                upsert(&mut live.variants, variant_id, variant_stock);
            }
            // The snapshot lists the claimable ones, newest first; an event
            // with no time left is a voucher the creator ended.
            StreamEvent::Voucher(voucher) if voucher.seconds_left == 0 => {
                live.vouchers.retain(|known| known.code != voucher.code);
            }
            StreamEvent::Voucher(voucher) => {
                match live
                    .vouchers
                    .iter_mut()
                    .find(|known| known.code == voucher.code)
                {
                    Some(known) => *known = voucher,
                    None => live.vouchers.insert(0, voucher),
                }
            }
            // The creator's studio reads its sales again; viewers see no
            // change.
            StreamEvent::Sales => return self,
        }
        if live == *self {
            return self;
        }
        Rc::new(live)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{ProductCard, ProductStock, Rupiah, Variant};

    fn card(id: &str, stock: u32, pinned: bool) -> ProductCard {
        crate::state::test_card(id, stock, pinned)
    }

    /// a, b (pinned), c in the creator's order, as loaded.
    fn loaded() -> Rc<Shelf> {
        let cards = [card("a", 5, false), card("b", 9, true), card("c", 1, false)];
        Rc::new(Shelf::arrange(
            "live".into(),
            cards.into_iter().map(Rc::new),
        ))
    }

    fn ids(arranged: &Arranged) -> Vec<(&str, bool, u32)> {
        arranged
            .shelf
            .cards
            .iter()
            .map(|card| (card.id.as_str(), card.pinned, card.stock))
            .collect()
    }

    fn hear(live: Rc<Live>, events: Vec<StreamEvent>) -> Rc<Live> {
        events.into_iter().fold(live, Reducible::reduce)
    }

    fn snapshot(pinned: Option<&str>, order: &[&str]) -> StreamEvent {
        StreamEvent::Snapshot {
            pinned_product_id: pinned.map(Into::into),
            product_ids: order.iter().map(|id| id.to_string()).collect(),
            stock: order
                .iter()
                .map(|id| ProductStock {
                    product_id: id.to_string(),
                    stock: 4,
                })
                .collect(),
            vouchers: vec![],
        }
    }

    fn voucher(code: &str, quota_left: u32) -> LiveVoucher {
        LiveVoucher {
            code: code.into(),
            kind: etalase_contract::LiveVoucherKind::Percent,
            value: 10,
            max_discount: Some(Rupiah(25_000)),
            min_spend: Rupiah(0),
            quota_left,
            claimable_until: "2099-01-01T00:00:00.000Z".into(),
            seconds_left: 300,
        }
    }

    #[test]
    fn every_claimable_voucher_is_offered_newest_first_and_an_ended_one_leaves() {
        let codes = |live: &Live| -> Vec<String> {
            live.vouchers().iter().map(|v| v.code.clone()).collect()
        };
        let mut first = snapshot(None, &["a"]);
        if let StreamEvent::Snapshot { vouchers, .. } = &mut first {
            *vouchers = vec![voucher("LIVE2", 9), voucher("LIVE1", 5)];
        }
        let live = hear(Rc::new(Live::default()), vec![first]);
        assert_eq!(codes(&live), ["LIVE2", "LIVE1"]);
        let live = hear(
            live,
            vec![
                StreamEvent::Voucher(voucher("LIVE3", 20)),
                StreamEvent::Voucher(voucher("LIVE1", 4)),
            ],
        );
        assert_eq!(codes(&live), ["LIVE3", "LIVE2", "LIVE1"]);
        assert_eq!(live.vouchers()[2].quota_left, 4);
        let same = hear(
            Rc::clone(&live),
            vec![StreamEvent::Voucher(voucher("LIVE2", 9))],
        );
        assert!(Rc::ptr_eq(&same, &live), "nothing new");
        let mut ended = voucher("LIVE2", 9);
        ended.seconds_left = 0;
        let live = hear(live, vec![StreamEvent::Voucher(ended)]);
        assert_eq!(codes(&live), ["LIVE3", "LIVE1"]);
    }

    #[test]
    fn before_the_feed_speaks_the_loaded_shelf_stands_as_it_is() {
        let loaded = loaded();
        let arranged = Live::default().arrange(&loaded, |_| None);
        assert!(Rc::ptr_eq(&arranged.shelf, &loaded));
        assert!(!arranged.stale);
    }

    #[test]
    fn a_pin_moves_the_badge_and_the_card_to_the_front() {
        let loaded = loaded();
        let live = hear(
            Rc::new(Live::default()),
            vec![snapshot(Some("b"), &["a", "b", "c"])],
        );
        let pinned = hear(
            Rc::clone(&live),
            vec![StreamEvent::Pinned {
                product_id: "c".into(),
            }],
        );
        let arranged = pinned.arrange(&loaded, |_| None);
        assert_eq!(
            ids(&arranged),
            [("c", true, 4), ("a", false, 4), ("b", false, 4)]
        );
        let unpinned = hear(pinned, vec![StreamEvent::Unpinned]);
        let arranged = unpinned.arrange(&loaded, |_| None);
        assert_eq!(
            ids(&arranged),
            [("a", false, 4), ("b", false, 4), ("c", false, 4)]
        );
        assert!(!arranged.stale);
    }

    #[test]
    fn the_deals_word_on_held_units_reaches_the_cards() {
        let loaded = loaded();
        let held = |arranged: &Arranged| -> Vec<u32> {
            arranged
                .shelf
                .cards
                .iter()
                .map(|card| card.deal_units)
                .collect()
        };
        let live = Live::default();
        let same = live.arrange(&loaded, |_| None);
        assert!(
            Rc::ptr_eq(&same.shelf, &loaded),
            "nothing said, nothing changed"
        );
        let arranged = live.arrange(&loaded, |id| (id == "a").then_some(3));
        assert_eq!(held(&arranged)[..], [0, 3, 0][..]);
        let ids_of = |arranged: &Arranged| -> Vec<String> {
            arranged
                .shelf
                .cards
                .iter()
                .map(|card| card.id.clone())
                .collect()
        };
        assert_eq!(ids_of(&arranged), ["b", "a", "c"]);
        assert!(Rc::ptr_eq(&arranged.shelf.cards[0], &loaded.cards[0]));
    }

    #[test]
    fn stock_changes_reach_the_card_and_the_products_variants() {
        let loaded = loaded();
        let live = hear(
            Rc::new(Live::default()),
            vec![StreamEvent::Stock {
                product_id: "a".into(),
                variant_id: "a-m".into(),
                variant_stock: 0,
                product_stock: 2,
            }],
        );
        let arranged = live.arrange(&loaded, |_| None);
        assert_eq!(
            ids(&arranged),
            [("b", true, 9), ("a", false, 2), ("c", false, 1)]
        );
        assert!(
            Rc::ptr_eq(&arranged.shelf.cards[0], &loaded.cards[0]),
            "b is untouched"
        );

        let variant = |id: &str, stock| Variant {
            id: id.into(),
            option_values: vec![],
            price: Rupiah(10_000),
            original_price: None,
            stock,
            weight_grams: 100,
        };
        let product = Rc::new(ProductDetail {
            id: "a".into(),
            name: "A".into(),
            description: String::new(),
            image_urls: vec![],
            shop: loaded.cards[0].shop.clone(),
            sold_count: 0,
            options: vec![],
            variants: vec![variant("a-m", 3), variant("a-l", 2)],
        });
        let restocked = live.restock(&product);
        assert_eq!(restocked.variants[0].stock, 0);
        assert_eq!(restocked.variants[1].stock, 2);
        let untouched = Live::default().restock(&product);
        assert!(Rc::ptr_eq(&untouched, &product));
    }

    #[test]
    fn a_product_the_loaded_showcase_lacks_asks_for_a_reload() {
        let loaded = loaded();
        let live = hear(
            Rc::new(Live::default()),
            vec![StreamEvent::Showcase {
                product_ids: vec!["c".into(), "new".into(), "a".into()],
            }],
        );
        let arranged = live.arrange(&loaded, |_| None);
        assert!(arranged.stale);
        assert_eq!(
            ids(&arranged),
            [("c", false, 1), ("a", false, 5)],
            "b left the showcase"
        );
        let pinned_elsewhere = hear(
            Rc::new(Live::default()),
            vec![StreamEvent::Pinned {
                product_id: "new".into(),
            }],
        );
        assert!(pinned_elsewhere.arrange(&loaded, |_| None).stale);
    }

    #[test]
    fn a_snapshot_replaces_what_came_before_and_repeats_change_nothing() {
        let stocked = hear(
            Rc::new(Live::default()),
            vec![StreamEvent::Stock {
                product_id: "a".into(),
                variant_id: "a-m".into(),
                variant_stock: 1,
                product_stock: 1,
            }],
        );
        let live = hear(stocked, vec![snapshot(None, &["a", "b"])]);
        assert!(
            live.variants.is_empty(),
            "variant stock from before is forgotten"
        );
        assert_eq!(lookup(&live.stock, "a"), Some(4));
        let again = Rc::clone(&live).reduce(snapshot(None, &["a", "b"]));
        assert!(Rc::ptr_eq(&again, &live));
    }
}
