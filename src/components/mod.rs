//! The later parts' shared visible pieces, one per file, drawn with Yew
//! (the first part draws its own with the DOM: `crate::view`).
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

mod cart_button;
mod cart_skeleton;
mod choice;
mod error_box;
mod form;
mod price;
mod sheet_skeleton;

pub use cart_button::cart_button;
pub use cart_skeleton::cart_skeleton;
pub use choice::{choice_keys, choice_tabindex};
pub use error_box::{error_box, Subject};
pub use form::focus_field;
pub use price::{amount, price, with_amount};
pub use sheet_skeleton::sheet_skeleton;
