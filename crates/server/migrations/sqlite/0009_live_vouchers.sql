-- Live vouchers: dropped by a creator during a stream, claimed by viewers
-- for a few minutes, then used at checkout like any platform voucher.
--
-- The voucher itself is a `vouchers` row (kind 'platform'), so pricing,
-- quota at checkout and its release on cancel or expiry are the same code.
-- This table adds the stream, the claim window and the claims' count, taken
-- with a conditional UPDATE … SET claimed = claimed + 1 WHERE claimed < quota;
-- the CHECK makes over-claiming impossible even for a buggy query.
CREATE TABLE live_vouchers (
    code            TEXT PRIMARY KEY REFERENCES vouchers (code),
    stream_id       TEXT NOT NULL REFERENCES streams (id),
    quota           INTEGER NOT NULL CHECK (quota >= 1),
    claimed         INTEGER NOT NULL DEFAULT 0 CHECK (claimed >= 0 AND claimed <= quota),
    claimable_until TEXT NOT NULL,
    created_at      TEXT NOT NULL CHECK (claimable_until > created_at)
) STRICT;

CREATE INDEX live_vouchers_by_stream ON live_vouchers (stream_id, claimable_until);

-- Who claimed which live voucher. A claim is good for one checkout: `used`
-- is set when an order uses it, and cleared if that order is cancelled or
-- expires.
CREATE TABLE voucher_claims (
    code       TEXT NOT NULL REFERENCES live_vouchers (code),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    claimed_at TEXT NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    PRIMARY KEY (code, user_id)
) STRICT;
