//! [`deal_list`]: the stream's flash deals with their state and units
//! sold ("Habis · 3 dari 3 terjual", "Berakhir · sisanya kembali ke
//! stok"); "End" on a running one asks for confirmation first
//! ([`EndConfirm`]), so a thumb resting mid-stream never ends a deal.

use etalase_contract::{FlashDeal, FlashDealState, Locale};
use yew::prelude::*;

use super::end_confirm::EndConfirm;
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::creator::Item;
use crate::parts::creator::state::deals::{CreatorDeals, DealsAction};
use crate::state::remote::Remote;

/// The stream's deals, newest first: product, price, state and units sold,
/// with "End" on each one still running.
pub fn deal_list(
    deals: &CreatorDeals,
    items: &[Item],
    locale: Locale,
    on_action: &Callback<DealsAction>,
) -> Html {
    let body = match &deals.list {
        Remote::Ready(list) if list.is_empty() => {
            html! { <p class="empty">{ Text::DealsNone.get(locale) }</p> }
        }
        Remote::Ready(list) => html! {
            <ul class="creator-list">
                { for list.iter().map(|deal| deal_row(deal, deals, items, locale, on_action)) }
            </ul>
        },
        Remote::Failed(error) => error_box(
            error,
            Subject::Showcase,
            locale,
            &on_action.reform(|()| DealsAction::Reload),
        ),
        Remote::Idle | Remote::Loading => cart_skeleton(locale),
    };
    html! {
        <div data-testid="deal-list">
            <h3 class="creator-heading">{ Text::DealsHeading.get(locale) }</h3>
            { body }
        </div>
    }
}

/// One deal of the list.
fn deal_row(
    deal: &FlashDeal,
    deals: &CreatorDeals,
    items: &[Item],
    locale: Locale,
    on_action: &Callback<DealsAction>,
) -> Html {
    let name = items
        .iter()
        .find(|item| item.id == deal.product_id)
        .map_or(deal.product_id.as_str(), |item| item.name.as_str());
    let state = match deal.state {
        FlashDealState::Upcoming => Text::DealStateUpcoming,
        FlashDealState::Open => Text::DealStateOpen,
        FlashDealState::SoldOut => Text::SoldOut,
        FlashDealState::Ended => Text::DealEnded,
    };
    // After the state: "3 dari 10 terjual" / "3 of 10 sold"; an ended
    // deal's units left went back to the stock (and its count with them).
    let units = if deal.state == FlashDealState::Ended {
        Text::DealRestBack.get(locale).to_owned()
    } else {
        let sold = [
            count(locale, deal.units.saturating_sub(deal.units_left)),
            Text::PositionOf.get(locale).to_owned(),
            count(locale, deal.units),
        ]
        .join(" ");
        fill(locale, Text::DealSold, &sold)
    };
    let ending = deals.ending.as_ref() == Some(&deal.id);
    let confirming = deals.confirming.as_ref() == Some(&deal.id);
    let id = deal.id.clone();
    let action = if !CreatorDeals::is_running(deal) {
        Html::default()
    } else if confirming {
        html! {
            <EndConfirm
                {locale}
                question={fill(locale, Text::EndDealQuestion, name)}
                on_end={on_action.reform(move |()| DealsAction::End(id.clone()))}
                on_keep={on_action.reform(|()| DealsAction::KeepRunning)}
            />
        }
    } else {
        html! {
            <button
                type="button"
                class="action is-secondary deal-end"
                data-testid="end-deal"
                disabled={deals.ending.is_some()}
                aria-busy={ending.then_some("true")}
                aria-label={[Text::EndDeal.get(locale), " ", name].concat()}
                onclick={on_action.reform(move |_: MouseEvent| DealsAction::AskEnd(id.clone()))}
            >
                { Text::EndDeal.get(locale) }
            </button>
        }
    };
    html! {
        <li class={if confirming { "deal-row is-confirming" } else { "deal-row" }} data-testid="deal-row" data-deal-id={deal.id.clone()} data-state={deal.state.as_str()}>
            <div class="deal-row-text">
                <span class="creator-name">{ name }</span>
                <span class="creator-meta">
                    { deal.price.format(locale) }{ " · " }{ state.get(locale) }{ " · " }
                    <span data-testid="deal-row-units">{ units }</span>
                </span>
            </div>
            { action }
        </li>
    }
}
