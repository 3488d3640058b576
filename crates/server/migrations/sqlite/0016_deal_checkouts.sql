-- The flash deal whose units a checkout bought at the deal price: a
-- checkout that ends unpaid while its deal runs gives them back to the
-- deal, and its buyer's count, not to the variant's ordinary stock.
ALTER TABLE checkouts ADD COLUMN deal_id TEXT REFERENCES flash_deals (id);
