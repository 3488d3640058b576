//! The widget's stylesheets, minified at compile time: `widget.css` (the
//! first part's), `widget_later.css` (the later parts' shared styles) and
//! `parts/creator/studio.css` (the creator part's alone), see [`later`].
//!
//! The source keeps its comments and layout for people; the wasm carries
//! the stylesheet without them (about 2 KB raw, 0.5 KB gzip less). The
//! minifier is a `const fn`, so nothing of it runs or ships in the wasm, and
//! it is deliberately simple: it drops comments, collapses whitespace to one
//! space, drops that space next to `{ } ; >`, and drops a `;` before `}`.
//! Quoted strings are copied as they are. `tests/web.rs` checks that the
//! browser reads the same rules from the minified text as from the source.

/// The minified text of the stylesheet at `$path`, a `&'static str` made
/// at compile time: no copy of the source ever runs or ships.
macro_rules! minified {
    ($path:literal) => {{
        const SOURCE: &[u8] = include_bytes!($path);
        const LEN: usize = minify::<{ SOURCE.len() }>(SOURCE).1;
        #[allow(clippy::large_const_arrays)]
        const BYTES: [u8; LEN] = {
            let (full, _) = minify::<{ SOURCE.len() }>(SOURCE);
            let mut bytes = [0; LEN];
            let mut at = 0;
            while at < LEN {
                bytes[at] = full[at];
                at += 1;
            }
            bytes
        };
        match std::str::from_utf8(&BYTES) {
            Ok(css) => css,
            // Only ASCII bytes and whole comments are dropped, so this cannot happen.
            Err(_) => panic!("a stylesheet minified to invalid UTF-8"),
        }
    }};
}

/// The stylesheet every widget's shadow root adopts: what the first part
/// draws (`widget.css`).
pub const CSS: &str = minified!("../widget.css");

/// The later parts' styles, out of the first part: each part adds what it
/// draws with to the shared stylesheet as it first draws. Nothing of this
/// module is in the first part (`cargo xtask test` checks its names).
pub mod later {
    use super::minify;

    /// `widget_later.css`, minified: the styles both later parts use.
    const SHARED: &str = minified!("../widget_later.css");
    /// `parts/creator/studio.css`, minified: the studio's styles.
    const STUDIO: &str = minified!("../parts/creator/studio.css");

    /// Adds the later parts' shared styles to the shared stylesheet (once),
    /// so every widget on the page has them before a part's first frame.
    pub fn register() {
        crate::embed::mount::extend_stylesheet(SHARED);
    }

    /// Adds the studio's styles after the shared ones (once); only the
    /// creator part calls it, so a shopper never downloads them.
    pub fn register_studio() {
        crate::embed::mount::extend_stylesheet(STUDIO);
    }

    /// The later parts' styles and their sources, for the tests that
    /// compare them.
    #[cfg(test)]
    pub(super) fn sources() -> [(&'static str, &'static str); 2] {
        [
            (SHARED, include_str!("../widget_later.css")),
            (STUDIO, include_str!("../parts/creator/studio.css")),
        ]
    }
}

/// `source` minified into the first `.1` bytes of an `N`-byte buffer;
/// `N` must be at least `source.len()` (the output is never longer).
const fn minify<const N: usize>(source: &[u8]) -> ([u8; N], usize) {
    let mut out = [0; N];
    let (mut len, mut at) = (0, 0);
    // Whether whitespace or a comment came since the last byte written.
    let mut gap = false;
    while at < source.len() {
        let byte = source[at];
        if byte == b'/' && at + 1 < source.len() && source[at + 1] == b'*' {
            at += 2;
            while at < source.len()
                && !(source[at] == b'*' && at + 1 < source.len() && source[at + 1] == b'/')
            {
                at += 1;
            }
            at += 2;
            gap = true;
            continue;
        }
        if byte.is_ascii_whitespace() {
            gap = true;
            at += 1;
            continue;
        }
        if gap && len > 0 && !tight(out[len - 1]) && !tight(byte) {
            out[len] = b' ';
            len += 1;
        }
        gap = false;
        if byte == b'}' && len > 0 && out[len - 1] == b';' {
            len -= 1;
        }
        out[len] = byte;
        len += 1;
        at += 1;
        if byte == b'"' || byte == b'\'' {
            // Copy the string through its closing quote, escapes included.
            while at < source.len() {
                let inner = source[at];
                out[len] = inner;
                len += 1;
                at += 1;
                if inner == b'\\' && at < source.len() {
                    out[len] = source[at];
                    len += 1;
                    at += 1;
                } else if inner == byte {
                    break;
                }
            }
        }
    }
    (out, len)
}

/// Whether whitespace next to `byte` can go. Not next to `,`: custom
/// properties (`--etalase-glass: rgba(22, 24, 35, 0.62)`) keep their value
/// as written, so `tests/web.rs` could not compare rules exactly.
const fn tight(byte: u8) -> bool {
    matches!(byte, b'{' | b'}' | b';' | b'>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minified(source: &str) -> String {
        let (bytes, len) = minify::<256>(source.as_bytes());
        String::from_utf8(bytes[..len].to_vec()).unwrap()
    }

    #[test]
    fn drops_comments_and_needless_whitespace() {
        let source = "/* head */\n:host {\n  all: initial; /* reset */\n  inset: 0;\n}\n\n.a > b,\n.c  .d { x: y }\n";
        assert_eq!(
            minified(source),
            ":host{all: initial;inset: 0}.a>b, .c .d{x: y}"
        );
    }

    #[test]
    fn keeps_the_spaces_values_need_and_strings_as_they_are() {
        assert_eq!(
            minified(
                ".a { padding: calc(10px + env(x, 0px)) 0; font: 13px \"Segoe  UI\", 'a;b'; }"
            ),
            ".a{padding: calc(10px + env(x, 0px)) 0;font: 13px \"Segoe  UI\", 'a;b'}"
        );
        assert_eq!(minified(r#"[x="a\"  /* b"] {}"#), r#"[x="a\"  /* b"]{}"#);
    }

    #[test]
    fn the_widget_stylesheets_lose_only_comments_and_layout() {
        for (css, source) in [(CSS, include_str!("../widget.css"))]
            .into_iter()
            .chain(later::sources())
        {
            assert!(css.len() < source.len());
            assert!(!css.contains("/*") && !css.contains('\n'));
            for brace in ['{', '}'] {
                assert_eq!(css.matches(brace).count(), source.matches(brace).count());
            }
        }
    }
}
