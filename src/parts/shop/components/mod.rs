//! The shop part's visible pieces, one per file (see `crate::components`
//! for the conventions): the product sheet, cart, checkout and its
//! sections, payment instructions, orders, the mini card, toasts, and the
//! viewers' count and purchase ticker (`social_proof`), a stream still
//! to come (`upcoming_banner`), and the other videos that feature the open
//! product (`other_videos`).

mod address_form;
mod cart_line;
mod cart_sheet;
mod cart_shop;
mod catalogue_words;
mod checkout_address;
mod checkout_deal;
mod checkout_payment;
mod checkout_sheet;
mod checkout_shops;
mod checkout_summary;
mod checkout_vouchers;
mod copy_button;
mod countdown;
mod deal_banner;
mod description;
mod gallery;
mod live_voucher;
mod mini_card;
mod offline_banner;
mod option_group;
mod order_history;
mod order_status;
mod orders_sheet;
mod other_videos;
mod payment_panel;
mod payment_qris;
mod payment_va;
mod product_actions;
mod product_info;
mod product_sheet;
mod qr;
mod quantity_stepper;
mod region_combobox;
mod region_picker;
mod sheet_deal;
mod sheet_frame;
mod social_proof;
mod stock_label;
mod toast;
mod upcoming_banner;

pub use address_form::{problem, AddressForm, AddressFormProps, Field};
pub use cart_line::cart_line;
pub use cart_sheet::{cart_sheet, CartPanel};
pub use cart_shop::cart_shop;
pub use catalogue_words::{catalogue_words, with_value};
pub use checkout_sheet::{checkout_sheet, CheckoutPanel};
pub use checkout_summary::payment_breakdown;
pub use checkout_vouchers::{offer_terms, VoucherBox, VoucherBoxProps};
pub use copy_button::{CopyButton, CopyButtonProps};
pub use countdown::{Countdown, CountdownProps};
pub use deal_banner::{DealBanner, DealBannerProps};
pub use description::description;
pub use gallery::{Gallery, GalleryProps};
pub use live_voucher::{voucher_said, LiveVoucherBanner, LiveVoucherBannerProps};
pub use mini_card::{mini_card, MiniCard};
pub use offline_banner::offline_banner;
pub use option_group::option_group;
pub use order_history::order_history;
pub use order_status::order_status;
pub use orders_sheet::{orders_sheet, OrdersPanel, Resuming};
pub use other_videos::other_videos;
pub use payment_panel::{payment_method_name, payment_panel, PaymentPanel};
pub use product_actions::product_actions;
pub use product_info::{ProductInfo, ProductInfoProps};
pub use product_sheet::{product_sheet, ProductPanel};
pub use qr::{qr_svg_document, Qr, QrProps};
pub use quantity_stepper::quantity_stepper;
pub use region_combobox::region_combobox;
pub use sheet_deal::{SheetDeal, SheetDealProps};
pub use sheet_frame::{sheet_scroll, SheetFrame, SheetFrameProps};
pub use social_proof::social_proof;
pub use stock_label::stock_label;
pub use toast::{ToastBar, ToastBarProps};
pub use upcoming_banner::{upcoming_banner, UpcomingBanner};
