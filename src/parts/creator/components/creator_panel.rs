//! [`creator_panel`]: a creator's tools for one stream, as tabs — the
//! showcase, the catalogue to add from, what the stream sold, live
//! vouchers to drop and manage, and flash deals. Each tab's content
//! scrolls on its own; the tab's actions a creator uses mid-stream ("pin
//! next" and the undo, dropping a voucher) stay under it, never over it.

use std::rc::Rc;

use etalase_contract::Locale;
use yew::prelude::*;

use super::creator_catalogue::CatalogueSearch;
use super::creator_deals::DealForm;
use super::creator_sales::sales_view;
use super::creator_showcase::CreatorShowcase;
use super::creator_voucher::VoucherForm;
use super::creator_voucher_list::VoucherList;
use super::now_ms;
use crate::components::{cart_skeleton, choice_keys, choice_tabindex, error_box, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::creator::{CreatorAction, CreatorState, Tab};
use crate::parts::creator::state::deals::{CreatorDeals, DealsAction};
use crate::parts::creator::state::vouchers::{CreatorVouchers, VouchersAction};

/// What the creator's panel shows and where its taps go.
pub struct CreatorPanel<'a> {
    /// The creator's state.
    pub state: &'a CreatorState,
    /// The language of every text.
    pub locale: Locale,
    /// Where the creator's actions go.
    pub on_action: Callback<CreatorAction>,
    /// Loads the showcase again after a failure.
    pub on_retry: Callback<()>,
    /// The stream's flash deals.
    pub deals: &'a CreatorDeals,
    /// Where the flash deal form's actions go.
    pub on_deal: Callback<DealsAction>,
    /// The stream's live vouchers.
    pub vouchers: &'a CreatorVouchers,
    /// Where the voucher list's actions go.
    pub on_voucher: Callback<VouchersAction>,
}

/// A tab's content with no actions under it, scrolling on its own.
fn scrolling(content: Html) -> Html {
    html! { <div class="creator-scroll">{ content }</div> }
}

/// The tab list and the chosen tab's panel.
pub fn creator_panel(panel: &CreatorPanel<'_>) -> Html {
    let CreatorPanel {
        state,
        locale,
        on_action,
        on_retry,
        deals,
        on_deal,
        vouchers,
        on_voucher,
    } = panel;
    let locale = *locale;
    let tab = |which: Tab, id: &'static str, label: String| {
        let selected = state.tab == which;
        html! {
            <button
                type="button"
                role="tab"
                class="tab"
                id={["tab-", id].concat()}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls="creator-tabpanel"
                tabindex={choice_tabindex(selected, false)}
                data-testid={["tab-", id].concat()}
                onclick={on_action.reform(move |_: MouseEvent| CreatorAction::Show(which))}
            >
                { label }
            </button>
        }
    };
    let body = match state.tab {
        Tab::Showcase => match (&state.load_error, state.is_loaded()) {
            (Some(error), false) => {
                scrolling(error_box(error, Subject::Showcase, locale, on_retry))
            }
            (_, false) => scrolling(cart_skeleton(locale)),
            _ => html! {
                <CreatorShowcase
                    state={(*state).clone()}
                    in_deal={deals.products_in_deal()}
                    {locale}
                    on_action={on_action.clone()}
                />
            },
        },
        Tab::Catalogue => scrolling(html! {
            <CatalogueSearch
                {locale}
                search={state.search.clone()}
                results={state.results.clone()}
                in_showcase={Rc::new(state.items.iter().map(|item| item.id.clone()).collect::<Vec<_>>())}
                full={state.is_full()}
                on_action={on_action.clone()}
            />
        }),
        Tab::Sales => scrolling(sales_view(&state.sales, locale, on_action)),
        Tab::Voucher => html! {
            <VoucherForm
                {locale}
                drop={state.drop.clone()}
                dropped_closed={state.drop.dropped.as_ref().is_some_and(|dropped| vouchers.is_closed(&dropped.code, now_ms()))}
                on_action={on_action.clone()}
            >
                <VoucherList {locale} vouchers={(*vouchers).clone()} on_action={on_voucher.clone()} />
            </VoucherForm>
        },
        Tab::Deal => html! {
            <DealForm {locale} items={state.items.clone()} deals={(*deals).clone()} on_action={on_deal.clone()} />
        },
    };
    let active = match state.tab {
        Tab::Showcase => "tab-showcase",
        Tab::Catalogue => "tab-catalogue",
        Tab::Sales => "tab-sales",
        Tab::Voucher => "tab-voucher",
        Tab::Deal => "tab-deal",
    };
    html! {
        <section class="creator" data-testid="creator" aria-label={Text::CreatorTools.get(locale)}>
            <div class="tabs" role="tablist" aria-label={Text::CreatorTools.get(locale)} onkeydown={Callback::from(choice_keys)}>
                { tab(Tab::Showcase, "showcase", fill(locale, Text::TabShowcase, &count(locale, u32::try_from(state.items.len()).unwrap_or(u32::MAX)))) }
                { tab(Tab::Catalogue, "catalogue", Text::TabCatalogue.get(locale).to_owned()) }
                { tab(Tab::Sales, "sales", Text::TabSales.get(locale).to_owned()) }
                { tab(Tab::Voucher, "voucher", Text::TabVoucher.get(locale).to_owned()) }
                { tab(Tab::Deal, "deal", Text::TabDeal.get(locale).to_owned()) }
            </div>
            <div class="creator-body" role="tabpanel" id="creator-tabpanel" aria-labelledby={active} key={active}>
                { body }
            </div>
        </section>
    }
}
