//! [`CopyButton`]: copies a text to the clipboard and says so for a moment.

use std::cell::RefCell;
use std::rc::Rc;

use etalase_contract::Locale;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::i18n::Text;

/// How long the button says "Copied", in milliseconds.
const COPIED_MS: u32 = 2_000;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// The button's accessible name, naming what it copies; it starts with
    /// the visible "Copy".
    pub label: AttrValue,
    /// Its test hook.
    pub testid: AttrValue,
    /// The language of its text.
    pub locale: Locale,
}

/// "Copy", then "Copied" for two seconds once the clipboard took the text,
/// said politely from a region beside the button (the button keeps its
/// name, naming what it copies). Where the page may not write the clipboard, the
/// tap does nothing and the text stays selectable by hand. The pending
/// reset is cancelled when the button goes.
#[function_component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| false);
    let reset: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let onclick = {
        let (copied, reset, text) = (copied.setter(), reset.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            // `navigator.clipboard` is undefined outside secure contexts.
            let clipboard = window.navigator().clipboard();
            if clipboard.is_undefined() {
                return;
            }
            let written = JsFuture::from(clipboard.write_text(&text));
            let (copied, reset) = (copied.clone(), reset.clone());
            spawn_local(async move {
                if written.await.is_ok() {
                    copied.set(true);
                    let copied = copied.clone();
                    *reset.borrow_mut() = Some(Timeout::new(COPIED_MS, move || copied.set(false)));
                }
            });
        })
    };
    let locale = props.locale;
    let text = if *copied { Text::Copied } else { Text::Copy }.get(locale);
    html! {
        <>
        <button type="button" class="copy" aria-label={props.label.clone()} data-testid={props.testid.clone()} {onclick}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
                if *copied {
                    <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
                } else {
                    <path d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z" />
                }
            </svg>
            <span>{ text }</span>
        </button>
        // Says "Copied" once, and nothing when the button goes back to "Copy".
        <span class="sr" aria-live="polite" data-testid="copy-said">{ if *copied { Text::Copied.get(locale) } else { "" } }</span>
        </>
    }
}
