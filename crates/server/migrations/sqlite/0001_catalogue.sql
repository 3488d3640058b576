-- The catalogue: shops sell products; a product has option axes (size,
-- colour…) and one variant per combination of their values; creators run
-- streams, each showing an ordered selection of products, one maybe pinned.
--
-- Conventions, for this file and the ones after it:
-- * ids are readable URL-safe slugs (lower-case letters, digits, '-'), so
--   they go into URLs as they are;
-- * money is INTEGER rupiah, never REAL;
-- * tables are STRICT, so a value of the wrong type is an error;
-- * products are never deleted (orders will refer to them): they are unlisted.

CREATE TABLE shops (
    id   TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (name <> ''),
    city TEXT NOT NULL CHECK (city <> '')
) STRICT;

CREATE TABLE creators (
    id   TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
) STRICT;

CREATE TABLE products (
    id          TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    shop_id     TEXT NOT NULL REFERENCES shops (id),
    name        TEXT NOT NULL CHECK (name <> ''),
    -- Plain text; paragraphs separated by blank lines.
    description TEXT NOT NULL,
    -- Picks the icon of the generated illustrations.
    category    TEXT NOT NULL CHECK (category IN ('apparel', 'hijab', 'footwear', 'bag',
                                                  'food', 'coffee', 'beauty', 'drinkware',
                                                  'textile')),
    -- The base hue of the illustrations' palette.
    hue         INTEGER NOT NULL CHECK (hue BETWEEN 0 AND 359),
    -- How many illustrations the product has (/media/products/{id}/{1..n}.svg).
    image_count INTEGER NOT NULL CHECK (image_count BETWEEN 1 AND 3),
    sold_count  INTEGER NOT NULL DEFAULT 0 CHECK (sold_count >= 0),
    -- Unlisted products are hidden from shoppers but kept for past orders.
    listed      INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1))
) STRICT;

CREATE INDEX products_by_shop ON products (shop_id);

-- What shoppers may see; every catalogue read goes through it.
CREATE VIEW listed_products AS SELECT * FROM products WHERE listed = 1;

-- One option axis of a product, e.g. 'Ukuran' with ["S","M","L","XL"].
CREATE TABLE product_options (
    product_id TEXT NOT NULL REFERENCES products (id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    name       TEXT NOT NULL CHECK (name <> ''),
    -- JSON array of strings, in display order.
    choices    TEXT NOT NULL CHECK (json_valid(choices) AND json_type(choices) = 'array'),
    PRIMARY KEY (product_id, position),
    UNIQUE (product_id, name)
) STRICT;

-- A buyable variant. Carts and orders refer to it by id; stock is taken with
-- a conditional UPDATE … SET stock = stock - ? WHERE id = ? AND stock >= ?,
-- and the CHECK below makes overselling impossible even for a buggy query.
CREATE TABLE variants (
    id             TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    product_id     TEXT NOT NULL REFERENCES products (id),
    -- Order among the product's variants: the order of option combinations.
    position       INTEGER NOT NULL CHECK (position >= 0),
    -- JSON array: one value per option, in option position order.
    option_values  TEXT NOT NULL CHECK (json_valid(option_values)
                                        AND json_type(option_values) = 'array'),
    price          INTEGER NOT NULL CHECK (price > 0),
    original_price INTEGER CHECK (original_price > price),
    stock          INTEGER NOT NULL CHECK (stock >= 0),
    weight_grams   INTEGER NOT NULL CHECK (weight_grams > 0),
    UNIQUE (product_id, position),
    UNIQUE (product_id, option_values)
) STRICT;

CREATE INDEX variants_by_product ON variants (product_id, position);

CREATE TABLE streams (
    id                TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    title             TEXT NOT NULL CHECK (title <> ''),
    kind              TEXT NOT NULL CHECK (kind IN ('live', 'video')),
    creator_id        TEXT NOT NULL REFERENCES creators (id),
    -- RFC 3339 UTC ('2025-06-14T12:00:00Z'), so text order is time order.
    started_at        TEXT NOT NULL,
    pinned_product_id TEXT,
    -- A stream can only pin a product of its own showcase. Deferred, so a
    -- transaction may write the stream before its showcase.
    FOREIGN KEY (id, pinned_product_id)
        REFERENCES stream_products (stream_id, product_id)
        DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX streams_by_creator ON streams (creator_id);

-- A stream's showcase, in the creator's order.
CREATE TABLE stream_products (
    stream_id  TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (stream_id, product_id),
    UNIQUE (stream_id, position)
) STRICT;
