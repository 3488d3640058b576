//! The shopper's server-side cart, grouped by shop, with live prices and stock.

use serde::{Deserialize, Serialize};

use crate::{Rupiah, ShopSummary};

/// Units of one variant a shopper may hold in open checkouts at once.
///
/// Marketplaces let sellers cap what one buyer may buy of a product, and
/// their flash sales cap it at a handful. Five covers buying for a
/// household or as gifts, while a shopper who wants more than five of one
/// variant unpaid is what hoarding looks like. Not below three: a shopper
/// may rightly buy the last few units of a scarce size (the browser tests do
/// exactly that). Paid orders do not count: this bounds holding, not buying.
/// One checkout can therefore never hold more, and the widget offers no
/// more than this in a product's sheet or a cart line.
pub const MAX_UNITS_PER_VARIANT: u32 = 5;
const _: () = assert!(MAX_UNITS_PER_VARIANT >= 3, "the last few units of a size");

/// The body of `PUT /v1/cart/items/{variant_id}`: how many units to keep,
/// and where the shopper found the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetQuantity {
    /// From 1 to the variant's stock.
    pub quantity: u32,
    /// The stream or video the product was opened from, for attribution;
    /// left out, the line keeps what it had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_id: Option<String>,
    /// For a video, the second of playback at which the product was
    /// opened: 0 to [`crate::MAX_VIDEO_SECONDS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playback_second: Option<u32>,
}

crate::wire::from_js!(SetQuantity {
    quantity,
    stream_id,
    playback_second
});

/// One line of the cart: a variant, its quantity, and its price and stock now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartItem {
    /// The variant in the cart.
    pub variant_id: String,
    /// Its product.
    pub product_id: String,
    /// The product's name.
    pub product_name: String,
    /// The variant's option values, e.g. `["Hitam", "L"]`.
    pub option_values: Vec<String>,
    /// The product's main image.
    pub image_url: String,
    /// The unit price now.
    pub price: Rupiah,
    /// The unit price before discount, when discounted.
    pub original_price: Option<Rupiah>,
    /// Units in the cart.
    pub quantity: u32,
    /// Units in stock now; below `quantity` the line cannot be checked out.
    pub stock: u32,
    /// Shipping weight of one unit, in grams.
    pub weight_grams: u32,
    /// `price × quantity`.
    pub line_total: Rupiah,
}

crate::wire::from_js!(CartItem {
    variant_id,
    product_id,
    product_name,
    option_values,
    image_url,
    price,
    original_price,
    quantity,
    stock,
    weight_grams,
    line_total
});

/// The cart's lines from one shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartShop {
    /// The shop.
    pub shop: ShopSummary,
    /// Its lines, oldest first.
    pub items: Vec<CartItem>,
    /// The sum of the lines' totals.
    pub subtotal: Rupiah,
}

crate::wire::from_js!(CartShop {
    shop,
    items,
    subtotal
});

/// The body of `GET /v1/cart` (and of changes to it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cart {
    /// Lines grouped by shop, shops by name.
    pub shops: Vec<CartShop>,
    /// Units across all lines.
    pub item_count: u32,
    /// The sum of the shops' subtotals, before shipping and discounts.
    pub subtotal: Rupiah,
}

crate::wire::from_js!(Cart {
    shops,
    item_count,
    subtotal
});
