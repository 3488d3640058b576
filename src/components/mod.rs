//! The widget's visible pieces, one component per file.
//!
//! Components render what their props hold and report taps through typed
//! callbacks; none of them fetches. That keeps them renderable on the
//! server side, which is how `tests/render.rs` checks their markup.
//!
//! Classes are literal strings, with one branch per state where a class
//! varies (`class="card is-sold-out"` or `class="card"`), never `classes!`
//! or a computed `class={..}`: those go through Yew's `Classes`, an
//! `IndexSet` whose code adds about 4 KB gzip to the wasm.

mod card_strip;
mod description;
mod empty_showcase;
mod error_box;
mod gallery;
mod option_group;
mod price;
mod product_card;
mod product_info;
mod product_sheet;
mod sheet_skeleton;
mod showcase_dock;
mod skeleton_strip;
mod stock_label;

pub use card_strip::{CardStrip, CardStripProps};
pub use description::{Description, DescriptionProps};
pub use empty_showcase::{EmptyShowcase, EmptyShowcaseProps};
pub use error_box::{ErrorBox, ErrorBoxProps, Subject};
pub use gallery::{Gallery, GalleryProps};
pub use option_group::{OptionGroup, OptionGroupProps};
pub use price::{Price, PriceProps};
pub use product_card::{ProductCard, ProductCardProps};
pub use product_info::{ProductInfo, ProductInfoProps};
pub use product_sheet::{ProductSheet, ProductSheetProps};
pub use sheet_skeleton::{SheetSkeleton, SheetSkeletonProps};
pub use showcase_dock::{ShowcaseDock, ShowcaseDockProps};
pub use skeleton_strip::{SkeletonStrip, SkeletonStripProps};
pub use stock_label::{StockLabel, StockLabelProps};
