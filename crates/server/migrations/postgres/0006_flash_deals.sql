-- Flash deals: units of a variant set aside from its stock, sold at a deal
-- price inside a window, at most `per_buyer_limit` to one buyer.
-- `units_left` is taken with a conditional UPDATE … WHERE units_left >= n
-- inside the checkout's transaction, never read-then-write; `ended_at` is
-- set once, by the statement that gives the unsold units back to stock.
CREATE TABLE flash_deals (
    id              TEXT COLLATE "C" PRIMARY KEY,
    stream_id       TEXT COLLATE "C" NOT NULL REFERENCES streams (id),
    product_id      TEXT COLLATE "C" NOT NULL REFERENCES products (id),
    variant_id      TEXT COLLATE "C" NOT NULL REFERENCES variants (id),
    price           BIGINT NOT NULL CHECK (price > 0),
    units           BIGINT NOT NULL CHECK (units > 0),
    units_left      BIGINT NOT NULL CHECK (units_left >= 0 AND units_left <= units),
    per_buyer_limit BIGINT NOT NULL CHECK (per_buyer_limit > 0),
    starts_at       TEXT COLLATE "C" NOT NULL,
    ends_at         TEXT COLLATE "C" NOT NULL CHECK (ends_at > starts_at),
    -- Set when the deal opened and viewers were told.
    opened_at       TEXT COLLATE "C",
    -- Set when it ended (on time or early) and its unsold units went back.
    ended_at        TEXT COLLATE "C",
    returned_units  BIGINT NOT NULL DEFAULT 0 CHECK (returned_units >= 0),
    created_at      TEXT COLLATE "C" NOT NULL
);

-- At most one deal not yet ended per product.
CREATE UNIQUE INDEX flash_deals_running ON flash_deals (product_id) WHERE ended_at IS NULL;
CREATE INDEX flash_deals_by_stream ON flash_deals (stream_id, starts_at);

-- Units each buyer bought at a deal's price: raised by a conditional
-- upsert that refuses to pass the deal's limit, in the checkout's
-- transaction.
CREATE TABLE flash_deal_buyers (
    deal_id TEXT COLLATE "C" NOT NULL REFERENCES flash_deals (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    units   BIGINT NOT NULL CHECK (units > 0),
    PRIMARY KEY (deal_id, user_id)
);

-- A quote made through a deal: the deal, the units asked for, and whether
-- the quote holds the deal price (1) or the normal one (0).
ALTER TABLE quotes ADD COLUMN deal_id TEXT COLLATE "C";
ALTER TABLE quotes ADD COLUMN deal_quantity BIGINT;
ALTER TABLE quotes ADD COLUMN at_deal_price BIGINT;
