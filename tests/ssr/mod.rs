//! Shared by the render test crates: Yew's server renderer driven from
//! fixtures, and a reader of the markup's test hooks. Each crate uses the
//! part it needs, hence `allow(dead_code)`.
#![allow(dead_code)]

use yew::prelude::*;
use yew::{BaseComponent, ServerRenderer};

/// Props of [`Show`].
#[derive(Properties, PartialEq)]
pub struct ShowProps {
    html: Html,
}

/// Shows the markup a view function returned.
#[function_component]
fn Show(props: &ShowProps) -> Html {
    props.html.clone()
}

/// Renders the markup `make` returns (on the renderer's thread).
pub async fn show(make: impl FnOnce() -> Html + Send + 'static) -> String {
    render::<Show>(|| ShowProps { html: make() }).await
}

/// Renders `C` with the props `make` builds (on the renderer's thread).
pub async fn render<C>(make: impl FnOnce() -> C::Properties + Send + 'static) -> String
where
    C: BaseComponent,
{
    ServerRenderer::<C>::with_props(make)
        .hydratable(false)
        .render()
        .await
}

/// The opening tags of the elements whose `data-testid` is `id`.
pub fn tags_with<'a>(html: &'a str, id: &str) -> Vec<&'a str> {
    let needle = format!(r#"data-testid="{id}""#);
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = html[..at].rfind('<').expect("a tag opens before the hook");
            let end = at + html[at..].find('>').expect("the tag closes");
            &html[start..=end]
        })
        .collect()
}

/// The text right after the opening tag carrying `data-testid="<id>"`.
pub fn text_of<'a>(html: &'a str, id: &str) -> &'a str {
    let tag = tags_with(html, id)[0];
    let at = html.find(tag).expect("the tag is in the markup") + tag.len();
    &html[at..at + html[at..].find('<').expect("the text ends")]
}

/// The text of `html`, its tags (and Yew's markers) left out.
pub fn words(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
