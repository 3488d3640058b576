//! [`cart_button`]: the cart over the video, with its unit count.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::{items, Text};

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
                <svg viewBox="0 0 24 24"><path d="M7 8V7a5 5 0 0 1 10 0v1h2.2a1 1 0 0 1 1 .9l1 11A2 2 0 0 1 19.2 22H4.8a2 2 0 0 1-2-2.1l1-11a1 1 0 0 1 1-.9H7zm2 0h6V7a3 3 0 0 0-6 0v1zm-1 3.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zm8 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z" /></svg>
            </span>
            { for badge }
        </button>
    }
}
