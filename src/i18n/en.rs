//! US English (en-US) texts.
//!
//! Only the texts the first part shows; the rest are in `later/en.rs`.

use super::Text;

/// The English text for `key`, if it is one of the first part's.
pub(super) fn text(key: Text) -> Option<&'static str> {
    Some(match key {
        Text::ProductsInStream => "Products in this stream",
        Text::Pinned => "Pinned",
        Text::OnScreen => "On screen",
        Text::SoldOut => "Sold out",
        Text::StockLow => "Only {} left",
        Text::SoldCount => "{} sold",
        Text::PriceBeforeDiscount => "Price before discount",
        Text::ProductDetails => "Product details",
        Text::LoadingProducts => "Loading products",
        Text::LoadingProduct => "Loading product details",
        Text::ShowcaseEmpty => "No products in this showcase yet.",
        Text::ErrorNetwork => "Can't connect. Check your internet connection.",
        Text::ErrorOriginRefused => "The shop can't open on this page yet.",
        Text::ErrorShowcaseNotFound => "This stream's showcase wasn't found.",
        Text::ErrorProductNotFound => "This product wasn't found.",
        Text::ErrorBusy => "The server is busy. Try again in a moment.",
        Text::ErrorGeneric => "Something went wrong while loading.",
        Text::ErrorPart => "Couldn't load. Check your connection, then try again.",
        Text::Loading => "Loading…",
        Text::Retry => "Try again",
        Text::Close => "Close",
        Text::ProductsToggle => "Products",
        Text::Cart => "Cart",
        Text::ItemsOne => "{} item",
        Text::ItemsMany => "{} items",
        Text::SessionEnded => "Your session ended. Try again in a moment.",
        Text::DealTitle => "Flash deal",
        Text::LoadingCart => "Loading your cart",
        _ => return None,
    })
}
