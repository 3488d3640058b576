//! Orders, checkouts and payments: what `POST /v1/orders` creates.
//!
//! A checkout of a multi-shop cart becomes one [`Order`] per shop under one
//! [`Checkout`], paid with one [`Payment`].

use serde::{Deserialize, Serialize};

use crate::{
    Address, AppliedVoucher, Bank, LineItem, PaymentMethod, Rupiah, ShippingOption, ShopSummary,
    Totals, Wallet,
};

/// The body of `POST /v1/orders` (with an `Idempotency-Key` header): the
/// quote to place. Nothing else: every amount comes from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceOrder {
    /// The `id` of a quote from `POST /v1/checkout/quote`.
    pub quote_id: String,
}

crate::wire::from_js!(PlaceOrder { quote_id });

crate::wire::wire_enum! {
    /// Where an order is in its life. It moves only along
    /// `awaiting_payment → paid → processing → shipped → delivered → completed`,
    /// or from `awaiting_payment` to `cancelled` or `expired`.
    pub enum OrderStatus {
        /// Placed; stock is held until the payment arrives or expires.
        AwaitingPayment = "awaiting_payment",
        /// The payment arrived.
        Paid = "paid",
        /// The shop is packing it.
        Processing = "processing",
        /// With the courier.
        Shipped = "shipped",
        /// At the shopper's address.
        Delivered = "delivered",
        /// Done; the shop is paid out.
        Completed = "completed",
        /// Cancelled before payment; stock and vouchers came back.
        Cancelled = "cancelled",
        /// Not paid in time; stock and vouchers came back.
        Expired = "expired",
    }
}

impl OrderStatus {
    /// Whether an order may move from this status to `next`.
    pub fn can_become(self, next: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!(
            (self, next),
            (AwaitingPayment, Paid | Cancelled | Expired)
                | (Paid, Processing)
                | (Processing, Shipped)
                | (Shipped, Delivered)
                | (Delivered, Completed)
        )
    }

    /// The status after this one on the happy path, if any.
    pub fn next(self) -> Option<OrderStatus> {
        use OrderStatus::*;
        match self {
            AwaitingPayment => Some(Paid),
            Paid => Some(Processing),
            Processing => Some(Shipped),
            Shipped => Some(Delivered),
            Delivered => Some(Completed),
            Completed | Cancelled | Expired => None,
        }
    }
}

/// One step of an order's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    /// The status entered.
    pub status: OrderStatus,
    /// When, RFC 3339 UTC.
    pub at: String,
}

crate::wire::from_js!(StatusChange { status, at });

/// One shop's order; the server answers `Order<SavedAddress>` (see
/// [`crate::Quote`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order<A = Address> {
    /// Stable id.
    pub id: String,
    /// The checkout it belongs to.
    pub checkout_id: String,
    /// Where it is now.
    pub status: OrderStatus,
    /// Every status it entered, oldest first.
    pub timeline: Vec<StatusChange>,
    /// The shop.
    pub shop: ShopSummary,
    /// What was bought, at the prices paid.
    pub items: Vec<LineItem>,
    /// Where it goes, as the address was when the order was placed.
    pub address: A,
    /// The courier service.
    pub shipping: ShippingOption,
    /// Whether the parcel is insured.
    pub insured: bool,
    /// The goods.
    pub subtotal: Rupiah,
    /// Shipping, before discounts.
    pub shipping_cost: Rupiah,
    /// Insurance.
    pub insurance: Rupiah,
    /// Every discount on this order.
    pub discount: Rupiah,
    /// What this order costs.
    pub total: Rupiah,
    /// The stream it was bought from, if any.
    pub stream_id: Option<String>,
    /// That stream's creator, credited with the sale.
    pub creator_id: Option<String>,
    /// The checkout's payment.
    pub payment_id: String,
    /// How it is paid: an order paid on delivery waits for its courier,
    /// not for a payment.
    pub payment_method: PaymentMethod,
    /// When it was placed, RFC 3339 UTC.
    pub created_at: String,
}

crate::wire::from_js!(Order<A> {
    id,
    checkout_id,
    status,
    timeline,
    shop,
    items,
    address,
    shipping,
    insured,
    subtotal,
    shipping_cost,
    insurance,
    discount,
    total,
    stream_id,
    creator_id,
    payment_id,
    payment_method,
    created_at
});

/// The body of `GET /v1/orders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderList<A = Address> {
    /// The caller's orders, newest first.
    pub orders: Vec<Order<A>>,
}

crate::wire::from_js!(OrderList<A> { orders });

crate::wire::wire_enum! {
    /// Where a payment is.
    pub enum PaymentStatus {
        /// Waiting for the shopper.
        Pending = "pending",
        /// Paid.
        Paid = "paid",
        /// The provider refused it.
        Failed = "failed",
        /// Not paid in time.
        Expired = "expired",
        /// The checkout was cancelled.
        Cancelled = "cancelled",
    }
}

/// How to pay, as the payment provider answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PaymentInstructions {
    /// Transfer to this account number.
    VirtualAccount {
        /// The bank.
        bank: Bank,
        /// The virtual account number.
        account_number: String,
    },
    /// Show this QRIS payload as a QR code.
    Qris {
        /// The EMVCo payload to encode.
        qr_payload: String,
    },
    /// Open the wallet app with this link.
    Ewallet {
        /// The wallet.
        wallet: Wallet,
        /// The app link.
        deeplink: String,
    },
    /// Pay the courier on delivery.
    Cod {
        /// The cash to hand over.
        amount_to_collect: Rupiah,
    },
    /// Enter the card on the provider's hosted page (in an iframe or popup).
    Card {
        /// The provider's page; card numbers never reach the marketplace.
        hosted_url: String,
    },
}

/// A checkout's one payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    /// Stable id.
    pub id: String,
    /// Where it is.
    pub status: PaymentStatus,
    /// The method chosen.
    pub method: PaymentMethod,
    /// The amount due: the checkout's grand total.
    pub amount: Rupiah,
    /// How to pay.
    pub instructions: PaymentInstructions,
    /// When an unpaid checkout expires and releases its stock, RFC 3339 UTC.
    pub expires_at: String,
    /// When it was paid, RFC 3339 UTC.
    pub paid_at: Option<String>,
}

crate::wire::from_js!(Payment {
    id,
    status,
    method,
    amount,
    instructions,
    expires_at,
    paid_at
});

/// The answer to `POST /v1/orders` (201): the orders, their payment, and
/// the totals, exactly as quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Checkout<A = Address> {
    /// Stable id.
    pub id: String,
    /// One order per shop.
    pub orders: Vec<Order<A>>,
    /// The one payment for all of them.
    pub payment: Payment,
    /// The vouchers used.
    pub vouchers: Vec<AppliedVoucher>,
    /// The totals.
    pub totals: Totals,
    /// When it was placed, RFC 3339 UTC.
    pub created_at: String,
}

crate::wire::from_js!(Checkout<A> {
    id,
    orders,
    payment,
    vouchers,
    totals,
    created_at
});

#[cfg(test)]
mod tests {
    use super::OrderStatus::{self, *};

    const ALL: [OrderStatus; 8] = [
        AwaitingPayment,
        Paid,
        Processing,
        Shipped,
        Delivered,
        Completed,
        Cancelled,
        Expired,
    ];

    #[test]
    fn only_the_documented_edges_are_allowed() {
        let allowed: Vec<(OrderStatus, OrderStatus)> = ALL
            .iter()
            .flat_map(|&from| ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_become(to))
            .collect();
        assert_eq!(
            allowed,
            [
                (AwaitingPayment, Paid),
                (AwaitingPayment, Cancelled),
                (AwaitingPayment, Expired),
                (Paid, Processing),
                (Processing, Shipped),
                (Shipped, Delivered),
                (Delivered, Completed),
            ]
        );
    }

    #[test]
    fn the_happy_path_follows_allowed_edges_to_completed() {
        let mut status = AwaitingPayment;
        let mut path = vec![status];
        while let Some(next) = status.next() {
            assert!(status.can_become(next));
            status = next;
            path.push(status);
        }
        assert_eq!(path.last(), Some(&Completed));
        assert_eq!(path.len(), 6);
    }
}
