//! [`VoucherList`]: the stream's live vouchers as their creator manages
//! them — each with its terms, the claims taken of its quota and the uses,
//! the time left to claim it counting down, or "Ditutup" — and "End" on a
//! claimable one, asked first ([`EndConfirm`]).

use etalase_contract::{LiveVoucher, LiveVoucherKind, Locale, Rupiah};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::end_confirm::EndConfirm;
use super::now_ms;
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::vouchers::{CreatorVouchers, Listed, VouchersAction};
use crate::state::remote::Remote;

/// `seconds` as minutes and seconds: `0:27`, `4:05`, `60:00`.
fn minutes_seconds(seconds: u64) -> String {
    let rest = seconds % 60;
    let pad = if rest < 10 { ":0" } else { ":" };
    [(seconds / 60).to_string().as_str(), pad, &rest.to_string()].concat()
}

/// What the voucher takes off, as its creator set it: `Potongan Rp15.000`,
/// or `Diskon 10% · maks. Rp25.000`.
fn offer(voucher: &LiveVoucher, locale: Locale) -> String {
    match (voucher.kind, voucher.max_discount) {
        (LiveVoucherKind::Amount, _) => fill(
            locale,
            Text::VoucherAmount,
            &Rupiah(voucher.value).format(locale),
        ),
        (LiveVoucherKind::Percent, cap) => {
            let percent = fill(locale, Text::VoucherPercent, &voucher.value.to_string());
            match cap {
                Some(cap) => {
                    [percent, fill(locale, Text::VoucherCap, &cap.format(locale))].join(" · ")
                }
                None => percent,
            }
        }
    }
}

/// Props of [`VoucherList`].
#[derive(Properties, PartialEq)]
pub struct VoucherListProps {
    /// The language of every text.
    pub locale: Locale,
    /// The vouchers and where ending one stands.
    pub vouchers: CreatorVouchers,
    /// Where its actions go.
    pub on_action: Callback<VouchersAction>,
}

/// The list, newest first, ticking each second while a voucher is claimable.
#[function_component]
pub fn VoucherList(props: &VoucherListProps) -> Html {
    let VoucherListProps {
        locale,
        vouchers,
        on_action,
    } = props;
    let locale = *locale;
    let now = use_state_eq(now_ms);
    let running = match &vouchers.list {
        Remote::Ready(list) => list.iter().any(|listed| listed.seconds_left(*now) > 0),
        _ => false,
    };
    {
        let now = now.setter();
        use_effect_with(running, move |running| {
            let ticks = running.then(|| Interval::new(1_000, move || now.set(now_ms())));
            move || drop(ticks)
        });
    }
    let body = match &vouchers.list {
        Remote::Ready(list) if list.is_empty() => {
            html! { <p class="empty">{ Text::VouchersNone.get(locale) }</p> }
        }
        Remote::Ready(list) => html! {
            <ul class="creator-list">
                { for list.iter().map(|listed| voucher_row(listed, vouchers, *now, locale, on_action)) }
            </ul>
        },
        Remote::Failed(error) => error_box(
            error,
            Subject::Showcase,
            locale,
            &on_action.reform(|()| VouchersAction::Reload),
        ),
        Remote::Idle | Remote::Loading => cart_skeleton(locale),
    };
    html! {
        <div data-testid="voucher-list">
            <h3 class="creator-heading">{ Text::VouchersHeading.get(locale) }</h3>
            { body }
        </div>
    }
}

/// One voucher of the list at `now_ms`.
fn voucher_row(
    listed: &Listed,
    vouchers: &CreatorVouchers,
    now_ms: i64,
    locale: Locale,
    on_action: &Callback<VouchersAction>,
) -> Html {
    let managed = &listed.voucher;
    let code = managed.voucher.code.clone();
    let left = listed.seconds_left(now_ms);
    let confirming = vouchers.confirming.as_ref() == Some(&code);
    let claims = fill(
        locale,
        Text::VoucherClaims,
        &[
            count(locale, listed.claimed()),
            count(locale, managed.quota),
        ]
        .join("/"),
    );
    let used = fill(locale, Text::VoucherUsed, &count(locale, managed.used));
    let status = if left > 0 {
        html! { <span class="voucher-left" role="timer" data-testid="voucher-row-left">{ fill(locale, Text::VoucherClosesIn, &minutes_seconds(left)) }</span> }
    } else {
        html! { <span data-testid="voucher-row-left">{ Text::VoucherClosed.get(locale) }</span> }
    };
    let action = if left == 0 {
        Html::default()
    } else if confirming {
        let end = code.clone();
        html! {
            <EndConfirm
                {locale}
                question={fill(locale, Text::EndVoucherQuestion, &code)}
                on_end={on_action.reform(move |()| VouchersAction::End(end.clone()))}
                on_keep={on_action.reform(|()| VouchersAction::KeepOpen)}
            />
        }
    } else {
        let ending = vouchers.ending.as_ref() == Some(&code);
        let end = code.clone();
        html! {
            <button
                type="button"
                class="action is-secondary deal-end"
                data-testid="end-voucher"
                disabled={vouchers.ending.is_some()}
                aria-busy={ending.then_some("true")}
                aria-label={[Text::EndDeal.get(locale), " ", code.as_str()].concat()}
                onclick={on_action.reform(move |_: MouseEvent| VouchersAction::AskEnd(end.clone()))}
            >
                { Text::EndDeal.get(locale) }
            </button>
        }
    };
    html! {
        <li
            class={if confirming { "deal-row is-confirming" } else { "deal-row" }}
            data-testid="voucher-row"
            data-code={code.clone()}
            data-claimable={if left > 0 { "true" } else { "false" }}
        >
            <div class="deal-row-text">
                <span class="creator-name">{ code.as_str() }{ " · " }{ offer(&managed.voucher, locale) }</span>
                <span class="creator-meta">
                    <span data-testid="voucher-row-claims">{ claims }</span>{ " · " }{ used }{ " · " }{ status }
                </span>
            </div>
            { action }
        </li>
    }
}
