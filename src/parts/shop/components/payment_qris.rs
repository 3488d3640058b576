//! [`qris`]: the QRIS code to scan, "Save QR", and the steps.
//!
//! The shopper usually pays on the phone showing the code, so the steps
//! lead through saving it and opening it from the gallery in a banking or
//! e-wallet app.

use etalase_contract::{Locale, Rupiah};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

use super::payment_panel::steps;
use super::{qr_svg_document, Qr};
use crate::components::with_amount;
use crate::i18n::{fill, Text};

/// The code of `payload` (to pay `amount` for payment `payment_id`), a
/// Save QR button downloading it as `qris-<payment_id>.svg`, and the steps.
pub(super) fn qris(payload: &str, amount: Rupiah, payment_id: &str, locale: Locale) -> Html {
    let (rupiah, amount) = (amount, amount.format(locale));
    let on_save = {
        let (payload, name) = (payload.to_owned(), ["qris-", payment_id, ".svg"].concat());
        Callback::from(move |_: MouseEvent| {
            if let Some(document) = qr_svg_document(&payload) {
                download(&name, &document);
            }
        })
    };
    let how = [
        html! { { Text::StepQrisSave.get(locale) } },
        html! { { Text::StepQrisOpen.get(locale) } },
        html! { { Text::StepQrisScan.get(locale) } },
        with_amount(locale, Text::StepQrisConfirm, rupiah),
    ];
    html! {
        <>
            <div class="pay-box qris">
                <Qr
                    payload={AttrValue::from(payload.to_owned())}
                    label={AttrValue::from(fill(locale, Text::QrisCode, &amount))}
                />
                <p class="qris-amount">{ amount.as_str() }</p>
                <button type="button" class="action is-secondary" data-testid="save-qr" onclick={on_save}>
                    { Text::SaveQr.get(locale) }
                </button>
            </div>
            { steps(Text::HowToPay.get(locale), how, true) }
        </>
    }
}

/// Saves `svg` as a file named `name`: a temporary link to a Blob URL,
/// clicked, then the URL revoked once the download has taken the blob.
fn download(name: &str, svg: &str) {
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&svg.into());
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok());
    if let Some(anchor) = anchor {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(1_000).await;
        let _ = Url::revoke_object_url(&url);
    });
}
