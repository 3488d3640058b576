//! [`VoucherBox`]: vouchers at checkout — a code to type, the ones on offer
//! to tap, the applied ones with what they save, and why one came off.

use std::rc::Rc;

use etalase_contract::{ErrorCode, Locale, Quote, Rupiah, VoucherKind, VoucherOffer};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{fill, percent, Text};
use crate::parts::shop::state::checkout::{CheckoutAction, Notice};
use crate::view::dom::with_attribute;
use crate::view::focus::focus_if_lost;

/// Props of [`VoucherBox`].
#[derive(Properties, PartialEq)]
pub struct VoucherBoxProps {
    /// The language of the texts.
    pub locale: Locale,
    /// The codes the shopper applied.
    pub applied: Vec<String>,
    /// The vouchers on offer.
    pub offers: Rc<Vec<VoucherOffer>>,
    /// The last quote, for what each applied voucher saves.
    pub quote: Option<Rc<Quote>>,
    /// The voucher refused last, if any.
    pub notice: Option<Notice>,
    /// Where applying and removing go.
    pub on_action: Callback<CheckoutAction>,
}

/// What an offer gives, e.g. `Diskon 10% · maks. Rp25.000 · min. belanja Rp150.000`.
pub fn offer_terms(offer: &VoucherOffer, locale: Locale) -> String {
    let mut terms = Vec::with_capacity(3);
    match (offer.kind, offer.percent_bp, offer.amount) {
        (VoucherKind::FreeShipping, _, Some(amount)) => {
            terms.push(fill(
                locale,
                Text::VoucherFreeShipping,
                &amount.format(locale),
            ));
        }
        (_, Some(bp), _) => {
            terms.push(fill(locale, Text::VoucherPercent, &percent(locale, bp)));
            if let Some(cap) = offer.max_discount {
                terms.push(fill(locale, Text::VoucherCap, &cap.format(locale)));
            }
        }
        (_, None, Some(amount)) => {
            terms.push(fill(locale, Text::VoucherAmount, &amount.format(locale)));
        }
        (_, None, None) => {}
    }
    if offer.min_spend.0 > 0 {
        terms.push(fill(
            locale,
            Text::VoucherMinSpend,
            &offer.min_spend.format(locale),
        ));
    }
    terms.join(" · ")
}

/// Why a voucher came off, in the shopper's words: for one the goods fall
/// short of, by how much (`short`, from [`short_of`]).
fn refusal(code: &str, reason: ErrorCode, short: Option<Rupiah>, locale: Locale) -> String {
    if let (ErrorCode::VoucherNotApplicable, Some(short)) = (reason, short) {
        return [
            fill(locale, Text::VoucherNotYet, code),
            " ".into(),
            fill(locale, Text::VoucherSpendMore, &short.format(locale)),
        ]
        .concat();
    }
    let text = match reason {
        ErrorCode::VoucherNotFound => Text::VoucherNotFound,
        ErrorCode::VoucherExpired => Text::VoucherExpired,
        ErrorCode::VoucherExhausted => Text::VoucherExhausted,
        _ => Text::VoucherNotApplicable,
    };
    fill(locale, text, code)
}

/// What the goods of `quote` lack of offer `code`'s minimum spend (a shop's
/// voucher: that shop's goods), when they lack any.
fn short_of(code: &str, offers: &[VoucherOffer], quote: Option<&Quote>) -> Option<Rupiah> {
    let offer = offers.iter().find(|offer| offer.code == code)?;
    let quote = quote?;
    let goods = match &offer.shop_id {
        Some(shop_id) => {
            quote
                .shops
                .iter()
                .find(|shop| &shop.shop.id == shop_id)?
                .subtotal
        }
        None => quote.totals.items_subtotal,
    };
    (goods.0 < offer.min_spend.0).then(|| Rupiah(offer.min_spend.0 - goods.0))
}

/// The element of `selector` in `section` whose `data-code` is `code`.
fn with_code(section: &Element, selector: &str, code: &str) -> Option<Element> {
    with_attribute(
        &section.query_selector_all(selector).ok()?,
        "data-code",
        code,
    )
}

/// The voucher section. An offer applied, or an applied voucher removed, is
/// drawn away with the focus it had: focus goes to what took its place
/// (the applied voucher's remove button, the offer back on the list, or
/// the code's field). Offers and applied vouchers are keyed by their code,
/// so the element drawn away is the one applied or removed, never a
/// neighbour's reused under the focus.
#[function_component]
pub fn VoucherBox(props: &VoucherBoxProps) -> Html {
    let locale = props.locale;
    let section = use_node_ref();
    {
        let section = section.clone();
        let previous = use_mut_ref(Vec::<String>::new);
        use_effect_with(props.applied.clone(), move |applied| {
            let before = previous.replace(applied.clone());
            let Some(section) = section.cast::<Element>() else {
                return;
            };
            let added = applied.iter().find(|code| !before.contains(code));
            let removed = before.iter().find(|code| !applied.contains(code));
            let target = match (added, removed) {
                (Some(code), _) => with_code(&section, "[data-testid=applied-voucher]", code)
                    .and_then(|row| row.query_selector(".remove").ok().flatten()),
                (None, Some(code)) => with_code(&section, "[data-testid=voucher-offer]", code)
                    .or_else(|| section.query_selector("#voucher-code").ok().flatten()),
                (None, None) => None,
            };
            if let Some(target) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) {
                focus_if_lost(&target);
            }
        });
    }
    let typed = use_state(String::new);
    let on_input = {
        let typed = typed.clone();
        Callback::from(move |event: InputEvent| {
            typed.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    // The last code sent from the field, which a refusal of it marks.
    let sent = use_state(String::new);
    let on_submit = {
        let (typed, sent, on_action) = (typed.clone(), sent.clone(), props.on_action.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !typed.trim().is_empty() {
                on_action.emit(CheckoutAction::ApplyVoucher((*typed).clone()));
                sent.set(typed.trim().to_owned());
                typed.set(String::new());
            }
        })
    };
    let saved = |code: &str| {
        let quote = props.quote.as_ref()?;
        let applied = quote.vouchers.iter().find(|v| v.code == code)?;
        Some(fill(
            locale,
            Text::VoucherApplied,
            &applied.discount.format(locale),
        ))
    };
    // A shop's voucher only for a shop the quote ships (a deal's checkout
    // is one shop's).
    let ships = |shop_id: &String| {
        props
            .quote
            .as_ref()
            .is_none_or(|quote| quote.shops.iter().any(|shop| &shop.shop.id == shop_id))
    };
    let offers = props.offers.iter().filter(|offer| {
        !props.applied.contains(&offer.code) && offer.shop_id.as_ref().is_none_or(ships)
    });
    // Marked invalid only for the code typed there, not for an offer tapped.
    let refused = matches!(&props.notice, Some(Notice::VoucherRefused { code, .. })
        if sent.eq_ignore_ascii_case(code));
    html! {
        <section class="co-section" aria-labelledby="co-vouchers" data-testid="vouchers" ref={section}>
            <h3 id="co-vouchers">{ Text::Vouchers.get(locale) }</h3>
            <form class="voucher-entry" onsubmit={on_submit}>
                <label class="sr" for="voucher-code">{ Text::VoucherCode.get(locale) }</label>
                <input
                    id="voucher-code"
                    name="voucher"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    placeholder={Text::VoucherCode.get(locale)}
                    value={(*typed).clone()}
                    oninput={on_input}
                    aria-invalid={refused.then_some("true")}
                    aria-describedby={refused.then_some("voucher-refused")}
                    data-testid="voucher-input"
                />
                <button type="submit" class="action is-secondary" data-testid="apply-voucher">
                    { Text::ApplyVoucher.get(locale) }
                </button>
            </form>
            if let Some(Notice::VoucherRefused { code, reason }) = &props.notice {
                <p class="field-error" role="alert" id="voucher-refused" data-testid="voucher-refused">{ refusal(code, *reason, short_of(code, &props.offers, props.quote.as_deref()), locale) }</p>
            }
            if !props.applied.is_empty() {
                <ul class="applied">
                    { for props.applied.iter().map(|code| {
                        let remove = code.clone();
                        html! {
                            <li key={code.as_str()} class="applied-voucher" data-testid="applied-voucher" data-code={code.clone()}>
                                <span class="voucher-code">{ code.as_str() }</span>
                                if let Some(saved) = saved(code) {
                                    <span class="voucher-saved">{ saved }</span>
                                }
                                <button
                                    type="button"
                                    class="remove"
                                    aria-label={fill(locale, Text::RemoveVoucher, code)}
                                    onclick={props.on_action.reform(move |_: MouseEvent| CheckoutAction::RemoveVoucher(remove.clone()))}
                                >
                                    <span aria-hidden="true">{ "×" }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <div class="offers">
                { for offers.map(|offer| {
                    let code = offer.code.clone();
                    html! {
                        <button
                            key={offer.code.as_str()}
                            type="button"
                            class="offer"
                            data-testid="voucher-offer"
                            data-code={offer.code.clone()}
                            onclick={props.on_action.reform(move |_: MouseEvent| CheckoutAction::ApplyVoucher(code.clone()))}
                        >
                            <span class="voucher-code">{ offer.code.as_str() }</span>
                            <span class="offer-terms">{ offer_terms(offer, locale) }</span>
                        </button>
                    }
                }) }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::Rupiah;

    fn offer(kind: VoucherKind, bp: Option<u32>, amount: Option<i64>) -> VoucherOffer {
        VoucherOffer {
            code: "X".into(),
            kind,
            shop_id: None,
            percent_bp: bp,
            amount: amount.map(Rupiah),
            max_discount: bp.map(|_| Rupiah(25_000)),
            min_spend: Rupiah(150_000),
            expires_at: "2030-12-31T23:59:59.999Z".into(),
        }
    }

    #[test]
    fn offers_read_as_their_terms() {
        assert_eq!(
            offer_terms(&offer(VoucherKind::Shop, Some(1_000), None), Locale::IdId),
            "Diskon 10% · maks. Rp25.000 · min. belanja Rp150.000"
        );
        assert_eq!(
            offer_terms(
                &offer(VoucherKind::Platform, Some(1_250), None),
                Locale::EnUs
            ),
            "12.5% off · up to IDR 25,000 · min. spend IDR 150,000"
        );
        assert_eq!(
            offer_terms(
                &offer(VoucherKind::FreeShipping, None, Some(20_000)),
                Locale::IdId
            ),
            "Gratis ongkir s.d. Rp20.000 · min. belanja Rp150.000"
        );
        assert_eq!(
            offer_terms(
                &offer(VoucherKind::Platform, None, Some(20_000)),
                Locale::EnUs
            ),
            "IDR 20,000 off · min. spend IDR 150,000"
        );
    }
}
