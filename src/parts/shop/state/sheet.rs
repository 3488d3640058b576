//! [`Sheet`]: which bottom sheet is up — a product's, the cart or the
//! checkout — if any.

use std::rc::Rc;

use yew::{AttrValue, Reducible};

/// A bottom sheet the widget can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// One product's detail.
    Product,
    /// The cart.
    Cart,
    /// The checkout, or the placed order's payment.
    Checkout,
    /// The shopper's orders.
    Orders,
}

/// The sheets' state: at most one is up.
///
/// Closing keeps the product, so its content stays in place while the sheet
/// slides down, and reopening the same product shows it at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The product shown last, if any.
    pub product_id: Option<AttrValue>,
    /// The sheet that is up.
    pub panel: Option<Panel>,
}

impl Sheet {
    /// Whether `panel` is the sheet that is up.
    pub fn is_open(&self, panel: Panel) -> bool {
        self.panel == Some(panel)
    }
}

/// What can happen to the sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetAction {
    /// Show this product.
    Open(AttrValue),
    /// Show the cart.
    OpenCart,
    /// Show the checkout.
    OpenCheckout,
    /// Show the shopper's orders.
    OpenOrders,
    /// Slide whatever is up away.
    Close,
}

impl Reducible for Sheet {
    type Action = SheetAction;

    fn reduce(self: Rc<Self>, action: SheetAction) -> Rc<Self> {
        let (product_id, panel) = match action {
            SheetAction::Open(product_id) => (Some(product_id), Some(Panel::Product)),
            SheetAction::OpenCart if self.is_open(Panel::Cart) => return self,
            SheetAction::OpenCart => (self.product_id.clone(), Some(Panel::Cart)),
            SheetAction::OpenCheckout if self.is_open(Panel::Checkout) => return self,
            SheetAction::OpenCheckout => (self.product_id.clone(), Some(Panel::Checkout)),
            SheetAction::OpenOrders if self.is_open(Panel::Orders) => return self,
            SheetAction::OpenOrders => (self.product_id.clone(), Some(Panel::Orders)),
            SheetAction::Close if self.panel.is_none() => return self,
            SheetAction::Close => (self.product_id.clone(), None),
        };
        Rc::new(Sheet { product_id, panel })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_on_a_product_and_closes_keeping_it() {
        let sheet = Rc::new(Sheet::default()).reduce(SheetAction::Open("p1".into()));
        assert_eq!(sheet.product_id.as_deref(), Some("p1"));
        assert!(sheet.is_open(Panel::Product));
        let sheet = sheet.reduce(SheetAction::Close);
        assert_eq!(sheet.product_id.as_deref(), Some("p1"));
        assert_eq!(sheet.panel, None);
    }

    #[test]
    fn closing_a_closed_sheet_changes_nothing() {
        let closed = Rc::new(Sheet::default());
        assert!(Rc::ptr_eq(
            &closed.clone().reduce(SheetAction::Close),
            &closed
        ));
    }

    #[test]
    fn opening_another_product_switches_to_it() {
        let sheet = Rc::new(Sheet::default())
            .reduce(SheetAction::Open("p1".into()))
            .reduce(SheetAction::Open("p2".into()));
        assert_eq!(sheet.product_id.as_deref(), Some("p2"));
    }

    #[test]
    fn the_cart_replaces_the_product_sheet_and_keeps_its_product() {
        let sheet = Rc::new(Sheet::default())
            .reduce(SheetAction::Open("p1".into()))
            .reduce(SheetAction::OpenCart);
        assert!(sheet.is_open(Panel::Cart));
        assert!(!sheet.is_open(Panel::Product));
        assert_eq!(sheet.product_id.as_deref(), Some("p1"));
        assert!(Rc::ptr_eq(
            &sheet.clone().reduce(SheetAction::OpenCart),
            &sheet
        ));
        let sheet = sheet.reduce(SheetAction::Open("p1".into()));
        assert!(sheet.is_open(Panel::Product));
    }
}
