//! Product illustrations: small deterministic SVGs drawn from a product's
//! name, category and hue, so the demo needs no image files and no
//! hot-linking.
//!
//! Each product has up to [`MAX_IMAGES`] images, one per layout: the product
//! on a soft gradient, a dark close-up, and a card with its initials. The same
//! product and number always give the same bytes.

use std::fmt::{self, Display, Formatter, Write as _};

use etalase_contract::WireName;

/// How many distinct images a product can have.
pub const MAX_IMAGES: u8 = 3;

/// The kind of product; picks the icon of its illustrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Shirts, blouses, t-shirts, hoodies.
    Apparel,
    /// Headscarves.
    Hijab,
    /// Shoes and sandals.
    Footwear,
    /// Bags.
    Bag,
    /// Jarred and packed food.
    Food,
    /// Coffee.
    Coffee,
    /// Skincare and make-up.
    Beauty,
    /// Tumblers and bottles.
    Drinkware,
    /// Cloth, sheets and towels.
    Textile,
}

impl WireName for Category {
    const ALL: &'static [Self] = &[
        Category::Apparel,
        Category::Hijab,
        Category::Footwear,
        Category::Bag,
        Category::Food,
        Category::Coffee,
        Category::Beauty,
        Category::Drinkware,
        Category::Textile,
    ];

    /// How the category is stored.
    fn wire_name(self) -> &'static str {
        match self {
            Category::Apparel => "apparel",
            Category::Hijab => "hijab",
            Category::Footwear => "footwear",
            Category::Bag => "bag",
            Category::Food => "food",
            Category::Coffee => "coffee",
            Category::Beauty => "beauty",
            Category::Drinkware => "drinkware",
            Category::Textile => "textile",
        }
    }
}

/// What a product's illustrations are drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductArt {
    /// The product's name, the SVG's accessible title.
    pub name: String,
    /// Picks the icon.
    pub category: Category,
    /// The palette's base hue, 0–359.
    pub hue: u16,
    /// How many images the product has, 1 to [`MAX_IMAGES`].
    pub image_count: u8,
}

impl ProductArt {
    /// Image `n` (1-based) as an SVG document, or `None` if the product has
    /// no such image.
    pub fn svg(&self, n: u32) -> Option<String> {
        (1..=u32::from(self.image_count.min(MAX_IMAGES)))
            .contains(&n)
            .then(|| Svg { art: self, n }.to_string())
    }
}

/// The path of a product's image `n` on this server.
pub fn image_path(product_id: &str, n: u8) -> String {
    format!("/media/products/{product_id}/{n}.svg")
}

/// The paths of all of a product's images, main image first.
pub fn image_paths(product_id: &str, image_count: u8) -> Vec<String> {
    (1..=image_count.min(MAX_IMAGES))
        .map(|n| image_path(product_id, n))
        .collect()
}

/// Image `n` of a product, written as SVG by its `Display`.
struct Svg<'a> {
    art: &'a ProductArt,
    n: u32,
}

/// An `hsl()` colour.
#[derive(Clone, Copy)]
struct Hsl(u16, u8, u8);

impl Display for Hsl {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "hsl({},{}%,{}%)", self.0 % 360, self.1, self.2)
    }
}

impl Display for Svg<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let hue = self.art.hue;
        let ink = Hsl(hue, 55, 38);
        let paper = Hsl(hue, 70, 94);
        let tint = Hsl(hue, 60, 82);
        let accent = Hsl(hue + 150, 65, 52);
        write!(
            f,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img"><title>{}</title>"#,
            Escaped(&self.art.name)
        )?;
        match self.n {
            1 => {
                write!(
                    f,
                    r#"<defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="{paper}"/><stop offset="1" stop-color="{tint}"/></linearGradient></defs><rect width="400" height="400" fill="url(#g)"/><circle cx="200" cy="190" r="130" fill="{paper}"/><circle cx="330" cy="70" r="34" fill="{accent}" opacity=".35"/>"#
                )?;
                icon(
                    f,
                    self.art.category,
                    "translate(95 85) scale(2.1)",
                    ink,
                    paper,
                )?;
                badge(f, &initials(&self.art.name), accent, paper)
            }
            2 => {
                write!(
                    f,
                    r#"<rect width="400" height="400" fill="{ink}"/><circle cx="60" cy="340" r="120" fill="{accent}" opacity=".25"/><circle cx="360" cy="40" r="90" fill="{paper}" opacity=".12"/>"#
                )?;
                icon(
                    f,
                    self.art.category,
                    "translate(20 10) rotate(-12 180 180) scale(3.4)",
                    paper,
                    ink,
                )
            }
            _ => {
                write!(
                    f,
                    r##"<defs><pattern id="d" width="24" height="24" patternUnits="userSpaceOnUse"><circle cx="12" cy="12" r="3" fill="{tint}"/></pattern></defs><rect width="400" height="400" fill="{paper}"/><rect width="400" height="400" fill="url(#d)"/><rect x="70" y="50" width="260" height="300" rx="28" fill="#fff"/>"##
                )?;
                icon(
                    f,
                    self.art.category,
                    "translate(140 80) scale(1.2)",
                    ink,
                    paper,
                )?;
                write!(
                    f,
                    r#"<text x="200" y="300" text-anchor="middle" font-family="system-ui,sans-serif" font-size="56" font-weight="700" fill="{ink}">{}</text>"#,
                    Escaped(&initials(&self.art.name))
                )
            }
        }?;
        f.write_str("</svg>")
    }
}

/// The category's icon, drawn in a 100×100 box placed by `transform`: shapes
/// in `fill`, details in `detail`.
fn icon(
    f: &mut Formatter<'_>,
    category: Category,
    transform: &str,
    fill: Hsl,
    detail: Hsl,
) -> fmt::Result {
    write!(f, r#"<g transform="{transform}" fill="{fill}">"#)?;
    match category {
        Category::Apparel => f.write_str(
            r#"<path d="M35 12L20 18L6 34L18 44L26 37V88H74V37L82 44L94 34L80 18L65 12Q50 26 35 12Z"/>"#,
        )?,
        Category::Hijab => write!(
            f,
            r#"<path d="M50 6C26 6 13 28 15 52C17 75 30 93 50 95C70 93 83 75 85 52C87 28 74 6 50 6Z"/><ellipse cx="50" cy="46" rx="17" ry="21" fill="{detail}"/>"#
        )?,
        Category::Footwear => write!(
            f,
            r#"<path d="M6 72L8 44Q20 46 30 34L44 40Q56 56 78 58Q94 60 94 72Z"/><rect x="6" y="74" width="88" height="9" rx="4"/><path d="M34 44L40 50M40 40L46 46" stroke="{detail}" stroke-width="3"/>"#
        )?,
        Category::Bag => write!(
            f,
            r#"<path d="M16 38H84L90 92H10Z"/><path d="M34 38V30A16 16 0 0 1 66 30V38" fill="none" stroke="{fill}" stroke-width="7"/><rect x="40" y="52" width="20" height="8" rx="3" fill="{detail}"/>"#
        )?,
        Category::Food => write!(
            f,
            r#"<rect x="30" y="10" width="40" height="14" rx="4"/><rect x="20" y="26" width="60" height="66" rx="16"/><rect x="28" y="46" width="44" height="26" rx="5" fill="{detail}"/>"#
        )?,
        Category::Coffee => write!(
            f,
            r#"<path d="M16 36H74V60A26 26 0 0 1 48 86H42A26 26 0 0 1 16 60Z"/><circle cx="78" cy="52" r="10" fill="none" stroke="{fill}" stroke-width="6"/><path d="M34 28Q28 20 34 12M50 28Q44 20 50 12M66 28Q60 20 66 12" fill="none" stroke="{fill}" stroke-width="4"/><rect x="10" y="88" width="80" height="6" rx="3"/>"#
        )?,
        Category::Beauty => write!(
            f,
            r#"<rect x="43" y="4" width="14" height="22" rx="7"/><rect x="39" y="26" width="22" height="14"/><rect x="28" y="40" width="44" height="54" rx="12"/><rect x="36" y="56" width="28" height="20" rx="4" fill="{detail}"/>"#
        )?,
        Category::Drinkware => write!(
            f,
            r#"<rect x="26" y="6" width="48" height="14" rx="5"/><path d="M30 22H70L65 94H35Z"/><rect x="32" y="46" width="36" height="14" fill="{detail}"/>"#
        )?,
        Category::Textile => write!(
            f,
            r#"<rect x="10" y="62" width="80" height="26" rx="8"/><rect x="16" y="36" width="68" height="24" rx="8" opacity=".8"/><rect x="22" y="12" width="56" height="22" rx="8" opacity=".6"/><path d="M20 75H80" stroke="{detail}" stroke-width="3"/>"#
        )?,
    }
    f.write_str("</g>")
}

/// A round badge with the product's initials in the bottom-right corner.
fn badge(f: &mut Formatter<'_>, initials: &str, fill: Hsl, text: Hsl) -> fmt::Result {
    write!(
        f,
        r#"<circle cx="330" cy="330" r="42" fill="{fill}"/><text x="330" y="344" text-anchor="middle" font-family="system-ui,sans-serif" font-size="36" font-weight="700" fill="{text}">{}</text>"#,
        Escaped(initials)
    )
}

/// The first letters of the name's first two words, upper-cased: `Kemeja
/// Batik Parang` gives `KB`. Words that start with no letter or digit are
/// skipped.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next().filter(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// Text made safe for XML content and attribute values.
struct Escaped<'a>(&'a str);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::data::PRODUCTS;

    fn art(name: &str, category: Category) -> ProductArt {
        ProductArt {
            name: name.into(),
            category,
            hue: 200,
            image_count: 3,
        }
    }

    #[test]
    fn escapes_the_five_xml_specials() {
        assert_eq!(
            Escaped(r#"a&b<c>d"e'f"#).to_string(),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f"
        );
    }

    #[test]
    fn the_title_is_escaped() {
        let svg = art("Kopi <Susu> & \"Gula\"", Category::Coffee)
            .svg(1)
            .unwrap();
        assert!(
            svg.contains("<title>Kopi &lt;Susu&gt; &amp; &quot;Gula&quot;</title>"),
            "{svg}"
        );
    }

    #[test]
    fn initials_skip_symbols_and_keep_two_letters() {
        assert_eq!(initials("Kemeja Batik Parang"), "KB");
        assert_eq!(initials("Sambal & roa"), "SR");
        assert_eq!(initials("  serum "), "S");
        assert_eq!(initials("& <"), "");
    }

    #[test]
    fn only_existing_images_are_drawn() {
        let mut art = art("Tas", Category::Bag);
        art.image_count = 2;
        assert!(art.svg(0).is_none());
        assert!(art.svg(2).is_some());
        assert!(art.svg(3).is_none());
        assert_eq!(
            image_paths("prd-tas", 2),
            [
                "/media/products/prd-tas/1.svg",
                "/media/products/prd-tas/2.svg"
            ]
        );
    }

    #[test]
    fn every_seeded_image_is_small_deterministic_and_distinct() {
        for product in PRODUCTS {
            let art = ProductArt {
                name: product.name.into(),
                category: product.category,
                hue: product.hue,
                image_count: product.images,
            };
            let mut images = Vec::new();
            for n in 1..=u32::from(product.images) {
                let svg = art.svg(n).unwrap();
                let start = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400""#;
                assert!(svg.starts_with(start) && svg.ends_with("</svg>"));
                assert!(
                    svg.len() < 3 * 1024,
                    "{} image {n}: {} bytes",
                    product.id,
                    svg.len()
                );
                assert_eq!(
                    art.svg(n),
                    Some(svg.clone()),
                    "{} image {n} changed",
                    product.id
                );
                images.push(svg);
            }
            for (a, b) in images.iter().zip(images.iter().skip(1)) {
                assert_ne!(a, b);
            }
        }
    }
}
