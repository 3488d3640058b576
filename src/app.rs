//! [`App`]: the root component, and all of the first part a shopper runs.
//!
//! It draws what the first cards need and nothing more: the API client,
//! the stream's showcase (skeleton → cards, empty notice or error with
//! retry) under a bar with the fold toggle, and the host's `ready` event.
//! The rest arrives as later parts (`crate::parts`): the shop part is
//! fetched when the browser is idle after the first cards (or after the
//! showcase failed, for the cart), and at once when the shopper taps a card
//! or the host asks for a sheet before that; such a request waits in
//! [`Controls`] while a placeholder sheet shows the wait, or its failure
//! with a retry. Creator mode is its own part, fetched at mount.

use std::rc::Rc;

use etalase_contract::Locale;
use yew::prelude::*;

use crate::api::ApiClient;
use crate::components::{cart_button, sheet_skeleton, showcase_dock, Dock};
use crate::embed::config::{Mode, WidgetConfig};
use crate::embed::controls::{Command, Controls};
use crate::embed::events::WidgetEvent;
use crate::hooks::{use_error_event, use_part, use_ready_event, use_showcase, Part};
use crate::i18n::Text;
use crate::parts::{self, ShopProps};
use crate::state::remote::Remote;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The validated config the host mounted with.
    pub config: Rc<WidgetConfig>,
    /// Where events for the host go.
    pub on_event: Callback<WidgetEvent>,
    /// Where the host's handle sends its commands.
    pub controls: Rc<Controls>,
}

/// The widget's root: the shopper's cards (and the shop once it has
/// arrived), or creator mode.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let AppProps {
        config,
        on_event,
        controls,
    } = props;
    if config.mode == Mode::Creator {
        // The same for the component's whole life: the config never changes mode.
        return html! {
            <Creator config={Rc::clone(config)} on_event={on_event.clone()} controls={Rc::clone(controls)} />
        };
    }
    if controls.has_ended() {
        // Destroyed before its first render (see `Controls::has_ended`):
        // no hook runs, so nothing is loaded or listened to.
        return Html::default();
    }
    let locale = config.locale;
    // One client per API base: `setStream` and `setLocale` keep it, and a
    // new token is set in place. A refused token asks the host once.
    let client = use_memo(config.api_base.clone(), |base| {
        let client = ApiClient::new(base, config.token.as_deref());
        let on_event = on_event.clone();
        client
            .gate()
            .on_refused(move |code| on_event.emit(WidgetEvent::AuthRequired { code }));
        client
    });
    {
        // Requests waiting for a token end when the widget does.
        let client = Rc::clone(&client);
        use_effect_with((), move |()| move || client.gate().close());
    }
    let stream_id = use_memo(config.stream_id.clone(), |id| AttrValue::from(id.clone()));
    let showcase = use_showcase(Rc::clone(&client), (*stream_id).clone());
    let shown = use_ready_event(&showcase.state, on_event);
    use_error_event(&showcase.state, on_event);
    let failed = matches!(showcase.state, Remote::Failed(_));
    let asked = use_state_eq(|| controls.is_pending());
    let close_ref = use_node_ref();
    {
        let (controls, asked) = (Rc::clone(controls), asked.setter());
        use_effect_with((), move |()| {
            controls.wake(Some(Callback::from(move |waiting| asked.set(waiting))));
            move || controls.wake(None)
        });
    }
    let shop = use_part(parts::SHOP, *asked, shown || failed, on_event);
    {
        // `setToken`: the shop, once in, gives its client the token as the
        // command comes; before, the client takes it here. Either way a
        // showcase refused for the old token loads again.
        let given = use_mut_ref(|| config.token.clone());
        let (client, retry) = (Rc::clone(&client), showcase.retry.clone());
        let shop_in = matches!(shop.part, Part::Ready(_));
        use_effect_with(config.token.clone(), move |token| {
            if *given.borrow() != *token {
                given.replace(token.clone());
                if !shop_in {
                    client.set_token(token.as_deref());
                }
                if failed {
                    retry.emit(());
                }
            }
        });
    }
    let collapsed = use_state_eq(|| false);
    {
        // The placeholder sheet is a modal dialog: focus goes into it.
        let close = close_ref.clone();
        use_effect_with(*asked, move |asked| {
            if *asked {
                if let Some(button) = close.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let on_toggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |()| collapsed.set(!*collapsed))
    };
    if let Part::Ready(render) = shop.part {
        return render(&ShopProps {
            config: Rc::clone(config),
            on_event: on_event.clone(),
            controls: Rc::clone(controls),
            client: Rc::clone(&client),
            showcase: showcase.state,
            on_retry: showcase.retry,
            shown,
            collapsed: *collapsed,
            on_toggle,
        });
    }
    let on_open = {
        // The product is asked for now, alongside the shop part, not after it.
        let (controls, client) = (Rc::clone(controls), Rc::clone(&client));
        Callback::from(move |id: AttrValue| {
            client.preload_product(&id);
            controls.send(Command::Open(id.to_string()));
        })
    };
    // The cart button holds its place from the first card on; its count
    // comes with the shop.
    let on_open_cart = {
        let controls = Rc::clone(controls);
        Callback::from(move |()| controls.send(Command::OpenCart))
    };
    let cart = cart_button(None, locale, &on_open_cart, &NodeRef::default());
    let dock = Dock {
        state: showcase.state,
        locale,
        on_open,
        on_retry: showcase.retry,
        collapsed: *collapsed,
        on_toggle,
        over: Html::default(),
    };
    let waiting = (*asked).then(|| {
        let on_close = {
            let controls = Rc::clone(controls);
            Callback::from(move |()| controls.send(Command::Close))
        };
        let failed = matches!(shop.part, Part::Failed);
        waiting_sheet(failed, locale, &shop.retry, &on_close, &close_ref)
    });
    html! {
        <div class="root" lang={locale.tag()}>
            <div class="layer" inert={waiting.is_some()}>
                { showcase_dock(&dock, cart) }
            </div>
            { waiting.unwrap_or_default() }
        </div>
    }
}

/// The sheet a tap brings up while the shop part is on its way: the
/// product's skeleton, or, when the part could not be fetched, the reason
/// and a retry; its close button is `close_ref`.
fn waiting_sheet(
    failed: bool,
    locale: Locale,
    on_retry: &Callback<()>,
    on_close: &Callback<()>,
    close_ref: &NodeRef,
) -> Html {
    let content = if failed {
        part_failed(locale, on_retry)
    } else {
        sheet_skeleton(locale)
    };
    let on_close = on_close.reform(|_: MouseEvent| ());
    html! {
        <>
            <div class="backdrop" data-open="true" aria-hidden="true" onclick={on_close.clone()} />
            <section class="sheet" data-testid="part-sheet" data-open="true" role="dialog"
                aria-modal="true" aria-label={Text::Loading.get(locale)} aria-busy={(!failed).then_some("true")}>
                <div class="grip" aria-hidden="true"><div class="handle" /></div>
                <button type="button" class="close" data-testid="part-close"
                    aria-label={Text::Close.get(locale)} onclick={on_close} ref={close_ref.clone()}>
                    <span aria-hidden="true">{ "×" }</span>
                </button>
                <div class="sheet-scroll" tabindex="0">{ content }</div>
            </section>
        </>
    }
}

/// A part that could not be fetched: why, and a retry.
fn part_failed(locale: Locale, on_retry: &Callback<()>) -> Html {
    html! {
        <div class="notice" role="alert" data-testid="part-error">
            <p>{ Text::ErrorPart.get(locale) }</p>
            <button type="button" class="retry" data-testid="retry"
                onclick={on_retry.reform(|_: MouseEvent| ())}>
                { Text::Retry.get(locale) }
            </button>
        </div>
    }
}

/// Creator mode: its part, fetched at mount, with a retry if it fails.
#[function_component]
fn Creator(props: &AppProps) -> Html {
    let creator = use_part(parts::CREATOR, true, false, &props.on_event);
    let locale = props.config.locale;
    let content = match creator.part {
        Part::Ready(render) => return render(props),
        Part::Failed => part_failed(locale, &creator.retry),
        Part::Waiting => {
            html! { <p class="creator-wait" aria-busy="true">{ Text::LoadingProducts.get(locale) }</p> }
        }
    };
    html! { <div class="root creator-root" lang={locale.tag()}>{ content }</div> }
}
