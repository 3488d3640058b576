//! The payment method choice: virtual account (with its bank), QRIS,
//! e-wallet (with its wallet), cash on delivery and card.

use etalase_contract::{Bank, Locale, PaymentMethod, Wallet};
use yew::prelude::*;

use super::payment_panel::wallet_name;
use super::payment_va::bank_name;
use crate::components::{choice_keys, choice_tabindex};
use crate::i18n::{fill, Text};
use crate::parts::shop::state::checkout::{CheckoutAction, Notice};

/// The banks offering virtual accounts, in the order shown.
const BANKS: [Bank; 4] = [Bank::Bca, Bank::Bni, Bank::Bri, Bank::Mandiri];
/// The wallets, in the order shown.
const WALLETS: [Wallet; 4] = [Wallet::Gopay, Wallet::Ovo, Wallet::Dana, Wallet::Shopeepay];

/// The kinds of method, each a row of the list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    VirtualAccount,
    Qris,
    Ewallet,
    Cod,
    Card,
}

impl Kind {
    fn of(method: PaymentMethod) -> Kind {
        match method {
            PaymentMethod::VirtualAccount { .. } => Kind::VirtualAccount,
            PaymentMethod::Qris => Kind::Qris,
            PaymentMethod::Ewallet { .. } => Kind::Ewallet,
            PaymentMethod::Cod => Kind::Cod,
            PaymentMethod::Card => Kind::Card,
        }
    }

    /// The method picked when the row is tapped: its first bank or wallet.
    fn default_method(self) -> PaymentMethod {
        match self {
            Kind::VirtualAccount => PaymentMethod::VirtualAccount { bank: Bank::Bca },
            Kind::Qris => PaymentMethod::Qris,
            Kind::Ewallet => PaymentMethod::Ewallet {
                wallet: Wallet::Gopay,
            },
            Kind::Cod => PaymentMethod::Cod,
            Kind::Card => PaymentMethod::Card,
        }
    }

    fn label(self, locale: Locale) -> String {
        match self {
            Kind::VirtualAccount => fill(locale, Text::MethodVirtualAccount, "")
                .trim()
                .to_owned(),
            Kind::Qris => Text::MethodQris.get(locale).to_owned(),
            Kind::Ewallet => Text::MethodEwallet.get(locale).to_owned(),
            Kind::Cod => Text::MethodCodShort.get(locale).to_owned(),
            Kind::Card => Text::MethodCardShort.get(locale).to_owned(),
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Kind::VirtualAccount => "virtual_account",
            Kind::Qris => "qris",
            Kind::Ewallet => "ewallet",
            Kind::Cod => "cod",
            Kind::Card => "card",
        }
    }
}

/// A chip of a sub-choice (a bank or a wallet).
fn sub_choice(name: &'static str, checked: bool, on_pick: Callback<MouseEvent>) -> Html {
    html! {
        <button
            type="button"
            class="chip"
            role="radio"
            aria-checked={if checked { "true" } else { "false" }}
            tabindex={choice_tabindex(checked, false)}
            data-testid="payment-sub-option"
            onclick={on_pick}
        >
            { name }
        </button>
    }
}

/// The id of the bank or wallet group, named by the method that opens it.
const SUB_CHOICE: &str = "co-pay-sub";

/// The chosen method's bank or wallet chips as a radio group of its own
/// under a visible name ("Choose a bank"), drawn after the methods' group
/// (never inside it).
fn sub_choices(
    chosen: Option<PaymentMethod>,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let (label, chips): (Text, Vec<Html>) = match chosen {
        Some(PaymentMethod::VirtualAccount { bank }) => (
            Text::ChooseBank,
            BANKS
                .iter()
                .map(|b| {
                    let b = *b;
                    sub_choice(
                        bank_name(b),
                        b == bank,
                        on_action.reform(move |_: MouseEvent| {
                            CheckoutAction::ChoosePayment(PaymentMethod::VirtualAccount { bank: b })
                        }),
                    )
                })
                .collect(),
        ),
        Some(PaymentMethod::Ewallet { wallet }) => (
            Text::ChooseWallet,
            WALLETS
                .iter()
                .map(|w| {
                    let w = *w;
                    sub_choice(
                        wallet_name(w),
                        w == wallet,
                        on_action.reform(move |_: MouseEvent| {
                            CheckoutAction::ChoosePayment(PaymentMethod::Ewallet { wallet: w })
                        }),
                    )
                })
                .collect(),
        ),
        _ => return Html::default(),
    };
    html! {
        <div class="group pay-sub-choice" id={SUB_CHOICE} role="radiogroup" aria-label={label.get(locale)} data-testid="payment-sub-choice" onkeydown={Callback::from(choice_keys)}>
            <div class="group-name" aria-hidden="true">{ label.get(locale) }</div>
            <div class="chips sub-choice">{ for chips }</div>
        </div>
    }
}

/// The methods as a radio list, then the chosen virtual account's banks or
/// e-wallet's wallets as a group of their own, which the chosen method
/// names as the group it controls. COD refused by the quote says why.
pub fn payment_methods(
    chosen: Option<PaymentMethod>,
    notice: Option<&Notice>,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let kinds = [
        Kind::VirtualAccount,
        Kind::Qris,
        Kind::Ewallet,
        Kind::Cod,
        Kind::Card,
    ];
    let rows = kinds.iter().enumerate().map(|(at, kind)| {
        let kind = *kind;
        let checked = chosen.map(Kind::of) == Some(kind);
        let leads = chosen.is_none() && at == 0;
        let opens = checked && matches!(kind, Kind::VirtualAccount | Kind::Ewallet);
        let on_pick = on_action
            .reform(move |_: MouseEvent| CheckoutAction::ChoosePayment(kind.default_method()));
        html! {
            <button
                type="button"
                class="option method"
                role="radio"
                aria-checked={if checked { "true" } else { "false" }}
                aria-controls={opens.then_some(SUB_CHOICE)}
                tabindex={choice_tabindex(checked, leads)}
                data-testid="payment-option"
                data-method={kind.testid()}
                onclick={on_pick}
            >
                <span class="option-name">{ kind.label(locale) }</span>
            </button>
        }
    });
    html! {
        <section class="co-section" aria-labelledby="co-payment" data-testid="payment-methods">
            <h3 id="co-payment">{ Text::PaymentMethodTitle.get(locale) }</h3>
            <div class="options" role="radiogroup" aria-labelledby="co-payment" onkeydown={Callback::from(choice_keys)}>{ for rows }</div>
            { sub_choices(chosen, locale, on_action) }
            if notice == Some(&Notice::PaymentUnavailable) {
                <p class="field-error" role="alert" data-testid="payment-unavailable">{ Text::CodUnavailable.get(locale) }</p>
            }
            if notice == Some(&Notice::CodLimit) {
                <p class="field-error" role="alert" data-testid="cod-limit">{ Text::CodLimit.get(locale) }</p>
            }
        </section>
    }
}
