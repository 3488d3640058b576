//! [`use_error_event`]: reporting a later part's failed loads to the host.

use yew::prelude::*;

use crate::embed::events::{ask_for_token, WidgetEvent};
use crate::state::remote::Remote;

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
