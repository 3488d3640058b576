//! [`Shelf`]: a showcase arranged for the card strip, pinned product first.

use std::rc::Rc;

use etalase_contract::{ProductCard, Showcase};

/// The cards to show, in display order, each cheap to hand to a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shelf {
    /// The stream the showcase belongs to.
    pub stream_id: String,
    /// The pinned product first, then the rest in the creator's order;
    /// the product on screen before them all.
    pub cards: Vec<Rc<ProductCard>>,
    /// The product on screen in the host's video now (`setPlayback`), which
    /// the shop moves to the front; `None` until it says.
    pub on_screen: Option<String>,
}

impl From<Showcase> for Shelf {
    /// Marks the pinned product (by its flag or the showcase's
    /// `pinned_product_id`) and moves it to the front; the order is otherwise kept.
    fn from(showcase: Showcase) -> Self {
        let pinned_id = showcase.pinned_product_id;
        let cards = showcase.products.into_iter().map(|mut card| {
            card.pinned = card.pinned || pinned_id.as_deref() == Some(card.id.as_str());
            Rc::new(card)
        });
        Shelf::arrange(showcase.stream_id, cards)
    }
}

impl Shelf {
    /// The shelf of `cards`, given in the creator's order: pinned first,
    /// each group in that order.
    pub fn arrange(stream_id: String, cards: impl Iterator<Item = Rc<ProductCard>>) -> Self {
        // A partition, not a stable sort: the same order without the sort's
        // 4 KB in the wasm.
        let (mut pinned, rest): (Vec<_>, Vec<_>) = cards.partition(|card| card.pinned);
        pinned.extend(rest);
        Shelf {
            stream_id,
            cards: pinned,
            on_screen: None,
        }
    }

    /// The pinned product's card, if one is pinned.
    pub fn pinned(&self) -> Option<&Rc<ProductCard>> {
        self.cards.first().filter(|card| card.pinned)
    }

    /// The card that stays in view when the strip is folded: the product
    /// on screen (first whenever there is one), else the pinned one.
    pub fn lead(&self) -> Option<&Rc<ProductCard>> {
        let on_screen = self.on_screen.is_some();
        self.cards.first().filter(|card| card.pinned || on_screen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, pinned: bool) -> ProductCard {
        crate::state::test_card(id, 1, pinned)
    }

    fn ids(shelf: &Shelf) -> Vec<&str> {
        shelf.cards.iter().map(|card| card.id.as_str()).collect()
    }

    #[test]
    fn puts_the_pinned_product_first_and_keeps_the_rest_in_order() {
        let shelf = Shelf::from(Showcase {
            stream_id: "live".into(),
            pinned_product_id: Some("c".into()),
            products: vec![
                card("a", false),
                card("b", false),
                card("c", true),
                card("d", false),
            ],
        });
        assert_eq!(ids(&shelf), ["c", "a", "b", "d"]);
        assert_eq!(shelf.stream_id, "live");
    }

    #[test]
    fn trusts_the_showcase_pin_when_the_card_flag_lags() {
        let shelf = Shelf::from(Showcase {
            stream_id: "live".into(),
            pinned_product_id: Some("b".into()),
            products: vec![card("a", false), card("b", false)],
        });
        assert_eq!(ids(&shelf), ["b", "a"]);
        assert!(shelf.cards[0].pinned);
        assert!(!shelf.cards[1].pinned);
    }

    #[test]
    fn keeps_the_order_when_nothing_is_pinned() {
        let shelf = Shelf::from(Showcase {
            stream_id: "live".into(),
            pinned_product_id: None,
            products: vec![card("a", false), card("b", false)],
        });
        assert_eq!(ids(&shelf), ["a", "b"]);
    }
}
