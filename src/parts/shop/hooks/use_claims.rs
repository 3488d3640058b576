//! [`use_claims`]: the viewer's claims of live vouchers, one tap each.

use std::rc::Rc;

use etalase_contract::ErrorCode;
use yew::platform::spawn_local;
use yew::prelude::*;

use gloo_timers::callback::Timeout;

use crate::api::ApiClient;
use crate::embed::events::ask_for_token;
use crate::embed::events::WidgetEvent;
use crate::parts::shop::app::SIGN_IN_SAID_AFTER_MS;

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// On its way.
    Claiming,
    /// Waiting, unsent, for the viewer browsing with the publishable key to
    /// sign in: the host was asked and has not answered within
    /// [`SIGN_IN_SAID_AFTER_MS`]. A tap asks it again.
    SignIn,
    /// Claimed: it applies at checkout.
    Claimed,
    /// Refused: its window closed, its quota ran out, or it failed.
    Refused(Option<ErrorCode>),
}

/// The claims made in this mount, by voucher code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claims(Vec<(String, Claim)>);

impl Claims {
    /// Where the claim of `code` stands, if one was made.
    pub fn of(&self, code: &str) -> Option<Claim> {
        self.0
            .iter()
            .find(|(known, _)| known == code)
            .map(|(_, claim)| *claim)
    }

    /// The codes claimed, to apply at checkout.
    pub fn claimed(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, claim)| *claim == Claim::Claimed)
            .map(|(code, _)| code.clone())
            .collect()
    }
}

impl Reducible for Claims {
    type Action = (String, Claim);

    fn reduce(self: Rc<Self>, (code, claim): (String, Claim)) -> Rc<Self> {
        // Only a claim still on its way waits for a sign-in.
        if claim == Claim::SignIn && self.of(&code) != Some(Claim::Claiming) {
            return self;
        }
        let mut next = (*self).clone();
        match next.0.iter_mut().find(|(known, _)| *known == code) {
            Some(known) => known.1 = claim,
            None => next.0.push((code, claim)),
        }
        Rc::new(next)
    }
}

/// The claims, and the tap that claims a code on `stream_id`.
#[hook]
pub fn use_claims(
    client: Rc<ApiClient>,
    stream_id: AttrValue,
    on_event: &Callback<WidgetEvent>,
) -> (UseReducerHandle<Claims>, Callback<String>) {
    let claims = use_reducer(Claims::default);
    let on_claim = {
        let (dispatcher, on_event) = (claims.dispatcher(), on_event.clone());
        let waiting = claims.clone();
        Callback::from(move |code: String| {
            let asked_before = waiting.of(&code) == Some(Claim::SignIn);
            dispatcher.dispatch((code.clone(), Claim::Claiming));
            if client.is_browsing() {
                // The viewer asked: the host hears it again, and the claim
                // says it waits if no token comes in a while.
                client.ask_again();
                let (client, dispatcher, code) =
                    (Rc::clone(&client), dispatcher.clone(), code.clone());
                Timeout::new(SIGN_IN_SAID_AFTER_MS, move || {
                    if client.is_browsing() {
                        dispatcher.dispatch((code, Claim::SignIn));
                    }
                })
                .forget();
            }
            if asked_before {
                // Its claim is still on its way, waiting for the token.
                return;
            }
            let (client, dispatcher, on_event) =
                (Rc::clone(&client), dispatcher.clone(), on_event.clone());
            let stream_id = stream_id.clone();
            spawn_local(async move {
                let claim = match client.claim_voucher(&stream_id, &code).await {
                    Ok(_) => Claim::Claimed,
                    Err(error) => {
                        ask_for_token(&error, &on_event);
                        Claim::Refused(error.api_code())
                    }
                };
                dispatcher.dispatch((code, claim));
            });
        })
    };
    (claims, on_claim)
}
