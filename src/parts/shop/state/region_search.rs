//! [`RegionSearch`]: the address form's "district or city" combobox as
//! data — what is typed, the one search on its way, the answer shown, and
//! the option the arrow keys are on.
//!
//! Searches are paced here, not in the component: typing waits for a
//! pause ([`DEBOUNCE_MS`]) before its text is searched, at most one search
//! is on its way at a time ([`RegionSearch::due`] names the next), and an
//! answer for a text no longer wanted is dropped.

use std::rc::Rc;

use etalase_contract::{Region, RegionSearch as Found};

use crate::api::ApiError;

/// How long typing must pause before the text is searched.
pub const DEBOUNCE_MS: u32 = 200;

/// The fewest letters or digits a word needs before the text is searched
/// (the server finds regions by words of 3 or more).
pub const MIN_LETTERS: usize = 3;

/// The longest search the server takes, in characters.
pub const MAX_CHARS: usize = 60;

/// What the last search answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Answer {
    /// Nothing searched yet, or the text is too short to search.
    #[default]
    Nothing,
    /// The regions found for `query`, best first (perhaps none).
    Found {
        /// The text searched.
        query: String,
        /// At most 20 regions.
        regions: Rc<Vec<Region>>,
        /// Whether more regions match than are listed: a longer text
        /// narrows them.
        more: bool,
    },
    /// The search for `query` failed; a retry may help.
    Failed {
        /// The text searched.
        query: String,
        /// Why.
        error: ApiError,
    },
}

impl Answer {
    /// The text this answers, if any.
    fn query(&self) -> Option<&str> {
        match self {
            Answer::Nothing => None,
            Answer::Found { query, .. } | Answer::Failed { query, .. } => Some(query),
        }
    }

    /// The regions found, or none.
    pub fn regions(&self) -> &[Region] {
        match self {
            Answer::Found { regions, .. } => regions,
            _ => &[],
        }
    }
}

/// A key the combobox answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Arrow down: opens the list, or the next option.
    Down,
    /// Arrow up: opens the list on its last option, or the previous one.
    Up,
    /// The first option, while one is active.
    Home,
    /// The last option, while one is active.
    End,
    /// Picks the active option.
    Enter,
    /// Closes the list; on a closed list, clears the text.
    Escape,
}

impl Key {
    /// The key `KeyboardEvent.key` names, if the combobox answers to it.
    pub fn from_name(name: &str) -> Option<Key> {
        Some(match name {
            "ArrowDown" | "Down" => Key::Down,
            "ArrowUp" | "Up" => Key::Up,
            "Home" => Key::Home,
            "End" => Key::End,
            "Enter" => Key::Enter,
            "Escape" | "Esc" => Key::Escape,
            _ => return None,
        })
    }
}

/// What a key does to the combobox as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMove {
    /// Nothing: the browser does what it does with the key (moves the
    /// caret, submits the form, closes the sheet).
    Pass,
    /// The list open with this option active (`None`: the text itself).
    Activate(Option<usize>),
    /// The option at this index is picked.
    Pick(usize),
    /// The list closes; the text stays.
    Close,
    /// The text is cleared.
    Clear,
    /// Nothing, but the key is kept from the browser (Enter on an open
    /// list with no option active must not submit the form).
    Hold,
}

/// The combobox.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionSearch {
    /// The text in the field.
    pub text: String,
    /// Whether the text is a picked region's path rather than typing.
    pub picked: bool,
    /// The text typing paused on, when it can be searched.
    settled: Option<String>,
    /// The text whose search is on its way.
    in_flight: Option<String>,
    /// The last answer for the text wanted.
    pub answer: Answer,
    /// Whether the list of options is shown.
    pub open: bool,
    /// The option the arrow keys are on.
    pub active: Option<usize>,
}

/// Whether `text` can be searched: a word of [`MIN_LETTERS`] letters or
/// digits (any character outside ASCII counts as a letter: the server
/// folds accents away).
pub fn searchable(text: &str) -> bool {
    text.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .any(|word| word.chars().count() >= MIN_LETTERS)
}

impl RegionSearch {
    /// A search started at `text`, searched at once (a legacy address's
    /// district, as it was typed).
    pub fn starting_at(text: &str) -> Self {
        let mut search = RegionSearch::default();
        search.typed(text.to_owned());
        search.settle(text);
        search
    }

    /// The text to search now: the text typing paused on, when no search
    /// is on its way and it has no answer yet.
    pub fn due(&self) -> Option<&str> {
        let wanted = self.settled.as_deref()?;
        let answered = self.answer.query() == Some(wanted);
        (self.in_flight.is_none() && !answered).then_some(wanted)
    }

    /// Whether the answer shown is not for the text wanted yet.
    pub fn searching(&self) -> bool {
        match &self.settled {
            Some(wanted) => self.answer.query() != Some(wanted.as_str()),
            None => !self.picked && searchable(&self.text),
        }
    }

    /// The regions the list shows.
    pub fn options(&self) -> &[Region] {
        if self.searching() {
            &[]
        } else {
            self.answer.regions()
        }
    }

    /// The shopper typed: the text is theirs again, nothing is active, and
    /// the search waits for a pause.
    pub fn typed(&mut self, text: String) {
        if !searchable(&text) {
            self.settled = None;
            self.answer = Answer::Nothing;
        }
        self.text = text;
        self.picked = false;
        self.open = true;
        self.active = None;
    }

    /// Typing paused on `text`: searched next, unless it changed since.
    pub fn settle(&mut self, text: &str) {
        if text == self.text && !self.picked && searchable(text) {
            self.settled = Some(text.trim().to_owned());
        }
    }

    /// The search for `query` left.
    pub fn sent(&mut self, query: String) {
        self.in_flight = Some(query);
    }

    /// The search for `query` answered: shown if it is still the text
    /// wanted, dropped otherwise (the text wanted then becomes [`due`]).
    /// A refusal of the text itself (400 naming `q`: too many words) reads
    /// as nothing found.
    ///
    /// [`due`]: RegionSearch::due
    pub fn answered(&mut self, query: String, result: Result<Found, ApiError>) {
        if self.in_flight.as_ref() == Some(&query) {
            self.in_flight = None;
        }
        if self.settled.as_ref() != Some(&query) {
            return;
        }
        self.active = None;
        self.answer = match result {
            Ok(found) => Answer::Found {
                query,
                regions: Rc::new(found.regions),
                more: found.more,
            },
            Err(ApiError::Api {
                status: 400, error, ..
            }) if error.field.as_deref() == Some("q") => Answer::Found {
                query,
                regions: Rc::default(),
                more: false,
            },
            Err(error) => Answer::Failed { query, error },
        };
    }

    /// Search the failed text again.
    pub fn retry(&mut self) {
        if matches!(self.answer, Answer::Failed { .. }) {
            self.answer = Answer::Nothing;
            self.open = true;
        }
    }

    /// `region` was picked: its path fills the field and the list closes.
    pub fn pick(&mut self, region: &Region) {
        self.text = region.path.clone();
        self.picked = true;
        self.settled = None;
        self.open = false;
        self.active = None;
    }

    /// The list closes (Escape, focus gone elsewhere).
    pub fn close(&mut self) {
        self.open = false;
        self.active = None;
    }

    /// What `key` does now.
    pub fn on_key(&self, key: Key) -> KeyMove {
        let count = self.options().len();
        let last = count.checked_sub(1);
        let open = self.open && count > 0;
        match key {
            Key::Down | Key::Up if count == 0 => KeyMove::Pass,
            Key::Down if !open => KeyMove::Activate(Some(0)),
            Key::Up if !open => KeyMove::Activate(last),
            Key::Down => KeyMove::Activate(match self.active {
                Some(at) if at + 1 < count => Some(at + 1),
                Some(_) => Some(0),
                None => Some(0),
            }),
            Key::Up => KeyMove::Activate(match self.active {
                Some(0) | None => last,
                Some(at) => Some(at - 1),
            }),
            Key::Home if open && self.active.is_some() => KeyMove::Activate(Some(0)),
            Key::End if open && self.active.is_some() => KeyMove::Activate(last),
            Key::Home | Key::End => KeyMove::Pass,
            Key::Enter => match self.active {
                Some(at) if open && at < count => KeyMove::Pick(at),
                _ if self.open && !self.text.is_empty() && !self.picked => KeyMove::Hold,
                _ => KeyMove::Pass,
            },
            Key::Escape if self.open && (count > 0 || self.searching()) => KeyMove::Close,
            // Text typed and not picked; a picked place is never wiped by Escape.
            Key::Escape if !self.text.is_empty() && !self.picked => KeyMove::Clear,
            Key::Escape => KeyMove::Pass,
        }
    }

    /// Applies a key's move other than a pick (which the place makes).
    pub fn apply(&mut self, key_move: KeyMove) {
        match key_move {
            KeyMove::Activate(active) => {
                self.open = true;
                self.active = active;
            }
            KeyMove::Close => self.close(),
            KeyMove::Clear => self.typed(String::new()),
            KeyMove::Pass | KeyMove::Hold | KeyMove::Pick(_) => {}
        }
    }
}

/// `name` cut into runs, each marked when it is the start of one of its
/// words that a word of `query` begins (case aside): what the list shows
/// in bold, so the shopper sees why a region was found.
pub fn marks(name: &str, query: &str) -> Vec<(String, bool)> {
    let words: Vec<String> = query
        .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut push = |text: &str, marked: bool| match runs.last_mut() {
        Some((last, was)) if *was == marked => last.push_str(text),
        _ if !text.is_empty() => runs.push((text.to_owned(), marked)),
        _ => {}
    };
    let mut rest = name;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| !c.is_ascii() || c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        push(&rest[..start], false);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let lower = word.to_ascii_lowercase();
        let matched = words
            .iter()
            .filter(|query| lower.starts_with(query.as_str()))
            .map(String::len)
            .max()
            .unwrap_or(0);
        push(&word[..matched], true);
        push(&word[matched..], false);
        rest = &rest[end..];
    }
    runs
}

#[cfg(test)]
mod tests {
    use etalase_contract::{ErrorBody, ErrorCode, RegionLevel};

    use super::*;

    fn region(name: &str, path: &str) -> Region {
        Region {
            code: "32.73.02".into(),
            level: RegionLevel::District,
            name: name.into(),
            path: path.into(),
            postal_code: None,
        }
    }

    fn found(n: usize) -> Result<Found, ApiError> {
        Ok(Found {
            regions: (0..n)
                .map(|_| region("Coblong", "Coblong, Kota Bandung, Jawa Barat"))
                .collect(),
            more: false,
        })
    }

    /// A search typed as `text`, paused on, sent and answered with `n` regions.
    fn answered(text: &str, n: usize) -> RegionSearch {
        let mut search = RegionSearch::default();
        search.typed(text.into());
        search.settle(text);
        search.sent(text.into());
        search.answered(text.into(), found(n));
        search
    }

    #[test]
    fn a_search_waits_for_three_letters_and_a_pause() {
        let mut search = RegionSearch::default();
        search.typed("co".into());
        search.settle("co");
        assert_eq!(search.due(), None, "two letters are not searched");
        search.typed("cob".into());
        assert_eq!(search.due(), None, "not before the pause");
        assert!(search.searching());
        search.settle("co");
        assert_eq!(search.due(), None, "a pause on an older text is ignored");
        search.settle("cob");
        assert_eq!(search.due(), Some("cob"));
        assert!(searchable("kec. cob"));
        assert!(!searchable("a b c"));
        assert!(searchable("bél"), "letters outside ASCII count");
    }

    #[test]
    fn one_search_at_a_time_and_a_stale_answer_is_dropped() {
        let mut search = RegionSearch::default();
        search.typed("cob".into());
        search.settle("cob");
        search.sent("cob".into());
        assert_eq!(search.due(), None, "one on its way");
        search.typed("coblo".into());
        search.settle("coblo");
        assert_eq!(search.due(), None, "still one on its way");
        search.answered("cob".into(), found(3));
        assert_eq!(search.answer, Answer::Nothing, "cob's answer is stale");
        assert!(search.options().is_empty());
        assert_eq!(search.due(), Some("coblo"), "the text wanted goes next");
        search.sent("coblo".into());
        search.answered("coblo".into(), found(1));
        assert_eq!(search.options().len(), 1);
        assert_eq!(search.due(), None);
    }

    #[test]
    fn a_failed_search_is_retried_and_a_refused_text_finds_nothing() {
        let mut search = RegionSearch::default();
        search.typed("coblong".into());
        search.settle("coblong");
        search.sent("coblong".into());
        search.answered("coblong".into(), Err(ApiError::Network("offline".into())));
        assert!(matches!(search.answer, Answer::Failed { .. }));
        assert_eq!(search.due(), None, "not again by itself");
        assert_eq!(search.text, "coblong", "the typing is kept");
        search.retry();
        assert_eq!(search.due(), Some("coblong"));

        let refused = ApiError::Api {
            status: 400,
            error: ErrorBody::new(ErrorCode::BadRequest, "q has at most 6 words")
                .with_field("q")
                .error,
            retry_after: None,
        };
        search.sent("coblong".into());
        search.answered("coblong".into(), Err(refused));
        assert_eq!(
            search.answer,
            Answer::Found {
                query: "coblong".into(),
                regions: Rc::default(),
                more: false,
            }
        );
    }

    #[test]
    fn an_answer_says_whether_more_regions_match_than_it_lists() {
        let mut search = RegionSearch::default();
        search.typed("kar".into());
        search.settle("kar");
        search.sent("kar".into());
        let mut twenty = found(20).expect("found");
        twenty.more = true;
        search.answered("kar".into(), Ok(twenty));
        assert!(matches!(search.answer, Answer::Found { more: true, .. }));
        assert_eq!(search.options().len(), 20);
        let listed_all = answered("coblong", 2);
        assert!(matches!(
            listed_all.answer,
            Answer::Found { more: false, .. }
        ));
    }

    #[test]
    fn arrows_open_the_list_and_move_through_it_wrapping() {
        let mut search = answered("cob", 3);
        search.close();
        assert_eq!(search.on_key(Key::Down), KeyMove::Activate(Some(0)));
        assert_eq!(search.on_key(Key::Up), KeyMove::Activate(Some(2)));
        search.apply(KeyMove::Activate(Some(0)));
        assert!(search.open);
        assert_eq!(search.on_key(Key::Down), KeyMove::Activate(Some(1)));
        assert_eq!(search.on_key(Key::Up), KeyMove::Activate(Some(2)), "wraps");
        search.apply(KeyMove::Activate(Some(2)));
        assert_eq!(
            search.on_key(Key::Down),
            KeyMove::Activate(Some(0)),
            "wraps"
        );
        assert_eq!(search.on_key(Key::Home), KeyMove::Activate(Some(0)));
        assert_eq!(search.on_key(Key::End), KeyMove::Activate(Some(2)));
        assert_eq!(search.on_key(Key::Enter), KeyMove::Pick(2));
    }

    #[test]
    fn home_and_end_move_the_caret_until_an_option_is_active() {
        let search = answered("cob", 3);
        assert_eq!(search.active, None);
        assert_eq!(search.on_key(Key::Home), KeyMove::Pass);
        assert_eq!(search.on_key(Key::End), KeyMove::Pass);
        assert_eq!(
            search.on_key(Key::Enter),
            KeyMove::Hold,
            "Enter on the open list does not submit the form"
        );
        let empty = answered("xyz", 0);
        assert_eq!(empty.on_key(Key::Down), KeyMove::Pass);
    }

    #[test]
    fn escape_closes_the_list_then_clears_the_text_then_lets_the_sheet_close() {
        let mut search = answered("cob", 3);
        assert_eq!(search.on_key(Key::Escape), KeyMove::Close);
        search.apply(KeyMove::Close);
        assert!(!search.open);
        assert_eq!(search.text, "cob", "closing keeps the text");
        assert_eq!(search.on_key(Key::Escape), KeyMove::Clear);
        search.apply(KeyMove::Clear);
        assert_eq!(search.text, "");
        assert_eq!(search.answer, Answer::Nothing);
        search.close();
        assert_eq!(search.on_key(Key::Escape), KeyMove::Pass);
        // A place picked stays: Escape lets the sheet close instead.
        let mut picked = answered("cob", 3);
        picked.picked = true;
        picked.close();
        assert_eq!(picked.on_key(Key::Escape), KeyMove::Pass);
    }

    #[test]
    fn a_pick_fills_the_path_and_is_not_searched() {
        let mut search = answered("cob", 3);
        search.pick(&region("Coblong", "Coblong, Kota Bandung, Jawa Barat"));
        assert_eq!(search.text, "Coblong, Kota Bandung, Jawa Barat");
        assert!(!search.open);
        search.settle("Coblong, Kota Bandung, Jawa Barat");
        assert_eq!(search.due(), None, "the path is not searched");
        assert!(!search.searching());
        assert_eq!(search.on_key(Key::Enter), KeyMove::Pass, "Enter submits");
        search.typed("Coblong, Kota Bandung, Jawa Bara".into());
        assert!(!search.picked, "editing the path searches again");
    }

    #[test]
    fn a_legacy_district_is_searched_at_once() {
        let search = RegionSearch::starting_at("Coblong");
        assert_eq!(search.due(), Some("Coblong"));
        assert!(search.open);
    }

    #[test]
    fn the_start_of_each_matching_word_is_marked() {
        let runs = |name: &str, query: &str| -> Vec<(String, bool)> { marks(name, query) };
        assert_eq!(
            runs("Coblong", "cob"),
            [("Cob".to_owned(), true), ("long".to_owned(), false)]
        );
        assert_eq!(
            runs("Kota Bandung", "kota band"),
            [
                ("Kota".to_owned(), true),
                (" ".to_owned(), false),
                ("Band".to_owned(), true),
                ("ung".to_owned(), false)
            ]
        );
        assert_eq!(runs("Dago", "xyz"), [("Dago".to_owned(), false)]);
        assert_eq!(
            runs("Lebak Siliwangi", "siliwangi lebak"),
            [
                ("Lebak".to_owned(), true),
                (" ".to_owned(), false),
                ("Siliwangi".to_owned(), true)
            ]
        );
    }
}
