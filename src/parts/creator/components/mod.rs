//! Creator mode's visible pieces: the panel and its tabs (showcase,
//! catalogue search, vouchers, flash deals).

mod countdown;
mod creator_catalogue;
mod creator_deal_list;
mod creator_deals;
mod creator_panel;
mod creator_sales;
mod creator_showcase;
mod creator_voucher;
mod creator_voucher_list;
mod end_confirm;
mod refocus;
mod touch_drag;

pub use creator_catalogue::{CatalogueSearch, CatalogueSearchProps};
pub use creator_deal_list::{deal_list, DealList};
pub use creator_deals::{DealForm, DealFormProps};
pub use creator_panel::{creator_panel, CreatorPanel};
pub use creator_sales::sales_view;
pub use creator_showcase::{CreatorShowcase, CreatorShowcaseProps};
pub use creator_voucher::{VoucherForm, VoucherFormProps};
pub use creator_voucher_list::{VoucherList, VoucherListProps};
pub use end_confirm::{EndConfirm, EndConfirmProps};

pub use crate::parts::monotonic::now_ms;
