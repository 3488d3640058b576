//! [`Qr`]: a QRIS payload drawn as a QR code in inline SVG, and
//! [`qr_svg_document`], the same code as a standalone SVG file for "Save QR".
//!
//! One `<path>` draws every dark module, run by run along each row, in a
//! `viewBox` of one unit per module with the standard quiet zone of four
//! modules around the code: crisp at any size, a few kilobytes of markup.
//! Codes come from Nayuki's `qrcodegen` at error correction level M (raised
//! when it costs no extra size), as QRIS codes are printed.

use qrcodegen::{QrCode, QrCodeEcc};
use yew::prelude::*;

/// Modules of light margin around the code.
const QUIET_ZONE: i32 = 4;

/// Props of [`Qr`].
#[derive(Properties, PartialEq)]
pub struct QrProps {
    /// The text to encode: a QRIS (EMVCo) payload.
    pub payload: AttrValue,
    /// The image's accessible name.
    pub label: AttrValue,
}

/// The code of `payload` as an image named `label`, on the light
/// background the CSS gives `.qr`; nothing when the payload is too long
/// for any QR code (a QRIS payload never is). A component, so the code is
/// drawn again only when the payload changes.
#[function_component]
pub fn Qr(props: &QrProps) -> Html {
    let Some(drawing) = draw(&props.payload) else {
        return Html::default();
    };
    html! {
        <svg
            class="qr"
            viewBox={drawing.view_box()}
            role="img"
            aria-label={props.label.clone()}
            shape-rendering="crispEdges"
            data-testid="qris-code"
        >
            <path d={drawing.path} />
        </svg>
    }
}

/// The code of `payload` as a standalone SVG document, black on white with
/// its quiet zone, 8 pixels a module by default; `None` when the payload
/// is too long for any QR code.
pub fn qr_svg_document(payload: &str) -> Option<String> {
    let drawing = draw(payload)?;
    let side = drawing.side.to_string();
    let pixels = (drawing.side * 8).to_string();
    Some(
        [
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox=""#,
            &drawing.view_box(),
            r#"" width=""#,
            &pixels,
            r#"" height=""#,
            &pixels,
            r#"" shape-rendering="crispEdges"><rect width=""#,
            &side,
            r#"" height=""#,
            &side,
            r##"" fill="#fff"/><path d=""##,
            &drawing.path,
            r##"" fill="#000"/></svg>"##,
        ]
        .concat(),
    )
}

/// A QR code as one SVG path.
struct Drawing {
    /// Modules on each side, quiet zone included.
    side: i32,
    /// The dark modules: `M<x> <y>h<run>v1h-<run>z` per run of a row.
    path: String,
}

impl Drawing {
    /// `0 0 <side> <side>`.
    fn view_box(&self) -> String {
        let side = self.side.to_string();
        ["0 0 ", &side, " ", &side].concat()
    }
}

/// Encodes `payload` and traces its dark modules.
fn draw(payload: &str) -> Option<Drawing> {
    let code = QrCode::encode_text(payload, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let run = (x - start).to_string();
            path.push('M');
            path.push_str(&(start + QUIET_ZONE).to_string());
            path.push(' ');
            path.push_str(&(y + QUIET_ZONE).to_string());
            path.push('h');
            path.push_str(&run);
            path.push_str("v1h-");
            path.push_str(&run);
            path.push('z');
        }
    }
    Some(Drawing {
        side: size + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dynamic QRIS payload as the reference server writes one.
    const PAYLOAD: &str = "00020101021226640017ID.CO.ETALASE.WWW0118936000000000000001\
        0207ETL00010303UMI520453995303360540615000058\
        02ID5919ETALASE MARKETPLACE6007JAKARTA62110107pay-1236304ABCD";

    /// The dark modules a path draws, as (x, y) in code coordinates.
    fn modules(path: &str) -> Vec<(i32, i32)> {
        let mut dark = Vec::new();
        for run in path.split('z').filter(|run| !run.is_empty()) {
            let run = run.strip_prefix('M').unwrap();
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (length, back) = rest.split_once("v1h-").unwrap();
            assert_eq!(length, back, "{run}");
            let (x, y, length): (i32, i32, i32) = (
                x.parse().unwrap(),
                y.parse().unwrap(),
                length.parse().unwrap(),
            );
            dark.extend((x..x + length).map(|x| (x - QUIET_ZONE, y - QUIET_ZONE)));
        }
        dark
    }

    #[test]
    fn draws_every_dark_module_of_the_code_and_nothing_else() {
        let code = QrCode::encode_text(PAYLOAD, QrCodeEcc::Medium).unwrap();
        let drawing = draw(PAYLOAD).unwrap();
        let size = code.size();
        assert_eq!(size, 4 * i32::from(code.version().value()) + 17);
        assert_eq!(drawing.side, size + 8);
        let expected: Vec<(i32, i32)> = (0..size)
            .flat_map(|y| (0..size).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .collect();
        assert_eq!(modules(&drawing.path), expected);
    }

    #[test]
    fn the_path_is_deterministic_and_differs_by_payload() {
        let first = draw(PAYLOAD).unwrap().path;
        assert_eq!(first, draw(PAYLOAD).unwrap().path);
        assert_ne!(first, draw("another payload").unwrap().path);
    }

    #[test]
    fn the_document_is_a_well_formed_svg_of_the_same_code() {
        let document = qr_svg_document(PAYLOAD).unwrap();
        let drawing = draw(PAYLOAD).unwrap();
        let side = drawing.side;
        assert!(document.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" "#));
        assert!(document.ends_with("</svg>"));
        assert!(document.contains(&format!(r#"viewBox="0 0 {side} {side}""#)));
        assert!(document.contains(&format!(r#"width="{}""#, side * 8)));
        assert!(document.contains(&format!(
            r##"<rect width="{side}" height="{side}" fill="#fff"/>"##
        )));
        assert!(document.contains(&format!(r##"<path d="{}" fill="#000"/>"##, drawing.path)));
        assert_eq!(
            document.matches('<').count(),
            4,
            "svg, rect, path and the closing tag"
        );
        assert_eq!(document.matches('>').count(), 4);
        assert!(drawing
            .path
            .bytes()
            .all(|b| b.is_ascii_digit() || b" Mhvz-".contains(&b)));
    }

    #[test]
    fn a_payload_too_long_for_any_code_draws_nothing() {
        let huge = "x".repeat(8_000);
        assert!(draw(&huge).is_none());
        assert!(qr_svg_document(&huge).is_none());
    }
}
