//! [`Shopper`]: the first part a shopper's page runs — the API client, the
//! stream's showcase in the dock, the host's `ready` and `error` events,
//! and the shop part fetched on intent.
//!
//! The shop part is fetched when the browser is idle after the first
//! cards (or after the showcase failed, for the cart), and at once when the
//! shopper taps a card or the host asks for a sheet before that; such a
//! request waits in [`Controls`] while a placeholder sheet shows the wait,
//! or its failure with a retry. Once the shop has arrived it draws the
//! sheets and keeps the dock up to date; the showcase stays the first
//! part's to load.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use etalase_contract::Locale;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use web_sys::Document;
use yew::{AttrValue, Callback};

use super::idle::{when_idle, IdleCall};
use crate::api::ApiClient;
use crate::embed::config::WidgetConfig;
use crate::embed::controls::{Command, Controls};
use crate::embed::events::{ask_for_token, WidgetEvent};
use crate::parts::{self, Drawn, ShopProps, Start};
use crate::state::remote::Remote;
use crate::state::shelf::Shelf;
use crate::view::dock::Dock;
use crate::view::waiting;

thread_local! {
    /// The shop part's start once it has arrived for any widget of the
    /// page: a widget mounted after that starts with its shop.
    static ARRIVED: std::cell::Cell<Option<Start<ShopProps>>> = const { std::cell::Cell::new(None) };
}

/// How many times a failed prefetch is tried again before it waits for an
/// ask (after 2, 4, 8, 16 and 32 seconds).
const PREFETCH_RETRIES: u32 = 5;

/// How long a failed prefetch waits before trying again, in milliseconds.
fn backoff(misses: u32) -> u32 {
    1_000 << misses.min(PREFETCH_RETRIES)
}

/// A shopper's widget.
pub struct Shopper {
    me: Weak<Shopper>,
    client: Rc<ApiClient>,
    controls: Rc<Controls>,
    on_event: Callback<WidgetEvent>,
    on_retry: Callback<()>,
    dock: Rc<Dock>,
    now: RefCell<Now>,
}

/// Where the widget stands.
struct Now {
    config: Rc<WidgetConfig>,
    showcase: Remote<Shelf>,
    /// The showcase load whose answer counts.
    attempt: u32,
    /// Whether `ready` was sent.
    shown: bool,
    shop: Stage,
    /// Whether a sheet asked for waits for the shop.
    asked: bool,
    /// The placeholder sheet, with what it was drawn for: a failure or
    /// not, in which language.
    placeholder: Option<((bool, Locale), waiting::Shown)>,
    /// A prefetch to come: an idle call or a pause after a failure.
    timer: Option<Timer>,
    ended: bool,
}

/// Where the shop part stands.
enum Stage {
    Idle,
    Loading,
    /// The prefetch failed while nobody asked for the part: it tries
    /// again later, and an ask tries at once.
    Missed,
    /// Could not be fetched while asked for; a retry tries again.
    Failed,
    Started(Box<dyn Drawn<ShopProps>>),
}

/// A pending prefetch; dropped, it does not run.
enum Timer {
    Idle { _call: IdleCall },
    Pause { _timeout: Timeout },
}

impl Shopper {
    /// Starts the widget for `config` in `document`: the dock loading, the
    /// showcase asked for. The caller puts [`Shopper::root`] on the page.
    pub fn start(
        document: &Document,
        config: Rc<WidgetConfig>,
        on_event: Callback<WidgetEvent>,
        controls: Rc<Controls>,
    ) -> Rc<Shopper> {
        let client = ApiClient::new(&config.api_base, config.token.as_deref())
            .with_key(config.publishable_key.as_deref());
        let client = Rc::new(client);
        {
            let on_event = on_event.clone();
            client
                .gate()
                .on_refused(move |code| on_event.emit(WidgetEvent::AuthRequired { code }));
        }
        let shopper = Rc::new_cyclic(|me: &Weak<Shopper>| {
            let on_retry = {
                let me = me.clone();
                Callback::from(move |()| {
                    if let Some(shopper) = me.upgrade() {
                        shopper.load_showcase();
                    }
                })
            };
            let on_cart = {
                let controls = Rc::clone(&controls);
                Callback::from(move |()| controls.send(Command::OpenCart))
            };
            let on_shown = {
                let on_event = on_event.clone();
                Callback::from(move |shelf: Rc<Shelf>| {
                    on_event.emit(WidgetEvent::Ready {
                        stream_id: shelf.stream_id.clone(),
                        product_count: u32::try_from(shelf.cards.len()).unwrap_or(u32::MAX),
                    })
                })
            };
            let dock = Dock::new(document, config.locale, on_retry.clone(), on_cart, on_shown);
            {
                // The product is asked for now, alongside the shop part, not after it.
                let (controls, client) = (Rc::clone(&controls), Rc::clone(&client));
                dock.on_open(Callback::from(move |id: AttrValue| {
                    client.preload_product(&id);
                    controls.send(Command::Open(id.to_string()));
                }));
            }
            Shopper {
                me: me.clone(),
                client,
                controls: Rc::clone(&controls),
                on_event,
                on_retry,
                dock,
                now: RefCell::new(Now {
                    config,
                    showcase: Remote::Loading,
                    attempt: 0,
                    shown: false,
                    shop: Stage::Idle,
                    asked: false,
                    placeholder: None,
                    timer: None,
                    ended: false,
                }),
            }
        });
        controls.keep_client(Rc::clone(&shopper.client));
        {
            let me = shopper.me.clone();
            controls.wake(Some(Callback::from(move |waiting| {
                if let Some(shopper) = me.upgrade() {
                    shopper.ask(waiting);
                }
            })));
        }
        shopper.load_showcase();
        if let Some(start) = parts::SHOP.linked.or_else(|| ARRIVED.get()) {
            shopper.start_shop(start);
        }
        shopper
    }

    /// The widget's top element.
    pub fn root(&self) -> &web_sys::Element {
        self.dock.root()
    }

    /// Takes a changed config: a new stream loads its showcase, a new
    /// locale redraws every text, a new token is the client's until the
    /// shop has arrived (the shop takes `setToken` itself), and a showcase
    /// refused for the old token loads again.
    pub fn reconfigure(&self, config: Rc<WidgetConfig>) {
        let (old, started, failed) = {
            let mut now = self.now.borrow_mut();
            let old = std::mem::replace(&mut now.config, Rc::clone(&config));
            let started = matches!(now.shop, Stage::Started(_));
            (old, started, matches!(now.showcase, Remote::Failed(_)))
        };
        if old.token != config.token && !started {
            self.client.set_token(config.token.as_deref());
        }
        if old.locale != config.locale {
            self.dock.set_locale(config.locale);
            self.draw_placeholder();
        }
        if old.stream_id != config.stream_id || (old.token != config.token && failed) {
            self.load_showcase();
        } else {
            self.draw();
        }
    }

    /// The host destroyed the widget: nothing more loads, the shop's app
    /// unmounts, requests waiting for a token end.
    pub fn end(&self) {
        let shop = {
            let mut now = self.now.borrow_mut();
            now.ended = true;
            now.timer = None;
            now.placeholder = None;
            std::mem::replace(&mut now.shop, Stage::Idle)
        };
        self.controls.wake(None);
        self.client.gate().close();
        self.dock.clear();
        if let Stage::Started(drawn) = shop {
            drawn.remove();
        }
    }

    /// Loads the showcase (again): a loaded one of the same stream stays on
    /// screen until the answer comes, a failed one or a new stream shows
    /// the skeleton. An answer overtaken by a later load is dropped.
    fn load_showcase(&self) {
        let (stream_id, attempt) = {
            let mut now = self.now.borrow_mut();
            if now.ended {
                return;
            }
            now.attempt = now.attempt.wrapping_add(1);
            let stream_id = now.config.stream_id.clone();
            let same =
                matches!(&now.showcase, Remote::Ready(shelf) if shelf.stream_id == stream_id);
            if !same {
                now.showcase = Remote::Loading;
            }
            (stream_id, now.attempt)
        };
        self.draw();
        let (me, client) = (self.me.clone(), Rc::clone(&self.client));
        spawn_local(async move {
            // Destroyed in the tick it was mounted: ask nothing.
            let gone = me
                .upgrade()
                .is_none_or(|shopper| shopper.now.borrow().ended);
            if gone {
                return;
            }
            let outcome = client.showcase(&stream_id).await.map(Shelf::from);
            if let Some(shopper) = me.upgrade() {
                shopper.loaded(&stream_id, attempt, outcome);
            }
        });
    }

    /// Shows a showcase answer (the dock sends `ready` once the cards are
    /// in the document, whoever draws them), or tells the host of the
    /// failure with `error` (after `auth_required` for a refused token);
    /// either way the shop is prefetched when idle.
    fn loaded(&self, stream_id: &str, attempt: u32, outcome: Result<Shelf, crate::api::ApiError>) {
        let failure = {
            let mut now = self.now.borrow_mut();
            if now.ended || now.attempt != attempt || now.config.stream_id != stream_id {
                return;
            }
            match outcome {
                Ok(shelf) => {
                    now.shown = true;
                    now.showcase = Remote::Ready(Rc::new(shelf));
                    None
                }
                Err(error) => {
                    now.showcase = Remote::Failed(error.clone());
                    Some(error)
                }
            }
        };
        self.draw();
        if let Some(error) = failure {
            ask_for_token(&error, &self.on_event);
            self.on_event.emit(WidgetEvent::Error {
                code: error.code(),
                message: error.to_string(),
            });
        }
        self.prefetch();
    }

    /// Draws the showcase: in the dock until the shop has arrived, through
    /// the shop after.
    fn draw(&self) {
        let mut now = self.now.borrow_mut();
        let props = self.shop_props(&now);
        match &mut now.shop {
            // Yew draws in a microtask: nothing runs back into this widget now.
            Stage::Started(drawn) => drawn.show(props),
            _ => self.dock.show(now.showcase.clone()),
        }
    }

    /// What the shop part is drawn with.
    fn shop_props(&self, now: &Now) -> ShopProps {
        ShopProps {
            config: Rc::clone(&now.config),
            on_event: self.on_event.clone(),
            controls: Rc::clone(&self.controls),
            client: Rc::clone(&self.client),
            showcase: now.showcase.clone(),
            on_retry: self.on_retry.clone(),
            shown: now.shown,
            dock: Rc::clone(&self.dock),
        }
    }

    /// A sheet was asked for (`waiting`) or the ask dropped: the shop is
    /// fetched at once, and the placeholder sheet shows meanwhile.
    fn ask(&self, waiting: bool) {
        let fetch = {
            let mut now = self.now.borrow_mut();
            now.asked = waiting;
            waiting && matches!(now.shop, Stage::Idle | Stage::Missed)
        };
        if fetch {
            self.fetch_shop(None);
        }
        self.draw_placeholder();
    }

    /// After the first showcase answer: the shop is fetched when the
    /// browser is next idle.
    fn prefetch(&self) {
        let mut now = self.now.borrow_mut();
        if matches!(now.shop, Stage::Idle) && now.timer.is_none() {
            let me = self.me.clone();
            now.timer = Some(Timer::Idle {
                _call: when_idle(move || {
                    if let Some(shopper) = me.upgrade() {
                        shopper.fetch_shop(Some(0));
                    }
                }),
            });
        }
    }

    /// Fetches the shop part; `misses` counts a prefetch's failures so far
    /// (`None`: asked for).
    fn fetch_shop(&self, misses: Option<u32>) {
        {
            let mut now = self.now.borrow_mut();
            if now.ended || matches!(now.shop, Stage::Loading | Stage::Started(_)) {
                return;
            }
            now.shop = Stage::Loading;
            now.timer = None;
        }
        self.draw_placeholder();
        let me = self.me.clone();
        spawn_local(async move {
            let loaded = (parts::SHOP.load)().await;
            if let Ok(start) = loaded {
                // Arrived for the page, even if this widget has gone since.
                ARRIVED.set(Some(start));
            }
            if let Some(shopper) = me.upgrade() {
                match loaded {
                    Ok(start) => shopper.start_shop(start),
                    Err(_) => shopper.missed(misses),
                }
            }
        });
    }

    /// The shop part could not be fetched: shown with a retry when it was
    /// asked for (the host hears `part_unavailable`), tried again after a
    /// growing pause when it was a prefetch, and the host hears of it once
    /// that gives up.
    fn missed(&self, misses: Option<u32>) {
        let tell = {
            let mut now = self.now.borrow_mut();
            if now.ended {
                return;
            }
            match misses {
                Some(misses) if !now.asked => {
                    let misses = misses + 1;
                    now.shop = Stage::Missed;
                    if misses <= PREFETCH_RETRIES {
                        let me = self.me.clone();
                        now.timer = Some(Timer::Pause {
                            _timeout: Timeout::new(backoff(misses), move || {
                                if let Some(shopper) = me.upgrade() {
                                    shopper.fetch_shop(Some(misses));
                                }
                            }),
                        });
                    }
                    misses > PREFETCH_RETRIES
                }
                _ => {
                    now.shop = Stage::Failed;
                    true
                }
            }
        };
        self.draw_placeholder();
        if tell {
            self.on_event.emit(WidgetEvent::Error {
                code: "part_unavailable",
                message: "etalase: a part of the widget could not be fetched".into(),
            });
        }
    }

    /// The shop has arrived: it draws from now on, and takes the request
    /// that waited for it.
    fn start_shop(&self, start: Start<ShopProps>) {
        let props = {
            let now = self.now.borrow();
            if now.ended {
                return;
            }
            self.shop_props(&now)
        };
        let drawn = start(self.dock.root(), props);
        self.now.borrow_mut().shop = Stage::Started(drawn);
        self.draw_placeholder();
    }

    /// The placeholder sheet while a sheet asked for waits for the shop:
    /// drawn anew only when it changes between waiting and failed, or its
    /// language, so its close button keeps focus otherwise.
    fn draw_placeholder(&self) {
        let mut now = self.now.borrow_mut();
        let failed = matches!(now.shop, Stage::Failed);
        let locale = now.config.locale;
        let wanted = now.asked && !now.ended && !matches!(now.shop, Stage::Started(_));
        let current = now.placeholder.as_ref().map(|(drawn, _)| *drawn);
        if !wanted {
            if let Some(placeholder) = now.placeholder.take() {
                // The dock first, so focus can go back to the card that asked.
                self.dock.set_inert(false);
                drop(placeholder);
            }
            return;
        }
        if current == Some((failed, locale)) {
            return;
        }
        let previous = now
            .placeholder
            .take()
            .and_then(|(_, shown)| shown.take_previous());
        let retry = {
            let me = self.me.clone();
            Callback::from(move |()| {
                if let Some(shopper) = me.upgrade() {
                    shopper.fetch_shop(None);
                }
            })
        };
        let close = {
            let controls = Rc::clone(&self.controls);
            Callback::from(move |()| controls.send(Command::Close))
        };
        self.dock.set_inert(true);
        now.placeholder = Some((
            (failed, locale),
            waiting::sheet(self.dock.root(), failed, locale, &retry, &close, previous),
        ));
    }
}
