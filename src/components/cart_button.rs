//! [`cart_button`]: the cart over the video, with its unit count.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{items, Text};
use crate::view::icons;

/// A round bag icon; a badge shows the units (`count`, once known) when
/// there are any, and the label says them ("Keranjang, 2 barang"). Tapping
/// calls `on_open`; `node_ref` lets focus come back to it when the cart closes.
pub fn cart_button(
    count: Option<u32>,
    locale: Locale,
    on_open: &Callback<()>,
    node_ref: &NodeRef,
) -> Html {
    let cart = Text::Cart.get(locale);
    let label = match count {
        Some(count) => [cart, ", ", &items(locale, count)].concat(),
        None => cart.to_owned(),
    };
    let badge = count.filter(|count| *count > 0).map(|count| {
        // Three characters at most, so the badge keeps its size.
        let shown = if count > 99 { "99+".to_owned() } else { count.to_string() };
        html! { <span class="cart-badge" data-testid="cart-badge" aria-hidden="true">{ shown }</span> }
    });
    html! {
        <button
            type="button"
            class="cart-button"
            data-testid="cart-button"
            aria-label={label}
            onclick={on_open.reform(|_: MouseEvent| ())}
            ref={node_ref.clone()}
        >
            <span class="pill round" aria-hidden="true">
                <svg viewBox="0 0 24 24"><path d={icons::BAG} /></svg>
            </span>
            { for badge }
        </button>
    }
}
