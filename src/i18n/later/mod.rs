//! The texts only the later parts show, kept out of the first part: a part
//! registers this table when it first draws ([`register`]). Nothing of this
//! module is in the first part (`cargo xtask test` checks its names).

use etalase_contract::Locale;

use super::Text;

mod en;
mod id;

/// Makes the later parts' texts readable; each part calls it as it draws.
pub fn register() {
    super::LATER.with(|registered| registered.set(Some(table)));
}

/// The later parts' texts: the text of `key` in `locale`, if it is theirs.
pub(super) fn table(key: Text, locale: Locale) -> Option<&'static str> {
    match locale {
        Locale::IdId => id::text(key),
        Locale::EnUs => en::text(key),
    }
}
