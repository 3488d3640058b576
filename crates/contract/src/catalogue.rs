//! Streams, showcases and products: what a shopper browses.
//!
//! Image URLs are either absolute or paths on the API server (`/media/…`);
//! clients resolve paths against the API base URL.

use serde::{Deserialize, Serialize};

use crate::Rupiah;

crate::wire::wire_enum! {
    /// Whether a stream is live now or a recorded video.
    pub enum StreamKind {
        /// A live broadcast.
        Live = "live",
        /// A recorded short video.
        Video = "video",
    }
}

/// The creator behind a stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorSummary {
    /// Stable id.
    pub id: String,
    /// Display name, e.g. `@sari.masak`.
    pub name: String,
}

crate::wire::from_js!(CreatorSummary { id, name });

/// One stream or video in `GET /v1/streams`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamSummary {
    /// Stable id, used in `/v1/streams/{id}/…`.
    pub id: String,
    /// Title shown in the feed.
    pub title: String,
    /// Live or recorded.
    pub kind: StreamKind,
    /// Who streams it.
    pub creator: CreatorSummary,
    /// How many products its showcase holds.
    pub product_count: u32,
    /// The product pinned right now, if any.
    pub pinned_product_id: Option<String>,
}

crate::wire::from_js!(StreamSummary {
    id,
    title,
    kind,
    creator,
    product_count,
    pinned_product_id
});

/// The body of `GET /v1/streams`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamList {
    /// Streams, live ones first.
    pub streams: Vec<StreamSummary>,
}

crate::wire::from_js!(StreamList { streams });

/// A live stream scheduled to start later, in `GET /v1/streams/upcoming`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpcomingStream {
    /// Stable id: its showcase and live feed can be read before it starts.
    pub id: String,
    /// Title shown in the feed.
    pub title: String,
    /// Who streams it.
    pub creator: CreatorSummary,
    /// How many products its showcase holds.
    pub product_count: u32,
    /// When it starts, RFC 3339 UTC.
    pub starts_at: String,
    /// Seconds until then, as the server counted when it answered: a
    /// countdown from this needs no clock agreement with the server.
    pub seconds_until_start: u32,
}

/// The body of `GET /v1/streams/upcoming`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpcomingStreamList {
    /// Streams not yet started, soonest first.
    pub streams: Vec<UpcomingStream>,
}

crate::wire::from_js!(UpcomingStream {
    id,
    title,
    creator,
    product_count,
    starts_at,
    seconds_until_start
});

crate::wire::from_js!(UpcomingStreamList { streams });

/// The shop selling a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopSummary {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The city it ships from.
    pub city: String,
}

crate::wire::from_js!(ShopSummary { id, name, city });

/// A product as a card in a stream's showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductCard {
    /// Stable id, used in `/v1/products/{id}`.
    pub id: String,
    /// Product name.
    pub name: String,
    /// The main image.
    pub image_url: String,
    /// The lowest price among in-stock variants (or all variants when none is in stock).
    pub price: Rupiah,
    /// The price before discount, when the shown price is discounted.
    pub original_price: Option<Rupiah>,
    /// The shop that sells it.
    pub shop: ShopSummary,
    /// Units sold so far.
    pub sold_count: u32,
    /// Units in stock across all variants.
    pub stock: u32,
    /// Units set aside from its stock for this stream's flash deals that
    /// are announced or open and not sold out: with `stock` at 0, the
    /// product is not sold out but sold in a deal.
    pub deal_units: u32,
    /// Whether the creator has pinned it right now.
    pub pinned: bool,
}

crate::wire::from_js!(ProductCard {
    id,
    name,
    image_url,
    price,
    original_price,
    shop,
    sold_count,
    stock,
    deal_units,
    pinned
});

/// The body of `GET /v1/streams/{id}/products`: the showcase in the creator's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Showcase {
    /// The stream the showcase belongs to.
    pub stream_id: String,
    /// The pinned product's id, if one is pinned; it also appears in `products`.
    pub pinned_product_id: Option<String>,
    /// Products in the creator's order.
    pub products: Vec<ProductCard>,
}

crate::wire::from_js!(Showcase {
    stream_id,
    pinned_product_id,
    products
});

/// A product in the creator's catalogue search (`GET /v1/products?q=…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogueProduct {
    /// Stable id, for a showcase.
    pub id: String,
    /// Product name.
    pub name: String,
    /// The main image.
    pub image_url: String,
    /// The lowest price among in-stock variants (or all variants when none is in stock).
    pub price: Rupiah,
    /// The price before discount, when the shown price is discounted.
    pub original_price: Option<Rupiah>,
    /// The shop that sells it.
    pub shop: ShopSummary,
    /// Units sold so far.
    pub sold_count: u32,
    /// Units in stock across all variants.
    pub stock: u32,
    /// The creator's commission on its sales, in basis points (`800` is 8%).
    pub commission_bp: u32,
}

crate::wire::from_js!(CatalogueProduct {
    id,
    name,
    image_url,
    price,
    original_price,
    shop,
    sold_count,
    stock,
    commission_bp
});

/// The body of `GET /v1/products`: one page of the search's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductPage {
    /// The page's products, best sellers first.
    pub products: Vec<CatalogueProduct>,
    /// Products matching the search, on every page.
    pub total: u32,
    /// This page, from 1.
    pub page: u32,
    /// Products per page.
    pub per_page: u32,
}

crate::wire::from_js!(ProductPage {
    products,
    total,
    page,
    per_page
});

/// One option axis of a product, such as size or colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductOption {
    /// Name shown to shoppers, e.g. `Ukuran`.
    pub name: String,
    /// The choices, in display order, e.g. `["S", "M", "L"]`.
    pub values: Vec<String>,
}

crate::wire::from_js!(ProductOption { name, values });

/// One buyable variant: a choice of one value on every option axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variant {
    /// Stable id, used by carts and orders.
    pub id: String,
    /// The chosen value for each of the product's options, in the same order.
    pub option_values: Vec<String>,
    /// Price now.
    pub price: Rupiah,
    /// Price before discount, when discounted.
    pub original_price: Option<Rupiah>,
    /// Units in stock.
    pub stock: u32,
    /// Shipping weight in grams.
    pub weight_grams: u32,
}

crate::wire::from_js!(Variant {
    id,
    option_values,
    price,
    original_price,
    stock,
    weight_grams
});

/// The body of `GET /v1/products/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    /// Stable id.
    pub id: String,
    /// Product name.
    pub name: String,
    /// Description in plain text; paragraphs separated by blank lines.
    pub description: String,
    /// Images, main image first.
    pub image_urls: Vec<String>,
    /// The shop that sells it.
    pub shop: ShopSummary,
    /// Units sold so far.
    pub sold_count: u32,
    /// Option axes; empty for a product with a single variant.
    pub options: Vec<ProductOption>,
    /// Every variant, in option order.
    pub variants: Vec<Variant>,
}

crate::wire::from_js!(ProductDetail {
    id,
    name,
    description,
    image_urls,
    shop,
    sold_count,
    options,
    variants
});

impl ProductDetail {
    /// The variant whose option values are exactly `values`, if any.
    pub fn variant_for(&self, values: &[String]) -> Option<&Variant> {
        self.variants.iter().find(|v| v.option_values == values)
    }

    /// Units in stock across all variants.
    pub fn total_stock(&self) -> u32 {
        self.variants
            .iter()
            .map(|v| v.stock)
            .fold(0, u32::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail() -> ProductDetail {
        let variant = |id: &str, size: &str, stock| Variant {
            id: id.into(),
            option_values: vec![size.into()],
            price: Rupiah(99_000),
            original_price: None,
            stock,
            weight_grams: 250,
        };
        ProductDetail {
            id: "p1".into(),
            name: "Kaos".into(),
            description: String::new(),
            image_urls: vec![],
            shop: ShopSummary {
                id: "s1".into(),
                name: "Toko".into(),
                city: "Bandung".into(),
            },
            sold_count: 0,
            options: vec![ProductOption {
                name: "Ukuran".into(),
                values: vec!["S".into(), "M".into()],
            }],
            variants: vec![variant("v1", "S", 3), variant("v2", "M", u32::MAX)],
        }
    }

    #[test]
    fn finds_the_variant_for_a_choice() {
        let detail = detail();
        assert_eq!(
            detail.variant_for(&["M".into()]).map(|v| v.id.as_str()),
            Some("v2")
        );
        assert_eq!(detail.variant_for(&["XL".into()]), None);
    }

    #[test]
    fn totals_stock_without_overflow() {
        assert_eq!(detail().total_stock(), u32::MAX);
    }

    #[test]
    fn stream_kind_is_snake_case() {
        assert_eq!(
            serde_json::to_string(&StreamKind::Live).unwrap(),
            r#""live""#
        );
    }
}
