//! [`payment_panel`]: how to pay a placed checkout, and how its payment
//! ended.
//!
//! While the payment is pending: the amount due, the time left and the
//! method, then what the method needs (a virtual account number, a QRIS
//! code, a wallet to open, the cash to hand the courier, the card
//! provider's page), "Check status" and "Cancel order". Once it is settled:
//! paid, expired, failed or cancelled, each with what it means.

use std::rc::Rc;

use etalase_contract::{
    Locale, Payment, PaymentInstructions, PaymentMethod, PaymentStatus, Rupiah, Wallet,
};
use yew::prelude::*;

use super::payment_qris::qris;
use super::payment_va::{bank_name, virtual_account};
use super::Countdown;
use crate::components::{amount, with_amount};
use crate::i18n::{fill, Text};
use crate::parts::shop::state::clock;
use crate::parts::shop::state::status_check::StatusCheck;
use crate::view::focus::focus;

/// What the payment panel shows and where its taps go.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentPanel {
    /// The checkout's payment, as the API last answered.
    pub payment: Rc<Payment>,
    /// The language of every text.
    pub locale: Locale,
    /// Called with the wallet's deeplink on "Open <wallet>": a webview
    /// cannot open `gojek://` itself, so the host must.
    pub on_open_wallet: Callback<String>,
    /// Called on "Check status", and when the time to pay runs out: ask
    /// the API for the payment now.
    pub on_check: Callback<()>,
    /// Where the shopper's last "Check status" stands: the button waits
    /// while it asks, and a check that found nothing new says so.
    pub checked: StatusCheck,
    /// Called on "Cancel order".
    pub on_cancel: Callback<()>,
    /// Whether a cancellation is under way: "Cancel order" is disabled and
    /// says so.
    pub cancelling: bool,
}

/// The panel for `panel.payment`, by its status and instructions, in a
/// root carrying `data-status`.
pub fn payment_panel(panel: &PaymentPanel) -> Html {
    let PaymentPanel {
        payment, locale, ..
    } = panel;
    let locale = *locale;
    let (status, body) = match payment.status {
        PaymentStatus::Pending => ("pending", pending(panel)),
        PaymentStatus::Paid => (
            "paid",
            settled(payment, locale, true, Text::PaidTitle, Text::PaidNote),
        ),
        PaymentStatus::Expired => (
            "expired",
            settled(
                payment,
                locale,
                false,
                Text::ExpiredTitle,
                Text::ExpiredNote,
            ),
        ),
        PaymentStatus::Failed => (
            "failed",
            settled(payment, locale, false, Text::FailedTitle, Text::FailedNote),
        ),
        PaymentStatus::Cancelled => (
            "cancelled",
            settled(
                payment,
                locale,
                false,
                Text::CancelledTitle,
                Text::CancelledNote,
            ),
        ),
    };
    html! {
        <section class="pay" data-testid="payment-panel" data-status={status}>{ body }</section>
    }
}

/// The name of a payment method: `BCA Virtual Account`, `QRIS`, `GoPay`,
/// `Bayar di Tempat (COD)`.
pub fn payment_method_name(method: PaymentMethod, locale: Locale) -> String {
    match method {
        PaymentMethod::VirtualAccount { bank } => {
            fill(locale, Text::MethodVirtualAccount, bank_name(bank))
        }
        PaymentMethod::Qris => Text::MethodQris.get(locale).to_owned(),
        PaymentMethod::Ewallet { wallet } => wallet_name(wallet).to_owned(),
        PaymentMethod::Cod => Text::MethodCod.get(locale).to_owned(),
        PaymentMethod::Card => Text::MethodCard.get(locale).to_owned(),
    }
}

/// A disclosure titled `title` listing `steps` in order, `open` at first
/// when asked; the group and its list are both named `title`.
pub(super) fn steps(title: &str, steps: impl IntoIterator<Item = Html>, open: bool) -> Html {
    html! {
        <details class="steps" aria-label={title.to_owned()} {open}>
            <summary>{ title }</summary>
            <ol aria-label={title.to_owned()}>{ for steps.into_iter().map(|step| html! { <li>{ step }</li> }) }</ol>
        </details>
    }
}

/// The wallet's name as shoppers know it (the same in every language).
pub(super) fn wallet_name(wallet: Wallet) -> &'static str {
    match wallet {
        Wallet::Gopay => "GoPay",
        Wallet::Ovo => "OVO",
        Wallet::Dana => "DANA",
        Wallet::Shopeepay => "ShopeePay",
    }
}

/// A pending payment: what to pay and how, then the actions.
fn pending(panel: &PaymentPanel) -> Html {
    let PaymentPanel {
        payment,
        locale,
        on_open_wallet,
        on_check,
        checked,
        on_cancel,
        cancelling,
    } = panel;
    let locale = *locale;
    let amount = payment.amount.format(locale);
    let method = payment_method_name(payment.method, locale);
    let (body, wallet) = match &payment.instructions {
        PaymentInstructions::Cod { amount_to_collect } => {
            return cod(&method, *amount_to_collect, panel);
        }
        PaymentInstructions::VirtualAccount {
            bank,
            account_number,
        } => (virtual_account(*bank, account_number, locale), false),
        PaymentInstructions::Qris { qr_payload } => {
            (qris(qr_payload, payment.amount, &payment.id, locale), false)
        }
        PaymentInstructions::Ewallet { wallet, deeplink } => {
            let name = wallet_name(*wallet);
            let deeplink = deeplink.clone();
            let onclick = on_open_wallet.reform(move |_: MouseEvent| deeplink.clone());
            let body = html! {
                <div class="pay-box">
                    <button type="button" class="action" data-testid="open-wallet" {onclick}>
                        { fill(locale, Text::OpenWallet, name) }
                    </button>
                    <p class="pay-note">{ fill(locale, Text::WalletNote, name) }</p>
                </div>
            };
            (body, true)
        }
        PaymentInstructions::Card { hosted_url } => (card(hosted_url, locale), false),
    };
    let due = clock::parse_utc(&payment.expires_at)
        .map(|ms| fill(locale, Text::PayBefore, &clock::format_time(ms, locale)));
    let asking = *checked == StatusCheck::Asking;
    // Waiting is `aria-disabled`: the button keeps the keyboard's focus.
    let check = {
        let on_check = on_check.clone();
        Callback::from(move |_: MouseEvent| {
            if !asking {
                on_check.emit(());
            }
        })
    };
    let check_label = if asking {
        Text::Checking
    } else {
        Text::CheckStatus
    };
    let said = match checked {
        StatusCheck::Unchanged => Text::CheckedUnchanged.get(locale),
        StatusCheck::Failed => Text::CheckFailed.get(locale),
        StatusCheck::Idle | StatusCheck::Asking => "",
    };
    html! {
        <>
            <div class="pay-head">
                <p class="pay-label">{ Text::PayTotal.get(locale) }</p>
                <p class="pay-amount" data-testid="payment-amount">{ amount }</p>
                <p class="pay-deadline">
                    <span>{ Text::PayWithin.get(locale) }</span>
                    <Countdown
                        expires_at={AttrValue::from(payment.expires_at.clone())}
                        {locale}
                        on_expired={on_check.clone()}
                    />
                </p>
                if let Some(due) = due {
                    <p class="pay-due">{ due }</p>
                }
                <p class="pay-method" data-testid="payment-method">{ method }</p>
            </div>
            { body }
            <div class="pay-actions">
                { cancel_button(on_cancel, *cancelling, locale) }
                <button
                    type="button"
                    class={classes!("action", wallet.then_some("is-secondary"))}
                    data-testid="check-payment"
                    aria-disabled={asking.then_some("true")}
                    aria-busy={asking.then_some("true")}
                    onclick={check}
                >
                    { check_label.get(locale) }
                </button>
            </div>
            <p class="pay-checked" role="status" data-testid="check-said">{ said }</p>
        </>
    }
}

/// Cash on delivery: nothing to pay now, so no countdown and no status to
/// check; the order can still be cancelled until it ships.
fn cod(method: &str, to_collect: Rupiah, panel: &PaymentPanel) -> Html {
    let locale = panel.locale;
    html! {
        <>
            <div class="pay-result is-ok">
                { icon(true) }
                <h3 class="pay-title">{ Text::CodPlaced.get(locale) }</h3>
                <p class="pay-method" data-testid="payment-method">{ method }</p>
            </div>
            <div class="pay-box">
                <p class="pay-cod" data-testid="cod-amount">{ with_amount(locale, Text::CodPay, to_collect) }</p>
                <p class="pay-note">{ Text::CodNote.get(locale) }</p>
            </div>
            <div class="pay-actions">{ cancel_button(&panel.on_cancel, panel.cancelling, locale) }</div>
        </>
    }
}

/// The card provider's hosted page in a sandboxed frame: card numbers are
/// typed there, never in the widget. Only a web address or a path is
/// framed (a `javascript:` address would run inside the widget's page).
fn card(hosted_url: &str, locale: Locale) -> Html {
    let lower = hosted_url.to_ascii_lowercase();
    let framable = lower.starts_with("https://")
        || lower.starts_with("http://")
        || (hosted_url.starts_with('/') && !hosted_url.starts_with("//"));
    html! {
        <div class="pay-box">
            <p class="pay-note">{ Text::CardNote.get(locale) }</p>
            if framable {
                <iframe
                    class="card-frame"
                    src={hosted_url.to_owned()}
                    title={Text::CardFrame.get(locale)}
                    sandbox="allow-forms allow-scripts allow-same-origin"
                    data-testid="card-frame"
                />
            }
        </div>
    }
}

/// "Cancel order", asked again before it is done (a slip must not cancel a
/// purchase), or "Cancelling…" disabled and busy while `cancelling`.
fn cancel_button(on_cancel: &Callback<()>, cancelling: bool, locale: Locale) -> Html {
    html! { <CancelOrder on_cancel={on_cancel.clone()} {cancelling} {locale} /> }
}

/// Props of [`CancelOrder`].
#[derive(Properties, PartialEq)]
struct CancelOrderProps {
    on_cancel: Callback<()>,
    cancelling: bool,
    locale: Locale,
}

/// The cancel button and, once tapped, the question in a panel of its own
/// with its answers as buttons: "Keep it" where the button was (a double
/// tap keeps the order) and "Yes, cancel" beside it. Focus follows: to
/// "Keep it" when the question comes, back to the button when it goes.
/// Escape with focus anywhere in the question (a tap on its words focuses
/// the panel) answers it, keeping the order, and leaves the sheet up.
#[function_component]
fn CancelOrder(props: &CancelOrderProps) -> Html {
    let CancelOrderProps {
        on_cancel,
        cancelling,
        locale,
    } = props;
    let asking = use_state_eq(|| false);
    let (keep_ref, cancel_ref) = (use_node_ref(), use_node_ref());
    let drawn = use_mut_ref(|| false);
    {
        let (keep_ref, cancel_ref) = (keep_ref.clone(), cancel_ref.clone());
        use_effect_with(*asking, move |asking| {
            // Not when first drawn: only a change of the question moves focus.
            if !drawn.replace(true) {
                return;
            }
            let target = if *asking { keep_ref } else { cancel_ref };
            if let Some(target) = target.cast::<web_sys::HtmlElement>() {
                focus(&target);
            }
        });
    }
    if *cancelling {
        return html! {
            <button type="button" class="pay-cancel" data-testid="cancel-order" disabled=true aria-busy="true">
                { Text::Cancelling.get(*locale) }
            </button>
        };
    }
    if *asking {
        let keep = {
            let asking = asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(false))
        };
        let confirm = {
            let (asking, on_cancel) = (asking.clone(), on_cancel.clone());
            Callback::from(move |_: MouseEvent| {
                asking.set(false);
                on_cancel.emit(());
            })
        };
        // Escape answers the question (keep the order), not the sheet.
        let onkeydown = {
            let asking = asking.clone();
            Callback::from(move |key: KeyboardEvent| {
                if key.key() == "Escape" {
                    key.prevent_default();
                    asking.set(false);
                }
            })
        };
        return html! {
            <div class="pay-confirm" role="group" aria-label={Text::CancelQuestion.get(*locale)} tabindex="-1" data-testid="cancel-question" {onkeydown}>
                <p class="pay-question" role="status">{ Text::CancelQuestion.get(*locale) }</p>
                <button type="button" class="pay-cancel pay-answer is-keep" data-testid="keep-order" ref={keep_ref} onclick={keep}>
                    { Text::KeepOrder.get(*locale) }
                </button>
                <button type="button" class="pay-cancel pay-answer is-sure" data-testid="confirm-cancel" onclick={confirm}>
                    { Text::ConfirmCancel.get(*locale) }
                </button>
            </div>
        };
    }
    let ask = Callback::from(move |_: MouseEvent| asking.set(true));
    html! {
        <button type="button" class="pay-cancel" data-testid="cancel-order" aria-busy="false" ref={cancel_ref} onclick={ask}>
            { Text::CancelOrder.get(*locale) }
        </button>
    }
}

/// A settled payment under `title` and `note`, a tick when `ok` and a
/// cross otherwise, with when it was paid if it was.
fn settled(payment: &Payment, locale: Locale, ok: bool, title: Text, note: Text) -> Html {
    let paid_at = payment
        .paid_at
        .as_deref()
        .and_then(clock::parse_utc)
        .map(|ms| fill(locale, Text::PaidAt, &clock::format_time(ms, locale)));
    let summary = html! {
        <>{ amount(payment.amount, locale) }{ " · " }{ payment_method_name(payment.method, locale) }</>
    };
    let body = html! {
        <>
            { icon(ok) }
            <h3 class="pay-title">{ title.get(locale) }</h3>
            <p class="pay-summary">{ summary }</p>
            if let Some(paid_at) = paid_at {
                <p class="pay-when" data-testid="paid-at">{ paid_at }</p>
            }
            <p class="pay-note">{ note.get(locale) }</p>
        </>
    };
    if ok {
        html! { <div class="pay-result is-ok" role="status">{ body }</div> }
    } else {
        html! { <div class="pay-result is-bad" role="status">{ body }</div> }
    }
}

/// A tick in a circle when `ok`, a cross otherwise; decorative.
pub(super) fn icon(ok: bool) -> Html {
    let path = if ok {
        "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1.5 14.4-4.2-4.2 1.4-1.4 2.8 2.8 5.8-5.8 1.4 1.4-7.2 7.2z"
    } else {
        "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm3.6 12.2-1.4 1.4L12 13.4l-2.2 2.2-1.4-1.4 2.2-2.2-2.2-2.2 1.4-1.4 2.2 2.2 2.2-2.2 1.4 1.4-2.2 2.2 2.2 2.2z"
    };
    html! {
        <svg class="pay-icon" viewBox="0 0 24 24" aria-hidden="true"><path d={path} /></svg>
    }
}
