//! [`Social`]: the live feed's social proof as shown — how many watch the
//! stream now, and the purchase ticker's one line at a time.

use std::rc::Rc;

use etalase_contract::SocialEvent;
use yew::Reducible;

/// How long a ticker line stays, in milliseconds; a purchase heard while one
/// shows is dropped, never queued, so at most one line shows in that time.
pub const TICKER_MS: u32 = 5_000;

/// What the feed said of the stream's viewers and purchases.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Social {
    /// Open feeds of the stream, this viewer's included, once the feed said.
    pub viewers: Option<u32>,
    /// The purchase shown now, if any.
    pub line: Option<TickerLine>,
    next_id: u32,
}

/// One line of the purchase ticker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickerLine {
    /// Unique within one [`Social`], so the line's timer ends this line alone.
    pub id: u32,
    /// The buyer's masked first name (`R***a`), or `None` when unnamed.
    pub buyer: Option<String>,
    /// The product bought, as the catalogue names it.
    pub product_name: String,
}

/// What changes the social proof shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocialAction {
    /// The feed said this.
    Heard(SocialEvent),
    /// The line with this id has been shown long enough.
    Gone(u32),
    /// Another stream: nothing of the last one stays.
    Reset,
}

impl Reducible for Social {
    type Action = SocialAction;

    fn reduce(self: Rc<Self>, action: SocialAction) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            SocialAction::Heard(SocialEvent::Viewers { count }) => state.viewers = Some(count),
            // One line at a time: a purchase heard while one shows is dropped.
            SocialAction::Heard(SocialEvent::Purchase { .. }) if state.line.is_some() => {
                return self
            }
            SocialAction::Heard(SocialEvent::Purchase {
                buyer,
                product_name,
                ..
            }) => {
                state.line = Some(TickerLine {
                    id: state.next_id,
                    buyer,
                    product_name,
                });
                state.next_id = state.next_id.wrapping_add(1);
            }
            SocialAction::Gone(id) if state.line.as_ref().is_some_and(|line| line.id == id) => {
                state.line = None;
            }
            SocialAction::Gone(_) => return self,
            SocialAction::Reset => return Rc::new(Social::default()),
        }
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purchase(buyer: Option<&str>, product_name: &str) -> SocialAction {
        SocialAction::Heard(SocialEvent::Purchase {
            buyer: buyer.map(str::to_owned),
            product_id: "p".into(),
            product_name: product_name.into(),
        })
    }

    #[test]
    fn the_count_is_the_feeds_latest() {
        let state = Rc::new(Social::default());
        assert_eq!(
            state.viewers, None,
            "nothing is invented before the feed says"
        );
        let state = state.reduce(SocialAction::Heard(SocialEvent::Viewers { count: 1_234 }));
        let state = state.reduce(SocialAction::Heard(SocialEvent::Viewers { count: 1_240 }));
        assert_eq!(state.viewers, Some(1_240));
        assert_eq!(state.reduce(SocialAction::Reset).viewers, None);
    }

    #[test]
    fn one_line_at_a_time_and_the_next_only_once_it_has_gone() {
        let state = Rc::new(Social::default()).reduce(purchase(Some("R***a"), "Kemeja Parang"));
        let first = state.line.clone().expect("a line");
        assert_eq!(first.buyer.as_deref(), Some("R***a"));
        let state = state.reduce(purchase(Some("S***i"), "Sambal Roa"));
        assert_eq!(state.line.as_ref(), Some(&first), "dropped, not queued");
        let state = state.reduce(SocialAction::Gone(first.id.wrapping_add(7)));
        assert_eq!(state.line.as_ref(), Some(&first), "another line's timer");
        let state = state.reduce(SocialAction::Gone(first.id));
        assert_eq!(state.line, None);
        let state = state.reduce(purchase(None, "Sambal Roa"));
        let next = state.line.clone().expect("the next line");
        assert_ne!(next.id, first.id);
        assert_eq!(next.buyer, None);
    }
}
