//! Every user-visible string, in Indonesian (id-ID) and US English (en-US).
//!
//! Components never hold literal text: they ask for a [`Text`] in a
//! [`Locale`]. Each language lives in its own file with one exhaustive
//! `match`, so adding a key fails to compile until both languages have it.
//! Texts with a slot (`{}`) go through [`fill`]; counts go through [`count`]
//! (or [`compact`] where space is tight)
//! (and units through [`items`], which knows English plurals); money goes
//! through `Rupiah::format`.

mod en;
mod id;

use etalase_contract::Locale;

/// Declares [`Text`] and its list of every key from one list.
macro_rules! keys {
    ($($(#[doc = $doc:literal])+ $key:ident,)+) => {
        /// A key for one user-visible text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $($(#[doc = $doc])+ $key,)+
        }

        impl Text {
            /// Every key, in declaration order.
            pub const ALL: &'static [Text] = &[$(Text::$key,)+];
        }
    };
}

keys! {
    /// Label of the strip of product cards.
    ProductsInStream,
    /// Badge on the product the creator pinned.
    Pinned,
    /// A product or variant with no stock left.
    SoldOut,
    /// Stock of 5 or fewer; the slot is the number.
    StockLow,
    /// Stock above 5; the slot is the number.
    StockPlenty,
    /// Units sold; the slot is the grouped number.
    SoldCount,
    /// Prefix read before a struck-through price.
    PriceBeforeDiscount,
    /// Where the shop ships from; the slot is the city.
    ShipsFrom,
    /// Heading of the product description.
    Description,
    /// Label of the product photo gallery.
    ProductPhotos,
    /// Label of the product sheet before its product has loaded.
    ProductDetails,
    /// Label of the showcase while it loads.
    LoadingProducts,
    /// Label of the product sheet while it loads.
    LoadingProduct,
    /// The showcase has no products.
    ShowcaseEmpty,
    /// The request never got an answer.
    ErrorNetwork,
    /// The stream's showcase does not exist.
    ErrorShowcaseNotFound,
    /// The product does not exist.
    ErrorProductNotFound,
    /// The server is overloaded; retrying later should work.
    ErrorBusy,
    /// Any other failure.
    ErrorGeneric,
    /// Button that repeats a failed load.
    Retry,
    /// Button that closes a sheet.
    Close,
    /// Visible label of the button that folds the card strip away and back.
    ProductsToggle,
    /// The cart: its button's label and its sheet's title.
    Cart,
    /// Exactly one unit; the slot is the number.
    ItemsOne,
    /// Any other number of units; the slot is the number.
    ItemsMany,
    /// Button that puts the chosen variant in the cart.
    AddToCart,
    /// Button that puts the chosen variant in the cart and opens it, ticked alone.
    BuyNow,
    /// Label of a quantity stepper.
    Quantity,
    /// Button lowering a quantity by one.
    Decrease,
    /// Button raising a quantity by one.
    Increase,
    /// Shown instead of the quantity while the choice names no variant.
    ChooseVariant,
    /// A cart line's option values; the slot is the values.
    VariantIs,
    /// Label of a shop's checkbox; the slot is the shop.
    SelectShop,
    /// Label of a line's checkbox; the slot is the product.
    SelectLine,
    /// Label of a line's remove button; the slot is the product.
    RemoveLine,
    /// Toast after a line was removed.
    Removed,
    /// Button on the toast that puts a removed line back.
    Undo,
    /// Toast after a line went into the cart.
    Added,
    /// Toast: a cart change was undone for want of a connection.
    RefusedOffline,
    /// Toast: a cart change asked for more than the stock.
    RefusedStock,
    /// Toast: the product is no longer sold.
    RefusedGone,
    /// Toast: a cart change failed for another reason.
    RefusedFailed,
    /// The shopper's token expired or is missing.
    SessionEnded,
    /// Heading of the empty cart.
    CartEmpty,
    /// What to do about an empty cart.
    CartEmptyHint,
    /// Label of the cart while it loads.
    LoadingCart,
    /// Label of the ticked lines' total.
    Subtotal,
    /// Note under the subtotal.
    ShippingLater,
    /// A cart line above its stock; the slot is the units left.
    ShortStock,
    /// Banner while the device has no connection.
    Offline,
}

impl Text {
    /// This text in `locale`.
    pub fn get(self, locale: Locale) -> &'static str {
        match locale {
            Locale::IdId => id::text(self),
            Locale::EnUs => en::text(self),
        }
    }
}

/// `text` in `locale` with its `{}` slot replaced by `value`.
pub fn fill(locale: Locale, text: Text, value: &str) -> String {
    // Found by its `{` (a text holds at most one slot, see the tests), not
    // with `replacen("{}", ..)`, whose substring searcher is about 2 KB of wasm.
    let text = text.get(locale);
    match text.split_once('{') {
        Some((before, after)) => [before, value, after.strip_prefix('}').unwrap_or(after)].concat(),
        None => text.to_owned(),
    }
}

/// `n` units in words: `3 barang`, `1 item`, `1,200 items`.
pub fn items(locale: Locale, n: u32) -> String {
    let text = if n == 1 {
        Text::ItemsOne
    } else {
        Text::ItemsMany
    };
    fill(locale, text, &count(locale, n))
}

/// `n` in a few characters, for tight spots: `980`, `1,2 rb`, `12,5 rb`,
/// `3,4 jt` in id-ID; `980`, `1.2K`, `12.5K`, `3.4M` in en-US. Tenths are
/// cut, never rounded up, so a count is never overstated.
pub fn compact(locale: Locale, n: u32) -> String {
    let (point, thousands, millions) = match locale {
        Locale::IdId => (",", " rb", " jt"),
        Locale::EnUs => (".", "K", "M"),
    };
    let (tenths, suffix) = match n {
        0..=999 => return n.to_string(),
        1_000..=999_999 => (n / 100, thousands),
        _ => (n / 100_000, millions),
    };
    let fraction = tenths % 10;
    let whole = (tenths / 10).to_string();
    if fraction == 0 {
        [whole.as_str(), suffix].concat()
    } else {
        [whole.as_str(), point, &fraction.to_string(), suffix].concat()
    }
}

/// `n` with thousands grouped the way `locale` writes them: `12.500` or `12,500`.
pub fn count(locale: Locale, n: u32) -> String {
    locale.group_thousands(u64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [Locale; 2] = [Locale::IdId, Locale::EnUs];

    #[test]
    fn every_key_has_text_in_both_languages() {
        for &key in Text::ALL {
            for locale in LOCALES {
                assert!(
                    !key.get(locale).trim().is_empty(),
                    "{key:?} is empty in {locale:?}"
                );
            }
        }
    }

    #[test]
    fn both_languages_agree_on_slots() {
        for &key in Text::ALL {
            let slots = |locale| key.get(locale).matches("{}").count();
            assert_eq!(slots(Locale::IdId), slots(Locale::EnUs), "{key:?}");
            assert!(slots(Locale::IdId) <= 1, "{key:?} has more than one slot");
        }
    }

    #[test]
    fn languages_differ_where_they_should() {
        assert_eq!(Text::Pinned.get(Locale::IdId), "Disematkan");
        assert_eq!(Text::Pinned.get(Locale::EnUs), "Pinned");
        assert_eq!(Text::SoldOut.get(Locale::IdId), "Habis");
        assert_eq!(Text::SoldOut.get(Locale::EnUs), "Sold out");
    }

    #[test]
    fn fills_the_slot() {
        assert_eq!(
            fill(Locale::IdId, Text::ShipsFrom, "Bandung"),
            "Dikirim dari Bandung"
        );
        assert_eq!(
            fill(Locale::EnUs, Text::ShipsFrom, "Bandung"),
            "Ships from Bandung"
        );
        assert_eq!(fill(Locale::IdId, Text::StockLow, "3"), "Sisa 3");
        assert_eq!(fill(Locale::IdId, Text::StockPlenty, "24"), "Stok 24");
    }

    #[test]
    fn counts_units_in_words_with_english_plurals() {
        assert_eq!(items(Locale::IdId, 1), "1 barang");
        assert_eq!(items(Locale::IdId, 1_200), "1.200 barang");
        assert_eq!(items(Locale::EnUs, 1), "1 item");
        assert_eq!(items(Locale::EnUs, 0), "0 items");
        assert_eq!(items(Locale::EnUs, 1_200), "1,200 items");
    }

    #[test]
    fn compacts_counts_without_overstating_them() {
        assert_eq!(compact(Locale::IdId, 980), "980");
        assert_eq!(compact(Locale::IdId, 1_000), "1 rb");
        assert_eq!(compact(Locale::IdId, 1_290), "1,2 rb");
        assert_eq!(compact(Locale::IdId, 12_599), "12,5 rb");
        assert_eq!(compact(Locale::IdId, 999_999), "999,9 rb");
        assert_eq!(compact(Locale::IdId, 3_450_000), "3,4 jt");
        assert_eq!(compact(Locale::EnUs, 1_290), "1.2K");
        assert_eq!(compact(Locale::EnUs, 2_000_000), "2M");
        assert_eq!(compact(Locale::EnUs, u32::MAX), "4294.9M");
    }

    #[test]
    fn groups_counts_per_locale() {
        assert_eq!(count(Locale::IdId, 0), "0");
        assert_eq!(count(Locale::IdId, 999), "999");
        assert_eq!(count(Locale::IdId, 12_500), "12.500");
        assert_eq!(count(Locale::EnUs, 1_234_567), "1,234,567");
        assert_eq!(count(Locale::EnUs, u32::MAX), "4,294,967,295");
    }
}
