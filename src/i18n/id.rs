//! Indonesian (id-ID) texts: the default language.

use super::Text;

/// The Indonesian text for `key`.
pub(super) fn text(key: Text) -> &'static str {
    match key {
        Text::ProductsInStream => "Produk di siaran ini",
        Text::Pinned => "Disematkan",
        Text::SoldOut => "Habis",
        Text::StockLow => "Sisa {}",
        Text::StockPlenty => "Stok {}",
        Text::SoldCount => "{} terjual",
        Text::PriceBeforeDiscount => "Harga sebelum diskon",
        Text::ShipsFrom => "Dikirim dari {}",
        Text::Description => "Deskripsi",
        Text::ProductPhotos => "Foto produk",
        Text::ProductDetails => "Detail produk",
        Text::LoadingProducts => "Memuat produk",
        Text::LoadingProduct => "Memuat detail produk",
        Text::ShowcaseEmpty => "Belum ada produk di etalase ini.",
        Text::ErrorNetwork => "Tidak bisa terhubung. Periksa koneksi internetmu.",
        Text::ErrorShowcaseNotFound => "Etalase siaran ini tidak ditemukan.",
        Text::ErrorProductNotFound => "Produk ini tidak ditemukan.",
        Text::ErrorBusy => "Server sedang sibuk. Coba lagi sebentar lagi.",
        Text::ErrorGeneric => "Terjadi kendala saat memuat.",
        Text::Retry => "Coba lagi",
        Text::Close => "Tutup",
    }
}
