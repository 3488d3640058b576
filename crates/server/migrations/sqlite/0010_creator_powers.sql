-- Creator powers bounded (decisions 0021 and 0022): a stream is credited
-- only with the products it showed, and a live voucher stays within the
-- platform's bounds.

-- Whether an order line is attributed to its checkout's stream: its cart
-- line was added from that stream while the stream's showcase held the
-- product. Only attributed lines count in the stream's sales, and only they
-- earn commission (an unattributed line is written with commission_bp 0).
-- Lines ordered before this migration were attributed to their checkout's
-- stream under the rule of the time, and keep what they earned: past
-- earnings are never rewritten.
ALTER TABLE order_items ADD COLUMN attributed INTEGER NOT NULL DEFAULT 0
    CHECK (attributed IN (0, 1));
UPDATE order_items SET attributed = 1
 WHERE order_id IN (SELECT o.id FROM orders o JOIN checkouts c ON c.id = o.checkout_id
                     WHERE c.stream_id IS NOT NULL);

-- A cart line carries a stream only when the stream showed its product.
-- Lines in carts now: the showcase as it stands is the best evidence left.
UPDATE cart_items SET stream_id = NULL, playback_second = NULL
 WHERE stream_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM variants v
                     JOIN stream_products sp ON sp.product_id = v.product_id
                    WHERE v.id = cart_items.variant_id AND sp.stream_id = cart_items.stream_id);

-- Live vouchers already dropped are brought within the bounds new drops
-- are refused outside (live_vouchers.rs): at most 50% with a cap of at most
-- Rp100.000 (Rp100.000 where there was none), or at most Rp100.000 off.
UPDATE vouchers SET percent_bp = MIN(percent_bp, 5000),
                    max_discount = MIN(COALESCE(max_discount, 100000), 100000)
 WHERE percent_bp IS NOT NULL AND code IN (SELECT code FROM live_vouchers);
UPDATE vouchers SET amount = MIN(amount, 100000)
 WHERE amount IS NOT NULL AND code IN (SELECT code FROM live_vouchers);
