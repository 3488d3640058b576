//! Building the first part's DOM by hand: an element, its attributes, its
//! text and its children, in one expression.
//!
//! The first part draws without a component framework (decision 0010): a
//! handful of elements, built once and patched where the live feed changes
//! them, need no virtual DOM.

use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Document, Element, NodeList};

/// The namespace of the icons' elements.
const SVG: &str = "http://www.w3.org/2000/svg";

/// An element under construction.
pub struct El(pub Element);

impl El {
    /// A new `tag` element of `document`.
    pub fn new(document: &Document, tag: &str) -> El {
        El(document.create_element(tag).unwrap_throw())
    }

    /// A new `tag` element of `class`.
    pub fn of(document: &Document, tag: &str, class: &str) -> El {
        El::new(document, tag).attr("class", class)
    }

    /// With the attribute `name` set to `value`.
    pub fn attr(self, name: &str, value: &str) -> El {
        // Only a malformed name fails, and every name here is literal.
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// With `text` appended as a text node (never parsed as markup).
    pub fn text(self, text: &str) -> El {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// With `child` appended.
    pub fn child(self, child: impl Into<Element>) -> El {
        let _ = self.0.append_child(&child.into());
        self
    }

    /// With each of `children` appended.
    pub fn children(self, children: impl IntoIterator<Item = El>) -> El {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }
}

impl From<El> for Element {
    fn from(el: El) -> Element {
        el.0
    }
}

/// A 24 × 24 icon of one path `d`, hidden from assistive technology, with
/// `class` when given.
pub fn icon(document: &Document, d: &str, class: Option<&str>) -> El {
    let svg = El(document.create_element_ns(Some(SVG), "svg").unwrap_throw());
    let svg = match class {
        Some(class) => svg.attr("class", class),
        None => svg,
    };
    let path = El(document.create_element_ns(Some(SVG), "path").unwrap_throw()).attr("d", d);
    svg.attr("viewBox", "0 0 24 24")
        .attr("aria-hidden", "true")
        .child(path)
}

/// Replaces `element`'s children with `children`.
pub fn replace_children(element: &Element, children: &[Element]) {
    element.set_text_content(None);
    for child in children {
        let _ = element.append_child(child);
    }
}

/// The element of `found` whose `attribute` is `value` (compared as text,
/// so no value ever needs escaping into a selector).
pub fn with_attribute(found: &NodeList, attribute: &str, value: &str) -> Option<Element> {
    (0..found.length())
        .filter_map(|at| found.item(at)?.dyn_into::<Element>().ok())
        .find(|element| element.get_attribute(attribute).as_deref() == Some(value))
}
