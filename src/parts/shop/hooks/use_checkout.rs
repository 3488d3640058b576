//! [`use_checkout`]: the checkout's reducer, wired to the API, the device's
//! note of the checkout, the page's visibility and the host's events.

use std::cell::Cell;
use std::rc::Rc;

use etalase_contract::{AddressForm, PaymentInstructions, PaymentMethod, PaymentStatus};
use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{ApiClient, ApiError, Placement};
use crate::embed::events::ask_for_token;
use crate::embed::events::WidgetEvent;
use crate::parts::shop::checkout_storage::{self, Note, PlacedNote};
use crate::parts::shop::draft_storage;
use crate::parts::shop::hooks::{alive, use_task};
use crate::parts::shop::state::checkout::{
    Ask, Attempt, CheckoutAction, CheckoutState, Phase, Placed, Placing, RemoveStage,
};
use crate::parts::shop::state::status_check::StatusCheck;
use crate::state::remote::Remote;
use crate::state::retry;

/// Seconds between payment checks: quick at first, then every 15 s.
const POLL_MS: [u32; 5] = [2_000, 3_000, 5_000, 8_000, 15_000];

/// The checkout and the way to save a new address.
pub struct Checkout {
    /// The state, and its dispatcher.
    pub state: UseReducerHandle<CheckoutState>,
    /// Saves a new address (its draft then forgotten), or corrects the
    /// saved one the form edits with `PUT`; the answer arrives as
    /// `AddressSaved`.
    pub save_address: Callback<AddressForm>,
    /// Reads the placed checkout's payment now.
    pub check: Callback<()>,
    /// Where the shopper's last "Check status" stands.
    pub checked: StatusCheck,
}

/// The checkout for `client`'s API.
///
/// While `enabled` it resumes what the device noted (an attempt is sent
/// again under its key, a placed checkout's payment is read back), loads
/// addresses and quotes as the state asks, places with retries (network
/// errors, 5xx and 429, backing off with full jitter and honouring
/// `Retry-After`), and follows an unpaid payment (polling with backoff, and
/// at once when the page becomes visible again, as when the shopper comes
/// back from a wallet app). Quotes wait for `cart_settled`: the lines being
/// bought must be in the server's cart first. `on_placed` is called when an order is placed
/// (the cart lost its lines). The host hears `order_placed`,
/// `payment_pending` and `payment_completed`.
#[hook]
pub fn use_checkout(
    client: Rc<ApiClient>,
    enabled: bool,
    cart_settled: bool,
    on_event: &Callback<WidgetEvent>,
    on_placed: Callback<()>,
) -> Checkout {
    let state = use_reducer(CheckoutState::default);
    let base = client.base().to_owned();
    {
        // Resume what the device noted, once: read at once, before the note
        // below follows the (still empty) state.
        let (client, dispatcher, base) = (Rc::clone(&client), state.dispatcher(), base.clone());
        use_effect_with(enabled, move |enabled| {
            let current = alive();
            if *enabled {
                let note = checkout_storage::load(&base);
                if let Some(attempt) = note.attempt {
                    dispatcher.dispatch(CheckoutAction::ResumeAttempt(attempt));
                } else if let Some(placed) = note.placed {
                    let current = Rc::clone(&current);
                    spawn_local(async move {
                        if let Ok(payment) = client.payment(&placed.payment_id).await {
                            if current.get() {
                                dispatcher.dispatch(CheckoutAction::Resume(Placed {
                                    checkout_id: placed.checkout_id,
                                    order_ids: placed.order_ids,
                                    payment: Rc::new(payment),
                                    orders: None,
                                }));
                            }
                        }
                    });
                }
            }
            move || current.set(false)
        });
    }
    // Whose address list it is, once it has answered.
    let owner = use_state_eq(|| None::<String>);
    {
        // The saved addresses, when the state asks for them: at first, and
        // again as each checkout opens (the known list shown meanwhile).
        let loading = enabled && (state.addresses == Remote::Loading || state.refreshing_addresses);
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        let owner = owner.setter();
        use_task(loading.then_some(()), move |(), current| async move {
            let result = client.addresses().await;
            if !current.get() {
                return;
            }
            let result = result.map(|list| {
                // A draft is its shopper's alone: another's is dropped here.
                draft_storage::claim(client.base(), &list.owner);
                if let Some(id) = draft_storage::last_used(client.base(), &list.owner) {
                    dispatcher.dispatch(CheckoutAction::LastUsedAddress(id));
                }
                owner.set(Some(list.owner));
                Rc::new(list.addresses)
            });
            dispatcher.dispatch(CheckoutAction::AddressesLoaded(result));
        });
    }
    {
        // The address shipped to, noted for its owner: chosen again after a reload.
        let chosen = (*owner).clone().zip(state.choices.address_id.clone());
        let base = base.clone();
        use_effect_with(chosen, move |chosen| {
            if let Some((owner, id)) = chosen {
                draft_storage::note_used(&base, owner, id);
            }
        });
    }
    {
        // A saved address deleted, once the shopper confirmed.
        let removing = state
            .ordering()
            .and_then(|ordering| ordering.removing.as_ref())
            .filter(|removing| removing.stage == RemoveStage::Sending)
            .map(|removing| removing.id.clone());
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_task(removing, move |id, current| async move {
            let result = client.delete_address(&id).await;
            if current.get() {
                dispatcher.dispatch(CheckoutAction::AddressRemoved(id, result));
            }
        });
    }
    {
        // The vouchers on offer, once per checkout.
        let loading = enabled && state.offers == Remote::Loading;
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_task(loading.then_some(()), move |(), current| async move {
            let result = client.vouchers().await.map(Rc::new);
            if current.get() {
                dispatcher.dispatch(CheckoutAction::OffersLoaded(result));
            }
        });
    }
    {
        // A quote for each revision of the choices: the cart lines' once
        // they are in the server's cart, or the deal's.
        let settled = cart_settled || state.deal_id.is_some();
        let ask = (state.pricing.is_asking() && settled)
            .then(|| state.ask())
            .flatten();
        let revision = state.revision;
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        let asked = ask.map(|ask| (revision, ask));
        use_task(asked, move |(revision, ask), current| async move {
            let (action, error) = match ask {
                Ask::Cart(request) => {
                    let result = client.quote(&request).await;
                    let error = result.as_ref().err().cloned();
                    (CheckoutAction::Quoted { revision, result }, error)
                }
                Ask::Deal { deal_id, request } => {
                    let result = client.deal_quote(&deal_id, &request).await.map(Rc::new);
                    let error = result.as_ref().err().cloned();
                    (CheckoutAction::DealQuoted { revision, result }, error)
                }
            };
            if current.get() {
                if let Some(error) = &error {
                    ask_for_token(error, &on_event);
                }
                dispatcher.dispatch(action);
            }
        });
    }
    {
        // Placing: the attempt is noted before it leaves, then sent until
        // it is answered or out of retries.
        let sending = match state.placing() {
            Some(Placing::Sending(attempt)) => Some(attempt.clone()),
            _ => None,
        };
        let (client, dispatcher, base) = (Rc::clone(&client), state.dispatcher(), base.clone());
        let on_event = on_event.clone();
        use_task(sending, move |attempt, current| async move {
            // Noted before the request leaves: a reload sends it again.
            let note = Note {
                attempt: Some(attempt.clone()),
                placed: None,
            };
            checkout_storage::save(&base, &note);
            let result = place(&client, &attempt, &current).await;
            if !current.get() {
                return;
            }
            match &result {
                Ok(Placement::Placed(checkout)) => {
                    on_event.emit(WidgetEvent::OrderPlaced {
                        checkout_id: checkout.id.clone(),
                        order_ids: checkout.orders.iter().map(|o| o.id.clone()).collect(),
                        total: checkout.totals.grand_total.0,
                    });
                    on_placed.emit(());
                }
                Ok(Placement::QuoteChanged(_)) => {}
                Err(error) => ask_for_token(error, &on_event),
            }
            dispatcher.dispatch(CheckoutAction::PlaceResult(result));
        });
    }
    {
        // The device's note follows the state: the attempt while one is
        // open, the placed checkout after.
        let note = Note {
            attempt: state.placing().and_then(Placing::attempt).cloned(),
            placed: state.placed().map(|placed| PlacedNote {
                checkout_id: placed.checkout_id.clone(),
                payment_id: placed.payment.id.clone(),
                order_ids: placed.order_ids.clone(),
            }),
        };
        let base = base.clone();
        use_effect_with((note, enabled), move |(note, enabled)| {
            if *enabled {
                checkout_storage::save(&base, note);
            }
        });
    }
    {
        // An unpaid payment is followed: polled with backoff, and read at
        // once when the page shows again (back from a wallet or bank app).
        let pending = state
            .placed()
            .filter(|placed| placed.is_pending())
            .map(|placed| placed.payment.id.clone());
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_effect_with(pending, move |pending| {
            let current = alive();
            let listener = pending.clone().map(|payment_id| {
                let poll = {
                    let (client, dispatcher, current) =
                        (Rc::clone(&client), dispatcher.clone(), Rc::clone(&current));
                    let payment_id = payment_id.clone();
                    async move {
                        for wait in POLL_MS.iter().chain(std::iter::repeat(&POLL_MS[4])) {
                            TimeoutFuture::new(*wait).await;
                            if !current.get() {
                                return;
                            }
                            check(&client, &payment_id, &dispatcher, &current).await;
                        }
                    }
                };
                spawn_local(poll);
                let document = document();
                document.map(|document| {
                    let (current, watched) = (Rc::clone(&current), document.clone());
                    EventListener::new(&document, "visibilitychange", move |_| {
                        if watched.visibility_state() == web_sys::VisibilityState::Visible {
                            let (client, dispatcher, current, payment_id) = (
                                Rc::clone(&client),
                                dispatcher.clone(),
                                Rc::clone(&current),
                                payment_id.clone(),
                            );
                            spawn_local(async move {
                                check(&client, &payment_id, &dispatcher, &current).await;
                            });
                        }
                    })
                })
            });
            move || {
                current.set(false);
                drop(listener);
            }
        });
    }
    {
        // What the host hears about the payment, once per payment and status;
        // and the orders' timelines, read when the payment moved on.
        let placed = state.placed().cloned();
        let told = use_mut_ref(|| None::<(String, PaymentStatus)>);
        let (client, dispatcher, on_event) =
            (Rc::clone(&client), state.dispatcher(), on_event.clone());
        let key = placed
            .as_ref()
            .map(|placed| (placed.payment.id.clone(), placed.payment.status));
        use_effect_with(key, move |key| {
            let current = alive();
            if let (Some(placed), Some(key)) = (placed, key.clone()) {
                if told.borrow().as_ref() != Some(&key) {
                    told.replace(Some(key));
                    tell(&placed, &on_event);
                    if !placed.is_pending() || placed.orders.is_none() {
                        let current = Rc::clone(&current);
                        spawn_local(async move {
                            let mut orders = Vec::with_capacity(placed.order_ids.len());
                            for id in &placed.order_ids {
                                match client.order(id).await {
                                    Ok(order) => orders.push(order),
                                    Err(_) => return,
                                }
                            }
                            if current.get() {
                                dispatcher.dispatch(CheckoutAction::OrdersLoaded(Rc::new(orders)));
                            }
                        });
                    }
                }
            }
            move || current.set(false)
        });
    }
    {
        // Cancelling the unpaid checkout, then reading its payment back.
        let cancelling = match &state.phase {
            Phase::Placed {
                placed,
                cancelling: true,
            } => Some(Rc::clone(placed)),
            _ => None,
        };
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        use_task(cancelling, move |placed, current| async move {
            let Some(order_id) = placed.order_ids.first() else {
                return;
            };
            let cancelled = client.cancel_order(order_id).await.is_ok();
            if !current.get() {
                return;
            }
            if cancelled {
                check(&client, &placed.payment.id, &dispatcher, &current).await;
            }
            dispatcher.dispatch(CheckoutAction::Cancelled);
        });
    }
    let checked = use_state_eq(StatusCheck::default);
    {
        // A payment that moved makes the last check's word old news.
        let checked = checked.setter();
        let status = state.placed().map(|placed| placed.payment.status);
        use_effect_with(status, move |_| checked.set(StatusCheck::Idle));
    }
    let check = {
        let (client, dispatcher) = (Rc::clone(&client), state.dispatcher());
        let payment_id = state.placed().map(|placed| placed.payment.id.clone());
        let checked = checked.setter();
        Callback::from(move |()| {
            if let Some(payment_id) = payment_id.clone() {
                let (client, dispatcher) = (Rc::clone(&client), dispatcher.clone());
                let checked = checked.clone();
                checked.set(StatusCheck::Asking);
                spawn_local(async move {
                    match client.payment(&payment_id).await {
                        Ok(payment) => {
                            let waiting = payment.status == PaymentStatus::Pending;
                            dispatcher.dispatch(CheckoutAction::PaymentUpdated(Rc::new(payment)));
                            if waiting {
                                checked.set(StatusCheck::Unchanged);
                            }
                        }
                        Err(_) => checked.set(StatusCheck::Failed),
                    }
                });
            }
        })
    };
    let save_address = {
        let dispatcher = state.dispatcher();
        let editing = state
            .ordering()
            .and_then(|ordering| ordering.editing.as_ref())
            .map(|editing| editing.id.clone());
        Callback::from(move |address: AddressForm| {
            dispatcher.dispatch(CheckoutAction::SavingAddress);
            let (client, dispatcher) = (Rc::clone(&client), dispatcher.clone());
            let (editing, base) = (editing.clone(), base.clone());
            spawn_local(async move {
                let result = match &editing {
                    Some(id) => client.update_address(id, &address).await,
                    None => client.save_address(&address).await,
                };
                if result.is_ok() && editing.is_none() {
                    draft_storage::clear(&base);
                }
                dispatcher.dispatch(CheckoutAction::AddressSaved(result));
            });
        })
    };
    Checkout {
        state,
        save_address,
        check,
        checked: *checked,
    }
}

/// The page's document, when there is one.
fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Sends `attempt` until the server answers (or a failure no retry cures,
/// or the tries run out), waiting between tries as [`retry::delay_ms`] says.
async fn place(
    client: &ApiClient,
    attempt: &Attempt,
    current: &Cell<bool>,
) -> Result<Placement, ApiError> {
    let mut retries = 0;
    loop {
        let result = client.place_order(&attempt.quote_id, &attempt.key).await;
        let Err(error) = &result else {
            return result;
        };
        let Some(wait) = retry::delay_ms(error, retries, js_sys::Math::random()) else {
            return result;
        };
        TimeoutFuture::new(wait).await;
        if !current.get() {
            return result;
        }
        retries += 1;
    }
}

/// Reads payment `payment_id` and dispatches it while `current`.
async fn check(
    client: &ApiClient,
    payment_id: &str,
    dispatcher: &UseReducerDispatcher<CheckoutState>,
    current: &Cell<bool>,
) {
    if let Ok(payment) = client.payment(payment_id).await {
        if current.get() {
            dispatcher.dispatch(CheckoutAction::PaymentUpdated(Rc::new(payment)));
        }
    }
}

/// Tells the host where `placed`'s payment is: pending (with an
/// e-wallet's deeplink, for the host to open) or completed.
fn tell(placed: &Placed, on_event: &Callback<WidgetEvent>) {
    let payment = &placed.payment;
    match payment.status {
        PaymentStatus::Pending => {
            let deeplink = match &payment.instructions {
                PaymentInstructions::Ewallet { deeplink, .. } => Some(deeplink.clone()),
                _ => None,
            };
            on_event.emit(WidgetEvent::PaymentPending {
                checkout_id: placed.checkout_id.clone(),
                payment_id: payment.id.clone(),
                method: method_name(payment.method),
                amount: payment.amount.0,
                expires_at: payment.expires_at.clone(),
                deeplink,
            });
        }
        PaymentStatus::Paid => on_event.emit(WidgetEvent::PaymentCompleted {
            checkout_id: placed.checkout_id.clone(),
            payment_id: payment.id.clone(),
            amount: payment.amount.0,
        }),
        PaymentStatus::Failed | PaymentStatus::Expired | PaymentStatus::Cancelled => {}
    }
}

/// A payment method's wire name.
fn method_name(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::VirtualAccount { .. } => "virtual_account",
        PaymentMethod::Qris => "qris",
        PaymentMethod::Ewallet { .. } => "ewallet",
        PaymentMethod::Cod => "cod",
        PaymentMethod::Card => "card",
    }
}
