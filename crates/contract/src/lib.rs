//! The marketplace API's contract, shared by the widget and the server.
//!
//! Every request and response body of the API is declared here once, so the
//! widget (compiled to wasm) and the server (native) can never disagree on a
//! field. The crate does no I/O and has no dependency beyond serde; with
//! the `js` feature (the widget's), each answer type also reads itself from
//! a JS value ([`js::FromJs`]).

mod address;
mod cart;
mod catalogue;
mod checkout;
mod creator;
mod deals;
mod error;
mod idempotency;
mod identity;
#[cfg(feature = "js")]
pub mod js;
mod live;
mod locale;
mod money;
mod orders;
mod payments;
mod social;
mod videos;
mod wire;

pub use address::{
    Address, AddressForm, AddressList, PhoneNumber, PostalCode, Province, Region, RegionCode,
    RegionLevel, RegionList, RegionSearch, SavedAddress, SavedAddressList, PROVINCES,
    PROVINCE_ALIASES,
};
pub use cart::{Cart, CartItem, CartShop, SetQuantity, MAX_UNITS_PER_VARIANT};
pub use catalogue::{
    CatalogueProduct, CreatorSummary, ProductCard, ProductDetail, ProductOption, ProductPage,
    ShopSummary, Showcase, StreamKind, StreamList, StreamSummary, UpcomingStream,
    UpcomingStreamList, Variant,
};
pub use checkout::{
    AppliedVoucher, Bank, LineItem, PaymentMethod, Quote, QuoteAnswer, QuoteRequest,
    ShippingChoice, ShippingOption, ShippingRefusal, ShopQuote, Totals, UnavailableShipping,
    VoucherKind, VoucherList, VoucherOffer, Wallet,
};
pub use creator::{
    CreatorStream, CreatorStreamList, CreatorVoucher, CreatorVoucherList, DropVoucher, NewStream,
    ProductSales, SetPin, SetShowcase, StreamSales, MAX_SHOWCASE_PRODUCTS,
};
pub use deals::{
    DealQuote, DealQuoteRequest, FlashDeal, FlashDealList, FlashDealState, StartFlashDeal,
};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, QuoteChangedBody, QuoteChangedDetail};
pub use idempotency::IdempotencyKey;
pub use identity::{
    KeyStanding, OriginAnswer, OriginCheck, PublishableKey, PublishableKeyList,
    PublishableKeySummary, Role, SessionRequest, SessionToken,
};
pub use live::{DealEvent, FeedEvent, LiveVoucher, LiveVoucherKind, ProductStock, StreamEvent};
pub use locale::Locale;
pub use money::Rupiah;
pub use orders::{
    Checkout, Order, OrderList, OrderStatus, Payment, PaymentInstructions, PaymentStatus,
    PlaceOrder, StatusChange,
};
pub use payments::{PaymentEvent, PaymentEventKind, WebhookAck};
pub use social::{mask_name, HostSettings, SocialEvent};
pub use videos::{
    NewVideoTag, ProductVideo, ProductVideoList, TagSource, VideoTag, VideoTagList,
    MAX_VIDEO_SECONDS, MAX_VIDEO_TAGS,
};
pub use wire::WireName;
