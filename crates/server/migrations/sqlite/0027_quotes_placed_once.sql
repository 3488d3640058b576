-- A quote is placed at most once: the checkout's transaction marks it, with
-- a conditional update that two placements of one quote under two keys
-- cannot both pass (decision 0067). Quotes placed already are marked.
ALTER TABLE quotes ADD COLUMN placed_at TEXT;

UPDATE quotes SET placed_at = (SELECT MIN(c.created_at) FROM checkouts c WHERE c.quote_id = quotes.id)
 WHERE id IN (SELECT quote_id FROM checkouts);
