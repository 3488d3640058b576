//! [`use_part`]: fetch a later part when the browser is idle, or at once
//! when it is asked for.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::embed::events::WidgetEvent;
use crate::parts::{Entry, Render};

/// Where a later part stands.
pub enum Part<P> {
    /// Not fetched yet, or on its way.
    Waiting,
    /// Arrived: its root.
    Ready(Render<P>),
    /// Could not be fetched while it was asked for; `retry` tries again.
    Failed,
}

/// What [`use_part`] gives back.
pub struct LoadedPart<P> {
    /// Where the part stands.
    pub part: Part<P>,
    /// Fetches it again after a failure.
    pub retry: Callback<()>,
}

/// How far the fetch has come (kept across renders).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Idle,
    Idling,
    Loading,
    /// The prefetch failed this many times while nobody asked for the part:
    /// it tries again later, and an ask tries at once.
    Missed(u32),
    Failed,
}

/// How many times a failed prefetch is tried again before it waits for an
/// ask (after 2, 4, 8, 16 and 32 seconds).
const PREFETCH_RETRIES: u32 = 5;

/// How long a failed prefetch waits before trying again, in milliseconds.
fn backoff(misses: u32) -> u32 {
    1_000 << misses.min(PREFETCH_RETRIES)
}

/// Fetches `entry`'s part: at once when `asked`, or once the browser is
/// idle after `prefetch` turns true. A failure while asked for is shown
/// (and the host hears an `error` event with code `part_unavailable`); a
/// failed prefetch is tried again with a growing pause, and the host hears
/// of it once it gives up.
#[hook]
pub fn use_part<P: 'static>(
    entry: Entry<P>,
    asked: bool,
    prefetch: bool,
    on_event: &Callback<WidgetEvent>,
) -> LoadedPart<P> {
    let stage = use_state_eq(|| Stage::Idle);
    let ready = use_mut_ref(|| entry.linked);
    let start = {
        let (stage, ready) = (stage.clone(), Rc::clone(&ready));
        let on_event = on_event.clone();
        // `misses`: the prefetch's failures so far (`None`: asked for).
        Callback::from(move |misses: Option<u32>| {
            stage.set(Stage::Loading);
            let (stage, ready, on_event) = (stage.clone(), Rc::clone(&ready), on_event.clone());
            spawn_local(async move {
                let failed = match (entry.load)().await {
                    Ok(render) => {
                        ready.replace(Some(render));
                        stage.set(Stage::Idle);
                        return;
                    }
                    Err(_) => match misses {
                        None => Stage::Failed,
                        Some(misses) => Stage::Missed(misses + 1),
                    },
                };
                let gave_up = matches!(failed, Stage::Missed(n) if n > PREFETCH_RETRIES);
                if failed == Stage::Failed || gave_up {
                    on_event.emit(WidgetEvent::Error {
                        code: "part_unavailable",
                        message: "etalase: a part of the widget could not be fetched".into(),
                    });
                }
                stage.set(failed);
            });
        })
    };
    let now = *stage;
    let arrived = ready.borrow().is_some();
    {
        let start = start.clone();
        let stage = stage.clone();
        use_effect_with(
            (asked, prefetch, now, arrived),
            move |&(asked, prefetch, now, arrived)| {
                let (mut idle, mut later) = (None, None);
                if !arrived {
                    match now {
                        Stage::Idle | Stage::Idling | Stage::Missed(_) if asked => start.emit(None),
                        Stage::Idle | Stage::Idling if prefetch => {
                            stage.set(Stage::Idling);
                            idle = Some(when_idle(move || start.emit(Some(0))));
                        }
                        Stage::Missed(misses) if prefetch && misses <= PREFETCH_RETRIES => {
                            later = Some(Timeout::new(backoff(misses), move || {
                                start.emit(Some(misses))
                            }));
                        }
                        _ => {}
                    }
                }
                // A fetch begun for an ask drops the prefetch it overtook.
                move || drop((idle, later))
            },
        );
    }
    let part = match *ready.borrow() {
        Some(render) => Part::Ready(render),
        None if now == Stage::Failed => Part::Failed,
        None => Part::Waiting,
    };
    LoadedPart {
        part,
        retry: start.reform(|()| None),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `requestIdleCallback`, where the browser has it (not Safari).
    #[wasm_bindgen(js_name = requestIdleCallback, catch)]
    fn request_idle_callback(callback: &JsValue, options: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_name = cancelIdleCallback, catch)]
    fn cancel_idle_callback(handle: u32) -> Result<(), JsValue>;
}

/// A pending idle call; dropped, it no longer runs.
struct IdleCall {
    handle: Option<u32>,
    _timeout: Option<Timeout>,
    _closure: Closure<dyn FnMut()>,
}

impl Drop for IdleCall {
    fn drop(&mut self) {
        if let Some(handle) = self.handle {
            let _ = cancel_idle_callback(handle);
        }
    }
}

/// Runs `run` when the browser is next idle (within two seconds), or after
/// a quarter second where it cannot say.
fn when_idle(run: impl FnOnce() + 'static) -> IdleCall {
    let closure: Closure<dyn FnMut()> = Closure::once(run);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
    match request_idle_callback(closure.as_ref(), &options) {
        Ok(handle) => IdleCall {
            handle: Some(handle),
            _timeout: None,
            _closure: closure,
        },
        Err(_) => {
            let function: js_sys::Function = closure.as_ref().clone().into();
            let timeout = Timeout::new(250, move || {
                let _ = function.call0(&JsValue::NULL);
            });
            IdleCall {
                handle: None,
                _timeout: Some(timeout),
                _closure: closure,
            }
        }
    }
}
