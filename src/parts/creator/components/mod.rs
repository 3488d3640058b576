//! Creator mode's visible pieces: the panel and its tabs (showcase,
//! catalogue search, vouchers, flash deals).

mod creator_catalogue;
mod creator_deal_list;
mod creator_deals;
mod creator_panel;
mod creator_showcase;
mod creator_voucher;

pub use creator_catalogue::{CatalogueSearch, CatalogueSearchProps};
pub use creator_deal_list::{deal_list, EndConfirm, EndConfirmProps};
pub use creator_deals::{DealForm, DealFormProps};
pub use creator_panel::{creator_panel, CreatorPanel};
pub use creator_showcase::creator_showcase;
pub use creator_voucher::{VoucherForm, VoucherFormProps};

/// Milliseconds of the page's clock, to tell a repeated tap
/// ([`crate::parts::creator::state::tap::Tap`]).
fn now_ms() -> i64 {
    // Whole milliseconds: a tap's moment needs no finer.
    js_sys::Date::now() as i64
}
