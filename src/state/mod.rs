//! Pure state: data shapes and reducers with no DOM in sight, tested natively.

pub mod deal_view;
pub mod failure;
pub mod label;
pub mod live;
pub mod remote;
pub mod retry;
pub mod shelf;
pub mod social;

/// A showcase card for unit tests: named by its `id`, Rp10.000 at Toko in
/// Solo, with `stock` units, pinned or not.
#[cfg(test)]
pub(crate) fn test_card(id: &str, stock: u32, pinned: bool) -> etalase_contract::ProductCard {
    use etalase_contract::{ProductCard, Rupiah, ShopSummary};
    ProductCard {
        id: id.into(),
        name: id.into(),
        image_url: String::new(),
        price: Rupiah(10_000),
        original_price: None,
        shop: ShopSummary {
            id: "s".into(),
            name: "Toko".into(),
            city: "Solo".into(),
        },
        sold_count: 0,
        stock,
        deal_units: 0,
        pinned,
    }
}
