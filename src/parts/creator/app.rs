//! [`CreatorApp`]: the root component in creator mode — a creator's tools
//! for the stream the host names, filling the element it mounts in.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiClient;
use crate::parts::creator::components::{creator_panel, now_ms, CreatorPanel};
use crate::parts::creator::hooks::{use_creator, use_deals, use_vouchers};
use crate::parts::creator::state::deals::DealsAction;
use crate::parts::creator::state::vouchers::VouchersAction;
use crate::parts::CreatorProps;

/// The creator's tools: the showcase in order with the pin, the catalogue
/// to add from, the stream's sales, live vouchers and flash deals.
#[function_component]
pub fn CreatorApp(props: &CreatorProps) -> Html {
    let CreatorProps {
        config, on_event, ..
    } = props;
    let client = use_memo(Rc::clone(config), |config| {
        ApiClient::new(&config.api_base, config.token.as_deref())
    });
    let stream_id = AttrValue::from(config.stream_id.clone());
    let deals = use_deals(Rc::clone(&client), stream_id.clone(), on_event);
    let on_deal = {
        let dispatcher = deals.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let vouchers = use_vouchers(Rc::clone(&client), stream_id.clone(), on_event, now_ms);
    let on_voucher = {
        let dispatcher = vouchers.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let (state, retry) = use_creator(
        Rc::clone(&client),
        stream_id,
        on_event,
        on_deal.reform(|deal| DealsAction::Heard {
            deal,
            at_ms: now_ms(),
        }),
        on_voucher.reform(|voucher| VouchersAction::Heard {
            voucher,
            at_ms: now_ms(),
        }),
        on_voucher.reform(|()| VouchersAction::Refresh),
    );
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    html! {
        <div class="root creator-root" lang={config.locale.tag()}>
            { creator_panel(&CreatorPanel {
                state: &state,
                locale: config.locale,
                on_action,
                on_retry: retry,
                deals: &deals,
                on_deal,
                vouchers: &vouchers,
                on_voucher,
            }) }
        </div>
    }
}
