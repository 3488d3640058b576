//! Building request URLs and resolving media paths against the API base.

/// `{base}/v1/streams/{stream_id}/products`.
pub fn showcase(base: &str, stream_id: &str) -> String {
    [base, "/v1/streams/", &segment(stream_id), "/products"].concat()
}

/// `{base}/v1/origin`, asking about the publishable `key` too if given:
/// whether the page's origin is one of its host's.
pub fn origin(base: &str, key: Option<&str>) -> String {
    match key {
        Some(key) => [base, "/v1/origin?key=", key].concat(),
        None => [base, "/v1/origin"].concat(),
    }
}

/// `{base}/v1/products/{product_id}`.
pub fn product(base: &str, product_id: &str) -> String {
    [base, "/v1/products/", &segment(product_id)].concat()
}

/// `{base}/v1/products/{product_id}/videos`.
pub fn product_videos(base: &str, product_id: &str) -> String {
    [base, "/v1/products/", &segment(product_id), "/videos"].concat()
}

/// `{base}/v1/streams/{stream_id}/events`.
pub fn events(base: &str, stream_id: &str) -> String {
    [base, "/v1/streams/", &segment(stream_id), "/events"].concat()
}

/// Whether `url`, built here against `base`, is one the host's publishable
/// key may read: a showcase, a video's tags, the streams still to come, a
/// product (and the videos that feature it) or a live feed.
pub fn is_open(base: &str, url: &str) -> bool {
    let Some(path) = url.strip_prefix(base) else {
        return false;
    };
    path.starts_with("/v1/products/")
        || path == "/v1/streams/upcoming"
        || path.starts_with("/v1/streams/")
            && (path.ends_with("/products") || path.ends_with("/events") || path.ends_with("/tags"))
}

/// `{base}/v1/streams/{stream_id}/deals`.
pub fn stream_deals(base: &str, stream_id: &str) -> String {
    [base, "/v1/streams/", &segment(stream_id), "/deals"].concat()
}

/// `{base}/v1/streams/upcoming`.
pub fn upcoming(base: &str) -> String {
    [base, "/v1/streams/upcoming"].concat()
}

/// `{base}/v1/streams/{stream_id}/tags`.
pub fn stream_tags(base: &str, stream_id: &str) -> String {
    [base, "/v1/streams/", &segment(stream_id), "/tags"].concat()
}

/// `{base}/v1/deals/{deal_id}/quote`.
pub fn deal_quote(base: &str, deal_id: &str) -> String {
    [base, "/v1/deals/", &segment(deal_id), "/quote"].concat()
}

/// `{base}/v1/cart`.
pub fn cart(base: &str) -> String {
    [base, "/v1/cart"].concat()
}

/// `{base}/v1/cart/items/{variant_id}`.
pub fn cart_item(base: &str, variant_id: &str) -> String {
    [base, "/v1/cart/items/", &segment(variant_id)].concat()
}

/// `{base}/v1/addresses`.
pub fn addresses(base: &str) -> String {
    [base, "/v1/addresses"].concat()
}

/// `{base}/v1/addresses/{address_id}`.
pub fn address(base: &str, address_id: &str) -> String {
    [base, "/v1/addresses/", &segment(address_id)].concat()
}

/// `{base}/v1/regions?q={query}`: the region search.
pub fn regions(base: &str, query: &str) -> String {
    [base, "/v1/regions?q=", &segment(query)].concat()
}

/// `{base}/v1/regions/{code}/children`.
pub fn region_children(base: &str, code: &str) -> String {
    [base, "/v1/regions/", &segment(code), "/children"].concat()
}

/// `{base}/v1/vouchers`.
pub fn vouchers(base: &str) -> String {
    [base, "/v1/vouchers"].concat()
}

/// `{base}/v1/checkout/quote`.
pub fn quote(base: &str) -> String {
    [base, "/v1/checkout/quote"].concat()
}

/// `{base}/v1/orders`.
pub fn orders(base: &str) -> String {
    [base, "/v1/orders"].concat()
}

/// `{base}/v1/orders/{order_id}`.
pub fn order(base: &str, order_id: &str) -> String {
    [base, "/v1/orders/", &segment(order_id)].concat()
}

/// `{base}/v1/orders/{order_id}/cancel`.
pub fn cancel_order(base: &str, order_id: &str) -> String {
    [base, "/v1/orders/", &segment(order_id), "/cancel"].concat()
}

/// `{base}/v1/payments/{payment_id}`.
pub fn payment(base: &str, payment_id: &str) -> String {
    [base, "/v1/payments/", &segment(payment_id)].concat()
}

/// `{base}/v1/creator/streams`: the caller's own streams.
pub fn creator_streams(base: &str) -> String {
    [base, "/v1/creator/streams"].concat()
}

/// `{base}/v1/creator/streams/{stream_id}{rest}`, `rest` being e.g. `/pin`.
pub fn creator_stream(base: &str, stream_id: &str, rest: &str) -> String {
    [&creator_streams(base), "/", &segment(stream_id), rest].concat()
}

/// `{base}/v1/products?…`: the catalogue search, blank terms left out.
pub fn search(base: &str, search: &super::Search, per_page: u32) -> String {
    let mut url = [base, "/v1/products?page=", &search.page.to_string()].concat();
    url.push_str("&per_page=");
    url.push_str(&per_page.to_string());
    if search.in_stock {
        url.push_str("&in_stock=true");
    }
    for (name, value) in [("q", search.query.trim()), ("shop", search.shop.trim())] {
        if !value.is_empty() {
            url.extend(["&", name, "=", &segment(value)]);
        }
    }
    for (name, value) in [
        ("min_price", search.min_price),
        ("max_price", search.max_price),
    ] {
        if let Some(value) = value {
            url.extend(["&", name, "=", &value.to_string()]);
        }
    }
    url
}

/// `{base}/v1/streams/{stream_id}/vouchers/{code}/claim`.
pub fn claim(base: &str, stream_id: &str, code: &str) -> String {
    [
        base,
        "/v1/streams/",
        &segment(stream_id),
        "/vouchers/",
        &segment(code),
        "/claim",
    ]
    .concat()
}

/// A media URL from the API made absolute: absolute and protocol-relative
/// URLs pass through, a path is appended to `base`.
pub fn media(base: &str, url: &str) -> String {
    let absolute = ["https://", "http://", "//"]
        .iter()
        .any(|scheme| url.starts_with(scheme));
    if absolute {
        url.to_owned()
    } else {
        [base, "/", url.trim_start_matches('/')].concat()
    }
}

/// `text` percent-encoded as one path segment: only RFC 3986 unreserved
/// characters stay as they are, so an id can never add a path, query or fragment.
pub fn segment(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://api.example.com/market";

    #[test]
    fn builds_endpoint_urls() {
        assert_eq!(
            showcase(BASE, "live-123"),
            "https://api.example.com/market/v1/streams/live-123/products"
        );
        assert_eq!(
            product(BASE, "p_9"),
            "https://api.example.com/market/v1/products/p_9"
        );
        assert_eq!(cart(BASE), "https://api.example.com/market/v1/cart");
        assert_eq!(
            events(BASE, "live-1"),
            "https://api.example.com/market/v1/streams/live-1/events"
        );
        assert_eq!(
            regions(BASE, "kota bandung&x"),
            "https://api.example.com/market/v1/regions?q=kota%20bandung%26x"
        );
        assert_eq!(
            region_children(BASE, "32.73.02"),
            "https://api.example.com/market/v1/regions/32.73.02/children"
        );
        assert_eq!(
            cart_item(BASE, "v/1"),
            "https://api.example.com/market/v1/cart/items/v%2F1"
        );
    }

    #[test]
    fn the_publishable_key_reads_what_every_viewer_sees_only() {
        assert!(is_open(BASE, &showcase(BASE, "live-1")));
        assert!(is_open(BASE, &product(BASE, "p_9")));
        assert!(is_open(BASE, &events(BASE, "live-1")));
        assert!(is_open(BASE, &stream_tags(BASE, "vid-1")));
        assert!(is_open(BASE, &upcoming(BASE)));
        assert!(is_open(BASE, &product_videos(BASE, "p_9")));
        assert!(!is_open(BASE, &stream_deals(BASE, "live-1")));
        assert!(!is_open(BASE, &cart(BASE)));
        assert!(!is_open(BASE, &addresses(BASE)));
        assert!(!is_open(BASE, &vouchers(BASE)));
        assert!(!is_open(BASE, &orders(BASE)));
        assert!(!is_open(BASE, &creator_stream(BASE, "live-1", "/products")));
        assert!(!is_open("https://other.example", &product(BASE, "p_9")));
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        assert_eq!(
            showcase(BASE, "../admin?x=1#f"),
            "https://api.example.com/market/v1/streams/..%2Fadmin%3Fx%3D1%23f/products"
        );
        assert_eq!(segment("kaos polos é"), "kaos%20polos%20%C3%A9");
        assert_eq!(segment("A-z_0.9~"), "A-z_0.9~");
    }

    #[test]
    fn resolves_media_paths_against_the_base() {
        assert_eq!(
            media(BASE, "/media/products/p1/1.svg"),
            "https://api.example.com/market/media/products/p1/1.svg"
        );
        assert_eq!(
            media(BASE, "media/a.png"),
            "https://api.example.com/market/media/a.png"
        );
        assert_eq!(
            media(BASE, "https://cdn.example/a.png"),
            "https://cdn.example/a.png"
        );
        assert_eq!(
            media(BASE, "http://cdn.example/a.png"),
            "http://cdn.example/a.png"
        );
        assert_eq!(media(BASE, "//cdn.example/a.png"), "//cdn.example/a.png");
    }
}
