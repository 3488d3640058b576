//! What creators send: their streams' showcases and pins.
//!
//! Every creator endpoint answers only for the caller's own streams; another
//! creator's stream is a 404, as if it did not exist.

use serde::{Deserialize, Serialize};

/// The most products a showcase holds.
pub const MAX_SHOWCASE_PRODUCTS: usize = 50;

/// The body of `PUT /v1/creator/streams/{id}/products`: the whole showcase,
/// in the order viewers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetShowcase {
    /// Listed products, each at most once, at most
    /// [`MAX_SHOWCASE_PRODUCTS`]. A pinned product left out is unpinned.
    pub product_ids: Vec<String>,
}

/// The body of `PUT /v1/creator/streams/{id}/pin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPin {
    /// A product of the stream's showcase to pin, or `null` to unpin.
    /// Required: `{}` is refused rather than read as an unpin.
    #[serde(deserialize_with = "Option::deserialize")]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub product_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_needs_its_product_id_even_to_unpin() {
        let unpin: SetPin = serde_json::from_str(r#"{"product_id":null}"#).unwrap();
        assert_eq!(unpin.product_id, None);
        let pin: SetPin = serde_json::from_str(r#"{"product_id":"p1"}"#).unwrap();
        assert_eq!(pin.product_id.as_deref(), Some("p1"));
        let error = serde_json::from_str::<SetPin>("{}").unwrap_err();
        assert!(
            error.to_string().contains("missing field `product_id`"),
            "{error}"
        );
    }
}
