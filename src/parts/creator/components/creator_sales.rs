//! [`sales_view`]: what the stream sold, as its creator reads it mid-stream —
//! each figure with a line saying what it counts (paid orders, units, GMV
//! before vouchers and shipping, the commission, the live vouchers' cost),
//! the orders not paid yet apart, then each product with its commission
//! rate and, on a video, the second buyers opened it at; refreshed by
//! itself while the tab is open.

use etalase_contract::{Locale, StreamSales};
use yew::prelude::*;

use super::countdown::minutes_seconds;
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::{count, fill, items, percent, Text};
use crate::parts::creator::state::creator::CreatorAction;
use crate::parts::creator::state::sales::Sales;
use crate::state::remote::Remote;

/// One figure: its label, its value (named by `id` for tests) and what it
/// counts; `apart` for a figure not part of the stream's sales.
fn figure(label: &str, value: String, id: &'static str, note: String, apart: bool) -> Html {
    html! {
        <div class={if apart { "figure is-apart" } else { "figure" }}>
            <dt>{ label }</dt>
            <dd class="figure-value" data-testid={id}>{ value }</dd>
            <dd class="figure-note">{ note }</dd>
        </div>
    }
}

/// The figures and the products of `sales`; with each product of a
/// `video`, the median second of playback its buyers opened it at.
fn figures(sales: &StreamSales, video: bool, locale: Locale) -> Html {
    let note = |text: Text| text.get(locale).to_owned();
    html! {
        <>
            <dl class="figures">
                { figure(Text::SalesGmv.get(locale), sales.gmv.format(locale), "sales-gmv", note(Text::SalesGmvNote), false) }
                { figure(Text::SalesCommission.get(locale), sales.commission.format(locale), "sales-commission", note(Text::SalesCommissionNote), false) }
                { figure(Text::SalesOrders.get(locale), count(locale, sales.orders), "sales-orders", note(Text::SalesOrdersNote), false) }
                { figure(Text::SalesUnits.get(locale), count(locale, sales.units), "sales-units", note(Text::SalesUnitsNote), false) }
                { figure(Text::SalesVoucherCost.get(locale), sales.voucher_cost.format(locale), "sales-voucher-cost", note(Text::SalesVoucherCostNote), false) }
                { figure(
                    Text::SalesUnpaid.get(locale),
                    sales.unpaid_gmv.format(locale),
                    "sales-unpaid",
                    fill(locale, Text::SalesUnpaidNote, &count(locale, sales.unpaid_orders)),
                    true,
                ) }
            </dl>
            if sales.products.is_empty() {
                <p class="empty">{ Text::SalesNone.get(locale) }</p>
            } else {
                <h2 class="creator-heading">{ Text::SalesByProduct.get(locale) }</h2>
                <ul class="creator-list">
                    { for sales.products.iter().map(|product| html! {
                        <li class="sales-row" data-testid="sales-product">
                            <span class="creator-name">{ product.product_name.as_str() }</span>
                            <span class="creator-meta">
                                { items(locale, product.units) }{ " · " }{ product.gmv.format(locale) }
                            </span>
                            <span class="creator-meta" data-testid="sales-product-commission">
                                { fill(locale, Text::Commission, &percent(locale, product.commission_bp)) }
                                { " · " }{ product.commission.format(locale) }
                            </span>
                            if let Some(second) = product.median_playback_second.filter(|_| video) {
                                <span class="creator-meta" data-testid="sales-product-second">
                                    { fill(locale, Text::SalesOpenedAt, &minutes_seconds(second.into())) }
                                </span>
                            }
                        </li>
                    }) }
                </ul>
            }
        </>
    }
}

/// The sales tab: how the figures stay current (during the stream, or as a
/// video's orders come in), the figures once known (a failed refresh said
/// above them), a skeleton before, a failure with its retry; "refresh" at
/// the end. `video`: the stream is known to be a recorded video, whose
/// products say at which second buyers opened them (a live stream's never do).
pub fn sales_view(
    sales: &Sales,
    video: bool,
    locale: Locale,
    on_action: &Callback<CreatorAction>,
) -> Html {
    let refresh = on_action.reform(|()| CreatorAction::RefreshSales);
    // Refreshed on the live feed's word either way; a video has no broadcast to last.
    let said = if video {
        Text::SalesVideo
    } else {
        Text::SalesLive
    };
    let body = match &sales.figures {
        Remote::Ready(figures_now) => figures(figures_now, video, locale),
        Remote::Failed(error) => error_box(error, Subject::Checkout, locale, &refresh),
        Remote::Idle | Remote::Loading => cart_skeleton(locale),
    };
    html! {
        <div data-testid="sales">
            <p class="hint sales-live" data-testid="sales-updates">{ said.get(locale) }</p>
            if sales.stale.is_some() {
                <p class="field-error" role="status" data-testid="sales-stale">{ Text::SalesStale.get(locale) }</p>
            }
            { body }
            <button type="button" class="action is-secondary refresh" data-testid="refresh-sales" onclick={refresh.reform(|_: MouseEvent| ())}>
                { Text::Refresh.get(locale) }
            </button>
        </div>
    }
}
