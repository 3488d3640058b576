//! [`product_actions`]: the product sheet's footer, "Add to cart" and "Buy now".

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;
use crate::parts::shop::state::cart::Line;

/// Two buttons side by side at the bottom of the sheet, above the home
/// indicator, passing `line` to `on_add` or `on_buy`. Without a line (no
/// variant named, or it is sold out) both are disabled.
pub fn product_actions(
    line: Option<Line>,
    locale: Locale,
    on_add: &Callback<Line>,
    on_buy: &Callback<Line>,
) -> Html {
    let disabled = line.is_none();
    let pass = |callback: &Callback<Line>| {
        let (line, callback) = (line.clone(), callback.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(line) = line.clone() {
                callback.emit(line);
            }
        })
    };
    html! {
        <div class="sheet-actions">
            <button
                type="button"
                class="action is-secondary"
                data-testid="add-to-cart"
                {disabled}
                onclick={pass(on_add)}
            >
                { Text::AddToCart.get(locale) }
            </button>
            <button type="button" class="action" data-testid="buy-now" {disabled} onclick={pass(on_buy)}>
                { Text::BuyNow.get(locale) }
            </button>
        </div>
    }
}
