//! The icons' paths (24 × 24), drawn by the first part and by the shop.

/// The chevron of the fold toggle.
pub const CHEVRON: &str = "M12 15.5 5.5 9l1.4-1.4 5.1 5.1 5.1-5.1L18.5 9z";

/// The shopping bag of the cart button.
pub const BAG: &str = "M7 8V7a5 5 0 0 1 10 0v1h2.2a1 1 0 0 1 1 .9l1 11A2 2 0 0 1 19.2 22H4.8a2 2 0 0 1-2-2.1l1-11a1 1 0 0 1 1-.9H7zm2 0h6V7a3 3 0 0 0-6 0v1zm-1 3.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zm8 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z";
