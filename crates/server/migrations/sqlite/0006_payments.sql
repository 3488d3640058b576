-- Webhook events from the payment provider, each applied at most once:
-- the event is recorded in the same transaction as its effect, and a
-- replayed id finds its row already there.
CREATE TABLE webhook_events (
    id          TEXT PRIMARY KEY CHECK (id <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('payment.paid', 'payment.failed', 'payment.expired')),
    payment_id  TEXT NOT NULL REFERENCES payments (id),
    received_at TEXT NOT NULL
) STRICT;
