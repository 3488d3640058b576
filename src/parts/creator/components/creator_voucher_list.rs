//! [`VoucherList`]: the stream's live vouchers as their creator manages
//! them — each with its terms, the claims taken of its quota and those in
//! orders (paid or not: what is paid is the sales tab's),
//! the time left to claim it counting down, or "Ditutup" — and "End" on a
//! claimable one, asked first ([`EndConfirm`]); once ended, its row takes
//! the focus and its end is said.

use etalase_contract::{LiveVoucher, LiveVoucherKind, Locale, Rupiah};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::countdown::minutes_seconds;
use super::end_confirm::EndConfirm;
use super::now_ms;
use super::refocus::refocus;
use crate::components::{cart_skeleton, error_box, Subject};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::vouchers::{CreatorVouchers, Listed, VouchersAction};
use crate::state::remote::Remote;

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
    let rows = use_node_ref();
    // The voucher ended last by the creator, said in the live region.
    let ended = use_state_eq(|| None::<String>);
    let was_ending = use_mut_ref(|| None::<String>);
    {
        // "End" is disabled while the end is on its way, which loses its
        // focus: the row, now closed, takes it.
        let (rows, ended) = (rows.clone(), ended.clone());
        use_effect_with(vouchers.ending.clone(), move |ending| {
            let before = was_ending.replace(ending.clone());
            if let (Some(code), None) = (before, ending) {
                refocus(&rows, &[&[r#"[data-code=""#, &code, r#""]"#].concat()]);
                ended.set(Some(code));
            }
        });
    }
    let was_confirming = use_mut_ref(|| None::<String>);
    {
        // Kept running ("Keep it" or Escape): its "End" is back, and takes
        // the focus the question had.
        let rows = rows.clone();
        use_effect_with(vouchers.confirming.clone(), move |confirming| {
            let before = was_confirming.replace(confirming.clone());
            if let (Some(code), None) = (before, confirming) {
                let end = [
                    r#"[data-code=""#,
                    &code,
                    r#""] [data-testid="end-voucher"]"#,
                ]
                .concat();
                refocus(&rows, &[&end]);
            }
        });
    }
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
            <ul class="creator-list" ref={rows}>
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
    // Said once its row is closed (a refused end leaves it claimable).
    let closed = |code: &String| match &vouchers.list {
        Remote::Ready(list) => list
            .iter()
            .any(|listed| listed.voucher.voucher.code == *code && listed.seconds_left(*now) == 0),
        _ => false,
    };
    let said = (*ended)
        .as_ref()
        .filter(|code| closed(code))
        .map(|code| [code.as_str(), " · ", Text::VoucherClosed.get(locale)].concat());
    html! {
        <div data-testid="voucher-list">
            <h2 class="creator-heading">{ Text::VouchersHeading.get(locale) }</h2>
            <p class="hint creator-note">{ Text::VouchersCountNote.get(locale) }</p>
            { body }
            <p class="sr" aria-live="polite" data-testid="vouchers-said">{ said }</p>
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
    let used = fill(locale, Text::VoucherInOrders, &count(locale, managed.used));
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
                aria-label={fill(locale, Text::EndVoucherNamed, &offer(&managed.voucher, locale))}
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
            tabindex="-1"
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
