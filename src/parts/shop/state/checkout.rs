//! [`CheckoutState`]: from the cart's ticked lines to a placed order and its
//! payment, as a pure state machine.
//!
//! The checkout is one page ([`Step::Review`]: address, shipping per shop,
//! vouchers, payment method, summary) with two side pages for the address
//! ([`Step::Addresses`], [`Step::NewAddress`]) and, once placed, the payment
//! ([`Step::Payment`]). Every amount comes from the server's quote: each
//! change of the shopper's [`Choices`] bumps `revision`, the hook asks for a
//! new quote, and an answer for an older revision is dropped.
//!
//! Placing sends the quote under an [`Attempt`]'s idempotency key. The key is
//! made once per attempt and kept through retries (and, by the hook, across
//! reloads), so a flaky network or a double tap never makes two orders; only
//! a new quote (a confirmed `quote_changed`) starts a new attempt.

use std::rc::Rc;

use etalase_contract::{
    Address, Checkout, ErrorCode, Order, Payment, PaymentMethod, PaymentStatus, Quote,
    QuoteRequest, Rupiah, ShippingChoice, VoucherOffer,
};
use yew::Reducible;

use crate::api::{ApiError, Placement};
use crate::state::remote::Remote;

/// The page of the checkout on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Address, shipping, vouchers, payment method and summary.
    Review,
    /// Picking one of the saved addresses.
    Addresses,
    /// Adding an address.
    NewAddress,
    /// The placed order's payment and status.
    Payment,
}

/// What the shopper chose; the quote prices exactly this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// The saved address the parcels go to.
    pub address_id: Option<String>,
    /// Couriers and insurance the shopper picked; other shops ship with
    /// the server's default (the cheapest).
    pub shipping: Vec<ShippingChoice>,
    /// Voucher codes, upper case.
    pub vouchers: Vec<String>,
    /// The payment method, once picked.
    pub payment: Option<PaymentMethod>,
}

/// Where the quote for the current choices stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quoting {
    /// No quote asked for yet (no address).
    Idle,
    /// Asked for; the last quote, if any, is shown dimmed meanwhile.
    Loading,
    /// The quote matches the choices.
    Fresh,
    /// The quote could not be had; a retry may help.
    Failed(ApiError),
}

/// One try at placing a quote: the key the server deduplicates on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The `Idempotency-Key`, made once per attempt.
    pub key: String,
    /// The quote placed.
    pub quote_id: String,
}

/// Where placing stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placing {
    /// Not placing.
    Idle,
    /// The attempt is on its way (retried by the hook on network errors,
    /// 5xx and 429).
    Sending,
    /// The attempt failed for good; retrying sends the same key again.
    Failed(ApiError),
}

/// Something the shopper must know before going on, shown above the button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A voucher was taken off: why, by the server's code.
    VoucherRefused {
        /// The code.
        code: String,
        /// Why: not found, expired, not applicable or used up.
        reason: ErrorCode,
    },
    /// The payment method cannot pay this checkout (COD over its limit).
    PaymentUnavailable,
    /// The shopper has as many cash-on-delivery orders open as one may.
    CodLimit,
    /// The shopper holds as much as one may in unpaid orders.
    ReservationLimit(Held),
    /// Someone else bought the last units of this product meanwhile.
    OutOfStock {
        /// The product's name.
        product_name: String,
    },
    /// The address could not be saved; `field` names the bad one, if any.
    AddressRefused {
        /// The field at fault, e.g. `postal_code`.
        field: Option<String>,
        /// The failure.
        error: ApiError,
    },
}

/// Which bound on unpaid orders a placement met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// The most units of one product: its name.
    Line(String),
    /// The most units over all products.
    Units,
    /// The most checkouts waiting for payment.
    Checkouts,
}

/// The quote moved between quoting and placing: the shopper confirms the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The grand total the shopper saw.
    pub before: Rupiah,
    /// The new quote.
    pub quote: Rc<Quote>,
}

/// A placed checkout the shopper is paying or has paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The checkout.
    pub checkout_id: String,
    /// Its orders, one per shop.
    pub order_ids: Vec<String>,
    /// Its payment, as last read.
    pub payment: Rc<Payment>,
    /// The orders with their timelines, once read.
    pub orders: Option<Rc<Vec<Order>>>,
}

impl Placed {
    /// A placed checkout as `POST /v1/orders` answered it.
    pub fn of(checkout: &Checkout) -> Self {
        Placed {
            checkout_id: checkout.id.clone(),
            order_ids: checkout
                .orders
                .iter()
                .map(|order| order.id.clone())
                .collect(),
            payment: Rc::new(checkout.payment.clone()),
            orders: Some(Rc::new(checkout.orders.clone())),
        }
    }

    /// Whether the payment still waits for the shopper.
    pub fn is_pending(&self) -> bool {
        self.payment.status == PaymentStatus::Pending
    }
}

/// The checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutState {
    /// The page on screen.
    pub step: Step,
    /// The cart lines being bought, by variant id.
    pub variant_ids: Vec<String>,
    /// The stream the shopper buys from.
    pub stream_id: Option<String>,
    /// The saved addresses.
    pub addresses: Remote<Vec<Address>>,
    /// Whether a new address is on its way to the server.
    pub saving_address: bool,
    /// The vouchers the shopper can use, to offer.
    pub offers: Remote<Vec<VoucherOffer>>,
    /// The shopper's choices.
    pub choices: Choices,
    /// Bumped on every change of `choices`; quotes answer a revision.
    pub revision: u32,
    /// The last quote the server answered.
    pub quote: Option<Rc<Quote>>,
    /// Whether `quote` matches the choices.
    pub quoting: Quoting,
    /// What the shopper must know.
    pub notice: Option<Notice>,
    /// The current attempt at placing, kept for retries.
    pub attempt: Option<Attempt>,
    /// Where placing stands.
    pub placing: Placing,
    /// A changed quote waiting for the shopper's confirmation.
    pub changed: Option<Changed>,
    /// The placed checkout, once there is one.
    pub placed: Option<Rc<Placed>>,
    /// Whether a cancel is on its way.
    pub cancelling: bool,
}

impl Default for CheckoutState {
    fn default() -> Self {
        CheckoutState {
            step: Step::Review,
            variant_ids: Vec::new(),
            stream_id: None,
            addresses: Remote::Idle,
            saving_address: false,
            offers: Remote::Idle,
            choices: Choices::default(),
            revision: 0,
            quote: None,
            quoting: Quoting::Idle,
            notice: None,
            attempt: None,
            placing: Placing::Idle,
            changed: None,
            placed: None,
            cancelling: false,
        }
    }
}

/// What the shopper, the server and the hook can do to the checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutAction {
    /// Check out these cart lines (from this stream).
    Start {
        /// The ticked lines' variants.
        variant_ids: Vec<String>,
        /// The stream the widget shows.
        stream_id: Option<String>,
    },
    /// The saved addresses arrived, or not.
    AddressesLoaded(Result<Rc<Vec<Address>>, ApiError>),
    /// Load the saved addresses again.
    ReloadAddresses,
    /// The vouchers on offer arrived, or not (then none are offered).
    OffersLoaded(Result<Rc<Vec<VoucherOffer>>, ApiError>),
    /// Show the saved addresses.
    ShowAddresses,
    /// Show the new-address form.
    ShowNewAddress,
    /// Go back one page.
    Back,
    /// Ship to this saved address.
    PickAddress(String),
    /// A new address is being saved.
    SavingAddress,
    /// The new address was saved, or refused.
    AddressSaved(Result<Address, ApiError>),
    /// Ship a shop's parcel with this courier service.
    ChooseShipping {
        /// The shop.
        shop_id: String,
        /// One of its shipping options.
        option_id: String,
    },
    /// Insure a shop's parcel, or not.
    Insure {
        /// The shop.
        shop_id: String,
        /// Whether to insure.
        insured: bool,
    },
    /// Apply a voucher code.
    ApplyVoucher(String),
    /// Take a voucher off.
    RemoveVoucher(String),
    /// Pay with this method.
    ChoosePayment(PaymentMethod),
    /// Ask for the quote again after a failure.
    Requote,
    /// The quote for `revision` arrived, or not.
    Quoted {
        /// The revision it prices.
        revision: u32,
        /// The quote, or why not.
        result: Result<Rc<Quote>, ApiError>,
    },
    /// Place the quote; `key` is a fresh idempotency key, used only when a
    /// new attempt starts.
    Place {
        /// A fresh key.
        key: String,
    },
    /// Send the same attempt again after it failed.
    RetryPlace,
    /// Placing answered, after the hook's retries.
    PlaceResult(Result<Placement, ApiError>),
    /// Accept the changed quote and place it under a new attempt.
    ConfirmChange {
        /// A fresh key.
        key: String,
    },
    /// A placed checkout found on the device after a reload.
    Resume(Placed),
    /// An attempt found on the device after a reload: send it again.
    ResumeAttempt(Attempt),
    /// The payment as it is now.
    PaymentUpdated(Rc<Payment>),
    /// The orders as they are now.
    OrdersLoaded(Rc<Vec<Order>>),
    /// Cancel the unpaid checkout.
    Cancel,
    /// The cancel answered.
    Cancelled(Result<(), ApiError>),
    /// The shopper is done with the placed checkout.
    Finish,
}

impl CheckoutState {
    /// The quote request for the current choices, once an address is chosen.
    pub fn request(&self) -> Option<QuoteRequest> {
        Some(QuoteRequest {
            address_id: self.choices.address_id.clone()?,
            shipping: self.choices.shipping.clone(),
            vouchers: self.choices.vouchers.clone(),
            // Until the shopper picks, QRIS (no fee) prices the rest.
            payment: self.choices.payment.unwrap_or(PaymentMethod::Qris),
            stream_id: self.stream_id.clone(),
            variant_ids: Some(self.variant_ids.clone()),
        })
    }

    /// Whether "Place order" may be pressed: a fresh quote, a payment
    /// method, and nothing on its way.
    pub fn can_place(&self) -> bool {
        self.quoting == Quoting::Fresh
            && self.quote.is_some()
            && self.choices.payment.is_some()
            && self.placing != Placing::Sending
            && self.changed.is_none()
    }

    /// The saved address chosen, once the addresses are loaded.
    pub fn address(&self) -> Option<&Address> {
        let Remote::Ready(addresses) = &self.addresses else {
            return None;
        };
        let id = self.choices.address_id.as_deref()?;
        addresses.iter().find(|address| address.id == id)
    }

    /// The choices changed: a new quote is needed.
    fn requote(&mut self) {
        self.revision = self.revision.wrapping_add(1);
        self.quoting = if self.choices.address_id.is_some() {
            Quoting::Loading
        } else {
            Quoting::Idle
        };
    }

    /// The shopper's shipping choice for `shop_id`, made if missing (with
    /// the quote's current option).
    fn shipping_of(&mut self, shop_id: &str) -> Option<&mut ShippingChoice> {
        if !self.choices.shipping.iter().any(|c| c.shop_id == shop_id) {
            let shop = self
                .quote
                .as_ref()?
                .shops
                .iter()
                .find(|shop| shop.shop.id == shop_id)?;
            self.choices.shipping.push(ShippingChoice {
                shop_id: shop_id.to_owned(),
                option_id: shop.shipping.id.clone(),
                insurance: shop.insured,
            });
        }
        self.choices
            .shipping
            .iter_mut()
            .find(|c| c.shop_id == shop_id)
    }

    /// Takes voucher `index` off because the server refused it for `reason`.
    fn refuse_voucher(&mut self, index: usize, reason: ErrorCode) {
        if index < self.choices.vouchers.len() {
            let code = self.choices.vouchers.remove(index);
            self.notice = Some(Notice::VoucherRefused { code, reason });
            self.requote();
        }
    }

    /// Handles a refused quote or placement that names a voucher or the
    /// payment method; `false` when `error` is about something else.
    fn refuse_choice(&mut self, error: &ApiError) -> bool {
        let ApiError::Api { error: detail, .. } = error else {
            return false;
        };
        match (detail.code, indexed(detail.field.as_deref(), "vouchers")) {
            (
                ErrorCode::VoucherNotFound
                | ErrorCode::VoucherExpired
                | ErrorCode::VoucherNotApplicable
                | ErrorCode::VoucherExhausted,
                Some(index),
            ) => {
                self.refuse_voucher(index, detail.code);
                true
            }
            (ErrorCode::PaymentMethodUnavailable, _) => {
                self.choices.payment = None;
                self.notice = Some(Notice::PaymentUnavailable);
                self.requote();
                true
            }
            (ErrorCode::ReservationLimit, _) if detail.field.as_deref() == Some("payment") => {
                self.choices.payment = None;
                self.notice = Some(Notice::CodLimit);
                self.requote();
                true
            }
            _ => false,
        }
    }

    /// The name of the quote's line a field path points at: `items[i]`
    /// (the i-th line over all shops) or `cart[{variant_id}]`.
    fn line_name(&self, field: Option<&str>) -> Option<String> {
        let quote = self.quote.as_ref()?;
        let mut items = quote.shops.iter().flat_map(|shop| &shop.items);
        let item = match indexed(field, "items") {
            Some(index) => items.nth(index)?,
            None => {
                let variant_id = field?.strip_prefix("cart[")?.strip_suffix(']')?;
                items.find(|item| item.variant_id == variant_id)?
            }
        };
        Some(item.product_name.clone())
    }

    fn placement(&mut self, result: Result<Placement, ApiError>) {
        self.placing = Placing::Idle;
        match result {
            Ok(Placement::Placed(checkout)) => {
                self.attempt = None;
                self.placed = Some(Rc::new(Placed::of(&checkout)));
                self.step = Step::Payment;
            }
            Ok(Placement::QuoteChanged(quote)) => {
                self.attempt = None;
                let before = self
                    .quote
                    .as_ref()
                    .map_or(Rupiah(0), |quote| quote.totals.grand_total);
                self.changed = Some(Changed {
                    before,
                    quote: Rc::new(quote),
                });
            }
            Err(error) if error.api_code() == Some(ErrorCode::OutOfStock) => {
                self.attempt = None;
                let field = match &error {
                    ApiError::Api { error, .. } => error.field.as_deref(),
                    _ => None,
                };
                let product_name = self.line_name(field).unwrap_or_default();
                self.notice = Some(Notice::OutOfStock { product_name });
            }
            Err(error) if self.refuse_choice(&error) => self.attempt = None,
            Err(error) if error.api_code() == Some(ErrorCode::ReservationLimit) => {
                self.attempt = None;
                let field = match &error {
                    ApiError::Api { error, .. } => error.field.as_deref(),
                    _ => None,
                };
                let held = match (field, self.line_name(field)) {
                    (_, Some(name)) => Held::Line(name),
                    (Some(_), None) => Held::Units,
                    (None, None) => Held::Checkouts,
                };
                self.notice = Some(Notice::ReservationLimit(held));
            }
            Err(error) => self.placing = Placing::Failed(error),
        }
    }
}

/// `i` of a field path `{name}[i]`, e.g. `vouchers[1]`.
fn indexed(field: Option<&str>, name: &str) -> Option<usize> {
    let rest = field?.strip_prefix(name)?.strip_prefix('[')?;
    rest.split(']').next()?.parse().ok()
}

impl Reducible for CheckoutState {
    type Action = CheckoutAction;

    fn reduce(self: Rc<Self>, action: CheckoutAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CheckoutAction::Start {
                variant_ids,
                stream_id,
            } => {
                // Address and payment method carry over to the next checkout.
                next = CheckoutState {
                    variant_ids,
                    stream_id,
                    addresses: match self.addresses {
                        Remote::Ready(ref addresses) => Remote::Ready(Rc::clone(addresses)),
                        _ => Remote::Loading,
                    },
                    offers: Remote::Loading,
                    choices: Choices {
                        address_id: self.choices.address_id.clone(),
                        payment: self.choices.payment,
                        ..Choices::default()
                    },
                    revision: self.revision,
                    ..CheckoutState::default()
                };
                next.requote();
            }
            CheckoutAction::AddressesLoaded(Ok(addresses)) => {
                let known = next
                    .choices
                    .address_id
                    .as_ref()
                    .is_some_and(|id| addresses.iter().any(|a| &a.id == id));
                if !known {
                    next.choices.address_id = addresses.first().map(|a| a.id.clone());
                    next.requote();
                }
                if addresses.is_empty() && next.step == Step::Review {
                    next.step = Step::NewAddress;
                }
                next.addresses = Remote::Ready(addresses);
            }
            CheckoutAction::AddressesLoaded(Err(error)) => {
                next.addresses = Remote::Failed(error);
            }
            CheckoutAction::ReloadAddresses => next.addresses = Remote::Loading,
            CheckoutAction::OffersLoaded(result) => next.offers = result.into(),
            CheckoutAction::ShowAddresses => next.step = Step::Addresses,
            CheckoutAction::ShowNewAddress => {
                next.step = Step::NewAddress;
                next.notice = None;
            }
            CheckoutAction::Back => {
                next.step = match self.step {
                    Step::NewAddress if self.choices.address_id.is_some() => Step::Addresses,
                    _ => Step::Review,
                };
                next.notice = None;
            }
            CheckoutAction::PickAddress(id) => {
                next.step = Step::Review;
                if self.choices.address_id.as_deref() != Some(id.as_str()) {
                    next.choices.address_id = Some(id);
                    // Couriers differ by destination: start from the defaults.
                    next.choices.shipping.clear();
                    next.requote();
                }
            }
            CheckoutAction::SavingAddress => {
                next.saving_address = true;
                next.notice = None;
            }
            CheckoutAction::AddressSaved(Ok(address)) => {
                next.saving_address = false;
                let mut addresses = match &self.addresses {
                    Remote::Ready(addresses) => (**addresses).clone(),
                    _ => Vec::new(),
                };
                next.choices.address_id = Some(address.id.clone());
                next.choices.shipping.clear();
                addresses.insert(0, address);
                next.addresses = Remote::Ready(Rc::new(addresses));
                next.step = Step::Review;
                next.requote();
            }
            CheckoutAction::AddressSaved(Err(error)) => {
                next.saving_address = false;
                let field = match &error {
                    ApiError::Api { error, .. } => error.field.clone(),
                    _ => None,
                };
                next.notice = Some(Notice::AddressRefused { field, error });
            }
            CheckoutAction::ChooseShipping { shop_id, option_id } => {
                let Some(choice) = next.shipping_of(&shop_id) else {
                    return self;
                };
                if choice.option_id == option_id {
                    return self;
                }
                choice.option_id = option_id;
                next.requote();
            }
            CheckoutAction::Insure { shop_id, insured } => {
                let Some(choice) = next.shipping_of(&shop_id) else {
                    return self;
                };
                if choice.insurance == insured {
                    return self;
                }
                choice.insurance = insured;
                next.requote();
            }
            CheckoutAction::ApplyVoucher(code) => {
                // Codes are ASCII letters and digits: no Unicode case tables.
                let code = code.trim().to_ascii_uppercase();
                if code.is_empty() || self.choices.vouchers.contains(&code) {
                    return self;
                }
                next.choices.vouchers.push(code);
                next.notice = None;
                next.requote();
            }
            CheckoutAction::RemoveVoucher(code) => {
                next.choices.vouchers.retain(|c| *c != code);
                next.requote();
            }
            CheckoutAction::ChoosePayment(method) => {
                if self.choices.payment == Some(method) {
                    return self;
                }
                next.choices.payment = Some(method);
                if matches!(
                    next.notice,
                    Some(Notice::PaymentUnavailable | Notice::CodLimit)
                ) {
                    next.notice = None;
                }
                next.requote();
            }
            CheckoutAction::Requote => next.requote(),
            CheckoutAction::Quoted { revision, result } => {
                if revision != self.revision {
                    return self;
                }
                match result {
                    Ok(quote) => {
                        next.quote = Some(quote);
                        next.quoting = Quoting::Fresh;
                    }
                    Err(error) => {
                        if !next.refuse_choice(&error) {
                            next.quoting = Quoting::Failed(error);
                        }
                    }
                }
            }
            CheckoutAction::Place { key } => {
                if !self.can_place() {
                    return self;
                }
                let quote_id = self
                    .quote
                    .as_ref()
                    .map(|q| q.id.clone())
                    .unwrap_or_default();
                if self.attempt.as_ref().map(|a| &a.quote_id) != Some(&quote_id) {
                    next.attempt = Some(Attempt { key, quote_id });
                }
                next.placing = Placing::Sending;
                next.notice = None;
            }
            CheckoutAction::RetryPlace => {
                if self.attempt.is_none() || self.placing == Placing::Sending {
                    return self;
                }
                next.placing = Placing::Sending;
            }
            CheckoutAction::PlaceResult(result) => next.placement(result),
            CheckoutAction::ConfirmChange { key } => {
                let Some(changed) = next.changed.take() else {
                    return self;
                };
                next.attempt = Some(Attempt {
                    key,
                    quote_id: changed.quote.id.clone(),
                });
                next.quote = Some(changed.quote);
                next.quoting = Quoting::Fresh;
                next.placing = Placing::Sending;
            }
            CheckoutAction::Resume(placed) => {
                next.placed = Some(Rc::new(placed));
                next.step = Step::Payment;
            }
            CheckoutAction::ResumeAttempt(attempt) => {
                next.attempt = Some(attempt);
                next.placing = Placing::Sending;
            }
            CheckoutAction::PaymentUpdated(payment) => {
                let Some(placed) = &self.placed else {
                    return self;
                };
                if placed.payment == payment {
                    return self;
                }
                next.placed = Some(Rc::new(Placed {
                    payment,
                    ..(**placed).clone()
                }));
            }
            CheckoutAction::OrdersLoaded(orders) => {
                let Some(placed) = &self.placed else {
                    return self;
                };
                next.placed = Some(Rc::new(Placed {
                    orders: Some(orders),
                    ..(**placed).clone()
                }));
            }
            CheckoutAction::Cancel => {
                if !self.placed.as_ref().is_some_and(|p| p.is_pending()) {
                    return self;
                }
                next.cancelling = true;
            }
            CheckoutAction::Cancelled(result) => {
                next.cancelling = false;
                if let Err(error) = result {
                    next.placing = Placing::Failed(error);
                }
            }
            CheckoutAction::Finish => {
                next.placed = None;
                next.step = Step::Review;
                next.placing = Placing::Idle;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{
        Bank, ErrorBody, LineItem, PaymentInstructions, ShippingOption, ShopQuote, ShopSummary,
        Totals,
    };

    fn address(id: &str) -> Address {
        Address {
            id: id.into(),
            recipient: "Sari".into(),
            phone: "+6281234567890".into(),
            province: "Jawa Barat".into(),
            city: "Bandung".into(),
            district: "Coblong".into(),
            postal_code: "40132".into(),
            street: "Jl. Dago 1".into(),
        }
    }

    fn option(id: &str, price: i64) -> ShippingOption {
        ShippingOption {
            id: id.into(),
            courier: "JNE".into(),
            service: "REG".into(),
            price: Rupiah(price),
            eta_days_min: 2,
            eta_days_max: 3,
        }
    }

    fn quote(id: &str, total: i64) -> Rc<Quote> {
        let item = LineItem {
            variant_id: "var-1".into(),
            product_id: "prd-1".into(),
            product_name: "Kemeja Batik".into(),
            option_values: vec!["M".into()],
            price: Rupiah(100_000),
            quantity: 1,
            line_total: Rupiah(100_000),
        };
        Rc::new(Quote {
            id: id.into(),
            address: address("adr-1"),
            shops: vec![ShopQuote {
                shop: ShopSummary {
                    id: "shop-1".into(),
                    name: "Batik Sekar".into(),
                    city: "Yogyakarta".into(),
                },
                items: vec![item],
                subtotal: Rupiah(100_000),
                weight_grams: 300,
                shipping_options: vec![option("jne-reg", 10_000), option("jne-yes", 20_000)],
                shipping: option("jne-reg", 10_000),
                insurance_fee: Rupiah(5_200),
                insured: false,
                shop_discount: Rupiah(0),
                platform_discount: Rupiah(0),
                shipping_discount: Rupiah(0),
                total: Rupiah(total),
            }],
            vouchers: Vec::new(),
            payment: PaymentMethod::Qris,
            stream_id: None,
            totals: Totals {
                grand_total: Rupiah(total),
                ..Totals::default()
            },
        })
    }

    fn refused(status: u16, code: ErrorCode, field: Option<&str>) -> ApiError {
        let body = ErrorBody::new(code, "m");
        let error = match field {
            Some(field) => body.with_field(field).error,
            None => body.error,
        };
        ApiError::Api {
            status,
            error,
            retry_after: None,
        }
    }

    fn checkout(id: &str) -> Checkout {
        Checkout {
            id: id.into(),
            orders: Vec::new(),
            payment: Payment {
                id: "pay-1".into(),
                status: PaymentStatus::Pending,
                method: PaymentMethod::VirtualAccount { bank: Bank::Bca },
                amount: Rupiah(115_000),
                instructions: PaymentInstructions::VirtualAccount {
                    bank: Bank::Bca,
                    account_number: "8808123".into(),
                },
                expires_at: "2026-11-29T00:00:00.000Z".into(),
                paid_at: None,
            },
            vouchers: Vec::new(),
            totals: Totals::default(),
            created_at: "2026-11-28T00:00:00.000Z".into(),
        }
    }

    fn run(state: Rc<CheckoutState>, actions: Vec<CheckoutAction>) -> Rc<CheckoutState> {
        actions.into_iter().fold(state, Reducible::reduce)
    }

    /// Started, with one saved address, quoted at revision-current and paid by VA.
    fn ready() -> Rc<CheckoutState> {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: Some("live-1".into()),
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![address("adr-1")]))),
                CheckoutAction::ChoosePayment(PaymentMethod::VirtualAccount { bank: Bank::Bca }),
            ],
        );
        let revision = state.revision;
        state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(quote("qt-1", 115_000)),
        })
    }

    #[test]
    fn starting_loads_addresses_then_picks_the_first_and_quotes_the_ticked_lines() {
        let state = Rc::new(CheckoutState::default()).reduce(CheckoutAction::Start {
            variant_ids: vec!["var-1".into()],
            stream_id: Some("live-1".into()),
        });
        assert_eq!(state.addresses, Remote::Loading);
        assert_eq!(state.offers, Remote::Loading);
        assert_eq!(state.quoting, Quoting::Idle, "no address yet");
        assert_eq!(state.request(), None);
        let state = state.reduce(CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
            address("adr-2"),
            address("adr-1"),
        ]))));
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-2"));
        assert_eq!(state.quoting, Quoting::Loading);
        let request = state.request().unwrap();
        assert_eq!(request.variant_ids, Some(vec!["var-1".to_owned()]));
        assert_eq!(request.stream_id.as_deref(), Some("live-1"));
        assert_eq!(request.payment, PaymentMethod::Qris, "priced before a pick");
        assert!(!state.can_place());
    }

    #[test]
    fn a_shopper_without_addresses_starts_on_the_form_and_returns_to_review() {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(Vec::new()))),
            ],
        );
        assert_eq!(state.step, Step::NewAddress);
        let state = state.reduce(CheckoutAction::SavingAddress);
        assert!(state.saving_address);
        let refused = refused(422, ErrorCode::InvalidField, Some("postal_code"));
        let state = state.reduce(CheckoutAction::AddressSaved(Err(refused.clone())));
        assert!(!state.saving_address);
        assert_eq!(
            state.notice,
            Some(Notice::AddressRefused {
                field: Some("postal_code".into()),
                error: refused
            })
        );
        assert_eq!(
            state.step,
            Step::NewAddress,
            "the form stays with its input"
        );
        let state = state.reduce(CheckoutAction::AddressSaved(Ok(address("adr-9"))));
        assert_eq!(state.step, Step::Review);
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-9"));
        assert_eq!(state.quoting, Quoting::Loading);
        assert_eq!(state.address().map(|a| a.id.as_str()), Some("adr-9"));
    }

    #[test]
    fn back_goes_from_the_form_to_the_list_and_from_the_list_to_review() {
        let state = run(
            ready(),
            vec![
                CheckoutAction::ShowAddresses,
                CheckoutAction::ShowNewAddress,
            ],
        );
        assert_eq!(state.step, Step::NewAddress);
        let state = state.reduce(CheckoutAction::Back);
        assert_eq!(state.step, Step::Addresses);
        let state = state.reduce(CheckoutAction::Back);
        assert_eq!(state.step, Step::Review);
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::PickAddress("adr-1".into()));
        assert_eq!(state.revision, revision, "the same address needs no quote");
    }

    #[test]
    fn every_choice_requotes_and_a_late_answer_for_an_old_revision_is_dropped() {
        let state = ready();
        assert!(state.can_place());
        let old = state.revision;
        let state = state.reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "jne-yes".into(),
        });
        assert_eq!(state.revision, old + 1);
        assert_eq!(state.choices.shipping[0].option_id, "jne-yes");
        assert!(!state.can_place(), "the quote is stale");
        let state = state.reduce(CheckoutAction::Insure {
            shop_id: "shop-1".into(),
            insured: true,
        });
        assert_eq!(
            state.choices.shipping,
            [ShippingChoice {
                shop_id: "shop-1".into(),
                option_id: "jne-yes".into(),
                insurance: true
            }]
        );
        let state = state.reduce(CheckoutAction::Quoted {
            revision: old + 1,
            result: Ok(quote("qt-old", 1)),
        });
        assert_eq!(
            state.quote.as_ref().unwrap().id,
            "qt-1",
            "stale answer dropped"
        );
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(quote("qt-2", 140_000)),
        });
        assert_eq!(state.quote.as_ref().unwrap().id, "qt-2");
        assert!(state.can_place());
    }

    #[test]
    fn a_refused_voucher_comes_off_with_its_reason_and_the_rest_is_requoted() {
        let state = run(
            ready(),
            vec![
                CheckoutAction::ApplyVoucher(" etalase10 ".into()),
                CheckoutAction::ApplyVoucher("BATIKHEMAT".into()),
            ],
        );
        assert_eq!(state.choices.vouchers, ["ETALASE10", "BATIKHEMAT"]);
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::VoucherNotApplicable,
                Some("vouchers[1]"),
            )),
        });
        assert_eq!(state.choices.vouchers, ["ETALASE10"]);
        assert_eq!(
            state.notice,
            Some(Notice::VoucherRefused {
                code: "BATIKHEMAT".into(),
                reason: ErrorCode::VoucherNotApplicable
            })
        );
        assert_eq!(state.revision, revision + 1, "asked again without it");
        assert_eq!(state.quoting, Quoting::Loading);
    }

    #[test]
    fn cod_over_its_limit_is_unpicked_with_a_reason() {
        let state = ready().reduce(CheckoutAction::ChoosePayment(PaymentMethod::Cod));
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::PaymentMethodUnavailable,
                Some("payment"),
            )),
        });
        assert_eq!(state.choices.payment, None);
        assert_eq!(state.notice, Some(Notice::PaymentUnavailable));
        assert!(!state.can_place());
    }

    #[test]
    fn other_quote_failures_wait_for_a_retry() {
        let state = ready().reduce(CheckoutAction::RemoveVoucher("NONE".into()));
        let revision = state.revision;
        let offline = ApiError::Network("offline".into());
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(offline.clone()),
        });
        assert_eq!(state.quoting, Quoting::Failed(offline));
        let state = state.reduce(CheckoutAction::Requote);
        assert_eq!(state.quoting, Quoting::Loading);
        assert_eq!(state.revision, revision + 1);
    }

    #[test]
    fn one_attempt_keeps_its_key_through_failures_and_double_taps() {
        let state = ready().reduce(CheckoutAction::Place { key: "k1".into() });
        assert_eq!(state.placing, Placing::Sending);
        let attempt = state.attempt.clone().unwrap();
        assert_eq!(
            (attempt.key.as_str(), attempt.quote_id.as_str()),
            ("k1", "qt-1")
        );
        let tapped = state
            .clone()
            .reduce(CheckoutAction::Place { key: "k2".into() });
        assert!(
            Rc::ptr_eq(&tapped, &state),
            "a second tap while sending does nothing"
        );
        let offline = ApiError::Network("offline".into());
        let state = state.reduce(CheckoutAction::PlaceResult(Err(offline.clone())));
        assert_eq!(state.placing, Placing::Failed(offline));
        let state = state.reduce(CheckoutAction::Place { key: "k3".into() });
        assert_eq!(
            state.attempt.as_ref().unwrap().key,
            "k1",
            "same quote, same key"
        );
        let state = state
            .reduce(CheckoutAction::PlaceResult(Err(ApiError::Network(
                "x".into(),
            ))))
            .reduce(CheckoutAction::RetryPlace);
        assert_eq!(state.placing, Placing::Sending);
        assert_eq!(state.attempt.as_ref().unwrap().key, "k1");
        let state = state.reduce(CheckoutAction::PlaceResult(Ok(Placement::Placed(
            checkout("chk-1"),
        ))));
        assert_eq!(state.step, Step::Payment);
        assert_eq!(state.attempt, None);
        let placed = state.placed.as_ref().unwrap();
        assert_eq!(placed.checkout_id, "chk-1");
        assert!(placed.is_pending());
    }

    #[test]
    fn a_changed_quote_is_confirmed_and_placed_under_a_new_key() {
        let state = ready().reduce(CheckoutAction::Place { key: "k1".into() });
        let state = state.reduce(CheckoutAction::PlaceResult(Ok(Placement::QuoteChanged(
            (*quote("qt-9", 125_000)).clone(),
        ))));
        let changed = state.changed.clone().unwrap();
        assert_eq!(changed.before, Rupiah(115_000));
        assert_eq!(changed.quote.totals.grand_total, Rupiah(125_000));
        assert_eq!(state.attempt, None);
        assert!(!state.can_place(), "confirm first");
        let state = state.reduce(CheckoutAction::ConfirmChange { key: "k2".into() });
        assert_eq!(state.changed, None);
        assert_eq!(
            state.attempt,
            Some(Attempt {
                key: "k2".into(),
                quote_id: "qt-9".into()
            })
        );
        assert_eq!(state.placing, Placing::Sending);
        assert_eq!(state.quote.as_ref().unwrap().id, "qt-9");
    }

    #[test]
    fn out_of_stock_names_the_product_and_ends_the_attempt() {
        let state = ready()
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::OutOfStock,
                Some("items[0]"),
            ))));
        assert_eq!(
            state.notice,
            Some(Notice::OutOfStock {
                product_name: "Kemeja Batik".into()
            })
        );
        assert_eq!(state.attempt, None);
        assert_eq!(state.placing, Placing::Idle);
    }

    #[test]
    fn a_reservation_limit_ends_the_attempt_and_says_what_to_do() {
        let state = ready()
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::ReservationLimit,
                Some("items[0]"),
            ))));
        assert_eq!(
            state.notice,
            Some(Notice::ReservationLimit(Held::Line("Kemeja Batik".into())))
        );
        assert_eq!(
            state.attempt, None,
            "a new attempt once the shopper paid or cancelled"
        );
        assert_eq!(state.placing, Placing::Idle);
        for (field, held) in [(Some("items"), Held::Units), (None, Held::Checkouts)] {
            let state = ready()
                .reduce(CheckoutAction::Place { key: "k1".into() })
                .reduce(CheckoutAction::PlaceResult(Err(refused(
                    409,
                    ErrorCode::ReservationLimit,
                    field,
                ))));
            assert_eq!(state.notice, Some(Notice::ReservationLimit(held)));
        }
    }

    #[test]
    fn the_cod_limit_unpicks_cod_until_another_method_is_chosen() {
        let state = ready()
            .reduce(CheckoutAction::ChoosePayment(PaymentMethod::Cod))
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::ReservationLimit,
                Some("payment"),
            ))));
        assert_eq!(state.choices.payment, None);
        assert_eq!(state.notice, Some(Notice::CodLimit));
        assert_eq!(state.attempt, None);
        let state = state.reduce(CheckoutAction::ChoosePayment(PaymentMethod::Qris));
        assert_eq!(state.notice, None);
    }

    #[test]
    fn out_of_stock_found_while_repricing_names_the_product_by_variant() {
        let state = ready()
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::OutOfStock,
                Some("cart[var-1]"),
            ))));
        assert_eq!(
            state.notice,
            Some(Notice::OutOfStock {
                product_name: "Kemeja Batik".into()
            })
        );
    }

    #[test]
    fn an_exhausted_voucher_at_placing_comes_off_and_requotes() {
        let state = run(
            ready(),
            vec![CheckoutAction::ApplyVoucher("ETALASE10".into())],
        );
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(quote("qt-2", 100_000)),
        });
        let state = state
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::VoucherExhausted,
                Some("vouchers[0]"),
            ))));
        assert!(state.choices.vouchers.is_empty());
        assert_eq!(state.quoting, Quoting::Loading);
        assert_eq!(state.attempt, None);
    }

    #[test]
    fn after_a_reload_an_attempt_is_sent_again_and_a_placed_checkout_resumes() {
        let attempt = Attempt {
            key: "k1".into(),
            quote_id: "qt-1".into(),
        };
        let state = Rc::new(CheckoutState::default())
            .reduce(CheckoutAction::ResumeAttempt(attempt.clone()));
        assert_eq!(state.attempt, Some(attempt));
        assert_eq!(state.placing, Placing::Sending);
        let state = state.reduce(CheckoutAction::PlaceResult(Ok(Placement::Placed(
            checkout("chk-1"),
        ))));
        assert_eq!(state.step, Step::Payment);

        let placed = Placed::of(&checkout("chk-2"));
        let state = Rc::new(CheckoutState::default()).reduce(CheckoutAction::Resume(placed));
        assert_eq!(state.step, Step::Payment);
        let paid = Payment {
            status: PaymentStatus::Paid,
            paid_at: Some("2026-11-28T01:00:00.000Z".into()),
            ..checkout("chk-2").payment
        };
        let state = state.reduce(CheckoutAction::PaymentUpdated(Rc::new(paid)));
        assert!(!state.placed.as_ref().unwrap().is_pending());
        let state = state.reduce(CheckoutAction::Cancel);
        assert!(!state.cancelling, "a paid checkout cannot be cancelled");
        let state = state.reduce(CheckoutAction::Finish);
        assert_eq!(state.placed, None);
    }

    #[test]
    fn cancelling_waits_for_the_server() {
        let state = ready()
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Ok(Placement::Placed(
                checkout("chk-1"),
            ))))
            .reduce(CheckoutAction::Cancel);
        assert!(state.cancelling);
        let state = state.reduce(CheckoutAction::Cancelled(Ok(())));
        assert!(!state.cancelling);
    }

    #[test]
    fn the_next_checkout_keeps_address_and_payment_but_not_vouchers() {
        let state = run(
            ready(),
            vec![
                CheckoutAction::ApplyVoucher("ETALASE10".into()),
                CheckoutAction::Start {
                    variant_ids: vec!["var-2".into()],
                    stream_id: None,
                },
            ],
        );
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-1"));
        assert!(state.choices.payment.is_some());
        assert!(state.choices.vouchers.is_empty());
        assert_eq!(state.quoting, Quoting::Loading);
        assert!(matches!(state.addresses, Remote::Ready(_)));
    }

    #[test]
    fn field_indexes_are_read_from_paths() {
        assert_eq!(indexed(Some("vouchers[2]"), "vouchers"), Some(2));
        assert_eq!(indexed(Some("items[10]"), "items"), Some(10));
        assert_eq!(indexed(Some("items[0]"), "vouchers"), None);
        assert_eq!(indexed(Some("vouchers"), "vouchers"), None);
        assert_eq!(indexed(None, "vouchers"), None);
    }
}
