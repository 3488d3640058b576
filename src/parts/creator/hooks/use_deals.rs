//! [`use_deals`]: a creator's flash deals on one stream, wired to the API.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::alive;
use crate::api::ApiClient;
use crate::embed::events::ask_for_token;
use crate::embed::events::WidgetEvent;
use crate::parts::creator::state::deals::{CreatorDeals, DealsAction};
use crate::parts::monotonic::now_ms;
use crate::state::remote::Remote;

/// The creator's deals on `stream_id`: whether the stream is live, the list
/// and the chosen product's variants loaded when the state asks, a deal started and each end sent
/// as the state asks. The live feed's word
/// on each deal is dispatched as [`DealsAction::Heard`] by the caller. A
/// refused token asks the host for another.
#[hook]
pub fn use_deals(
    client: Rc<ApiClient>,
    stream_id: AttrValue,
    on_event: &Callback<WidgetEvent>,
) -> UseReducerHandle<CreatorDeals> {
    let state = use_reducer(CreatorDeals::default);
    {
        // The list, at first and when asked again.
        let loading = state.list == Remote::Loading;
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        use_effect_with((loading, stream_id.clone()), move |(loading, stream_id)| {
            let current = alive();
            if *loading {
                let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
                spawn_local(async move {
                    let result = client.stream_deals(&stream_id).await.map(Rc::new);
                    if task.get() {
                        if let Err(error) = &result {
                            ask_for_token(error, &on_event);
                        }
                        dispatcher.dispatch(DealsAction::Listed {
                            result,
                            at_ms: now_ms(),
                        });
                    }
                });
            }
            move || current.set(false)
        });
    }
    {
        // Whether the stream is live: deals run only there.
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with(stream_id.clone(), move |stream_id| {
            let current = alive();
            let (stream_id, task) = (stream_id.to_string(), Rc::clone(&current));
            spawn_local(async move {
                let result = client.creator_streams().await.map(Rc::new);
                if task.get() {
                    dispatcher.dispatch(DealsAction::Streams { stream_id, result });
                }
            });
            move || current.set(false)
        });
    }
    {
        // The chosen product's variants, each time the state asks for them.
        let asked = (state.chosen.clone(), state.detail_asked);
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with(asked, move |(chosen, _)| {
            let current = alive();
            if let Some(product_id) = chosen.clone() {
                let task = Rc::clone(&current);
                spawn_local(async move {
                    let result = client.product(&product_id).await.map(Rc::new);
                    if task.get() {
                        dispatcher.dispatch(DealsAction::Detailed { product_id, result });
                    }
                });
            }
            move || current.set(false)
        });
    }
    {
        // A deal, when one is started.
        let starting = state.starting.clone();
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        use_effect_with(
            (starting, stream_id.clone()),
            move |(starting, stream_id)| {
                let current = alive();
                if let Some(tap) = starting.clone() {
                    let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
                    spawn_local(async move {
                        let result = client.start_deal(&stream_id, &tap.terms, &tap.key).await;
                        if task.get() {
                            if let Err(error) = &result {
                                ask_for_token(error, &on_event);
                            }
                            dispatcher.dispatch(DealsAction::Started {
                                result,
                                at_ms: now_ms(),
                            });
                        }
                    });
                }
                move || current.set(false)
            },
        );
    }
    {
        // The end asked for, once.
        let ending = state.ending.clone();
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with((ending, stream_id), move |(ending, stream_id)| {
            if let Some(deal_id) = ending.clone() {
                let stream_id = stream_id.clone();
                spawn_local(async move {
                    let result = client.end_deal(&stream_id, &deal_id).await;
                    dispatcher.dispatch(DealsAction::Ended {
                        deal_id,
                        result,
                        at_ms: now_ms(),
                    });
                });
            }
        });
    }
    state
}
