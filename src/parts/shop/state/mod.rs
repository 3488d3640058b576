//! The shop part's reducers and rules, no web-sys, tested natively: the
//! cart, the checkout (its couriers beyond the options in `couriers`), the
//! clock, the flash deals, the sheet that is up,
//! the variant choice, where a new address is (`place`, with its search
//! in `region_search`), the shopper's own payment check
//! (`status_check`), what a video's tags say at a second (`tags`), and a
//! stream still to come (`upcoming`).

pub mod cart;
pub mod checkout;
pub mod clock;
pub mod couriers;
pub mod deals;
pub mod place;
pub mod region_search;
pub mod sheet;
pub mod status_check;
pub mod tags;
pub mod upcoming;
pub mod variant;
