//! The rounding rules of checkout money, in whole rupiah.
//!
//! - A percentage **discount** rounds down: a shopper never gets more than
//!   the percentage promised ([`percent_down`]).
//! - A percentage **fee** rounds up: the provider is never paid less than its
//!   rate ([`percent_up`]).
//! - An amount **shared** between shops (the platform voucher) is split in
//!   proportion to their weights by the largest-remainder method: each share
//!   is rounded down, and the rupiah left over go one each to the shares with
//!   the largest remainders, earlier shops first on ties. The shares always
//!   add up to the amount exactly ([`allocate`]).
//!
//! Percentages are in basis points (1% = 100 bp). Arithmetic is in `i128`,
//! so no product of an `i64` amount and a rate can overflow.

use etalase_contract::Rupiah;

/// Basis points in 100%.
const WHOLE: i128 = 10_000;

/// `amount × bp / 10 000`, rounded down; zero for a negative amount.
pub fn percent_down(amount: Rupiah, bp: u32) -> Rupiah {
    let exact = i128::from(amount.0.max(0)) * i128::from(bp);
    clamp(exact / WHOLE)
}

/// `amount × bp / 10 000`, rounded up; zero for a negative amount.
pub fn percent_up(amount: Rupiah, bp: u32) -> Rupiah {
    let exact = i128::from(amount.0.max(0)) * i128::from(bp);
    clamp((exact + WHOLE - 1) / WHOLE)
}

/// `total` split in proportion to `weights` (negative weights count as
/// zero); all to the first share when every weight is zero.
pub fn allocate(total: Rupiah, weights: &[Rupiah]) -> Vec<Rupiah> {
    let weights: Vec<i128> = weights.iter().map(|w| i128::from(w.0.max(0))).collect();
    let sum: i128 = weights.iter().sum();
    let total_units = i128::from(total.0.max(0));
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut shares = vec![Rupiah::ZERO; weights.len()];
        shares[0] = clamp(total_units);
        return shares;
    }
    let mut shares: Vec<i128> = weights.iter().map(|w| total_units * w / sum).collect();
    let left = total_units - shares.iter().sum::<i128>();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    // Stable sort: ties keep shop order.
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(total_units * weights[i] % sum));
    for &i in by_remainder.iter().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    shares.into_iter().map(clamp).collect()
}

fn clamp(value: i128) -> Rupiah {
    Rupiah(i64::try_from(value).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts_round_down_and_fees_round_up() {
        // 10% of 99 999 is 9 999.9.
        assert_eq!(percent_down(Rupiah(99_999), 1_000), Rupiah(9_999));
        assert_eq!(percent_up(Rupiah(99_999), 1_000), Rupiah(10_000));
        // Exact amounts do not move.
        assert_eq!(percent_down(Rupiah(100_000), 1_000), Rupiah(10_000));
        assert_eq!(percent_up(Rupiah(100_000), 1_000), Rupiah(10_000));
        // 0.2% of 1 is 0.002: nothing off, one rupiah of fee.
        assert_eq!(percent_down(Rupiah(1), 20), Rupiah(0));
        assert_eq!(percent_up(Rupiah(1), 20), Rupiah(1));
        assert_eq!(percent_up(Rupiah(0), 20), Rupiah(0));
        assert_eq!(percent_up(Rupiah(-5), 20), Rupiah(0));
    }

    #[test]
    fn huge_amounts_do_not_overflow() {
        assert_eq!(percent_down(Rupiah(i64::MAX), 10_000), Rupiah(i64::MAX));
        assert_eq!(
            percent_up(Rupiah(i64::MAX), 290),
            Rupiah(267_477_789_068_788_499)
        );
    }

    #[test]
    fn shares_add_up_exactly_with_the_largest_remainders_rounded_up() {
        // 100 over three equal shops: 33.33 each; one rupiah left, to the first.
        assert_eq!(
            allocate(Rupiah(100), &[Rupiah(1), Rupiah(1), Rupiah(1)]),
            [Rupiah(34), Rupiah(33), Rupiah(33)]
        );
        // 50 000 over 150 000 and 50 000: exactly 37 500 and 12 500.
        assert_eq!(
            allocate(Rupiah(50_000), &[Rupiah(150_000), Rupiah(50_000)]),
            [Rupiah(37_500), Rupiah(12_500)]
        );
        // 10 over 1, 2, 4: 1.43, 2.86, 5.71; floors 1+2+5 = 8; remainders
        // .43, .86, .71: the 2nd and 3rd get one more.
        assert_eq!(
            allocate(Rupiah(10), &[Rupiah(1), Rupiah(2), Rupiah(4)]),
            [Rupiah(1), Rupiah(3), Rupiah(6)]
        );
        for total in [0, 1, 7, 999, 123_457] {
            let shares = allocate(
                Rupiah(total),
                &[Rupiah(3), Rupiah(7), Rupiah(11), Rupiah(0)],
            );
            assert_eq!(shares.iter().map(|s| s.0).sum::<i64>(), total);
            assert_eq!(shares[3], Rupiah(0), "a zero weight gets nothing");
        }
    }

    #[test]
    fn zero_weights_put_everything_on_the_first_share() {
        assert_eq!(
            allocate(Rupiah(5), &[Rupiah(0), Rupiah(0)]),
            [Rupiah(5), Rupiah(0)]
        );
        assert!(allocate(Rupiah(5), &[]).is_empty());
    }
}
