//! HTTP tests of `etalase-server`, in one test binary.
//!
//! Each test builds the app on its own temporary SQLite file, seeded with the
//! demo catalogue, and drives it in-process with `tower::ServiceExt::oneshot`;
//! `serve` starts the real server on a free port and talks HTTP to it.

// clippy.toml allows unwrap in `#[test]` functions; the helpers they call
// should fail the same way.
#![allow(clippy::unwrap_used, reason = "a failing test helper should panic")]

mod addresses;
mod attacks;
mod bad_input;
mod cart;
mod catalogue;
mod creator;
mod deals;
mod errors;
mod faults;
mod figures;
mod health;
mod helpers;
mod hoarding;
mod hygiene;
mod identity;
mod instances;
mod live;
mod media;
mod names;
mod openapi;
mod operations;
mod orders;
mod origins;
mod payments;
mod powers;
mod properties;
mod proxies;
mod publishable;
mod quote;
mod regions;
mod sales;
mod search;
mod seed;
mod serve;
mod showcases;
mod site;
mod social;
mod tags;
mod upcoming;
mod vouchers;
