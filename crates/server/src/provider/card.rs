//! The provider's hosted card page: `/provider/card/{payment_id}`.
//!
//! The widget shows it in an iframe or a popup. Card numbers are typed into
//! this page and posted to this path only: they never reach the marketplace
//! API, its database or its logs, nor the widget's DOM. The page checks the
//! number (Luhn), the expiry and the CVC like a gateway would; the test card
//! `4000 0000 0000 0002` is declined; any other valid card pays.

use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use etalase_contract::{Locale, Payment, PaymentEventKind, PaymentMethod, PaymentStatus};
use serde::Deserialize;

use crate::error::{AppError, Result};
use crate::store::payments;
use crate::time::Timestamp;
use crate::AppState;

/// The card a shopper typed, as the page's form posts it.
#[derive(Debug, Deserialize)]
pub struct CardForm {
    /// The card number, spaces allowed.
    pub number: String,
    /// `MM/YY`.
    pub expiry: String,
    /// Three or four digits.
    pub cvc: String,
}

/// The number the provider always declines.
const DECLINED: &str = "4000000000000002";

/// `GET /provider/card/{payment_id}`: the form, for a pending card payment.
pub async fn card_page(state: &AppState, payment_id: &str) -> Result<Response> {
    let payment = card_payment(state, payment_id).await?;
    Ok(page(state, StatusCode::OK, &form(&payment, None)))
}

/// `POST /provider/card/{payment_id}`: charges the card, then tells the
/// marketplace by webhook.
pub async fn submit_card(state: &AppState, payment_id: &str, card: CardForm) -> Result<Response> {
    let payment = card_payment(state, payment_id).await?;
    if payment.status != PaymentStatus::Pending {
        return Ok(page(state, StatusCode::CONFLICT, &done(&payment)));
    }
    let number: String = card.number.chars().filter(|c| *c != ' ').collect();
    if let Err(problem) = check(&number, &card.expiry, &card.cvc) {
        return Ok(page(
            state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form(&payment, Some(problem)),
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

/// Payment `payment_id`, when it is paid by card.
async fn card_payment(state: &AppState, payment_id: &str) -> Result<Payment> {
    let mut conn = state.store.acquire().await?;
    payments::payment(&mut conn, payment_id)
        .await?
        .filter(|payment| payment.method == PaymentMethod::Card)
        .ok_or_else(|| AppError::NotFound(format!("no card payment has id {payment_id:?}")))
}

/// Checks a card as a gateway would, before charging it.
fn check(number: &str, expiry: &str, cvc: &str) -> Result<(), &'static str> {
    if !(12..=19).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err("Nomor kartu harus 12–19 angka.");
    }
    if !luhn(number) {
        return Err("Nomor kartu tidak valid.");
    }
    let (month, year) = expiry
        .trim()
        .split_once('/')
        .and_then(|(m, y)| Some((m.trim().parse::<u32>().ok()?, y.trim().parse::<i32>().ok()?)))
        .filter(|(m, y)| (1..=12).contains(m) && (0..=99).contains(y))
        .ok_or("Masa berlaku harus BB/TT.")?;
    let today = Timestamp::now().to_string();
    let (this_year, this_month) = (
        today[2..4].parse::<i32>().unwrap_or(0),
        today[5..7].parse::<u32>().unwrap_or(0),
    );
    if (year, month) < (this_year, this_month) {
        return Err("Kartu sudah kedaluwarsa.");
    }
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Err("CVC harus 3 atau 4 angka.");
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

/// The form, with `problem` shown above it.
fn form(payment: &Payment, problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| format!("<p role=\"alert\">{p}</p>"))
        .unwrap_or_default();
    format!(
        "<h1>Bayar dengan kartu</h1><p>Total: <strong>{amount}</strong></p>{problem}\
         <form method=\"post\" action=\"/provider/card/{id}\" autocomplete=\"on\">\
         <label>Nomor kartu <input name=\"number\" inputmode=\"numeric\" autocomplete=\"cc-number\" required></label>\
         <label>Masa berlaku <input name=\"expiry\" placeholder=\"BB/TT\" autocomplete=\"cc-exp\" required></label>\
         <label>CVC <input name=\"cvc\" inputmode=\"numeric\" autocomplete=\"cc-csc\" required></label>\
         <button type=\"submit\">Bayar</button></form>",
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
    format!("<h1>{text}</h1>")
}

/// A whole page: no scripts, no styles from elsewhere, framable only by
/// registered hosts, posting only to itself.
fn page(state: &AppState, status: StatusCode, body: &str) -> Response {
    let ancestors = state.origins.list().join(" ");
    let policy = format!(
        "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'self' {ancestors}"
    );
    let html = format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Etalase Pay</title></head><body>{body}</body></html>"
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
