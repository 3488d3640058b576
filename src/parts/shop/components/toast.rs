//! [`ToastBar`]: the cart's short messages, with Undo after a removal.
//!
//! A toast goes by itself after [`SHOWN_MS`], or as many more as it holds
//! the keyboard's focus or the pointer (its Undo is being reached for). After a
//! removal, focus moves to Undo — the removed line's button is gone, and
//! Undo is the next thing a keyboard user may want; Tab from there goes back
//! into the sheet. The live region is in the DOM from the moment its sheet
//! is up, so screen readers announce each new message; it holds the
//! message's words alone, so Undo is reached, never read as part of it.
//! "Added to your cart" is said with the units the cart then holds
//! ("Added to your cart · 3 items"), one sentence for the one change.
//! A message is said once: one already up as a sheet opens or closes goes
//! along with it, shown but not said again ([`ToastBarProps::said`]). One
//! with nothing to do (no Undo) carried into a sheet as it opens was read
//! already, and the sheet shows what it said (the cart, the line added): it
//! goes as the sheet opens, before it is drawn over the sheet's lines.
//!
//! In a sheet, the toast takes its own room between the sheet's body and
//! its footer, so it covers none of the sheet's controls. A body scrolled
//! down scrolls on by that room as the toast comes, so what was at its foot
//! (the quantity stepper just used, say) stays in view; a body at its top
//! (the product's photos in view) stays at its top. A message carried in
//! as the sheet opens took no room from what was seen, and scrolls nothing.
//! Below the pill is room for Undo's focus ring, clear of the footer.

use std::cell::Cell;
use std::rc::Rc;

use etalase_contract::{Locale, MAX_UNITS_PER_VARIANT};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement};
use yew::prelude::*;

use crate::i18n::{fill, items, Text};
use crate::parts::shop::state::cart::{Refusal, Toast, ToastKind};
use crate::view::dom::with_attribute;
use crate::view::focus::focus_if_lost;

/// How long a toast stays, in milliseconds.
pub const SHOWN_MS: u32 = 5_000;

/// Props of [`ToastBar`].
#[derive(Properties, PartialEq)]
pub struct ToastBarProps {
    /// The toast to show, if any.
    pub toast: Option<Toast>,
    /// The language of its text.
    pub locale: Locale,
    /// Called with the toast's id on Undo.
    pub on_undo: Callback<u32>,
    /// Called with the toast's id when its time is up.
    pub on_dismiss: Callback<u32>,
    /// The toast the widget said last, shared by its bars (the dock's and
    /// each sheet's), so one carried from bar to bar is not said again.
    pub said: Rc<Cell<Option<u32>>>,
}

/// A dark pill above the open sheet's footer, or over the dock.
#[function_component]
pub fn ToastBar(props: &ToastBarProps) -> Html {
    let bar_ref = use_node_ref();
    let toast_ref = use_node_ref();
    let undo_ref = use_node_ref();
    // The line an Undo puts back, for focus to go to it once drawn.
    let restoring = use_mut_ref(|| None::<String>);
    let id = props.toast.as_ref().map(|toast| toast.id);
    // The toast up as this bar came (its sheet opening), and the one this
    // bar said: a toast is new here unless it is the first, or another bar
    // of the widget said it.
    let on_arrival = *use_state(|| id);
    let said_here = use_mut_ref(|| None::<u32>);
    let fresh = id.is_some_and(|id| {
        *said_here.borrow() == Some(id) || (on_arrival != Some(id) && props.said.get() != Some(id))
    });
    {
        let said = Rc::clone(&props.said);
        let (on_dismiss, bar_ref, toast_ref, undo_ref, restoring) = (
            props.on_dismiss.clone(),
            bar_ref.clone(),
            toast_ref.clone(),
            undo_ref.clone(),
            restoring.clone(),
        );
        use_effect_with(id, move |id| {
            if let Some(id) = id.filter(|_| fresh) {
                said_here.replace(Some(id));
                said.set(Some(id));
                keep_foot_in_view(&bar_ref);
            }
            if let Some(variant) = restoring.take() {
                focus_restored(&bar_ref, &variant);
            }
            // A new toast with Undo takes focus.
            if let Some(undo) = undo_ref.cast::<HtmlElement>().filter(|_| fresh) {
                let options = FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = undo.focus_with_options(&options);
            }
            // Carried into a sheet as it opened, with nothing to do: it
            // was read over what came before, and goes at once.
            let carried = id.is_some_and(|id| on_arrival == Some(id) && !fresh)
                && undo_ref.get().is_none()
                && bar_ref
                    .cast::<Element>()
                    .and_then(|bar| bar.closest("[role=dialog]").ok().flatten())
                    .is_some();
            if let Some(id) = id.filter(|_| carried) {
                on_dismiss.emit(id);
            }
            // Every few seconds it goes, unless the pointer is on it or the
            // keyboard on its Undo (focus moved there after a tap does not count).
            let id = id.filter(|_| !carried);
            let ticks = id.map(|id| {
                Interval::new(SHOWN_MS, move || {
                    let matches = |node: &NodeRef, selector: &str| {
                        node.cast::<Element>()
                            .is_some_and(|element| element.matches(selector).unwrap_or(false))
                    };
                    if !matches(&toast_ref, ":hover") && !matches(&undo_ref, ":focus-visible") {
                        on_dismiss.emit(id);
                    }
                })
            });
            move || drop(ticks)
        });
    }
    let locale = props.locale;
    let content = props.toast.as_ref().map(|toast| {
        let text = match &toast.kind {
            ToastKind::Added { .. } => Text::Added.get(locale).to_owned(),
            ToastKind::Removed(_) => Text::Removed.get(locale).to_owned(),
            ToastKind::SignIn { buying: false } => Text::SignInToAdd.get(locale).to_owned(),
            ToastKind::SignIn { buying: true } => Text::SignInToBuy.get(locale).to_owned(),
            ToastKind::Refused(Refusal::Limit) => fill(
                locale,
                Text::RefusedLimit,
                &MAX_UNITS_PER_VARIANT.to_string(),
            ),
            // Offline: the toast says why the change was undone (the
            // banner may be behind a modal sheet).
            ToastKind::Refused(refusal) => match refusal {
                Refusal::Offline => Text::RefusedOffline,
                Refusal::Stock => Text::RefusedStock,
                Refusal::Gone => Text::RefusedGone,
                Refusal::SignedOut => Text::SessionEnded,
                Refusal::Limit | Refusal::Failed => Text::RefusedFailed,
            }
            .get(locale)
            .to_owned(),
        };
        let undo = match &toast.kind {
            ToastKind::Removed(line) => Some(line.item.variant_id.clone()),
            _ => None,
        }
        .map(|variant| {
            let (id, on_undo, restoring) = (toast.id, props.on_undo.clone(), restoring.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                restoring.replace(Some(variant.clone()));
                on_undo.emit(id);
            });
            html! {
                <button type="button" class="undo" data-testid="undo" ref={undo_ref.clone()} {onclick}>
                    { Text::Undo.get(locale) }
                </button>
            }
        });
        // Its words are said from the live region; the pill shows them
        // to sight alone, unless they were said before (then they are
        // the pill's to read).
        let hidden = fresh.then_some("true");
        // Said as one sentence with what the cart now holds, so no other
        // region needs to say the count.
        let said = match &toast.kind {
            ToastKind::Added { units } => [text.as_str(), " · ", &items(locale, *units)].concat(),
            _ => text.clone(),
        };
        let shown = html! {
            <div class="toast" key={toast.id} data-testid="toast" ref={toast_ref.clone()}>
                <span aria-hidden={hidden}>{ text }</span>
                { for undo }
            </div>
        };
        (fresh.then_some(said), shown)
    });
    let (said, shown) = content.unzip();
    html! {
        <div class="toasts" ref={bar_ref}>
            <p class="sr" role="status" aria-live="polite" data-testid="toast-said">{ said.flatten() }</p>
            { for shown }
        </div>
    }
}

/// Gives focus to the remove button of the cart line of `variant`, put
/// back by Undo, in the sheet holding `bar`, when the Undo that had focus
/// went with its toast.
fn focus_restored(bar: &NodeRef, variant: &str) {
    let line = bar
        .cast::<Element>()
        .and_then(|bar| bar.closest("[role=dialog]").ok().flatten())
        .and_then(|sheet| sheet.query_selector_all("[data-testid=cart-line]").ok())
        .and_then(|lines| with_attribute(&lines, "data-variant-id", variant));
    let remove = line
        .and_then(|line| {
            line.query_selector("[data-testid=line-remove]")
                .ok()
                .flatten()
        })
        .and_then(|remove| remove.dyn_into::<HtmlElement>().ok());
    if let Some(remove) = remove {
        focus_if_lost(&remove);
    }
}

/// Scrolls the sheet body just before the toasts (if they are in a sheet)
/// by the room they took, as far as it scrolls, so what was at its foot
/// (the chips just picked, the stepper just used) stays where it was seen
/// instead of sliding under the toast's place.
fn keep_foot_in_view(bar: &NodeRef) {
    let Some(bar) = bar.cast::<HtmlElement>() else {
        return;
    };
    if let Some(body) = bar
        .previous_element_sibling()
        .filter(|body| body.matches(".sheet-scroll").unwrap_or(false))
    {
        body.scroll_by_with_x_and_y(0.0, f64::from(bar.offset_height()));
    }
}
