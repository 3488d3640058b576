//! Answers asked for ahead of time: `preload` sends a stream's showcase
//! request before the widget is mounted, and the mount that asks the same
//! (same URL, same token) within [`FRESH_MS`] takes its answer instead of
//! asking again, so the first cards need no round trip of their own. A tap
//! on a card before the shop part has arrived sends the product's request
//! the same way, so it travels alongside the part.
//!
//! Each answer is taken once (a response body reads once), and at most
//! [`KEPT`] are kept, the oldest going first.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use web_sys::Request;

/// How long a preloaded answer stays good, in milliseconds.
const FRESH_MS: f64 = 60_000.0;
/// How many preloaded answers are kept at most.
const KEPT: usize = 8;

/// One request sent ahead, and its answer to come.
struct Warm {
    url: String,
    authorization: Option<String>,
    sent_at: f64,
    answer: Promise,
}

thread_local! {
    static WARM: RefCell<Vec<Warm>> = const { RefCell::new(Vec::new()) };
    /// Handles a failed preload, which is simply not used: no
    /// "uncaught (in promise)" in the host's console.
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

/// Whether `request` is a GET: only reads are answered ahead.
fn is_read(request: &Request) -> bool {
    request.method() == "GET"
}

fn authorization(request: &Request) -> Option<String> {
    request.headers().get("Authorization").ok().flatten()
}

/// Sends `request` now and keeps its answer for a mount to come.
pub fn send(request: &Request) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if !is_read(request) {
        return;
    }
    let answer = window.fetch_with_request(request);
    IGNORE.with(|ignore| {
        let _ = answer.catch(ignore);
    });
    let now = js_sys::Date::now();
    WARM.with(|warm| {
        let mut warm = warm.borrow_mut();
        warm.retain(|kept| now - kept.sent_at < FRESH_MS && kept.url != request.url());
        if warm.len() >= KEPT {
            warm.remove(0);
        }
        warm.push(Warm {
            url: request.url(),
            authorization: authorization(request),
            sent_at: now,
            answer,
        });
    });
}

/// The answer kept for `request` (same URL and token, still fresh), taken
/// out so it is used once.
pub fn take(request: &Request) -> Option<Promise> {
    if !is_read(request) || WARM.with(|warm| warm.borrow().is_empty()) {
        return None;
    }
    let (url, authorization) = (request.url(), authorization(request));
    let now = js_sys::Date::now();
    WARM.with(|warm| {
        let mut warm = warm.borrow_mut();
        warm.retain(|kept| now - kept.sent_at < FRESH_MS);
        let at = warm
            .iter()
            .position(|kept| kept.url == url && kept.authorization == authorization)?;
        Some(warm.remove(at).answer)
    })
}
