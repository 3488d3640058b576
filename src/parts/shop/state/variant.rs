//! [`VariantChoice`]: choosing one value per option axis in the product sheet.
//!
//! A value is *available* when some in-stock variant has it and agrees with
//! the values chosen on the other axes. The sheet opens on the first in-stock
//! variant. Choosing an available value selects it; choosing the selected
//! value again clears it, so every in-stock combination stays reachable even
//! when two axes block each other; choosing an unavailable value does nothing.
//!
//! The quantity to buy lives here too, because its bound is the chosen
//! variant's stock: it is kept as set and read back within 1 and that stock.

use std::rc::Rc;

use etalase_contract::{ProductDetail, Variant, MAX_UNITS_PER_VARIANT};

use crate::state::label::PriceSpan;
use yew::Reducible;

use super::cart::Line;

/// The chosen value on each axis of one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantChoice {
    product: Rc<ProductDetail>,
    chosen: Vec<Option<String>>,
    /// The quantity as the shopper set it; see [`VariantChoice::quantity`].
    quantity: u32,
}

/// What the shopper can do to the choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantAction {
    /// Tap `value` on option axis `axis`.
    Choose {
        /// Index into the product's options.
        axis: usize,
        /// One of that option's values.
        value: String,
    },
    /// Set the quantity to buy.
    SetQuantity(u32),
    /// The same product with fresher stock (from the live feed): choices
    /// are kept, availability and the quantity's bound follow the stock.
    Restock(Rc<ProductDetail>),
}

/// One value's chip, as the sheet draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// The option value.
    pub value: String,
    /// Whether it is the chosen value on its axis.
    pub checked: bool,
    /// Whether some variant with it is in stock: choosing it keeps the
    /// other choices that go with it and clears those that do not.
    pub available: bool,
}

impl VariantChoice {
    /// The choice the sheet opens with: the first variant in stock, else the
    /// first variant at all, else nothing chosen.
    pub fn new(product: Rc<ProductDetail>) -> Self {
        let axes = product.options.len();
        let complete = |variant: &&Variant| variant.option_values.len() == axes;
        let start = product
            .variants
            .iter()
            .filter(complete)
            .find(|variant| variant.stock > 0)
            .or_else(|| product.variants.iter().find(complete));
        let chosen = match start {
            Some(variant) => variant.option_values.iter().cloned().map(Some).collect(),
            None => vec![None; axes],
        };
        VariantChoice {
            product,
            chosen,
            quantity: 1,
        }
    }

    /// The quantity to buy: as set, within 1 and [`VariantChoice::most`].
    pub fn quantity(&self) -> u32 {
        self.quantity.clamp(1, self.most().max(1))
    }

    /// Whether a variant other than the chosen one is in stock.
    pub fn others_in_stock(&self) -> bool {
        let chosen = self.variant().map(|variant| variant.id.as_str());
        self.product
            .variants
            .iter()
            .any(|variant| variant.stock > 0 && Some(variant.id.as_str()) != chosen)
    }

    /// The most units of the choice one shopper can take: its stock, and
    /// no more than [`MAX_UNITS_PER_VARIANT`].
    pub fn most(&self) -> u32 {
        self.stock().min(MAX_UNITS_PER_VARIANT)
    }

    /// The cart line the choice makes: the chosen variant, when in stock,
    /// in [`VariantChoice::quantity`] units.
    pub fn line(&self) -> Option<Line> {
        let variant = self.variant().filter(|variant| variant.stock > 0)?;
        Some(Line::of(&self.product, variant, self.quantity()))
    }

    /// The value chosen on `axis`, if any.
    pub fn chosen(&self, axis: usize) -> Option<&str> {
        self.chosen.get(axis).and_then(Option::as_deref)
    }

    /// The variant chosen, once every axis has a value that names one.
    pub fn variant(&self) -> Option<&Variant> {
        let values: Option<Vec<String>> = self.chosen.iter().cloned().collect();
        values.and_then(|values| self.product.variant_for(&values))
    }

    /// Whether some variant with `value` on `axis` is in stock.
    pub fn is_available(&self, axis: usize, value: &str) -> bool {
        self.product.variants.iter().any(|variant| {
            variant.stock > 0 && variant.option_values.get(axis).map(String::as_str) == Some(value)
        })
    }

    /// Whether a variant in stock has `value` on `axis` and `other` on
    /// axis `other_axis`.
    fn go_together(&self, axis: usize, value: &str, other_axis: usize, other: &str) -> bool {
        self.product.variants.iter().any(|variant| {
            variant.stock > 0
                && variant.option_values.get(axis).map(String::as_str) == Some(value)
                && variant.option_values.get(other_axis).map(String::as_str) == Some(other)
        })
    }

    /// The chips of option `axis`, in the option's order.
    pub fn chips(&self, axis: usize) -> Vec<Chip> {
        let Some(option) = self.product.options.get(axis) else {
            return Vec::new();
        };
        option
            .values
            .iter()
            .map(|value| Chip {
                value: value.clone(),
                checked: self.chosen(axis) == Some(value.as_str()),
                available: self.is_available(axis, value),
            })
            .collect()
    }

    /// The price of the chosen variant, or the range of those still possible
    /// (in stock if any is), or `None` for a product without variants.
    pub fn price(&self) -> Option<PriceSpan> {
        if let Some(variant) = self.variant() {
            return Some(PriceSpan::One {
                price: variant.price,
                original: variant.original_price,
            });
        }
        let matching: Vec<&Variant> = self.matching().collect();
        let in_stock: Vec<&Variant> = matching.iter().copied().filter(|v| v.stock > 0).collect();
        let pool = [in_stock, matching]
            .into_iter()
            .find(|pool| !pool.is_empty())
            .unwrap_or_else(|| self.product.variants.iter().collect());
        let low = pool.iter().map(|variant| variant.price).min()?;
        let high = pool.iter().map(|variant| variant.price).max()?;
        if low != high {
            return Some(PriceSpan::Range { low, high });
        }
        let original = pool.first().and_then(|first| first.original_price);
        let same_original = pool
            .iter()
            .all(|variant| variant.original_price == original);
        Some(PriceSpan::One {
            price: low,
            original: original.filter(|_| same_original),
        })
    }

    /// Units in stock of the chosen variant, or of all variants still possible.
    pub fn stock(&self) -> u32 {
        match self.variant() {
            Some(variant) => variant.stock,
            None => self
                .matching()
                .map(|variant| variant.stock)
                .fold(0, u32::saturating_add),
        }
    }

    /// The variants that agree with every chosen value.
    fn matching(&self) -> impl Iterator<Item = &Variant> {
        self.product
            .variants
            .iter()
            .filter(|variant| self.agrees(variant, None))
    }

    /// Whether `variant` agrees with the chosen values on every axis but `skip`.
    fn agrees(&self, variant: &Variant, skip: Option<usize>) -> bool {
        variant.option_values.len() == self.chosen.len()
            && self
                .chosen
                .iter()
                .zip(&variant.option_values)
                .enumerate()
                .all(|(axis, (chosen, value))| {
                    Some(axis) == skip || chosen.as_ref().is_none_or(|chosen| chosen == value)
                })
    }
}

impl Reducible for VariantChoice {
    type Action = VariantAction;

    fn reduce(self: Rc<Self>, action: VariantAction) -> Rc<Self> {
        let (axis, value) = match action {
            VariantAction::Choose { axis, value } => (axis, value),
            VariantAction::Restock(product) => {
                if Rc::ptr_eq(&product, &self.product) || product.id != self.product.id {
                    return self;
                }
                let mut choice = (*self).clone();
                choice.product = product;
                return Rc::new(choice);
            }
            VariantAction::SetQuantity(quantity) => {
                let quantity = quantity.clamp(1, self.most().max(1));
                if quantity == self.quantity() {
                    return self;
                }
                let mut choice = (*self).clone();
                choice.quantity = quantity;
                return Rc::new(choice);
            }
        };
        // A radio: choosing the chosen value changes nothing, and a value no
        // variant in stock has cannot be chosen.
        if self.chosen(axis) == Some(value.as_str())
            || axis >= self.chosen.len()
            || !self.is_available(axis, &value)
        {
            return self;
        }
        let mut choice = (*self).clone();
        for (other_axis, other) in choice.chosen.iter_mut().enumerate() {
            let keeps = other_axis == axis
                || other
                    .as_deref()
                    .is_none_or(|other| self.go_together(axis, &value, other_axis, other));
            if !keeps {
                *other = None;
            }
        }
        choice.chosen[axis] = Some(value);
        Rc::new(choice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{ProductOption, Rupiah, ShopSummary};

    fn variant(id: &str, values: &[&str], price: i64, stock: u32) -> Variant {
        Variant {
            id: id.into(),
            option_values: values.iter().map(|value| value.to_string()).collect(),
            price: Rupiah(price),
            original_price: None,
            stock,
            weight_grams: 200,
        }
    }

    fn product(options: &[(&str, &[&str])], variants: Vec<Variant>) -> Rc<ProductDetail> {
        Rc::new(ProductDetail {
            id: "p1".into(),
            name: "Kaos".into(),
            description: String::new(),
            image_urls: vec![],
            shop: ShopSummary {
                id: "s1".into(),
                name: "Toko".into(),
                city: "Bandung".into(),
            },
            sold_count: 0,
            options: options
                .iter()
                .map(|(name, values)| ProductOption {
                    name: name.to_string(),
                    values: values.iter().map(|value| value.to_string()).collect(),
                })
                .collect(),
            variants,
        })
    }

    /// Colour × size, where red-M and blue-S are sold out.
    fn tee() -> Rc<ProductDetail> {
        product(
            &[("Warna", &["Merah", "Biru"]), ("Ukuran", &["S", "M"])],
            vec![
                variant("rs", &["Merah", "S"], 89_000, 4),
                variant("rm", &["Merah", "M"], 89_000, 0),
                variant("bs", &["Biru", "S"], 99_000, 0),
                variant("bm", &["Biru", "M"], 99_000, 20),
            ],
        )
    }

    fn choose(choice: Rc<VariantChoice>, axis: usize, value: &str) -> Rc<VariantChoice> {
        choice.reduce(VariantAction::Choose {
            axis,
            value: value.into(),
        })
    }

    /// The chosen value on each of the first `axes` axes.
    fn checked(choice: &VariantChoice, axes: usize) -> Vec<Option<&str>> {
        (0..axes).map(|axis| choice.chosen(axis)).collect()
    }

    #[test]
    fn preselects_the_first_variant_in_stock() {
        let product = product(
            &[("Ukuran", &["S", "M", "L"])],
            vec![
                variant("s", &["S"], 50_000, 0),
                variant("m", &["M"], 55_000, 2),
                variant("l", &["L"], 60_000, 9),
            ],
        );
        let choice = VariantChoice::new(product);
        assert_eq!(checked(&choice, 1), [Some("M")]);
        assert_eq!(choice.variant().map(|v| v.id.as_str()), Some("m"));
        assert_eq!(choice.stock(), 2);
    }

    #[test]
    fn preselects_the_first_variant_when_all_are_sold_out() {
        let product = product(
            &[("Ukuran", &["S", "M"])],
            vec![
                variant("s", &["S"], 50_000, 0),
                variant("m", &["M"], 55_000, 0),
            ],
        );
        let choice = VariantChoice::new(product);
        assert_eq!(checked(&choice, 1), [Some("S")]);
        assert_eq!(choice.stock(), 0);
        assert!(choice.chips(0).iter().all(|chip| !chip.available));
    }

    #[test]
    fn a_product_without_options_has_its_single_variant_chosen() {
        let choice = VariantChoice::new(product(&[], vec![variant("only", &[], 25_000, 7)]));
        assert_eq!(choice.variant().map(|v| v.id.as_str()), Some("only"));
        assert_eq!(
            choice.price(),
            Some(PriceSpan::One {
                price: Rupiah(25_000),
                original: None
            })
        );
    }

    #[test]
    fn disables_only_values_no_variant_in_stock_has() {
        let choice = VariantChoice::new(tee());
        assert_eq!(checked(&choice, 2), [Some("Merah"), Some("S")]);
        let sizes = choice.chips(1);
        assert_eq!(
            sizes,
            [
                Chip {
                    value: "S".into(),
                    checked: true,
                    available: true
                },
                Chip {
                    value: "M".into(),
                    checked: false,
                    available: true
                },
            ],
            "Merah-M is sold out, Biru-M is not"
        );
        let sizes = product(
            &[("Ukuran", &["S", "L"])],
            vec![
                variant("s", &["S"], 50_000, 3),
                variant("l", &["L"], 50_000, 0),
            ],
        );
        let chips = VariantChoice::new(sizes).chips(0);
        assert!(chips[0].available && !chips[1].available, "no L anywhere");
    }

    #[test]
    fn choosing_the_chosen_or_an_unknown_value_changes_nothing() {
        let choice = Rc::new(VariantChoice::new(tee()));
        for (axis, value) in [(0, "Merah"), (1, "S"), (0, "Hijau"), (9, "S")] {
            let after = choose(choice.clone(), axis, value);
            assert!(
                Rc::ptr_eq(&choice, &after),
                "{axis} {value}: a radio stays checked"
            );
        }
    }

    #[test]
    fn a_value_clears_the_choices_it_does_not_go_with() {
        let choice = Rc::new(VariantChoice::new(tee()));
        // Merah-M is sold out: choosing M clears the colour.
        let choice = choose(choice, 1, "M");
        assert_eq!(checked(&choice, 2), [None, Some("M")]);
        assert_eq!(choice.variant(), None);
        assert_eq!(choice.stock(), 20, "only Biru-M is left in size M");
        let choice = choose(choice, 0, "Biru");
        assert_eq!(choice.variant().map(|v| v.id.as_str()), Some("bm"));
        assert_eq!(
            choice.price(),
            Some(PriceSpan::One {
                price: Rupiah(99_000),
                original: None
            })
        );
        // Biru goes with M: choosing Merah back clears M, not the colour.
        let choice = choose(choice, 0, "Merah");
        assert_eq!(checked(&choice, 2), [Some("Merah"), None]);
    }

    #[test]
    fn an_incomplete_choice_shows_the_price_range_of_what_is_possible() {
        let shirts = product(
            &[("Warna", &["Merah", "Biru"]), ("Ukuran", &["S", "M", "L"])],
            vec![
                variant("rs", &["Merah", "S"], 89_000, 4),
                variant("bs", &["Biru", "S"], 99_000, 0),
                variant("bm", &["Biru", "M"], 99_000, 5),
                variant("bl", &["Biru", "L"], 109_000, 2),
            ],
        );
        let choice = choose(Rc::new(VariantChoice::new(shirts)), 0, "Biru");
        assert_eq!(
            checked(&choice, 2),
            [Some("Biru"), None],
            "Biru-S is sold out"
        );
        assert_eq!(
            choice.price(),
            Some(PriceSpan::Range {
                low: Rupiah(99_000),
                high: Rupiah(109_000)
            })
        );
        assert_eq!(choice.stock(), 7);
    }

    #[test]
    fn a_chosen_variant_shows_its_discount() {
        let mut discounted = variant("d", &["S"], 80_000, 3);
        discounted.original_price = Some(Rupiah(100_000));
        let choice = VariantChoice::new(product(&[("Ukuran", &["S"])], vec![discounted]));
        assert_eq!(
            choice.price(),
            Some(PriceSpan::One {
                price: Rupiah(80_000),
                original: Some(Rupiah(100_000))
            })
        );
    }

    #[test]
    fn the_quantity_stays_within_one_and_the_stock_of_the_choice() {
        let choice = Rc::new(VariantChoice::new(tee()));
        assert_eq!(choice.quantity(), 1);
        let set = |choice: Rc<VariantChoice>, quantity| {
            choice.reduce(VariantAction::SetQuantity(quantity))
        };
        let choice = set(choice, 3);
        assert_eq!(choice.quantity(), 3);
        let choice = set(choice, 9);
        assert_eq!(choice.quantity(), 4, "Merah-S has 4");
        let same = set(Rc::clone(&choice), 4);
        assert!(Rc::ptr_eq(&same, &choice));
        assert_eq!(set(Rc::clone(&choice), 0).quantity(), 1);
        let line = choice.line().expect("Merah-S is in stock");
        assert_eq!(
            (line.item.variant_id.as_str(), line.item.quantity),
            ("rs", 4)
        );

        // Biru-M has 20: the quantity set before is kept, not the cap, and
        // one shopper may hold no more than five.
        let choice = set(choice, 4);
        let choice = choose(choose(choose(choice, 0, "Merah"), 1, "M"), 0, "Biru");
        assert_eq!(choice.quantity(), 4);
        let choice = set(choice, 12);
        assert_eq!(choice.quantity(), MAX_UNITS_PER_VARIANT);
        assert_eq!(choice.most(), MAX_UNITS_PER_VARIANT);
        // Back on a variant with less stock, it reads as that stock.
        let choice = choose(choose(choose(choice, 0, "Biru"), 1, "S"), 0, "Merah");
        assert_eq!(choice.variant().map(|v| v.id.as_str()), Some("rs"));
        assert_eq!(choice.quantity(), 4);
    }

    #[test]
    fn fresher_stock_keeps_the_choice_and_moves_its_bounds() {
        let choice = Rc::new(VariantChoice::new(tee()));
        let choice = choice.reduce(VariantAction::SetQuantity(3));
        let mut fresher = (*tee()).clone();
        fresher.variants[0].stock = 2; // Merah-S: 4 -> 2
        fresher.variants[3].stock = 0; // Biru-M: sold out
        let choice = choice.reduce(VariantAction::Restock(Rc::new(fresher.clone())));
        assert_eq!(
            choice.variant().map(|v| v.id.as_str()),
            Some("rs"),
            "still chosen"
        );
        assert_eq!(choice.quantity(), 2, "bounded by the new stock");
        assert!(
            !choice.is_available(1, "M"),
            "Merah-M and Biru-M are both gone"
        );
        fresher.variants[0].stock = 0;
        let choice = choice.reduce(VariantAction::Restock(Rc::new(fresher.clone())));
        assert_eq!(choice.line(), None, "a sold-out variant cannot be added");
        fresher.id = "other".into();
        let same = Rc::clone(&choice).reduce(VariantAction::Restock(Rc::new(fresher)));
        assert!(
            Rc::ptr_eq(&same, &choice),
            "another product is not this one"
        );
    }

    #[test]
    fn no_line_is_made_without_a_variant_in_stock() {
        let choice = choose(Rc::new(VariantChoice::new(tee())), 1, "M");
        assert_eq!(choice.line(), None, "no colour chosen");
        let sold_out = product(&[("Ukuran", &["S"])], vec![variant("s", &["S"], 50_000, 0)]);
        assert_eq!(VariantChoice::new(sold_out).line(), None);
    }
}
