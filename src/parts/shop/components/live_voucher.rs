//! [`LiveVoucherBanner`]: a voucher the creator dropped during the live,
//! over the video: its terms, the time left to claim it and the claims
//! left, and a one-tap claim; it leaves when its time runs out.
//!
//! Its terms and its meta line are lists of items with a " · " between
//! them ([`dotted`]). Each separator goes with the item after it, and one
//! that a narrow banner wraps to a line's start is cut off at the banner's
//! edge, so no line starts or ends with "·".

use etalase_contract::{ErrorCode, LiveVoucher, LiveVoucherKind, Locale, Rupiah};
use web_sys::HtmlElement;
use yew::prelude::*;

use super::Countdown;
use crate::components::with_amount;
use crate::i18n::{count, fill, Text};
use crate::parts::shop::hooks::Claim;
use crate::view::focus::focus_if_lost;

/// What fills a voucher term's slot.
#[derive(Clone, Copy)]
enum Slot {
    /// A whole percentage.
    Percent(i64),
    /// An amount, kept on one line where shown.
    Amount(Rupiah),
}

/// What the voucher takes off, each term apart: `Diskon 10%`, `maks.
/// Rp25.000`.
fn voucher_terms(voucher: &LiveVoucher) -> Vec<(Text, Slot)> {
    let mut terms = Vec::with_capacity(3);
    match voucher.kind {
        LiveVoucherKind::Percent => {
            terms.push((Text::VoucherPercent, Slot::Percent(voucher.value)));
            if let Some(cap) = voucher.max_discount {
                terms.push((Text::VoucherCap, Slot::Amount(cap)));
            }
        }
        LiveVoucherKind::Amount => {
            terms.push((Text::VoucherAmount, Slot::Amount(Rupiah(voucher.value))));
        }
    }
    if voucher.min_spend.0 > 0 {
        terms.push((Text::VoucherMinSpend, Slot::Amount(voucher.min_spend)));
    }
    terms
}

/// A term's words, as said.
fn term_said(locale: Locale, (text, slot): (Text, Slot)) -> String {
    let value = match slot {
        Slot::Percent(percent) => percent.to_string(),
        Slot::Amount(amount) => amount.format(locale),
    };
    fill(locale, text, &value)
}

/// A term as shown, its amount never broken across lines.
fn term_shown(locale: Locale, (text, slot): (Text, Slot)) -> Html {
    match slot {
        Slot::Percent(_) => html! { { term_said(locale, (text, slot)) } },
        Slot::Amount(amount) => with_amount(locale, text, amount),
    }
}

/// `items` side by side, a " · " before each but the first, wrapping
/// whole between items: a separator wrapped to a line's start is drawn
/// past the list's clipped edge (`.dotted` in the stylesheet), unseen, and
/// still read between the items.
fn dotted(items: impl IntoIterator<Item = Html>) -> Html {
    let items = items.into_iter().enumerate().map(|(at, item)| {
        html! {
            <span class="dotted-item">
                if at > 0 {
                    <span class="dot">{ " · " }</span>
                }
                <span class="dotted-words">{ item }</span>
            </span>
        }
    });
    html! { <span class="dotted">{ for items }</span> }
}

/// What a screen reader says as `voucher` arrives: that it is new, and its
/// terms.
pub fn voucher_said(voucher: &LiveVoucher, locale: Locale) -> String {
    fill(
        locale,
        Text::LiveVoucherNew,
        &voucher_terms(voucher)
            .into_iter()
            .map(|term| term_said(locale, term))
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

/// Props of [`LiveVoucherBanner`].
#[derive(Properties, PartialEq)]
pub struct LiveVoucherBannerProps {
    /// The voucher as the feed last told it.
    pub voucher: LiveVoucher,
    /// Where the shopper's claim of it stands.
    pub claim: Option<Claim>,
    /// The language of every text.
    pub locale: Locale,
    /// "Claim" was pressed: called with its code.
    pub on_claim: Callback<String>,
}

/// The banner for a voucher, as the shopper's claim of it stands, with its
/// own countdown; nothing once the time to claim it has run out.
#[function_component]
pub fn LiveVoucherBanner(props: &LiveVoucherBannerProps) -> Html {
    let LiveVoucherBannerProps {
        voucher,
        claim,
        locale,
        on_claim,
    } = props;
    let (claim, locale) = (*claim, *locale);
    let expired = use_state_eq(|| false);
    let claimed_ref = use_node_ref();
    {
        // "Claim" gives way to its answer: focus goes there, not to the page.
        let claimed_ref = claimed_ref.clone();
        use_effect_with(claim == Some(Claim::Claimed), move |claimed| {
            if let (true, Some(said)) = (*claimed, claimed_ref.cast::<HtmlElement>()) {
                focus_if_lost(&said);
            }
        });
    }
    if *expired {
        return Html::default();
    }
    let on_expired = Callback::from(move |()| expired.set(true));
    let code = voucher.code.clone();
    // Each voucher and its button named by its own terms, so several live
    // vouchers can be told apart: "Voucher live, Diskon Rp10.000", "Klaim,
    // Diskon Rp10.000".
    let (title_id, terms_id, claim_id) = (
        ["voucher-title-", &voucher.code].concat(),
        ["voucher-terms-", &voucher.code].concat(),
        ["voucher-claim-", &voucher.code].concat(),
    );
    let action = match claim {
        Some(Claim::Claimed) => html! {
            <p class="live-voucher-done" data-testid="voucher-claimed" tabindex="-1" ref={claimed_ref}>{ Text::LiveVoucherClaimed.get(locale) }</p>
        },
        _ => {
            let claiming = claim == Some(Claim::Claiming);
            html! {
                <button
                    type="button"
                    class="action live-voucher-claim"
                    data-testid="claim-voucher"
                    id={claim_id.clone()}
                    aria-labelledby={[claim_id.as_str(), " ", &terms_id].concat()}
                    disabled={claiming || voucher.quota_left == 0}
                    aria-busy={claiming.then_some("true")}
                    onclick={on_claim.reform(move |_: MouseEvent| code.clone())}
                >
                    { match claim {
                        Some(Claim::Claiming) => Text::LiveVoucherClaiming,
                        Some(Claim::SignIn) => Text::SignIn,
                        _ => Text::LiveVoucherClaim,
                    }.get(locale) }
                </button>
            }
        }
    };
    let refusal = match claim {
        Some(Claim::Refused(Some(ErrorCode::VoucherExpired))) => Some(Text::LiveVoucherEnded),
        Some(Claim::Refused(Some(ErrorCode::VoucherExhausted))) => Some(Text::LiveVoucherGone),
        Some(Claim::Refused(_)) => Some(Text::LiveVoucherFailed),
        _ => None,
    };
    html! {
        <section class="live-voucher" data-testid="live-voucher" data-code={voucher.code.clone()} aria-labelledby={[title_id.as_str(), " ", &terms_id].concat()}>
            <div class="live-voucher-text">
                <p class="live-voucher-title" id={title_id}>{ Text::LiveVoucherTitle.get(locale) }</p>
                <p class="live-voucher-terms" id={terms_id}>
                    { dotted(voucher_terms(voucher).into_iter().map(|term| term_shown(locale, term))) }
                </p>
                <p class="live-voucher-meta">
                    { dotted([
                        html! { <Countdown expires_at={AttrValue::from(voucher.claimable_until.clone())} said={Text::ClaimTimeLeft} {locale} {on_expired} /> },
                        html! { <span class="live-voucher-left">{ fill(locale, Text::LiveVoucherLeft, &count(locale, voucher.quota_left)) }</span> },
                    ]) }
                </p>
                if let Some(refusal) = refusal {
                    <p class="field-error" role="alert" data-testid="claim-refused">{ refusal.get(locale) }</p>
                }
                <p class="sr" role="status">
                    if claim == Some(Claim::SignIn) { { Text::LiveVoucherSignIn.get(locale) } }
                </p>
            </div>
            { action }
        </section>
    }
}
