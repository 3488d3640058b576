//! [`use_vouchers`]: the stream's live vouchers as their creator manages
//! them, wired to the API.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::alive;
use crate::api::ApiClient;
use crate::embed::events::{ask_for_token, WidgetEvent};
use crate::parts::creator::state::vouchers::{CreatorVouchers, VouchersAction};
use crate::state::remote::Remote;

/// The live vouchers of `stream_id`: the list loaded at first and when
/// asked again or refreshed, each end sent as the state asks. The live feed's word on
/// each voucher is dispatched as [`VouchersAction::Heard`] by the caller.
/// `now_ms` reads the page's clock, to count down from each arrival. A
/// refused token asks the host for another.
#[hook]
pub fn use_vouchers(
    client: Rc<ApiClient>,
    stream_id: AttrValue,
    on_event: &Callback<WidgetEvent>,
    now_ms: fn() -> i64,
) -> UseReducerHandle<CreatorVouchers> {
    let state = use_reducer(CreatorVouchers::default);
    {
        // The list, at first and when asked again or refreshed.
        let loading = state.list == Remote::Loading || state.refreshing;
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        use_effect_with((loading, stream_id.clone()), move |(loading, stream_id)| {
            let current = alive();
            if *loading {
                let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
                spawn_local(async move {
                    let result = client.stream_vouchers(&stream_id).await.map(Rc::new);
                    if task.get() {
                        if let Err(error) = &result {
                            ask_for_token(error, &on_event);
                        }
                        dispatcher.dispatch(VouchersAction::Listed {
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
        // The end asked for, once.
        let ending = state.ending.clone();
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with((ending, stream_id), move |(ending, stream_id)| {
            if let Some(code) = ending.clone() {
                let stream_id = stream_id.clone();
                spawn_local(async move {
                    let result = client.end_voucher(&stream_id, &code).await;
                    dispatcher.dispatch(VouchersAction::Ended {
                        code,
                        result,
                        at_ms: now_ms(),
                    });
                });
            }
        });
    }
    state
}
