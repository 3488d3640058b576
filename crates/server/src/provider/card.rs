//! The provider's hosted card page: `/provider/card/{payment_id}?token=…`.
//!
//! The widget shows it in an iframe or a popup: a provider's mobile page
//! (`card.css`), numeric keyboards and the phone's card autofill on every
//! field, the digits grouped as typed (`card.js`, the only script, allowed
//! by its hash like the stylesheet). Card numbers are typed into
//! this page and posted to this path only: they never reach the marketplace
//! API, its database or its logs, nor the widget's DOM. The page checks the
//! number (Luhn), the expiry and the CVC like a gateway would; the test card
//! `4000 0000 0000 0002` is declined (which cancels the checkout); any other
//! valid card pays.
//!
//! Knowing a payment's id is not enough to use its page: the id travels in
//! orders, in the host's `payment_pending` event and in logs. Each card
//! payment gets a random token of its own ([`hosted_url`]), which only its
//! address carries, and only the shopper's own API answers carry that
//! address. The page answers only with the token, its form posts it back as
//! a hidden field, and it is compared in constant time: without it, or with
//! another, the page is not there (404 `not_found`, as for an unknown id).
//! A post a browser marks as coming from another site (`Sec-Fetch-Site`,
//! or else an `Origin` that is not this server) is refused before anything
//! is read: 403 `cross_site_request`. Neither changes anything.

use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use etalase_contract::{
    ErrorBody, ErrorCode, Locale, Payment, PaymentEventKind, PaymentInstructions, PaymentMethod,
    PaymentStatus,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

use crate::error::{AppError, Result};
use crate::identity::secret;
use crate::store::payments;
use crate::time::Timestamp;
use crate::AppState;

/// The card a shopper typed, as the page's form posts it, with the page's
/// token.
#[derive(Debug, Deserialize)]
pub struct CardForm {
    /// The card number, spaces allowed.
    pub number: String,
    /// `MM/YY`.
    pub expiry: String,
    /// Three or four digits.
    pub cvc: String,
    /// The payment's page token, from the form's hidden field; a post
    /// without it finds no page, as one with a wrong token.
    #[serde(default)]
    pub token: Option<String>,
}

/// The page's query: its token.
#[derive(Debug, Default, Deserialize)]
pub struct CardQuery {
    /// The payment's page token, from the address in its instructions.
    #[serde(default)]
    pub token: Option<String>,
}

/// The number the provider always declines.
const DECLINED: &str = "4000000000000002";
/// What a page token starts with, so a leaked one is recognised.
const TOKEN_PREFIX: &str = "cpt_";
/// What separates a payment's page from its token in [`hosted_url`].
const TOKEN_QUERY: &str = "?token=";

/// A new address of payment `payment_id`'s card page, with a random token
/// of its own (256 bits): what the payment's instructions give the shopper.
pub(crate) fn hosted_url(payment_id: &str) -> Result<String> {
    let token = secret::generate(TOKEN_PREFIX)
        .map_err(|error| AppError::Internal(format!("no randomness for a token: {error}")))?;
    Ok(format!("/provider/card/{payment_id}{TOKEN_QUERY}{token}"))
}

/// `GET /provider/card/{payment_id}?token=…`: the form, for a card payment
/// whose token is `token`.
pub async fn card_page(
    state: &AppState,
    payment_id: &str,
    token: Option<&str>,
) -> Result<Response> {
    let (payment, token) = card_payment_with(state, payment_id, token).await?;
    Ok(page(state, StatusCode::OK, &form(&payment, token, None)))
}

/// `POST /provider/card/{payment_id}`: refuses a post from another site,
/// finds no page without the payment's token; otherwise charges the card,
/// then tells the marketplace by webhook.
pub async fn submit_card(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    payment_id: &str,
    card: CardForm,
) -> Result<Response> {
    if from_another_site(headers, uri) {
        return Ok(cross_site());
    }
    let (payment, token) = card_payment_with(state, payment_id, card.token.as_deref()).await?;
    if payment.status != PaymentStatus::Pending {
        return Ok(page(state, StatusCode::CONFLICT, &done(&payment)));
    }
    let number: String = card.number.chars().filter(|c| *c != ' ').collect();
    if let Err(problem) = check(&number, &card.expiry, &card.cvc) {
        return Ok(page(
            state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form(&payment, token, Some(problem)),
        ));
    }
    let kind = if number == DECLINED {
        PaymentEventKind::Failed
    } else {
        PaymentEventKind::Paid
    };
    super::send(state, kind, payment_id).await?;
    let payment = card_payment(state, payment_id).await?;
    Ok(page(state, StatusCode::OK, &done(&payment)))
}

/// Payment `payment_id`, when it is paid by card and `token` is its page
/// token; 404 `not_found` otherwise, alike for an unknown id and a wrong
/// token. Answers the token too, to put in the form.
async fn card_payment_with<'t>(
    state: &AppState,
    payment_id: &str,
    token: Option<&'t str>,
) -> Result<(Payment, &'t str)> {
    let payment = card_payment(state, payment_id).await?;
    match token.filter(|token| holds_token(&payment, token)) {
        Some(token) => Ok((payment, token)),
        None => Err(AppError::NotFound(format!(
            "no card payment at this address: payment {payment_id:?} with this token \
             (open the hosted_url of the payment's instructions)"
        ))),
    }
}

/// Payment `payment_id`, when it is paid by card.
async fn card_payment(state: &AppState, payment_id: &str) -> Result<Payment> {
    let mut conn = state.store.acquire().await?;
    payments::payment(&mut conn, payment_id)
        .await?
        .filter(|payment| payment.method == PaymentMethod::Card)
        .ok_or_else(|| AppError::NotFound(format!("no card payment has id {payment_id:?}")))
}

/// Whether `given` is payment `payment`'s page token, compared in constant
/// time. A payment whose address carries no token (placed before tokens)
/// matches nothing.
fn holds_token(payment: &Payment, given: &str) -> bool {
    let PaymentInstructions::Card { hosted_url } = &payment.instructions else {
        return false;
    };
    match hosted_url.split_once(TOKEN_QUERY) {
        Some((_, expected)) if !expected.is_empty() => same_secret(expected, given),
        _ => false,
    }
}

/// Whether `a` and `b` are equal, in a time that depends on their lengths
/// only, never on where they first differ.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let difference = a
        .iter()
        .zip(b)
        .fold(0u8, |acc, (x, y)| acc | std::hint::black_box(x ^ y));
    std::hint::black_box(difference) == 0
}

/// Whether a browser says the request comes from another site, after Go's
/// `CrossOriginProtection`: `Sec-Fetch-Site` (sent by current browsers)
/// must be `same-origin` (or `none`, a navigation of the shopper's own);
/// without it, an `Origin` must name this server's host; a request with
/// neither is not from a browser that could be tricked into it.
fn from_another_site(headers: &HeaderMap, uri: &Uri) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(ORIGIN) else {
        return false;
    };
    let host = headers
        .get(HOST)
        .and_then(|host| host.to_str().ok())
        .or_else(|| uri.authority().map(|authority| authority.as_str()));
    let authority = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, authority)| authority);
    match (authority, host) {
        (Some(authority), Some(host)) => !authority.eq_ignore_ascii_case(host),
        // `Origin: null` (a sandboxed or privacy-sensitive context), or no
        // host to compare with.
        _ => true,
    }
}

/// The answer to a post from another site's page: 403
/// `cross_site_request`, nothing read or changed. JSON like every error of
/// the API, so the error layer keeps it as it is.
fn cross_site() -> Response {
    let body = ErrorBody::new(
        ErrorCode::CrossSiteRequest,
        "the card form may be posted only from its own page, not from another site; \
         nothing was changed",
    );
    (StatusCode::FORBIDDEN, Json(body)).into_response()
}

/// What is wrong with a card: the form's field and the words for it.
type Problem = (&'static str, &'static str);

/// Checks a card as a gateway would, before charging it.
fn check(number: &str, expiry: &str, cvc: &str) -> Result<(), Problem> {
    if !(12..=19).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(("number", "Nomor kartu harus 12–19 angka."));
    }
    if !luhn(number) {
        return Err(("number", "Nomor kartu tidak valid."));
    }
    let (month, year) = expiry
        .trim()
        .split_once('/')
        .and_then(|(m, y)| Some((m.trim().parse::<u32>().ok()?, y.trim().parse::<i32>().ok()?)))
        .filter(|(m, y)| (1..=12).contains(m) && (0..=99).contains(y))
        .ok_or(("expiry", "Masa berlaku harus BB/TT."))?;
    let today = Timestamp::now().to_string();
    let (this_year, this_month) = (
        today[2..4].parse::<i32>().unwrap_or(0),
        today[5..7].parse::<u32>().unwrap_or(0),
    );
    if (year, month) < (this_year, this_month) {
        return Err(("expiry", "Kartu sudah kedaluwarsa."));
    }
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Err(("cvc", "CVC harus 3 atau 4 angka."));
    }
    Ok(())
}

/// The Luhn checksum of a string of digits.
fn luhn(number: &str) -> bool {
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let digit = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    sum % 10 == 0
}

/// The page's stylesheet, inline and allowed by its hash.
const STYLE: &str = include_str!("card.css");
/// The form's script (grouping digits as they are typed), inline and
/// allowed by its hash.
const SCRIPT: &str = include_str!("card.js");

/// The page's policy sources for [`STYLE`] and [`SCRIPT`]: `'sha256-…'`
/// of each, made once.
static HASHES: LazyLock<(String, String)> = LazyLock::new(|| (csp_hash(STYLE), csp_hash(SCRIPT)));

/// `text`'s hash as a Content-Security-Policy source.
fn csp_hash(text: &str) -> String {
    format!(
        "'sha256-{}'",
        BASE64.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The form, carrying the payment's page `token`, with `problem` shown
/// above it and its field marked invalid and described by it.
fn form(payment: &Payment, token: &str, problem: Option<Problem>) -> String {
    let marked = |field: &str| match problem {
        Some((wrong, _)) if wrong == field => " aria-invalid=\"true\" aria-describedby=\"problem\"",
        _ => "",
    };
    let (number, expiry, cvc) = (marked("number"), marked("expiry"), marked("cvc"));
    let problem = problem
        .map(|(_, words)| format!("<p role=\"alert\" id=\"problem\">{words}</p>"))
        .unwrap_or_default();
    // The token passed `holds_token`, so it is the one the server made: a
    // prefix and hex digits, nothing to escape.
    format!(
        "<header><h1>Bayar dengan kartu</h1><span class=\"brand\">Etalase Pay</span></header>\
         <p class=\"amount\">Total <strong>{amount}</strong></p>{problem}\
         <form method=\"post\" action=\"/provider/card/{id}\" autocomplete=\"on\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <label>Nomor kartu <input name=\"number\" inputmode=\"numeric\" autocomplete=\"cc-number\" \
         placeholder=\"1234 5678 9012 3456\" maxlength=\"23\" required{number}></label>\
         <div class=\"row\">\
         <label>Masa berlaku <input name=\"expiry\" inputmode=\"numeric\" autocomplete=\"cc-exp\" \
         placeholder=\"BB/TT\" maxlength=\"5\" required{expiry}></label>\
         <label>CVC <input name=\"cvc\" inputmode=\"numeric\" autocomplete=\"cc-csc\" \
         placeholder=\"123\" maxlength=\"4\" required{cvc}></label>\
         </div>\
         <button type=\"submit\">Bayar {amount}</button></form>\
         <p class=\"secure\">Nomor kartu hanya dikirim ke penyedia pembayaran.</p>\
         <script>{SCRIPT}</script>",
        amount = payment.amount.format(Locale::IdId),
        id = payment.id,
    )
}

/// What became of the payment.
fn done(payment: &Payment) -> String {
    let text = match payment.status {
        PaymentStatus::Paid => "Pembayaran berhasil.",
        PaymentStatus::Failed => "Kartu ditolak. Pesanan dibatalkan.",
        PaymentStatus::Pending => "Menunggu pembayaran.",
        PaymentStatus::Expired | PaymentStatus::Cancelled => "Pembayaran ini sudah berakhir.",
    };
    format!("<div class=\"done\"><h1>{text}</h1></div>")
}

/// A whole page: its own style and script only (by their hashes), framable
/// only by registered hosts, posting only to itself, and never cached (it
/// holds the payment's token).
fn page(state: &AppState, status: StatusCode, body: &str) -> Response {
    let ancestors = state.origins.list().join(" ");
    let (style, script) = &*HASHES;
    let policy = format!(
        "default-src 'none'; style-src {style}; script-src {script}; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'self' {ancestors}"
    );
    let html = format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Etalase Pay</title><style>{STYLE}</style></head><body>{body}</body></html>"
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_refuses_typos() {
        for number in ["4111111111111111", "5555555555554444", "4000000000000002"] {
            assert!(luhn(number), "{number}");
        }
        assert!(!luhn("4111111111111112"));
    }

    fn card_payment_at(hosted_url: &str) -> Payment {
        Payment {
            id: "pay-1".into(),
            status: PaymentStatus::Pending,
            method: PaymentMethod::Card,
            amount: etalase_contract::Rupiah(10_000),
            instructions: PaymentInstructions::Card {
                hosted_url: hosted_url.into(),
            },
            expires_at: "2026-01-01T01:00:00.000Z".into(),
            paid_at: None,
        }
    }

    #[test]
    fn only_the_payments_own_token_opens_its_page() {
        let url = hosted_url("pay-1").unwrap();
        let token = url.split_once("?token=").unwrap().1;
        assert!(url.starts_with("/provider/card/pay-1?token=cpt_"), "{url}");
        assert!(secret::is_well_formed(token, TOKEN_PREFIX), "{token}");
        assert_ne!(url, hosted_url("pay-1").unwrap(), "random per payment");
        let payment = card_payment_at(&url);
        assert!(holds_token(&payment, token));
        assert!(!holds_token(&payment, ""));
        assert!(!holds_token(&payment, &token[..token.len() - 1]));
        assert!(!holds_token(&payment, &token.to_uppercase()));
        let other = hosted_url("pay-1").unwrap();
        assert!(!holds_token(
            &payment,
            other.split_once("?token=").unwrap().1
        ));
        // An address without a token matches nothing.
        assert!(!holds_token(&card_payment_at("/provider/card/pay-1"), ""));
        assert!(!holds_token(
            &card_payment_at("/provider/card/pay-1?token="),
            ""
        ));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("cpt_abc", "cpt_abc"));
        assert!(!same_secret("cpt_abc", "cpt_abd"));
        assert!(!same_secret("cpt_abc", "cpt_ab"));
        assert!(same_secret("", ""));
    }

    #[test]
    fn posts_from_other_sites_are_told_apart() {
        let uri: Uri = "/provider/card/pay-1".parse().unwrap();
        let with = |pairs: &[(&'static str, &'static str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            from_another_site(&headers, &uri)
        };
        // Not a browser, or one that sends neither header.
        assert!(!with(&[]));
        assert!(!with(&[("host", "api.example")]));
        // Sec-Fetch-Site decides when present.
        assert!(!with(&[("sec-fetch-site", "same-origin")]));
        assert!(!with(&[("sec-fetch-site", "none")]));
        for site in ["cross-site", "same-site", "anything"] {
            let mut headers = HeaderMap::new();
            headers.insert("sec-fetch-site", HeaderValue::from_static(site));
            headers.insert("origin", HeaderValue::from_static("https://api.example"));
            headers.insert("host", HeaderValue::from_static("api.example"));
            assert!(from_another_site(&headers, &uri), "{site}");
        }
        // Else the Origin must be this host.
        assert!(!with(&[
            ("origin", "https://api.example"),
            ("host", "api.example")
        ]));
        assert!(!with(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080")
        ]));
        assert!(with(&[
            ("origin", "https://evil.example"),
            ("host", "api.example")
        ]));
        assert!(with(&[
            ("origin", "https://api.example:8443"),
            ("host", "api.example")
        ]));
        assert!(with(&[("origin", "null"), ("host", "api.example")]));
        assert!(with(&[("origin", "https://api.example")]));
        let absolute: Uri = "http://api.example/provider/card/pay-1".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("origin", HeaderValue::from_static("http://api.example"));
        assert!(
            !from_another_site(&headers, &absolute),
            "HTTP/2's :authority"
        );
    }

    #[test]
    fn cards_are_checked_like_a_gateway_would() {
        assert_eq!(check("4111111111111111", "12/99", "123"), Ok(()));
        assert!(check("4111 1111", "12/99", "123").is_err());
        assert!(check("4111111111111112", "12/99", "123").is_err());
        assert!(check("4111111111111111", "13/99", "123").is_err());
        assert!(check("4111111111111111", "01/20", "123").is_err());
        assert!(check("4111111111111111", "12/99", "12").is_err());
        assert!(check("4111111111111111", "1299", "123").is_err());
    }
}
