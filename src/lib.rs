//! Etalase: an in-app checkout widget for video and live-streaming apps.
//!
//! This file is the JavaScript surface only: [`mount`] and [`WidgetHandle`].
//! The rest lives in modules: [`embed`] (config, Shadow DOM mount, host
//! events), [`app`] (the root component), [`state`] (pure reducers),
//! [`api`] (the typed client), [`hooks`], [`components`] and [`i18n`].

pub mod api;
pub mod app;
pub mod components;
pub mod embed;
pub mod hooks;
pub mod i18n;
pub mod state;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_CONFIG: &str = r#"
/** The second argument of `mount`. */
export interface EtalaseConfig {
  /** The marketplace API root, absolute http(s), e.g. "https://api.marketplace.example". */
  apiBase: string;
  /** The stream whose showcase to show. */
  streamId: string;
  /** The shopper's short-lived token, minted by the host back-end. */
  token?: string;
  /** "id-ID" (default) or "en-US". */
  locale?: "id-ID" | "en-US";
  /** The host's colours: an accent (hex) and dark (default) or light surfaces. */
  theme?: { accent?: string; dark?: boolean };
  /** Called with every event; each is also dispatched as CustomEvent "etalase:<name>". */
  onEvent?: (event: { name: string; detail: unknown }) => void;
}
"#;

/// Mounts the widget in `target` (an Element or a CSS selector) with
/// `config`. Throws an `Error` naming the field when the config is bad, or
/// saying why the target cannot be used.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EtalaseConfig")] config: JsValue,
) -> Result<WidgetHandle, JsError> {
    embed::mount(&target, &config)
        .map(|mounted| WidgetHandle {
            mounted: Some(mounted),
        })
        .map_err(|error| JsError::new(&error.to_string()))
}

/// A mounted widget, as the host holds it.
///
/// Only [`WidgetHandle::destroy`] unmounts. Dropping the handle (or the JS
/// garbage collector freeing it) leaves the widget on the page, so a host
/// that forgets the handle never loses the widget under the viewer.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WidgetHandle {
    mounted: Option<embed::Mounted>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Opens the sheet of `options.productId`. Throws when it is missing.
    pub fn open(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ productId: string }")] options: JsValue,
    ) -> Result<(), JsError> {
        let product_id = js_sys::Reflect::get(&options, &"productId".into())
            .ok()
            .and_then(|id| id.as_string())
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| JsError::new("etalase: open() needs { productId: string }"))?;
        self.send(embed::controls::Command::Open(product_id));
        Ok(())
    }

    /// Opens the cart.
    #[wasm_bindgen(js_name = openCart)]
    pub fn open_cart(&self) {
        self.send(embed::controls::Command::OpenCart);
    }

    /// Closes the sheet that is up. Returns whether one was: a host's back
    /// button closes the widget's sheet first and navigates only on `false`.
    pub fn close(&self) -> bool {
        self.mounted
            .as_ref()
            .is_some_and(|mounted| mounted.controls().close())
    }

    /// Uses `token` for every request from now on (after `auth_required`,
    /// say); the cart is fetched again with it. A blank or missing token
    /// means no shopper.
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(&self, token: Option<String>) {
        let token = token
            .map(|token| token.trim().to_owned())
            .filter(|token| !token.is_empty());
        self.send(embed::controls::Command::SetToken(token));
    }

    /// Unmounts the widget: the app, its DOM and its listeners go. Calling
    /// it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.unmount();
        }
    }
}

impl WidgetHandle {
    /// Passes `command` to the app, if the widget is still mounted.
    fn send(&self, command: embed::controls::Command) {
        if let Some(mounted) = &self.mounted {
            mounted.controls().send(command);
        }
    }
}
