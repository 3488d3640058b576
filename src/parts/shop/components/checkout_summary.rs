//! The checkout's totals, every one from the server's quote, and the
//! footer that places the order: the total, the button, and what stops it.

use etalase_contract::{
    ErrorCode, Locale, Order, Payment, Quote, Rupiah, SavedAddress, MAX_UNITS_PER_VARIANT,
};
use yew::prelude::*;

use crate::i18n::{count, fill, items, Text};
use crate::parts::shop::state::checkout::{
    CheckoutState, Held, Notice, Ordering, Placing, Pricing,
};

/// One line of the totals.
fn row(label: String, amount: Rupiah, locale: Locale, negative: bool) -> Html {
    let value = if negative {
        ["−", &amount.format(locale)].concat()
    } else {
        amount.format(locale)
    };
    html! {
        <div class="sum-row"><dt>{ label }</dt><dd>{ value }</dd></div>
    }
}

/// The totals of `quote`: items, shipping, insurance, discounts, the
/// payment fee (lines of zero left out, but for the items and shipping),
/// and the grand total.
pub fn checkout_summary(quote: &Quote, stale: bool, locale: Locale) -> Html {
    let totals = &quote.totals;
    let units: u32 = quote
        .shops
        .iter()
        .flat_map(|shop| &shop.items)
        .map(|item| item.quantity)
        .sum();
    html! {
        <section class="co-section" aria-labelledby="co-summary" data-testid="summary" aria-busy={stale.then_some("true")}>
            <h3 id="co-summary">{ Text::Summary.get(locale) }</h3>
            <dl class={if stale { "sum is-stale" } else { "sum" }}>
                { row(fill(locale, Text::ItemsSubtotal, &items(locale, units)), totals.items_subtotal, locale, false) }
                { row(Text::ShippingCost.get(locale).to_owned(), totals.shipping, locale, false) }
                if totals.insurance.0 > 0 {
                    { row(Text::InsuranceCost.get(locale).to_owned(), totals.insurance, locale, false) }
                }
                if totals.discount.0 > 0 {
                    { row(Text::DiscountTotal.get(locale).to_owned(), totals.discount, locale, true) }
                }
                if totals.payment_fee.0 > 0 {
                    { row(Text::PaymentFee.get(locale).to_owned(), totals.payment_fee, locale, false) }
                }
                <div class="sum-row is-total" data-testid="grand-total">
                    <dt>{ Text::GrandTotal.get(locale) }</dt>
                    <dd>{ totals.grand_total.format(locale) }</dd>
                </div>
            </dl>
        </section>
    }
}

/// How the placed checkout's payment adds up, when it is not one order's
/// total: its orders' totals (one per shop) and the payment method's fee
/// make the amount to pay that the card over the video shows. Nothing
/// when the payment is exactly one order's total.
pub fn payment_breakdown(
    payment: &Payment,
    orders: &[Order<SavedAddress>],
    locale: Locale,
) -> Html {
    let ordered = orders
        .iter()
        .fold(Rupiah::ZERO, |sum, order| sum + order.total);
    let fee = payment.amount - ordered;
    if orders.len() < 2 && fee == Rupiah::ZERO {
        return Html::default();
    }
    html! {
        <dl class="sum pay-breakdown" data-testid="pay-breakdown">
            { row(fill(
                locale,
                Text::OrdersTotal,
                &count(locale, u32::try_from(orders.len()).unwrap_or(u32::MAX)),
            ), ordered, locale, false) }
            if fee != Rupiah::ZERO {
                { row(Text::PaymentFee.get(locale).to_owned(), fee, locale, false) }
            }
            <div class="sum-row is-total">
                <dt>{ Text::PayTotal.get(locale) }</dt>
                <dd>{ payment.amount.format(locale) }</dd>
            </div>
        </dl>
    }
}

/// Callbacks of [`checkout_footer`].
pub struct FooterActions {
    /// Place the order.
    pub on_place: Callback<()>,
    /// Send the failed attempt again.
    pub on_retry: Callback<()>,
    /// Accept the changed quote and place it.
    pub on_confirm: Callback<()>,
    /// Ask for the quote again.
    pub on_requote: Callback<()>,
    /// Go back to the cart.
    pub on_edit_cart: Callback<()>,
}

/// Why a flash deal's price does not apply, in words, with the code's wire
/// name for the markup.
fn deal_refusal(code: ErrorCode) -> (Text, &'static str) {
    match code {
        ErrorCode::DealNotStarted => (Text::RefusedDealNotStarted, "deal_not_started"),
        ErrorCode::DealSoldOut => (Text::RefusedDealSoldOut, "deal_sold_out"),
        ErrorCode::DealLimitReached => (Text::RefusedDealLimit, "deal_limit_reached"),
        _ => (Text::RefusedDealEnded, "deal_ended"),
    }
}

/// The footer of the review page of `state` (whose pages are `ordering`):
/// a changed quote to confirm, a sold-out product, a failed attempt with its
/// retry, or the total and "Place order".
pub fn checkout_footer(
    state: &CheckoutState,
    ordering: &Ordering,
    locale: Locale,
    actions: &FooterActions,
) -> Html {
    let total = state.pricing.quote().map(|q| q.totals.grand_total);
    if let Placing::PriceChanged(changed) = &ordering.placing {
        return html! {
            <div class="sheet-actions co-footer" role="alert" data-testid="quote-changed">
                <p class="co-message">{ Text::PriceChanged.get(locale) }</p>
                <dl class="sum">
                    <div class="sum-row"><dt>{ Text::TotalBefore.get(locale) }</dt><dd><s>{ changed.before.format(locale) }</s></dd></div>
                    <div class="sum-row is-total"><dt>{ Text::TotalNow.get(locale) }</dt><dd data-testid="new-total">{ changed.quote.totals.grand_total.format(locale) }</dd></div>
                </dl>
                <button type="button" class="action" data-testid="confirm-change" onclick={actions.on_confirm.reform(|_: MouseEvent| ())}>
                    { Text::ConfirmNewPrice.get(locale) }
                </button>
            </div>
        };
    }
    let message = match (&ordering.notice, &ordering.placing, &state.pricing) {
        (Some(Notice::OutOfStock { product_name }), _, _) => Some(html! {
            <div class="co-problem" role="alert" data-testid="out-of-stock">
                <p>{ fill(locale, Text::OutOfStockItem, product_name) }</p>
                <button type="button" class="action is-secondary" data-testid="edit-cart" onclick={actions.on_edit_cart.reform(|_: MouseEvent| ())}>
                    { Text::EditCart.get(locale) }
                </button>
            </div>
        }),
        (Some(Notice::ReservationLimit(held)), _, _) => Some(html! {
            <div class="co-problem" role="alert" data-testid="reservation-limit">
                <p>{ match held {
                    Held::Variant => fill(locale, Text::ReservationLimitMost, &MAX_UNITS_PER_VARIANT.to_string()),
                    Held::Units => Text::ReservationLimitUnits.get(locale).to_owned(),
                    Held::Checkouts => Text::ReservationLimit.get(locale).to_owned(),
                } }</p>
            </div>
        }),
        _ if state.refusal.is_some() => state.refusal.map(deal_refusal).map(|(text, code)| {
            html! {
                <div class="co-problem" role="alert" data-testid="deal-refused" data-code={code}>
                    <p>{ text.get(locale) }</p>
                </div>
            }
        }),
        (_, Placing::Failed { error, .. }, _) => Some(html! {
            <div class="co-problem" role="alert" data-testid="place-failed" data-code={error.code()}>
                <p>{ Text::PlaceFailed.get(locale) }</p>
                <button type="button" class="retry" data-testid="retry-place" onclick={actions.on_retry.reform(|_: MouseEvent| ())}>
                    { Text::Retry.get(locale) }
                </button>
            </div>
        }),
        (_, _, Pricing::Failed { error, .. }) => Some(html! {
            <div class="co-problem" role="alert" data-testid="quote-failed" data-code={error.code()}>
                <p>{ Text::QuoteFailed.get(locale) }</p>
                <button type="button" class="retry" data-testid="retry-quote" onclick={actions.on_requote.reform(|_: MouseEvent| ())}>
                    { Text::Retry.get(locale) }
                </button>
            </div>
        }),
        _ => None,
    };
    let sending = matches!(ordering.placing, Placing::Sending(_));
    let hint = if sending {
        None
    } else if state.choices.payment.is_none() {
        Some(Text::ChoosePaymentFirst)
    } else if state.pricing.is_asking() {
        Some(Text::QuoteLoading)
    } else {
        None
    };
    html! {
        <div class="sheet-actions co-footer">
            { message.unwrap_or_default() }
            <div class="co-place">
                // Read out, label and amount, each time a new quote changes it;
                // before the first, the dash shown has nothing to say.
                <p class="co-total" aria-live="polite" aria-atomic="true">
                    <span class="total-label" aria-hidden={total.is_none().then_some("true")}>{ Text::GrandTotal.get(locale) }</span>
                    if let Some(total) = total {
                        <span class="total" data-testid="footer-total">{ total.format(locale) }</span>
                    } else {
                        <span class="total" data-testid="footer-total" aria-hidden="true">{ "–" }</span>
                    }
                </p>
                <button
                    type="button"
                    class="action"
                    data-testid="place-order"
                    disabled={!state.can_place()}
                    aria-busy={sending.then_some("true")}
                    aria-describedby={hint.map(|_| "co-hint")}
                    onclick={actions.on_place.reform(|_: MouseEvent| ())}
                >
                    { if sending { Text::PlacingOrder.get(locale) } else { Text::PlaceOrder.get(locale) } }
                </button>
            </div>
            if let Some(hint) = hint {
                <p class="hint co-hint" id="co-hint">{ hint.get(locale) }</p>
            }
        </div>
    }
}
