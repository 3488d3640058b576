//! Native bridges: every event also goes to the app around the webview,
//! so iOS and Android hosts need no JavaScript of their own.
//!
//! - iOS (`WKWebView`): `window.webkit.messageHandlers.etalase.postMessage`
//!   gets `{ name, detail }` as an object (a dictionary on the Swift side).
//! - Android (`WebView.addJavascriptInterface(…, "EtalaseBridge")`):
//!   `window.EtalaseBridge.postMessage` gets the same as a JSON string, the
//!   only kind of value a `@JavascriptInterface` method takes.
//!
//! A bridge that is missing is skipped; one that throws is logged.

use js_sys::{Function, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// Posts `message` (`{ name, detail }`) to each native bridge on the page.
pub fn post(message: &JsValue) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let window = JsValue::from(window);
    if let Some((handler, post)) = method(&window, &["webkit", "messageHandlers", "etalase"]) {
        report(post.call1(&handler, message));
    }
    if let Some((bridge, post)) = method(&window, &["EtalaseBridge"]) {
        if let Ok(text) = JSON::stringify(message) {
            report(post.call1(&bridge, &text));
        }
    }
}

/// The object at `path` from `root`, with its `postMessage` function.
fn method(root: &JsValue, path: &[&str]) -> Option<(JsValue, Function)> {
    let mut object = root.clone();
    for name in path {
        object = Reflect::get(&object, &JsValue::from_str(name)).ok()?;
        if object.is_undefined() || object.is_null() {
            return None;
        }
    }
    let post = Reflect::get(&object, &JsValue::from_str("postMessage")).ok()?;
    Some((object, post.dyn_into().ok()?))
}

/// Logs a bridge that threw.
fn report(result: Result<JsValue, JsValue>) {
    if let Err(error) = result {
        web_sys::console::error_2(&"etalase: a native bridge threw".into(), &error);
    }
}
