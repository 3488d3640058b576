//! Payment instructions, shaped like an Indonesian gateway's: virtual
//! account numbers with each bank's prefix, a QRIS payload with its CRC,
//! e-wallet deeplinks, the cash to collect on delivery, and the hosted card
//! page's address.

use etalase_contract::{Bank, PaymentInstructions, PaymentMethod, Rupiah, Wallet};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The instructions to pay `amount` for payment `payment_id` with `method`.
/// A card payment's page address carries a new random token (see
/// [`super::card`]); `Err` only when no randomness can be had.
pub fn instructions(
    payment_id: &str,
    method: PaymentMethod,
    amount: Rupiah,
) -> Result<PaymentInstructions> {
    Ok(match method {
        PaymentMethod::VirtualAccount { bank } => PaymentInstructions::VirtualAccount {
            bank,
            account_number: virtual_account(bank, payment_id),
        },
        PaymentMethod::Qris => PaymentInstructions::Qris {
            qr_payload: qris(payment_id, amount),
        },
        PaymentMethod::Ewallet { wallet } => PaymentInstructions::Ewallet {
            wallet,
            deeplink: deeplink(wallet, payment_id),
        },
        PaymentMethod::Cod => PaymentInstructions::Cod {
            amount_to_collect: amount,
        },
        PaymentMethod::Card => PaymentInstructions::Card {
            hosted_url: super::card::hosted_url(payment_id)?,
        },
    })
}

/// Sixteen digits: the bank's company prefix, then digits derived from the
/// payment id, so the number is stable for the payment.
fn virtual_account(bank: Bank, payment_id: &str) -> String {
    let prefix = match bank {
        Bank::Bca => "39358",
        Bank::Bni => "8808",
        Bank::Bri => "26215",
        Bank::Mandiri => "89608",
    };
    let digest = Sha256::digest(payment_id.as_bytes());
    let digits: String = digest
        .iter()
        .map(|byte| char::from(b'0' + byte % 10))
        .take(16 - prefix.len())
        .collect();
    format!("{prefix}{digits}")
}

/// An EMVCo merchant-presented QR payload (the QRIS format), dynamic, for
/// `amount`, ending with its CRC-16/CCITT-FALSE.
fn qris(payment_id: &str, amount: Rupiah) -> String {
    let field = |id: &str, value: &str| format!("{id}{:02}{value}", value.len());
    let merchant = [
        field("00", "ID.CO.ETALASE.WWW"),
        field("01", "936000000000000001"),
        field("02", "ETL0001"),
        field("03", "UMI"),
    ]
    .concat();
    let reference = field("01", payment_id.get(..25).unwrap_or(payment_id));
    let body = [
        field("00", "01"),
        field("01", "12"),
        field("26", &merchant),
        field("52", "5399"),
        field("53", "360"),
        field("54", &amount.0.to_string()),
        field("58", "ID"),
        field("59", "ETALASE MARKETPLACE"),
        field("60", "JAKARTA"),
        field("62", &reference),
        "6304".to_owned(),
    ]
    .concat();
    format!("{body}{:04X}", crc16_ccitt(body.as_bytes()))
}

/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as QRIS uses.
fn crc16_ccitt(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0xFFFF, |crc, &byte| {
        (0..8).fold(crc ^ (u16::from(byte) << 8), |crc, _| {
            if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            }
        })
    })
}

/// The wallet app's payment link for `payment_id`.
fn deeplink(wallet: Wallet, payment_id: &str) -> String {
    let scheme = match wallet {
        Wallet::Gopay => "gojek://gopay/pay",
        Wallet::Ovo => "ovo://payment",
        Wallet::Dana => "dana://pay",
        Wallet::Shopeepay => "shopeeid://payment",
    };
    format!("{scheme}?reference={payment_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_accounts_have_the_banks_prefix_and_sixteen_digits() {
        for (bank, prefix) in [(Bank::Bca, "39358"), (Bank::Mandiri, "89608")] {
            let number = virtual_account(bank, "pay-123");
            assert!(number.starts_with(prefix), "{number}");
            assert_eq!(number.len(), 16);
            assert!(number.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(number, virtual_account(bank, "pay-123"), "stable");
        }
        assert_ne!(
            virtual_account(Bank::Bca, "a"),
            virtual_account(Bank::Bca, "b")
        );
    }

    #[test]
    fn the_crc_matches_the_standard_check_value() {
        assert_eq!(crc16_ccitt(b"123456789"), 0x29B1);
    }

    #[test]
    fn a_qris_payload_carries_the_amount_and_a_valid_crc() {
        let payload = qris("pay-abc", Rupiah(239_468));
        assert!(payload.starts_with("000201010212"), "{payload}");
        assert!(payload.contains("5303360") && payload.contains("5406239468"));
        let (body, crc) = payload.split_at(payload.len() - 4);
        assert!(body.ends_with("6304"));
        assert_eq!(crc, format!("{:04X}", crc16_ccitt(body.as_bytes())));
    }

    #[test]
    fn every_method_has_its_instructions() {
        let amount = Rupiah(10_000);
        assert!(matches!(
            instructions("p", PaymentMethod::Ewallet { wallet: Wallet::Gopay }, amount).unwrap(),
            PaymentInstructions::Ewallet { deeplink, .. } if deeplink == "gojek://gopay/pay?reference=p"
        ));
        assert_eq!(
            instructions("p", PaymentMethod::Cod, amount).unwrap(),
            PaymentInstructions::Cod {
                amount_to_collect: amount
            }
        );
        assert!(matches!(
            instructions("p", PaymentMethod::Card, amount).unwrap(),
            PaymentInstructions::Card { hosted_url } if hosted_url.starts_with("/provider/card/p?token=cpt_")
        ));
    }
}
