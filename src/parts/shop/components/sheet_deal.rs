//! [`SheetDeal`]: a product's flash deal inside its sheet — the deal price
//! beside the normal one, the variant it sells, the countdown and the units
//! left, and the way to its checkout.

use etalase_contract::{Locale, ProductDetail};
use yew::prelude::*;

use super::deal_banner::status_of;
use crate::components::price;
use crate::i18n::{count, fill, Text, CATALOGUE};
use crate::parts::shop::hooks::use_deal_clock;
use crate::parts::shop::state::deals::{deal_name, Heard};
use crate::state::deal_view::DealView;
use crate::state::label::PriceSpan;

/// Props of [`SheetDeal`].
#[derive(Properties, PartialEq)]
pub struct SheetDealProps {
    /// The product's deal and when its latest event arrived.
    pub heard: Heard,
    /// The product the sheet shows, to name the deal's variant.
    pub product: std::rc::Rc<ProductDetail>,
    /// The language of every text.
    pub locale: Locale,
    /// "Buy at the deal price" was pressed: called with the deal's id.
    pub on_buy: Callback<String>,
}

/// The deal's box, counting down on the page's monotonic clock; its button
/// opens the deal's checkout once the deal is open, and the box goes once
/// the deal has sold out or ended (the sheet then shows the stock as it is).
#[function_component]
pub fn SheetDeal(props: &SheetDealProps) -> Html {
    let SheetDealProps {
        heard,
        product,
        locale,
        on_buy,
    } = props;
    let locale = *locale;
    let now = use_deal_clock(true);
    let view = heard.view(now);
    if view.is_closed() {
        return Html::default();
    }
    let deal = &heard.deal;
    let open = matches!(view, DealView::Open { .. });
    let units = fill(
        locale,
        Text::DealUnitsLeft,
        &[count(locale, deal.units_left), count(locale, deal.units)].join("/"),
    );
    let variant = deal_name(deal, Some(product), None).and_then(|name| name.variant);
    let onclick = {
        let (on_buy, id) = (on_buy.clone(), deal.id.clone());
        // Announced, the button is there to be found but says it is not
        // open yet: the countdown beside it says when.
        Callback::from(move |_: MouseEvent| {
            if open {
                on_buy.emit(id.clone());
            }
        })
    };
    html! {
        <section class="sheet-deal" data-testid="sheet-deal" aria-label={Text::DealTitle.get(locale)}>
            <div class="deal-text">
                <p class="deal-title">
                    <span class="deal-flag">{ Text::DealTitle.get(locale) }</span>
                    if let Some(variant) = variant {
                        <span class="deal-variant" lang={CATALOGUE}>{ variant }</span>
                    }
                </p>
                { price(PriceSpan::One { price: deal.price, original: Some(deal.normal_price) }, locale) }
                <p class="deal-meta">
                    <span class="deal-status" role="timer" data-testid="sheet-deal-status">{ status_of(view, locale) }</span>
                </p>
                <p class="deal-meta" data-testid="sheet-deal-units">{ units }</p>
            </div>
            <button
                type="button"
                class="action deal-buy"
                data-testid="sheet-deal-buy"
                aria-disabled={(!open).then_some("true")}
                {onclick}
            >
                { Text::BuyAtDeal.get(locale) }
            </button>
        </section>
    }
}
