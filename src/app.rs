//! [`App`]: the root component, wiring data, sheet state and host events.
//!
//! The view state machine: the showcase loads (skeleton → cards, empty
//! notice or error with retry); tapping a card opens the sheet, which loads
//! that product (skeleton → detail or error with retry) and closes on its
//! button, the backdrop or Escape.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiClient;
use crate::components::{ProductSheet, ShowcaseDock};
use crate::embed::config::WidgetConfig;
use crate::embed::events::WidgetEvent;
use crate::hooks::{use_error_event, use_product, use_ready_event, use_showcase};
use crate::state::sheet::{Sheet, SheetAction};

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The validated config the host mounted with.
    pub config: Rc<WidgetConfig>,
    /// Where events for the host go.
    pub on_event: Callback<WidgetEvent>,
}

/// The whole widget: the showcase dock and the product sheet over the video.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let AppProps { config, on_event } = props;
    let locale = config.locale;
    let client = use_memo(Rc::clone(config), |config| {
        ApiClient::new(&config.api_base, config.token.as_deref())
    });
    let stream_id = use_memo(Rc::clone(config), |config| {
        AttrValue::from(config.stream_id.clone())
    });
    let showcase = use_showcase(Rc::clone(&client), (*stream_id).clone());
    let sheet = use_reducer(Sheet::default);
    let product = use_product(client, sheet.product_id.clone());
    use_ready_event(&showcase.state, on_event);
    use_error_event(&showcase.state, on_event);
    use_error_event(&product.state, on_event);

    let on_open = {
        let dispatcher = sheet.dispatcher();
        use_callback(on_event.clone(), move |product_id: AttrValue, on_event| {
            on_event.emit(WidgetEvent::ProductViewed {
                product_id: product_id.to_string(),
            });
            dispatcher.dispatch(SheetAction::Open(product_id));
        })
    };
    let on_close = {
        let dispatcher = sheet.dispatcher();
        use_callback((), move |(), _| dispatcher.dispatch(SheetAction::Close))
    };
    html! {
        <div class="root" lang={locale.tag()}>
            <ShowcaseDock state={showcase.state} {locale} {on_open} on_retry={showcase.retry} />
            <ProductSheet
                open={sheet.open}
                state={product.state}
                {locale}
                {on_close}
                on_retry={product.retry}
            />
        </div>
    }
}
