//! [`EndConfirm`]: the question before ending a running flash deal or
//! live voucher, one thumb mid-stream.

use etalase_contract::Locale;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::Text;

/// Props of [`EndConfirm`].
#[derive(Properties, PartialEq)]
pub struct EndConfirmProps {
    /// The language of every text.
    pub locale: Locale,
    /// The question, naming what would end (its accessible name).
    pub question: String,
    /// The creator confirmed.
    pub on_end: Callback<()>,
    /// The creator keeps it running.
    pub on_keep: Callback<()>,
}

/// "End it now?" with "Yes, end" and "Keep it". "Keep it" takes the place
/// "End" had, and the focus: a second tap or Enter where "End" was keeps
/// the flash deal or voucher running, and so does Escape.
#[function_component]
pub fn EndConfirm(props: &EndConfirmProps) -> Html {
    let keep = use_node_ref();
    {
        let keep = keep.clone();
        use_effect_with((), move |()| {
            if let Some(button) = keep.cast::<HtmlElement>() {
                button.focus().ok();
            }
        });
    }
    let locale = props.locale;
    let on_key = {
        let on_keep = props.on_keep.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_keep.emit(());
            }
        })
    };
    html! {
        <div class="deal-confirm" role="group" aria-label={props.question.clone()} data-testid="end-deal-confirm" onkeydown={on_key}>
            <span class="deal-confirm-question" aria-hidden="true">{ Text::EndDealShort.get(locale) }</span>
            <button type="button" class="action deal-end" data-testid="confirm-end-deal" onclick={props.on_end.reform(|_: MouseEvent| ())}>
                { Text::EndDealYes.get(locale) }
            </button>
            <button type="button" class="action is-secondary deal-end" data-testid="keep-deal" ref={keep} onclick={props.on_keep.reform(|_: MouseEvent| ())}>
                { Text::EndDealKeep.get(locale) }
            </button>
        </div>
    }
}
