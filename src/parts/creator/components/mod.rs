//! Creator mode's visible pieces: the panel and its tabs (showcase,
//! catalogue search, vouchers, flash deals).

mod creator_catalogue;
mod creator_deal_list;
mod creator_deals;
mod creator_panel;
mod creator_showcase;
mod creator_voucher;
mod creator_voucher_list;
mod end_confirm;

pub use creator_catalogue::{CatalogueSearch, CatalogueSearchProps};
pub use creator_deal_list::deal_list;
pub use creator_deals::{DealForm, DealFormProps};
pub use creator_panel::{creator_panel, CreatorPanel};
pub use creator_showcase::{CreatorShowcase, CreatorShowcaseProps};
pub use creator_voucher::{VoucherForm, VoucherFormProps};
pub use creator_voucher_list::{VoucherList, VoucherListProps};
pub use end_confirm::{EndConfirm, EndConfirmProps};

/// Milliseconds of the page's clock, to tell a repeated tap
/// ([`crate::parts::creator::state::tap::Tap`]) and count vouchers down.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> i64 {
    // Whole milliseconds: a tap's moment needs no finer.
    js_sys::Date::now() as i64
}

/// Milliseconds of the system clock (for the server-side renderer and
/// native tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
        })
}
