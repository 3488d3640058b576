-- Attribution and commission: where a cart line's product was opened, the
-- playback second an order line was opened at, and each product's
-- commission rate for creators, kept on the order line as it was when
-- ordered.

-- Basis points of a line's value paid to the creator of the stream it was
-- sold from (800 = 8%).
ALTER TABLE products ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 500
    CHECK (commission_bp BETWEEN 0 AND 10000);
-- Databases seeded before this migration: the seed's rates by category.
UPDATE products SET commission_bp = CASE category
    WHEN 'apparel' THEN 800
    WHEN 'hijab' THEN 800
    WHEN 'footwear' THEN 700
    WHEN 'bag' THEN 700
    WHEN 'food' THEN 500
    WHEN 'coffee' THEN 600
    WHEN 'beauty' THEN 1200
    WHEN 'drinkware' THEN 600
    ELSE 1000 END;

-- The stream or video the line's product was opened from, and for a video
-- the playback second.
ALTER TABLE cart_items ADD COLUMN stream_id TEXT REFERENCES streams (id);
ALTER TABLE cart_items ADD COLUMN playback_second INTEGER CHECK (playback_second >= 0);

-- Copied from the cart line when it was opened on the stream the checkout
-- is attributed to, and from the product.
ALTER TABLE order_items ADD COLUMN playback_second INTEGER CHECK (playback_second >= 0);
ALTER TABLE order_items ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 0
    CHECK (commission_bp BETWEEN 0 AND 10000);
UPDATE order_items SET commission_bp = (
    SELECT p.commission_bp FROM variants v JOIN products p ON p.id = v.product_id
     WHERE v.id = order_items.variant_id);

-- Sales per stream read orders by their checkout's stream.
CREATE INDEX checkouts_by_stream ON checkouts (stream_id);
