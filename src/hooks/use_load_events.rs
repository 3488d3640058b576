//! Reporting loads to the host: `ready` once, `error` on every failure,
//! `auth_required` when the token was refused.

use yew::prelude::*;

use etalase_contract::ErrorCode;

use crate::api::ApiError;
use crate::embed::events::WidgetEvent;
use crate::state::remote::Remote;
use crate::state::shelf::Shelf;

/// Sends `ready` once, from the first render that shows the loaded
/// showcase, and says whether it has been sent: what is not needed for the
/// first cards (the sheets, the cart's load, the live feed) waits for it.
///
/// Effects run after Yew has written the render to the DOM, so when the host
/// hears `ready` the product cards are in the document and the next frame
/// paints them.
#[hook]
pub fn use_ready_event(showcase: &Remote<Shelf>, on_event: &Callback<WidgetEvent>) -> bool {
    let sent = use_state_eq(|| false);
    let on_event = on_event.clone();
    let setter = sent.setter();
    let already = *sent;
    use_effect_with(showcase.clone(), move |showcase| {
        if let Remote::Ready(shelf) = showcase {
            if !already {
                setter.set(true);
                on_event.emit(WidgetEvent::Ready {
                    stream_id: shelf.stream_id.clone(),
                    product_count: u32::try_from(shelf.cards.len()).unwrap_or(u32::MAX),
                });
            }
        }
    });
    *sent
}

/// Sends `error` each time `state` turns into a failure, after
/// `auth_required` when the failure is a refused token.
#[hook]
pub fn use_error_event<T: 'static>(state: &Remote<T>, on_event: &Callback<WidgetEvent>) {
    let on_event = on_event.clone();
    let failure = match state {
        Remote::Failed(error) => Some(error.clone()),
        Remote::Idle | Remote::Loading | Remote::Ready(_) => None,
    };
    use_effect_with(failure, move |failure| {
        if let Some(error) = failure {
            ask_for_token(error, &on_event);
            on_event.emit(WidgetEvent::Error {
                code: error.code(),
                message: error.to_string(),
            });
        }
    });
}

/// Sends `auth_required` when `error` is the API refusing the token
/// (missing or expired), so the host can answer with `setToken`.
pub fn ask_for_token(error: &ApiError, on_event: &Callback<WidgetEvent>) {
    if let Some(ErrorCode::TokenExpired | ErrorCode::Unauthenticated) = error.api_code() {
        on_event.emit(WidgetEvent::AuthRequired { code: error.code() });
    }
}
