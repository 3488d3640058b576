//! Quotes: every amount of a checkout, computed by the server.
//!
//! The widget sends only choices (address, courier per shop, insurance,
//! voucher codes, payment method); it never sends a price. The answer is a
//! [`Quote`] whose `id` places the order with `POST /v1/orders`.

use serde::{Deserialize, Serialize};

use crate::{Address, Rupiah, ShopSummary};

/// The body of `POST /v1/checkout/quote`: the shopper's choices for the
/// whole cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    /// One of the shopper's saved addresses.
    pub address_id: String,
    /// A courier per shop; a shop left out ships with its cheapest option.
    #[serde(default)]
    pub shipping: Vec<ShippingChoice>,
    /// Voucher codes: at most one shop voucher per shop, one platform and
    /// one free-shipping voucher.
    #[serde(default)]
    pub vouchers: Vec<String>,
    /// How the shopper will pay.
    pub payment: PaymentMethod,
    /// The stream the shopper is buying from, for attribution.
    #[serde(default)]
    pub stream_id: Option<String>,
    /// The cart lines to buy, by variant id; the whole cart when absent.
    /// Lines left out stay in the cart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_ids: Option<Vec<String>>,
}

crate::wire::from_js!(QuoteRequest {
    address_id,
    shipping,
    vouchers,
    payment,
    stream_id,
    variant_ids
});

/// The courier and insurance chosen for one shop's parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShippingChoice {
    /// A shop in the cart.
    pub shop_id: String,
    /// One of the shop's `shipping_options`, e.g. `jne-reg`.
    pub option_id: String,
    /// Whether to insure the parcel.
    #[serde(default)]
    pub insurance: bool,
}

crate::wire::from_js!(ShippingChoice {
    shop_id,
    option_id,
    insurance
});

crate::wire::wire_enum! {
    /// A bank offering virtual accounts.
    pub enum Bank {
        /// Bank Central Asia.
        Bca = "bca",
        /// Bank Negara Indonesia.
        Bni = "bni",
        /// Bank Rakyat Indonesia.
        Bri = "bri",
        /// Bank Mandiri.
        Mandiri = "mandiri",
    }
}

crate::wire::wire_enum! {
    /// An e-wallet.
    pub enum Wallet {
        /// GoPay.
        Gopay = "gopay",
        /// OVO.
        Ovo = "ovo",
        /// DANA.
        Dana = "dana",
        /// ShopeePay.
        Shopeepay = "shopeepay",
    }
}

/// How the shopper pays: `{"method":"virtual_account","bank":"bca"}`,
/// `{"method":"qris"}`, `{"method":"ewallet","wallet":"gopay"}`,
/// `{"method":"cod"}` or `{"method":"card"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum PaymentMethod {
    /// A bank transfer to a virtual account number.
    VirtualAccount {
        /// The bank.
        bank: Bank,
    },
    /// A QRIS code any Indonesian banking or wallet app can scan.
    Qris,
    /// An e-wallet app, opened by a deeplink.
    Ewallet {
        /// The wallet.
        wallet: Wallet,
    },
    /// Cash on delivery, up to a limit and for a fee.
    Cod,
    /// A card, entered on the payment provider's own page.
    Card,
}

/// A courier service that can carry a parcel, with its price and ETA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingOption {
    /// Stable id, e.g. `jne-reg`.
    pub id: String,
    /// The courier, e.g. `JNE`.
    pub courier: String,
    /// The service, e.g. `REG`.
    pub service: String,
    /// The price for this parcel.
    pub price: Rupiah,
    /// Fewest days to arrive.
    pub eta_days_min: u32,
    /// Most days to arrive.
    pub eta_days_max: u32,
}

crate::wire::from_js!(ShippingOption {
    id,
    courier,
    service,
    price,
    eta_days_min,
    eta_days_max
});

crate::wire::wire_enum! {
    /// Why a courier service cannot carry a parcel it would otherwise.
    pub enum ShippingRefusal {
        /// The parcel is heavier than the service carries (`max_kg`).
        TooHeavy = "too_heavy",
    }
}

/// A courier service a shop's parcel cannot go by, and why: listed beside
/// the quote's options so the checkout shows it disabled with its reason.
/// Choosing it is 422 naming `shipping[i].option_id`, with `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnavailableShipping {
    /// The shop whose parcel it is.
    pub shop_id: String,
    /// The service's id, e.g. `gosend-sameday`.
    pub id: String,
    /// The courier, e.g. `GoSend`.
    pub courier: String,
    /// The service, e.g. `Same Day`.
    pub service: String,
    /// Why it cannot carry the parcel.
    pub reason: ShippingRefusal,
    /// The most kilograms the service carries.
    pub max_kg: u32,
    /// The parcel's kilograms as charged: its weight rounded up.
    pub parcel_kg: u32,
    /// The reason in English words, as the 422 for choosing it says.
    pub message: String,
}

crate::wire::from_js!(UnavailableShipping {
    shop_id,
    id,
    courier,
    service,
    reason,
    max_kg,
    parcel_kg,
    message
});

/// One line of a quote or an order, at the price the server computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineItem {
    /// The variant bought.
    pub variant_id: String,
    /// Its product.
    pub product_id: String,
    /// The product's name.
    pub product_name: String,
    /// The variant's option values.
    pub option_values: Vec<String>,
    /// The unit price.
    pub price: Rupiah,
    /// Units.
    pub quantity: u32,
    /// `price × quantity`.
    pub line_total: Rupiah,
}

crate::wire::from_js!(LineItem {
    variant_id,
    product_id,
    product_name,
    option_values,
    price,
    quantity,
    line_total
});

/// What one shop's part of the checkout costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopQuote {
    /// The shop.
    pub shop: ShopSummary,
    /// Its lines.
    pub items: Vec<LineItem>,
    /// The sum of the lines.
    pub subtotal: Rupiah,
    /// The parcel's weight in grams.
    pub weight_grams: u32,
    /// Every courier service for this parcel, cheapest first.
    pub shipping_options: Vec<ShippingOption>,
    /// The chosen one.
    pub shipping: ShippingOption,
    /// What insuring the parcel costs, whether chosen or not.
    pub insurance_fee: Rupiah,
    /// Whether the parcel is insured.
    pub insured: bool,
    /// The shop voucher's discount.
    pub shop_discount: Rupiah,
    /// This shop's share of the platform voucher's discount.
    pub platform_discount: Rupiah,
    /// The free-shipping voucher's discount on this parcel.
    pub shipping_discount: Rupiah,
    /// `subtotal + shipping + insurance − discounts`.
    pub total: Rupiah,
}

crate::wire::from_js!(ShopQuote {
    shop,
    items,
    subtotal,
    weight_grams,
    shipping_options,
    shipping,
    insurance_fee,
    insured,
    shop_discount,
    platform_discount,
    shipping_discount,
    total
});

crate::wire::wire_enum! {
    /// The kind of a voucher; a checkout uses at most one platform and one
    /// free-shipping voucher, and one shop voucher per shop.
    pub enum VoucherKind {
        /// Funded by one shop, on its items.
        Shop = "shop",
        /// Funded by the marketplace, on all items.
        Platform = "platform",
        /// On shipping.
        FreeShipping = "free_shipping",
    }
}

/// A voucher the quote applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppliedVoucher {
    /// The code, upper case.
    pub code: String,
    /// Its kind.
    pub kind: VoucherKind,
    /// The shop of a shop voucher.
    pub shop_id: Option<String>,
    /// What it takes off.
    pub discount: Rupiah,
}

crate::wire::from_js!(AppliedVoucher {
    code,
    kind,
    shop_id,
    discount
});

/// The checkout's totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    /// All lines.
    pub items_subtotal: Rupiah,
    /// All parcels' shipping.
    pub shipping: Rupiah,
    /// All insurance.
    pub insurance: Rupiah,
    /// Every voucher's discount.
    pub discount: Rupiah,
    /// The payment method's fee.
    pub payment_fee: Rupiah,
    /// What the shopper pays.
    pub grand_total: Rupiah,
}

crate::wire::from_js!(Totals {
    items_subtotal,
    shipping,
    insurance,
    discount,
    payment_fee,
    grand_total
});

/// The body of `POST /v1/checkout/quote`.
///
/// The server answers `Quote<SavedAddress>`: the address with its village,
/// region code and `needs_region`, a superset of the JSON of [`Address`],
/// which a client may read it as (the default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote<A = Address> {
    /// Places the order: `POST /v1/orders` with `{"quote_id": …}`.
    pub id: String,
    /// Where the parcels go, as the address was when quoted.
    pub address: A,
    /// One part per shop, shops by name.
    pub shops: Vec<ShopQuote>,
    /// The vouchers applied.
    pub vouchers: Vec<AppliedVoucher>,
    /// How the shopper pays.
    pub payment: PaymentMethod,
    /// The stream the shopper buys from, if any.
    pub stream_id: Option<String>,
    /// The totals.
    pub totals: Totals,
}

crate::wire::from_js!(Quote<A> {
    id,
    address,
    shops,
    vouchers,
    payment,
    stream_id,
    totals
});

/// The answer of `POST /v1/checkout/quote`: the `Quote`, and the courier
/// services its parcels cannot go by, with why. The quote's fields are
/// its own, so a client may read the answer as a `Quote`. A flash deal's
/// quote ([`crate::DealQuote`]) and a changed one
/// ([`crate::QuoteChangedDetail`]) carry their quote as this too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteAnswer<A = Address> {
    /// The quote.
    #[serde(flatten)]
    pub quote: Quote<A>,
    /// Services a shop's parcel is too heavy for, by shop and then as its
    /// options are ordered (cheapest first); empty when every service
    /// that would carry the parcels can.
    pub unavailable_shipping: Vec<UnavailableShipping>,
}

#[cfg(feature = "js")]
impl<A: crate::js::FromJs> crate::js::FromJs for QuoteAnswer<A> {
    fn from_js(value: crate::js::JsValue) -> Result<Self, crate::js::DecodeError> {
        let object = crate::js::object(value)?;
        Ok(QuoteAnswer {
            unavailable_shipping: crate::js::field(&object, "unavailable_shipping")?,
            quote: Quote::from_js(object)?,
        })
    }
}

/// A voucher the shopper can use now, as `GET /v1/vouchers` lists it, so
/// the checkout can offer it before the shopper types a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoucherOffer {
    /// The code to put in the quote's `vouchers`.
    pub code: String,
    /// Its kind.
    pub kind: VoucherKind,
    /// The shop of a shop voucher.
    pub shop_id: Option<String>,
    /// A percentage off, in basis points (1% = 100); `None` for a fixed amount.
    pub percent_bp: Option<u32>,
    /// A fixed amount off; `None` for a percentage.
    pub amount: Option<Rupiah>,
    /// The most a percentage takes off.
    pub max_discount: Option<Rupiah>,
    /// The least the goods it applies to must cost.
    pub min_spend: Rupiah,
    /// When it stops applying, RFC 3339 UTC.
    pub expires_at: String,
}

crate::wire::from_js!(VoucherOffer {
    code,
    kind,
    shop_id,
    percent_bp,
    amount,
    max_discount,
    min_spend,
    expires_at
});

/// The body of `GET /v1/vouchers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoucherList {
    /// Usable vouchers: platform first, then free shipping, then shop vouchers.
    pub vouchers: Vec<VoucherOffer>,
}

crate::wire::from_js!(VoucherList { vouchers });
