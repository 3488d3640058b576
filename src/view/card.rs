//! One product card of the strip over the video, and its price row.

use etalase_contract::{Locale, ProductCard};
use web_sys::{Document, Element};

use super::dom::{replace_children, El};
use crate::i18n::{compact, count, fill, Text, CATALOGUE};
use crate::state::label::StockLevel;

/// A card for `product`: a button holding the square image, the name on two
/// lines, the price, the shop and the units sold; a badge when pinned or
/// when `on_screen` (tagged at the video's second, which the badge says
/// over a pin),
/// "Sisa 2" when few are left, "Flash deal" when every unit left is in a
/// deal of the stream, and a veil when sold out. The button carries
/// the product id, which a tap reports.
pub fn card(
    document: &Document,
    product: &ProductCard,
    on_screen: bool,
    locale: Locale,
) -> Element {
    let button = El::new(document, "button")
        .attr("type", "button")
        .attr("data-testid", "product-card")
        .attr("data-product-id", &product.id)
        .0;
    fill_card(document, &button, product, on_screen, locale);
    button
}

/// Redraws `button` (a [`card`]) for `product`, keeping the element itself,
/// so a card the shopper has focused keeps focus as the feed changes it.
pub fn fill_card(
    document: &Document,
    button: &Element,
    product: &ProductCard,
    on_screen: bool,
    locale: Locale,
) {
    let in_deal = product.stock == 0 && product.deal_units > 0;
    let sold_out = product.stock == 0 && !in_deal;
    let class = if sold_out { "card is-sold-out" } else { "card" };
    let _ = button.set_attribute("class", class);
    let mut media = El::of(document, "span", "media").child(
        El::new(document, "img")
            .attr("src", &product.image_url)
            .attr("alt", "")
            .attr("width", "64")
            .attr("height", "64")
            .attr("decoding", "async"),
    );
    if on_screen {
        media = media.child(
            El::of(document, "span", "badge")
                .attr("data-testid", "on-screen-badge")
                .text(Text::OnScreen.get(locale)),
        );
    } else if product.pinned {
        media = media.child(
            El::of(document, "span", "badge")
                .attr("data-testid", "pinned-badge")
                .text(Text::Pinned.get(locale)),
        );
    }
    if sold_out {
        media = media.child(
            El::of(document, "span", "veil")
                .attr("data-testid", "card-stock")
                .text(Text::SoldOut.get(locale)),
        );
    } else if in_deal {
        media = media.child(
            El::of(document, "span", "left is-deal")
                .attr("data-testid", "card-stock")
                .text(Text::DealTitle.get(locale)),
        );
    } else if let StockLevel::Low(left) = StockLevel::of(product.stock) {
        media = media.child(
            El::of(document, "span", "left")
                .attr("data-testid", "card-stock")
                .text(&fill(locale, Text::StockLow, &count(locale, left))),
        );
    }
    let sold = fill(
        locale,
        Text::SoldCount,
        &compact(locale, product.sold_count),
    );
    let body = El::of(document, "span", "card-body")
        .child(
            El::of(document, "span", "name")
                .attr("lang", CATALOGUE)
                .text(&product.name),
        )
        .child(price_row(document, product, locale))
        .child(
            El::of(document, "span", "shop")
                .child(
                    El::of(document, "span", "shop-label")
                        .attr("lang", CATALOGUE)
                        .text(&product.shop.name),
                )
                .child(El::of(document, "span", "sold").text(&sold)),
        );
    replace_children(button, &[media.0, body.0]);
}

/// The price in `locale`'s format; a discount shows the price before it
/// struck through, named for screen readers.
fn price_row(document: &Document, product: &ProductCard, locale: Locale) -> El {
    let row = El::of(document, "span", "price-row")
        .child(El::of(document, "span", "price").text(&product.price.format(locale)));
    match product.original_price.filter(|was| *was > product.price) {
        Some(was) => row.child(
            El::of(document, "s", "was")
                .child(
                    El::of(document, "span", "sr")
                        .text(Text::PriceBeforeDiscount.get(locale))
                        .text(" "),
                )
                .text(&was.format(locale)),
        ),
        None => row,
    }
}
