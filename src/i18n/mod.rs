//! Every user-visible string, in Indonesian (id-ID) and US English (en-US).
//!
//! Components never hold literal text: they ask for a [`Text`] in a
//! [`Locale`]. Each language lives in its own file with one exhaustive
//! `match`, so adding a key fails to compile until both languages have it.
//! Texts with a slot (`{}`) go through [`fill`]; counts go through [`count`];
//! money goes through `Rupiah::format`.

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
    /// Button that closes the product sheet.
    Close,
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

/// `n` with thousands grouped the way `locale` writes them: `12.500` or `12,500`.
pub fn count(locale: Locale, n: u32) -> String {
    let separator = match locale {
        Locale::IdId => '.',
        Locale::EnUs => ',',
    };
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
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
    fn groups_counts_per_locale() {
        assert_eq!(count(Locale::IdId, 0), "0");
        assert_eq!(count(Locale::IdId, 999), "999");
        assert_eq!(count(Locale::IdId, 12_500), "12.500");
        assert_eq!(count(Locale::EnUs, 1_234_567), "1,234,567");
        assert_eq!(count(Locale::EnUs, u32::MAX), "4,294,967,295");
    }
}
