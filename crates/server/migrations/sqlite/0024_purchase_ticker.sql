-- Whether a host's viewers' live feeds carry the purchase ticker
-- (docs/decisions/0060-publishable-keys.md, "Social proof"); on unless the
-- host switches it off.
ALTER TABLE hosts ADD COLUMN purchase_ticker INTEGER NOT NULL DEFAULT 1
    CHECK (purchase_ticker IN (0, 1));
