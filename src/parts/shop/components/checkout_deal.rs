//! A flash deal's checkout: [`DealTag`], that it is one and how long it
//! runs, and [`deal_quantity`], how many units to buy, within the deal's
//! limit per buyer and the units left.

use etalase_contract::Locale;
use yew::prelude::*;

use super::deal_banner::status_of;
use super::quantity_stepper::quantity_stepper;
use crate::i18n::{count, fill, Text};
use crate::parts::monotonic;
use crate::parts::shop::hooks::use_deal_clock;
use crate::parts::shop::state::checkout::{CheckoutAction, CheckoutState};
use crate::parts::shop::state::deals::Heard;

/// Props of [`DealTag`].
#[derive(Properties, PartialEq)]
pub struct DealTagProps {
    /// The deal being bought, as the live feed last told it.
    pub heard: Heard,
    /// The language of its texts.
    pub locale: Locale,
}

/// "Flash deal · Berakhir dalam 4:05" at the top of a deal's checkout,
/// counting down on the page's monotonic clock as the banner does; "Habis"
/// or "Berakhir" once it has closed. The countdown is a timer, not read out.
#[function_component]
pub fn DealTag(props: &DealTagProps) -> Html {
    let DealTagProps { heard, locale } = props;
    let running = !heard.view(monotonic::now_ms()).is_closed();
    let now = use_deal_clock(running);
    let view = heard.view(now);
    html! {
        <p class={if view.is_closed() { "co-deal-tag is-closed" } else { "co-deal-tag" }} data-testid="deal-tag">
            <span class="deal-flag">{ Text::DealTitle.get(*locale) }</span>
            <span role="timer">{ status_of(view, *locale) }</span>
        </p>
    }
}

/// The quantity of the deal `state` buys, with the most one buyer may buy;
/// nothing for a cart's checkout or a deal of one unit per buyer. Each step
/// asks for a new quote.
pub fn deal_quantity(
    state: &CheckoutState,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    if state.deal_id.is_none() || state.deal_most <= 1 {
        return Html::default();
    }
    let label = Text::Quantity.get(locale);
    html! {
        <div class="co-section co-deal-quantity" data-testid="deal-quantity">
            <span class="co-label" aria-hidden="true">{ label }</span>
            { quantity_stepper(state.quantity, state.deal_most, label, locale, &on_action.reform(CheckoutAction::DealQuantity)) }
            <span class="co-hint">{ fill(locale, Text::DealMostPerBuyer, &count(locale, state.deal_most)) }</span>
        </div>
    }
}
