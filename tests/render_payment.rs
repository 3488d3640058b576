//! Server-side renders of the payment and order views: the payment panel
//! for every method and status, the countdown, the QRIS code, the orders
//! with their timelines, the order history and the mini card.
//!
//! Like `tests/render.rs`, these check the markup shoppers and the
//! Playwright suite rely on: amounts, hooks, accessible names, that text
//! from the API is escaped, and that no view holds a card field. Native
//! only: `cargo test --test render_payment`.

#![cfg(not(target_arch = "wasm32"))]
// Helpers outside `#[test]` functions: a fixture that cannot be set up fails the test loudly.
#![allow(clippy::unwrap_used)]

mod ssr;

use ssr::{render, show, tags_with, text_of, words};

use std::rc::Rc;

use etalase::i18n::Text;
use etalase::parts::shop::components::{
    mini_card, order_history, order_status, payment_breakdown, payment_panel, Countdown,
    CountdownProps, MiniCard, PaymentPanel, Qr, QrProps,
};
use etalase::parts::shop::state::status_check::StatusCheck;
use etalase_contract::{
    Address, Bank, LineItem, Locale, Order, OrderStatus, Payment, PaymentInstructions,
    PaymentMethod, PaymentStatus, Rupiah, SavedAddress, ShippingOption, ShopSummary, StatusChange,
    Wallet,
};
use yew::prelude::*;

/// Far enough ahead that the countdown runs with hours.
const LATER: &str = "2099-11-28T23:16:16.000Z";

fn payment(method: PaymentMethod, instructions: PaymentInstructions) -> Payment {
    Payment {
        id: "pay-123".into(),
        status: PaymentStatus::Pending,
        method,
        amount: Rupiah(150_000),
        instructions,
        expires_at: LATER.into(),
        paid_at: None,
    }
}

fn va(bank: Bank) -> Payment {
    payment(
        PaymentMethod::VirtualAccount { bank },
        PaymentInstructions::VirtualAccount {
            bank,
            account_number: "8808123456789012".into(),
        },
    )
}

fn qris() -> Payment {
    payment(
        PaymentMethod::Qris,
        PaymentInstructions::Qris {
            qr_payload:
                "00020101021226640017ID.CO.ETALASE.WWW5802ID5919ETALASE MARKETPLACE6304ABCD".into(),
        },
    )
}

fn gopay() -> Payment {
    payment(
        PaymentMethod::Ewallet {
            wallet: Wallet::Gopay,
        },
        PaymentInstructions::Ewallet {
            wallet: Wallet::Gopay,
            deeplink: "gojek://gopay/pay?reference=pay-123".into(),
        },
    )
}

fn cod() -> Payment {
    payment(
        PaymentMethod::Cod,
        PaymentInstructions::Cod {
            amount_to_collect: Rupiah(150_000),
        },
    )
}

fn card(hosted_url: &str) -> Payment {
    payment(
        PaymentMethod::Card,
        PaymentInstructions::Card {
            hosted_url: hosted_url.into(),
        },
    )
}

fn with_status(mut payment: Payment, status: PaymentStatus) -> Payment {
    payment.status = status;
    if status == PaymentStatus::Paid {
        payment.paid_at = Some("2026-11-28T23:16:16.000Z".into());
    }
    payment
}

fn panel_html(payment: Payment, locale: Locale, cancelling: bool) -> Html {
    payment_panel(&PaymentPanel {
        payment: Rc::new(payment),
        locale,
        on_open_wallet: Callback::noop(),
        on_check: Callback::noop(),
        checked: StatusCheck::default(),
        on_cancel: Callback::noop(),
        cancelling,
    })
}

async fn panel(payment: Payment, locale: Locale) -> String {
    show(move || panel_html(payment, locale, false)).await
}

fn shop(name: &str) -> ShopSummary {
    ShopSummary {
        id: "shop-1".into(),
        name: name.into(),
        city: "Solo".into(),
    }
}

fn line(name: &str, options: &[&str], quantity: u32) -> LineItem {
    LineItem {
        variant_id: "v1".into(),
        product_id: "p1".into(),
        product_name: name.into(),
        option_values: options.iter().map(|value| value.to_string()).collect(),
        price: Rupiah(50_000),
        quantity,
        line_total: Rupiah(50_000).times(quantity),
    }
}

fn change(status: OrderStatus, at: &str) -> StatusChange {
    StatusChange {
        status,
        at: at.into(),
    }
}

/// A paid order of Toko Batik Sekar: placed at 23:16 UTC, paid at 23:20.
fn order(id: &str, shop_name: &str, product: &str) -> Order<SavedAddress> {
    Order {
        id: id.into(),
        checkout_id: "co-1".into(),
        status: OrderStatus::Paid,
        timeline: vec![
            change(OrderStatus::AwaitingPayment, "2026-11-28T23:16:16.000Z"),
            change(OrderStatus::Paid, "2026-11-28T23:20:00.000Z"),
        ],
        shop: shop(shop_name),
        items: vec![
            line(product, &["Merah", "L"], 2),
            line("Kaos Polos", &[], 1),
        ],
        address: SavedAddress {
            address: Address {
                id: "addr-1".into(),
                recipient: "Sari".into(),
                phone: "+6281234567890".into(),
                province: "Jawa Tengah".into(),
                city: "Kota Surakarta".into(),
                district: "Laweyan".into(),
                postal_code: "57141".into(),
                street: "Jl. Slamet Riyadi 1".into(),
            },
            village: Some("Sondakan".into()),
            region_code: Some("33.72.01.1005".into()),
            needs_region: false,
        },
        shipping: ShippingOption {
            id: "jne-reg".into(),
            courier: "JNE".into(),
            service: "REG".into(),
            price: Rupiah(12_000),
            eta_days_min: 2,
            eta_days_max: 3,
        },
        insured: false,
        subtotal: Rupiah(150_000),
        shipping_cost: Rupiah(12_000),
        insurance: Rupiah(0),
        discount: Rupiah(0),
        total: Rupiah(162_000),
        stream_id: Some("live-1".into()),
        creator_id: Some("creator-1".into()),
        payment_id: "pay-123".into(),
        payment_method: PaymentMethod::Qris,
        created_at: "2026-11-28T23:16:16.000Z".into(),
    }
}

fn mini(status: PaymentStatus, locale: Locale) -> Html {
    mini_card(&MiniCard {
        status,
        amount: Rupiah(150_000),
        expires_at: Some(LATER.into()),
        locale,
        on_open: Callback::noop(),
    })
}

// ---- the pending payment, by method ----------------------------------------------

#[tokio::test]
async fn a_virtual_account_shows_the_amount_time_left_grouped_number_copy_and_steps() {
    let html = panel(va(Bank::Bni), Locale::IdId).await;
    let root = tags_with(&html, "payment-panel");
    assert_eq!(root.len(), 1, "{html}");
    assert!(root[0].contains(r#"data-status="pending""#), "{html}");
    assert_eq!(text_of(&html, "payment-amount"), "Rp150.000");
    assert_eq!(text_of(&html, "payment-method"), "BNI Virtual Account");
    assert_eq!(text_of(&html, "va-number"), "8808 1234 5678 9012");
    let copy = tags_with(&html, "copy-account");
    assert_eq!(copy.len(), 1, "{html}");
    assert!(
        copy[0].contains(r#"aria-label="Salin nomor virtual account""#),
        "{html}"
    );
    assert!(html.contains(">Salin</span>"), "{html}");
    assert!(
        html.contains(r#"<span aria-live="polite" data-testid="copy-said" class="sr"></span>"#),
        "nothing to announce before a copy, beside the button: {html}"
    );
    // The countdown, with hours, in a timer after its visible words; then
    // the deadline in WIB.
    let timer = tags_with(&html, "countdown");
    assert_eq!(timer.len(), 1, "{html}");
    assert!(timer[0].contains(r#"role="timer""#), "{html}");
    assert!(
        !timer[0].contains("aria-label"),
        "the digits are its text: {html}"
    );
    assert!(html.contains("<span>Bayar dalam</span>"), "{html}");
    let left = text_of(&html, "countdown");
    let parts: Vec<&str> = left.split(':').collect();
    assert_eq!(parts.len(), 3, "{left}");
    assert!(parts[1..].iter().all(|part| part.len() == 2), "{left}");
    assert!(
        html.contains("Jatuh tempo 29 Nov 2099, 06.16 WIB"),
        "{html}"
    );
    // The bank's own app and ATM menus; the app's steps open at first.
    assert!(
        html.contains("Buka aplikasi wondr by BNI dan masuk."),
        "{html}"
    );
    assert!(
        html.contains("Pilih Transfer › Virtual Account Billing."),
        "{html}"
    );
    assert!(
        html.contains("Pilih Menu Lain › Transfer › Virtual Account Billing."),
        "{html}"
    );
    // Each way to pay: a group and its numbered list, both named.
    assert!(
        html.contains(r#"<details aria-label="Lewat m-banking" open="open" class="steps">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<ol aria-label="Lewat m-banking"><li>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<details aria-label="Lewat ATM" class="steps">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<ol aria-label="Lewat ATM"><li>"#),
        "{html}"
    );
    let check = tags_with(&html, "check-payment");
    assert_eq!(check.len(), 1, "{html}");
    assert!(html.contains(">Cek status</button>"), "{html}");
    let cancel = tags_with(&html, "cancel-order");
    assert_eq!(cancel.len(), 1, "{html}");
    assert!(!cancel[0].contains("disabled"), "{html}");
    assert!(cancel[0].contains(r#"aria-busy="false""#), "{html}");
}

#[tokio::test]
async fn every_bank_has_its_own_steps_in_both_languages() {
    for (bank, id_step, en_step) in [
        (Bank::Bca, "BCA Virtual Account", "To BCA Virtual Account."),
        (
            Bank::Bni,
            "Virtual Account Billing",
            "Other Menu › Transfer",
        ),
        (Bank::Bri, "BRIVA", "Payment › Others › BRIVA."),
        (
            Bank::Mandiri,
            "Livin' by Mandiri",
            "Pay/Buy › Multipayment.",
        ),
    ] {
        let html = panel(va(bank), Locale::IdId).await;
        assert!(
            html.contains(&id_step.replace('\'', "&#39;")) || html.contains(id_step),
            "{html}"
        );
        let html = panel(va(bank), Locale::EnUs).await;
        assert!(html.contains(en_step), "{html}");
        assert!(html.contains(">Copy</span>"), "{html}");
        assert!(html.contains("How to pay"), "{html}");
        assert!(html.contains("Due Nov 29, 2099, 6:16 AM WIB"), "{html}");
        assert_eq!(text_of(&html, "payment-amount"), "IDR 150,000");
    }
}

#[tokio::test]
async fn qris_shows_the_code_the_amount_save_and_the_steps() {
    let html = panel(qris(), Locale::IdId).await;
    let code = tags_with(&html, "qris-code");
    assert_eq!(code.len(), 1, "{html}");
    assert!(code[0].starts_with("<svg"), "{html}");
    assert!(code[0].contains(r#"role="img""#), "{html}");
    assert!(
        code[0].contains(r#"aria-label="Kode QRIS untuk membayar Rp150.000""#),
        "{html}"
    );
    assert_eq!(
        html.matches("<path d=\"M").count(),
        1,
        "one path draws the code: {html}"
    );
    assert!(html.contains(">Rp150.000</p>"), "{html}");
    assert_eq!(tags_with(&html, "save-qr").len(), 1, "{html}");
    assert!(html.contains(">Simpan QR</button>"), "{html}");
    assert!(html.contains("unggah QR dari galeri"), "{html}");
    assert!(
        words(&html).contains("Pastikan nominalnya Rp150.000, lalu bayar."),
        "{html}"
    );
    assert_eq!(text_of(&html, "payment-method"), "QRIS");
    assert_eq!(tags_with(&html, "countdown").len(), 1, "{html}");
    let html = panel(qris(), Locale::EnUs).await;
    assert!(html.contains(">Save QR</button>"), "{html}");
    assert!(html.contains("QRIS code to pay IDR 150,000"), "{html}");
}

#[tokio::test]
async fn the_qr_component_draws_the_code_in_its_quiet_zone() {
    let html = render::<Qr>(|| QrProps {
        payload: "ETALASE".into(),
        label: "QR".into(),
    })
    .await;
    // "ETALASE" fits version 1: 21 modules and 4 of quiet zone on each side.
    assert!(html.contains(r#"viewBox="0 0 29 29""#), "{html}");
    assert!(html.contains(r#"shape-rendering="crispEdges""#), "{html}");
    assert!(html.contains(r#"<path d="M4 4h7v1h-7z"#), "{html}");
}

#[tokio::test]
async fn an_e_wallet_offers_to_open_the_app_and_says_the_status_follows() {
    let html = panel(gopay(), Locale::IdId).await;
    assert_eq!(text_of(&html, "payment-method"), "GoPay");
    let open = tags_with(&html, "open-wallet");
    assert_eq!(open.len(), 1, "{html}");
    assert!(open[0].starts_with("<button"), "{html}");
    assert!(html.contains(">Buka GoPay</button>"), "{html}");
    assert!(html.contains("lalu kembali ke sini"), "{html}");
    // Opening the wallet leads; checking the status follows it.
    assert!(
        tags_with(&html, "check-payment")[0].contains("is-secondary"),
        "{html}"
    );
    let html = panel(gopay(), Locale::EnUs).await;
    assert!(html.contains(">Open GoPay</button>"), "{html}");
    assert!(
        html.contains("The payment status updates when you return."),
        "{html}"
    );
}

#[tokio::test]
async fn cash_on_delivery_confirms_what_to_hand_the_courier_without_a_countdown() {
    let html = panel(cod(), Locale::IdId).await;
    assert!(tags_with(&html, "payment-panel")[0].contains(r#"data-status="pending""#));
    assert!(html.contains("Pesanan dibuat"), "{html}");
    // The amount on one line, inside its sentence.
    assert!(
        words(&html).contains("Bayar Rp150.000 ke kurir saat paket tiba."),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="amount">Rp150.000</span>"#),
        "{html}"
    );
    assert!(tags_with(&html, "countdown").is_empty(), "{html}");
    assert!(tags_with(&html, "check-payment").is_empty(), "{html}");
    assert_eq!(tags_with(&html, "cancel-order").len(), 1, "{html}");
    let html = panel(cod(), Locale::EnUs).await;
    assert!(
        words(&html).contains("Pay IDR 150,000 to the courier on delivery."),
        "{html}"
    );
    assert_eq!(text_of(&html, "payment-method"), "Cash on Delivery (COD)");
}

#[tokio::test]
async fn a_card_is_entered_only_in_the_providers_sandboxed_page() {
    let html = panel(card("https://pay.example/card/pay-123"), Locale::EnUs).await;
    let frame = tags_with(&html, "card-frame");
    assert_eq!(frame.len(), 1, "{html}");
    assert!(frame[0].starts_with("<iframe"), "{html}");
    assert!(
        frame[0].contains(r#"src="https://pay.example/card/pay-123""#),
        "{html}"
    );
    assert!(frame[0].contains(r#"title="Card payment page""#), "{html}");
    assert!(frame[0].contains(r#"sandbox="allow-forms allow-scripts allow-same-origin""#));
    assert_eq!(text_of(&html, "payment-method"), "Credit/Debit Card");
    // The reference server answers a path on its own origin.
    let html = panel(card("/provider/card/pay-123"), Locale::IdId).await;
    assert!(tags_with(&html, "card-frame")[0].contains(r#"src="/provider/card/pay-123""#));
    assert!(
        html.contains(r#"title="Halaman pembayaran kartu""#),
        "{html}"
    );
}

#[tokio::test]
async fn a_card_page_that_is_not_a_web_address_is_never_framed() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
    ] {
        let html = panel(card(url), Locale::IdId).await;
        assert!(tags_with(&html, "card-frame").is_empty(), "{url}: {html}");
        assert!(!html.contains("<iframe"), "{url}: {html}");
    }
}

#[tokio::test]
async fn cancelling_disables_the_cancel_button_and_says_so() {
    for (locale, text) in [
        (Locale::IdId, "Membatalkan…"),
        (Locale::EnUs, "Cancelling…"),
    ] {
        let html = show(move || panel_html(va(Bank::Bca), locale, true)).await;
        let cancel = tags_with(&html, "cancel-order")[0];
        assert!(cancel.contains("disabled"), "{html}");
        assert!(cancel.contains(r#"aria-busy="true""#), "{html}");
        assert!(html.contains(&format!(">{text}</button>")), "{html}");
    }
    let html = panel(va(Bank::Bca), Locale::EnUs).await;
    assert!(html.contains(">Cancel order</button>"), "{html}");
}

// ---- the settled payment -----------------------------------------------------

#[tokio::test]
async fn a_paid_payment_says_so_with_when_and_no_more_actions() {
    let html = panel(
        with_status(va(Bank::Bca), PaymentStatus::Paid),
        Locale::IdId,
    )
    .await;
    assert!(tags_with(&html, "payment-panel")[0].contains(r#"data-status="paid""#));
    assert!(
        html.contains(r#"<div role="status" class="pay-result is-ok">"#),
        "{html}"
    );
    assert!(html.contains("Pembayaran berhasil"), "{html}");
    assert_eq!(text_of(&html, "paid-at"), "Dibayar 29 Nov 2026, 06.16 WIB");
    assert!(
        words(&html).contains("Rp150.000 · BCA Virtual Account"),
        "{html}"
    );
    for hook in [
        "countdown",
        "check-payment",
        "cancel-order",
        "va-number",
        "copy-account",
    ] {
        assert!(tags_with(&html, hook).is_empty(), "{hook}: {html}");
    }
    let html = panel(with_status(qris(), PaymentStatus::Paid), Locale::EnUs).await;
    assert!(html.contains("Payment successful"), "{html}");
    assert_eq!(text_of(&html, "paid-at"), "Paid Nov 29, 2026, 6:16 AM WIB");
    assert!(tags_with(&html, "qris-code").is_empty(), "{html}");
}

#[tokio::test]
async fn expired_failed_and_cancelled_payments_each_explain_themselves() {
    for (status, slug, id_title, en_title) in [
        (
            PaymentStatus::Expired,
            "expired",
            "Waktu pembayaran habis",
            "Payment time ran out",
        ),
        (
            PaymentStatus::Failed,
            "failed",
            "Pembayaran gagal",
            "Payment failed",
        ),
        (
            PaymentStatus::Cancelled,
            "cancelled",
            "Pesanan dibatalkan",
            "Order cancelled",
        ),
    ] {
        for payment in [
            va(Bank::Bri),
            qris(),
            gopay(),
            cod(),
            card("https://pay.example/c"),
        ] {
            let html = panel(with_status(payment.clone(), status), Locale::IdId).await;
            let root = tags_with(&html, "payment-panel")[0];
            assert!(root.contains(&format!(r#"data-status="{slug}""#)), "{html}");
            assert!(
                html.contains(r#"<div role="status" class="pay-result is-bad">"#),
                "{html}"
            );
            assert!(html.contains(id_title), "{html}");
            for hook in [
                "countdown",
                "check-payment",
                "cancel-order",
                "open-wallet",
                "card-frame",
            ] {
                assert!(tags_with(&html, hook).is_empty(), "{hook}: {html}");
            }
            let html = panel(with_status(payment, status), Locale::EnUs).await;
            assert!(html.contains(en_title), "{html}");
        }
    }
}

// ---- the countdown -----------------------------------------------------------

#[tokio::test]
async fn the_countdown_stops_at_zero_and_shows_nothing_for_a_bad_timestamp() {
    let html = render::<Countdown>(|| CountdownProps {
        expires_at: "2020-01-01T00:00:00Z".into(),
        said: None,
        locale: Locale::EnUs,
        timer: true,
        on_expired: Callback::noop(),
    })
    .await;
    assert_eq!(text_of(&html, "countdown"), "00:00");
    assert!(
        !html.contains("aria-label"),
        "its name is its digits: {html}"
    );
    let html = render::<Countdown>(|| CountdownProps {
        expires_at: "tomorrow".into(),
        said: None,
        locale: Locale::EnUs,
        timer: true,
        on_expired: Callback::noop(),
    })
    .await;
    assert!(tags_with(&html, "countdown").is_empty(), "{html}");
}

// ---- orders ------------------------------------------------------------------

#[tokio::test]
async fn each_shops_order_shows_its_items_courier_total_and_timeline() {
    let html = show(|| {
        let mut second = order("o-2", "Toko Kaos Jaya", "Kaos Oversize");
        second.status = OrderStatus::AwaitingPayment;
        second.timeline.truncate(1);
        second.shipping.eta_days_min = 1;
        second.shipping.eta_days_max = 1;
        order_status(
            &[order("o-1", "Toko Batik Sekar", "Kemeja Batik"), second],
            Locale::IdId,
        )
    })
    .await;
    let orders = tags_with(&html, "order");
    assert_eq!(orders.len(), 2, "{html}");
    assert!(orders[0].contains(r#"data-status="paid""#), "{html}");
    assert!(
        orders[1].contains(r#"data-status="awaiting_payment""#),
        "{html}"
    );
    assert!(html.contains("Toko Batik Sekar"), "{html}");
    assert_eq!(tags_with(&html, "order-item").len(), 4, "{html}");
    assert!(html.contains("Kemeja Batik"), "{html}");
    assert!(
        html.contains(r#"Varian: <span lang="id">Merah, L</span>"#),
        "{html}"
    );
    assert!(words(&html).contains("2 × Rp50.000"), "{html}");
    assert!(html.contains(">Rp100.000</p>"), "{html}");
    assert!(html.contains("JNE REG"), "{html}");
    // Where it goes, down to the village.
    assert_eq!(tags_with(&html, "order-address").len(), 2, "{html}");
    assert!(
        html.contains("Jl. Slamet Riyadi 1, Sondakan, Laweyan, Kota Surakarta, Jawa Tengah 57141"),
        "{html}"
    );
    assert!(html.contains("Estimasi tiba 2–3 hari"), "{html}");
    assert!(html.contains("Estimasi tiba 1 hari"), "{html}");
    assert_eq!(text_of(&html, "order-total"), "Rp162.000");
    // Timelines: what happened with its time, the current step, the steps ahead.
    assert_eq!(tags_with(&html, "timeline").len(), 2, "{html}");
    assert!(html.contains(r#"aria-label="Riwayat status""#), "{html}");
    let first = &html[..html.find(r#"data-order-id="o-2""#).unwrap()];
    assert!(
        first.contains(r#"<li data-status="awaiting_payment" class="tl-step is-done">"#),
        "{first}"
    );
    assert!(
        first.contains(r#"<li aria-current="step" data-status="paid" class="tl-step is-current">"#)
    );
    assert!(first.contains(
        r#"<time datetime="2026-11-28T23:20:00.000Z" class="tl-time">29 Nov 2026, 06.20 WIB</time>"#
    ));
    for ahead in ["processing", "shipped", "delivered", "completed"] {
        assert!(first.contains(&format!(
            r#"<li data-status="{ahead}" class="tl-step is-ahead">"#
        )));
    }
    assert_eq!(first.matches("aria-current").count(), 1, "{first}");
    let second = &html[html.find(r#"data-order-id="o-2""#).unwrap()..];
    assert!(second.contains(
        r#"<li aria-current="step" data-status="awaiting_payment" class="tl-step is-current">"#
    ));
    assert!(second.contains(r#"<li data-status="paid" class="tl-step is-ahead">"#));
}

#[tokio::test]
async fn each_timeline_step_says_whether_it_is_done_current_or_not_yet() {
    let html = show(|| {
        order_status(
            &[order("o-1", "Toko Batik Sekar", "Kemeja Batik")],
            Locale::IdId,
        )
    })
    .await;
    assert!(
        html.contains(r#"Menunggu pembayaran<span class="sr">, sudah</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"Dibayar<span class="sr">, tahap sekarang</span>"#),
        "{html}"
    );
    for ahead in ["Diproses", "Dikirim", "Tiba", "Selesai"] {
        assert!(
            html.contains(&format!(r#"{ahead}<span class="sr">, belum</span>"#)),
            "{html}"
        );
    }
    let html = show(|| {
        order_status(
            &[order("o-1", "Toko Batik Sekar", "Kemeja Batik")],
            Locale::EnUs,
        )
    })
    .await;
    assert!(
        html.contains(r#"Paid<span class="sr">, current step</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"Shipped<span class="sr">, not yet</span>"#),
        "{html}"
    );
}

#[tokio::test]
async fn a_cash_on_delivery_order_waits_for_its_courier_not_a_payment() {
    for (locale, words) in [
        (Locale::IdId, "Bayar di tempat"),
        (Locale::EnUs, "Pay on delivery"),
    ] {
        let unpaid = || {
            let mut unpaid = order("o-1", "Toko Batik Sekar", "Kemeja Batik");
            unpaid.status = OrderStatus::AwaitingPayment;
            unpaid.payment_method = PaymentMethod::Cod;
            unpaid.timeline.truncate(1);
            unpaid
        };
        let html = show(move || order_status(&[unpaid()], locale)).await;
        assert!(
            html.contains(&format!(r#"class="status-chip is-moving">{words}</span>"#)),
            "{html}"
        );
        assert!(
            html.contains(&format!("{words}<span")),
            "the timeline's step: {html}"
        );
        assert!(
            !html.contains("Menunggu pembayaran") && !html.contains("Awaiting payment"),
            "{html}"
        );
        // In the history: the rows of that payment alone.
        let html = show(move || {
            let mut online = unpaid();
            online.id = "o-2".into();
            online.payment_id = "pay-456".into();
            online.payment_method = PaymentMethod::Qris;
            order_history(&[unpaid(), online], locale, &Callback::noop())
        })
        .await;
        assert_eq!(html.matches(words).count(), 1, "{html}");
        let online = Text::StatusAwaitingPayment.get(locale);
        assert_eq!(html.matches(online).count(), 1, "{html}");
    }
}

#[tokio::test]
async fn a_closed_order_has_no_steps_ahead_and_english_words() {
    let html = show(|| {
        let mut expired = order("o-1", "Toko Batik Sekar", "Kemeja Batik");
        expired.status = OrderStatus::Expired;
        expired.timeline[1] = change(OrderStatus::Expired, "2026-11-29T23:16:16.000Z");
        order_status(&[expired], Locale::EnUs)
    })
    .await;
    assert!(!html.contains("is-ahead"), "{html}");
    assert!(html.contains(
        r#"<span data-testid="status-chip" class="status-chip is-closed">Expired</span>"#
    ));
    assert!(html.contains("Nov 30, 2026, 6:16 AM WIB"), "{html}");
    assert!(html.contains("Arrives in 2–3 days"), "{html}");
    assert!(words(&html).contains("2 × IDR 50,000"), "{html}");
    assert!(html.contains("Order total"), "{html}");
}

#[tokio::test]
async fn the_history_lists_orders_as_buttons_or_says_there_are_none() {
    let html = show(|| {
        let mut shipped = order("o-2", "Toko Kaos Jaya", "Kaos Oversize");
        shipped.status = OrderStatus::Shipped;
        order_history(
            &[order("o-1", "Toko Batik Sekar", "Kemeja Batik"), shipped],
            Locale::IdId,
            &Callback::noop(),
        )
    })
    .await;
    let root = tags_with(&html, "order-history");
    assert_eq!(root.len(), 1, "{html}");
    assert!(
        root[0].contains(r#"aria-label="Riwayat pesanan""#),
        "{html}"
    );
    let rows = tags_with(&html, "history-order");
    assert_eq!(rows.len(), 2, "{html}");
    assert!(
        rows.iter()
            .all(|row| row.starts_with(r#"<button type="button""#)),
        "{html}"
    );
    assert!(rows[0].contains(r#"data-order-id="o-1""#), "{html}");
    assert!(rows[1].contains(r#"data-status="shipped""#), "{html}");
    // The row's text is its accessible name: shop, date, units, total, status.
    assert!(
        html.contains(r#"<span lang="id" class="history-shop">Toko Batik Sekar</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"<span class="history-meta">29 Nov 2026 · 3 barang</span>"#));
    assert!(
        html.contains(r#"<span class="history-total">Rp162.000</span>"#),
        "{html}"
    );
    assert!(html.contains(">Dibayar</span>"), "{html}");
    assert!(html.contains(">Dikirim</span>"), "{html}");
    assert!(tags_with(&html, "history-empty").is_empty(), "{html}");

    let html = show(|| order_history(&[], Locale::EnUs, &Callback::noop())).await;
    assert_eq!(tags_with(&html, "order-history").len(), 1, "{html}");
    assert_eq!(tags_with(&html, "history-empty").len(), 1, "{html}");
    assert!(html.contains("No orders yet"), "{html}");
    assert!(tags_with(&html, "history-order").is_empty(), "{html}");
}

// ---- the mini card -------------------------------------------------------------

#[tokio::test]
async fn the_mini_card_is_one_button_back_into_the_payment() {
    let html = show(|| mini(PaymentStatus::Pending, Locale::IdId)).await;
    let card = tags_with(&html, "mini-card");
    assert_eq!(card.len(), 1, "{html}");
    assert!(
        card[0].starts_with(r#"<button type="button" data-testid="mini-card""#),
        "{html}"
    );
    assert!(
        card[0].contains(r#"class="mini-card is-pending""#),
        "{html}"
    );
    assert!(html.contains("Menunggu pembayaran"), "{html}");
    assert!(html.contains("Rp150.000 · "), "{html}");
    assert_eq!(tags_with(&html, "countdown").len(), 1, "{html}");
    // The card's name says the time a shopper sees, after what it is for.
    assert!(
        html.contains(r#"class="countdown"><span class="sr">Sisa waktu pembayaran </span>"#),
        "{html}"
    );
    // Plain text of the button, not a timer, whose text a name leaves out.
    let countdown = tags_with(&html, "countdown")[0];
    assert!(
        !countdown.contains("aria-label") && !countdown.contains("timer"),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="sr">Buka detail pembayaran</span>"#),
        "{html}"
    );
    assert_eq!(html.matches("<button").count(), 1, "{html}");

    // Cash on delivery: collected by the courier, no time running out.
    let html = show(|| {
        mini_card(&MiniCard {
            status: PaymentStatus::Pending,
            amount: Rupiah(150_000),
            expires_at: None,
            locale: Locale::IdId,
            on_open: Callback::noop(),
        })
    })
    .await;
    assert!(html.contains("Pesanan dibuat"), "{html}");
    assert!(html.contains("Rp150.000"), "{html}");
    assert!(tags_with(&html, "countdown").is_empty(), "{html}");

    let html = show(|| mini(PaymentStatus::Paid, Locale::EnUs)).await;
    assert!(
        tags_with(&html, "mini-card")[0].contains(r#"data-status="paid""#),
        "{html}"
    );
    assert!(html.contains("Paid · order being processed"), "{html}");
    assert!(html.contains("Open payment details"), "{html}");
    assert!(tags_with(&html, "countdown").is_empty(), "{html}");

    for (status, slug, text) in [
        (PaymentStatus::Expired, "expired", "Payment expired"),
        (PaymentStatus::Failed, "failed", "Payment failed"),
        (PaymentStatus::Cancelled, "cancelled", "Order cancelled"),
    ] {
        let html = show(move || mini(status, Locale::EnUs)).await;
        let card = tags_with(&html, "mini-card")[0];
        assert!(card.contains("is-closed"), "{html}");
        assert!(card.contains(&format!(r#"data-status="{slug}""#)), "{html}");
        assert!(html.contains(text), "{html}");
        assert!(tags_with(&html, "countdown").is_empty(), "{html}");
    }
}

// ---- safety --------------------------------------------------------------------

#[tokio::test]
async fn text_from_the_api_is_escaped_never_injected() {
    const EVIL: &str = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    let orders = show(|| {
        let mut evil = order("o-1", EVIL, EVIL);
        evil.items[0].option_values = vec![EVIL.into()];
        evil.shipping.courier = EVIL.into();
        evil.shipping.service = EVIL.into();
        order_status(&[evil], Locale::IdId)
    })
    .await;
    let history =
        show(|| order_history(&[order("o-1", EVIL, EVIL)], Locale::IdId, &Callback::noop())).await;
    let va_html = panel(
        payment(
            PaymentMethod::VirtualAccount { bank: Bank::Bca },
            PaymentInstructions::VirtualAccount {
                bank: Bank::Bca,
                account_number: EVIL.into(),
            },
        ),
        Locale::IdId,
    )
    .await;
    let qris_html = panel(
        payment(
            PaymentMethod::Qris,
            PaymentInstructions::Qris {
                qr_payload: EVIL.into(),
            },
        ),
        Locale::IdId,
    )
    .await;
    let mut evil_card = card(r#"https://pay.example/"><script>alert(1)</script>"#);
    evil_card.id = EVIL.into();
    let card_html = panel(evil_card, Locale::IdId).await;
    // The QRIS payload only goes into the code.
    assert!(!qris_html.contains("<script"), "{qris_html}");
    for html in [orders, history, va_html, card_html] {
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.contains("&lt;"), "{html}");
    }
}

#[tokio::test]
async fn no_view_holds_a_field_for_a_card_number_or_its_code() {
    let mut pages = Vec::new();
    for payment in [
        va(Bank::Mandiri),
        qris(),
        gopay(),
        cod(),
        card("https://pay.example/c"),
    ] {
        for status in [
            PaymentStatus::Pending,
            PaymentStatus::Paid,
            PaymentStatus::Expired,
            PaymentStatus::Failed,
            PaymentStatus::Cancelled,
        ] {
            for locale in [Locale::IdId, Locale::EnUs] {
                pages.push(panel(with_status(payment.clone(), status), locale).await);
            }
        }
    }
    pages.push(show(|| order_status(&[order("o-1", "Toko", "Kaos")], Locale::IdId)).await);
    pages.push(
        show(|| {
            order_history(
                &[order("o-1", "Toko", "Kaos")],
                Locale::IdId,
                &Callback::noop(),
            )
        })
        .await,
    );
    for status in [PaymentStatus::Pending, PaymentStatus::Paid] {
        pages.push(show(move || mini(status, Locale::IdId)).await);
    }
    for html in pages {
        let lower = html.to_lowercase();
        for field in ["<input", "<select", "<textarea", "contenteditable"] {
            assert!(!lower.contains(field), "{field}: {html}");
        }
        for hint in [
            "cc-number",
            "cc-csc",
            "cardnumber",
            "card-number",
            "cvv",
            "cvc",
        ] {
            assert!(!lower.contains(hint), "{hint}: {html}");
        }
    }
}

#[tokio::test]
async fn the_amount_to_pay_is_explained_when_it_is_not_one_orders_total() {
    // One order of Rp162.000 paid with a Rp4.000 fee: the card says Rp166.000.
    let mut with_fee = qris();
    with_fee.amount = Rupiah(166_000);
    let one = vec![order("ord-1", "Toko Batik", "Kemeja")];
    let html = show(move || payment_breakdown(&with_fee, &one, Locale::IdId)).await;
    let text = words(&html);
    assert!(text.contains("Total pesanan (1)Rp162.000"), "{text}");
    assert!(text.contains("Biaya pembayaranRp4.000"), "{text}");
    assert!(text.contains("Total pembayaranRp166.000"), "{text}");

    // Two shops' orders in one payment, no fee: the sum of both, in English.
    let mut both = qris();
    both.amount = Rupiah(324_000);
    let two = vec![
        order("ord-1", "Toko Batik", "Kemeja"),
        order("ord-2", "Toko Kaos", "Kaos"),
    ];
    let html = show(move || payment_breakdown(&both, &two, Locale::EnUs)).await;
    let text = words(&html);
    assert!(text.contains("Orders total (2)IDR 324,000"), "{text}");
    assert!(!text.contains("Payment fee"), "{text}");

    // Exactly one order's total: nothing to explain.
    let mut exact = qris();
    exact.amount = Rupiah(162_000);
    let one = vec![order("ord-1", "Toko Batik", "Kemeja")];
    let html = show(move || payment_breakdown(&exact, &one, Locale::IdId)).await;
    assert!(tags_with(&html, "pay-breakdown").is_empty(), "{html}");
}

#[tokio::test]
async fn a_same_day_courier_arrives_today() {
    let today = || {
        let mut today = order("ord-1", "Toko Batik", "Kemeja");
        today.shipping.eta_days_min = 0;
        today.shipping.eta_days_max = 0;
        today
    };
    let html = show(move || order_status(&[today()], Locale::IdId)).await;
    assert!(html.contains("Tiba hari ini"), "never \"0 hari\": {html}");
    let html = show(move || order_status(&[today()], Locale::EnUs)).await;
    assert!(html.contains("Arrives today"), "{html}");
}

#[tokio::test]
async fn check_status_waits_while_it_asks_and_says_when_nothing_changed() {
    let checked_html = |checked, locale| {
        move || {
            payment_panel(&PaymentPanel {
                payment: Rc::new(va(Bank::Bca)),
                locale,
                on_open_wallet: Callback::noop(),
                on_check: Callback::noop(),
                checked,
                on_cancel: Callback::noop(),
                cancelling: false,
            })
        }
    };
    let idle = show(checked_html(StatusCheck::Idle, Locale::IdId)).await;
    assert!(
        tags_with(&idle, "check-said")[0].contains(r#"role="status""#),
        "a region on the page before anything is said: {idle}"
    );
    assert_eq!(text_of(&idle, "check-said"), "");
    assert!(!tags_with(&idle, "check-payment")[0].contains("disabled"));
    let asking = show(checked_html(StatusCheck::Asking, Locale::IdId)).await;
    let button = &tags_with(&asking, "check-payment")[0];
    assert!(
        button.contains("disabled") && button.contains(r#"aria-busy="true""#),
        "{asking}"
    );
    assert_eq!(text_of(&asking, "check-payment"), "Mengecek…");
    let unchanged = show(checked_html(StatusCheck::Unchanged, Locale::IdId)).await;
    assert_eq!(
        text_of(&unchanged, "check-said"),
        "Pembayaran belum masuk. Kami terus mengecek otomatis."
    );
    let failed = show(checked_html(StatusCheck::Failed, Locale::EnUs)).await;
    assert_eq!(
        text_of(&failed, "check-said"),
        "The status could not be checked. Check your connection, then try again."
    );
}
