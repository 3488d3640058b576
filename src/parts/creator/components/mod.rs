//! Creator mode's visible pieces: the panel and its tabs (showcase,
//! catalogue search, vouchers).

mod creator_catalogue;
mod creator_panel;
mod creator_showcase;
mod creator_voucher;

pub use creator_catalogue::{CatalogueSearch, CatalogueSearchProps};
pub use creator_panel::{creator_panel, CreatorPanel};
pub use creator_showcase::creator_showcase;
pub use creator_voucher::{VoucherForm, VoucherFormProps};
