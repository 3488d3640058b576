//! The widget's visible pieces, one per file.
//!
//! Each renders what it is given and reports taps through typed callbacks;
//! none fetches. A piece with state or effects of its own (a variant choice,
//! focus handling, a timer), or one worth memoising by its props (a card), is
//! a component; every other piece is a *view function* returning `Html`.
//! A Yew component costs about 2 KB of generic code in the wasm (its scope,
//! lifecycle and props wrapper); a view function costs only its markup.
//! Both render through Yew's server-side renderer, which is how
//! `tests/render.rs` checks their markup.
//!
//! Classes are literal strings, with one branch per state where a class
//! varies (`class="card is-sold-out"` or `class="card"`), never `classes!`
//! or a computed `class={..}`: those go through Yew's `Classes`, an
//! `IndexSet` whose code adds about 4 KB gzip to the wasm.

mod address_form;
mod card_strip;
mod cart_button;
mod cart_line;
mod cart_sheet;
mod cart_shop;
mod cart_skeleton;
mod checkout_address;
mod checkout_payment;
mod checkout_sheet;
mod checkout_shops;
mod checkout_summary;
mod checkout_vouchers;
mod copy_button;
mod countdown;
mod creator_catalogue;
mod creator_panel;
mod creator_showcase;
mod creator_voucher;
mod description;
mod empty_showcase;
mod error_box;
mod gallery;
mod live_voucher;
mod mini_card;
mod offline_banner;
mod option_group;
mod order_history;
mod order_status;
mod orders_sheet;
mod payment_panel;
mod payment_qris;
mod payment_va;
mod price;
mod product_actions;
mod product_card;
mod product_info;
mod product_sheet;
mod qr;
mod quantity_stepper;
mod sheet_frame;
mod sheet_skeleton;
mod showcase_dock;
mod skeleton_strip;
mod stock_label;
mod toast;

pub use address_form::{problem, AddressForm, AddressFormProps, Field};
pub use card_strip::card_strip;
pub use cart_button::cart_button;
pub use cart_line::cart_line;
pub use cart_sheet::{cart_sheet, CartPanel};
pub use cart_shop::cart_shop;
pub use cart_skeleton::cart_skeleton;
pub use checkout_sheet::{checkout_sheet, CheckoutPanel};
pub use checkout_vouchers::{offer_terms, VoucherBox, VoucherBoxProps};
pub use copy_button::{CopyButton, CopyButtonProps};
pub use countdown::{Countdown, CountdownProps};
pub use creator_catalogue::{CatalogueSearch, CatalogueSearchProps};
pub use creator_panel::{creator_panel, CreatorPanel};
pub use creator_showcase::creator_showcase;
pub use creator_voucher::{VoucherForm, VoucherFormProps};
pub use description::description;
pub use empty_showcase::empty_showcase;
pub use error_box::{error_box, Subject};
pub use gallery::gallery;
pub use live_voucher::live_voucher;
pub use mini_card::{mini_card, MiniCard};
pub use offline_banner::offline_banner;
pub use option_group::option_group;
pub use order_history::order_history;
pub use order_status::order_status;
pub use orders_sheet::{orders_sheet, OrdersPanel};
pub use payment_panel::{payment_method_name, payment_panel, PaymentPanel};
pub use price::price;
pub use product_actions::product_actions;
pub use product_card::{ProductCard, ProductCardProps};
pub use product_info::{ProductInfo, ProductInfoProps};
pub use product_sheet::{product_sheet, ProductPanel};
pub use qr::{qr_svg_document, Qr, QrProps};
pub use quantity_stepper::quantity_stepper;
pub use sheet_frame::{SheetFrame, SheetFrameProps};
pub use sheet_skeleton::sheet_skeleton;
pub use showcase_dock::{showcase_dock, Dock};
pub use skeleton_strip::skeleton_strip;
pub use stock_label::stock_label;
pub use toast::{ToastBar, ToastBarProps};
