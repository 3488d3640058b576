//! [`mini_card`]: a checkout in progress, floating over the video while
//! the sheet is closed.

use etalase_contract::{Locale, PaymentStatus, Rupiah};
use yew::prelude::*;

use super::payment_panel::icon;
use super::Countdown;
use crate::i18n::Text;

/// What the floating card shows and where its tap goes.
#[derive(Debug, Clone, PartialEq)]
pub struct MiniCard {
    /// Where the payment is.
    pub status: PaymentStatus,
    /// The amount due.
    pub amount: Rupiah,
    /// When an unpaid payment expires, RFC 3339 UTC; none for cash on
    /// delivery, which the courier collects on arrival.
    pub expires_at: Option<AttrValue>,
    /// The language of its texts.
    pub locale: Locale,
    /// Called on a tap anywhere on the card: open the payment again.
    pub on_open: Callback<()>,
}

/// One compact button: "Waiting for payment", the amount and the time
/// left while pending ("Order placed" and the amount for cash on delivery); "Paid · order being processed" once paid; a short
/// word when the payment expired, failed or was cancelled. Its accessible
/// name is what it shows, then "Open payment details".
pub fn mini_card(card: &MiniCard) -> Html {
    let MiniCard {
        status,
        amount,
        expires_at,
        locale,
        on_open,
    } = card;
    let locale = *locale;
    let amount = amount.format(locale);
    let onclick = on_open.reform(|_: MouseEvent| ());
    let (title, meta) = match status {
        PaymentStatus::Pending => match expires_at {
            Some(expires_at) => (
                Text::StatusAwaitingPayment,
                html! {
                    <span class="mini-meta">
                        { amount.as_str() }{ " · " }
                        <Countdown expires_at={expires_at.clone()} said={Text::TimeLeft} timer={false} {locale} />
                    </span>
                },
            ),
            None => (
                Text::CodPlaced,
                html! { <span class="mini-meta">{ amount.as_str() }</span> },
            ),
        },
        PaymentStatus::Paid => (Text::MiniPaid, Html::default()),
        PaymentStatus::Expired => (Text::MiniExpired, Html::default()),
        PaymentStatus::Failed => (Text::FailedTitle, Html::default()),
        PaymentStatus::Cancelled => (Text::CancelledTitle, Html::default()),
    };
    let content = |icon: Html| {
        html! {
            <>
                { icon }
                <span class="mini-body">
                    <span class="mini-title">{ title.get(locale) }</span>
                    { meta }
                </span>
                <span class="sr">{ Text::MiniOpen.get(locale) }</span>
                <svg class="mini-chevron" viewBox="0 0 24 24" aria-hidden="true"><path d="M9 6l6 6-6 6" /></svg>
            </>
        }
    };
    // Literal classes, not `classes!`: see the `components` module docs.
    match status {
        PaymentStatus::Pending => html! {
            <button type="button" class="mini-card is-pending" data-testid="mini-card" data-status="pending" {onclick}>
                { content(html! {
                    <svg class="pay-icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7z" />
                    </svg>
                }) }
            </button>
        },
        PaymentStatus::Paid => html! {
            <button type="button" class="mini-card is-paid" data-testid="mini-card" data-status="paid" {onclick}>
                { content(icon(true)) }
            </button>
        },
        PaymentStatus::Expired | PaymentStatus::Failed | PaymentStatus::Cancelled => {
            let status = match status {
                PaymentStatus::Expired => "expired",
                PaymentStatus::Failed => "failed",
                _ => "cancelled",
            };
            html! {
                <button type="button" class="mini-card is-closed" data-testid="mini-card" data-status={status} {onclick}>
                    { content(icon(false)) }
                </button>
            }
        }
    }
}
