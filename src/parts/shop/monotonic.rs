//! [`now_ms`]: the page's monotonic clock, for countdowns the phone's wall
//! clock must not move.

/// Milliseconds on the page's monotonic clock (`performance.now()`): it
/// never jumps when the phone's clock is set, and means nothing across pages.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> i64 {
    let now = web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now());
    // Milliseconds since the page loaded: far inside the range of an `i64`.
    now as i64
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
