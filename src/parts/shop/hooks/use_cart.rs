//! [`use_cart`]: the cart's reducer, wired to the API, the device's copy
//! and the host's events.

use std::cell::Cell;
use std::rc::Rc;

use etalase_contract::{Cart, ErrorCode};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::embed::events::ask_for_token;
use crate::embed::events::WidgetEvent;
use crate::parts::shop::cart_storage;
use crate::parts::shop::state::cart::{CartAction, CartState, Queued, Request};

/// The cart, starting from the device's copy for `client`'s API.
///
/// While `enabled`, the head of the request queue goes to the server, one
/// request at a time, and its answer is dispatched back; a line set while
/// watching `stream_id` names it, so the stream is credited for the sale. Every change is
/// kept on the device; `cart_changed` tells the host each new unit count;
/// a refused token tells it `auth_required`, a failed load `error`.
///
/// While the viewer browses with the publishable key alone, the cart is
/// the shopper's to come: no copy is shown (whose it was is not known yet)
/// and the first load waits, unsent, for a token. The shopper's first
/// change asks the host for one (`auth_required`); once `setToken` brings
/// it, the load and then the change go, with no second tap.
#[hook]
pub fn use_cart(
    client: Rc<ApiClient>,
    stream_id: AttrValue,
    enabled: bool,
    on_event: &Callback<WidgetEvent>,
) -> UseReducerHandle<CartState> {
    let cart = {
        let base = client.base().to_owned();
        let browsing = client.is_browsing();
        use_reducer(move || CartState::new(cart_storage::load(&base).filter(|_| !browsing)))
    };
    let head = cart.next_request().filter(|_| enabled).cloned();
    // Read when a request leaves, so a swipe to another stream neither
    // sends the head request again nor waits for it.
    let watching = use_mut_ref(|| stream_id.clone());
    *watching.borrow_mut() = stream_id;
    {
        let dispatcher = cart.dispatcher();
        let on_event = on_event.clone();
        use_effect_with((head, Rc::clone(&client)), move |(head, client)| {
            let current = Rc::new(Cell::new(true));
            if let Some(Queued { id, request }) = head.clone() {
                let (client, current) = (Rc::clone(client), Rc::clone(&current));
                let stream_id = watching.borrow().clone();
                spawn_local(async move {
                    // Browsing: the shopper's cart waits for their token.
                    let signed_in = request != Request::Load || client.until_signed_in().await;
                    // Gone before the task ran: ask nothing.
                    if !signed_in || !current.get() {
                        return;
                    }
                    let result = send(&client, &request, &stream_id).await;
                    // The widget is gone: the answer is moot.
                    if !current.get() {
                        return;
                    }
                    if let Err(error) = &result {
                        report(error, &request, &on_event);
                    }
                    let result = result.map(Rc::new);
                    dispatcher.dispatch(CartAction::Answered { id, result });
                });
            }
            move || current.set(false)
        });
    }
    {
        // The first change while browsing asks the host for a shopper's token.
        let client = Rc::clone(&client);
        use_effect_with(cart.has_change(), move |changed| {
            if *changed {
                client.ask_for_shopper();
            }
        });
    }
    {
        // The device's copy and the host's count follow the cart as shown.
        let known = cart.is_known();
        let browsing = client.is_browsing();
        let shown = (
            Rc::clone(cart.view()),
            cart.unselected().to_vec(),
            known,
            browsing,
        );
        let told = use_mut_ref(|| None::<u32>);
        let on_event = on_event.clone();
        use_effect_with(shown, move |(view, unselected, known, browsing)| {
            if *browsing {
                // Signed out (`setToken(null)`): the last shopper's count is
                // no one's now, and the host's badge hears so.
                if told.borrow().is_some_and(|count| count > 0) {
                    told.replace(Some(0));
                    on_event.emit(WidgetEvent::CartChanged { count: 0 });
                }
            } else if *known {
                cart_storage::save(client.base(), view, unselected);
                let count = view.item_count;
                if told.replace(Some(count)) != Some(count) {
                    on_event.emit(WidgetEvent::CartChanged { count });
                }
            }
        });
    }
    cart
}

/// Sends `request`, made while watching `stream_id`, and answers the cart
/// it leaves.
async fn send(client: &ApiClient, request: &Request, stream_id: &str) -> Result<Cart, ApiError> {
    match request {
        Request::Load => client.cart().await,
        Request::Set(line) => {
            let item = &line.item;
            client
                .set_cart_item(&item.variant_id, item.quantity, stream_id, line.opened_at)
                .await
        }
        Request::Remove(variant_id) => match client.remove_cart_item(variant_id).await {
            // Already gone (removed elsewhere, or an answer lost on the way):
            // what was asked holds; the cart as it is answers.
            Err(error) if error.api_code() == Some(ErrorCode::NotFound) => client.cart().await,
            answer => answer,
        },
    }
}

/// Tells the host what it can act on: a refused token, a failed load.
fn report(error: &ApiError, request: &Request, on_event: &Callback<WidgetEvent>) {
    ask_for_token(error, on_event);
    if *request == Request::Load {
        on_event.emit(WidgetEvent::Error {
            code: error.code(),
            message: error.to_string(),
        });
    }
}
