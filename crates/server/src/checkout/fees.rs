//! What the shopper pays on top of goods and shipping: insurance and the
//! payment method's fee, and the cash-on-delivery limit.

use etalase_contract::{PaymentMethod, Rupiah};

use super::money::percent_up;

/// The largest checkout cash on delivery may pay.
pub const COD_LIMIT: Rupiah = Rupiah(5_000_000);

/// Insurance of a parcel: 0.2% of its goods' value, rounded up, plus a
/// Rp5.000 administration fee.
pub fn insurance(goods: Rupiah) -> Rupiah {
    percent_up(goods, 20) + Rupiah(5_000)
}

/// The fee of paying `amount` with `method`:
///
/// | method | fee |
/// | --- | --- |
/// | virtual account | Rp4.000 |
/// | QRIS, e-wallet | none |
/// | cash on delivery | 2%, rounded up, at least Rp2.000 |
/// | card | 2.9%, rounded up |
pub fn payment_fee(method: PaymentMethod, amount: Rupiah) -> Rupiah {
    match method {
        PaymentMethod::VirtualAccount { .. } => Rupiah(4_000),
        PaymentMethod::Qris | PaymentMethod::Ewallet { .. } => Rupiah::ZERO,
        PaymentMethod::Cod => percent_up(amount, 200).max(Rupiah(2_000)),
        PaymentMethod::Card => percent_up(amount, 290),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{Bank, Wallet};

    #[test]
    fn insurance_is_a_fifth_of_a_percent_rounded_up_plus_admin() {
        assert_eq!(insurance(Rupiah(189_000)), Rupiah(378 + 5_000));
        assert_eq!(
            insurance(Rupiah(35_001)),
            Rupiah(71 + 5_000),
            "70.002 rounds up"
        );
    }

    #[test]
    fn payment_fees_by_method() {
        let amount = Rupiah(250_050);
        let va = PaymentMethod::VirtualAccount { bank: Bank::Bca };
        assert_eq!(payment_fee(va, amount), Rupiah(4_000));
        assert_eq!(payment_fee(PaymentMethod::Qris, amount), Rupiah(0));
        let wallet = PaymentMethod::Ewallet {
            wallet: Wallet::Gopay,
        };
        assert_eq!(payment_fee(wallet, amount), Rupiah(0));
        assert_eq!(
            payment_fee(PaymentMethod::Cod, amount),
            Rupiah(5_001),
            "5 001.0"
        );
        assert_eq!(
            payment_fee(PaymentMethod::Cod, Rupiah(50_000)),
            Rupiah(2_000),
            "minimum"
        );
        assert_eq!(
            payment_fee(PaymentMethod::Card, amount),
            Rupiah(7_252),
            "7 251.45 up"
        );
    }
}
