//! [`offline_banner`]: says so while the device has no connection.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// A pill at the top of the widget while `offline`, in a live region that is
/// always there, so screen readers hear the connection go.
pub fn offline_banner(offline: bool, locale: Locale) -> Html {
    html! {
        <div class="offline-slot" role="status">
            if offline {
                <p class="offline" data-testid="offline">{ Text::Offline.get(locale) }</p>
            }
        </div>
    }
}
