//! The pricing of a checkout, as one pure function of its inputs: what the
//! cart holds now, where it goes, the choices made, the vouchers named and,
//! for a live voucher, the products it applies to.

use std::collections::HashMap;

use etalase_contract::{
    AppliedVoucher, Cart, ErrorCode, LineItem, PaymentMethod, Rupiah, ShippingChoice, ShopQuote,
    Totals, VoucherKind,
};

use super::fees::{self, COD_LIMIT};
use super::money::allocate;
use super::shipping::{self, Place};
use super::vouchers::{Scope, Voucher};
use crate::error::AppError;
use crate::time::Timestamp;

/// Everything a price depends on.
#[derive(Debug)]
pub struct Inputs<'a> {
    /// The lines being bought, with their prices and stock now. Only the
    /// lines are read: every amount is computed from them, never from the
    /// cart's or a shop's subtotal, which may cover lines not being bought.
    pub cart: &'a Cart,
    /// Where the parcels go.
    pub destination: &'a Place,
    /// Where each shop ships from, by shop id.
    pub origins: &'a HashMap<String, Place>,
    /// The couriers chosen.
    pub shipping: &'a [ShippingChoice],
    /// The vouchers named, in request order: `None` for an unknown code.
    pub vouchers: &'a [(String, Option<Voucher>)],
    /// How the shopper pays.
    pub payment: PaymentMethod,
    /// The products each live voucher applies to.
    pub scopes: &'a Scopes,
    /// Now, for voucher validity.
    pub now: Timestamp,
}

/// What the checkout costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    /// One part per shop, in cart order.
    pub shops: Vec<ShopQuote>,
    /// The vouchers applied, in request order.
    pub vouchers: Vec<AppliedVoucher>,
    /// The totals.
    pub totals: Totals,
}

/// The products each live voucher applies to, by voucher code (as in
/// [`Inputs::vouchers`]): the showcase of the stream it was dropped on. A
/// voucher without an entry applies to every line. Only a platform voucher
/// has a scope (a live voucher is one, decision 0022).
pub type Scopes = HashMap<String, Scope>;

/// Prices the checkout, or says which input is at fault. A scoped platform
/// voucher takes its percentage of, and is shared over, only the lines of
/// the products it covers; with none of them in the checkout it does not
/// apply (422 `voucher_not_applicable` naming `vouchers[i]`).
pub fn price(inputs: &Inputs<'_>) -> Result<Priced, AppError> {
    let cart = inputs.cart;
    if cart.shops.is_empty() {
        return Err(AppError::invalid("cart", "the cart is empty"));
    }
    for item in cart.shops.iter().flat_map(|shop| &shop.items) {
        if item.quantity > item.stock {
            return Err(AppError::Conflict {
                code: ErrorCode::OutOfStock,
                message: format!(
                    "{} ({}) has {} in stock; the cart wants {}",
                    item.product_name, item.variant_id, item.stock, item.quantity
                ),
                field: Some(format!("cart[{}]", item.variant_id)),
            });
        }
    }
    let choices = shipping_choices(inputs)?;
    let unknown_shop = Place {
        province: "DKI Jakarta".to_owned(),
        region_code: None,
    };
    let mut shops: Vec<ShopQuote> = cart
        .shops
        .iter()
        .map(|part| {
            let origin = inputs.origins.get(&part.shop.id).unwrap_or(&unknown_shop);
            let weight_grams = part
                .items
                .iter()
                .map(|item| item.weight_grams.saturating_mul(item.quantity))
                .fold(0u32, u32::saturating_add);
            let options = shipping::options(weight_grams, origin, inputs.destination);
            let chosen = choices.get(part.shop.id.as_str());
            let shipping = match chosen {
                None => options[0].clone(),
                Some((index, choice)) => options
                    .iter()
                    .find(|o| o.id == choice.option_id)
                    .cloned()
                    .ok_or_else(|| {
                        let why = shipping::refusal(
                            &choice.option_id,
                            weight_grams,
                            origin,
                            inputs.destination,
                        )
                        .unwrap_or_else(|| "it is not offered for this parcel".to_owned());
                        AppError::invalid(
                            format!("shipping[{index}].option_id"),
                            format!(
                                "{:?} cannot carry {}'s parcel: {why}",
                                choice.option_id, part.shop.name
                            ),
                        )
                    })?,
            };
            let items: Vec<LineItem> = part
                .items
                .iter()
                .map(|item| LineItem {
                    variant_id: item.variant_id.clone(),
                    product_id: item.product_id.clone(),
                    product_name: item.product_name.clone(),
                    option_values: item.option_values.clone(),
                    price: item.price,
                    quantity: item.quantity,
                    line_total: item.price.times(item.quantity),
                })
                .collect();
            let subtotal = items
                .iter()
                .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
            Ok(ShopQuote {
                shop: part.shop.clone(),
                items,
                subtotal,
                weight_grams,
                shipping_options: options,
                shipping,
                insurance_fee: fees::insurance(subtotal),
                insured: chosen.is_some_and(|(_, choice)| choice.insurance),
                shop_discount: Rupiah::ZERO,
                platform_discount: Rupiah::ZERO,
                shipping_discount: Rupiah::ZERO,
                total: Rupiah::ZERO,
            })
        })
        .collect::<Result<_, AppError>>()?;
    let vouchers = apply_vouchers(inputs, &mut shops)?;

    let mut totals = Totals::default();
    for shop in &mut shops {
        let insurance = if shop.insured {
            shop.insurance_fee
        } else {
            Rupiah::ZERO
        };
        shop.total = shop.subtotal + shop.shipping.price + insurance
            - shop.shop_discount
            - shop.platform_discount
            - shop.shipping_discount;
        totals.items_subtotal = totals.items_subtotal + shop.subtotal;
        totals.shipping = totals.shipping + shop.shipping.price;
        totals.insurance = totals.insurance + insurance;
        totals.discount =
            totals.discount + shop.shop_discount + shop.platform_discount + shop.shipping_discount;
    }
    let due = shops
        .iter()
        .fold(Rupiah::ZERO, |sum, shop| sum + shop.total);
    totals.payment_fee = fees::payment_fee(inputs.payment, due);
    totals.grand_total = due + totals.payment_fee;
    if inputs.payment == PaymentMethod::Cod && totals.grand_total > COD_LIMIT {
        return Err(AppError::Invalid {
            code: ErrorCode::PaymentMethodUnavailable,
            message: format!("cash on delivery pays at most {COD_LIMIT}"),
            field: Some("payment.method".to_owned()),
        });
    }
    Ok(Priced {
        shops,
        vouchers,
        totals,
    })
}

/// The shipping choices by shop id, with their place in the request, each
/// checked against the cart.
fn shipping_choices<'a>(
    inputs: &'a Inputs<'_>,
) -> Result<HashMap<&'a str, (usize, &'a ShippingChoice)>, AppError> {
    let mut choices = HashMap::new();
    for (index, choice) in inputs.shipping.iter().enumerate() {
        let in_cart = inputs
            .cart
            .shops
            .iter()
            .any(|s| s.shop.id == choice.shop_id);
        if !in_cart {
            return Err(AppError::invalid(
                format!("shipping[{index}].shop_id"),
                format!("shop {:?} has nothing in the cart", choice.shop_id),
            ));
        }
        if choices
            .insert(choice.shop_id.as_str(), (index, choice))
            .is_some()
        {
            return Err(AppError::invalid(
                format!("shipping[{index}].shop_id"),
                format!("shop {:?} is chosen twice", choice.shop_id),
            ));
        }
        if !shipping::is_service(&choice.option_id) {
            return Err(AppError::invalid(
                format!("shipping[{index}].option_id"),
                format!("no shipping option has id {:?}", choice.option_id),
            ));
        }
    }
    Ok(choices)
}

/// Checks the vouchers named and writes their discounts into `shops`:
/// shop vouchers on their shop's goods, the platform voucher on the goods it
/// covers (all, unless scoped) after their part of the shop discounts
/// (shared in proportion), free shipping on the shipping of shops in cart
/// order.
fn apply_vouchers(
    inputs: &Inputs<'_>,
    shops: &mut [ShopQuote],
) -> Result<Vec<AppliedVoucher>, AppError> {
    let mut applied = Vec::new();
    let mut used: Vec<(VoucherKind, Option<&str>)> = Vec::new();
    let mut platform = None;
    let mut free_shipping = None;
    for (index, (code, voucher)) in inputs.vouchers.iter().enumerate() {
        let field = format!("vouchers[{index}]");
        let voucher = voucher.as_ref().ok_or_else(|| AppError::Invalid {
            code: ErrorCode::VoucherNotFound,
            message: format!("no voucher has code {code:?}"),
            field: Some(field.clone()),
        })?;
        voucher.check_usable(inputs.now, &field)?;
        if voucher.kind != VoucherKind::Platform && inputs.scopes.contains_key(&voucher.code) {
            return Err(AppError::Internal(format!(
                "voucher {} has a scope but is not a platform voucher",
                voucher.code
            )));
        }
        let slot = (voucher.kind, voucher.shop_id.as_deref());
        if used.contains(&slot) {
            return Err(AppError::Invalid {
                code: ErrorCode::VoucherNotApplicable,
                message:
                    "a checkout uses at most one voucher of each kind (one shop voucher per shop)"
                        .to_owned(),
                field: Some(field),
            });
        }
        used.push(slot);
        match voucher.kind {
            VoucherKind::Shop => {
                let shop = shops
                    .iter_mut()
                    .find(|s| Some(s.shop.id.as_str()) == voucher.shop_id.as_deref())
                    .ok_or_else(|| AppError::Invalid {
                        code: ErrorCode::VoucherNotApplicable,
                        message: format!("voucher {} is for a shop not in the cart", voucher.code),
                        field: Some(field.clone()),
                    })?;
                shop.shop_discount = voucher.discount(shop.subtotal, &field)?;
                applied.push(applied_voucher(voucher, shop.shop_discount));
            }
            VoucherKind::Platform => platform = Some((voucher, field, applied.len())),
            VoucherKind::FreeShipping => free_shipping = Some((voucher, field, applied.len())),
        }
        if voucher.kind != VoucherKind::Shop {
            applied.push(applied_voucher(voucher, Rupiah::ZERO));
        }
    }
    if let Some((voucher, field, at)) = platform {
        let scope = inputs.scopes.get(&voucher.code);
        if let Some(scope) = scope {
            let covers_a_line = shops
                .iter()
                .flat_map(|shop| &shop.items)
                .any(|item| scope.covers(&item.product_id));
            if !covers_a_line {
                return Err(scope.nothing_covered(&voucher.code, &field));
            }
        }
        let bases: Vec<Rupiah> = shops.iter().map(|s| platform_base(s, scope)).collect();
        let base = bases.iter().fold(Rupiah::ZERO, |sum, b| sum + *b);
        let discount = voucher.discount(base, &field)?;
        for (shop, share) in shops.iter_mut().zip(allocate(discount, &bases)) {
            shop.platform_discount = share;
        }
        applied[at].discount = discount;
    }
    if let Some((voucher, field, at)) = free_shipping {
        let goods = shops.iter().fold(Rupiah::ZERO, |sum, s| sum + s.subtotal);
        voucher.check_min_spend(goods, &field)?;
        let shipping = shops
            .iter()
            .fold(Rupiah::ZERO, |sum, s| sum + s.shipping.price);
        let mut left = voucher.amount_off(shipping);
        applied[at].discount = left;
        for shop in shops.iter_mut() {
            shop.shipping_discount = left.min(shop.shipping.price);
            left = left - shop.shipping_discount;
        }
    }
    Ok(applied)
}

/// What the platform voucher's percentage is taken of in `shop`: the
/// shop's lines `scope` covers (every line without one), less their part
/// of the shop discount. The shop discount is split between those lines and
/// the others in proportion to their value, by the largest remainder like
/// every shared amount, so without a scope the base is the whole subtotal
/// less the whole shop discount.
fn platform_base(shop: &ShopQuote, scope: Option<&Scope>) -> Rupiah {
    let covered = shop
        .items
        .iter()
        .filter(|item| scope.is_none_or(|scope| scope.covers(&item.product_id)))
        .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
    let others = shop.subtotal - covered;
    let on_covered = allocate(shop.shop_discount, &[covered, others])
        .first()
        .copied()
        .unwrap_or(Rupiah::ZERO);
    (covered - on_covered).max(Rupiah::ZERO)
}

fn applied_voucher(voucher: &Voucher, discount: Rupiah) -> AppliedVoucher {
    AppliedVoucher {
        code: voucher.code.clone(),
        kind: voucher.kind,
        shop_id: voucher.shop_id.clone(),
        discount,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::vouchers::Rule;
    use etalase_contract::{Bank, CartItem, CartShop, ShopSummary};
    use std::time::Duration;

    fn line(variant: &str, price: i64, quantity: u32, grams: u32) -> CartItem {
        CartItem {
            variant_id: variant.into(),
            product_id: format!("prd-{variant}"),
            product_name: variant.into(),
            option_values: vec![],
            image_url: String::new(),
            price: Rupiah(price),
            original_price: None,
            quantity,
            stock: 10,
            weight_grams: grams,
            line_total: Rupiah(price).times(quantity),
        }
    }

    fn part(shop: &str, items: Vec<CartItem>) -> CartShop {
        CartShop {
            shop: ShopSummary {
                id: shop.into(),
                name: shop.into(),
                city: "Kota".into(),
            },
            subtotal: items.iter().fold(Rupiah::ZERO, |s, i| s + i.line_total),
            items,
        }
    }

    /// Batik (Yogyakarta) 150 000, 1.2 kg; Dapur (Jawa Timur) 50 000, 0.5 kg.
    fn cart() -> Cart {
        let shops = vec![
            part("batik", vec![line("shirt", 75_000, 2, 600)]),
            part("dapur", vec![line("sambal", 25_000, 2, 250)]),
        ];
        Cart {
            item_count: 4,
            subtotal: Rupiah(200_000),
            shops,
        }
    }

    fn voucher(code: &str, kind: VoucherKind, shop: Option<&str>, rule: Rule, min: i64) -> Voucher {
        let now = Timestamp::now();
        Voucher {
            code: code.into(),
            kind,
            shop_id: shop.map(Into::into),
            rule,
            min_spend: Rupiah(min),
            quota: 10,
            used: 0,
            starts_at: now.minus(Duration::from_secs(60)),
            expires_at: now.plus(Duration::from_secs(60)),
            unclaimed: false,
        }
    }

    fn priced(
        cart: &Cart,
        shipping: &[ShippingChoice],
        vouchers: &[(String, Option<Voucher>)],
        payment: PaymentMethod,
    ) -> Result<Priced, AppError> {
        let origins = origins();
        price(&Inputs {
            cart,
            destination: &jawa_barat(),
            origins: &origins,
            shipping,
            vouchers,
            payment,
            now: Timestamp::now(),
            scopes: &Scopes::new(),
        })
    }

    /// The shops' provinces, without codes.
    fn origins() -> HashMap<String, Place> {
        [("batik", "DI Yogyakarta"), ("dapur", "Jawa Timur")]
            .into_iter()
            .map(|(shop, province)| {
                let place = Place {
                    province: province.to_owned(),
                    region_code: None,
                };
                (shop.to_owned(), place)
            })
            .collect()
    }

    /// An address in Jawa Barat typed before regions.
    fn jawa_barat() -> Place {
        Place {
            province: "Jawa Barat".to_owned(),
            region_code: None,
        }
    }

    const VA: PaymentMethod = PaymentMethod::VirtualAccount { bank: Bank::Bca };

    /// A live voucher's scope: stream `live-1` showing `products`.
    fn scope(products: &[&str]) -> Scope {
        Scope {
            stream_id: "live-1".into(),
            product_ids: products.iter().map(|id| (*id).to_owned()).collect(),
        }
    }

    /// The lines priced with `vouchers`, `LIVE` scoped to `shown`.
    fn priced_live(
        cart: &Cart,
        vouchers: &[(String, Option<Voucher>)],
        shown: &[&str],
    ) -> Result<Priced, AppError> {
        let origins = origins();
        let scopes: Scopes = [("LIVE".to_owned(), scope(shown))].into();
        price(&Inputs {
            cart,
            destination: &jawa_barat(),
            origins: &origins,
            shipping: &[],
            vouchers,
            payment: VA,
            now: Timestamp::now(),
            scopes: &scopes,
        })
    }

    fn live(bp: u32, cap: i64, min: i64) -> (String, Option<Voucher>) {
        let rule = Rule::Percent {
            bp,
            cap: Some(Rupiah(cap)),
        };
        let voucher = voucher("LIVE", VoucherKind::Platform, None, rule, min);
        ("LIVE".to_owned(), Some(voucher))
    }

    #[test]
    fn without_choices_each_shop_ships_cheapest_and_totals_add_up() {
        let p = priced(&cart(), &[], &[], VA).unwrap();
        // Zone 2 (Java to Java): 2 kg and 1 kg with AnterAja at Rp12.500/kg.
        assert_eq!(p.shops[0].weight_grams, 1_200);
        assert_eq!(p.shops[0].shipping.id, "anteraja-reg");
        assert_eq!(p.shops[0].shipping.price, Rupiah(25_000));
        assert_eq!(p.shops[1].shipping.price, Rupiah(12_500));
        assert_eq!(p.shops[0].total, Rupiah(175_000));
        assert_eq!(
            p.totals,
            Totals {
                items_subtotal: Rupiah(200_000),
                shipping: Rupiah(37_500),
                insurance: Rupiah::ZERO,
                discount: Rupiah::ZERO,
                payment_fee: Rupiah(4_000),
                grand_total: Rupiah(241_500),
            }
        );
    }

    #[test]
    fn vouchers_of_every_kind_insurance_and_cod_fee() {
        let shipping = [ShippingChoice {
            shop_id: "batik".into(),
            option_id: "jne-yes".into(),
            insurance: true,
        }];
        let vouchers = [
            (
                "BATIK10".to_owned(),
                Some(voucher(
                    "BATIK10",
                    VoucherKind::Shop,
                    Some("batik"),
                    Rule::Percent {
                        bp: 1_000,
                        cap: None,
                    },
                    100_000,
                )),
            ),
            (
                "ETALASE5".to_owned(),
                Some(voucher(
                    "ETALASE5",
                    VoucherKind::Platform,
                    None,
                    Rule::Percent {
                        bp: 500,
                        cap: Some(Rupiah(50_000)),
                    },
                    0,
                )),
            ),
            (
                "ONGKIR".to_owned(),
                Some(voucher(
                    "ONGKIR",
                    VoucherKind::FreeShipping,
                    None,
                    Rule::Fixed(Rupiah(60_000)),
                    50_000,
                )),
            ),
        ];
        let p = priced(&cart(), &shipping, &vouchers, PaymentMethod::Cod).unwrap();
        let batik = &p.shops[0];
        assert_eq!(
            batik.shipping.price,
            Rupiah(52_000),
            "JNE YES 2 kg × 26 000"
        );
        assert_eq!(batik.insurance_fee, Rupiah(300 + 5_000));
        assert_eq!(batik.shop_discount, Rupiah(15_000));
        // Platform 5% of (135 000 + 50 000) = 9 250, shared 135:50.
        assert_eq!(batik.platform_discount, Rupiah(6_750));
        assert_eq!(p.shops[1].platform_discount, Rupiah(2_500));
        // Free shipping up to 60 000 over 52 000 + 12 500 shipping.
        assert_eq!(batik.shipping_discount, Rupiah(52_000));
        assert_eq!(p.shops[1].shipping_discount, Rupiah(8_000));
        let discounts: Vec<i64> = p.vouchers.iter().map(|v| v.discount.0).collect();
        assert_eq!(discounts, [15_000, 9_250, 60_000]);
        let due = p.shops.iter().map(|s| s.total.0).sum::<i64>();
        assert_eq!(due, 200_000 + 64_500 + 5_300 - 84_250);
        assert_eq!(p.totals.payment_fee, Rupiah((due * 2 + 99) / 100));
        assert_eq!(p.totals.grand_total, Rupiah(due) + p.totals.payment_fee);
        assert_eq!(p.totals.discount, Rupiah(84_250));
    }

    #[test]
    fn bad_choices_and_vouchers_name_their_field() {
        let field = |result: Result<Priced, AppError>| match result {
            Err(AppError::Invalid { code, field, .. })
            | Err(AppError::Conflict { code, field, .. }) => (code, field.unwrap_or_default()),
            other => panic!("{other:?}"),
        };
        let choice = |shop: &str, option: &str| ShippingChoice {
            shop_id: shop.into(),
            option_id: option.into(),
            insurance: false,
        };
        assert_eq!(
            field(priced(&cart(), &[choice("lain", "jne-reg")], &[], VA)),
            (ErrorCode::InvalidField, "shipping[0].shop_id".into())
        );
        assert_eq!(
            field(priced(&cart(), &[choice("dapur", "pos-kilat")], &[], VA)),
            (ErrorCode::InvalidField, "shipping[0].option_id".into())
        );
        assert_eq!(
            field(priced(
                &cart(),
                &[choice("dapur", "jne-reg"), choice("dapur", "jnt-ez")],
                &[],
                VA
            )),
            (ErrorCode::InvalidField, "shipping[1].shop_id".into())
        );
        let platform = || voucher("A", VoucherKind::Platform, None, Rule::Fixed(Rupiah(1)), 0);
        assert_eq!(
            field(priced(&cart(), &[], &[("X".into(), None)], VA)),
            (ErrorCode::VoucherNotFound, "vouchers[0]".into())
        );
        assert_eq!(
            field(priced(
                &cart(),
                &[],
                &[
                    ("A".into(), Some(platform())),
                    ("B".into(), Some(platform()))
                ],
                VA
            )),
            (ErrorCode::VoucherNotApplicable, "vouchers[1]".into())
        );
        let elsewhere = voucher(
            "S",
            VoucherKind::Shop,
            Some("lain"),
            Rule::Fixed(Rupiah(1)),
            0,
        );
        assert_eq!(
            field(priced(&cart(), &[], &[("S".into(), Some(elsewhere))], VA)),
            (ErrorCode::VoucherNotApplicable, "vouchers[0]".into())
        );
        let mut big = cart();
        big.shops[0].items[0].price = Rupiah(3_000_000);
        big.shops[0].items[0].line_total = Rupiah(6_000_000);
        big.shops[0].subtotal = Rupiah(6_000_000);
        assert_eq!(
            field(priced(&big, &[], &[], PaymentMethod::Cod)),
            (ErrorCode::PaymentMethodUnavailable, "payment.method".into())
        );
        let mut short = cart();
        short.shops[1].items[0].stock = 1;
        assert_eq!(
            field(priced(&short, &[], &[], VA)),
            (ErrorCode::OutOfStock, "cart[sambal]".into())
        );
        assert_eq!(
            field(priced(&Cart::default(), &[], &[], VA)),
            (ErrorCode::InvalidField, "cart".into())
        );
    }

    #[test]
    fn a_live_voucher_takes_its_percentage_of_the_showcases_lines_only() {
        // Batik: the shirt (shown) 150 000 and a kain (not shown) 50 000;
        // Dapur: the sambal (shown) 50 000.
        let mut cart = cart();
        cart.shops[0].items.push(line("kain", 50_000, 1, 400));
        cart.shops[0].subtotal = Rupiah(200_000);
        let shop_voucher = voucher(
            "BATIK10",
            VoucherKind::Shop,
            Some("batik"),
            Rule::Percent {
                bp: 1_000,
                cap: None,
            },
            0,
        );
        let vouchers = [
            ("BATIK10".to_owned(), Some(shop_voucher)),
            live(1_000, 100_000, 0),
        ];
        let p = priced_live(&cart, &vouchers, &["prd-shirt", "prd-sambal", "prd-other"]).unwrap();
        // Batik's 20 000 off splits 15 000 on the shirt, 5 000 on the kain:
        // the live voucher's base is 135 000 + 50 000, and 10% of it,
        // 18 500, is shared 135:50.
        assert_eq!(p.shops[0].shop_discount, Rupiah(20_000));
        assert_eq!(p.vouchers[1].discount, Rupiah(18_500));
        assert_eq!(p.shops[0].platform_discount, Rupiah(13_500));
        assert_eq!(p.shops[1].platform_discount, Rupiah(5_000));

        // Only the sambal shown: Batik's lines take nothing.
        let p = priced_live(&cart, &vouchers, &["prd-sambal"]).unwrap();
        assert_eq!(p.vouchers[1].discount, Rupiah(5_000));
        assert_eq!(p.shops[0].platform_discount, Rupiah::ZERO);
        assert_eq!(p.shops[1].platform_discount, Rupiah(5_000));

        // The cap and the minimum spend apply to the shown lines too.
        let capped = [live(5_000, 10_000, 0)];
        let p = priced_live(&cart, &capped, &["prd-shirt"]).unwrap();
        assert_eq!(p.vouchers[0].discount, Rupiah(10_000));
        assert_eq!(p.shops[0].platform_discount, Rupiah(10_000));
        let min_spend = [live(1_000, 100_000, 150_001)];
        assert!(matches!(
            priced_live(&cart, &min_spend, &["prd-shirt"]),
            Err(AppError::Invalid { code: ErrorCode::VoucherNotApplicable, field: Some(ref f), .. })
                if f == "vouchers[0]"
        ));
    }

    #[test]
    fn a_live_voucher_on_a_cart_with_nothing_shown_is_not_applicable() {
        for shown in [&[][..], &["prd-kain"][..]] {
            match priced_live(&cart(), &[live(1_000, 100_000, 0)], shown) {
                Err(AppError::Invalid {
                    code: ErrorCode::VoucherNotApplicable,
                    field: Some(field),
                    message,
                }) => {
                    assert_eq!(field, "vouchers[0]");
                    assert!(message.contains("live-1"), "{message}");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_scope_on_another_kind_of_voucher_is_a_bug_not_a_discount() {
        let shipping = voucher(
            "LIVE",
            VoucherKind::FreeShipping,
            None,
            Rule::Fixed(Rupiah(10_000)),
            0,
        );
        assert!(matches!(
            priced_live(
                &cart(),
                &[("LIVE".to_owned(), Some(shipping))],
                &["prd-shirt"]
            ),
            Err(AppError::Internal(_))
        ));
    }

    mod scoped {
        use super::*;
        use crate::checkout::money::percent_down;
        use proptest::prelude::*;
        use proptest::test_runner::Config;

        /// A product id of a small pool, so scopes and lines overlap.
        fn product() -> impl Strategy<Value = String> {
            (0..6_u8).prop_map(|n| format!("prd-{n}"))
        }

        /// Two or three shops of one to three lines, a shop voucher on the
        /// first (or none), a live percentage and the products shown.
        #[allow(clippy::type_complexity, reason = "a strategy's tuple")]
        fn inputs() -> impl Strategy<
            Value = (
                Vec<Vec<(String, i64, u32)>>,
                Option<u32>,
                u32,
                i64,
                Vec<String>,
            ),
        > {
            let line = (product(), 1..=5_000_000_i64, 1..=20_u32);
            (
                prop::collection::vec(prop::collection::vec(line, 1..=3), 2..=3),
                prop::option::of(1..=5_000_u32),
                1..=5_000_u32,
                1_000..=100_000_i64,
                prop::collection::vec(product(), 0..=4),
            )
        }

        fn build(shops: &[Vec<(String, i64, u32)>]) -> Cart {
            let parts: Vec<CartShop> = shops
                .iter()
                .enumerate()
                .map(|(n, lines)| {
                    let items = lines
                        .iter()
                        .enumerate()
                        .map(|(i, (product, price, quantity))| CartItem {
                            product_id: product.clone(),
                            ..line(&format!("v{n}-{i}"), *price, *quantity, 500)
                        })
                        .map(|item| CartItem {
                            stock: item.quantity,
                            ..item
                        })
                        .collect();
                    part(["batik", "dapur", "toko"][n], items)
                })
                .collect();
            Cart {
                item_count: 0,
                subtotal: Rupiah::ZERO,
                shops: parts,
            }
        }

        fn run(
            cart: &Cart,
            shop_bp: Option<u32>,
            bp: u32,
            cap: i64,
            scopes: &Scopes,
        ) -> Result<Priced, AppError> {
            let origins = HashMap::new();
            let mut vouchers = vec![live(bp, cap, 0)];
            if let Some(shop_bp) = shop_bp {
                let rule = Rule::Percent {
                    bp: shop_bp,
                    cap: None,
                };
                let shop = voucher("TOKO", VoucherKind::Shop, Some("batik"), rule, 0);
                vouchers.push(("TOKO".to_owned(), Some(shop)));
            }
            price(&Inputs {
                cart,
                destination: &jawa_barat(),
                origins: &origins,
                shipping: &[],
                vouchers: &vouchers,
                payment: PaymentMethod::Qris,
                now: Timestamp::now(),
                scopes,
            })
        }

        proptest! {
            #![proptest_config(Config { cases: 256, failure_persistence: None, ..Config::default() })]

            #[test]
            fn a_live_voucher_never_reaches_beyond_the_showcase(
                (shops, shop_bp, bp, cap, shown) in inputs()
            ) {
                let cart = build(&shops);
                let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
                let scopes: Scopes = [("LIVE".to_owned(), scope(&shown))].into();
                let covered = |shop: &CartShop| shop
                    .items
                    .iter()
                    .filter(|item| shown.contains(&item.product_id.as_str()))
                    .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
                let any_covered = cart.shops.iter().any(|shop| covered(shop) > Rupiah::ZERO);
                match run(&cart, shop_bp, bp, cap, &scopes) {
                    Err(AppError::Invalid { code, field, .. }) => {
                        prop_assert!(!any_covered, "refused though a line is shown");
                        prop_assert_eq!(code, ErrorCode::VoucherNotApplicable);
                        prop_assert_eq!(field.as_deref(), Some("vouchers[0]"));
                    }
                    Err(other) => prop_assert!(false, "{other:?}"),
                    Ok(p) => {
                        prop_assert!(any_covered);
                        let discount = p.vouchers[0].discount;
                        let goods = cart.shops.iter().fold(Rupiah::ZERO, |sum, s| sum + covered(s));
                        prop_assert!(discount <= Rupiah(cap), "over its cap");
                        prop_assert!(discount <= percent_down(goods, bp), "over its percentage of the shown goods");
                        let mut shared = Rupiah::ZERO;
                        for (quoted, shop) in p.shops.iter().zip(&cart.shops) {
                            shared = shared + quoted.platform_discount;
                            prop_assert!(quoted.platform_discount <= covered(shop), "a shop gives more than its shown lines");
                            if covered(shop) == Rupiah::ZERO {
                                prop_assert_eq!(quoted.platform_discount, Rupiah::ZERO);
                            }
                            prop_assert!(quoted.platform_discount + quoted.shop_discount <= quoted.subtotal);
                            prop_assert!(quoted.total >= Rupiah::ZERO);
                        }
                        prop_assert_eq!(shared, discount, "the shares add up");
                    }
                }
            }

            #[test]
            fn a_showcase_of_every_product_prices_like_no_scope(
                (shops, shop_bp, bp, cap, _) in inputs()
            ) {
                let cart = build(&shops);
                let every: Vec<&str> = cart
                    .shops
                    .iter()
                    .flat_map(|shop| &shop.items)
                    .map(|item| item.product_id.as_str())
                    .collect();
                let scopes: Scopes = [("LIVE".to_owned(), scope(&every))].into();
                prop_assert_eq!(
                    run(&cart, shop_bp, bp, cap, &scopes).ok(),
                    run(&cart, shop_bp, bp, cap, &Scopes::new()).ok()
                );
            }
        }
    }
}
