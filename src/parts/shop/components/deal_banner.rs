//! [`DealBanner`]: a flash deal over the video, above the cards — what it
//! sells (the product on up to two lines, its variant on a line of its
//! own), the deal price beside the normal price struck out and "Buy", and
//! under them, across the banner, the units left as a bar and the
//! countdown to its opening or end, then "Habis" (sold out) or "Berakhir"
//! (ended).

use std::rc::Rc;

use etalase_contract::{Locale, ProductCard};
use yew::prelude::*;

use crate::api::ApiClient;
use crate::components::price;
use crate::i18n::{count, fill, Text, CATALOGUE};
use crate::parts::monotonic;
use crate::parts::shop::hooks::{use_deal_clock, use_product};
use crate::parts::shop::state::deals::{deal_name, minutes_seconds, Heard};
use crate::state::deal_view::DealView;
use crate::state::label::PriceSpan;
use crate::state::remote::Remote;

/// Where a deal stands, in words: "Mulai dalam 0:27", "Berakhir dalam
/// 4:05", "Habis" or "Berakhir".
pub fn status_of(view: DealView, locale: Locale) -> String {
    match view {
        DealView::Upcoming { starts_in } => {
            fill(locale, Text::DealStartsIn, &minutes_seconds(starts_in))
        }
        DealView::Open { seconds_left } => {
            fill(locale, Text::DealEndsIn, &minutes_seconds(seconds_left))
        }
        DealView::SoldOut => Text::SoldOut.get(locale).to_owned(),
        DealView::Ended => Text::DealEnded.get(locale).to_owned(),
    }
}

/// Props of [`DealBanner`].
#[derive(Properties, PartialEq)]
pub struct DealBannerProps {
    /// The deal and when its latest event arrived.
    pub heard: Heard,
    /// The deal's product as the showcase shows it, if it does.
    pub product: Option<Rc<ProductCard>>,
    /// Reads the product's detail, to name the deal's variant.
    pub client: Rc<ApiClient>,
    /// The language of every text.
    pub locale: Locale,
    /// "Buy" was pressed: called with the deal's id.
    pub on_buy: Callback<String>,
}

/// The banner for `heard`, counting down on the page's monotonic clock;
/// nothing once a closed deal has been shown long enough.
///
/// The countdown itself is not announced; a polite live region says when
/// the deal is coming, opens, sells out or ends, once each.
#[function_component]
pub fn DealBanner(props: &DealBannerProps) -> Html {
    let DealBannerProps {
        heard,
        product,
        client,
        locale,
        on_buy,
    } = props;
    let locale = *locale;
    let detail = use_product(
        Rc::clone(client),
        Some(AttrValue::from(heard.deal.product_id.clone())),
    );
    let detail = match &detail.state {
        Remote::Ready(detail) => Some(Rc::clone(detail)),
        _ => None,
    };
    // Ticks while the deal runs and while a closed one is still shown.
    let running = {
        let at = monotonic::now_ms();
        !heard.view(at).is_closed() || heard.is_shown(at)
    };
    let now = use_deal_clock(running);
    let view = heard.view(now);
    let shown = heard.is_shown(now);
    if !shown {
        return Html::default();
    }
    let deal = &heard.deal;
    let (state, said) = match view {
        DealView::Upcoming { .. } => ("upcoming", Text::DealComing),
        DealView::Open { .. } => ("open", Text::DealOpened),
        DealView::SoldOut => ("sold_out", Text::DealSoldOut),
        DealView::Ended => ("ended", Text::DealEndedSaid),
    };
    let status = status_of(view, locale);
    let units = fill(
        locale,
        Text::DealUnitsLeft,
        &[count(locale, deal.units_left), count(locale, deal.units)].join("/"),
    );
    let name = deal_name(
        deal,
        detail.as_deref(),
        product.as_ref().map(|card| card.name.as_str()),
    );
    let image = product
        .as_ref()
        .map(|card| card.image_url.clone())
        .or_else(|| detail.as_ref().and_then(|d| d.image_urls.first().cloned()));
    let action = match view {
        DealView::Upcoming { .. } | DealView::Open { .. } => {
            let open = matches!(view, DealView::Open { .. });
            let id = deal.id.clone();
            html! {
                <button
                    type="button"
                    class="action deal-buy"
                    data-testid="deal-buy"
                    disabled={!open}
                    onclick={on_buy.reform(move |_: MouseEvent| id.clone())}
                >
                    { Text::DealBuy.get(locale) }
                </button>
            }
        }
        DealView::SoldOut | DealView::Ended => Html::default(),
    };
    html! {
        <section
            class={classes!("deal", view.is_closed().then_some("is-closed"))}
            data-testid="deal"
            data-state={state}
            aria-label={Text::DealTitle.get(locale)}
        >
            if let Some(image) = image {
                <img class="deal-thumb" src={image} alt="" width="48" height="48" />
            }
            <div class="deal-text">
                <p class="deal-title">
                    <span class="deal-flag">{ Text::DealTitle.get(locale) }</span>
                    if let Some(name) = name {
                        <span class="deal-name" lang={CATALOGUE} data-testid="deal-name">
                            <span class="deal-product">{ name.product }</span>
                            if let Some(variant) = name.variant {
                                <span class="deal-variant"><span class="deal-sep">{ " · " }</span>{ variant }</span>
                            }
                        </span>
                    }
                </p>
            </div>
            <div class="deal-price">
                { price(PriceSpan::One { price: deal.price, original: Some(deal.normal_price) }, locale) }
            </div>
            { action }
            <div class="deal-meta">
                if !view.is_closed() {
                    <progress class="deal-units" max={deal.units.to_string()} value={deal.units_left.to_string()} aria-hidden="true" />
                    <span class="deal-left" data-testid="deal-units">{ units }</span>
                }
                <span class="deal-status" role="timer" data-testid="deal-status">{ status }</span>
            </div>
            <p class="sr" aria-live="polite" data-testid="deal-said">{ said.get(locale) }</p>
        </section>
    }
}
