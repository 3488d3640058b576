//! The first part's screen, drawn with the DOM itself (decision 0010): the
//! dock with its cards ([`dock`], [`card`]), and what shows while a later
//! part is on its way ([`waiting`]). The later parts draw with Yew
//! (`crate::components` and their own); the shop keeps the dock up to date.

pub mod card;
pub mod dock;
pub mod dom;
pub mod focus;
pub mod icons;
pub mod waiting;
