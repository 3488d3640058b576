//! Running something when the browser is next idle.

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `requestIdleCallback`, where the browser has it (not Safari).
    #[wasm_bindgen(js_name = requestIdleCallback, catch)]
    fn request_idle_callback(callback: &JsValue, options: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_name = cancelIdleCallback, catch)]
    fn cancel_idle_callback(handle: u32) -> Result<(), JsValue>;
}

/// A pending idle call; dropped, it no longer runs.
pub struct IdleCall {
    handle: Option<u32>,
    _timeout: Option<Timeout>,
    _closure: Closure<dyn FnMut()>,
}

impl Drop for IdleCall {
    fn drop(&mut self) {
        if let Some(handle) = self.handle {
            let _ = cancel_idle_callback(handle);
        }
    }
}

/// Runs `run` when the browser is next idle (within two seconds), or after
/// a quarter second where it cannot say.
pub fn when_idle(run: impl FnOnce() + 'static) -> IdleCall {
    let closure: Closure<dyn FnMut()> = Closure::once(run);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
    match request_idle_callback(closure.as_ref(), &options) {
        Ok(handle) => IdleCall {
            handle: Some(handle),
            _timeout: None,
            _closure: closure,
        },
        Err(_) => {
            let function: js_sys::Function = closure.as_ref().clone().into();
            let timeout = Timeout::new(250, move || {
                let _ = function.call0(&JsValue::NULL);
            });
            IdleCall {
                handle: None,
                _timeout: Some(timeout),
                _closure: closure,
            }
        }
    }
}
