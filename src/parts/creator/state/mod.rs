//! Creator mode's reducers.

pub mod creator;
pub mod deals;
pub mod number;
pub mod sales;
pub mod tap;
pub mod voucher_terms;
pub mod vouchers;
