//! [`now_ms`]: the page's monotonic clock, for the later parts' countdowns
//! (the shop's flash deals, the studio's) that the device's wall clock must
//! not move.

/// Milliseconds on the page's monotonic clock (`performance.now()`): it
/// never jumps when the phone's clock is set, and means nothing across pages.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> i64 {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    // Read through `Reflect` and called as a plain function: no binding of
    // `Performance` of its own, whose imports would sit in the first part.
    let performance = Reflect::get(&js_sys::global(), &JsValue::from_str("performance"));
    let now = performance.as_ref().ok().and_then(|performance| {
        let now: Function = Reflect::get(performance, &JsValue::from_str("now"))
            .ok()?
            .dyn_into()
            .ok()?;
        now.call0(performance).ok()?.as_f64()
    });
    // Milliseconds since the page loaded: far inside the range of an `i64`.
    now.unwrap_or(0.0) as i64
}

/// Milliseconds since this thread first asked, from the system's monotonic
/// clock (for the server-side renderer and native tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> i64 {
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    START.with(|start| i64::try_from(start.elapsed().as_millis()).unwrap_or(i64::MAX))
}
