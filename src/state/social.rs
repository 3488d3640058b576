//! [`Social`]: the live feed's social proof as shown — how many watch the
//! stream now, while it is on air, and the purchase ticker's one line at a
//! time.

use std::rc::Rc;

use etalase_contract::{SocialEvent, UpcomingStreamList};
use yew::Reducible;

/// How long a ticker line stays, in milliseconds; a purchase heard while one
/// shows is dropped, never queued, so at most one line shows in that time.
pub const TICKER_MS: u32 = 5_000;

/// What the feed said of the stream's viewers and purchases.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Social {
    /// Open feeds of the stream, this viewer's included, once the feed said.
    pub viewers: Option<u32>,
    /// Whether the stream is known to be live now; until then no count shows.
    pub on_air: bool,
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
    /// The stream is live now.
    OnAir,
    /// Another stream: nothing of the last one stays.
    Reset,
}

impl Social {
    /// The viewers' count to show: a stream live now has viewers, a video
    /// or a stream still to come has none, whatever the feed counts.
    pub fn watching(&self) -> Option<u32> {
        self.viewers.filter(|_| self.on_air)
    }
}

/// In how many seconds live stream `stream_id` starts, `upcoming` being
/// the live streams still to come: 0 when it is not listed there, started.
pub fn seconds_to_start(upcoming: &UpcomingStreamList, stream_id: &str) -> u32 {
    let listed = upcoming
        .streams
        .iter()
        .find(|stream| stream.id == stream_id);
    listed.map_or(0, |stream| stream.seconds_until_start)
}

impl Reducible for Social {
    type Action = SocialAction;

    fn reduce(self: Rc<Self>, action: SocialAction) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            SocialAction::Heard(SocialEvent::Viewers { count }) => state.viewers = Some(count),
            SocialAction::OnAir => state.on_air = true,
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
    use etalase_contract::{CreatorSummary, UpcomingStream};

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
    fn the_count_shows_only_while_the_stream_is_on_air() {
        let counted = Rc::new(Social::default())
            .reduce(SocialAction::Heard(SocialEvent::Viewers { count: 1_234 }));
        assert_eq!(counted.watching(), None, "not known to be live yet");
        let live = counted.reduce(SocialAction::OnAir);
        assert_eq!(live.watching(), Some(1_234));
        let next = live.reduce(SocialAction::Reset);
        let next = next.reduce(SocialAction::Heard(SocialEvent::Viewers { count: 3 }));
        assert_eq!(
            next.watching(),
            None,
            "another stream is not known to be live"
        );
    }

    #[test]
    fn a_live_stream_starts_when_the_list_of_those_to_come_says() {
        let upcoming = UpcomingStreamList {
            streams: vec![UpcomingStream {
                id: "live-soon".into(),
                title: "Segera".into(),
                creator: CreatorSummary {
                    id: "crt".into(),
                    name: "@sari".into(),
                },
                product_count: 1,
                starts_at: "2026-12-05T12:00:00Z".into(),
                seconds_until_start: 90,
            }],
        };
        assert_eq!(seconds_to_start(&upcoming, "live-soon"), 90);
        assert_eq!(
            seconds_to_start(&upcoming, "live-now"),
            0,
            "not listed: started"
        );
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
