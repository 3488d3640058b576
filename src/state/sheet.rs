//! [`Sheet`]: which product the sheet shows and whether it is open.

use std::rc::Rc;

use yew::{AttrValue, Reducible};

/// The product sheet's state.
///
/// Closing keeps the product, so its content stays in place while the sheet
/// slides down, and reopening the same product shows it at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The product shown last, if any.
    pub product_id: Option<AttrValue>,
    /// Whether the sheet is up.
    pub open: bool,
}

/// What can happen to the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetAction {
    /// Show this product.
    Open(AttrValue),
    /// Slide the sheet away.
    Close,
}

impl Reducible for Sheet {
    type Action = SheetAction;

    fn reduce(self: Rc<Self>, action: SheetAction) -> Rc<Self> {
        match action {
            SheetAction::Open(product_id) => Rc::new(Sheet {
                product_id: Some(product_id),
                open: true,
            }),
            SheetAction::Close if !self.open => self,
            SheetAction::Close => Rc::new(Sheet {
                product_id: self.product_id.clone(),
                open: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_on_a_product_and_closes_keeping_it() {
        let sheet = Rc::new(Sheet::default()).reduce(SheetAction::Open("p1".into()));
        assert_eq!(sheet.product_id.as_deref(), Some("p1"));
        assert!(sheet.open);
        let sheet = sheet.reduce(SheetAction::Close);
        assert_eq!(sheet.product_id.as_deref(), Some("p1"));
        assert!(!sheet.open);
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
}
