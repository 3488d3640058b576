-- Orders: a checkout of one quote becomes one order per shop and one
-- payment. Stock and voucher quota are taken when it is placed and given
-- back if it is cancelled or expires unpaid.

CREATE TABLE checkouts (
    id          TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    quote_id    TEXT NOT NULL REFERENCES quotes (id),
    stream_id   TEXT REFERENCES streams (id),
    creator_id  TEXT REFERENCES creators (id),
    -- The totals and vouchers as quoted (JSON of the contract's types).
    totals      TEXT NOT NULL CHECK (json_valid(totals)),
    vouchers    TEXT NOT NULL CHECK (json_valid(vouchers)),
    grand_total INTEGER NOT NULL CHECK (grand_total >= 0),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX checkouts_by_user ON checkouts (user_id);

CREATE TABLE orders (
    id          TEXT PRIMARY KEY,
    checkout_id TEXT NOT NULL REFERENCES checkouts (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    shop_id     TEXT NOT NULL REFERENCES shops (id),
    status      TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'processing',
                                                'shipped', 'delivered', 'completed',
                                                'cancelled', 'expired')),
    -- The shop's part of the quote and the address, as placed (JSON).
    detail      TEXT NOT NULL CHECK (json_valid(detail)),
    address     TEXT NOT NULL CHECK (json_valid(address)),
    total       INTEGER NOT NULL CHECK (total >= 0),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX orders_by_user ON orders (user_id, created_at);
CREATE INDEX orders_by_checkout ON orders (checkout_id);

-- What an order took from stock, to give back.
CREATE TABLE order_items (
    order_id   TEXT NOT NULL REFERENCES orders (id),
    variant_id TEXT NOT NULL REFERENCES variants (id),
    quantity   INTEGER NOT NULL CHECK (quantity >= 1),
    price      INTEGER NOT NULL CHECK (price > 0),
    PRIMARY KEY (order_id, variant_id)
) STRICT;

-- Every status an order entered, with when.
CREATE TABLE order_events (
    id       INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    status   TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;

CREATE INDEX order_events_by_order ON order_events (order_id, id);

-- The vouchers a checkout used, to give their quota back.
CREATE TABLE checkout_vouchers (
    checkout_id TEXT NOT NULL REFERENCES checkouts (id),
    code        TEXT NOT NULL REFERENCES vouchers (code),
    PRIMARY KEY (checkout_id, code)
) STRICT;

CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    checkout_id  TEXT NOT NULL UNIQUE REFERENCES checkouts (id),
    method       TEXT NOT NULL CHECK (json_valid(method)),
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    status       TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired',
                                                 'cancelled')),
    instructions TEXT NOT NULL CHECK (json_valid(instructions)),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    paid_at      TEXT
) STRICT;

CREATE INDEX payments_pending_by_expiry ON payments (expires_at) WHERE status = 'pending';

-- Idempotency keys of POST /v1/orders, per shopper (after Stripe and the
-- IETF Idempotency-Key draft). `fingerprint` is the SHA-256 of the request;
-- a `running` key is leased until `locked_until`, so a key whose server died
-- mid-request can be taken over; a `done` key replays `status` and `body`
-- byte for byte. Kept at least 24 hours.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL REFERENCES users (id),
    key          TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('running', 'done')),
    status       INTEGER,
    body         BLOB,
    locked_until TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key),
    CHECK ((state = 'done') = (status IS NOT NULL AND body IS NOT NULL))
) STRICT;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
