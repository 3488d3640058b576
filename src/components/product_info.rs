//! [`ProductInfo`]: a loaded product in the sheet, with its variant picker.

use std::rc::Rc;

use etalase_contract::{Locale, ProductDetail};
use yew::prelude::*;

use super::{Description, Gallery, OptionGroup, Price, StockLabel};
use crate::i18n::{count, fill, Text};
use crate::state::variant::{VariantAction, VariantChoice};

/// Props of [`ProductInfo`].
#[derive(Properties, PartialEq)]
pub struct ProductInfoProps {
    /// The product.
    pub product: Rc<ProductDetail>,
    /// The language of every text.
    pub locale: Locale,
}

/// Images, price of the chosen variant, name, sales, option chips, stock,
/// shop and description. Key it by product id: the choice starts afresh
/// for each product.
#[function_component]
pub fn ProductInfo(props: &ProductInfoProps) -> Html {
    let ProductInfoProps { product, locale } = props;
    let locale = *locale;
    let choice = {
        let product = Rc::clone(product);
        use_reducer(move || VariantChoice::new(product))
    };
    let on_choose = {
        let dispatcher = choice.dispatcher();
        use_callback((), move |(axis, value): (usize, String), _| {
            dispatcher.dispatch(VariantAction::Choose { axis, value });
        })
    };
    html! {
        <div class="info">
            <Gallery product={Rc::clone(product)} {locale} />
            if let Some(span) = choice.price() {
                <div class="sheet-price"><Price {span} {locale} /></div>
            }
            <h2 class="title">{ &product.name }</h2>
            <p class="meta">{ fill(locale, Text::SoldCount, &count(locale, product.sold_count)) }</p>
            { for product.options.iter().enumerate().map(|(axis, option)| html! {
                <OptionGroup
                    key={axis}
                    {axis}
                    name={option.name.clone()}
                    chips={choice.chips(axis)}
                    on_choose={on_choose.clone()}
                />
            }) }
            <StockLabel stock={choice.stock()} {locale} />
            <div class="shop-row">
                <span class="shop-name">{ &product.shop.name }</span>
                <span class="shop-city">{ fill(locale, Text::ShipsFrom, &product.shop.city) }</span>
            </div>
            <Description text={product.description.clone()} {locale} />
        </div>
    }
}
