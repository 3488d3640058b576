//! [`use_creator`]: a creator's tools for one stream, wired to the API and
//! the stream's live feed.

use std::rc::Rc;

use etalase_contract::{DealEvent, FeedEvent, FlashDeal, LiveVoucher, StreamEvent};
use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::alive;
use crate::api::{ApiClient, ApiError};
use crate::embed::events::ask_for_token;
use crate::embed::events::WidgetEvent;
use crate::hooks::use_live;
use crate::parts::creator::state::creator::{
    Change, CreatorAction, CreatorState, Queued, Search, Tab,
};
use crate::parts::creator::state::sales::SALES_RETRY_MS;
use crate::state::remote::Remote;

/// The creator's state for `stream_id`, and a way to load the showcase again.
///
/// Loads the showcase, sends the queued changes one at a time, runs the
/// catalogue search and the sales as the state asks (the sales when their
/// tab opens, and each time the live feed says they changed: a `sales`
/// event, which the server sends its creator when an order of the stream
/// is paid or an unpaid one ends, stock an order took or gave back, or a
/// snapshot after a reconnection; a failed refresh again after
/// [`SALES_RETRY_MS`]), and follows the stream's live feed for
/// stock; each flash deal the feed tells of goes
/// to `on_deal`, each live voucher it tells of, or a drop answers, to
/// `on_voucher`, and each stock change (an order placed or given back) to
/// `on_stock`. A refused token asks the host for another.
#[hook]
pub fn use_creator(
    client: Rc<ApiClient>,
    stream_id: AttrValue,
    on_event: &Callback<WidgetEvent>,
    on_deal: Callback<FlashDeal>,
    on_voucher: Callback<LiveVoucher>,
    on_stock: Callback<()>,
) -> (UseReducerHandle<CreatorState>, Callback<()>) {
    let state = use_reducer(CreatorState::default);
    let attempt = use_state_eq(|| 0_u32);
    {
        // The showcase, at first and on retry.
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        use_effect_with((stream_id.clone(), *attempt), move |(stream_id, _)| {
            let current = alive();
            let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
            spawn_local(async move {
                let result = client.showcase(&stream_id).await.map(Rc::new);
                if task.get() {
                    report(&result, &on_event);
                    dispatcher.dispatch(CreatorAction::Loaded(result));
                }
            });
            move || current.set(false)
        });
    }
    {
        // The head of the change queue.
        let head = state.next_change().cloned();
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        use_effect_with(
            (head, stream_id.clone()),
            move |(head, stream_id): &(Option<Queued>, AttrValue)| {
                let current = alive();
                if let Some(Queued { id, change }) = head.clone() {
                    let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
                    spawn_local(async move {
                        let result = match &change {
                            Change::Showcase(ids) => client.set_showcase(&stream_id, ids).await,
                            Change::Pin(product) => {
                                client.set_pin(&stream_id, product.as_deref()).await
                            }
                        }
                        .map(Rc::new);
                        if task.get() {
                            report(&result, &on_event);
                            dispatcher.dispatch(CreatorAction::Answered { id, result });
                        }
                    });
                }
                move || current.set(false)
            },
        );
    }
    {
        // The catalogue search, when the state asks for one.
        let asked = (state.results == Remote::Loading).then(|| state.search.clone());
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with(asked, move |asked: &Option<Search>| {
            let current = alive();
            if let Some(search) = asked.clone() {
                let task = Rc::clone(&current);
                spawn_local(async move {
                    let result = client.search(&search).await.map(Rc::new);
                    if task.get() {
                        dispatcher.dispatch(CreatorAction::Searched(result));
                    }
                });
            }
            move || current.set(false)
        });
    }
    {
        // The sales, each time the state asks for them.
        let fetching = state.sales.fetching;
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with(
            (fetching, stream_id.clone()),
            move |(fetching, stream_id)| {
                let current = alive();
                if fetching.is_some() {
                    let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
                    spawn_local(async move {
                        let result = client.sales(&stream_id).await.map(Rc::new);
                        if task.get() {
                            dispatcher.dispatch(CreatorAction::SalesLoaded(result));
                        }
                    });
                }
                move || current.set(false)
            },
        );
    }
    {
        // A failed refresh of the open tab, tried again after a while (each
        // failure, once no fetch is on its way).
        let retry = state.tab == Tab::Sales
            && state.sales.stale.is_some()
            && state.sales.fetching.is_none();
        let dispatcher = state.dispatcher();
        use_effect_with(retry, move |retry| {
            let timer = retry.then(|| {
                Timeout::new(SALES_RETRY_MS, move || {
                    dispatcher.dispatch(CreatorAction::RefreshSales)
                })
            });
            move || drop(timer)
        });
    }
    {
        // A live voucher, when one is dropped.
        let sending = state.drop.sending.clone();
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        let on_dropped = on_voucher.clone();
        use_effect_with((sending, stream_id.clone()), move |(sending, stream_id)| {
            let current = alive();
            if let Some(tap) = sending.clone() {
                let (stream_id, task) = (stream_id.clone(), Rc::clone(&current));
                spawn_local(async move {
                    let result = client
                        .drop_voucher(&stream_id, &tap.terms, &tap.key)
                        .await
                        .map(Rc::new);
                    if task.get() {
                        report(&result, &on_event);
                        if let Ok(voucher) = &result {
                            on_dropped.emit((**voucher).clone());
                        }
                        dispatcher.dispatch(CreatorAction::Dropped(result));
                    }
                });
            }
            move || current.set(false)
        });
    }
    let on_stream_event = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: FeedEvent| match event {
            FeedEvent::Stream(StreamEvent::Stock {
                product_id,
                product_stock,
                ..
            }) => {
                // Stock moves when an order is placed or given back: the
                // open sales tab's unpaid orders change with it.
                dispatcher.dispatch(CreatorAction::Restock {
                    product_id,
                    stock: product_stock,
                });
                dispatcher.dispatch(CreatorAction::RefreshSales);
                on_stock.emit(());
            }
            FeedEvent::Stream(StreamEvent::Voucher(voucher)) => on_voucher.emit(voucher),
            FeedEvent::Stream(StreamEvent::Sales) => {
                dispatcher.dispatch(CreatorAction::RefreshSales);
            }
            FeedEvent::Stream(StreamEvent::Snapshot {
                stock, vouchers, ..
            }) => {
                // Anything may have changed while the feed was away.
                dispatcher.dispatch(CreatorAction::RefreshSales);
                for voucher in vouchers {
                    on_voucher.emit(voucher);
                }
                for entry in stock {
                    dispatcher.dispatch(CreatorAction::Restock {
                        product_id: entry.product_id,
                        stock: entry.stock,
                    });
                }
            }
            FeedEvent::Stream(_) => {}
            FeedEvent::Deal(DealEvent::Deal(deal)) => on_deal.emit(deal),
        })
    };
    use_live(
        Rc::clone(&client),
        stream_id,
        state.is_loaded(),
        0,
        on_event,
        on_stream_event,
    );
    let retry = Callback::from(move |()| attempt.set(attempt.wrapping_add(1)));
    (state, retry)
}

/// Tells the host about a refused token.
fn report<T>(result: &Result<T, ApiError>, on_event: &Callback<WidgetEvent>) {
    if let Err(error) = result {
        ask_for_token(error, on_event);
    }
}
