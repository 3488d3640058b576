//! [`use_place`]: the address form's [`Place`], wired to the API — the
//! search sent once typing pauses, one at a time, and the lists of
//! districts and villages loaded as a pick needs them; what failed is
//! asked for again when the browser is back online.

use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiClient;
use crate::parts::shop::hooks::alive;
use crate::parts::shop::state::place::{Place, PlaceAction};
use crate::parts::shop::state::region_search::DEBOUNCE_MS;

/// The place of an address, searched through `client`, from `start`: a
/// legacy address's district as typed searched at once, a saved address's
/// village or a draft's pick with its lists loaded, or nothing yet.
///
/// Answers arriving after the form has gone are dropped; an answer for a
/// text no longer wanted is dropped by [`Place`] itself, which then names
/// the next search, so at most one is on its way.
#[hook]
pub fn use_place(client: Rc<ApiClient>, start: Place) -> UseReducerHandle<Place> {
    let place = use_reducer(move || start);
    let mounted = use_memo((), |()| alive());
    {
        let mounted = Rc::clone(&mounted);
        use_effect_with((), move |()| move || mounted.set(false));
    }
    {
        // Back online: a failed search (what was typed kept) and a failed
        // list are asked for again by themselves.
        let dispatcher = place.dispatcher();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "online", move |_| {
                    dispatcher.dispatch(PlaceAction::RetrySearch);
                    dispatcher.dispatch(PlaceAction::RetryChildren);
                })
            });
            move || drop(listener)
        });
    }
    {
        // Typing paused: the text is searched next.
        let dispatcher = place.dispatcher();
        use_effect_with(place.search.text.clone(), move |text| {
            let text = text.clone();
            let timeout = Timeout::new(DEBOUNCE_MS, move || {
                dispatcher.dispatch(PlaceAction::Settle(text));
            });
            move || drop(timeout)
        });
    }
    {
        let due = place.search.due().map(str::to_owned);
        let (client, dispatcher, mounted) =
            (Rc::clone(&client), place.dispatcher(), Rc::clone(&mounted));
        use_effect_with(due, move |due| {
            if let Some(query) = due.clone() {
                dispatcher.dispatch(PlaceAction::Sent(query.clone()));
                spawn_local(async move {
                    let result = client.search_regions(&query).await;
                    if mounted.get() {
                        dispatcher.dispatch(PlaceAction::Found(query, result));
                    }
                });
            }
        });
    }
    {
        let due = place.children_due().map(str::to_owned);
        let dispatcher = place.dispatcher();
        use_effect_with(due, move |due| {
            if let Some(code) = due.clone() {
                dispatcher.dispatch(PlaceAction::ChildrenSent(code.clone()));
                spawn_local(async move {
                    let result = client.region_children(&code).await.map(Rc::new);
                    if mounted.get() {
                        dispatcher.dispatch(PlaceAction::ChildrenLoaded(code, result));
                    }
                });
            }
        });
    }
    place
}
