//! [`CatalogueSearch`]: the marketplace catalogue as a creator searches it
//! (name, shop, price range read the Indonesian way, in stock only), page
//! by page, with a button to add each product to the showcase and sold-out
//! products marked. "Add" keeps the focus as it turns to "In showcase"
//! (which is then unavailable, but still focusable), and the addition is
//! said.

use std::rc::Rc;

use etalase_contract::{CatalogueProduct, Locale, ProductPage};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{error_box, Subject};
use crate::i18n::{count, fill, percent, Text};
use crate::parts::creator::state::creator::{CreatorAction, Item, Search};
use crate::parts::creator::state::number::{price_range, RangeMistake};
use crate::state::remote::Remote;

/// Props of [`CatalogueSearch`].
#[derive(Properties, PartialEq)]
pub struct CatalogueSearchProps {
    /// The language of every text.
    pub locale: Locale,
    /// The search last asked for.
    pub search: Search,
    /// Its results.
    pub results: Remote<ProductPage>,
    /// The showcase's products, to mark those already in it.
    pub in_showcase: Rc<Vec<String>>,
    /// Whether the showcase is full.
    pub full: bool,
    /// Where searches, pages and additions go.
    pub on_action: Callback<CreatorAction>,
}

/// The search form (its fields hold what is typed until "Search"), then the
/// results with their pager.
#[function_component]
pub fn CatalogueSearch(props: &CatalogueSearchProps) -> Html {
    let locale = props.locale;
    let draft = use_state(|| props.search.clone());
    // The price fields as typed ("50rb"), read when the search is asked for.
    let shown = |amount: Option<i64>| amount.map(|a| a.to_string()).unwrap_or_default();
    let prices = use_state(|| [shown(props.search.min_price), shown(props.search.max_price)]);
    let range_mistake = use_state_eq(|| None::<RangeMistake>);
    // The product added last, said in the live region.
    let added = use_state_eq(|| None::<String>);
    let field = |apply: fn(&mut Search, String)| {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let mut next = (*draft).clone();
            apply(
                &mut next,
                event.target_unchecked_into::<HtmlInputElement>().value(),
            );
            draft.set(next);
        })
    };
    let on_stock = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            next.in_stock = !next.in_stock;
            draft.set(next);
        })
    };
    let on_submit = {
        let (draft, on_action) = (draft.clone(), props.on_action.clone());
        let (prices, range_mistake) = (prices.clone(), range_mistake.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // A price that is no amount, or a range upside down, is said at
            // its field; nothing is sent.
            match price_range(&prices[0], &prices[1]) {
                Ok((min_price, max_price)) => {
                    range_mistake.set(None);
                    on_action.emit(CreatorAction::Search(Search {
                        min_price,
                        max_price,
                        ..(*draft).clone()
                    }));
                }
                Err(mistake) => range_mistake.set(Some(mistake)),
            }
        })
    };
    let price_field = |index: usize, id: &'static str, label: Text| {
        let wrong = match *range_mistake {
            Some(RangeMistake::Min) => index == 0,
            Some(RangeMistake::Max | RangeMistake::Reversed) => index == 1,
            None => false,
        };
        let (setter, mistake) = (prices.clone(), range_mistake.clone());
        let on_input = Callback::from(move |event: InputEvent| {
            let mut next = (*setter).clone();
            next[index] = event.target_unchecked_into::<HtmlInputElement>().value();
            setter.set(next);
            mistake.set(None);
        });
        html! {
            <div class="field">
                <label for={id}>{ label.get(locale) }</label>
                <input
                    id={id}
                    type="text"
                    value={prices[index].clone()}
                    aria-invalid={wrong.then_some("true")}
                    aria-describedby={wrong.then_some("search-price-error")}
                    oninput={on_input}
                    autocomplete="off"
                />
            </div>
        }
    };
    let range_said = range_mistake.map(|mistake| match mistake {
        RangeMistake::Min => [
            Text::MinPrice.get(locale),
            ": ",
            Text::ErrorAmount.get(locale),
        ]
        .concat(),
        RangeMistake::Max => [
            Text::MaxPrice.get(locale),
            ": ",
            Text::ErrorAmount.get(locale),
        ]
        .concat(),
        RangeMistake::Reversed => Text::PriceRangeReversed.get(locale).to_owned(),
    });
    let text = |id: &'static str,
                label: Text,
                value: String,
                on_input: Callback<InputEvent>,
                mode: &'static str| {
        html! {
            <div class="field">
                <label for={id}>{ label.get(locale) }</label>
                <input id={id} type="text" inputmode={mode} {value} oninput={on_input} autocomplete="off" />
            </div>
        }
    };
    // A price range to mend leaves no results of an earlier search listed
    // under it, as if they were its own.
    let results = match &props.results {
        _ if range_mistake.is_some() => Html::default(),
        Remote::Ready(page) => results(page, props, locale, &added),
        Remote::Failed(error) => error_box(error, Subject::Checkout, locale, &{
            let search = props.search.clone();
            props
                .on_action
                .reform(move |()| CreatorAction::Search(search.clone()))
        }),
        Remote::Idle | Remote::Loading => html! {
            <div class="skeleton" aria-label={Text::SearchProducts.get(locale)}>
                <span class="bar search-bar" /><span class="bar search-bar" /><span class="bar search-bar" />
            </div>
        },
    };
    html! {
        <>
            <form class="search-form" data-testid="catalogue-search" role="search" onsubmit={on_submit}>
                { text("search-q", Text::SearchProducts, draft.query.clone(), field(|s, v| s.query = v), "search") }
                <div class="search-row">
                    { text("search-shop", Text::SearchShop, draft.shop.clone(), field(|s, v| s.shop = v), "text") }
                </div>
                <div class="search-row">
                    { price_field(0, "search-min", Text::MinPrice) }
                    { price_field(1, "search-max", Text::MaxPrice) }
                </div>
                if let Some(said) = range_said {
                    <p class="field-error" id="search-price-error" role="alert" data-testid="price-error">{ said }</p>
                }
                <button type="button" class="check" role="checkbox" aria-checked={if draft.in_stock { "true" } else { "false" }} onclick={on_stock}>
                    <span class="box" aria-hidden="true" />
                    { Text::InStockOnly.get(locale) }
                </button>
                <button type="submit" class="action" data-testid="search-button">{ Text::SearchButton.get(locale) }</button>
            </form>
            { results }
            <p class="sr" role="status" data-testid="results-said">{ found_said(&props.results, range_mistake.is_some(), locale) }</p>
            <p class="sr" aria-live="polite" data-testid="attach-said">
                { added.as_deref().map(|name| fill(locale, Text::AddedToShowcase, name)) }
            </p>
        </>
    }
}

/// What a search found, said once it answered ("12 produk ditemukan"),
/// nothing while it runs or a price range is to be mended.
fn found_said(results: &Remote<ProductPage>, mending: bool, locale: Locale) -> String {
    match results {
        Remote::Ready(page) if !mending && page.products.is_empty() => {
            Text::NoResults.get(locale).to_owned()
        }
        Remote::Ready(page) if !mending => {
            fill(locale, Text::ProductsFound, &count(locale, page.total))
        }
        _ => String::new(),
    }
}

/// One page of results and the pager.
fn results(
    page: &ProductPage,
    props: &CatalogueSearchProps,
    locale: Locale,
    added: &UseStateHandle<Option<String>>,
) -> Html {
    if page.products.is_empty() {
        return html! { <p class="empty" data-testid="no-results">{ Text::NoResults.get(locale) }</p> };
    }
    let pages = page.total.div_ceil(page.per_page.max(1)).max(1);
    let on_page = |to: u32| {
        props
            .on_action
            .reform(move |_: MouseEvent| CreatorAction::Page(to))
    };
    let of = [page.page.to_string(), "/".to_owned(), pages.to_string()].concat();
    html! {
        <>
            <ul class="creator-list" data-testid="search-results">
                { for page.products.iter().map(|product| result(product, props, locale, added)) }
            </ul>
            <div class="pager">
                <button type="button" class="action is-secondary" data-testid="previous-page" disabled={page.page <= 1} onclick={on_page(page.page.saturating_sub(1))}>
                    { Text::PreviousPage.get(locale) }
                </button>
                <span class="pager-at">{ fill(locale, Text::PageOf, &of) }</span>
                <button type="button" class="action is-secondary" data-testid="next-page" disabled={page.page >= pages} onclick={on_page(page.page + 1)}>
                    { Text::NextPage.get(locale) }
                </button>
            </div>
        </>
    }
}

/// One product found, with "Add" (or "In showcase"); an addition is said
/// through `added`.
fn result(
    product: &CatalogueProduct,
    props: &CatalogueSearchProps,
    locale: Locale,
    added: &UseStateHandle<Option<String>>,
) -> Html {
    let attached = props.in_showcase.contains(&product.id);
    let item = Item::from(product);
    let on_add = {
        let (on_action, added) = (props.on_action.clone(), added.clone());
        Callback::from(move |_: MouseEvent| {
            if !attached {
                added.set(Some(item.name.clone()));
                on_action.emit(CreatorAction::Attach(item.clone()));
            }
        })
    };
    html! {
        <li class="creator-item" data-testid="search-result" data-product-id={product.id.clone()}>
            <div class="creator-product">
                <img class="creator-thumb" src={product.image_url.clone()} alt="" loading="lazy" />
                <div class="creator-text">
                    <p class="creator-name">{ product.name.as_str() }</p>
                    <p class="creator-meta">{ product.shop.name.as_str() }{ " · " }{ product.price.format(locale) }</p>
                    <p class="creator-meta">
                        if product.stock == 0 {
                            <span class="sold-out-tag">{ Text::SoldOut.get(locale) }</span>
                        } else {
                            { fill(locale, Text::StockCount, &product.stock.to_string()) }
                        }
                        { " · " }
                        { fill(locale, Text::Commission, &percent(locale, product.commission_bp)) }
                    </p>
                </div>
                <button
                    type="button"
                    class="action add"
                    data-testid="attach"
                    // Once attached the button says so, and is named by what
                    // it says: unavailable, yet focusable, so the focus that
                    // pressed it stays.
                    aria-label={(!attached).then(|| fill(locale, Text::Attach, &product.name))}
                    aria-disabled={attached.then_some("true")}
                    disabled={!attached && props.full}
                    onclick={on_add}
                >
                    { if attached { Text::InShowcase.get(locale) } else { Text::AttachShort.get(locale) } }
                </button>
            </div>
        </li>
    }
}
