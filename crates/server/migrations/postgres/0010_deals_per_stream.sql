-- One deal not yet ended per product of each stream, not per product:
-- creators who show the same product each run their own deals, with their
-- own units set aside, and none can lock the product for the others.
DROP INDEX flash_deals_running;
CREATE UNIQUE INDEX flash_deals_running ON flash_deals (stream_id, product_id) WHERE ended_at IS NULL;
