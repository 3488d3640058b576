//! [`use_ticker`]: a purchase ticker's line goes after its time.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::state::social::{Social, SocialAction, TICKER_MS};

/// Takes the ticker's line away [`TICKER_MS`] after it came.
#[hook]
pub fn use_ticker(social: &UseReducerHandle<Social>) {
    let line = social.line.as_ref().map(|line| line.id);
    let dispatcher = social.dispatcher();
    use_effect_with(line, move |line| {
        let timer = line.map(|id| {
            Timeout::new(TICKER_MS, move || {
                dispatcher.dispatch(SocialAction::Gone(id));
            })
        });
        move || drop(timer)
    });
}
