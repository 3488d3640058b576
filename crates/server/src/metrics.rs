//! What the server has done, counted for `GET /metrics` (Prometheus' text
//! format, version 0.0.4).
//!
//! | metric | type | what |
//! | --- | --- | --- |
//! | `etalase_http_requests_total{method,route,status}` | counter | answers, by route pattern (`/v1/orders/{id}`), never by raw path |
//! | `etalase_http_request_duration_seconds{route}` | histogram | time to the answer's head |
//! | `etalase_checkouts_placed_total` | counter | checkouts committed by `POST /v1/orders` |
//! | `etalase_checkouts_refused_total{reason}` | counter | checkouts refused at placement because stock (`out_of_stock`) or a voucher's quota (`voucher_exhausted`) ran out: each one an oversell prevented |
//! | `etalase_live_streams_watched` | gauge | streams with viewers on this instance |
//! | `etalase_db_connections{state}` | gauge | the pool's connections, `idle` or `in_use` |
//!
//! Counts are per instance; Prometheus sums them over instances.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The counters of one instance.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    durations: Mutex<BTreeMap<String, Histogram>>,
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
    /// Idle connections of the database pool.
    pub db_idle: usize,
    /// Connections of the pool in use.
    pub db_in_use: usize,
}

impl Metrics {
    /// Counts an answer with `status` to `method route` that took `took`.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        *lock(&self.requests)
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
        let mut durations = lock(&self.durations);
        let histogram = durations.entry(route.to_owned()).or_default();
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
        out.push_str("# HELP etalase_http_requests_total HTTP answers by route and status.\n");
        out.push_str("# TYPE etalase_http_requests_total counter\n");
        for ((method, route, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "etalase_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP etalase_http_request_duration_seconds Time to the answer's head.\n");
        out.push_str("# TYPE etalase_http_request_duration_seconds histogram\n");
        for (route, histogram) in lock(&self.durations).iter() {
            let route = escape(route);
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
             # HELP etalase_db_connections Connections of the database pool.\n\
             # TYPE etalase_db_connections gauge\n\
             etalase_db_connections{{state=\"idle\"}} {}\n\
             etalase_db_connections{{state=\"in_use\"}} {}\n",
            gauges.streams_watched, gauges.db_idle, gauges.db_in_use
        );
        out
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

    #[test]
    fn answers_are_counted_by_route_and_bucketed_by_time() {
        let metrics = Metrics::default();
        let route = "/v1/orders/{id}";
        metrics.request("GET", route, 200, Duration::from_millis(3));
        metrics.request("GET", route, 200, Duration::from_millis(30));
        metrics.request("GET", route, 404, Duration::from_secs(20));
        metrics.checkout_placed();
        metrics.checkout_refused(Refusal::OutOfStock);
        metrics.checkout_refused(Refusal::OutOfStock);
        let text = metrics.render(Gauges {
            streams_watched: 2,
            db_idle: 3,
            db_in_use: 1,
        });
        for line in [
            r#"etalase_http_requests_total{method="GET",route="/v1/orders/{id}",status="200"} 2"#,
            r#"etalase_http_requests_total{method="GET",route="/v1/orders/{id}",status="404"} 1"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="0.001"} 0"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="0.005"} 1"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="0.05"} 2"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="10"} 2"#,
            r#"etalase_http_request_duration_seconds_bucket{route="/v1/orders/{id}",le="+Inf"} 3"#,
            r#"etalase_http_request_duration_seconds_count{route="/v1/orders/{id}"} 3"#,
            "etalase_checkouts_placed_total 1",
            r#"etalase_checkouts_refused_total{reason="out_of_stock"} 2"#,
            r#"etalase_checkouts_refused_total{reason="voucher_exhausted"} 0"#,
            "etalase_live_streams_watched 2",
            r#"etalase_db_connections{state="in_use"} 1"#,
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{line} missing from\n{text}"
            );
        }
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
