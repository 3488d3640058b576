//! Indonesian (id-ID) texts: the default language.
//!
//! Only the texts the first part shows; the rest are in `later/id.rs`.

use super::Text;

/// The Indonesian text for `key`, if it is one of the first part's.
pub(super) fn text(key: Text) -> Option<&'static str> {
    Some(match key {
        Text::ProductsInStream => "Produk di siaran ini",
        Text::Pinned => "Disematkan",
        Text::OnScreen => "Dibahas",
        Text::SoldOut => "Habis",
        Text::StockLow => "Sisa {}",
        Text::SoldCount => "{} terjual",
        Text::PriceBeforeDiscount => "Harga sebelum diskon",
        Text::ProductDetails => "Detail produk",
        Text::LoadingProducts => "Memuat produk",
        Text::LoadingProduct => "Memuat detail produk",
        Text::ShowcaseEmpty => "Belum ada produk di etalase ini.",
        Text::ErrorNetwork => "Tidak bisa terhubung. Periksa koneksi internetmu.",
        Text::ErrorOriginRefused => "Toko belum bisa dibuka di halaman ini.",
        Text::ErrorShowcaseNotFound => "Etalase siaran ini tidak ditemukan.",
        Text::ErrorProductNotFound => "Produk ini tidak ditemukan.",
        Text::ErrorBusy => "Server sedang sibuk. Coba lagi sebentar lagi.",
        Text::ErrorGeneric => "Terjadi kendala saat memuat.",
        Text::ErrorPart => "Gagal memuat. Periksa koneksimu, lalu coba lagi.",
        Text::Loading => "Memuat…",
        Text::Retry => "Coba lagi",
        Text::Close => "Tutup",
        Text::ProductsToggle => "Produk",
        Text::Cart => "Keranjang",
        Text::ItemsOne => "{} barang",
        Text::ItemsMany => "{} barang",
        Text::SessionEnded => "Sesimu berakhir. Coba lagi sebentar lagi.",
        Text::DealTitle => "Flash deal",
        Text::LoadingCart => "Memuat keranjang",
        _ => return None,
    })
}
