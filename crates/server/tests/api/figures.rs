//! The figures of SECURITY.md's table: how many attacks of each kind the
//! tests make. Each test asserts its own count, and
//! `security_md_shows_these_figures` checks that the table says the same.

/// Requests by other shoppers (same host, other host) naming shopper A's ids.
pub const IDOR_SHOPPERS: usize = 20;
/// Requests by other creators naming another creator's stream.
pub const IDOR_CREATORS: usize = 15;
/// Tokens and keys used on endpoints of another role.
pub const ROLE_SWAPS: usize = 43;
/// Expired tokens replayed on every endpoint.
pub const EXPIRED_REPLAYS: usize = 30;
/// Client-sent prices, discounts, quantities and changed carts.
pub const TAMPERING: usize = 24;
/// Forged, altered and replayed webhooks.
pub const WEBHOOK_FORGERIES: usize = 25;
/// Requests from origins no host registered.
pub const CORS_STRANGERS: usize = 18;
/// Deeply nested and oversized bodies.
pub const HOSTILE_JSON: usize = 46;
/// Requests from one address over its limit.
pub const FLOOD_PER_IP: usize = 13;
/// Requests with one token over its limit, from changing addresses.
pub const FLOOD_PER_TOKEN: usize = 5;

/// Shoppers in the checkout stream the server is killed in.
pub const CRASH_SHOPPERS: usize = 6;
/// Checkouts each shopper tries at most: it pays every other one, so it
/// never holds more unpaid checkouts than one shopper may.
pub const CRASH_ROUNDS: usize = 2 * etalase_server::orders::limits::MAX_UNPAID_CHECKOUTS;
/// Acknowledged checkouts before the SIGKILL.
pub const CRASH_KILL_AFTER: usize = 12;

/// Generated cases of each money property (rounding, shares, fees, whole
/// checkouts).
pub const MONEY_CASES: u32 = 512;
/// Endpoints whose JSON bodies are generated.
pub const BODY_ENDPOINTS: usize = 11;
/// Generated bodies sent to each of them.
pub const BODY_CASES: u32 = 128;

/// Money properties in `properties.rs`, each run [`MONEY_CASES`] times.
pub const MONEY_PROPERTIES: u32 = 4;
/// Requests with a 64 KiB method name, half on a route, half on a made-up
/// path (`hygiene::strangers_methods_and_paths_add_no_metrics_labels`).
pub const STRANGE_METHODS: usize = 40;
/// Addresses saved at once by one shopper against the limit of 20
/// (`names::sixty_concurrent_saves_store_exactly_twenty_addresses`).
pub const ADDRESS_RACE: usize = 60;
/// Checkouts placed at once by one shopper against the reservation limits
/// (`hoarding::concurrent_checkouts_of_one_shopper_cannot_pass_the_checkout_limits`).
pub const CHECKOUT_RACE: usize = 10;

/// Generated carts of which some lines are quoted, through the API on the
/// store (`properties::a_quote_of_some_lines_prices_exactly_those_lines`).
pub const PARTIAL_QUOTE_CASES: u32 = 48;

#[test]
fn security_md_shows_these_figures() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../SECURITY.md");
    let text = std::fs::read_to_string(path).unwrap();
    let attacks = [
        ("IDOR across shoppers and hosts", IDOR_SHOPPERS),
        ("IDOR across creators", IDOR_CREATORS),
        ("role swaps and keys used as tokens", ROLE_SWAPS),
        ("expired tokens replayed", EXPIRED_REPLAYS),
        ("price, discount and quantity tampering", TAMPERING),
        ("forged and replayed webhooks", WEBHOOK_FORGERIES),
        ("look-alike origins (CORS)", CORS_STRANGERS),
        ("deeply nested and oversized bodies", HOSTILE_JSON),
        ("floods from one address", FLOOD_PER_IP),
        ("floods from one token", FLOOD_PER_TOKEN),
    ];
    let all: usize = attacks.iter().map(|(_, count)| count).sum();
    let mut rows: Vec<String> = attacks
        .iter()
        .map(|(label, count)| format!("| {label} | {count} |"))
        .collect();
    rows.push(format!("| **all attacks** | **{all}** |"));
    rows.push(format!(
        "| money and pricing properties ({MONEY_PROPERTIES} properties × {MONEY_CASES} cases) | {} |",
        MONEY_PROPERTIES * MONEY_CASES
    ));
    rows.push(format!(
        "| methods and paths that must not become metrics labels | {STRANGE_METHODS} |"
    ));
    rows.push(format!(
        "| addresses saved at once past the limit of 20 | {ADDRESS_RACE} |"
    ));
    rows.push(format!(
        "| checkouts placed at once by one shopper past the reservation limits | {CHECKOUT_RACE} |"
    ));
    rows.push(format!(
        "| quotes of some lines of a generated cart, through the API on the store | {PARTIAL_QUOTE_CASES} |"
    ));
    rows.push(format!(
        "| generated JSON bodies ({BODY_ENDPOINTS} endpoints × {BODY_CASES} bodies) | {} |",
        BODY_ENDPOINTS * BODY_CASES as usize
    ));
    for row in rows {
        assert!(
            text.lines().any(|line| line.trim() == row),
            "SECURITY.md should have the row\n{row}"
        );
    }
    for phrase in [
        format!("{CRASH_SHOPPERS} shoppers on loopback"),
        format!("after {CRASH_KILL_AFTER} acknowledged orders"),
    ] {
        assert!(text.contains(&phrase), "SECURITY.md should say {phrase:?}");
    }
}
