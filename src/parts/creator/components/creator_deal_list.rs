//! [`deal_list`]: the stream's flash deals with their state, units ordered and
//! the time to their start or end as viewers count it ("Segera · 0 dari 2
//! dipesan · Mulai dalam 0:05", "Berakhir · 1 dari 2 dipesan · sisanya
//! kembali ke stok");
//! "End" on a running one asks for confirmation first ([`EndConfirm`]), so
//! a thumb resting mid-stream never ends a deal.

use etalase_contract::{FlashDeal, Locale};
use yew::prelude::*;

use super::countdown::minutes_seconds;
use super::end_confirm::EndConfirm;
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::creator::Item;
use crate::parts::creator::state::deals::{CreatorDeals, DealsAction, Listed};
use crate::state::deal_view::DealView;
use crate::state::remote::Remote;

/// What the deals' list is drawn from.
pub struct DealList<'a> {
    /// The deals and where ending one stands.
    pub deals: &'a CreatorDeals,
    /// The showcase's products, to name each deal's.
    pub items: &'a [Item],
    /// The moment drawn, on the page's monotonic clock.
    pub now_ms: i64,
    /// The language of every text.
    pub locale: Locale,
    /// Where its actions go.
    pub on_action: &'a Callback<DealsAction>,
    /// The list itself, for focus to find a row.
    pub rows: NodeRef,
}

/// The name of `deal`'s product among `items` (its id when not there).
pub fn deal_product<'a>(deal: &'a FlashDeal, items: &'a [Item]) -> &'a str {
    items
        .iter()
        .find(|item| item.id == deal.product_id)
        .map_or(deal.product_id.as_str(), |item| item.name.as_str())
}

/// What `shown` says: its state, and the time to its start or end.
pub fn shown_said(shown: DealView, locale: Locale) -> (Text, Option<String>) {
    match shown {
        DealView::Upcoming { starts_in } => (
            Text::DealStateUpcoming,
            Some(fill(
                locale,
                Text::DealStartsIn,
                &minutes_seconds(starts_in),
            )),
        ),
        DealView::Open { seconds_left } => (
            Text::DealStateOpen,
            Some(fill(
                locale,
                Text::DealEndsIn,
                &minutes_seconds(seconds_left),
            )),
        ),
        DealView::SoldOut => (Text::SoldOut, None),
        DealView::Ended => (Text::DealEnded, None),
    }
}

/// The stream's deals, newest first: product, price, state, units ordered and
/// its countdown, with "End" on each one still running.
pub fn deal_list(list: &DealList<'_>) -> Html {
    let DealList {
        deals,
        items,
        now_ms,
        locale,
        on_action,
        ..
    } = *list;
    let body = match &deals.list {
        Remote::Ready(listed) if listed.is_empty() => {
            html! { <p class="empty">{ Text::DealsNone.get(locale) }</p> }
        }
        Remote::Ready(listed) => html! {
            <ul class="creator-list" ref={list.rows.clone()}>
                { for listed.iter().map(|listed| deal_row(listed, deals, items, now_ms, locale, on_action)) }
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
            <h2 class="creator-heading">{ Text::DealsHeading.get(locale) }</h2>
            <p class="hint creator-note">{ Text::DealsCountNote.get(locale) }</p>
            { body }
        </div>
    }
}

/// One deal of the list at `now_ms`.
fn deal_row(
    listed: &Listed,
    deals: &CreatorDeals,
    items: &[Item],
    now_ms: i64,
    locale: Locale,
    on_action: &Callback<DealsAction>,
) -> Html {
    let deal = &listed.deal;
    let name = deal_product(deal, items);
    let shown = listed.shown(now_ms);
    let (state, left) = shown_said(shown, locale);
    // After the state: "3 dari 10 dipesan" / "3 of 10 ordered" (in orders
    // not cancelled or expired, paid or not: what is paid is the sales
    // tab's), kept once it sold out or ended; an ended deal's units left
    // went back to the stock.
    let sold = [
        count(locale, deal.units_sold),
        Text::PositionOf.get(locale).to_owned(),
        count(locale, deal.units),
    ]
    .join(" ");
    let ordered = fill(locale, Text::DealOrdered, &sold);
    let units = if shown == DealView::Ended {
        [ordered.as_str(), Text::DealRestBack.get(locale)].join(" · ")
    } else {
        ordered
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
        <li class={if confirming { "deal-row is-confirming" } else { "deal-row" }} data-testid="deal-row" data-deal-id={deal.id.clone()} data-state={deal.state.as_str()} tabindex="-1">
            <div class="deal-row-text">
                <span class="creator-name">{ name }</span>
                <span class="creator-meta">
                    { deal.price.format(locale) }{ " · " }{ state.get(locale) }{ " · " }
                    <span data-testid="deal-row-units">{ units }</span>
                    if let Some(left) = left {
                        { " · " }<span role="timer" data-testid="deal-row-left">{ left }</span>
                    }
                </span>
            </div>
            { action }
        </li>
    }
}
