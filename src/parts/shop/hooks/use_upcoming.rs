//! [`use_upcoming`]: the live streams still to come, read once.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiClient;
use crate::parts::monotonic;
use crate::parts::shop::state::upcoming::Upcoming;

/// Once `enabled` (the first cards are shown), reads the upcoming streams
/// once for the widget's life: their countdowns run on the page's clock
/// from then on, so a swipe to another stream asks nothing. A failure
/// leaves none shown; the cards and the rest of the shop are unaffected.
#[hook]
pub fn use_upcoming(client: &Rc<ApiClient>, enabled: bool) -> Option<Rc<Upcoming>> {
    let upcoming = use_state_eq(|| None::<Rc<Upcoming>>);
    {
        let (client, upcoming) = (Rc::clone(client), upcoming.setter());
        use_effect_with(enabled, move |enabled| {
            if *enabled {
                spawn_local(async move {
                    if let Ok(list) = client.upcoming_streams().await {
                        upcoming.set(Some(Rc::new(Upcoming {
                            list,
                            heard_at_ms: monotonic::now_ms(),
                        })));
                    }
                });
            }
        });
    }
    (*upcoming).clone()
}
