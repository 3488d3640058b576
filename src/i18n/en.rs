//! US English (en-US) texts.

use super::Text;

/// The English text for `key`.
pub(super) fn text(key: Text) -> &'static str {
    match key {
        Text::ProductsInStream => "Products in this stream",
        Text::Pinned => "Pinned",
        Text::SoldOut => "Sold out",
        Text::StockLow => "Only {} left",
        Text::StockPlenty => "{} in stock",
        Text::SoldCount => "{} sold",
        Text::PriceBeforeDiscount => "Price before discount",
        Text::ShipsFrom => "Ships from {}",
        Text::Description => "Description",
        Text::ProductPhotos => "Product photos",
        Text::ProductDetails => "Product details",
        Text::LoadingProducts => "Loading products",
        Text::LoadingProduct => "Loading product details",
        Text::ShowcaseEmpty => "No products in this showcase yet.",
        Text::ErrorNetwork => "Can't connect. Check your internet connection.",
        Text::ErrorShowcaseNotFound => "This stream's showcase wasn't found.",
        Text::ErrorProductNotFound => "This product wasn't found.",
        Text::ErrorBusy => "The server is busy. Try again in a moment.",
        Text::ErrorGeneric => "Something went wrong while loading.",
        Text::Retry => "Try again",
        Text::Close => "Close",
    }
}
