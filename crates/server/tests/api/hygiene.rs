//! Connection hygiene: bounded metrics, timeouts, caps on connections and live feeds, and what every answer carries.
