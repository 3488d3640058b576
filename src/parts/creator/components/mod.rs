//! Creator mode's visible pieces: the panel and its tabs (showcase,
//! catalogue search, vouchers, flash deals).

mod creator_catalogue;
mod creator_deals;
mod creator_panel;
mod creator_showcase;
mod creator_voucher;

pub use creator_catalogue::{CatalogueSearch, CatalogueSearchProps};
pub use creator_deals::{deal_list, DealForm, DealFormProps};
pub use creator_panel::{creator_panel, CreatorPanel};
pub use creator_showcase::creator_showcase;
pub use creator_voucher::{VoucherForm, VoucherFormProps};
