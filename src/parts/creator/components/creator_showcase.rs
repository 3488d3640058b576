//! [`CreatorShowcase`]: the stream's showcase as its creator arranges it —
//! the viewers' order in a strip of pictures, then the list in that same
//! order (the pinned product first, where it stays while pinned), with live
//! stock (sold out marked, or its stock left said to be in a flash deal),
//! the pin, move up and down (by button, by Alt + ↑/↓ on a row, to either
//! end by Alt + Home/End, or by dragging: a mouse by drag and drop, a
//! finger by the row's handle), and remove — with the product's new place
//! said after each move, focus staying on the moved product, a pin and an
//! undone change said, focus kept on the row a pin or an undo moved, and
//! an undo after a removal or an unpin, its time paused while it has the
//! focus or the pointer. Under the list, in the thumb's reach and over no
//! row, what is pinned with "pin next", and the undo: drawn there, but
//! first in the document, so a keyboard reaches them before the list.

use etalase_contract::Locale;
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DragEvent, FocusEvent, HtmlElement, KeyboardEvent, PointerEvent};
use yew::prelude::*;

use super::now_ms;
use super::refocus::refocus;
use super::touch_drag::{handle, AutoScroll, Dragging};
use crate::i18n::{count, fill, Text};
use crate::parts::creator::state::creator::{
    CreatorAction, CreatorState, Item, Said, Saying, Undo, Undoable,
};

/// The drag's payload type: the dragged row's index.
const DRAGGED: &str = "application/x-etalase-index";

/// How long an undo is offered, in milliseconds.
pub const UNDO_MS: u32 = 6_000;

/// Props of [`CreatorShowcase`].
#[derive(Properties, PartialEq)]
pub struct CreatorShowcaseProps {
    /// The creator's state (its items, pin, last move and undo).
    pub state: CreatorState,
    /// The products whose stock left is in a flash deal not yet over.
    pub in_deal: Vec<String>,
    /// The language of every text.
    pub locale: Locale,
    /// Where the creator's actions go.
    pub on_action: Callback<CreatorAction>,
}

/// `product_id`'s place said: "Blouse Batik Kawung, posisi 3 dari 12".
fn place_said(state: &CreatorState, product_id: &str, locale: Locale) -> Option<String> {
    let (at, of) = state.position(product_id)?;
    let name = state.items.iter().find(|item| item.id == product_id)?;
    let place = [
        count(locale, u32::try_from(at).unwrap_or(u32::MAX)),
        Text::PositionOf.get(locale).to_owned(),
        count(locale, u32::try_from(of).unwrap_or(u32::MAX)),
    ]
    .join(" ");
    Some(
        [
            name.name.as_str(),
            ", ",
            &fill(locale, Text::ShowcasePosition, &place),
        ]
        .concat(),
    )
}

/// What the live region says after `said`: a moved or restored product's
/// place, or the product pinned.
fn change_said(state: &CreatorState, said: &Said, locale: Locale) -> Option<String> {
    match said.what {
        Saying::Moved | Saying::Restored => place_said(state, &said.product_id, locale),
        // Said while it stays pinned: an unpin leaves no stale "Pinned: …".
        Saying::Pinned => {
            state.pinned.as_ref().filter(|id| **id == said.product_id)?;
            let item = state.items.iter().find(|item| item.id == said.product_id)?;
            Some(fill(locale, Text::PinnedNow, &item.name))
        }
    }
}

/// A control of `product_id`'s row, the first of `testids` not disabled.
fn in_row(product_id: &str, testids: &[&str]) -> Vec<String> {
    testids
        .iter()
        .map(|testid| {
            [
                r#"[data-product-id=""#,
                product_id,
                r#""] [data-testid=""#,
                testid,
                r#""]:not([disabled])"#,
            ]
            .concat()
        })
        .collect()
}

/// Where focus goes once `undo` is gone (taken back or its time up) if
/// its Undo had it: the product's row (its move buttons, else its pin), or
/// the row now in a removed product's place.
fn after_undo(undo: &Undo) -> Vec<String> {
    let (item, index) = match &undo.what {
        Undoable::Removed { item, index, .. } => (item, Some(*index)),
        Undoable::Unpinned(item) => (item, None),
    };
    let mut selectors = in_row(&item.id, &["move-up", "move-down", "pin"]);
    if let Some(index) = index {
        for at in [index, index.saturating_sub(1)] {
            selectors.push(
                [
                    r#"[data-index=""#,
                    &at.to_string(),
                    r#""] [data-testid="pin"]"#,
                ]
                .concat(),
            );
        }
    }
    selectors
}

/// The list, one row per product, or the empty notice; a refused change
/// is explained above it, and the last removal or unpin offers an undo.
#[function_component]
pub fn CreatorShowcase(props: &CreatorShowcaseProps) -> Html {
    let CreatorShowcaseProps {
        state,
        in_deal,
        locale,
        on_action,
    } = props;
    let locale = *locale;
    let list = use_node_ref();
    // Which move button was used last, when a button or a key moved a
    // product: focus follows the product to that button in its new place.
    let follow = use_mut_ref(|| None::<&'static str>);
    {
        let (list, follow) = (list.clone(), follow.clone());
        let moved = state.said.clone().filter(|said| said.what == Saying::Moved);
        use_effect_with(moved, move |moved| {
            let button = follow.borrow_mut().take();
            if let (Some(moved), Some(button), Some(list)) =
                (moved, button, list.cast::<HtmlElement>())
            {
                // The button pressed, which stays there even at either end.
                let target = in_row(&moved.product_id, &[button])
                    .iter()
                    .find_map(|selector| list.query_selector(selector).ok().flatten());
                if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                    target.focus().ok();
                }
            }
        });
    }
    // What a move that could go no further says ("… sudah paling atas"),
    // until the next change is said; a repeat is told apart by a trailing
    // space, so a live region says it again.
    let at_edge = use_state_eq(|| None::<String>);
    {
        let at_edge = at_edge.clone();
        use_effect_with(state.said.clone(), move |_| at_edge.set(None));
    }
    let drag = use_state_eq(|| None::<Dragging>);
    let scrolling: AutoScroll = use_mut_ref(|| None);
    let strip = use_node_ref();
    let was_pinned = use_mut_ref(|| state.pinned.clone());
    {
        // A new pin goes to the front of the viewers' order: the strip
        // shows its start, however far it was scrolled. A pin or unpin
        // moved its row, and the focus with it: it stays on that row's pin.
        let (strip, list) = (strip.clone(), list.clone());
        use_effect_with(state.pinned.clone(), move |pinned| {
            if let Some(strip) = strip.cast::<HtmlElement>() {
                strip.set_scroll_left(0);
            }
            let before = was_pinned.replace(pinned.clone());
            let changed = before != *pinned;
            if let Some(product_id) = pinned.clone().or(before).filter(|_| changed) {
                let selectors = in_row(&product_id, &["pin"]);
                refocus(
                    &list,
                    &selectors.iter().map(String::as_str).collect::<Vec<_>>(),
                );
            }
        });
    }
    let shown_undo = use_mut_ref(|| None::<Undo>);
    {
        // An Undo gone (taken back, or its time up) leaves its focus on
        // the product it was about.
        let list = list.clone();
        use_effect_with(state.undo.clone(), move |undo| {
            let before = shown_undo.replace(undo.clone());
            if let Some(before) = before.filter(|before| Some(before) != undo.as_ref()) {
                let selectors = after_undo(&before);
                refocus(
                    &list,
                    &selectors.iter().map(String::as_str).collect::<Vec<_>>(),
                );
            }
        });
    }
    let order = state.viewers_order();
    let pinned_at = state
        .pinned
        .as_deref()
        .and_then(|id| state.items.iter().position(|item| item.id == id));
    let rows = order.iter().map(|&(index, item)| {
        let pinned = state.pinned.as_deref() == Some(item.id.as_str());
        row(
            &Row {
                item,
                index,
                up: state.step(index, true),
                down: state.step(index, false),
                top: state.edge(index, true),
                bottom: state.edge(index, false),
                pinned,
                pinned_at,
                in_deal: in_deal.contains(&item.id),
            },
            locale,
            on_action,
            (&follow, &at_edge),
            (&drag, &scrolling),
        )
    });
    let said = (*at_edge).clone().unwrap_or_else(|| {
        state
            .said
            .as_ref()
            .and_then(|said| change_said(state, said, locale))
            .unwrap_or_default()
    });
    // The foot first in the document (drawn under the list): "pin next"
    // and the undo are a few Tab stops in, not past every row's buttons.
    html! {
        <>
            <div class="creator-foot" data-testid="creator-foot">
                <UndoBar undo={state.undo.clone()} {locale} on_action={on_action.clone()} />
                if !state.items.is_empty() {
                    { pin_bar(state, in_deal, locale, on_action) }
                }
            </div>
            <div class="creator-scroll">
                if state.refused.is_some() {
                    <p class="field-error" role="alert" data-testid="change-refused">{ Text::ChangeRefused.get(locale) }</p>
                }
                if state.items.is_empty() {
                    <div class="empty" data-testid="showcase-empty">
                        <p>{ Text::ShowcaseEmptyCreator.get(locale) }</p>
                    </div>
                } else {
                    { viewers_strip(state, in_deal, strip) }
                    <p class="hint">{ Text::ShowcaseHint.get(locale) }</p>
                    <ol class="creator-list" data-testid="creator-showcase" ref={list}>{ for rows }</ol>
                }
                <p class="sr" aria-live="polite" data-testid="move-said">{ said }</p>
            </div>
        </>
    }
}

/// What is pinned now, and "pin next" with the product it pins.
/// The button names the product it pins and pins it by name, and a second
/// tap within a double tap's time is the same tap: a double tap pins one
/// product.
fn pin_bar(
    state: &CreatorState,
    in_deal: &[String],
    locale: Locale,
    on_action: &Callback<CreatorAction>,
) -> Html {
    let pinned = state
        .pinned
        .as_deref()
        .and_then(|id| state.items.iter().find(|item| item.id == id));
    let now = match pinned {
        Some(item) => fill(locale, Text::PinnedNow, &item.name),
        None => Text::NothingPinned.get(locale).to_owned(),
    };
    let next = state.next_to_pin(in_deal);
    let next_id = next.map(|item| item.id.clone());
    let on_next = on_action.reform(move |_: MouseEvent| {
        // Disabled without a next product: never tapped then.
        let product_id = next_id.clone().unwrap_or_default();
        CreatorAction::PinNext {
            product_id,
            at_ms: now_ms(),
        }
    });
    html! {
        <div class="pin-bar" data-testid="pin-bar">
            <p class="pin-now" data-testid="pinned-now">{ now }</p>
            // Named by what it says, its two lines read with a space
            // between: "Sematkan berikutnya: Kemeja Parang".
            <button
                type="button"
                class="action pin-next"
                data-testid="pin-next"
                disabled={next.is_none()}
                onclick={on_next}
            >
                if let Some(item) = next {
                    <span>{ Text::PinNext.get(locale) }{ ":" }</span>
                    <span class="pin-next-name">{ item.name.as_str() }</span>
                } else {
                    <span>{ Text::PinNext.get(locale) }</span>
                }
            </button>
        </div>
    }
}

/// The showcase in the viewers' order (the pinned product first), as small
/// pictures: a glance for the creator, left out of the accessibility tree
/// and the Tab order (the list and the pin bar say the same in words; a
/// scrolling list is otherwise a Tab stop of its own).
fn viewers_strip(state: &CreatorState, in_deal: &[String], strip: NodeRef) -> Html {
    let pinned = state.pinned.as_deref();
    let order = state.viewers_order().into_iter().map(|(_, item)| item);
    html! {
        <ol class="viewers-strip" aria-hidden="true" tabindex="-1" data-testid="viewers-strip" ref={strip}>
            { for order.map(|item| {
                let mut class = vec!["viewers-card"];
                if Some(item.id.as_str()) == pinned {
                    class.push("is-pinned");
                }
                if item.is_sold_out(in_deal) {
                    class.push("is-sold-out");
                }
                html! {
                    <li key={item.id.clone()} class={classes!(class)} data-product-id={item.id.clone()}>
                        <img src={item.image_url.clone()} alt="" loading="lazy" />
                    </li>
                }
            }) }
        </ol>
    }
}

/// A row's product and place.
struct Row<'a> {
    item: &'a Item,
    /// Its index in the creator's order.
    index: usize,
    /// Where a move up or down takes it, if it can move.
    up: Option<usize>,
    down: Option<usize>,
    /// Where a move to the top or the end takes it, if it can move.
    top: Option<usize>,
    bottom: Option<usize>,
    pinned: bool,
    /// The index of the pinned product, which is no place to drop a row.
    pinned_at: Option<usize>,
    /// Whether its stock left is in a flash deal not yet over.
    in_deal: bool,
}

/// One product of the showcase.
fn row(
    row: &Row<'_>,
    locale: Locale,
    on_action: &Callback<CreatorAction>,
    (follow, at_edge): (
        &std::rc::Rc<std::cell::RefCell<Option<&'static str>>>,
        &UseStateHandle<Option<String>>,
    ),
    (drag, scrolling): (&UseStateHandle<Option<Dragging>>, &AutoScroll),
) -> Html {
    let Row {
        item,
        index,
        up,
        down,
        top,
        bottom,
        pinned,
        pinned_at,
        in_deal,
    } = *row;
    let id = item.id.clone();
    let on_pin = {
        let id = id.clone();
        on_action.reform(move |_: MouseEvent| CreatorAction::Pin((!pinned).then(|| id.clone())))
    };
    // Moves the product to `to`; focus follows it to `button` in its new
    // place. Where it can go no further, nothing moves, the focus stays,
    // and its end is said.
    let move_to = {
        let (on_action, follow, at_edge) = (on_action.clone(), follow.clone(), at_edge.clone());
        let name = item.name.clone();
        move |to: Option<usize>, button: &'static str| match to {
            Some(to) => {
                *follow.borrow_mut() = Some(button);
                on_action.emit(CreatorAction::Move { from: index, to });
            }
            None => {
                let edge = if button == "move-up" {
                    Text::AtTop
                } else {
                    Text::AtBottom
                };
                let mut said = fill(locale, edge, &name);
                if at_edge.as_deref() == Some(said.as_str()) {
                    said.push(' ');
                }
                at_edge.set(Some(said));
            }
        }
    };
    let on_up = {
        let move_to = move_to.clone();
        Callback::from(move |_: MouseEvent| move_to(up, "move-up"))
    };
    let on_down = {
        let move_to = move_to.clone();
        Callback::from(move |_: MouseEvent| move_to(down, "move-down"))
    };
    // Alt + ↑/↓ anywhere in the row moves its product one place, Alt +
    // Home/End to the top or the end.
    let on_key = Callback::from(move |event: KeyboardEvent| {
        if !event.alt_key() {
            return;
        }
        let (to, button) = match event.key().as_str() {
            "ArrowUp" => (up, "move-up"),
            "ArrowDown" => (down, "move-down"),
            "Home" => (top, "move-up"),
            "End" => (bottom, "move-down"),
            _ => return,
        };
        event.prevent_default();
        move_to(to, button);
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
    // The pinned row stays first: no drop there (the browser shows none).
    let on_drag_over = Callback::from(move |event: DragEvent| {
        if !pinned {
            event.prevent_default();
        }
    });
    let on_drop = {
        let on_action = on_action.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let from = event
                .data_transfer()
                .and_then(|transfer| transfer.get_data(DRAGGED).ok())
                .and_then(|text| text.parse::<usize>().ok());
            if let Some(from) = from.filter(|_| !pinned) {
                on_action.emit(CreatorAction::Move { from, to: index });
            }
        })
    };
    // Named by what it does now, its visible word first.
    let (pin_word, pin_label) = if pinned {
        (Text::UnpinShort, Text::UnpinProduct)
    } else {
        (Text::PinShort, Text::PinProduct)
    };
    let sold_out = item.stock == 0 && !in_deal;
    let finger = handle(index, pinned_at, drag, scrolling, on_action);
    let mut class = vec!["creator-item"];
    match **drag {
        Some(Dragging { from, .. }) if from == index => class.push("is-dragging"),
        Some(Dragging { from, over }) if over == index && from != over => {
            class.push("is-drop-target");
        }
        _ => {}
    }
    if pinned {
        class.push("is-pinned");
    }
    if sold_out {
        class.push("is-sold-out");
    }
    html! {
        <li
            key={item.id.clone()}
            class={classes!(class)}
            data-testid="showcase-item"
            data-product-id={item.id.clone()}
            data-index={index.to_string()}
            draggable={if pinned { "false" } else { "true" }}
            ondragstart={on_drag_start}
            ondragover={on_drag_over}
            ondrop={on_drop}
            onkeydown={on_key}
        >
            <div class="creator-product">
                if pinned {
                    // First while pinned: nothing to drag, its place kept.
                    <span class="drag-handle is-still" aria-hidden="true" />
                } else {
                    <span
                        class="drag-handle"
                        aria-hidden="true"
                        data-testid="drag-handle"
                        onpointerdown={finger.down}
                        onpointermove={finger.moved}
                        onpointerup={finger.up}
                        onpointercancel={finger.cancel}
                    />
                }
                <img class="creator-thumb" src={item.image_url.clone()} alt="" loading="lazy" />
                <div class="creator-text">
                    <p class="creator-name">{ item.name.as_str() }</p>
                    <p class="creator-meta">
                        { item.price.format(locale) }{ " · " }
                        if sold_out {
                            <span class="sold-out-tag" data-testid="creator-stock">{ Text::SoldOut.get(locale) }</span>
                        } else if item.stock == 0 {
                            <span class="in-deal-tag" data-testid="creator-stock">{ Text::StockInDeal.get(locale) }</span>
                        } else {
                            <span data-testid="creator-stock">{ fill(locale, Text::StockCount, &item.stock.to_string()) }</span>
                        }
                    </p>
                </div>
            </div>
            <div class="creator-actions">
                <button
                    type="button"
                    class={if pinned { "chip pin is-on" } else { "chip pin" }}
                    aria-label={fill(locale, pin_label, &item.name)}
                    data-testid="pin"
                    data-pinned={if pinned { "true" } else { "false" }}
                    onclick={on_pin}
                >
                    { pin_word.get(locale) }
                </button>
                <button type="button" class="icon-button" aria-label={fill(locale, Text::MoveUp, &item.name)} aria-keyshortcuts="Alt+ArrowUp Alt+Home" data-testid="move-up" aria-disabled={up.is_none().then_some("true")} onclick={on_up}>
                    <span aria-hidden="true">{ "↑" }</span>
                </button>
                <button type="button" class="icon-button" aria-label={fill(locale, Text::MoveDown, &item.name)} aria-keyshortcuts="Alt+ArrowDown Alt+End" data-testid="move-down" aria-disabled={down.is_none().then_some("true")} onclick={on_down}>
                    <span aria-hidden="true">{ "↓" }</span>
                </button>
                <button type="button" class="icon-button" aria-label={fill(locale, Text::Detach, &item.name)} data-testid="detach" onclick={on_remove}>
                    <span aria-hidden="true">{ "×" }</span>
                </button>
            </div>
        </li>
    }
}

/// Props of [`UndoBar`].
#[derive(Properties, PartialEq)]
pub struct UndoBarProps {
    /// The removal or unpin that may be taken back, if any.
    pub undo: Option<Undo>,
    /// The language of every text.
    pub locale: Locale,
    /// Where Undo, and the end of its time, go.
    pub on_action: Callback<CreatorAction>,
}

/// What was removed or unpinned, with Undo, for [`UNDO_MS`], a time that
/// stops while Undo has the focus or the pointer is over the bar (and runs
/// whole again once both left it, WCAG 2.2.1); Escape ends it at once. A
/// removal's Undo takes the
/// focus: the removed row's button is gone, and Undo is what a keyboard
/// user may want next.
#[function_component]
pub fn UndoBar(props: &UndoBarProps) -> Html {
    let undo_ref = use_node_ref();
    let focused = use_state_eq(|| false);
    let pointed = use_state_eq(|| false);
    let shown = props
        .undo
        .as_ref()
        .map(|undo| (undo.id, matches!(undo.what, Undoable::Removed { .. })));
    {
        // A new bar starts unheld (a bar taken away with the focus in it
        // tells no one the focus left).
        let (undo_ref, focused, pointed) = (undo_ref.clone(), focused.clone(), pointed.clone());
        use_effect_with(shown, move |shown| {
            focused.set(false);
            pointed.set(false);
            if let Some((_, true)) = shown {
                if let Some(button) = undo_ref.cast::<HtmlElement>() {
                    button.focus().ok();
                }
            }
        });
    }
    {
        let on_action = props.on_action.clone();
        let held = *focused || *pointed;
        use_effect_with((shown.map(|(id, _)| id), held), move |(id, held)| {
            let timer = id.filter(|_| !*held).map(|id| {
                Timeout::new(UNDO_MS, move || {
                    on_action.emit(CreatorAction::ForgetUndo(id))
                })
            });
            move || drop(timer)
        });
    }
    let hold = |flag: &UseStateHandle<bool>, on: bool| {
        let flag = flag.clone();
        move || flag.set(on)
    };
    let (focus_out, over, out) = (
        hold(&focused, false),
        hold(&pointed, true),
        hold(&pointed, false),
    );
    // Held by a focus the creator sees there (a keyboard's), not by the
    // focus a tap of × hands it unseen.
    let focus_in = {
        let focused = focused.clone();
        move |event: FocusEvent| focused.set(shows_focus(&event))
    };
    // Escape lets the change stand at once, as the end of its time would.
    let escape = {
        let (on_action, id) = (props.on_action.clone(), shown.map(|(id, _)| id));
        Callback::from(move |event: KeyboardEvent| {
            if let (Some(id), "Escape") = (id, event.key().as_str()) {
                event.prevent_default();
                on_action.emit(CreatorAction::ForgetUndo(id));
            }
        })
    };
    let locale = props.locale;
    let content = props.undo.as_ref().map(|undo| {
        let said = match &undo.what {
            Undoable::Removed { item, .. } => fill(locale, Text::RemovedFromShowcase, &item.name),
            Undoable::Unpinned(item) => fill(locale, Text::UnpinnedProduct, &item.name),
        };
        html! {
            <div
                class="toast"
                key={undo.id}
                data-testid="creator-undo-toast"
                onfocusin={Callback::from(focus_in)}
                onfocusout={Callback::from(move |_: FocusEvent| focus_out())}
                onpointerover={Callback::from(move |_: PointerEvent| over())}
                onpointerout={Callback::from(move |_: PointerEvent| out())}
                onkeydown={escape.clone()}
            >
                <span>{ said }</span>
                <button type="button" class="undo" data-testid="creator-undo" ref={undo_ref.clone()} onclick={props.on_action.reform(|_: MouseEvent| CreatorAction::Undo)}>
                    { Text::Undo.get(locale) }
                </button>
            </div>
        }
    });
    html! {
        <div class="toasts creator-toasts" role="status" aria-live="polite">{ for content }</div>
    }
}

/// Whether the element `event` focused shows its focus (`:focus-visible`:
/// reached by the keyboard, or focused after a key). Read through
/// `Reflect`, so that the first part, which holds every import, takes no
/// new one.
fn shows_focus(event: &FocusEvent) -> bool {
    let Some(target) = event.target() else {
        return false;
    };
    let matches = js_sys::Reflect::get(&target, &JsValue::from_str("matches"))
        .ok()
        .and_then(|matches| matches.dyn_into::<js_sys::Function>().ok());
    matches
        .and_then(|matches| {
            matches
                .call1(&target, &JsValue::from_str(":focus-visible"))
                .ok()
        })
        .is_some_and(|matched| matched.is_truthy())
}
