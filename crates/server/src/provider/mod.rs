//! The simulated Indonesian payment provider.
//!
//! It plays the part a real gateway plays: it answers payment instructions
//! for a new payment ([`instructions`]) and tells the marketplace what
//! became of a payment through signed webhooks.

mod instructions;

pub use instructions::instructions;
