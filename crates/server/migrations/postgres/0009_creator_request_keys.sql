-- A creator's tap sent twice (a double tap, a retry after a lost answer)
-- makes one voucher or one deal: the request's Idempotency-Key, unique per
-- stream, and a hash of its body, so that the same key with other terms
-- is refused rather than answered with the first.
ALTER TABLE live_vouchers ADD COLUMN request_key TEXT COLLATE "C";
ALTER TABLE live_vouchers ADD COLUMN request_hash TEXT COLLATE "C";
CREATE UNIQUE INDEX live_vouchers_by_request ON live_vouchers (stream_id, request_key)
    WHERE request_key IS NOT NULL;
ALTER TABLE flash_deals ADD COLUMN request_key TEXT COLLATE "C";
ALTER TABLE flash_deals ADD COLUMN request_hash TEXT COLLATE "C";
CREATE UNIQUE INDEX flash_deals_by_request ON flash_deals (stream_id, request_key)
    WHERE request_key IS NOT NULL;
