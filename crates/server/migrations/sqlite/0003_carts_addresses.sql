-- Carts and saved addresses, one set per user.

-- A cart line. Prices are never stored here: the cart shows the variant's
-- price now, and quotes and orders compute from it.
CREATE TABLE cart_items (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    variant_id TEXT NOT NULL REFERENCES variants (id),
    quantity   INTEGER NOT NULL CHECK (quantity >= 1),
    added_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, variant_id)
) STRICT;

CREATE TABLE addresses (
    id          TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    recipient   TEXT NOT NULL CHECK (recipient <> ''),
    -- Normalised to +628…
    phone       TEXT NOT NULL CHECK (phone GLOB '+628[0-9]*'),
    province    TEXT NOT NULL CHECK (province <> ''),
    city        TEXT NOT NULL CHECK (city <> ''),
    district    TEXT NOT NULL CHECK (district <> ''),
    postal_code TEXT NOT NULL CHECK (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*'),
    street      TEXT NOT NULL CHECK (street <> ''),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX addresses_by_user ON addresses (user_id, created_at);
