//! [`SheetFrame`]: the bottom sheet every panel slides up in, and
//! [`sheet_scroll`], the scrolling body inside it.
//!
//! The sheet is always in the DOM, with `data-open="true"` or `"false"`, so
//! it can slide both ways with a CSS transform transition. Closed, it is
//! `inert` (out of the focus order and the accessibility tree). Open, it is
//! a modal dialog: focus moves to its close button, Tab stays inside it,
//! and Escape, the close button, a tap on the backdrop and a drag down its
//! grip close it.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;
use crate::parts::shop::hooks::{use_dialog, use_drag, DialogRefs};

/// Props of [`SheetFrame`].
#[derive(Properties, PartialEq)]
pub struct SheetFrameProps {
    /// Whether the sheet is up.
    pub open: bool,
    /// The dialog's accessible name.
    pub label: AttrValue,
    /// The sheet's `data-testid`.
    pub testid: AttrValue,
    /// The close button's `data-testid`.
    pub close_testid: AttrValue,
    /// The language of the close button's label.
    pub locale: Locale,
    /// Called on the close button, a tap on the backdrop, or Escape (for
    /// Escape, as it was when the sheet opened).
    pub on_close: Callback<()>,
    /// Where focus goes on closing when what had it is gone or inert.
    #[prop_or_default]
    pub fallback: NodeRef,
    /// The panel: its scrolling body and any footer.
    #[prop_or_default]
    pub children: Html,
}

/// A backdrop and a modal dialog sliding up from the bottom.
#[function_component]
pub fn SheetFrame(props: &SheetFrameProps) -> Html {
    let open = props.open;
    let refs = DialogRefs {
        dialog: use_node_ref(),
        first: use_node_ref(),
        fallback: props.fallback.clone(),
    };
    use_dialog(open, refs.clone(), props.on_close.clone());
    let drag = use_drag(refs.dialog.clone(), props.on_close.clone());
    let on_tap_close = props.on_close.reform(|_: MouseEvent| ());
    let data_open = if open { "true" } else { "false" };
    html! {
        <>
            <div class="backdrop" data-open={data_open} aria-hidden="true" onclick={on_tap_close.clone()} />
            <section
                class="sheet"
                data-testid={props.testid.clone()}
                data-open={data_open}
                role="dialog"
                aria-modal="true"
                aria-label={props.label.clone()}
                inert={!open}
                ref={refs.dialog.clone()}
            >
                <div
                    class="grip"
                    aria-hidden="true"
                    onpointerdown={drag.start}
                    onpointermove={drag.follow}
                    onpointerup={drag.end.clone()}
                    onpointercancel={drag.end}
                >
                    <div class="handle" />
                </div>
                <button
                    type="button"
                    class="close"
                    data-testid={props.close_testid.clone()}
                    aria-label={Text::Close.get(props.locale)}
                    onclick={on_tap_close}
                    ref={refs.first.clone()}
                >
                    <span aria-hidden="true">{ "×" }</span>
                </button>
                { props.children.clone() }
            </section>
        </>
    }
}

/// A sheet's scrolling body holding `body`, keyed by `key` (a new key
/// starts at the top). It is a Tab stop, so a keyboard can scroll it, and
/// so a region named `label` (the sheet's title), for a screen reader to
/// say where focus is.
pub fn sheet_scroll(label: &str, key: &'static str, body: Html) -> Html {
    html! {
        <div class="sheet-scroll" tabindex="0" role="region" aria-label={label.to_owned()} {key}>{ body }</div>
    }
}
