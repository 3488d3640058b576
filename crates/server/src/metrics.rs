//! What the server has done, counted for `GET /metrics` (the OpenMetrics
//! text format, which Prometheus scrapes), served on its own listener
//! (`ETALASE_METRICS_ADDR`), never on the API's. Counted and written by
//! `prometheus-client` (docs/decisions/0055-metrics-crate.md): counters are
//! atomics, each histogram has its own lock, and an answer allocates
//! nothing once its route has been seen.
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

use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Route patterns counted apart; any further one counts as `other`.
pub const MAX_ROUTES: usize = 256;
/// The label of whatever is outside a closed set.
const OTHER: &str = "other";

/// A route pattern as a label value, shared by every answer of the route.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Route(Arc<str>);

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> Result<(), fmt::Error> {
        EncodeLabelValue::encode(&&*self.0, encoder)
    }
}

/// The labels of `etalase_http_requests_total`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct Answer {
    method: &'static str,
    route: Route,
    status: &'static str,
}

/// The label of `etalase_http_request_duration_seconds`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RouteLabel {
    route: Route,
}

/// The label of `etalase_checkouts_refused_total`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ReasonLabel {
    reason: &'static str,
}

/// The label of `etalase_db_connections`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

/// A histogram with [`BUCKETS`].
fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// The counters of one instance.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    /// The route patterns seen, at most [`MAX_ROUTES`], each shared by its
    /// labels; written only at a route's first answer.
    routes: RwLock<HashSet<Arc<str>>>,
    /// The label of routes past the cap.
    other: Route,
    answers: Family<Answer, Counter>,
    durations: Family<RouteLabel, Histogram, fn() -> Histogram>,
    placed: Counter,
    refused: Family<ReasonLabel, Counter>,
    streams_watched: Gauge,
    feeds_open: Gauge,
    db_connections: Family<StateLabel, Gauge>,
}

/// Why a checkout was refused at placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A line's stock ran out.
    OutOfStock,
    /// A voucher's quota ran out.
    VoucherExhausted,
}

impl Refusal {
    /// The `reason` label.
    fn label(self) -> ReasonLabel {
        ReasonLabel {
            reason: match self {
                Refusal::OutOfStock => "out_of_stock",
                Refusal::VoucherExhausted => "voucher_exhausted",
            },
        }
    }
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

impl Default for Metrics {
    fn default() -> Self {
        let metrics = Metrics {
            registry: Registry::default(),
            routes: RwLock::default(),
            other: Route(OTHER.into()),
            answers: Family::default(),
            durations: Family::new_with_constructor(latency_histogram),
            placed: Counter::default(),
            refused: Family::default(),
            streams_watched: Gauge::default(),
            feeds_open: Gauge::default(),
            db_connections: Family::default(),
        };
        // Both reasons and both states are shown from the start, at 0.
        for reason in [Refusal::OutOfStock, Refusal::VoucherExhausted] {
            drop(metrics.refused.get_or_create(&reason.label()));
        }
        for state in ["idle", "in_use"] {
            drop(metrics.db_connections.get_or_create(&StateLabel { state }));
        }
        let mut registry = Registry::default();
        registry.register(
            "etalase_http_requests",
            "HTTP answers by method, route and status class",
            metrics.answers.clone(),
        );
        registry.register(
            "etalase_http_request_duration_seconds",
            "Time to the answer's head",
            metrics.durations.clone(),
        );
        registry.register(
            "etalase_checkouts_placed",
            "Checkouts committed",
            metrics.placed.clone(),
        );
        registry.register(
            "etalase_checkouts_refused",
            "Checkouts refused because stock or a voucher's quota ran out (oversells prevented)",
            metrics.refused.clone(),
        );
        registry.register(
            "etalase_live_streams_watched",
            "Streams with viewers on this instance",
            metrics.streams_watched.clone(),
        );
        registry.register(
            "etalase_live_feeds_open",
            "Live feeds open on this instance",
            metrics.feeds_open.clone(),
        );
        registry.register(
            "etalase_db_connections",
            "Connections of the database pool",
            metrics.db_connections.clone(),
        );
        Metrics {
            registry,
            ..metrics
        }
    }
}

impl Metrics {
    /// Counts an answer with `status` to `method route` that took `took`;
    /// `route` is a route pattern of the router, never a raw path.
    pub fn request(&self, method: &Method, route: &str, status: StatusCode, took: Duration) {
        let route = self.route_label(route);
        self.answers
            .get_or_create(&Answer {
                method: method_label(method),
                route: route.clone(),
                status: status_class(status),
            })
            .inc();
        self.durations
            .get_or_create(&RouteLabel { route })
            .observe(took.as_secs_f64());
    }

    /// Counts a committed checkout.
    pub fn checkout_placed(&self) {
        self.placed.inc();
    }

    /// Counts a checkout refused for `reason`.
    pub fn checkout_refused(&self, reason: Refusal) {
        self.refused.get_or_create(&reason.label()).inc();
    }

    /// Everything, in the OpenMetrics text format, with `gauges`.
    pub fn render(&self, gauges: Gauges) -> String {
        self.streams_watched.set(count(gauges.streams_watched));
        self.feeds_open.set(count(gauges.feeds_open));
        for (state, n) in [("idle", gauges.db_idle), ("in_use", gauges.db_in_use)] {
            self.db_connections
                .get_or_create(&StateLabel { state })
                .set(count(n));
        }
        let mut out = String::new();
        // Writing to a `String` cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }

    /// The label of route pattern `route`: its own among the first
    /// [`MAX_ROUTES`] seen, `other` past them.
    fn route_label(&self, route: &str) -> Route {
        if let Some(seen) = self
            .routes
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(route)
        {
            return Route(seen.clone());
        }
        let mut routes = self.routes.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(seen) = routes.get(route) {
            Route(seen.clone())
        } else if routes.len() < MAX_ROUTES {
            let route: Arc<str> = route.into();
            routes.insert(route.clone());
            Route(route)
        } else {
            self.other.clone()
        }
    }
}

/// `n` as a gauge's value.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
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
            r#"etalase_http_request_duration_seconds_bucket{le="0.001",route="/v1/orders/{id}"} 1"#,
            r#"etalase_http_request_duration_seconds_bucket{le="0.005",route="/v1/orders/{id}"} 2"#,
            r#"etalase_http_request_duration_seconds_bucket{le="0.05",route="/v1/orders/{id}"} 3"#,
            r#"etalase_http_request_duration_seconds_bucket{le="10.0",route="/v1/orders/{id}"} 3"#,
            r#"etalase_http_request_duration_seconds_bucket{le="+Inf",route="/v1/orders/{id}"} 4"#,
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
        let metrics = Metrics::default();
        metrics.request(&Method::GET, "/a\"b\\c\nd", StatusCode::OK, Duration::ZERO);
        let text = metrics.render(gauges());
        assert!(
            text.contains(r#"route="/a\"b\\c\nd""#),
            "escaped label missing from\n{text}"
        );
    }
}
