//! What the server has done, counted for `GET /metrics` (Prometheus' text
//! format, version 0.0.4), served on its own listener
//! (`ETALASE_METRICS_ADDR`), never on the API's.
//!
//! | metric | type | what |
//! | --- | --- | --- |
//! | `etalase_http_requests_total{method,route,status}` | counter | answers of the routes, by method (`GET`, `HEAD`, `POST`, `PUT`, `DELETE`, `PATCH`, `OPTIONS`, else `other`), route pattern (`/v1/orders/{id}`, never the raw path) and status class (`2xx`, `4xx`…) |
//! | `etalase_http_request_duration_seconds{route}` | histogram | time to the answer's head |
//! | `etalase_checkouts_placed_total` | counter | checkouts committed by `POST /v1/orders` |
//! | `etalase_checkouts_refused_total{reason}` | counter | checkouts refused at placement because stock (`out_of_stock`) or a voucher's quota (`voucher_exhausted`) ran out: each one an oversell prevented |
//! | `etalase_live_streams_watched` | gauge | streams with viewers on this instance |
//! | `etalase_live_feeds_open` | gauge | live feeds open on this instance |
//! | `etalase_db_connections{state}` | gauge | the pool's connections, `idle` or `in_use` |
//!
//! Every label value comes from a closed set, so no request can add a time
//! series: a method the server does not serve counts as `other`, and so
//! would a route pattern past the first [`MAX_ROUTES`] (the router has far
//! fewer). Counts are per instance; Prometheus sums them over instances.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::http::{Method, StatusCode};

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Route patterns counted apart; any further one counts as `other`.
pub const MAX_ROUTES: usize = 256;
/// The label of whatever is outside a closed set.
const OTHER: &str = "other";

/// The counters of one instance.
#[derive(Debug, Default)]
pub struct Metrics {
    /// By route pattern: answers by method and status class, and times.
    routes: Mutex<BTreeMap<String, Route>>,
    placed: AtomicU64,
    out_of_stock: AtomicU64,
    voucher_exhausted: AtomicU64,
}

/// Why a checkout was refused at placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A line's stock ran out.
    OutOfStock,
    /// A voucher's quota ran out.
    VoucherExhausted,
}

/// The counts of one route pattern.
#[derive(Debug, Default)]
struct Route {
    /// Answers by (method, status class).
    answers: BTreeMap<(&'static str, &'static str), u64>,
    durations: Histogram,
}

#[derive(Debug, Default)]
struct Histogram {
    /// Answers at or under each of [`BUCKETS`].
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Gauges read when `/metrics` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gauges {
    /// Streams with viewers on this instance.
    pub streams_watched: usize,
    /// Live feeds open on this instance.
    pub feeds_open: usize,
    /// Idle connections of the database pool.
    pub db_idle: usize,
    /// Connections of the pool in use.
    pub db_in_use: usize,
}

impl Metrics {
    /// Counts an answer with `status` to `method route` that took `took`;
    /// `route` is a route pattern of the router, never a raw path.
    pub fn request(&self, method: &Method, route: &str, status: StatusCode, took: Duration) {
        let mut routes = lock(&self.routes);
        let route = if routes.contains_key(route) || routes.len() < MAX_ROUTES {
            route
        } else {
            OTHER
        };
        let counts = routes.entry(route.to_owned()).or_default();
        *counts
            .answers
            .entry((method_label(method), status_class(status)))
            .or_default() += 1;
        let histogram = &mut counts.durations;
        let seconds = took.as_secs_f64();
        for (count, bound) in histogram.counts.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *count += 1;
            }
        }
        histogram.count += 1;
        histogram.sum += seconds;
    }

    /// Counts a committed checkout.
    pub fn checkout_placed(&self) {
        self.placed.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a checkout refused for `reason`.
    pub fn checkout_refused(&self, reason: Refusal) {
        let counter = match reason {
            Refusal::OutOfStock => &self.out_of_stock,
            Refusal::VoucherExhausted => &self.voucher_exhausted,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Everything, in Prometheus' text format, with `gauges`.
    pub fn render(&self, gauges: Gauges) -> String {
        let mut out = String::new();
        let routes = lock(&self.routes);
        out.push_str(
            "# HELP etalase_http_requests_total HTTP answers by method, route and status class.\n",
        );
        out.push_str("# TYPE etalase_http_requests_total counter\n");
        for (route, counts) in routes.iter() {
            let route = escape(route);
            for ((method, status), n) in &counts.answers {
                let _ = writeln!(
                    out,
                    "etalase_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP etalase_http_request_duration_seconds Time to the answer's head.\n");
        out.push_str("# TYPE etalase_http_request_duration_seconds histogram\n");
        for (route, counts) in routes.iter() {
            let route = escape(route);
            let histogram = &counts.durations;
            for (bound, count) in BUCKETS.iter().zip(histogram.counts) {
                let _ = writeln!(
                    out,
                    "etalase_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "etalase_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 etalase_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 etalase_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                histogram.count, histogram.sum, histogram.count
            );
        }
        drop(routes);
        let placed = self.placed.load(Ordering::Relaxed);
        let out_of_stock = self.out_of_stock.load(Ordering::Relaxed);
        let exhausted = self.voucher_exhausted.load(Ordering::Relaxed);
        let _ = write!(
            out,
            "# HELP etalase_checkouts_placed_total Checkouts committed.\n\
             # TYPE etalase_checkouts_placed_total counter\n\
             etalase_checkouts_placed_total {placed}\n\
             # HELP etalase_checkouts_refused_total Checkouts refused because stock or a voucher's quota ran out (oversells prevented).\n\
             # TYPE etalase_checkouts_refused_total counter\n\
             etalase_checkouts_refused_total{{reason=\"out_of_stock\"}} {out_of_stock}\n\
             etalase_checkouts_refused_total{{reason=\"voucher_exhausted\"}} {exhausted}\n\
             # HELP etalase_live_streams_watched Streams with viewers on this instance.\n\
             # TYPE etalase_live_streams_watched gauge\n\
             etalase_live_streams_watched {}\n\
             # HELP etalase_live_feeds_open Live feeds open on this instance.\n\
             # TYPE etalase_live_feeds_open gauge\n\
             etalase_live_feeds_open {}\n\
             # HELP etalase_db_connections Connections of the database pool.\n\
             # TYPE etalase_db_connections gauge\n\
             etalase_db_connections{{state=\"idle\"}} {}\n\
             etalase_db_connections{{state=\"in_use\"}} {}\n",
            gauges.streams_watched,
            gauges.feeds_open,
            gauges.db_idle,
            gauges.db_in_use
        );
        out
    }
}

/// `method` if it is one the server serves, else `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => OTHER,
    }
}

/// `status`'s class: `2xx`, `4xx`…
fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        5 => "5xx",
        _ => OTHER,
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `label` as a Prometheus label value: `\`, `"` and newlines escaped.
fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gauges() -> Gauges {
        Gauges {
            streams_watched: 2,
            feeds_open: 5,
            db_idle: 3,
            db_in_use: 1,
        }
    }

    #[test]
    fn answers_are_counted_by_route_and_bucketed_by_time() {
        let metrics = Metrics::default();
        let route = "/v1/orders/{id}";
        metrics.request(
            &Method::GET,
            route,
            StatusCode::OK,
            Duration::from_millis(3),
        );
        metrics.request(
            &Method::GET,
            route,
            StatusCode::OK,
            Duration::from_millis(30),
        );
        metrics.request(
            &Method::GET,
            route,
            StatusCode::NOT_FOUND,
            Duration::from_secs(20),
        );
        metrics.request(
            &Method::GET,
            route,
            StatusCode::CONFLICT,
            Duration::from_millis(1),
        );
        metrics.checkout_placed();
        metrics.checkout_refused(Refusal::OutOfStock);
        metrics.checkout_refused(Refusal::OutOfStock);
        let text = metrics.render(gauges());
        for line in [
            r#"etalase_http_requests_total{method="GET",route="/v1/orders/{id}",status="2xx"} 2"#,
            r#"etalase_http_requests_total{method="GET",route="/v1/orders/{id}",status="4xx"} 2"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="0.001"} 1"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="0.005"} 2"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="0.05"} 3"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="10"} 3"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="+Inf"} 4"#,
            r#"etalase_http_request_duration_seconds_count{route="/v1/orders/{id}"} 4"#,
            "etalase_checkouts_placed_total 1",
            r#"etalase_checkouts_refused_total{reason="out_of_stock"} 2"#,
            r#"etalase_checkouts_refused_total{reason="voucher_exhausted"} 0"#,
            "etalase_live_streams_watched 2",
            "etalase_live_feeds_open 5",
            r#"etalase_db_connections{state="in_use"} 1"#,
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{line} missing from\n{text}"
            );
        }
    }

    #[test]
    fn labels_come_from_closed_sets() {
        let metrics = Metrics::default();
        let took = Duration::from_millis(1);
        for n in 0..100 {
            let method =
                Method::from_bytes(format!("M{n}{}", "X".repeat(1000)).as_bytes()).unwrap();
            metrics.request(&method, "/healthz", StatusCode::METHOD_NOT_ALLOWED, took);
        }
        metrics.request(&Method::TRACE, "/healthz", StatusCode::OK, took);
        for n in 0..MAX_ROUTES + 50 {
            metrics.request(&Method::GET, &format!("/r{n}"), StatusCode::OK, took);
        }
        let text = metrics.render(gauges());
        assert!(text.len() < 500_000, "{} bytes", text.len());
        assert!(!text.contains("XXXX"), "a method became a label");
        for line in [
            r#"etalase_http_requests_total{method="other",route="/healthz",status="4xx"} 100"#,
            r#"etalase_http_requests_total{method="other",route="/healthz",status="2xx"} 1"#,
            r#"etalase_http_requests_total{method="GET",route="other",status="2xx"} 51"#,
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{line} missing from\n{text}"
            );
        }
        let routes = text
            .lines()
            .filter(|l| l.starts_with("etalase_http_request_duration_seconds_count"))
            .count();
        assert_eq!(routes, MAX_ROUTES + 1, "the cap and `other`");
        assert_eq!(status_class(StatusCode::from_u16(999).unwrap()), "other");
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
