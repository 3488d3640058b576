//! [`CheckoutState`]: from the cart's ticked lines to a placed order and its
//! payment, as a pure state machine.
//!
//! Beside the lines, the addresses and the vouchers on offer sit what the
//! shopper chose ([`Choices`]) and where their quote stands ([`Pricing`]).
//! Every amount comes from the server's quote: each change of the choices
//! bumps `revision`, the hook asks for a new quote, and an answer for an
//! older revision is dropped.
//!
//! Where the checkout stands is its [`Phase`], and each phase holds what it
//! needs and nothing else. [`Phase::Ordering`] is the checkout's pages: one
//! review page ([`Page::Review`]: address, shipping per shop, vouchers,
//! payment method, summary) with two side pages for the address
//! ([`Page::Addresses`], [`Page::NewAddress`]: a new address, or a saved
//! one corrected in place, [`Editing`]), and where placing stands
//! ([`Placing`]: nothing open, an attempt on its way, an attempt failed, or
//! a changed price to confirm, holding the new quote). [`Phase::Placed`] is
//! the placed checkout with its payment and, there alone, a cancel on its
//! way. So a placed checkout without its payment, an attempt beside a
//! placed checkout, a cancel of a checkout not placed or a changed price
//! without its quote cannot be built.
//!
//! Placing sends the quote under an [`Attempt`]'s idempotency key. The key is
//! made once per attempt and kept through retries (and, by the hook, across
//! reloads), so a flaky network or a double tap never makes two orders; only
//! a new quote (a confirmed changed price, or new choices priced after a
//! failed attempt) starts a new attempt. While an attempt is on its way and
//! once the order is placed, the choices and pages stay as they are: such an
//! action is ignored, as is one that belongs to another phase (an answer to
//! placing with no attempt on its way, a payment with no placed checkout).
//! A change of the choices takes down a changed price waiting for
//! confirmation: that quote priced the old choices.
//!
//! Couriers chosen stay chosen when the address changes, as far as the new
//! quote offers them: one refused (`shipping[i].option_id`) is dropped and
//! the parcel quoted with the server's default (insured again if it was,
//! [`CheckoutState::insure_again`]), and once a quote names that default,
//! the courier refused is kept as a note ([`CheckoutState::replaced`]) to
//! say beside its shop, with why: the address, or the parcel when the
//! quote lists it as too heavy. A courier the shopper never chose (the
//! server's cheapest) that a new quote replaces is not said. Only services a
//! quote offers are chosen; those it cannot use ([`CheckoutState::unavailable`],
//! too heavy) are shown, never sent.
//!
//! A flash deal is checked out alone, without the cart: its quotes come
//! from the deal ([`Ask::Deal`]), and when the deal price does not apply the
//! server prices the line at the normal price and says why; the checkout
//! keeps that reason ([`CheckoutState::refusal`]) to say in words and never
//! asks again by itself. A deal-price quote refused when placed (the deal
//! sold out meanwhile) is quoted once more, which answers the normal price
//! and the reason. While the shopper chooses, the checkout follows the deal
//! on the live feed ([`CheckoutAction::DealHeard`]): a deal that sells out
//! or ends says so at once and is quoted again at the normal price, and one
//! that opens again (an unpaid deal checkout gave its units back) is quoted
//! again at the deal price, so "Place order" is never a surprise. The
//! shopper may buy up to the deal's limit per buyer, as far as units are
//! left and one shopper may hold of a variant unpaid
//! ([`CheckoutState::deal_most`]).

use std::rc::Rc;

use etalase_contract::{
    Checkout, DealQuote, DealQuoteRequest, ErrorCode, FlashDeal, FlashDealState, Order, Payment,
    PaymentMethod, PaymentStatus, Quote, QuoteAnswer, QuoteRequest, Rupiah, SavedAddress,
    ShippingChoice, UnavailableShipping, VoucherOffer, MAX_UNITS_PER_VARIANT,
};
use yew::Reducible;

use super::couriers::{replaced, resume, Kept, Refused, Replaced};

use crate::api::{ApiError, Placement};
use crate::state::remote::Remote;

/// A page of the checkout before its order is placed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Page {
    /// Address, shipping, vouchers, payment method and summary.
    #[default]
    Review,
    /// Picking one of the saved addresses.
    Addresses,
    /// Adding an address.
    NewAddress,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Pricing {
    /// Nothing to price: no address is chosen.
    #[default]
    NoAddress,
    /// Asked for; the last quote, if any, is shown dimmed meanwhile.
    Asking {
        /// The last quote the server answered.
        last: Option<Rc<Quote>>,
    },
    /// The quote prices the current choices.
    Priced(Rc<Quote>),
    /// The quote could not be had; a retry may help.
    Failed {
        /// Why.
        error: ApiError,
        /// The last quote the server answered, still shown.
        last: Option<Rc<Quote>>,
    },
}

impl Pricing {
    /// The quote on screen: the current one, or the last one while asking
    /// again or after a failure.
    pub fn quote(&self) -> Option<&Rc<Quote>> {
        match self {
            Pricing::NoAddress => None,
            Pricing::Priced(quote) => Some(quote),
            Pricing::Asking { last } | Pricing::Failed { last, .. } => last.as_ref(),
        }
    }

    /// Whether a quote is on its way.
    pub fn is_asking(&self) -> bool {
        matches!(self, Pricing::Asking { .. })
    }
}

/// One try at placing a quote: the key the server deduplicates on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The `Idempotency-Key`, made once per attempt.
    pub key: String,
    /// The quote placed.
    pub quote_id: String,
}

/// The quote moved between quoting and placing: the shopper confirms the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The grand total the shopper saw.
    pub before: Rupiah,
    /// The new quote.
    pub quote: Rc<Quote>,
}

/// Where placing stands while the order is not placed yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Placing {
    /// No attempt open.
    #[default]
    Idle,
    /// The attempt is on its way (retried by the hook on network errors,
    /// 5xx and 429).
    Sending(Attempt),
    /// The attempt failed for good; retrying sends the same key again.
    Failed {
        /// The attempt, kept for the retry.
        attempt: Attempt,
        /// Why it failed.
        error: ApiError,
    },
    /// The server repriced the quote; placing waits for the shopper to
    /// confirm the new one.
    PriceChanged(Changed),
}

impl Placing {
    /// The attempt still open — on its way or failed — which the device
    /// keeps so a reload sends it again.
    pub fn attempt(&self) -> Option<&Attempt> {
        match self {
            Placing::Sending(attempt) | Placing::Failed { attempt, .. } => Some(attempt),
            Placing::Idle | Placing::PriceChanged(_) => None,
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// The most units of one variant ([`MAX_UNITS_PER_VARIANT`]).
    Variant,
    /// The most units over all products.
    Units,
    /// The most checkouts waiting for payment.
    Checkouts,
}

/// The checkout's pages before its order is placed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ordering {
    /// The page on screen.
    pub page: Page,
    /// Where placing stands.
    pub placing: Placing,
    /// What the shopper must know.
    pub notice: Option<Notice>,
    /// Whether a new address is on its way to the server.
    pub saving_address: bool,
    /// The saved address the form corrects, if any.
    pub editing: Option<Editing>,
    /// The saved address being deleted from the address book, if any.
    pub removing: Option<Removing>,
}

/// A saved address the shopper asked to delete: confirmed, then
/// `DELETE` on its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removing {
    /// The saved address, by id.
    pub id: String,
    /// Where its deletion stands.
    pub stage: RemoveStage,
}

/// Where deleting a saved address stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveStage {
    /// Asked: "Delete this address?", Delete or Cancel.
    Asking,
    /// Confirmed, on its way to the server.
    Sending,
    /// The server did not delete it; asked again with why.
    Failed(ApiError),
}

/// A saved address being corrected: `PUT` on its id, then back to the
/// page it was opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    /// The saved address, by id.
    pub id: String,
    /// The page the form was opened from, and returns to: the review page
    /// for a legacy address asked for its district, else the address book.
    pub back: Page,
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
    pub orders: Option<Rc<Vec<Order<SavedAddress>>>>,
}

impl Placed {
    /// A placed checkout as `POST /v1/orders` answered it.
    pub fn of(checkout: &Checkout<SavedAddress>) -> Self {
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

/// Where the checkout stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// On the checkout's pages; no order placed yet. Boxed: the pages
    /// hold far more than a placed checkout.
    Ordering(Box<Ordering>),
    /// The order is placed: its payment and status are on screen.
    Placed {
        /// The placed checkout.
        placed: Rc<Placed>,
        /// Whether a cancel is on its way.
        cancelling: bool,
    },
}

impl Default for Phase {
    fn default() -> Self {
        Phase::Ordering(Box::default())
    }
}

/// The quote to ask for: of the cart's lines, or of a flash deal's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// `POST /v1/checkout/quote`.
    Cart(QuoteRequest),
    /// `POST /v1/deals/{deal_id}/quote`.
    Deal {
        /// The deal.
        deal_id: String,
        /// The choices.
        request: DealQuoteRequest,
    },
}

/// Whether `code` is the server's reason a deal price does not apply.
pub fn is_deal_refusal(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::DealNotStarted
            | ErrorCode::DealEnded
            | ErrorCode::DealSoldOut
            | ErrorCode::DealLimitReached
    )
}

/// The checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutState {
    /// The cart lines being bought, by variant id.
    pub variant_ids: Vec<String>,
    /// The flash deal bought instead of cart lines, `quantity` units of its
    /// variant.
    pub deal_id: Option<String>,
    /// The units of the deal being bought (1 for a cart checkout).
    pub quantity: u32,
    /// The most units of the deal this shopper may choose: its limit per
    /// buyer, as far as units are left and never over
    /// [`MAX_UNITS_PER_VARIANT`], as the deal was last heard.
    pub deal_most: u32,
    /// Why the deal price does not apply, as the last deal quote said; its
    /// line is then at the normal price.
    pub refusal: Option<ErrorCode>,
    /// The stream the shopper buys from.
    pub stream_id: Option<String>,
    /// The saved addresses.
    pub addresses: Remote<Vec<SavedAddress>>,
    /// Whether the saved addresses are read again while the known list
    /// stays on screen (each checkout reads them once: one may have been
    /// added or deleted elsewhere).
    pub refreshing_addresses: bool,
    /// The address this shopper last shipped to on this device, chosen
    /// first when nothing is chosen yet.
    pub last_used: Option<String>,
    /// The vouchers the shopper can use, to offer.
    pub offers: Remote<Vec<VoucherOffer>>,
    /// The shopper's choices.
    pub choices: Choices,
    /// Bumped on every change of `choices`; quotes answer a revision.
    pub revision: u32,
    /// Where the quote for `choices` stands.
    pub pricing: Pricing,
    /// The courier services the quote on screen cannot send its parcels
    /// by, and why (too heavy), as the server answered it.
    pub unavailable: Rc<Vec<UnavailableShipping>>,
    /// The shops whose courier chosen a new quote no longer offered, said
    /// beside each until the shopper chooses or the address changes.
    pub replaced: Vec<Replaced>,
    /// The couriers chosen that the server refused, until the next quote
    /// names the ones shipping instead (then [`Self::replaced`]).
    pub refused_couriers: Vec<Refused>,
    /// The shops whose insured parcel's courier the server refused: their
    /// insurance is chosen again with the courier the next quote names.
    pub insure_again: Vec<String>,
    /// The couriers chosen in earlier checkouts of this visit, chosen
    /// again once a quote shows this checkout ships their shops.
    pub kept_couriers: Vec<Kept>,
    /// Where the checkout stands.
    pub phase: Phase,
}

impl Default for CheckoutState {
    fn default() -> Self {
        CheckoutState {
            variant_ids: Vec::new(),
            deal_id: None,
            quantity: 1,
            deal_most: 1,
            refusal: None,
            stream_id: None,
            addresses: Remote::Idle,
            refreshing_addresses: false,
            last_used: None,
            offers: Remote::Idle,
            choices: Choices::default(),
            revision: 0,
            pricing: Pricing::NoAddress,
            unavailable: Rc::default(),
            replaced: Vec::new(),
            refused_couriers: Vec::new(),
            insure_again: Vec::new(),
            kept_couriers: Vec::new(),
            phase: Phase::default(),
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
    /// Buy one unit of a flash deal straight away, without the cart.
    StartDeal {
        /// The deal.
        deal_id: String,
        /// The stream the widget shows.
        stream_id: Option<String>,
    },
    /// The saved addresses arrived, or not.
    AddressesLoaded(Result<Rc<Vec<SavedAddress>>, ApiError>),
    /// Load the saved addresses again.
    ReloadAddresses,
    /// The address this shopper last shipped to on this device, as it
    /// noted (read before their list is handed over).
    LastUsedAddress(String),
    /// The vouchers on offer arrived, or not (then none are offered).
    OffersLoaded(Result<Rc<Vec<VoucherOffer>>, ApiError>),
    /// Show the saved addresses.
    ShowAddresses,
    /// Show the new-address form.
    ShowNewAddress,
    /// Show the form for the chosen legacy address (`needs_region`) to
    /// pick its district, from the review page: its recipient, phone and
    /// street kept, the address corrected in place.
    FixAddress(String),
    /// Show the form prefilled with this saved address, from the address
    /// book, to correct it in place.
    EditAddress(String),
    /// Go back one page.
    Back,
    /// Ship to this saved address.
    PickAddress(String),
    /// Ask whether to delete this saved address.
    AskRemoveAddress(String),
    /// Keep the address asked about.
    KeepAddress,
    /// Delete the address asked about: confirmed.
    RemoveAddress,
    /// The server deleted this saved address, or not.
    AddressRemoved(String, Result<(), ApiError>),
    /// The address is being saved.
    SavingAddress,
    /// The address was saved (or corrected), or refused.
    AddressSaved(Result<SavedAddress, ApiError>),
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
        /// The quote with the couriers its parcels cannot go by, or why
        /// there is none.
        result: Result<QuoteAnswer, ApiError>,
    },
    /// The live feed's word on a deal: the deal being bought is followed.
    DealHeard(FlashDeal),
    /// Buy this many units of the deal (kept within 1 and
    /// [`CheckoutState::deal_most`]).
    DealQuantity(u32),
    /// The deal's quote for `revision` arrived, or not.
    DealQuoted {
        /// The revision it prices.
        revision: u32,
        /// The quote with the deal and the reason it is at the normal
        /// price, if it is; or why there is no quote.
        result: Result<Rc<DealQuote>, ApiError>,
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
    /// A placed checkout found on the device after a reload; taken while
    /// placing is idle.
    Resume(Placed),
    /// An attempt found on the device after a reload: send it again; taken
    /// while placing is idle.
    ResumeAttempt(Attempt),
    /// A placed checkout picked in the order history, to pay or cancel:
    /// shown in place of what the checkout held, unless an attempt or a
    /// cancel is on its way.
    ShowPlaced(Placed),
    /// The payment as it is now.
    PaymentUpdated(Rc<Payment>),
    /// The orders as they are now.
    OrdersLoaded(Rc<Vec<Order<SavedAddress>>>),
    /// Cancel the unpaid checkout.
    Cancel,
    /// The cancel answered (when it went through, the payment was read
    /// again first).
    Cancelled,
    /// The shopper is done with the placed checkout.
    Finish,
    /// The shopper signed out: their checkout, addresses and vouchers are
    /// no one's now (the next shopper starts afresh).
    SignedOut,
}

impl CheckoutState {
    /// The quote to ask for the current choices, once an address is chosen:
    /// the deal's when a deal is bought, else the cart lines'.
    pub fn ask(&self) -> Option<Ask> {
        let request = self.request()?;
        Some(match &self.deal_id {
            Some(deal_id) => Ask::Deal {
                deal_id: deal_id.clone(),
                request: DealQuoteRequest {
                    address_id: request.address_id,
                    quantity: self.quantity,
                    shipping: request.shipping,
                    vouchers: request.vouchers,
                    payment: request.payment,
                },
            },
            None => Ask::Cart(request),
        })
    }

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

    /// Whether "Place order" may be pressed: ordering, a quote for the
    /// current choices, a payment method, and no attempt on its way or
    /// changed price to confirm.
    pub fn can_place(&self) -> bool {
        matches!(self.pricing, Pricing::Priced(_))
            && self.choices.payment.is_some()
            && matches!(
                self.ordering(),
                Some(Ordering {
                    placing: Placing::Idle | Placing::Failed { .. },
                    ..
                })
            )
    }

    /// The saved address chosen, once the addresses are loaded.
    pub fn address(&self) -> Option<&SavedAddress> {
        let id = self.choices.address_id.as_deref()?;
        self.saved(id)
    }

    /// Whether the chosen address is keyed on the region list (a courier
    /// gone for it is one kept to the shop's city).
    fn keyed(&self) -> bool {
        self.address().is_some_and(|saved| !saved.needs_region)
    }

    /// The saved address `id`, once the addresses are loaded.
    fn saved(&self, id: &str) -> Option<&SavedAddress> {
        let Remote::Ready(addresses) = &self.addresses else {
            return None;
        };
        addresses.iter().find(|saved| saved.address.id == id)
    }

    /// The saved address the form on screen corrects, if any.
    pub fn editing(&self) -> Option<&SavedAddress> {
        let id = &self.ordering()?.editing.as_ref()?.id;
        self.saved(id)
    }

    /// The checkout's pages, until the order is placed.
    pub fn ordering(&self) -> Option<&Ordering> {
        match &self.phase {
            Phase::Ordering(ordering) => Some(ordering),
            Phase::Placed { .. } => None,
        }
    }

    /// The placed checkout, once there is one.
    pub fn placed(&self) -> Option<&Rc<Placed>> {
        match &self.phase {
            Phase::Placed { placed, .. } => Some(placed),
            Phase::Ordering(_) => None,
        }
    }

    /// Where placing stands, until the order is placed.
    pub fn placing(&self) -> Option<&Placing> {
        self.ordering().map(|ordering| &ordering.placing)
    }

    /// The checkout's pages to change, until the order is placed.
    fn ordering_mut(&mut self) -> Option<&mut Ordering> {
        match &mut self.phase {
            Phase::Ordering(ordering) => Some(ordering),
            Phase::Placed { .. } => None,
        }
    }

    /// Whether the shopper may change the choices and pages: ordering,
    /// with no attempt on its way.
    fn may_choose(&self) -> bool {
        self.placing()
            .is_some_and(|placing| !matches!(placing, Placing::Sending(_)))
    }

    /// Opens the form on saved address `id`, to return to `back`.
    fn edit(&mut self, id: String, back: Page) {
        if let Some(ordering) = self.ordering_mut() {
            ordering.page = Page::NewAddress;
            ordering.notice = None;
            ordering.editing = Some(Editing { id, back });
        }
    }

    /// Shows `notice` on the checkout's pages.
    fn tell(&mut self, notice: Notice) {
        if let Some(ordering) = self.ordering_mut() {
            ordering.notice = Some(notice);
        }
    }

    /// The choices changed: a new quote is needed, and a changed price
    /// waiting for confirmation priced the old ones, so it goes.
    fn requote(&mut self) {
        self.revision = self.revision.wrapping_add(1);
        self.pricing = if self.choices.address_id.is_some() {
            Pricing::Asking {
                last: self.pricing.quote().cloned(),
            }
        } else {
            Pricing::NoAddress
        };
        if let Some(ordering) = self.ordering_mut() {
            if matches!(ordering.placing, Placing::PriceChanged(_)) {
                ordering.placing = Placing::Idle;
            }
        }
    }

    /// The shopper's shipping choice for `shop_id`, made if missing (with
    /// the quote's current option).
    fn shipping_of(&mut self, shop_id: &str) -> Option<&mut ShippingChoice> {
        if !self.choices.shipping.iter().any(|c| c.shop_id == shop_id) {
            let shop = self
                .pricing
                .quote()?
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

    /// Insures again the parcels in `quote` whose courier was refused while
    /// insured, with the courier `quote` names for them; `true` when the
    /// choices changed.
    fn insure_again(&mut self, quote: &Quote) -> bool {
        let mut changed = false;
        for shop_id in std::mem::take(&mut self.insure_again) {
            if let Some(shop) = quote.shops.iter().find(|shop| shop.shop.id == shop_id) {
                self.choices.shipping.push(ShippingChoice {
                    shop_id,
                    option_id: shop.shipping.id.clone(),
                    insurance: true,
                });
                changed = true;
            }
        }
        changed
    }

    /// Takes voucher `index` off because the server refused it for `reason`.
    fn refuse_voucher(&mut self, index: usize, reason: ErrorCode) {
        if index < self.choices.vouchers.len() {
            let code = self.choices.vouchers.remove(index);
            self.tell(Notice::VoucherRefused { code, reason });
            self.requote();
        }
    }

    /// Handles a refused quote or placement that names a voucher, a
    /// courier or the payment method; `false` when `error` is about something else.
    fn refuse_choice(&mut self, error: &ApiError) -> bool {
        let ApiError::Api { error: detail, .. } = error else {
            return false;
        };
        let courier = courier_index(detail.field.as_deref())
            .filter(|&index| index < self.choices.shipping.len());
        if let (ErrorCode::InvalidField, Some(index)) = (detail.code, courier) {
            // Shipped by the server's default instead; the next quote
            // names it beside the courier that went.
            let dropped = self.choices.shipping.remove(index);
            let before = self.pricing.quote().and_then(|quote| {
                let shop = quote.shops.iter().find(|s| s.shop.id == dropped.shop_id)?;
                std::iter::once(&shop.shipping)
                    .chain(&shop.shipping_options)
                    .find(|option| option.id == dropped.option_id)
                    .cloned()
            });
            self.refused_couriers
                .retain(|gone| gone.shop_id != dropped.shop_id);
            if let Some(before) = before {
                self.refused_couriers.push(Refused {
                    shop_id: dropped.shop_id.clone(),
                    before,
                });
            }
            if dropped.insurance {
                self.insure_again.push(dropped.shop_id);
            }
            self.requote();
            return true;
        }
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
                self.tell(Notice::PaymentUnavailable);
                self.requote();
                true
            }
            (ErrorCode::ReservationLimit, _) if detail.field.as_deref() == Some("payment") => {
                self.choices.payment = None;
                self.tell(Notice::CodLimit);
                self.requote();
                true
            }
            _ => false,
        }
    }

    /// The name of the quote's line a field path points at: `items[i]`
    /// (the i-th line over all shops) or `cart[{variant_id}]`.
    fn line_name(&self, field: Option<&str>) -> Option<String> {
        let quote = self.pricing.quote()?;
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

    /// `deal` as it is now, for the deal being bought: the most units to
    /// choose follow it, and while the shopper may still choose, a deal
    /// closed for this quantity says why at once and is quoted again at
    /// the normal price, as is one open again after saying so.
    fn follow(&mut self, deal: &FlashDeal) {
        self.deal_most = most_of(deal, self.deal_most);
        if !self.may_choose() {
            return;
        }
        let closed = match deal.state {
            FlashDealState::Ended => Some(ErrorCode::DealEnded),
            FlashDealState::SoldOut => Some(ErrorCode::DealSoldOut),
            FlashDealState::Open | FlashDealState::Upcoming if deal.units_left < self.quantity => {
                Some(ErrorCode::DealSoldOut)
            }
            FlashDealState::Open | FlashDealState::Upcoming => None,
        };
        match (closed, self.refusal) {
            (Some(code), None) => {
                self.refusal = Some(code);
                self.requote();
            }
            (None, Some(ErrorCode::DealSoldOut)) if deal.state == FlashDealState::Open => {
                self.refusal = None;
                self.requote();
            }
            _ => {}
        }
    }

    /// A new checkout of `variant_ids` (or of deal `deal_id`) from
    /// `stream_id`; the address and payment method carry over.
    fn started(
        &self,
        variant_ids: Vec<String>,
        deal_id: Option<String>,
        stream_id: Option<String>,
    ) -> CheckoutState {
        let mut next = CheckoutState {
            variant_ids,
            deal_id,
            stream_id,
            addresses: match self.addresses {
                Remote::Ready(ref addresses) => Remote::Ready(Rc::clone(addresses)),
                _ => Remote::Loading,
            },
            refreshing_addresses: matches!(self.addresses, Remote::Ready(_)),
            last_used: self.last_used.clone(),
            offers: Remote::Loading,
            choices: Choices {
                address_id: self.choices.address_id.clone(),
                payment: self.choices.payment,
                ..Choices::default()
            },
            revision: self.revision,
            kept_couriers: self.couriers_to_keep(),
            ..CheckoutState::default()
        };
        next.requote();
        // Known from an earlier checkout: chosen from at once, as on arrival.
        if let Remote::Ready(addresses) = &self.addresses {
            next.ship_to_saved(addresses);
        }
        next
    }

    /// The couriers to choose again in the next checkout: those chosen in
    /// this one, as its quote offered them, and those kept from earlier
    /// ones for other shops.
    fn couriers_to_keep(&self) -> Vec<Kept> {
        let chosen = &self.choices.shipping;
        let mut kept: Vec<Kept> = self
            .kept_couriers
            .iter()
            .filter(|kept| !chosen.iter().any(|c| c.shop_id == kept.choice.shop_id))
            .cloned()
            .collect();
        if let Some(quote) = self.pricing.quote() {
            kept.extend(chosen.iter().filter_map(|choice| {
                let shop = quote.shops.iter().find(|s| s.shop.id == choice.shop_id)?;
                let before = shop
                    .shipping_options
                    .iter()
                    .find(|option| option.id == choice.option_id)?;
                Some(Kept {
                    choice: choice.clone(),
                    before: before.clone(),
                })
            }));
        }
        kept
    }

    /// Chooses again the couriers kept from earlier checkouts for the
    /// shops `quote` ships, or says why one cannot be; `true` when a choice
    /// changed what `quote` priced.
    fn resume_couriers(&mut self, quote: &Quote, unavailable: &[UnavailableShipping]) -> bool {
        let kept = std::mem::take(&mut self.kept_couriers);
        let keyed = self.keyed();
        let resumed = resume(kept, &self.choices.shipping, quote, unavailable, keyed);
        self.kept_couriers = resumed.kept;
        for note in resumed.replaced {
            self.replaced.retain(|old| old.shop_id != note.shop_id);
            self.replaced.push(note);
        }
        let mut changed = false;
        for choice in resumed.choices {
            changed |= quote.shops.iter().any(|shop| {
                shop.shop.id == choice.shop_id
                    && (shop.shipping.id != choice.option_id || shop.insured != choice.insurance)
            });
            self.choices.shipping.push(choice);
        }
        changed
    }

    /// With `addresses` saved: the chosen one if it is among them, else the
    /// one last used on this device, else the first (priced again), and the
    /// form first when there are none.
    fn ship_to_saved(&mut self, addresses: &[SavedAddress]) {
        let listed = |id: &String| addresses.iter().any(|a| &a.address.id == id);
        if !self.choices.address_id.as_ref().is_some_and(listed) {
            self.choices.address_id = self
                .last_used
                .clone()
                .filter(listed)
                .or_else(|| addresses.first().map(|a| a.address.id.clone()));
            self.requote();
        }
        if let Some(ordering) = self.ordering_mut() {
            if addresses.is_empty() && ordering.page == Page::Review {
                ordering.page = Page::NewAddress;
            }
        }
    }

    /// Placing `attempt` answered `result`; no attempt is open any more.
    fn placement(&mut self, attempt: Attempt, result: Result<Placement, ApiError>) {
        let mut placing = Placing::Idle;
        match result {
            Ok(Placement::Placed(checkout)) => {
                self.phase = Phase::Placed {
                    placed: Rc::new(Placed::of(&checkout)),
                    cancelling: false,
                };
                return;
            }
            Ok(Placement::QuoteChanged(quote)) => {
                let before = self
                    .pricing
                    .quote()
                    .map_or(Rupiah(0), |quote| quote.totals.grand_total);
                placing = Placing::PriceChanged(Changed {
                    before,
                    quote: Rc::new(quote),
                });
            }
            Err(error) if error.api_code() == Some(ErrorCode::OutOfStock) => {
                let field = match &error {
                    ApiError::Api { error, .. } => error.field.as_deref(),
                    _ => None,
                };
                let product_name = self.line_name(field).unwrap_or_default();
                self.tell(Notice::OutOfStock { product_name });
            }
            Err(error) if self.refuse_choice(&error) => {}
            Err(error) if error.api_code().is_some_and(is_deal_refusal) => {
                // Asked once more: the answer is the normal price and why.
                self.refusal = error.api_code();
                self.requote();
            }
            Err(error) if error.api_code() == Some(ErrorCode::ReservationLimit) => {
                let field = match &error {
                    ApiError::Api { error, .. } => error.field.as_deref(),
                    _ => None,
                };
                let held = match field {
                    Some("items") => Held::Units,
                    Some(_) => Held::Variant,
                    None => Held::Checkouts,
                };
                self.tell(Notice::ReservationLimit(held));
            }
            Err(error) => placing = Placing::Failed { attempt, error },
        }
        if let Some(ordering) = self.ordering_mut() {
            ordering.placing = placing;
        }
    }
}

/// `i` of the field path `shipping[i].option_id`: a courier chosen that
/// cannot carry the parcel (another address, a heavier parcel).
fn courier_index(field: Option<&str>) -> Option<usize> {
    let field = field?.strip_suffix(".option_id")?;
    indexed(Some(field), "shipping")
}

/// `i` of a field path `{name}[i]`, e.g. `vouchers[1]`.
fn indexed(field: Option<&str>, name: &str) -> Option<usize> {
    let rest = field?.strip_prefix(name)?.strip_prefix('[')?;
    rest.split(']').next()?.parse().ok()
}

/// The most units of `deal` one buyer may choose now: its limit per buyer
/// as far as units are left, and never more than one shopper may hold of a
/// variant unpaid ([`MAX_UNITS_PER_VARIANT`]), while it runs; once it has
/// sold out or ended, `before`, so the quantity chosen can still change at
/// the normal price.
fn most_of(deal: &FlashDeal, before: u32) -> u32 {
    match deal.state {
        FlashDealState::Open | FlashDealState::Upcoming => deal
            .per_buyer_limit
            .min(deal.units_left)
            .clamp(1, MAX_UNITS_PER_VARIANT),
        FlashDealState::SoldOut | FlashDealState::Ended => before,
    }
}

impl Reducible for CheckoutState {
    type Action = CheckoutAction;

    fn reduce(self: Rc<Self>, action: CheckoutAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CheckoutAction::Start {
                variant_ids,
                stream_id,
            } => next = self.started(variant_ids, None, stream_id),
            CheckoutAction::StartDeal { deal_id, stream_id } => {
                next = self.started(Vec::new(), Some(deal_id), stream_id);
            }
            CheckoutAction::AddressesLoaded(Ok(addresses)) => {
                if self.may_choose() {
                    next.ship_to_saved(&addresses);
                }
                next.addresses = Remote::Ready(addresses);
                next.refreshing_addresses = false;
            }
            // Read again and failed: the known list stays.
            CheckoutAction::AddressesLoaded(Err(_)) if self.refreshing_addresses => {
                next.refreshing_addresses = false;
            }
            CheckoutAction::AddressesLoaded(Err(error)) => {
                next.addresses = Remote::Failed(error);
            }
            CheckoutAction::ReloadAddresses => next.addresses = Remote::Loading,
            CheckoutAction::LastUsedAddress(id) => next.last_used = Some(id),
            CheckoutAction::OffersLoaded(result) => next.offers = result.into(),
            CheckoutAction::ShowAddresses
            | CheckoutAction::ShowNewAddress
            | CheckoutAction::FixAddress(_)
            | CheckoutAction::EditAddress(_)
                if !self.may_choose() =>
            {
                return self;
            }
            CheckoutAction::ShowAddresses => {
                if let Some(ordering) = next.ordering_mut() {
                    ordering.page = Page::Addresses;
                    ordering.removing = None;
                }
            }
            CheckoutAction::ShowNewAddress => {
                if let Some(ordering) = next.ordering_mut() {
                    ordering.page = Page::NewAddress;
                    ordering.notice = None;
                    ordering.editing = None;
                }
            }
            CheckoutAction::FixAddress(id) => {
                if self.saved(&id).is_none_or(|saved| !saved.needs_region) {
                    return self;
                }
                next.edit(id, Page::Review);
            }
            CheckoutAction::EditAddress(id) => {
                if self.saved(&id).is_none() {
                    return self;
                }
                next.edit(id, Page::Addresses);
            }
            CheckoutAction::Back => {
                if !self.may_choose() {
                    return self;
                }
                let chosen = self.choices.address_id.is_some();
                if let Some(ordering) = next.ordering_mut() {
                    ordering.page = match (ordering.page, &ordering.editing) {
                        (Page::NewAddress, Some(editing)) => editing.back,
                        (Page::NewAddress, None) if chosen => Page::Addresses,
                        _ => Page::Review,
                    };
                    ordering.notice = None;
                    ordering.editing = None;
                    ordering.removing = None;
                }
            }
            CheckoutAction::PickAddress(id) => {
                if !self.may_choose() {
                    return self;
                }
                if let Some(ordering) = next.ordering_mut() {
                    ordering.page = Page::Review;
                }
                if self.choices.address_id.as_deref() != Some(id.as_str()) {
                    // The couriers chosen stay where they are offered; one
                    // refused is said beside its shop once quoted.
                    next.choices.address_id = Some(id);
                    next.replaced.clear();
                    next.requote();
                }
            }
            CheckoutAction::AskRemoveAddress(id) => {
                if !self.may_choose() || self.saved(&id).is_none() {
                    return self;
                }
                if let Some(ordering) = next.ordering_mut() {
                    let stage = RemoveStage::Asking;
                    ordering.removing = Some(Removing { id, stage });
                }
            }
            CheckoutAction::KeepAddress | CheckoutAction::RemoveAddress => {
                let confirmed = matches!(action, CheckoutAction::RemoveAddress);
                let Some(ordering) = next.ordering_mut() else {
                    return self;
                };
                match &mut ordering.removing {
                    Some(removing) if removing.stage == RemoveStage::Sending => return self,
                    Some(removing) if confirmed => removing.stage = RemoveStage::Sending,
                    removing => *removing = None,
                }
            }
            CheckoutAction::AddressRemoved(id, result) => {
                // Gone on the server (a 404 included) whatever the phase.
                let gone = matches!(result, Ok(()) | Err(ApiError::Api { status: 404, .. }));
                if let Some(ordering) = next.ordering_mut() {
                    ordering.removing = match result {
                        Err(error) if !gone => Some(Removing {
                            id: id.clone(),
                            stage: RemoveStage::Failed(error),
                        }),
                        _ => None,
                    };
                }
                if let (true, Remote::Ready(addresses)) = (gone, &self.addresses) {
                    let left: Vec<SavedAddress> = addresses
                        .iter()
                        .filter(|saved| saved.address.id != id)
                        .cloned()
                        .collect();
                    if self.may_choose() {
                        next.ship_to_saved(&left);
                    }
                    next.addresses = Remote::Ready(Rc::new(left));
                }
            }
            CheckoutAction::SavingAddress => {
                if !self.may_choose() {
                    return self;
                }
                if let Some(ordering) = next.ordering_mut() {
                    ordering.saving_address = true;
                    ordering.notice = None;
                }
            }
            CheckoutAction::AddressSaved(Ok(address)) => {
                // Saved on the server whatever the phase: it is listed, a
                // corrected one in its place, a new one first.
                let editing = self.ordering().and_then(|o| o.editing.clone());
                let mut addresses = match &self.addresses {
                    Remote::Ready(addresses) => (**addresses).clone(),
                    _ => Vec::new(),
                };
                let id = address.address.id.clone();
                match addresses.iter_mut().find(|saved| saved.address.id == id) {
                    Some(saved) => *saved = address,
                    None => addresses.insert(0, address),
                }
                next.addresses = Remote::Ready(Rc::new(addresses));
                if let Some(ordering) = next.ordering_mut() {
                    ordering.saving_address = false;
                    ordering.editing = None;
                }
                if !self.may_choose() {
                    return Rc::new(next);
                }
                let back = editing.as_ref().map_or(Page::Review, |e| e.back);
                if let Some(ordering) = next.ordering_mut() {
                    ordering.page = back;
                }
                // A new address, or the legacy one completed from the
                // review page, is shipped to; one corrected in the book
                // stays as chosen as it was. Either way, the address
                // shipped to is quoted again.
                let chosen = self.choices.address_id.as_deref() == Some(id.as_str());
                if back == Page::Review || chosen {
                    next.choices.address_id = Some(id);
                    next.replaced.clear();
                    next.requote();
                }
            }
            CheckoutAction::AddressSaved(Err(error)) => {
                let Some(ordering) = next.ordering_mut() else {
                    return self;
                };
                ordering.saving_address = false;
                let field = match &error {
                    ApiError::Api { error, .. } => error.field.clone(),
                    _ => None,
                };
                ordering.notice = Some(Notice::AddressRefused { field, error });
            }
            CheckoutAction::ChooseShipping { .. }
            | CheckoutAction::Insure { .. }
            | CheckoutAction::ApplyVoucher(_)
            | CheckoutAction::RemoveVoucher(_)
            | CheckoutAction::ChoosePayment(_)
            | CheckoutAction::Requote
                if !self.may_choose() =>
            {
                return self;
            }
            CheckoutAction::ChooseShipping { shop_id, option_id } => {
                // Only a service the quote offers is ever sent as a choice.
                let offered = self.pricing.quote().is_some_and(|quote| {
                    quote.shops.iter().any(|shop| {
                        shop.shop.id == shop_id
                            && shop.shipping_options.iter().any(|o| o.id == option_id)
                    })
                });
                if !offered {
                    return self;
                }
                next.replaced.retain(|note| note.shop_id != shop_id);
                next.refused_couriers.retain(|gone| gone.shop_id != shop_id);
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
                if let Some(ordering) = next.ordering_mut() {
                    ordering.notice = None;
                }
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
                if let Some(ordering) = next.ordering_mut() {
                    if matches!(
                        ordering.notice,
                        Some(Notice::PaymentUnavailable | Notice::CodLimit)
                    ) {
                        ordering.notice = None;
                    }
                }
                next.requote();
            }
            CheckoutAction::Requote => next.requote(),
            CheckoutAction::Quoted { revision, result } => {
                if revision != self.revision {
                    return self;
                }
                match result {
                    Ok(answer) => {
                        let quote = Rc::new(answer.quote);
                        let refused = std::mem::take(&mut next.refused_couriers);
                        let keyed = next.keyed();
                        let unavailable = &answer.unavailable_shipping;
                        for note in replaced(&refused, &quote, unavailable, keyed) {
                            next.replaced.retain(|old| old.shop_id != note.shop_id);
                            next.replaced.push(note);
                        }
                        let insured = next.insure_again(&quote);
                        let resumed = next.resume_couriers(&quote, &answer.unavailable_shipping);
                        next.pricing = Pricing::Priced(quote);
                        next.unavailable = Rc::new(answer.unavailable_shipping);
                        if insured || resumed {
                            next.requote();
                        }
                    }
                    // A refused choice comes off only while the shopper
                    // may change the choices; otherwise it waits for a retry.
                    Err(error) if self.may_choose() && next.refuse_choice(&error) => {}
                    Err(error) => {
                        next.pricing = Pricing::Failed {
                            error,
                            last: self.pricing.quote().cloned(),
                        };
                    }
                }
            }
            CheckoutAction::DealHeard(deal) => {
                if self.deal_id.as_ref() != Some(&deal.id) {
                    return self;
                }
                next.follow(&deal);
            }
            CheckoutAction::DealQuantity(quantity) => {
                let quantity = quantity.clamp(1, self.deal_most);
                if self.deal_id.is_none() || quantity == self.quantity || !self.may_choose() {
                    return self;
                }
                next.quantity = quantity;
                next.requote();
            }
            CheckoutAction::DealQuoted { revision, result } => {
                if revision != self.revision || self.deal_id.is_none() {
                    return self;
                }
                // The deal's quote, with the couriers its parcel is too
                // heavy for, goes on as a cart checkout's would.
                let result = result.map(|answer| {
                    next.deal_most = most_of(&answer.deal, next.deal_most);
                    next.refusal = answer.refusal.as_ref().map(|refusal| refusal.code);
                    answer.quote.clone()
                });
                return Rc::new(next).reduce(CheckoutAction::Quoted { revision, result });
            }
            CheckoutAction::Place { key } => {
                if !self.can_place() {
                    return self;
                }
                let (Pricing::Priced(quote), Some(ordering)) = (&self.pricing, next.ordering_mut())
                else {
                    return self;
                };
                let attempt = match &ordering.placing {
                    Placing::Failed { attempt, .. } if attempt.quote_id == quote.id => {
                        attempt.clone()
                    }
                    _ => Attempt {
                        key,
                        quote_id: quote.id.clone(),
                    },
                };
                ordering.placing = Placing::Sending(attempt);
                ordering.notice = None;
            }
            CheckoutAction::RetryPlace => {
                let Some(ordering) = next.ordering_mut() else {
                    return self;
                };
                let Placing::Failed { attempt, .. } = &ordering.placing else {
                    return self;
                };
                ordering.placing = Placing::Sending(attempt.clone());
            }
            CheckoutAction::PlaceResult(result) => {
                let Some(Placing::Sending(attempt)) = self.placing() else {
                    return self;
                };
                next.placement(attempt.clone(), result);
            }
            CheckoutAction::ConfirmChange { key } => {
                let Some(Placing::PriceChanged(changed)) = self.placing() else {
                    return self;
                };
                let attempt = Attempt {
                    key,
                    quote_id: changed.quote.id.clone(),
                };
                next.pricing = Pricing::Priced(Rc::clone(&changed.quote));
                if let Some(ordering) = next.ordering_mut() {
                    ordering.placing = Placing::Sending(attempt);
                }
            }
            CheckoutAction::ShowPlaced(placed) => {
                let busy = match &self.phase {
                    Phase::Ordering(ordering) => ordering.placing != Placing::Idle,
                    Phase::Placed {
                        placed: shown,
                        cancelling,
                    } => *cancelling || shown.checkout_id == placed.checkout_id,
                };
                if busy {
                    return self;
                }
                next = CheckoutState {
                    phase: Phase::Placed {
                        placed: Rc::new(placed),
                        cancelling: false,
                    },
                    ..CheckoutState::default()
                };
            }
            CheckoutAction::Resume(placed) => {
                if self.placing() != Some(&Placing::Idle) {
                    return self;
                }
                next.phase = Phase::Placed {
                    placed: Rc::new(placed),
                    cancelling: false,
                };
            }
            CheckoutAction::ResumeAttempt(attempt) => {
                let Some(ordering) = next.ordering_mut() else {
                    return self;
                };
                if ordering.placing != Placing::Idle {
                    return self;
                }
                ordering.placing = Placing::Sending(attempt);
            }
            CheckoutAction::PaymentUpdated(payment) => {
                let Phase::Placed { placed, .. } = &mut next.phase else {
                    return self;
                };
                if placed.payment == payment {
                    return self;
                }
                *placed = Rc::new(Placed {
                    payment,
                    ..(**placed).clone()
                });
            }
            CheckoutAction::OrdersLoaded(orders) => {
                let Phase::Placed { placed, .. } = &mut next.phase else {
                    return self;
                };
                *placed = Rc::new(Placed {
                    orders: Some(orders),
                    ..(**placed).clone()
                });
            }
            CheckoutAction::Cancel => {
                let Phase::Placed { placed, cancelling } = &mut next.phase else {
                    return self;
                };
                if *cancelling || !placed.is_pending() {
                    return self;
                }
                *cancelling = true;
            }
            CheckoutAction::Cancelled => {
                let Phase::Placed { cancelling, .. } = &mut next.phase else {
                    return self;
                };
                if !*cancelling {
                    return self;
                }
                *cancelling = false;
            }
            CheckoutAction::Finish => {
                if self.placed().is_none() {
                    return self;
                }
                next.phase = Phase::default();
            }
            CheckoutAction::SignedOut => return Rc::new(CheckoutState::default()),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{
        Address, Bank, ErrorBody, LineItem, PaymentInstructions, ShippingOption, ShopQuote,
        ShopSummary, Totals,
    };

    fn address(id: &str) -> SavedAddress {
        SavedAddress {
            address: Address {
                id: id.into(),
                recipient: "Sari".into(),
                phone: "+6281234567890".into(),
                province: "Jawa Barat".into(),
                city: "Kota Bandung".into(),
                district: "Coblong".into(),
                postal_code: "40135".into(),
                street: "Jl. Dago 1".into(),
            },
            village: Some("Dago".into()),
            region_code: Some("32.73.02.1004".into()),
            needs_region: false,
        }
    }

    /// An address saved before regions: its district typed.
    fn legacy(id: &str) -> SavedAddress {
        SavedAddress {
            village: None,
            region_code: None,
            needs_region: true,
            ..address(id)
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
            address: address("adr-1").address,
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

    /// The server's answer of `quote`, every courier usable.
    fn answer(quote: Rc<Quote>) -> QuoteAnswer {
        QuoteAnswer {
            quote: (*quote).clone(),
            unavailable_shipping: Vec::new(),
        }
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

    fn checkout(id: &str) -> Checkout<SavedAddress> {
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
            result: Ok(answer(quote("qt-1", 115_000))),
        })
    }

    /// A deal's checkout with one saved address, paid by QRIS, its first
    /// quote answered with `refusal`.
    fn deal_checkout(refusal: Option<ErrorCode>) -> Rc<CheckoutState> {
        deal_quoted(deal_started(), refusal, Vec::new())
    }

    /// A deal's checkout with one saved address, paid by QRIS, its quote
    /// asked for.
    fn deal_started() -> Rc<CheckoutState> {
        run(
            Rc::default(),
            vec![
                CheckoutAction::StartDeal {
                    deal_id: "fd-1".into(),
                    stream_id: Some("live-1".into()),
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![address("adr-1")]))),
                CheckoutAction::ChoosePayment(PaymentMethod::Qris),
            ],
        )
    }

    /// `state`'s current revision answered by the deal's quote with
    /// `refusal` and the couriers its parcel is too heavy for.
    fn deal_quoted(
        state: Rc<CheckoutState>,
        refusal: Option<ErrorCode>,
        unavailable: Vec<UnavailableShipping>,
    ) -> Rc<CheckoutState> {
        let revision = state.revision;
        state.reduce(CheckoutAction::DealQuoted {
            revision,
            result: Ok(Rc::new(DealQuote {
                quote: QuoteAnswer {
                    unavailable_shipping: unavailable,
                    ..answer(quote("qt-d", 60_000))
                },
                deal: etalase_contract::FlashDeal {
                    id: "fd-1".into(),
                    stream_id: "live-1".into(),
                    product_id: "prd-1".into(),
                    variant_id: "var-1".into(),
                    price: Rupiah(49_000),
                    normal_price: Rupiah(100_000),
                    units: 5,
                    units_left: 4,
                    units_sold: 0,
                    per_buyer_limit: 1,
                    state: etalase_contract::FlashDealState::Open,
                    starts_at: "2026-06-14T12:00:00.000Z".into(),
                    ends_at: "2026-06-14T12:05:00.000Z".into(),
                    starts_in_seconds: 0,
                    seconds_left: 200,
                },
                refusal: refusal.map(|code| ErrorBody::new(code, "m").error),
            })),
        })
    }

    /// The checkout's pages; the state must not be placed.
    fn ordering(state: &CheckoutState) -> &Ordering {
        state.ordering().expect("ordering")
    }

    /// Where placing stands; the state must not be placed.
    fn placing(state: &CheckoutState) -> &Placing {
        &ordering(state).placing
    }

    /// The page on screen; the state must not be placed.
    fn page(state: &CheckoutState) -> Page {
        ordering(state).page
    }

    fn attempt(key: &str, quote_id: &str) -> Attempt {
        Attempt {
            key: key.into(),
            quote_id: quote_id.into(),
        }
    }

    /// [`ready`], placed as `chk-1` with its payment pending.
    fn placed() -> Rc<CheckoutState> {
        run(
            ready(),
            vec![
                CheckoutAction::Place { key: "k1".into() },
                CheckoutAction::PlaceResult(Ok(Placement::Placed(checkout("chk-1")))),
            ],
        )
    }

    /// Every action the shopper can take on the checkout's pages.
    fn choosing_actions() -> Vec<CheckoutAction> {
        vec![
            CheckoutAction::ShowAddresses,
            CheckoutAction::ShowNewAddress,
            CheckoutAction::Back,
            CheckoutAction::PickAddress("adr-2".into()),
            CheckoutAction::SavingAddress,
            CheckoutAction::ChooseShipping {
                shop_id: "shop-1".into(),
                option_id: "jne-yes".into(),
            },
            CheckoutAction::Insure {
                shop_id: "shop-1".into(),
                insured: true,
            },
            CheckoutAction::ApplyVoucher("ETALASE10".into()),
            CheckoutAction::RemoveVoucher("ETALASE10".into()),
            CheckoutAction::ChoosePayment(PaymentMethod::Qris),
            CheckoutAction::Requote,
        ]
    }

    #[test]
    fn starting_loads_addresses_then_picks_the_first_and_quotes_the_ticked_lines() {
        let state = Rc::new(CheckoutState::default()).reduce(CheckoutAction::Start {
            variant_ids: vec!["var-1".into()],
            stream_id: Some("live-1".into()),
        });
        assert_eq!(state.addresses, Remote::Loading);
        assert_eq!(state.offers, Remote::Loading);
        assert_eq!(state.pricing, Pricing::NoAddress, "no address yet");
        assert_eq!(state.request(), None);
        assert_eq!(state.phase, Phase::default());
        let state = state.reduce(CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
            address("adr-2"),
            address("adr-1"),
        ]))));
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-2"));
        assert_eq!(state.pricing, Pricing::Asking { last: None });
        let request = state.request().unwrap();
        assert_eq!(request.variant_ids, Some(vec!["var-1".to_owned()]));
        assert_eq!(request.stream_id.as_deref(), Some("live-1"));
        assert_eq!(request.payment, PaymentMethod::Qris, "priced before a pick");
        assert!(!state.can_place());
    }

    #[test]
    fn each_checkout_reads_the_addresses_again_keeping_the_known_list_meanwhile() {
        let start = CheckoutAction::Start {
            variant_ids: vec!["var-1".into()],
            stream_id: None,
        };
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::LastUsedAddress("adr-1".into()),
                start.clone(),
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-2"),
                    address("adr-1"),
                ]))),
            ],
        );
        assert_eq!(
            state.choices.address_id.as_deref(),
            Some("adr-1"),
            "the one last used, not the newest"
        );
        assert!(!state.refreshing_addresses, "read once on arrival");
        let again = state.reduce(start);
        assert!(
            again.refreshing_addresses,
            "read again as the checkout opens"
        );
        assert!(matches!(&again.addresses, Remote::Ready(list) if list.len() == 2));
        let failed = again
            .clone()
            .reduce(CheckoutAction::AddressesLoaded(Err(ApiError::Network(
                "offline".into(),
            ))));
        assert!(
            matches!(&failed.addresses, Remote::Ready(list) if list.len() == 2),
            "kept"
        );
        let added = again.reduce(CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
            address("adr-3"),
            address("adr-2"),
        ]))));
        assert!(matches!(&added.addresses, Remote::Ready(list) if list.len() == 2));
        assert_eq!(
            added.choices.address_id.as_deref(),
            Some("adr-3"),
            "the chosen one deleted elsewhere: the newest then"
        );
    }

    #[test]
    fn deleting_the_chosen_address_is_asked_first_then_another_is_chosen() {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-2"),
                    address("adr-1"),
                ]))),
                CheckoutAction::ShowAddresses,
                CheckoutAction::AskRemoveAddress("adr-2".into()),
            ],
        );
        let removing = |state: &CheckoutState| ordering(state).removing.clone();
        assert_eq!(removing(&state).map(|r| r.stage), Some(RemoveStage::Asking));
        let kept = state.clone().reduce(CheckoutAction::KeepAddress);
        assert_eq!(removing(&kept), None, "Cancel keeps it");
        let sending = state.reduce(CheckoutAction::RemoveAddress);
        assert_eq!(
            removing(&sending).map(|r| r.stage),
            Some(RemoveStage::Sending)
        );
        assert_eq!(
            sending.clone().reduce(CheckoutAction::KeepAddress),
            sending,
            "on its way, it cannot be taken back"
        );
        let failed = sending.clone().reduce(CheckoutAction::AddressRemoved(
            "adr-2".into(),
            Err(ApiError::Network("offline".into())),
        ));
        assert!(matches!(
            removing(&failed).map(|r| r.stage),
            Some(RemoveStage::Failed(_))
        ));
        assert!(matches!(&failed.addresses, Remote::Ready(list) if list.len() == 2));
        let revision = sending.revision;
        let gone = sending.reduce(CheckoutAction::AddressRemoved("adr-2".into(), Ok(())));
        assert_eq!(removing(&gone), None);
        assert!(matches!(&gone.addresses, Remote::Ready(list) if list.len() == 1));
        assert_eq!(
            gone.choices.address_id.as_deref(),
            Some("adr-1"),
            "another chosen"
        );
        assert!(gone.revision > revision, "and priced");
        assert_eq!(page(&gone), Page::Addresses, "the book stays open");
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
        assert_eq!(page(&state), Page::NewAddress);
        let state = state.reduce(CheckoutAction::SavingAddress);
        assert!(ordering(&state).saving_address);
        let refused = refused(422, ErrorCode::InvalidField, Some("postal_code"));
        let state = state.reduce(CheckoutAction::AddressSaved(Err(refused.clone())));
        assert!(!ordering(&state).saving_address);
        assert_eq!(
            ordering(&state).notice,
            Some(Notice::AddressRefused {
                field: Some("postal_code".into()),
                error: refused
            })
        );
        assert_eq!(
            page(&state),
            Page::NewAddress,
            "the form stays with its input"
        );
        let state = state.reduce(CheckoutAction::AddressSaved(Ok(address("adr-9"))));
        assert_eq!(page(&state), Page::Review);
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-9"));
        assert!(state.pricing.is_asking());
        assert_eq!(
            state.address().map(|a| a.address.id.as_str()),
            Some("adr-9")
        );
    }

    #[test]
    fn a_legacy_address_is_fixed_on_the_form_and_corrected_in_place() {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    legacy("adr-old"),
                    address("adr-2"),
                ]))),
            ],
        );
        assert_eq!(
            state.choices.address_id.as_deref(),
            Some("adr-old"),
            "it still ships"
        );
        let same = Rc::clone(&state).reduce(CheckoutAction::FixAddress("adr-2".into()));
        assert_eq!(
            page(&same),
            Page::Review,
            "an address with its village needs no fixing"
        );
        let state = state.reduce(CheckoutAction::FixAddress("adr-old".into()));
        assert_eq!(page(&state), Page::NewAddress);
        assert_eq!(
            state.editing().map(|a| a.address.street.as_str()),
            Some("Jl. Dago 1")
        );
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::SavingAddress);
        let state = state.reduce(CheckoutAction::AddressSaved(Ok(address("adr-old"))));
        assert_eq!(page(&state), Page::Review);
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-old"));
        assert_ne!(state.revision, revision, "quoted again");
        let Remote::Ready(addresses) = &state.addresses else {
            panic!("the addresses are loaded");
        };
        let ids: Vec<&str> = addresses.iter().map(|a| a.address.id.as_str()).collect();
        assert_eq!(ids, ["adr-old", "adr-2"], "one address, its id kept");
        assert_eq!(state.address().map(|a| a.needs_region), Some(false));
        assert_eq!(state.editing(), None);
    }

    /// `id` with another street, as the server answers a correction.
    fn corrected(id: &str) -> SavedAddress {
        let mut saved = address(id);
        saved.address.street = "Jl. Ir. H. Juanda 99".into();
        saved
    }

    #[test]
    fn the_chosen_address_corrected_in_the_book_is_listed_in_place_and_quoted_again() {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-1"),
                    address("adr-2"),
                ]))),
                CheckoutAction::ShowAddresses,
            ],
        );
        let missing = Rc::clone(&state).reduce(CheckoutAction::EditAddress("adr-9".into()));
        assert_eq!(page(&missing), Page::Addresses, "no such address");
        let state = state.reduce(CheckoutAction::EditAddress("adr-1".into()));
        assert_eq!(page(&state), Page::NewAddress);
        assert_eq!(
            state.editing().map(|a| a.address.id.as_str()),
            Some("adr-1")
        );
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::SavingAddress);
        let state = state.reduce(CheckoutAction::AddressSaved(Ok(corrected("adr-1"))));
        assert_eq!(page(&state), Page::Addresses, "back to the book");
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-1"));
        assert_ne!(state.revision, revision, "the chosen one is quoted again");
        assert!(state.pricing.is_asking());
        let Remote::Ready(addresses) = &state.addresses else {
            panic!("the addresses are loaded");
        };
        let streets: Vec<&str> = addresses
            .iter()
            .map(|a| a.address.street.as_str())
            .collect();
        assert_eq!(streets, ["Jl. Ir. H. Juanda 99", "Jl. Dago 1"]);
    }

    #[test]
    fn another_address_corrected_in_the_book_is_not_chosen_nor_quoted() {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::Start {
                    variant_ids: vec!["var-1".into()],
                    stream_id: None,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-1"),
                    address("adr-2"),
                ]))),
                CheckoutAction::ShowAddresses,
                CheckoutAction::EditAddress("adr-2".into()),
            ],
        );
        let back = Rc::clone(&state).reduce(CheckoutAction::Back);
        assert_eq!(page(&back), Page::Addresses, "Back returns to the book");
        assert_eq!(back.editing(), None);
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::AddressSaved(Ok(corrected("adr-2"))));
        assert_eq!(page(&state), Page::Addresses);
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-1"));
        assert_eq!(
            state.revision, revision,
            "the address shipped to is unchanged"
        );
        assert_eq!(
            state.saved("adr-2").map(|a| a.address.street.as_str()),
            Some("Jl. Ir. H. Juanda 99")
        );
    }

    #[test]
    fn a_checkout_started_again_without_addresses_opens_on_the_form() {
        let start = || CheckoutAction::Start {
            variant_ids: vec!["var-1".into()],
            stream_id: None,
        };
        let state = run(
            Rc::default(),
            vec![
                start(),
                CheckoutAction::AddressesLoaded(Ok(Rc::new(Vec::new()))),
                start(),
            ],
        );
        assert_eq!(
            page(&state),
            Page::NewAddress,
            "the list is known empty: not asked again, and not waited for"
        );
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
        assert_eq!(page(&state), Page::NewAddress);
        let state = state.reduce(CheckoutAction::Back);
        assert_eq!(page(&state), Page::Addresses);
        let state = state.reduce(CheckoutAction::Back);
        assert_eq!(page(&state), Page::Review);
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::PickAddress("adr-1".into()));
        assert_eq!(state.revision, revision, "the same address needs no quote");
    }

    #[test]
    fn a_courier_chosen_is_chosen_again_when_the_checkout_opens_again() {
        let reopen = |state: Rc<CheckoutState>| {
            state.reduce(CheckoutAction::Start {
                variant_ids: vec!["var-1".into()],
                stream_id: Some("live-1".into()),
            })
        };
        let chosen = ready().reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "jne-yes".into(),
        });
        let mut yes = (*quote("qt-2", 125_000)).clone();
        yes.shops[0].shipping = option("jne-yes", 20_000);
        let chosen = quoted(chosen, Rc::new(yes), Vec::new());
        // Closed and opened again: the first quote is the server's
        // cheapest, and the shopper's courier is asked for again at once.
        let state = quoted(reopen(chosen), quote("qt-3", 115_000), Vec::new());
        assert!(state.pricing.is_asking(), "asked again with the courier");
        let request = state.request().expect("an address");
        assert_eq!(request.shipping.len(), 1);
        assert_eq!(request.shipping[0].option_id, "jne-yes");
        assert!(state.replaced.is_empty());
        // And it is kept for the next opening too.
        let state = quoted(state, quote("qt-4", 125_000), Vec::new());
        let again = quoted(reopen(state), quote("qt-5", 115_000), Vec::new());
        assert_eq!(again.request().unwrap().shipping[0].option_id, "jne-yes");
    }

    #[test]
    fn a_courier_kept_that_no_longer_fits_is_said_and_one_of_another_shop_waits() {
        let state = ready().reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "jne-yes".into(),
        });
        let state = quoted(state, quote("qt-2", 125_000), Vec::new());
        let reopened = Rc::clone(&state).reduce(CheckoutAction::Start {
            variant_ids: vec!["var-1".into()],
            stream_id: None,
        });
        // The parcel now goes where only JNE REG does.
        let state = quoted(
            reopened,
            shipped(quote("qt-3", 115_000), "adr-1", &["jne-reg"]),
            Vec::new(),
        );
        assert!(!state.pricing.is_asking(), "nothing to ask again");
        assert!(state.request().unwrap().shipping.is_empty());
        assert_eq!(state.replaced.len(), 1, "said beside its shop");
        assert_eq!(state.replaced[0].before.id, "jne-yes");
        assert_eq!(
            state.replaced[0].because,
            super::super::couriers::Because::City
        );
        // A checkout of another shop leaves the courier kept for later.
        let mut other = (*quote("qt-4", 115_000)).clone();
        other.shops[0].shop.id = "shop-2".into();
        let chosen = ready().reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "jne-yes".into(),
        });
        let chosen = quoted(chosen, quote("qt-5", 125_000), Vec::new());
        let elsewhere = quoted(
            chosen.reduce(CheckoutAction::Start {
                variant_ids: vec!["var-2".into()],
                stream_id: None,
            }),
            Rc::new(other),
            Vec::new(),
        );
        assert!(
            elsewhere.request().unwrap().shipping.is_empty(),
            "never sent for a shop not bought"
        );
        assert_eq!(elsewhere.kept_couriers.len(), 1);
        let back = quoted(
            elsewhere.reduce(CheckoutAction::Start {
                variant_ids: vec!["var-1".into()],
                stream_id: None,
            }),
            quote("qt-6", 115_000),
            Vec::new(),
        );
        assert_eq!(back.request().unwrap().shipping[0].option_id, "jne-yes");
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
        assert_eq!(
            state.pricing.quote().map(|quote| quote.id.as_str()),
            Some("qt-1"),
            "the last quote stays on screen, dimmed"
        );
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
        let stale = state.clone().reduce(CheckoutAction::Quoted {
            revision: old + 1,
            result: Ok(answer(quote("qt-old", 1))),
        });
        assert!(Rc::ptr_eq(&stale, &state), "stale answer dropped");
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(answer(quote("qt-2", 140_000))),
        });
        assert_eq!(state.pricing, Pricing::Priced(quote("qt-2", 140_000)));
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
            ordering(&state).notice,
            Some(Notice::VoucherRefused {
                code: "BATIKHEMAT".into(),
                reason: ErrorCode::VoucherNotApplicable
            })
        );
        assert_eq!(state.revision, revision + 1, "asked again without it");
        assert!(state.pricing.is_asking());
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
        assert_eq!(ordering(&state).notice, Some(Notice::PaymentUnavailable));
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
        assert_eq!(
            state.pricing,
            Pricing::Failed {
                error: offline,
                last: Some(quote("qt-1", 115_000))
            },
            "the last quote stays on screen"
        );
        assert!(!state.can_place());
        let state = state.reduce(CheckoutAction::Requote);
        assert!(state.pricing.is_asking());
        assert_eq!(state.revision, revision + 1);
    }

    #[test]
    fn one_attempt_keeps_its_key_through_failures_and_double_taps() {
        let state = ready().reduce(CheckoutAction::Place { key: "k1".into() });
        assert_eq!(placing(&state), &Placing::Sending(attempt("k1", "qt-1")));
        assert!(!state.can_place());
        let tapped = state
            .clone()
            .reduce(CheckoutAction::Place { key: "k2".into() });
        assert!(
            Rc::ptr_eq(&tapped, &state),
            "a second tap while sending does nothing"
        );
        let offline = ApiError::Network("offline".into());
        let state = state.reduce(CheckoutAction::PlaceResult(Err(offline.clone())));
        assert_eq!(
            placing(&state),
            &Placing::Failed {
                attempt: attempt("k1", "qt-1"),
                error: offline
            }
        );
        assert!(state.can_place(), "placing again sends the same attempt");
        let state = state.reduce(CheckoutAction::Place { key: "k3".into() });
        assert_eq!(
            placing(&state),
            &Placing::Sending(attempt("k1", "qt-1")),
            "same quote, same key"
        );
        let state = state
            .reduce(CheckoutAction::PlaceResult(Err(ApiError::Network(
                "x".into(),
            ))))
            .reduce(CheckoutAction::RetryPlace);
        assert_eq!(placing(&state), &Placing::Sending(attempt("k1", "qt-1")));
        let state = state.reduce(CheckoutAction::PlaceResult(Ok(Placement::Placed(
            checkout("chk-1"),
        ))));
        let Phase::Placed { placed, cancelling } = &state.phase else {
            panic!("placed: {:?}", state.phase);
        };
        assert_eq!(placed.checkout_id, "chk-1");
        assert!(placed.is_pending());
        assert!(!cancelling);
        assert_eq!(state.placing(), None, "no attempt beside a placed checkout");
    }

    #[test]
    fn signing_out_leaves_nothing_of_the_shoppers_checkout() {
        let started = Rc::new(CheckoutState::default()).reduce(CheckoutAction::Start {
            variant_ids: vec!["v1".into()],
            stream_id: Some("live-1".into()),
        });
        assert_ne!(*started, CheckoutState::default());
        let out = started.reduce(CheckoutAction::SignedOut);
        assert_eq!(*out, CheckoutState::default());
    }

    #[test]
    fn new_choices_after_a_failed_attempt_are_placed_under_a_new_key() {
        let offline = ApiError::Network("offline".into());
        let state = run(
            ready(),
            vec![
                CheckoutAction::Place { key: "k1".into() },
                CheckoutAction::PlaceResult(Err(offline.clone())),
                CheckoutAction::ChoosePayment(PaymentMethod::Qris),
            ],
        );
        assert_eq!(
            placing(&state).attempt(),
            Some(&attempt("k1", "qt-1")),
            "the failed attempt is kept, for its retry and the device"
        );
        assert!(!state.can_place(), "the new choices are not priced yet");
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(answer(quote("qt-2", 110_000))),
        });
        let retried = state.clone().reduce(CheckoutAction::RetryPlace);
        assert_eq!(
            placing(&retried),
            &Placing::Sending(attempt("k1", "qt-1")),
            "the retry sends the failed attempt as it was"
        );
        let state = state.reduce(CheckoutAction::Place { key: "k2".into() });
        assert_eq!(placing(&state), &Placing::Sending(attempt("k2", "qt-2")));
    }

    #[test]
    fn a_changed_quote_is_confirmed_and_placed_under_a_new_key() {
        let state = ready().reduce(CheckoutAction::Place { key: "k1".into() });
        let state = state.reduce(CheckoutAction::PlaceResult(Ok(Placement::QuoteChanged(
            (*quote("qt-9", 125_000)).clone(),
        ))));
        let Placing::PriceChanged(changed) = placing(&state) else {
            panic!("a changed price: {:?}", placing(&state));
        };
        assert_eq!(changed.before, Rupiah(115_000));
        assert_eq!(changed.quote.totals.grand_total, Rupiah(125_000));
        assert_eq!(placing(&state).attempt(), None, "the attempt is over");
        assert!(!state.can_place(), "confirm first");
        let state = state.reduce(CheckoutAction::ConfirmChange { key: "k2".into() });
        assert_eq!(placing(&state), &Placing::Sending(attempt("k2", "qt-9")));
        assert_eq!(state.pricing, Pricing::Priced(quote("qt-9", 125_000)));
    }

    #[test]
    fn new_choices_take_a_changed_price_down_and_a_confirm_then_does_nothing() {
        let state = run(
            ready(),
            vec![
                CheckoutAction::Place { key: "k1".into() },
                CheckoutAction::PlaceResult(Ok(Placement::QuoteChanged(
                    (*quote("qt-9", 125_000)).clone(),
                ))),
            ],
        );
        let same = state.clone().reduce(CheckoutAction::ChoosePayment(
            PaymentMethod::VirtualAccount { bank: Bank::Bca },
        ));
        assert!(Rc::ptr_eq(&same, &state), "the same choice changes nothing");
        let state = state.reduce(CheckoutAction::ApplyVoucher("ETALASE10".into()));
        assert_eq!(
            placing(&state),
            &Placing::Idle,
            "the new price was for the old choices"
        );
        assert!(state.pricing.is_asking());
        let confirmed = state
            .clone()
            .reduce(CheckoutAction::ConfirmChange { key: "k2".into() });
        assert!(Rc::ptr_eq(&confirmed, &state));
    }

    #[test]
    fn a_quote_answered_while_a_retried_attempt_is_on_its_way_is_kept_and_a_refusal_waits() {
        let state = run(
            ready(),
            vec![
                CheckoutAction::Place { key: "k1".into() },
                CheckoutAction::PlaceResult(Err(ApiError::Network("offline".into()))),
                CheckoutAction::ApplyVoucher("ETALASE10".into()),
                CheckoutAction::RetryPlace,
            ],
        );
        assert_eq!(placing(&state), &Placing::Sending(attempt("k1", "qt-1")));
        assert!(state.pricing.is_asking());
        let revision = state.revision;
        let refusal = state.clone().reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::VoucherNotApplicable,
                Some("vouchers[0]"),
            )),
        });
        assert_eq!(
            refusal.choices.vouchers,
            ["ETALASE10"],
            "the choices stay while sending"
        );
        assert!(matches!(refusal.pricing, Pricing::Failed { .. }));
        assert_eq!(ordering(&refusal).notice, None);
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(answer(quote("qt-2", 103_500))),
        });
        assert_eq!(state.pricing, Pricing::Priced(quote("qt-2", 103_500)));
        assert_eq!(placing(&state), &Placing::Sending(attempt("k1", "qt-1")));
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
            ordering(&state).notice,
            Some(Notice::OutOfStock {
                product_name: "Kemeja Batik".into()
            })
        );
        assert_eq!(placing(&state), &Placing::Idle);
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
            ordering(&state).notice,
            Some(Notice::ReservationLimit(Held::Variant))
        );
        assert_eq!(
            placing(&state),
            &Placing::Idle,
            "a new attempt once the shopper paid or cancelled"
        );
        for (field, held) in [
            (Some("items[3]"), Held::Variant),
            (Some("items"), Held::Units),
            (None, Held::Checkouts),
        ] {
            let state = ready()
                .reduce(CheckoutAction::Place { key: "k1".into() })
                .reduce(CheckoutAction::PlaceResult(Err(refused(
                    409,
                    ErrorCode::ReservationLimit,
                    field,
                ))));
            assert_eq!(
                ordering(&state).notice,
                Some(Notice::ReservationLimit(held))
            );
        }
    }

    #[test]
    fn the_cod_limit_unpicks_cod_until_another_method_is_chosen() {
        let state = ready()
            .reduce(CheckoutAction::ChoosePayment(PaymentMethod::Cod))
            .reduce(CheckoutAction::Place { key: "k1".into() });
        assert!(
            !state.can_place(),
            "COD is not priced yet: nothing to place"
        );
        let revision = state.revision;
        let state = state
            .reduce(CheckoutAction::Quoted {
                revision,
                result: Ok(answer(quote("qt-cod", 115_000))),
            })
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::ReservationLimit,
                Some("payment"),
            ))));
        assert_eq!(state.choices.payment, None);
        assert_eq!(ordering(&state).notice, Some(Notice::CodLimit));
        assert_eq!(placing(&state), &Placing::Idle);
        let state = state.reduce(CheckoutAction::ChoosePayment(PaymentMethod::Qris));
        assert_eq!(ordering(&state).notice, None);
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
            ordering(&state).notice,
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
            result: Ok(answer(quote("qt-2", 100_000))),
        });
        let state = state
            .reduce(CheckoutAction::Place { key: "k1".into() })
            .reduce(CheckoutAction::PlaceResult(Err(refused(
                409,
                ErrorCode::VoucherExhausted,
                Some("vouchers[0]"),
            ))));
        assert!(state.choices.vouchers.is_empty());
        assert!(state.pricing.is_asking());
        assert_eq!(placing(&state), &Placing::Idle);
    }

    #[test]
    fn choices_and_pages_stay_as_they_are_while_an_attempt_is_on_its_way() {
        let sending = ready().reduce(CheckoutAction::Place { key: "k1".into() });
        for action in choosing_actions() {
            let next = sending.clone().reduce(action.clone());
            assert!(Rc::ptr_eq(&next, &sending), "{action:?} while sending");
        }
        let revision = sending.revision;
        let next = sending
            .clone()
            .reduce(CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![address(
                "adr-2",
            )]))));
        assert_eq!(next.choices.address_id.as_deref(), Some("adr-1"));
        assert_eq!(next.revision, revision, "nothing to requote");
        assert_eq!(placing(&next), placing(&sending));
        let next = sending.reduce(CheckoutAction::AddressSaved(Ok(address("adr-9"))));
        assert_eq!(
            next.address().map(|a| a.address.id.as_str()),
            Some("adr-1"),
            "a saved address is listed, not chosen"
        );
        assert!(matches!(&next.addresses, Remote::Ready(list) if list.len() == 2));
    }

    #[test]
    fn answers_for_another_phase_are_ignored() {
        let state = ready();
        let answers = [
            CheckoutAction::PlaceResult(Ok(Placement::Placed(checkout("chk-1")))),
            CheckoutAction::RetryPlace,
            CheckoutAction::ConfirmChange { key: "k2".into() },
            CheckoutAction::PaymentUpdated(Rc::new(checkout("chk-1").payment)),
            CheckoutAction::OrdersLoaded(Rc::new(Vec::new())),
            CheckoutAction::Cancel,
            CheckoutAction::Cancelled,
            CheckoutAction::Finish,
        ];
        for action in answers {
            let next = state.clone().reduce(action.clone());
            assert!(Rc::ptr_eq(&next, &state), "{action:?} while choosing");
        }
        let sending = state.reduce(CheckoutAction::Place { key: "k1".into() });
        let resumes = [
            CheckoutAction::Resume(Placed::of(&checkout("chk-0"))),
            CheckoutAction::ResumeAttempt(attempt("k0", "qt-0")),
        ];
        for action in resumes {
            let next = sending.clone().reduce(action.clone());
            assert!(Rc::ptr_eq(&next, &sending), "{action:?} while sending");
        }
    }

    #[test]
    fn a_placed_checkout_takes_no_choice_and_no_attempt() {
        let state = placed();
        let mut actions = choosing_actions();
        actions.extend([
            CheckoutAction::Place { key: "k2".into() },
            CheckoutAction::RetryPlace,
            CheckoutAction::PlaceResult(Err(ApiError::Network("late".into()))),
            CheckoutAction::ConfirmChange { key: "k2".into() },
            CheckoutAction::ResumeAttempt(attempt("k0", "qt-0")),
            CheckoutAction::Resume(Placed::of(&checkout("chk-0"))),
            CheckoutAction::AddressSaved(Err(ApiError::Network("late".into()))),
            CheckoutAction::Cancelled,
        ]);
        for action in actions {
            let next = state.clone().reduce(action.clone());
            assert!(Rc::ptr_eq(&next, &state), "{action:?} while placed");
        }
        assert!(!state.can_place());
    }

    #[test]
    fn an_order_picked_in_the_history_shows_its_payment_unless_one_is_on_its_way() {
        // From the checkout's pages, or over another placed checkout.
        let shown = ready().reduce(CheckoutAction::ShowPlaced(Placed::of(&checkout("chk-7"))));
        assert_eq!(
            shown.placed().map(|p| p.checkout_id.as_str()),
            Some("chk-7")
        );
        assert_eq!(shown.deal_id, None);
        let over = placed().reduce(CheckoutAction::ShowPlaced(Placed::of(&checkout("chk-7"))));
        assert_eq!(over.placed().map(|p| p.checkout_id.as_str()), Some("chk-7"));
        // The same one again changes nothing; nor while an attempt or a cancel is on its way.
        let again = over
            .clone()
            .reduce(CheckoutAction::ShowPlaced(Placed::of(&checkout("chk-7"))));
        assert!(Rc::ptr_eq(&again, &over));
        let sending = ready().reduce(CheckoutAction::Place { key: "k1".into() });
        let next = sending
            .clone()
            .reduce(CheckoutAction::ShowPlaced(Placed::of(&checkout("chk-7"))));
        assert!(Rc::ptr_eq(&next, &sending));
        let cancelling = placed().reduce(CheckoutAction::Cancel);
        let next = cancelling
            .clone()
            .reduce(CheckoutAction::ShowPlaced(Placed::of(&checkout("chk-7"))));
        assert!(Rc::ptr_eq(&next, &cancelling));
    }

    #[test]
    fn after_a_reload_an_attempt_is_sent_again_and_a_placed_checkout_resumes() {
        let state = Rc::new(CheckoutState::default())
            .reduce(CheckoutAction::ResumeAttempt(attempt("k1", "qt-1")));
        assert_eq!(placing(&state), &Placing::Sending(attempt("k1", "qt-1")));
        let state = state.reduce(CheckoutAction::PlaceResult(Ok(Placement::Placed(
            checkout("chk-1"),
        ))));
        assert_eq!(
            state.placed().map(|p| p.checkout_id.as_str()),
            Some("chk-1")
        );

        let placed = Placed::of(&checkout("chk-2"));
        let state = Rc::new(CheckoutState::default()).reduce(CheckoutAction::Resume(placed));
        assert_eq!(
            state.placed().map(|p| p.checkout_id.as_str()),
            Some("chk-2")
        );
        let paid = Payment {
            status: PaymentStatus::Paid,
            paid_at: Some("2026-11-28T01:00:00.000Z".into()),
            ..checkout("chk-2").payment
        };
        let state = state.reduce(CheckoutAction::PaymentUpdated(Rc::new(paid.clone())));
        assert!(!state.placed().unwrap().is_pending());
        let again = state
            .clone()
            .reduce(CheckoutAction::PaymentUpdated(Rc::new(paid)));
        assert!(
            Rc::ptr_eq(&again, &state),
            "the same payment changes nothing"
        );
        let cancelled = state.clone().reduce(CheckoutAction::Cancel);
        assert!(
            Rc::ptr_eq(&cancelled, &state),
            "a paid checkout cannot be cancelled"
        );
        let state = state.reduce(CheckoutAction::Finish);
        assert_eq!(state.placed(), None);
        assert_eq!(state.phase, Phase::default(), "back on the review page");
    }

    #[test]
    fn a_resumed_attempt_that_fails_keeps_its_key_for_the_retry() {
        let state = run(
            Rc::default(),
            vec![
                CheckoutAction::ResumeAttempt(attempt("k1", "qt-1")),
                CheckoutAction::PlaceResult(Err(ApiError::Network("offline".into()))),
            ],
        );
        assert_eq!(placing(&state).attempt(), Some(&attempt("k1", "qt-1")));
        let state = state.reduce(CheckoutAction::RetryPlace);
        assert_eq!(placing(&state), &Placing::Sending(attempt("k1", "qt-1")));
    }

    #[test]
    fn cancelling_waits_for_the_server() {
        let state = placed().reduce(CheckoutAction::Cancel);
        assert!(matches!(
            state.phase,
            Phase::Placed {
                cancelling: true,
                ..
            }
        ));
        let tapped = state.clone().reduce(CheckoutAction::Cancel);
        assert!(Rc::ptr_eq(&tapped, &state), "one cancel at a time");
        let state = state.reduce(CheckoutAction::Cancelled);
        assert!(matches!(
            state.phase,
            Phase::Placed {
                cancelling: false,
                ..
            }
        ));
    }

    #[test]
    fn done_returns_to_the_review_page_with_the_choices_kept() {
        let state = placed();
        let paid = Payment {
            status: PaymentStatus::Paid,
            ..checkout("chk-1").payment
        };
        let orders = Rc::new(Vec::new());
        let state = run(
            state,
            vec![
                CheckoutAction::PaymentUpdated(Rc::new(paid)),
                CheckoutAction::OrdersLoaded(Rc::clone(&orders)),
            ],
        );
        assert_eq!(state.placed().unwrap().orders, Some(orders));
        let state = state.reduce(CheckoutAction::Finish);
        assert_eq!(state.phase, Phase::default());
        assert_eq!(state.choices.address_id.as_deref(), Some("adr-1"));
        assert_eq!(state.pricing, Pricing::Priced(quote("qt-1", 115_000)));
    }

    #[test]
    fn starting_again_leaves_a_placed_checkout_for_a_new_one() {
        let state = placed().reduce(CheckoutAction::Start {
            variant_ids: vec!["var-2".into()],
            stream_id: None,
        });
        assert_eq!(state.phase, Phase::default());
        assert!(state.pricing.is_asking());
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
        assert_eq!(state.pricing, Pricing::Asking { last: None });
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

    #[test]
    fn a_deal_is_quoted_from_the_deal_without_the_cart() {
        let state = deal_checkout(None);
        let Some(Ask::Deal { deal_id, request }) = state.ask() else {
            panic!("a deal's quote")
        };
        assert_eq!(deal_id, "fd-1");
        assert_eq!(
            (request.address_id.as_str(), request.quantity),
            ("adr-1", 1)
        );
        assert_eq!(request.payment, PaymentMethod::Qris);
        assert!(state.variant_ids.is_empty());
        assert_eq!(state.refusal, None);
        assert!(state.can_place());
        // A cart checkout after it asks the cart's quote again.
        let cart = run(
            state,
            vec![CheckoutAction::Start {
                variant_ids: vec!["var-1".into()],
                stream_id: None,
            }],
        );
        assert!(matches!(cart.ask(), Some(Ask::Cart(_))));
        assert_eq!(cart.deal_id, None);
    }

    #[test]
    fn a_refused_deal_price_is_kept_to_say_and_the_normal_price_can_be_placed() {
        let state = deal_checkout(Some(ErrorCode::DealSoldOut));
        assert_eq!(state.refusal, Some(ErrorCode::DealSoldOut));
        assert!(matches!(state.pricing, Pricing::Priced(_)));
        assert!(state.can_place(), "the normal-price quote may be placed");
        // A deal answer for another revision, or for a cart checkout, is dropped.
        let revision = state.revision;
        let stale = Rc::clone(&state).reduce(CheckoutAction::DealQuoted {
            revision: revision.wrapping_add(1),
            result: Err(ApiError::Network("x".into())),
        });
        assert!(Rc::ptr_eq(&state, &stale));
    }

    #[test]
    fn a_deal_refused_when_placed_is_asked_once_more_never_placed_again() {
        let state = run(
            deal_checkout(None),
            vec![
                CheckoutAction::Place { key: "k1".into() },
                CheckoutAction::PlaceResult(Err(refused(409, ErrorCode::DealEnded, None))),
            ],
        );
        assert_eq!(state.refusal, Some(ErrorCode::DealEnded));
        assert_eq!(
            *placing(&state),
            Placing::Idle,
            "no attempt is open to retry"
        );
        assert!(
            state.pricing.is_asking(),
            "one new quote, for the normal price"
        );
        assert!(!state.can_place());
        assert!(matches!(state.ask(), Some(Ask::Deal { .. })));
    }

    /// The deal of [`deal_checkout`] as the feed tells it now.
    fn heard(
        state: etalase_contract::FlashDealState,
        units_left: u32,
        limit: u32,
    ) -> CheckoutAction {
        CheckoutAction::DealHeard(etalase_contract::FlashDeal {
            id: "fd-1".into(),
            stream_id: "live-1".into(),
            product_id: "prd-1".into(),
            variant_id: "var-1".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(100_000),
            units: 5,
            units_left,
            units_sold: 0,
            per_buyer_limit: limit,
            state,
            starts_at: "2026-06-14T12:00:00.000Z".into(),
            ends_at: "2026-06-14T12:05:00.000Z".into(),
            starts_in_seconds: 0,
            seconds_left: 100,
        })
    }

    #[test]
    fn a_deal_that_closes_while_choosing_says_so_at_once_and_is_quoted_again() {
        use etalase_contract::FlashDealState;
        let state = deal_checkout(None);
        assert!(state.can_place());
        let revision = state.revision;
        // Another deal's news changes nothing.
        let mut other = heard(FlashDealState::Ended, 0, 1);
        if let CheckoutAction::DealHeard(deal) = &mut other {
            deal.id = "fd-2".into();
        }
        let same = Rc::clone(&state).reduce(other);
        assert!(Rc::ptr_eq(&state, &same));
        // Units sold, still open: nothing to say.
        let state = state.reduce(heard(FlashDealState::Open, 2, 1));
        assert_eq!((state.refusal, state.revision), (None, revision));
        let ended = Rc::clone(&state).reduce(heard(FlashDealState::Ended, 0, 1));
        assert_eq!(ended.refusal, Some(ErrorCode::DealEnded));
        assert!(ended.pricing.is_asking() && !ended.can_place());
        assert_eq!(ended.revision, revision.wrapping_add(1));
        let sold_out = state.reduce(heard(FlashDealState::SoldOut, 0, 1));
        assert_eq!(sold_out.refusal, Some(ErrorCode::DealSoldOut));
        assert!(!sold_out.can_place());
        // The normal price arrives; then an unpaid checkout gives a unit
        // back and the deal price is asked for again.
        let revision = sold_out.revision;
        let sold_out = sold_out.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(answer(quote("qt-n", 110_000))),
        });
        let reopened = sold_out.reduce(heard(FlashDealState::Open, 1, 1));
        assert_eq!(reopened.refusal, None);
        assert_eq!(reopened.revision, revision.wrapping_add(1));
        assert!(matches!(reopened.ask(), Some(Ask::Deal { .. })));
    }

    #[test]
    fn a_deal_buys_up_to_its_limit_as_far_as_units_are_left() {
        use etalase_contract::FlashDealState;
        let state = deal_checkout(None).reduce(heard(FlashDealState::Open, 4, 3));
        assert_eq!(state.deal_most, 3);
        let state = state.reduce(CheckoutAction::DealQuantity(2));
        let Some(Ask::Deal { request, .. }) = state.ask() else {
            panic!("a deal's quote")
        };
        assert_eq!(request.quantity, 2);
        assert!(state.pricing.is_asking());
        // Never above the most, never below 1.
        let state = state.reduce(CheckoutAction::DealQuantity(9));
        assert_eq!(state.quantity, 3);
        let state = state.reduce(CheckoutAction::DealQuantity(0));
        assert_eq!(state.quantity, 1);
        // Fewer units left than chosen: sold out for this quantity.
        let state =
            state
                .reduce(CheckoutAction::DealQuantity(3))
                .reduce(heard(FlashDealState::Open, 2, 3));
        assert_eq!(state.deal_most, 2);
        assert_eq!(state.refusal, Some(ErrorCode::DealSoldOut));
        // Ended: the quantity can still change, at the normal price.
        let state = state.reduce(heard(FlashDealState::Ended, 0, 3));
        assert_eq!(state.deal_most, 2, "the stepper stays");
        // Never over what one shopper may hold of a variant unpaid.
        let state = state.reduce(heard(FlashDealState::Open, 20, 10));
        assert_eq!(state.deal_most, MAX_UNITS_PER_VARIANT);
        let state = state.reduce(CheckoutAction::DealQuantity(9));
        assert_eq!(state.quantity, MAX_UNITS_PER_VARIANT);
        // A cart checkout has no deal quantity.
        let cart = Rc::new(CheckoutState::default()).reduce(CheckoutAction::Start {
            variant_ids: vec!["v".into()],
            stream_id: None,
        });
        let same = Rc::clone(&cart).reduce(CheckoutAction::DealQuantity(2));
        assert!(Rc::ptr_eq(&cart, &same));
    }

    /// `state`'s current revision answered with `quote` and `unavailable`.
    fn quoted(
        state: Rc<CheckoutState>,
        quote: Rc<Quote>,
        unavailable: Vec<UnavailableShipping>,
    ) -> Rc<CheckoutState> {
        let revision = state.revision;
        state.reduce(CheckoutAction::Quoted {
            revision,
            result: Ok(QuoteAnswer {
                quote: (*quote).clone(),
                unavailable_shipping: unavailable,
            }),
        })
    }

    /// `quote` for address `address_id`, its shop offering `options`, the
    /// first of them chosen.
    fn shipped(quote: Rc<Quote>, address_id: &str, options: &[&str]) -> Rc<Quote> {
        let mut quote = (*quote).clone();
        quote.address.id = address_id.into();
        let shop = &mut quote.shops[0];
        shop.shipping_options = options.iter().map(|id| option(id, 10_000)).collect();
        shop.shipping = shop.shipping_options[0].clone();
        Rc::new(quote)
    }

    fn too_heavy(id: &str) -> UnavailableShipping {
        UnavailableShipping {
            shop_id: "shop-1".into(),
            id: id.into(),
            courier: "GoSend".into(),
            service: "Same Day".into(),
            reason: etalase_contract::ShippingRefusal::TooHeavy,
            max_kg: 7,
            parcel_kg: 9,
            message: "GoSend Same Day carries at most 7 kg; this parcel is 9 kg".into(),
        }
    }

    #[test]
    fn a_courier_the_parcel_is_too_heavy_for_is_kept_and_never_chosen() {
        let state = quoted(
            ready(),
            quote("qt-1", 115_000),
            vec![too_heavy("gosend-sameday")],
        );
        assert_eq!(*state.unavailable, vec![too_heavy("gosend-sameday")]);
        let same = Rc::clone(&state).reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "gosend-sameday".into(),
        });
        assert!(Rc::ptr_eq(&state, &same), "not offered: never sent");
        assert!(same.choices.shipping.is_empty());
        // Asking again keeps them with the quote shown meanwhile.
        let asking = state.reduce(CheckoutAction::Insure {
            shop_id: "shop-1".into(),
            insured: true,
        });
        assert!(asking.pricing.is_asking());
        assert_eq!(asking.unavailable.len(), 1);
        let lighter = quoted(asking, quote("qt-2", 120_000), Vec::new());
        assert!(lighter.unavailable.is_empty());
    }

    #[test]
    fn a_deals_parcel_too_heavy_for_a_courier_shows_it_as_a_cart_checkout_does() {
        let state = deal_quoted(deal_started(), None, vec![too_heavy("gosend-sameday")]);
        assert_eq!(state.refusal, None);
        assert_eq!(*state.unavailable, vec![too_heavy("gosend-sameday")]);
        let same = Rc::clone(&state).reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "gosend-sameday".into(),
        });
        assert!(Rc::ptr_eq(&state, &same), "not offered: never sent");
        // The next deal quote's word replaces it.
        let asking = state.reduce(CheckoutAction::Insure {
            shop_id: "shop-1".into(),
            insured: true,
        });
        assert_eq!(asking.unavailable.len(), 1, "kept while asking");
        let lighter = deal_quoted(asking, Some(ErrorCode::DealSoldOut), Vec::new());
        assert_eq!(lighter.refusal, Some(ErrorCode::DealSoldOut));
        assert!(lighter.unavailable.is_empty());
    }

    #[test]
    fn a_new_address_keeps_the_courier_or_says_which_replaced_it() {
        let state = quoted(
            ready(),
            shipped(
                quote("qt-1", 115_000),
                "adr-1",
                &["jne-reg", "grab-sameday"],
            ),
            Vec::new(),
        );
        let state = state.reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "grab-sameday".into(),
        });
        let state = quoted(
            state,
            {
                let mut chosen = (*shipped(
                    quote("qt-2", 120_000),
                    "adr-1",
                    &["jne-reg", "grab-sameday"],
                ))
                .clone();
                chosen.shops[0].shipping = option("grab-sameday", 10_000);
                Rc::new(chosen)
            },
            Vec::new(),
        );
        let addresses = vec![address("adr-1"), address("adr-2")];
        let state = run(
            state,
            vec![
                CheckoutAction::AddressesLoaded(Ok(Rc::new(addresses))),
                CheckoutAction::PickAddress("adr-2".into()),
            ],
        );
        let Some(request) = state.request() else {
            panic!("an address is chosen")
        };
        assert_eq!(
            request.shipping[0].option_id, "grab-sameday",
            "the choice goes with the new address"
        );
        // Out of the shop's city: the server refuses it, the choice goes.
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::InvalidField,
                Some("shipping[0].option_id"),
            )),
        });
        assert!(state.pricing.is_asking(), "quoted again at once");
        assert_ne!(state.revision, revision);
        assert!(state.choices.shipping.is_empty());
        assert!(
            state.replaced.is_empty(),
            "said once the new quote names one"
        );
        let state = quoted(
            state,
            shipped(quote("qt-3", 130_000), "adr-2", &["sicepat-reg", "jne-reg"]),
            Vec::new(),
        );
        assert_eq!(state.replaced.len(), 1);
        assert_eq!(state.replaced[0].before.id, "grab-sameday");
        assert_eq!(
            state.replaced[0].because,
            super::super::couriers::Because::City
        );
        // Choosing for the shop takes the note down.
        let state = state.reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "jne-reg".into(),
        });
        assert!(state.replaced.is_empty());
        assert_eq!(state.choices.shipping[0].option_id, "jne-reg");
    }

    #[test]
    fn a_courier_still_offered_at_the_new_address_stays_without_a_note() {
        let state = quoted(
            ready(),
            shipped(quote("qt-1", 115_000), "adr-1", &["jne-reg", "jne-yes"]),
            Vec::new(),
        );
        let state = run(
            state,
            vec![
                CheckoutAction::ChooseShipping {
                    shop_id: "shop-1".into(),
                    option_id: "jne-yes".into(),
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-1"),
                    address("adr-2"),
                ]))),
                CheckoutAction::PickAddress("adr-2".into()),
            ],
        );
        assert_eq!(state.choices.shipping[0].option_id, "jne-yes");
        let state = quoted(
            state,
            shipped(quote("qt-2", 120_000), "adr-2", &["jne-reg", "jne-yes"]),
            Vec::new(),
        );
        assert!(state.replaced.is_empty());
        // A refusal naming a courier the shopper never chose is an error.
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Requote);
        let state = state.reduce(CheckoutAction::Quoted {
            revision: revision + 1,
            result: Err(refused(
                422,
                ErrorCode::InvalidField,
                Some("shipping[3].option_id"),
            )),
        });
        assert!(matches!(state.pricing, Pricing::Failed { .. }));
    }

    #[test]
    fn an_insured_parcel_whose_courier_is_refused_stays_insured() {
        let state = quoted(
            ready(),
            shipped(
                quote("qt-1", 115_000),
                "adr-1",
                &["grab-sameday", "jne-reg"],
            ),
            Vec::new(),
        );
        let state = run(
            state,
            vec![
                CheckoutAction::Insure {
                    shop_id: "shop-1".into(),
                    insured: true,
                },
                CheckoutAction::AddressesLoaded(Ok(Rc::new(vec![
                    address("adr-1"),
                    address("adr-2"),
                ]))),
                CheckoutAction::PickAddress("adr-2".into()),
            ],
        );
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::InvalidField,
                Some("shipping[0].option_id"),
            )),
        });
        assert!(state.choices.shipping.is_empty());
        assert_eq!(state.insure_again, ["shop-1"]);
        let state = quoted(
            state,
            shipped(quote("qt-2", 120_000), "adr-2", &["sicepat-reg", "jne-reg"]),
            Vec::new(),
        );
        assert_eq!(
            state.choices.shipping,
            [ShippingChoice {
                shop_id: "shop-1".into(),
                option_id: "sicepat-reg".into(),
                insurance: true,
            }],
            "insured again with the courier the server chose"
        );
        assert!(state.pricing.is_asking(), "and priced so");
        assert!(state.insure_again.is_empty());
        assert_eq!(state.replaced.len(), 1, "the note stays");
        let state = quoted(
            state,
            shipped(quote("qt-3", 125_000), "adr-2", &["sicepat-reg", "jne-reg"]),
            Vec::new(),
        );
        assert!(matches!(state.pricing, Pricing::Priced(_)));
        assert_eq!(state.replaced[0].before.id, "grab-sameday");
    }

    #[test]
    fn a_courier_gone_with_an_address_corrected_in_place_is_said_as_the_addresss() {
        let state = quoted(
            ready(),
            shipped(
                quote("qt-1", 115_000),
                "adr-1",
                &["jne-reg", "gosend-instant"],
            ),
            Vec::new(),
        );
        let state = state.reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "gosend-instant".into(),
        });
        let mut chosen = (*shipped(
            quote("qt-2", 120_000),
            "adr-1",
            &["jne-reg", "gosend-instant"],
        ))
        .clone();
        chosen.shops[0].shipping = option("gosend-instant", 10_000);
        let state = quoted(state, Rc::new(chosen), Vec::new());
        // The same address, moved to Jakarta: its id kept.
        let mut moved = address("adr-1");
        moved.address.city = "Kota Jakarta Selatan".into();
        moved.region_code = Some("31.74.01.1001".into());
        let state = run(
            state,
            vec![
                CheckoutAction::EditAddress("adr-1".into()),
                CheckoutAction::SavingAddress,
                CheckoutAction::AddressSaved(Ok(moved)),
            ],
        );
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::InvalidField,
                Some("shipping[0].option_id"),
            )),
        });
        let state = quoted(
            state,
            shipped(quote("qt-3", 130_000), "adr-1", &["sicepat-reg", "jne-reg"]),
            Vec::new(),
        );
        assert_eq!(state.replaced.len(), 1);
        assert_eq!(state.replaced[0].before.id, "gosend-instant");
        assert_eq!(
            state.replaced[0].because,
            super::super::couriers::Because::City,
            "not listed as too heavy: the address's doing, though its id is the same"
        );
        assert!(state.refused_couriers.is_empty());
    }

    #[test]
    fn a_courier_the_server_picked_is_replaced_silently_one_chosen_is_said_as_the_parcels() {
        let state = quoted(
            ready(),
            shipped(
                quote("qt-1", 115_000),
                "adr-1",
                &["grab-sameday", "grab-instant", "jne-reg"],
            ),
            Vec::new(),
        );
        // The parcel grows past Same Day's 7 kg: the server's cheapest is
        // now another, and the shopper never chose Same Day.
        let state = quoted(
            state.reduce(CheckoutAction::Requote),
            shipped(
                quote("qt-2", 140_000),
                "adr-1",
                &["jne-reg", "grab-instant"],
            ),
            vec![too_heavy("grab-sameday")],
        );
        assert!(state.replaced.is_empty(), "{:?}", state.replaced);
        // Chosen by the shopper, then too heavy: refused, said as the parcel's.
        let state = state.reduce(CheckoutAction::ChooseShipping {
            shop_id: "shop-1".into(),
            option_id: "grab-instant".into(),
        });
        let mut chosen = (*shipped(
            quote("qt-3", 150_000),
            "adr-1",
            &["jne-reg", "grab-instant"],
        ))
        .clone();
        chosen.shops[0].shipping = option("grab-instant", 10_000);
        let state = quoted(state, Rc::new(chosen), Vec::new());
        let state = state.reduce(CheckoutAction::Requote);
        let revision = state.revision;
        let state = state.reduce(CheckoutAction::Quoted {
            revision,
            result: Err(refused(
                422,
                ErrorCode::InvalidField,
                Some("shipping[0].option_id"),
            )),
        });
        let state = quoted(
            state,
            shipped(quote("qt-4", 160_000), "adr-1", &["jne-reg"]),
            vec![too_heavy("grab-sameday"), too_heavy("grab-instant")],
        );
        assert_eq!(state.replaced.len(), 1);
        assert_eq!(state.replaced[0].before.id, "grab-instant");
        assert_eq!(
            state.replaced[0].because,
            super::super::couriers::Because::Parcel
        );
    }
}
