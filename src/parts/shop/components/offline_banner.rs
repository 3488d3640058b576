//! [`offline_banner`]: says so while the device has no connection, and
//! says when it is back.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::i18n::Text;

/// A pill at the top of the widget while `offline`, in a live region that is
/// always there, so screen readers hear the connection go, and "Back
/// online" (to them alone) once it comes back.
pub fn offline_banner(offline: bool, locale: Locale) -> Html {
    html! { <OfflineBanner {offline} {locale} /> }
}

/// Props of [`OfflineBanner`].
#[derive(Properties, PartialEq)]
struct OfflineBannerProps {
    offline: bool,
    locale: Locale,
}

/// The banner, remembering whether the connection was ever lost.
#[function_component]
fn OfflineBanner(props: &OfflineBannerProps) -> Html {
    let lost_once = use_mut_ref(|| false);
    if props.offline {
        *lost_once.borrow_mut() = true;
    }
    let back = !props.offline && *lost_once.borrow();
    html! {
        <div class="offline-slot" role="status">
            if props.offline {
                <p class="offline" data-testid="offline">{ Text::Offline.get(props.locale) }</p>
            } else if back {
                <p class="sr" data-testid="back-online">{ Text::BackOnline.get(props.locale) }</p>
            }
        </div>
    }
}
