//! Every user-visible string, in Indonesian (id-ID) and US English (en-US).
//!
//! Components never hold literal text: they ask for a [`Text`] in a
//! [`Locale`]. Each language has two tables: the texts the first part shows
//! (`id.rs`, `en.rs`, in the first download) and the rest ([`later`], which
//! the later parts register as they draw). A key missing from both, or in
//! both, or in one language only, fails the tests here; a key the core
//! names that is not a first text fails `tests/layers.rs`.
//! Texts with a slot (`{}`) go through [`fill`]; counts go through [`count`]
//! (or [`compact`] where space is tight)
//! (and units through [`items`], which knows English plurals); money goes
//! through `Rupiah::format`.

mod en;
mod id;
pub mod later;

use std::cell::Cell;

use etalase_contract::Locale;

/// The language the catalogue's own words are written in: product and
/// shop names, options and descriptions come from Indonesian sellers, so
/// they are marked `lang="id"` whatever the widget's language, for screen
/// readers to pronounce them right.
pub const CATALOGUE: &str = "id";

/// A table of texts: the text of a key in a locale, if the table has it.
type Table = fn(Text, Locale) -> Option<&'static str>;

thread_local! {
    /// The later parts' table, once one of them has registered it.
    static LATER: Cell<Option<Table>> = const { Cell::new(None) };
}

/// `key` in `locale` from the later parts' table: registered by a part as
/// it draws (a text the first part never shows), or linked in without the
/// `split` feature.
fn later_text(key: Text, locale: Locale) -> Option<&'static str> {
    #[cfg(not(feature = "split"))]
    let table: Option<Table> = Some(later::table);
    #[cfg(feature = "split")]
    let table = LATER.with(Cell::get);
    table.and_then(|table| table(key, locale))
}

/// Declares [`Text`] and its list of every key from one list.
macro_rules! keys {
    ($($(#[doc = $doc:literal])+ $key:ident,)+) => {
        /// A key for one user-visible text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $($(#[doc = $doc])+ $key,)+
        }

        impl Text {
            /// Every key, in declaration order.
            pub const ALL: &'static [Text] = &[$(Text::$key,)+];
        }
    };
}

keys! {
    /// Label of the strip of product cards.
    ProductsInStream,
    /// Badge on the product the creator pinned.
    Pinned,
    /// Badge on the product tagged at the video's current second: one line
    /// over the card's 64 px image, so a word or two.
    OnScreen,
    /// In the studio's sales, a video's product: the median second of
    /// playback its buyers opened it at; the slot is minutes and seconds.
    SalesOpenedAt,
    /// Heading of the other videos that feature a product, in its sheet.
    AlsoInVideos,
    /// Where a product is on screen in a live stream that still pins it;
    /// the slot is minutes and seconds.
    VideoFrom,
    /// How many watch the stream now; the slot is the compact number.
    Watching,
    /// The purchase ticker's line; the slot is the buyer's masked name, and
    /// the product's name follows.
    JustBought,
    /// The purchase ticker's line for a buyer with no name; the product's
    /// name follows.
    SomeoneBought,
    /// Name of the banner of a live stream that has not started.
    UpcomingStream,
    /// Before the countdown to a stream's start.
    StartsIn,
    /// A countdown's days, more than one; the slot is the number.
    Days,
    /// A countdown's one day; the slot is the number (1).
    DaysOne,
    /// A countdown's hours, after its days or before its minutes; the
    /// slot is the number.
    Hours,
    /// A countdown's minutes, after its hours; the slot is the number.
    Minutes,
    /// Says a video's sales figures update by themselves as its orders
    /// come in and are paid.
    SalesVideo,
    /// Button asking the host to remind the viewer when the stream starts.
    RemindMe,
    /// The same button once tapped.
    ReminderSet,
    /// Said once the viewer asked for a reminder.
    ReminderSaid,
    /// A product or variant with no stock left.
    SoldOut,
    /// Stock of 5 or fewer; the slot is the number.
    StockLow,
    /// Label of a flash deal: over the video, and on a card whose every
    /// unit left is in a deal not yet over.
    DealTitle,
    /// Stock above 5; the slot is the number.
    StockPlenty,
    /// Units sold; the slot is the grouped number.
    SoldCount,
    /// Prefix read before a struck-through price.
    PriceBeforeDiscount,
    /// Where the shop ships from; the slot is the city.
    ShipsFrom,
    /// Heading of the product description.
    Description,
    /// Label of the product photo gallery.
    ProductPhotos,
    /// The photo in view, said as the gallery settles; the slot is its number.
    PhotoPosition,
    /// Said after `PhotoPosition`; the slot is the number of photos.
    PhotoOutOf,
    /// Label of the product sheet before its product has loaded.
    ProductDetails,
    /// Label of the showcase while it loads.
    LoadingProducts,
    /// Label of the product sheet while it loads.
    LoadingProduct,
    /// The showcase has no products.
    ShowcaseEmpty,
    /// The request never got an answer.
    ErrorNetwork,
    /// A page whose origin the API refuses: the host has not registered it.
    ErrorOriginRefused,
    /// The stream's showcase does not exist.
    ErrorShowcaseNotFound,
    /// The product does not exist.
    ErrorProductNotFound,
    /// The server is overloaded; retrying later should work.
    ErrorBusy,
    /// Any other failure.
    ErrorGeneric,
    /// A part of the widget could not be fetched.
    ErrorPart,
    /// Accessible name of a part of the widget on its way.
    Loading,
    /// Button that repeats a failed load.
    Retry,
    /// Button that closes a sheet.
    Close,
    /// Visible label of the button that folds the card strip away and back.
    ProductsToggle,
    /// The cart: its button's label and its sheet's title.
    Cart,
    /// Exactly one unit; the slot is the number.
    ItemsOne,
    /// Any other number of units; the slot is the number.
    ItemsMany,
    /// Button that puts the chosen variant in the cart.
    AddToCart,
    /// Button that puts the chosen variant in the cart and opens it, ticked alone.
    BuyNow,
    /// Label of a quantity stepper.
    Quantity,
    /// Button lowering a quantity by one.
    Decrease,
    /// Button raising a quantity by one.
    Increase,
    /// Shown instead of the quantity while the choice names no variant.
    ChooseVariant,
    /// Beside a chosen variant that sold out while others have stock.
    ChooseAnother,
    /// A cart line's option values; the slot is the values.
    VariantIs,
    /// Label of a shop's checkbox; the slot is the shop.
    SelectShop,
    /// Label of a line's checkbox; the slot is the product.
    SelectLine,
    /// Label of a line's remove button; the slot is the product.
    RemoveLine,
    /// Toast after a line was removed.
    Removed,
    /// Button on the toast that puts a removed line back.
    Undo,
    /// Toast after a line went into the cart.
    Added,
    /// Toast: a cart change was undone for want of a connection.
    RefusedOffline,
    /// Toast: a cart change asked for more than the stock.
    RefusedStock,
    /// Toast: a cart change asked for more of a variant than one shopper
    /// may hold; the slot is the most.
    RefusedLimit,
    /// Beside the quantity at the most one shopper may hold; the slot is
    /// that most.
    UnitCap,
    /// Said in the product sheet as the quantity reaches the variant's
    /// stock; the slot is the stock.
    OnlyLeft,
    /// Name of a variant chip with no stock; the slot is the value.
    ValueSoldOut,
    /// Said when the device's connection comes back.
    BackOnline,
    /// Toast: the product is no longer sold.
    RefusedGone,
    /// Toast: a cart change failed for another reason.
    RefusedFailed,
    /// The shopper's token expired or is missing.
    SessionEnded,
    /// Toast: a line waits for the viewer, browsing with the publishable
    /// key, to sign in; nothing was sent yet.
    SignInToAdd,
    /// Toast: "Buy now" waits for the viewer, browsing, to sign in.
    SignInToBuy,
    /// Heading of the cart while the viewer browses without signing in.
    SignInForCart,
    /// Button of the cart while the viewer browses: asks the host again.
    SignIn,
    /// Heading of the empty cart.
    CartEmpty,
    /// What to do about an empty cart.
    CartEmptyHint,
    /// Label of the cart while it loads.
    LoadingCart,
    /// Label of the ticked lines' total, which leaves shipping out.
    Subtotal,
    /// A cart line above its stock; the slot is the units left.
    ShortStock,
    /// Title of the checkout sheet.
    CheckoutTitle,
    /// Title of the checkout sheet once the order is placed: its payment.
    PaymentTitle,
    /// The cart's button to check out the ticked lines; the slot is the unit count.
    CheckoutButton,
    /// Button back to the previous page of the checkout.
    Back,
    /// Heading of the address section.
    ShippingAddress,
    /// Button to pick another address.
    ChangeAddress,
    /// Title of the saved addresses page.
    ChooseAddress,
    /// Button to add an address.
    AddAddress,
    /// Title of the address form.
    NewAddress,
    /// Label of the recipient field.
    FieldRecipient,
    /// Label of the phone field.
    FieldPhone,
    /// Label of the district-or-city search.
    FieldRegion,
    /// Hint under the district-or-city search.
    RegionHint,
    /// The search waits for a longer word.
    RegionTypeMore,
    /// A region search is on its way.
    RegionSearching,
    /// One region found; the slot is 1.
    RegionResultOne,
    /// Regions found; the slot is the number.
    RegionResults,
    /// More regions found than listed; the slot is the number listed.
    RegionResultsMore,
    /// No region found; the slot is the text searched.
    RegionNone,
    /// The region search or a list of regions failed to load.
    RegionsFailed,
    /// A found region is a regency or city.
    LevelCity,
    /// A found region is a district.
    LevelDistrict,
    /// A found region is a village.
    LevelVillage,
    /// Label of the picker of a city's districts.
    FieldDistrict,
    /// Label of the picker of a district's villages.
    FieldVillage,
    /// Placeholder option of the district picker.
    ChooseDistrict,
    /// Placeholder option of the village picker.
    ChooseVillage,
    /// A list of districts or villages is loading.
    LoadingRegions,
    /// Label of the postal code field.
    FieldPostalCode,
    /// Hint under a postal code filled from the village.
    PostalCodeHint,
    /// Label of the street field.
    FieldStreet,
    /// Hint under the street field.
    StreetHint,
    /// Button that saves the address.
    SaveAddress,
    /// The address is being saved.
    Saving,
    /// A bad recipient.
    ErrorRecipient,
    /// A bad phone number.
    ErrorPhone,
    /// No district or city picked from the list.
    ErrorRegion,
    /// No district picked from the city's.
    ErrorDistrict,
    /// No village picked, or one the server does not know.
    ErrorVillage,
    /// A bad postal code.
    ErrorPostalCode,
    /// The server refused the postal code as not the village's.
    ErrorPostalCodeVillage,
    /// A street too short or long.
    ErrorStreet,
    /// The server refused the address.
    ErrorAddressSave,
    /// Title of the form that completes a legacy address.
    FixAddressTitle,
    /// Why a legacy address is asked for its district.
    LegacyAddressWhy,
    /// Button that completes a legacy address.
    FixAddress,
    /// Tag of a legacy address in the address book.
    NeedsRegion,
    /// Button that opens a saved address in the form to correct it.
    EditAddress,
    /// What the edit button says to screen readers; the slot is the address.
    EditAddressOf,
    /// Title of the form correcting a saved address.
    EditAddressTitle,
    /// Button that abandons the address form.
    CancelForm,
    /// Why a courier does not deliver to an address on the region list,
    /// after `CourierGoneAddress`; the slot is the shop's city.
    CourierOnlyCity,
    /// Button that asks to delete a saved address.
    DeleteAddress,
    /// What the delete button says to screen readers; the slot is the address.
    DeleteAddressOf,
    /// The question before a saved address is deleted.
    DeleteAddressAsk,
    /// Button that confirms deleting the saved address.
    DeleteAddressYes,
    /// Said when a saved address was not deleted, before why.
    DeleteAddressFailed,
    /// Label of a shop's courier choice; the slot is the shop.
    ShippingTo,
    /// Label of the insurance checkbox; the slot is its price.
    Insurance,
    /// Heading of the voucher section.
    Vouchers,
    /// Label of the voucher code field.
    VoucherCode,
    /// Button that applies the typed code.
    ApplyVoucher,
    /// Accessible name of a voucher's remove button; the slot is the code.
    RemoveVoucher,
    /// A percentage voucher; the slot is the percentage.
    VoucherPercent,
    /// A fixed voucher; the slot is the amount.
    VoucherAmount,
    /// A free-shipping voucher; the slot is its cap.
    VoucherFreeShipping,
    /// A percentage voucher's cap; the slot is the amount.
    VoucherCap,
    /// A voucher's minimum spend; the slot is the amount.
    VoucherMinSpend,
    /// A voucher the quote applied; the slot is the discount.
    VoucherApplied,
    /// No voucher has the code; the slot is the code.
    VoucherNotFound,
    /// The voucher has expired; the slot is the code.
    VoucherExpired,
    /// The voucher does not apply; the slot is the code.
    VoucherNotApplicable,
    /// The voucher does not apply yet, before what it takes; the slot is
    /// the code.
    VoucherNotYet,
    /// What the goods lack of a voucher's minimum spend; the slot is the
    /// amount.
    VoucherSpendMore,
    /// The voucher's quota is used up; the slot is the code.
    VoucherExhausted,
    /// Heading of the payment methods.
    PaymentMethodTitle,
    /// The e-wallet method.
    MethodEwallet,
    /// The COD method, as a choice.
    MethodCodShort,
    /// The card method, as a choice.
    MethodCardShort,
    /// Label of the bank choice.
    ChooseBank,
    /// Label of the wallet choice.
    ChooseWallet,
    /// COD cannot pay this checkout.
    CodUnavailable,
    /// The shopper already has as many cash-on-delivery orders on their way
    /// as one shopper may.
    CodLimit,
    /// Heading of the totals.
    Summary,
    /// Line of the goods' total; the slot is the units.
    ItemsSubtotal,
    /// Line of the shipping total.
    ShippingCost,
    /// Line of the insurance total.
    InsuranceCost,
    /// Line of the discounts.
    DiscountTotal,
    /// Line of the payment method's fee.
    PaymentFee,
    /// Line of what the shopper pays.
    GrandTotal,
    /// Button that places the order.
    PlaceOrder,
    /// The order is on its way.
    PlacingOrder,
    /// Why the order cannot be placed yet.
    ChoosePaymentFirst,
    /// Placing failed for good; retrying is safe.
    PlaceFailed,
    /// The quote changed before placing.
    PriceChanged,
    /// Label of the total the shopper saw.
    TotalBefore,
    /// Label of the new total.
    TotalNow,
    /// Button that places the changed quote.
    ConfirmNewPrice,
    /// A product sold out meanwhile; the slot is its name.
    OutOfStockItem,
    /// The shopper has as many checkouts waiting for payment as one may.
    ReservationLimit,
    /// The shopper holds the most units of one product one may, unpaid; the
    /// slot is its name.
    ReservationLimitLine,
    /// The shopper holds the most units one may over all products, unpaid.
    ReservationLimitUnits,
    /// Button back to the cart.
    EditCart,
    /// The quote is being worked out.
    QuoteLoading,
    /// The quote could not be had.
    QuoteFailed,
    /// Label of the addresses while they load.
    LoadingAddresses,
    /// Button that closes a finished checkout.
    Done,
    /// Button and title of the order history.
    MyOrders,
    /// Accessible name of the creator's tools.
    CreatorTools,
    /// Tab of the showcase (its product count beside it, as a badge).
    TabShowcase,
    /// Tab of the catalogue search.
    TabCatalogue,
    /// Tab of the stream's sales.
    TabSales,
    /// Under the showcase list.
    ShowcaseHint,
    /// An empty showcase, to its creator.
    ShowcaseEmptyCreator,
    /// Button that pins a product; the slot is its name.
    PinProduct,
    /// Visible label of the pin button.
    PinShort,
    /// Button that moves a product up; the slot is its name.
    MoveUp,
    /// Button that moves a product down; the slot is its name.
    MoveDown,
    /// Button that takes a product out of the showcase; the slot is its name.
    Detach,
    /// Button that adds a product to the showcase; the slot is its name.
    Attach,
    /// Visible label of the add button.
    AttachShort,
    /// A product already in the showcase.
    InShowcase,
    /// Said once a product was added to the showcase; the slot is its name.
    AddedToShowcase,
    /// The showcase holds as many products as it may.
    ShowcaseFull,
    /// A showcase change the server refused.
    ChangeRefused,
    /// Label of the search field.
    SearchProducts,
    /// Label of the shop filter.
    SearchShop,
    /// Label of the lowest price.
    MinPrice,
    /// Label of the highest price.
    MaxPrice,
    /// Label of the in-stock filter.
    InStockOnly,
    /// Button that runs the search.
    SearchButton,
    /// A search with no results.
    NoResults,
    /// The page; the slot is e.g. 1/3.
    PageOf,
    /// Button to the previous page.
    PreviousPage,
    /// Button to the next page.
    NextPage,
    /// A product's commission; the slot is the percentage.
    Commission,
    /// Label of the paid orders.
    SalesOrders,
    /// Label of the units sold.
    SalesUnits,
    /// Label of the gross merchandise value.
    SalesGmv,
    /// Label of the creator's commission.
    SalesCommission,
    /// Heading of the sales per product.
    SalesByProduct,
    /// A stream with no paid orders yet.
    SalesNone,
    /// Button that loads the sales again.
    Refresh,
    /// A product's stock in the creator's list; the slot is the units.
    StockCount,
    /// Heading of a live voucher over the video.
    LiveVoucherTitle,
    /// Said aloud when a live voucher arrives; the slot is its terms.
    LiveVoucherNew,
    /// Button that claims a live voucher.
    LiveVoucherClaim,
    /// A claim on its way.
    LiveVoucherClaiming,
    /// Button of a claim waiting for the viewer, browsing with the
    /// publishable key, to sign in: asks the host again.
    LiveVoucherSignIn,
    /// A claimed live voucher.
    LiveVoucherClaimed,
    /// Claims left; the slot is the number.
    LiveVoucherLeft,
    /// The voucher's claiming window closed.
    LiveVoucherEnded,
    /// Every claim was taken.
    LiveVoucherGone,
    /// The claim failed otherwise.
    LiveVoucherFailed,
    /// A flash deal's countdown to its opening; the slot is `m:ss`.
    DealStartsIn,
    /// A product whose every unit left is in a flash deal not yet over.
    StockInDeal,
    /// The product sheet's button to the checkout of its open flash deal.
    BuyAtDeal,
    /// The deal form's product choice before one is chosen.
    ChooseDealProduct,
    /// The order detail's button to an order's payment, to pay or cancel it.
    ContinuePayment,
    /// A refusal to hold more units of a variant in unpaid orders; the
    /// slot is the most one shopper may hold.
    ReservationLimitMost,
    /// The address book's note that a new address was left half typed.
    AddressDraftKept,
    /// The button that opens the half-typed new address again.
    ContinueDraft,
    /// An open flash deal's time left; the slot is `m:ss`.
    DealEndsIn,
    /// A flash deal's units left; the slot is `left/all`.
    DealUnitsLeft,
    /// Button that buys a flash deal.
    DealBuy,
    /// A flash deal whose time ran out or that its creator ended.
    DealEnded,
    /// Said once when a flash deal is announced.
    DealComing,
    /// Said once when a flash deal opens.
    DealOpened,
    /// Said once when a flash deal sells out.
    DealSoldOut,
    /// Said once when a flash deal ends.
    DealEndedSaid,
    /// The deal price does not apply: the deal has not opened.
    RefusedDealNotStarted,
    /// The deal price does not apply: the deal ended.
    RefusedDealEnded,
    /// The deal price does not apply: its units are sold.
    RefusedDealSoldOut,
    /// The deal price does not apply: the buyer reached the limit.
    RefusedDealLimit,
    /// Tab of the flash deal form.
    TabDeal,
    /// Label of the flash deal's product.
    FieldDealProduct,
    /// Label of the flash deal's variant, for a product of several.
    FieldDealVariant,
    /// Label of the flash deal's price.
    FieldDealPrice,
    /// Label of the flash deal's units.
    FieldDealUnits,
    /// Label of the most units one buyer may buy.
    FieldDealLimit,
    /// Label of the seconds until the deal opens.
    FieldDealStartsIn,
    /// Label of how long the deal stays open.
    FieldDealMinutes,
    /// Button that announces the flash deal.
    StartDealButton,
    /// The flash deal is on its way.
    StartingDeal,
    /// The product cannot have a deal now.
    ErrorDealProduct,
    /// The variant is not one of the product's.
    ErrorDealVariant,
    /// No product is chosen for the deal.
    ErrorDealChooseProduct,
    /// The deal price is out of range; the slot is the least price.
    ErrorDealPrice,
    /// A number field of a creator's form holds something other than a
    /// whole number.
    ErrorWholeNumber,
    /// The deal's units are out of range.
    ErrorDealUnits,
    /// The deal's units are above the chosen variant's stock, or none; the
    /// slot is the stock.
    ErrorDealUnitsUpTo,
    /// The chosen variant has no stock to set aside.
    ErrorDealNoStock,
    /// The per-buyer limit is out of range.
    ErrorDealLimit,
    /// The start is out of range.
    ErrorDealStartsIn,
    /// The duration is out of range.
    ErrorDealMinutes,
    /// The deal could not be started otherwise.
    DealStartFailed,
    /// Heading of the stream's flash deals.
    DealsHeading,
    /// The stream has no flash deals.
    DealsNone,
    /// A deal not yet open, in the creator's list.
    DealStateUpcoming,
    /// An open deal, in the creator's list.
    DealStateOpen,
    /// A deal's units in orders, paid or not, in the creator's list; the
    /// slot is `ordered of all` ("3 dari 10").
    DealOrdered,
    /// Under the creator's deals: what their units ordered count.
    DealsCountNote,
    /// An ended deal's units not sold went back to the variant's stock, in
    /// the creator's list.
    DealRestBack,
    /// Button that ends a flash deal now.
    EndDeal,
    /// The most units of a flash deal one buyer may buy; the slot is the number.
    DealMostPerBuyer,
    /// Accessible name of the confirmation before ending a deal; the slot is the product.
    EndDealQuestion,
    /// Accessible name of the confirmation before ending a voucher; the slot is its code.
    EndVoucherQuestion,
    /// A showcase product's place; the slot is e.g. "3 dari 12".
    ShowcasePosition,
    /// The word between a place and the count: "3 dari 12".
    PositionOf,
    /// A product taken out of the showcase; the slot is its name.
    RemovedFromShowcase,
    /// A product whose pin came off; the slot is its name.
    UnpinnedProduct,
    /// Heading of the stream's live vouchers in the studio.
    VouchersHeading,
    /// The stream has no live vouchers.
    VouchersNone,
    /// Claims taken of the quota; the slot is "taken/quota".
    VoucherClaims,
    /// Claims used in orders, paid or not; the slot is the number.
    VoucherInOrders,
    /// Under the creator's vouchers: what their claims in orders count.
    VouchersCountNote,
    /// Time left to claim a voucher; the slot is minutes and seconds.
    VoucherClosesIn,
    /// A voucher no longer claimable.
    VoucherClosed,
    /// The range of a fixed amount off; the slot is the range.
    ErrorVoucherAmount,
    /// The word between a range's ends: "Rp1.000 sampai Rp100.000".
    RangeTo,
    /// The range of a percentage off.
    ErrorVoucherPercent,
    /// The range of a percentage's cap, which it needs; the slot is the range.
    ErrorVoucherCap,
    /// What a minimum spend may be; the slot is the least.
    ErrorVoucherMinSpend,
    /// The range of a voucher's quota.
    ErrorVoucherQuota,
    /// The range of a voucher's claim window.
    ErrorVoucherMinutes,
    /// A money field holding no amount.
    ErrorAmount,
    /// The short question before ending a deal, beside its buttons.
    EndDealShort,
    /// Button that confirms ending a deal now.
    EndDealYes,
    /// Button that keeps a deal running.
    EndDealKeep,
    /// A recorded video cannot have flash deals.
    DealsLiveOnly,
    /// Above a form's button: the fields to fix; the slot is their names.
    FieldsToFix,
    /// Tab of the live voucher form.
    TabVoucher,
    /// The fixed-amount choice.
    VoucherKindAmount,
    /// The percentage choice.
    VoucherKindPercent,
    /// Label of a fixed-amount voucher's value.
    FieldValueAmount,
    /// Label of a percentage voucher's value.
    FieldValuePercent,
    /// Label of a percentage's cap.
    FieldMaxDiscount,
    /// Label of the minimum spend.
    FieldMinSpend,
    /// Label of the quota.
    FieldQuota,
    /// Label of the claim window.
    FieldMinutes,
    /// Button that drops the voucher.
    DropVoucherButton,
    /// The voucher is on its way.
    Dropping,
    /// The voucher reached the viewers; the slot is its code.
    VoucherDropped,
    /// The server refused the voucher.
    DropRefused,
    /// A studio tab's one visible word: the catalogue to add from.
    TabCatalogueShort,
    /// A studio tab's one visible word: the flash deals.
    TabDealShort,
    /// Said when a product moved up reached the top; the slot is the product.
    AtTop,
    /// Said when a product moved down reached the end; the slot is the product.
    AtBottom,
    /// The deal price's range, with the chosen variant's normal price in its slot.
    ErrorDealPriceUnder,
    /// Accessible name of a live voucher's End; the slot is its terms.
    EndVoucherNamed,
    /// Accessible name of the voucher form's kind choice.
    VoucherKindGroup,
    /// Said when a catalogue search answered; the slot is how many products.
    ProductsFound,
    /// A flash-deal form's product or variant with no stock left.
    DealNoStockTag,
    /// Banner while the device has no connection.
    Offline,
    // Payment and orders
    /// Label of the amount due.
    PayTotal,
    /// Label before the time left to pay.
    PayWithin,
    /// The payment's deadline; the slot is the date and time.
    PayBefore,
    /// Said before the countdown to a payment's expiry.
    TimeLeft,
    /// Said before the countdown to the end of a live voucher's claims.
    ClaimTimeLeft,
    /// A virtual account's method name; the slot is the bank.
    MethodVirtualAccount,
    /// The QRIS method's name.
    MethodQris,
    /// The cash-on-delivery method's name.
    MethodCod,
    /// The card method's name.
    MethodCard,
    /// Label of a virtual account number.
    VaNumber,
    /// Accessible name of the button copying a virtual account number.
    CopyNumber,
    /// Button that copies a text.
    Copy,
    /// The copy button, for a moment after copying.
    Copied,
    /// Heading of the steps to pay.
    HowToPay,
    /// The steps to pay in a bank's app.
    ViaMobileBanking,
    /// The steps to pay at an ATM.
    ViaAtm,
    /// First m-banking step; the slot is the bank's app.
    StepOpenApp,
    /// BCA mobile's menu to a virtual account.
    StepBcaApp,
    /// BNI's app menu to a virtual account.
    StepBniApp,
    /// BRImo's menu to a virtual account.
    StepBriApp,
    /// Livin' by Mandiri's menu to a virtual account.
    StepMandiriApp,
    /// The step entering the virtual account number.
    StepEnterNumber,
    /// Last m-banking step.
    StepConfirmPin,
    /// First ATM step.
    StepInsertCard,
    /// BCA's ATM menu to a virtual account.
    StepBcaAtm,
    /// BNI's ATM menu to a virtual account.
    StepBniAtm,
    /// BRI's ATM menu to a virtual account.
    StepBriAtm,
    /// Mandiri's ATM menu to a virtual account.
    StepMandiriAtm,
    /// Last ATM step.
    StepConfirmAtm,
    /// Accessible name of the QRIS code; the slot is the amount.
    QrisCode,
    /// Button that downloads the QRIS code.
    SaveQr,
    /// First QRIS step.
    StepQrisSave,
    /// Second QRIS step.
    StepQrisOpen,
    /// Third QRIS step.
    StepQrisScan,
    /// Last QRIS step; the slot is the amount.
    StepQrisConfirm,
    /// Button opening the wallet app; the slot is the wallet.
    OpenWallet,
    /// How an e-wallet payment goes on; the slot is the wallet.
    WalletNote,
    /// Heading of a cash-on-delivery order.
    CodPlaced,
    /// What to pay the courier; the slot is the amount.
    CodPay,
    /// Advice for cash on delivery.
    CodNote,
    /// Title of the card provider's page in its frame.
    CardFrame,
    /// Where card details go.
    CardNote,
    /// Button asking the server for the payment's status now.
    CheckStatus,
    /// That button while the status is on its way.
    Checking,
    /// Said after "Check status" when the payment has not arrived yet.
    CheckedUnchanged,
    /// Said after "Check status" when the status could not be read.
    CheckFailed,
    /// Button cancelling an unpaid order.
    CancelOrder,
    /// The cancel button while the cancellation runs.
    Cancelling,
    /// Asked before a pending order is cancelled.
    CancelQuestion,
    /// Leaves the order as it is.
    KeepOrder,
    /// Cancels the order, once asked.
    ConfirmCancel,
    /// Heading of a paid payment.
    PaidTitle,
    /// When it was paid; the slot is the date and time.
    PaidAt,
    /// What happens after payment.
    PaidNote,
    /// Heading of an expired payment.
    ExpiredTitle,
    /// What an expiry means.
    ExpiredNote,
    /// Heading of a failed payment.
    FailedTitle,
    /// What to do after a failed payment.
    FailedNote,
    /// Heading of a cancelled checkout.
    CancelledTitle,
    /// What a cancellation means.
    CancelledNote,
    /// Order status: placed, not paid yet.
    StatusAwaitingPayment,
    /// Order status: paid.
    StatusPaid,
    /// Order status: the shop is packing it.
    StatusProcessing,
    /// Order status: with the courier.
    StatusShipped,
    /// Order status: at the shopper's address.
    StatusDelivered,
    /// Order status: done.
    StatusCompleted,
    /// Order status: cancelled.
    StatusCancelled,
    /// Order status: not paid in time.
    StatusExpired,
    /// Order status of a cash-on-delivery order not yet collected: it is
    /// paid to the courier on arrival, nothing is awaited of the shopper now.
    StatusOnDelivery,
    /// Said after a timeline step already passed.
    StepDone,
    /// Said after the timeline step the order is at.
    StepCurrent,
    /// Said after a timeline step still ahead.
    StepAhead,
    /// Accessible name of an order's status timeline.
    OrderTimeline,
    /// Delivery estimate; the slot is a number or range of days.
    EtaDays,
    /// Delivery estimate of exactly one day.
    EtaDay,
    /// Delivery the same day.
    EtaToday,
    /// The most a courier carries; the slot is kilograms.
    CourierMaxKg,
    /// What the parcel weighs, after `CourierMaxKg`; the slot is kilograms.
    CourierParcelKg,
    /// The courier shown before does not deliver to the new address; the
    /// slot is its name.
    CourierGoneAddress,
    /// The courier shown before cannot carry the parcel as it is now; the
    /// slot is its name.
    CourierGoneParcel,
    /// The courier chosen instead, after one of the two above; the slot is
    /// its name.
    CourierInstead,
    /// Label of an order's total.
    OrderTotal,
    /// Label of the total of a payment's orders, with their number.
    OrdersTotal,
    /// Accessible name of the list of past orders.
    OrderHistory,
    /// Heading of an empty order history.
    HistoryEmpty,
    /// What fills the order history.
    HistoryEmptyHint,
    /// The floating card once paid.
    MiniPaid,
    /// The floating card once the payment expired.
    MiniExpired,
    /// End of the floating card's accessible name.
    MiniOpen,
    /// What the paid-orders figure counts.
    SalesOrdersNote,
    /// What the units-sold figure counts.
    SalesUnitsNote,
    /// What GMV includes and leaves out.
    SalesGmvNote,
    /// How the commission is computed.
    SalesCommissionNote,
    /// Label of what the stream's live vouchers took off paid orders.
    SalesVoucherCost,
    /// What the voucher cost is, and that it leaves the commission alone.
    SalesVoucherCostNote,
    /// Label of the value of orders placed but not paid yet.
    SalesUnpaid,
    /// What the unpaid figure is; the slot is how many orders.
    SalesUnpaidNote,
    /// Says a live stream's sales figures update by themselves.
    SalesLive,
    /// A refresh of the sales failed; older figures are shown.
    SalesStale,
    /// Visible name of the button that pins the next product.
    PinNext,
    /// What is pinned now; the slot is the product.
    PinnedNow,
    /// Said when no product is pinned.
    NothingPinned,
    /// Visible name of a pinned product's button, which unpins it.
    UnpinShort,
    /// Accessible name of a pinned product's button; the slot is the product.
    UnpinProduct,
    /// Accessible name of the strip of the showcase in the viewers' order.
    ViewersOrder,
    /// The catalogue search's highest price is below its lowest.
    PriceRangeReversed,
}

impl Text {
    /// This text in `locale`.
    pub fn get(self, locale: Locale) -> &'static str {
        let first = match locale {
            Locale::IdId => id::text(self),
            Locale::EnUs => en::text(self),
        };
        first
            .or_else(|| later_text(self, locale))
            .unwrap_or_default()
    }
}

/// `text` in `locale` with its `{}` slot replaced by `value`.
pub fn fill(locale: Locale, text: Text, value: &str) -> String {
    // Found by its `{` (a text holds at most one slot, see the tests), not
    // with `replacen("{}", ..)`, whose substring searcher is about 2 KB of wasm.
    let text = text.get(locale);
    match text.split_once('{') {
        Some((before, after)) => [before, value, after.strip_prefix('}').unwrap_or(after)].concat(),
        None => text.to_owned(),
    }
}

/// `n` units in words: `3 barang`, `1 item`, `1,200 items`.
pub fn items(locale: Locale, n: u32) -> String {
    let text = if n == 1 {
        Text::ItemsOne
    } else {
        Text::ItemsMany
    };
    fill(locale, text, &count(locale, n))
}

/// `n` in a few characters, for tight spots: `980`, `1,2 rb`, `12,5 rb`,
/// `3,4 jt` in id-ID; `980`, `1.2K`, `12.5K`, `3.4M` in en-US. Tenths are
/// cut, never rounded up, so a count is never overstated.
pub fn compact(locale: Locale, n: u32) -> String {
    let (point, thousands, millions) = match locale {
        Locale::IdId => (",", " rb", " jt"),
        Locale::EnUs => (".", "K", "M"),
    };
    let (tenths, suffix) = match n {
        0..=999 => return n.to_string(),
        1_000..=999_999 => (n / 100, thousands),
        _ => (n / 100_000, millions),
    };
    let fraction = tenths % 10;
    let whole = (tenths / 10).to_string();
    if fraction == 0 {
        [whole.as_str(), suffix].concat()
    } else {
        [whole.as_str(), point, &fraction.to_string(), suffix].concat()
    }
}

/// Basis points as a percentage without trailing zeros, with `locale`'s
/// decimal point: 1000 → `10`, 850 → `8,5` (id-ID) or `8.5` (en-US), 1234 → `12,34`.
pub fn percent(locale: Locale, basis_points: u32) -> String {
    let whole = (basis_points / 100).to_string();
    let fraction = format!("{:02}", basis_points % 100);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        return whole;
    }
    let point = if locale == Locale::IdId { "," } else { "." };
    [whole.as_str(), point, fraction].concat()
}

/// `n` with thousands grouped the way `locale` writes them: `12.500` or `12,500`.
pub fn count(locale: Locale, n: u32) -> String {
    locale.group_thousands(u64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [Locale; 2] = [Locale::IdId, Locale::EnUs];

    #[test]
    fn basis_points_read_as_percentages_without_trailing_zeros() {
        assert_eq!(percent(Locale::IdId, 1_000), "10");
        assert_eq!(percent(Locale::IdId, 850), "8,5");
        assert_eq!(percent(Locale::EnUs, 850), "8.5");
        assert_eq!(percent(Locale::EnUs, 1_234), "12.34");
        assert_eq!(percent(Locale::IdId, 5), "0,05");
    }

    #[test]
    fn every_key_is_in_one_table_in_both_languages() {
        for &key in Text::ALL {
            let first = [id::text(key).is_some(), en::text(key).is_some()];
            assert!(
                first[0] == first[1],
                "{key:?} is a first text in one language only"
            );
            for locale in LOCALES {
                assert_ne!(
                    first[0],
                    later::table(key, locale).is_some(),
                    "{key:?} must be in exactly one table in {locale:?}"
                );
            }
        }
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for &key in Text::ALL {
            for locale in LOCALES {
                assert!(
                    !key.get(locale).trim().is_empty(),
                    "{key:?} is empty in {locale:?}"
                );
            }
        }
    }

    #[test]
    fn both_languages_agree_on_slots() {
        for &key in Text::ALL {
            let slots = |locale| key.get(locale).matches("{}").count();
            assert_eq!(slots(Locale::IdId), slots(Locale::EnUs), "{key:?}");
            assert!(slots(Locale::IdId) <= 1, "{key:?} has more than one slot");
        }
    }

    #[test]
    fn languages_differ_where_they_should() {
        assert_eq!(Text::Pinned.get(Locale::IdId), "Disematkan");
        assert_eq!(Text::Pinned.get(Locale::EnUs), "Pinned");
        assert_eq!(Text::SoldOut.get(Locale::IdId), "Habis");
        assert_eq!(Text::SoldOut.get(Locale::EnUs), "Sold out");
    }

    #[test]
    fn fills_the_slot() {
        assert_eq!(
            fill(Locale::IdId, Text::ShipsFrom, "Bandung"),
            "Dikirim dari Bandung"
        );
        assert_eq!(
            fill(Locale::EnUs, Text::ShipsFrom, "Bandung"),
            "Ships from Bandung"
        );
        assert_eq!(fill(Locale::IdId, Text::StockLow, "3"), "Sisa 3");
        assert_eq!(fill(Locale::IdId, Text::StockPlenty, "24"), "Stok 24");
    }

    #[test]
    fn counts_units_in_words_with_english_plurals() {
        assert_eq!(items(Locale::IdId, 1), "1 barang");
        assert_eq!(items(Locale::IdId, 1_200), "1.200 barang");
        assert_eq!(items(Locale::EnUs, 1), "1 item");
        assert_eq!(items(Locale::EnUs, 0), "0 items");
        assert_eq!(items(Locale::EnUs, 1_200), "1,200 items");
    }

    #[test]
    fn compacts_counts_without_overstating_them() {
        assert_eq!(compact(Locale::IdId, 980), "980");
        assert_eq!(compact(Locale::IdId, 1_000), "1 rb");
        assert_eq!(compact(Locale::IdId, 1_290), "1,2 rb");
        assert_eq!(compact(Locale::IdId, 12_599), "12,5 rb");
        assert_eq!(compact(Locale::IdId, 999_999), "999,9 rb");
        assert_eq!(compact(Locale::IdId, 3_450_000), "3,4 jt");
        assert_eq!(compact(Locale::EnUs, 1_290), "1.2K");
        assert_eq!(compact(Locale::EnUs, 2_000_000), "2M");
        assert_eq!(compact(Locale::EnUs, u32::MAX), "4294.9M");
    }

    #[test]
    fn groups_counts_per_locale() {
        assert_eq!(count(Locale::IdId, 0), "0");
        assert_eq!(count(Locale::IdId, 999), "999");
        assert_eq!(count(Locale::IdId, 12_500), "12.500");
        assert_eq!(count(Locale::EnUs, 1_234_567), "1,234,567");
        assert_eq!(count(Locale::EnUs, u32::MAX), "4,294,967,295");
    }
}
