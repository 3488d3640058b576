//! [`use_live`]: the stream's live feed, kept connected, and its social
//! proof.

use std::cell::Cell;
use std::rc::Rc;

use etalase_contract::{ErrorCode, FeedEvent};
use gloo_timers::future::TimeoutFuture;
use web_sys::AbortController;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{ApiClient, ApiError, Heard};
use crate::embed::events::ask_for_token;
use crate::embed::events::WidgetEvent;
use crate::state::live::Live;
use crate::state::social::{Social, SocialAction};

/// The first wait before reconnecting, in milliseconds.
const FIRST_WAIT_MS: u32 = 1_000;
/// The longest wait between attempts, in milliseconds.
const LONGEST_WAIT_MS: u32 = 30_000;

/// While `enabled`, listens to `stream_id`'s live events and folds the
/// stream's into [`Live`]; each event, a flash deal's too, also goes to
/// `on_stream_event` (the cart follows stock, the deals follow theirs).
/// The viewers' count and the purchases are folded into [`Social`], answered
/// beside [`Live`], which a new stream starts afresh.
///
/// A connection that ends or fails is made again after a wait that doubles
/// from 1 s to 30 s, with jitter so a server restart is not met by every
/// viewer at once; a connection that delivered events starts the waits
/// over. A refused token asks the host for another; a new `generation`
/// (after `setToken`) reconnects at once. An unknown stream stops trying.
/// Unmounting, or a new stream, aborts the request; after `setStream` the
/// previous stream's word is dropped until the new one's snapshot arrives.
#[hook]
pub fn use_live(
    client: Rc<ApiClient>,
    stream_id: AttrValue,
    enabled: bool,
    generation: u32,
    on_event: &Callback<WidgetEvent>,
    on_stream_event: Callback<FeedEvent>,
) -> (Live, UseReducerHandle<Social>) {
    let live = use_reducer(Live::default);
    let social = use_reducer(Social::default);
    let told = social.dispatcher();
    // The stream the reducer's word is about.
    let heard = use_mut_ref(|| None::<AttrValue>);
    let dispatcher = live.dispatcher();
    let on_event = on_event.clone();
    let current = stream_id.clone();
    let about = Rc::clone(&heard);
    use_effect_with(
        (client, stream_id, enabled, generation),
        move |(client, stream_id, enabled, _)| {
            told.dispatch(SocialAction::Reset);
            let controller = AbortController::new().ok().filter(|_| *enabled);
            let running = Rc::new(Cell::new(true));
            if let Some(controller) = &controller {
                let (client, stream_id) = (Rc::clone(client), stream_id.clone());
                let (signal, running) = (controller.signal(), Rc::clone(&running));
                spawn_local(async move {
                    let mut wait = FIRST_WAIT_MS;
                    while running.get() {
                        let mut heard = false;
                        let ended = client
                            .stream_events(&stream_id, &signal, |event| {
                                heard = true;
                                about.replace(Some(stream_id.clone()));
                                match event {
                                    Heard::Feed(event) => {
                                        if let FeedEvent::Stream(event) = &event {
                                            dispatcher.dispatch(event.clone());
                                        }
                                        on_stream_event.emit(event);
                                    }
                                    Heard::Social(event) => {
                                        told.dispatch(SocialAction::Heard(event));
                                    }
                                }
                            })
                            .await;
                        if !running.get() {
                            break;
                        }
                        if heard {
                            wait = FIRST_WAIT_MS;
                        }
                        if let Err(error) = &ended {
                            ask_for_token(error, &on_event);
                            if gone(error) {
                                break;
                            }
                        }
                        TimeoutFuture::new(jittered(wait)).await;
                        wait = wait.saturating_mul(2).min(LONGEST_WAIT_MS);
                    }
                });
            }
            move || {
                running.set(false);
                if let Some(controller) = controller {
                    controller.abort();
                }
            }
        },
    );
    let live = if heard.borrow().as_ref() == Some(&current) {
        (*live).clone()
    } else {
        Live::default()
    };
    (live, social)
}

/// Whether `error` says the stream does not exist: no use trying again.
fn gone(error: &ApiError) -> bool {
    error.api_code() == Some(ErrorCode::NotFound)
}

/// `wait` less a random part of up to half of it.
fn jittered(wait: u32) -> u32 {
    let share = 1.0 - js_sys::Math::random() / 2.0;
    // In range: `share` is within (0.5, 1] and `wait` at most 30 000.
    (f64::from(wait) * share) as u32
}
