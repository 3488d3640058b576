-- Whether a host's viewers' live feeds carry the purchase ticker; on unless
-- the host switches it off (docs/decisions/0060-publishable-keys.md).
ALTER TABLE hosts ADD COLUMN purchase_ticker BOOLEAN NOT NULL DEFAULT TRUE;
