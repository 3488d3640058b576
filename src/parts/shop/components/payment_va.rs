//! [`virtual_account`]: a bank transfer's number, its copy button, and
//! that bank's steps in its app and at its ATMs.

use etalase_contract::{Bank, Locale};
use yew::prelude::*;

use super::payment_panel::steps;
use super::CopyButton;
use crate::i18n::{fill, Text};

/// The bank's name as shoppers know it (the same in every language).
pub(super) fn bank_name(bank: Bank) -> &'static str {
    match bank {
        Bank::Bca => "BCA",
        Bank::Bni => "BNI",
        Bank::Bri => "BRI",
        Bank::Mandiri => "Mandiri",
    }
}

/// The number to transfer to at `bank`, grouped by four for reading and
/// copied whole, then the steps: in the bank's app (open) and at its ATMs.
pub(super) fn virtual_account(bank: Bank, account_number: &str, locale: Locale) -> Html {
    // The app's name and its menu to virtual accounts, then the ATM's menu.
    let (app, app_menu, atm_menu) = match bank {
        Bank::Bca => ("BCA mobile", Text::StepBcaApp, Text::StepBcaAtm),
        Bank::Bni => ("wondr by BNI", Text::StepBniApp, Text::StepBniAtm),
        Bank::Bri => ("BRImo", Text::StepBriApp, Text::StepBriAtm),
        Bank::Mandiri => (
            "Livin' by Mandiri",
            Text::StepMandiriApp,
            Text::StepMandiriAtm,
        ),
    };
    let app_steps = [
        fill(locale, Text::StepOpenApp, app),
        app_menu.get(locale).to_owned(),
        Text::StepEnterNumber.get(locale).to_owned(),
        Text::StepConfirmPin.get(locale).to_owned(),
    ];
    let atm_steps = [
        Text::StepInsertCard.get(locale).to_owned(),
        atm_menu.get(locale).to_owned(),
        Text::StepEnterNumber.get(locale).to_owned(),
        Text::StepConfirmAtm.get(locale).to_owned(),
    ];
    html! {
        <>
            <div class="pay-box">
                <p class="pay-box-label">{ Text::VaNumber.get(locale) }</p>
                <div class="va-row">
                    <p class="va-number" data-testid="va-number">{ grouped(account_number) }</p>
                    <CopyButton
                        text={AttrValue::from(account_number.to_owned())}
                        label={Text::CopyNumber.get(locale)}
                        testid="copy-account"
                        {locale}
                    />
                </div>
            </div>
            <h3 class="pay-heading">{ Text::HowToPay.get(locale) }</h3>
            { steps(Text::ViaMobileBanking.get(locale), app_steps.map(Html::from), true) }
            { steps(Text::ViaAtm.get(locale), atm_steps.map(Html::from), false) }
        </>
    }
}

/// `number` in groups of four from the start: `8808 1234 5678 9012`.
fn grouped(number: &str) -> String {
    let mut text = String::with_capacity(number.len() + number.len() / 4);
    for (index, digit) in number.chars().enumerate() {
        if index > 0 && index % 4 == 0 {
            text.push(' ');
        }
        text.push(digit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_a_number_by_four_for_reading() {
        assert_eq!(grouped("8808123456789012"), "8808 1234 5678 9012");
        assert_eq!(grouped("393581234567890"), "3935 8123 4567 890");
        assert_eq!(grouped("1234"), "1234");
        assert_eq!(grouped(""), "");
    }
}
