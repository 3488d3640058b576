//! [`creator_showcase`]: the stream's showcase as its creator arranges it —
//! in order, with live stock, the pin, move up and down, drag, and remove.

use etalase_contract::Locale;
use web_sys::DragEvent;
use yew::prelude::*;

use crate::i18n::{fill, Text};
use crate::parts::creator::state::creator::{CreatorAction, CreatorState, Item};

/// The drag's payload type: the dragged row's index.
const DRAGGED: &str = "application/x-etalase-index";

/// The list, one row per product, or the empty notice; a refused change
/// is explained above it.
pub fn creator_showcase(
    state: &CreatorState,
    locale: Locale,
    on_action: &Callback<CreatorAction>,
) -> Html {
    let last = state.items.len().saturating_sub(1);
    let rows = state.items.iter().enumerate().map(|(index, item)| {
        let pinned = state.pinned.as_deref() == Some(item.id.as_str());
        row(item, index, last, pinned, locale, on_action)
    });
    html! {
        <>
            if state.refused.is_some() {
                <p class="field-error" role="alert" data-testid="change-refused">{ Text::ChangeRefused.get(locale) }</p>
            }
            if state.items.is_empty() {
                <div class="empty" data-testid="showcase-empty">
                    <p>{ Text::ShowcaseEmptyCreator.get(locale) }</p>
                </div>
            } else {
                <p class="hint">{ Text::ShowcaseHint.get(locale) }</p>
                <ol class="creator-list" data-testid="creator-showcase">{ for rows }</ol>
            }
        </>
    }
}

/// One product of the showcase at `index` (of `0..=last`).
fn row(
    item: &Item,
    index: usize,
    last: usize,
    pinned: bool,
    locale: Locale,
    on_action: &Callback<CreatorAction>,
) -> Html {
    let id = item.id.clone();
    let on_pin = {
        let id = id.clone();
        on_action.reform(move |_: MouseEvent| CreatorAction::Pin((!pinned).then(|| id.clone())))
    };
    let on_up = on_action.reform(move |_: MouseEvent| CreatorAction::Move {
        from: index,
        to: index.saturating_sub(1),
    });
    let on_down = on_action.reform(move |_: MouseEvent| CreatorAction::Move {
        from: index,
        to: index + 1,
    });
    let on_remove = {
        let id = id.clone();
        on_action.reform(move |_: MouseEvent| CreatorAction::Detach(id.clone()))
    };
    let on_drag_start = Callback::from(move |event: DragEvent| {
        if let Some(transfer) = event.data_transfer() {
            let _ = transfer.set_data(DRAGGED, &index.to_string());
            transfer.set_effect_allowed("move");
        }
    });
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let on_drop = {
        let on_action = on_action.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let from = event
                .data_transfer()
                .and_then(|transfer| transfer.get_data(DRAGGED).ok())
                .and_then(|text| text.parse::<usize>().ok());
            if let Some(from) = from {
                on_action.emit(CreatorAction::Move { from, to: index });
            }
        })
    };
    // One name in both states, its visible word first; `aria-pressed` says which.
    let pin_label = fill(locale, Text::PinProduct, &item.name);
    html! {
        <li
            class={if pinned { "creator-item is-pinned" } else { "creator-item" }}
            data-testid="showcase-item"
            data-product-id={item.id.clone()}
            draggable="true"
            ondragstart={on_drag_start}
            ondragover={on_drag_over}
            ondrop={on_drop}
        >
            <div class="creator-product">
                <span class="drag-handle" aria-hidden="true" />
                <img class="creator-thumb" src={item.image_url.clone()} alt="" loading="lazy" />
                <div class="creator-text">
                    <p class="creator-name">{ item.name.as_str() }</p>
                    <p class="creator-meta">
                        { item.price.format(locale) }{ " · " }
                        <span data-testid="creator-stock">{ fill(locale, Text::StockCount, &item.stock.to_string()) }</span>
                    </p>
                </div>
            </div>
            <div class="creator-actions">
                <button
                    type="button"
                    class={if pinned { "chip pin is-on" } else { "chip pin" }}
                    aria-pressed={if pinned { "true" } else { "false" }}
                    aria-label={pin_label}
                    data-testid="pin"
                    onclick={on_pin}
                >
                    { Text::PinShort.get(locale) }
                </button>
                <button type="button" class="icon-button" aria-label={fill(locale, Text::MoveUp, &item.name)} data-testid="move-up" disabled={index == 0} onclick={on_up}>
                    <span aria-hidden="true">{ "↑" }</span>
                </button>
                <button type="button" class="icon-button" aria-label={fill(locale, Text::MoveDown, &item.name)} data-testid="move-down" disabled={index == last} onclick={on_down}>
                    <span aria-hidden="true">{ "↓" }</span>
                </button>
                <button type="button" class="icon-button" aria-label={fill(locale, Text::Detach, &item.name)} data-testid="detach" onclick={on_remove}>
                    <span aria-hidden="true">{ "×" }</span>
                </button>
            </div>
        </li>
    }
}
