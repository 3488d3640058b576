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
use crate::i18n::{count, Text};
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

/// The icon of tab `which` (24 × 24 paths): a list, a plus, a rising
/// line, a price tag, a bolt.
fn tab_icon(which: Tab) -> &'static str {
    match which {
        Tab::Showcase => "M3 13h2v-2H3v2zm0 4h2v-2H3v2zm0-8h2V7H3v2zm4 4h14v-2H7v2zm0 4h14v-2H7v2zM7 7v2h14V7H7z",
        Tab::Catalogue => "M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6v2z",
        Tab::Sales => "M16 6l2.29 2.29-4.88 4.88-4-4L2 16.59 3.41 18l6-6 4 4 6.3-6.29L22 12V6z",
        Tab::Voucher => "M21.41 11.58l-9-9A2 2 0 0 0 11 2H4a2 2 0 0 0-2 2v7c0 .55.22 1.05.59 1.42l9 9a2 2 0 0 0 2.82 0l7-7a2 2 0 0 0 0-2.84zM5.5 7a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3z",
        Tab::Deal => "M7 2v11h3v9l7-12h-4l4-8z",
    }
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
    let tab = |which: Tab, id: &'static str, word: Text, badge: Option<u32>| {
        let selected = state.tab == which;
        // Named in full ("Tambah produk", "Flash deal"), the showcase by
        // what it shows ("Etalase 12"); drawn as an icon over one word,
        // the showcase's count a badge by the icon.
        let name = match (which, badge) {
            (_, Some(items)) => [word.get(locale), " ", &count(locale, items)].concat(),
            (Tab::Catalogue, _) => Text::TabCatalogue.get(locale).to_owned(),
            (Tab::Deal, _) => Text::TabDeal.get(locale).to_owned(),
            _ => word.get(locale).to_owned(),
        };
        html! {
            <button
                type="button"
                role="tab"
                class="tab"
                id={["tab-", id].concat()}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls="creator-tabpanel"
                aria-label={name}
                tabindex={choice_tabindex(selected, false)}
                data-testid={["tab-", id].concat()}
                onclick={on_action.reform(move |_: MouseEvent| CreatorAction::Show(which))}
            >
                <span class="tab-icon" aria-hidden="true">
                    <svg viewBox="0 0 24 24" focusable="false"><path d={tab_icon(which)} /></svg>
                </span>
                <span class="tab-word">{ word.get(locale) }</span>
                if let Some(badge) = badge {
                    { " " }<span class="tab-badge" data-testid="tab-count">{ count(locale, badge) }</span>
                }
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
        Tab::Sales => scrolling(sales_view(
            &state.sales,
            deals.live == Some(false),
            locale,
            on_action,
        )),
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
                { tab(Tab::Showcase, "showcase", Text::TabShowcase, Some(u32::try_from(state.items.len()).unwrap_or(u32::MAX))) }
                { tab(Tab::Catalogue, "catalogue", Text::TabCatalogueShort, None) }
                { tab(Tab::Sales, "sales", Text::TabSales, None) }
                { tab(Tab::Voucher, "voucher", Text::TabVoucher, None) }
                { tab(Tab::Deal, "deal", Text::TabDealShort, None) }
            </div>
            <div class="creator-body" role="tabpanel" id="creator-tabpanel" aria-labelledby={active} key={active}>
                { body }
            </div>
        </section>
    }
}
