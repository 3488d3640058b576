//! [`deal_quantity`]: how many units of a flash deal to buy, within the
//! deal's limit per buyer and the units left.

use etalase_contract::Locale;
use yew::prelude::*;

use super::quantity_stepper::quantity_stepper;
use crate::i18n::{count, fill, Text};
use crate::parts::shop::state::checkout::{CheckoutAction, CheckoutState};

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
