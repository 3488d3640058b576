-- Quotes: shops get a province (shipping zones start there), vouchers, and
-- the quotes the server answered, so an order can check nothing changed.

ALTER TABLE shops ADD COLUMN province TEXT NOT NULL DEFAULT '';
-- Databases seeded before this migration: their shops' provinces.
UPDATE shops SET province = CASE city
    WHEN 'Yogyakarta' THEN 'DI Yogyakarta'
    WHEN 'Bandung' THEN 'Jawa Barat'
    WHEN 'Surabaya' THEN 'Jawa Timur'
    WHEN 'Semarang' THEN 'Jawa Tengah'
    ELSE 'DKI Jakarta' END
 WHERE province = '';

-- A voucher: a percentage (basis points, 1% = 100) or a fixed amount, with a
-- cap, a minimum spend, a quota and a validity window. `used` is taken with
-- a conditional UPDATE … SET used = used + 1 WHERE used < quota, and the
-- CHECK makes overuse impossible even for a buggy query.
CREATE TABLE vouchers (
    code         TEXT PRIMARY KEY CHECK (code <> '' AND code NOT GLOB '*[^A-Z0-9]*'),
    kind         TEXT NOT NULL CHECK (kind IN ('shop', 'platform', 'free_shipping')),
    shop_id      TEXT REFERENCES shops (id),
    percent_bp   INTEGER CHECK (percent_bp BETWEEN 1 AND 10000),
    amount       INTEGER CHECK (amount > 0),
    max_discount INTEGER CHECK (max_discount > 0),
    min_spend    INTEGER NOT NULL DEFAULT 0 CHECK (min_spend >= 0),
    quota        INTEGER NOT NULL CHECK (quota >= 0),
    used         INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= quota),
    starts_at    TEXT NOT NULL,
    expires_at   TEXT NOT NULL CHECK (expires_at > starts_at),
    CHECK ((kind = 'shop') = (shop_id IS NOT NULL)),
    CHECK ((percent_bp IS NULL) <> (amount IS NULL))
) STRICT;

-- A quote as answered: the request it priced and the answer, both JSON.
CREATE TABLE quotes (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    request    TEXT NOT NULL CHECK (json_valid(request)),
    answer     TEXT NOT NULL CHECK (json_valid(answer)),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX quotes_by_age ON quotes (created_at);
